/*
 * test_audit.c - the chain-of-custody log detects any edit.
 */
#include "ingest/audit.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* append_event - one small event */
static void append_event(const char *dir, const char *name, int n)
{
    json_object *ev = json_object_new_object();
    json_object_object_add(ev, "event", json_object_new_string(name));
    json_object_object_add(ev, "n", json_object_new_int(n));
    char *err = NULL;
    ck_assert_msg(audit_append(dir, ev, &err) == 0, "%s", err);
    json_object_put(ev);
}

/* count_events - audit_each callback */
static int count_events(json_object *e, void *ctx)
{
    json_object *n;
    ck_assert(json_object_object_get_ex(e, "n", &n));
    ck_assert_int_eq(json_object_get_int(n), *(int *)ctx);
    (*(int *)ctx)++;
    return 0;
}

START_TEST(chain_verifies_and_iterates)
{
    char *dir = tu_tempdir("audit");
    for (int i = 0; i < 20; i++)
        append_event(dir, "received", i);
    size_t lines = 0;
    char *err = NULL;
    ck_assert_int_eq(audit_verify(dir, &lines, &err), 0);
    ck_assert_uint_eq(lines, 20);
    int seen = 0;
    ck_assert_int_eq(audit_each(dir, count_events, &seen, &err), 0);
    ck_assert_int_eq(seen, 20);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(edit_breaks_chain)
{
    char *dir = tu_tempdir("audit");
    for (int i = 0; i < 5; i++)
        append_event(dir, "received", i);
    char *log = tu_path(dir, "audit.log");
    size_t len;
    char *text = tu_read(log, &len);
    char *third = strstr(text, "\"n\":2");
    ck_assert_ptr_nonnull(third);
    third[4] = '7'; /* someone edits line 3 */
    tu_write(log, text, len);
    size_t lines = 0;
    char *err = NULL;
    ck_assert_int_eq(audit_verify(dir, &lines, &err), -1);
    ck_assert_str_eq(err, "audit log chain broken at line 4");
    free(err);
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(removed_line_breaks_chain)
{
    char *dir = tu_tempdir("audit");
    for (int i = 0; i < 3; i++)
        append_event(dir, "received", i);
    char *log = tu_path(dir, "audit.log");
    char *text = tu_read(log, NULL);
    char *second = strchr(text, '\n') + 1;
    char *third = strchr(second, '\n') + 1;
    memmove(second, third, strlen(third) + 1);
    tu_write(log, text, strlen(text));
    size_t lines;
    char *err = NULL;
    ck_assert_int_eq(audit_verify(dir, &lines, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "line 2"));
    free(err);
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(missing_log_is_empty)
{
    char *dir = tu_tempdir("audit");
    size_t lines = 99;
    ck_assert_int_eq(audit_verify(dir, &lines, NULL), 0);
    ck_assert_uint_eq(lines, 0);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("audit");
    TCase *tc = tcase_create("chain");
    tcase_add_test(tc, chain_verifies_and_iterates);
    tcase_add_test(tc, edit_breaks_chain);
    tcase_add_test(tc, removed_line_breaks_chain);
    tcase_add_test(tc, missing_log_is_empty);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
