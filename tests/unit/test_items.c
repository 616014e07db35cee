/*
 * test_items.c - item records: receptions, results, hash prefixes.
 */
#include "record/record.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const char sha[] = "abcdef0000000000000000000000000000000000000000000000000000000001";
static const char sha2[] = "abcdef1111111111111111111111111111111111111111111111111111111112";

/* receptions_json - the item's receptions as their JSON lines (caller puts them) */
static json_object *receptions_json(const char *data_dir, const char *sha256, char **err)
{
    item_receptions *list = item_receptions_load(data_dir, sha256, err);
    json_object *a = list ? json_object_new_array() : NULL;
    for (size_t i = 0; list && i < list->n; i++)
        json_object_array_add(a, item_reception_json(&list->list[i]));
    item_receptions_free(list);
    return a;
}

/* result_json - the item's result as saved (caller puts it), NULL with *err */
static json_object *result_json(const char *data_dir, const char *sha256, char **err)
{
    item_result *r = item_result_load(data_dir, sha256, err);
    json_object *o = r ? item_result_json(r) : NULL;
    item_result_free(r);
    return o;
}

START_TEST(receipts_accumulate_in_order)
{
    char *dir = tu_tempdir("items");
    item_reception a = {.path = "/in/a.pdf", .name = "a.pdf", .size = 10, .mtime_ns = 5};
    item_reception b = {.path = "/in/x.zip",
                        .name = "a.pdf",
                        .parent = sha2,
                        .member = "d/a.pdf",
                        .size = 10};
    char *err = NULL;
    ck_assert_int_eq(item_reception_add(dir, sha, &a, &err), 0);
    ck_assert_int_eq(item_reception_add(dir, sha, &b, &err), 0);
    json_object *list = receptions_json(dir, sha, &err);
    ck_assert_ptr_nonnull(list);
    ck_assert_uint_eq(json_object_array_length(list), 2);
    json_object *first = json_object_array_get_idx(list, 0),
                *second = json_object_array_get_idx(list, 1);
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
    ck_assert_ptr_null(result_json(dir, sha, &err));
    ck_assert_ptr_nonnull(err);
    free(err);
    err = NULL;
    item_result *r = item_result_failed(sha, "application/pdf", "encrypted PDF");
    ck_assert_int_eq(item_result_save(dir, r, &err), 0);
    item_result_free(r);
    json_object *back = result_json(dir, sha, &err);
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
    item_reception a = {.path = "/in/a", .name = "a"};
    ck_assert_int_eq(item_reception_add(dir, sha, &a, NULL), 0);
    char *err = NULL;
    char *full = item_resolve(dir, "ABCDEF0", &err);
    ck_assert_ptr_nonnull(full);
    ck_assert_str_eq(full, sha);
    free(full);
    ck_assert_int_eq(item_reception_add(dir, sha2, &a, NULL), 0);
    ck_assert_ptr_null(item_resolve(dir, "abcdef", &err));
    ck_assert_ptr_nonnull(strstr(err, "2 items start with abcdef"));
    free(err);
    err = NULL;
    ck_assert_ptr_null(item_resolve(dir, "abc", &err));
    ck_assert_ptr_nonnull(strstr(err, "at least 4"));
    free(err);
    err = NULL;
    ck_assert_ptr_null(item_resolve(dir, "zzzz", &err));
    ck_assert_ptr_nonnull(strstr(err, "hex"));
    free(err);
    err = NULL;
    ck_assert_ptr_null(item_resolve(dir, "1234", &err));
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
