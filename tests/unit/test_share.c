/*
 * test_share.c - --share K/N: every file is taken by exactly one of N
 * machines, the same one every time, and K/N is read strictly.
 */
#include "ingest/accept.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>

START_TEST(each_path_goes_to_exactly_one_machine)
{
    unsigned taken[3] = {0};
    for (int i = 0; i < 3000; i++) {
        char path[64];
        snprintf(path, sizeof path, "2024/court-%d/scan_%04d.pdf", i % 7, i);
        int owners = 0;
        for (unsigned k = 1; k <= 3; k++)
            if (accept_in_share(path, k, 3)) {
                owners++;
                taken[k - 1]++;
                ck_assert(accept_in_share(path, k, 3)); /* the same answer again */
            }
        ck_assert_int_eq(owners, 1);
        ck_assert(accept_in_share(path, 0, 0)); /* no --share: everything */
    }
    for (int k = 0; k < 3; k++) /* about a third each */
        ck_assert_msg(taken[k] > 850 && taken[k] < 1150, "machine %d took %u", k + 1, taken[k]);
}
END_TEST

/* The share is a fixed function of the path: machines running different
 * versions of dokaz must split a folder the same way. The machines below are
 * the first 4 bytes of each path's SHA-256 (Python's hashlib), modulo N, plus 1. */
START_TEST(the_share_of_a_path_never_changes)
{
    const struct {
        const char *path;
        unsigned of5, of2;
    } known[] = {{"2024/court-3/scan_0001.pdf", 2, 2}, {"Минск/приговор.pdf", 3, 2}, {"a", 1, 1}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        for (unsigned k = 1; k <= 5; k++) {
            ck_assert_int_eq(accept_in_share(known[i].path, k, 5), k == known[i].of5);
            ck_assert_int_eq(accept_in_share(known[i].path, k > 2 ? 1 : k, 2),
                             (k > 2 ? 1 : k) == known[i].of2);
        }
}
END_TEST

START_TEST(share_is_read_strictly)
{
    unsigned k = 0, n = 0;
    ck_assert_int_eq(accept_parse_share("2/3", &k, &n), 0);
    ck_assert_uint_eq(k, 2);
    ck_assert_uint_eq(n, 3);
    const char *bad[] = {"0/3", "4/3", "3", "/3", "1/", "1/3x", "a/b", "1/0", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(accept_parse_share(bad[i], &k, &n) == -1, "took \"%s\"", bad[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("share");
    TCase *tc = tcase_create("share");
    tcase_add_test(tc, each_path_goes_to_exactly_one_machine);
    tcase_add_test(tc, the_share_of_a_path_never_changes);
    tcase_add_test(tc, share_is_read_strictly);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
