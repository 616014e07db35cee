/*
 * test_error.c - error messages handed to the caller, and the kinds a caller
 * may branch on instead of the message's words.
 */
#include "common/error.h"
#include "testutil.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

START_TEST(fail_formats_and_replaces)
{
    char *err = NULL;
    ck_assert_int_eq(dk_fail(&err, "cannot open %s", "/x"), -1);
    ck_assert_str_eq(err, "cannot open /x");
    ck_assert_int_eq(dk_fail(&err, "second %d", 2), -1); /* the first is freed */
    ck_assert_str_eq(err, "second 2");
    free(err);
    ck_assert_int_eq(dk_fail(NULL, "nobody wants %s", "this"), -1);
}
END_TEST

START_TEST(fail_errno_explains)
{
    char *err = NULL;
    errno = ENOENT;
    ck_assert_int_eq(dk_fail_errno(&err, "cannot open %s", "/x"), -1);
    ck_assert_str_eq(err, "cannot open /x: No such file or directory");
    ck_assert_int_eq(errno, ENOENT); /* kept for the caller */
    free(err);
}
END_TEST

START_TEST(fail_kind_returns_it)
{
    char *err = NULL;
    ck_assert_int_eq(dk_fail_kind(&err, DK_ERR_CHANGED, "%s changed", "a.pdf"), DK_ERR_CHANGED);
    ck_assert_str_eq(err, "a.pdf changed");
    free(err);
    ck_assert_int_eq(dk_fail_kind(NULL, DK_ERR_FAILED, "x"), -1);
    /* every kind is a failure to callers that only test != 0 or < 0 */
    ck_assert_int_lt(DK_ERR_FAILED, 0);
    ck_assert_int_lt(DK_ERR_CHANGED, 0);
    ck_assert_int_ne(DK_ERR_CHANGED, DK_ERR_FAILED);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("error");
    tcase_add_test(tc, fail_formats_and_replaces);
    tcase_add_test(tc, fail_errno_explains);
    tcase_add_test(tc, fail_kind_returns_it);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
