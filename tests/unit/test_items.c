/*
 * test_items.c - item records: receptions, results, hash prefixes.
 */
#include "ingest/items.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const char sha[] = "abcdef0000000000000000000000000000000000000000000000000000000001";
static const char sha2[] = "abcdef1111111111111111111111111111111111111111111111111111111112";

START_TEST(receipts_accumulate_in_order)
{
    char *dir = tu_tempdir("items");
    items_receipt a = {.path = "/in/a.pdf", .name = "a.pdf", .size = 10, .mtime_ns = 5};
    items_receipt b = {.path = "/in/x.zip", .name = "a.pdf", .parent = sha2, .member = "d/a.pdf",
                       .size = 10};
    char *err = NULL;
    ck_assert_int_eq(items_add_receipt(dir, sha, &a, &err), 0);
    ck_assert_int_eq(items_add_receipt(dir, sha, &b, &err), 0);
    json_object *list = items_receipts(dir, sha, &err);
    ck_assert_ptr_nonnull(list);
    ck_assert_uint_eq(json_object_array_length(list), 2);
    json_object *first = json_object_array_get_idx(list, 0), *second = json_object_array_get_idx(list, 1);
    json_object *v;
    ck_assert(json_object_object_get_ex(first, "path", &v));
    ck_assert_str_eq(json_object_get_string(v), "/in/a.pdf");
    ck_assert(json_object_object_get_ex(first, "member", &v));
    ck_assert_ptr_null(v);
    ck_assert(json_object_object_get_ex(second, "member", &v));
    ck_assert_str_eq(json_object_get_string(v), "d/a.pdf");
    ck_assert(json_object_object_get_ex(second, "time", &v));
    ck_assert_int_eq(strlen(json_object_get_string(v)), 24);
    json_object_put(list);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(result_roundtrip)
{
    char *dir = tu_tempdir("items");
    char *err = NULL;
    ck_assert_ptr_null(items_load_result(dir, sha, &err));
    ck_assert_ptr_nonnull(err);
    free(err);
    err = NULL;
    json_object *r = items_failed_result(sha, "application/pdf", "encrypted PDF");
    ck_assert_int_eq(items_save_result(dir, sha, r, &err), 0);
    json_object_put(r);
    json_object *back = items_load_result(dir, sha, &err);
    ck_assert_ptr_nonnull(back);
    json_object *v;
    ck_assert(json_object_object_get_ex(back, "status", &v));
    ck_assert_str_eq(json_object_get_string(v), "failed");
    ck_assert(json_object_object_get_ex(back, "reason", &v));
    ck_assert_str_eq(json_object_get_string(v), "encrypted PDF");
    json_object_put(back);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(resolve_prefix)
{
    char *dir = tu_tempdir("items");
    items_receipt a = {.path = "/in/a", .name = "a"};
    ck_assert_int_eq(items_add_receipt(dir, sha, &a, NULL), 0);
    char *err = NULL;
    char *full = items_resolve(dir, "ABCDEF0", &err);
    ck_assert_ptr_nonnull(full);
    ck_assert_str_eq(full, sha);
    free(full);
    ck_assert_int_eq(items_add_receipt(dir, sha2, &a, NULL), 0);
    ck_assert_ptr_null(items_resolve(dir, "abcdef", &err));
    ck_assert_ptr_nonnull(strstr(err, "2 items start with abcdef"));
    free(err);
    err = NULL;
    ck_assert_ptr_null(items_resolve(dir, "abc", &err));
    ck_assert_ptr_nonnull(strstr(err, "at least 4"));
    free(err);
    err = NULL;
    ck_assert_ptr_null(items_resolve(dir, "zzzz", &err));
    ck_assert_ptr_nonnull(strstr(err, "hex"));
    free(err);
    err = NULL;
    ck_assert_ptr_null(items_resolve(dir, "1234", &err));
    ck_assert_ptr_nonnull(strstr(err, "no item"));
    free(err);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("items");
    TCase *tc = tcase_create("records");
    tcase_add_test(tc, receipts_accumulate_in_order);
    tcase_add_test(tc, result_roundtrip);
    tcase_add_test(tc, resolve_prefix);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
