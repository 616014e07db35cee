/*
 * test_protocol.c - the lines between the supervisor and its workers: every
 * kind parses back from what proto_format writes; lines that are not the
 * protocol (bad words, long lines, wrong hashes) are PROTO_BAD.
 */
#include "service/protocol.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

static const char sha[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/* parses_as - proto_parse's kind for `line`, checking the hash it keeps */
static proto_kind parses_as(const char *line, const char *want_sha)
{
    proto_msg m;
    proto_kind kind = proto_parse(line, &m);
    ck_assert_int_eq(m.kind, kind);
    ck_assert_str_eq(m.sha256, want_sha);
    return kind;
}

START_TEST(good_lines)
{
    char line[80];
    ck_assert_int_eq(parses_as("ready", ""), PROTO_READY);
    ck_assert_int_eq(parses_as(sha, sha), PROTO_ITEM);
    snprintf(line, sizeof line, "help %s", sha);
    ck_assert_int_eq(parses_as(line, sha), PROTO_HELP);
    snprintf(line, sizeof line, "helped %s", sha);
    ck_assert_int_eq(parses_as(line, sha), PROTO_HELPED);
}
END_TEST

START_TEST(format_then_parse)
{
    char line[PROTO_LINE_MAX];
    ck_assert_int_eq(proto_format(line, PROTO_READY, NULL), 6);
    ck_assert_str_eq(line, "ready\n");
    ck_assert_int_eq(proto_format(line, PROTO_ITEM, sha), 65);
    ck_assert_int_eq(proto_format(line, PROTO_HELP, sha), 70);
    ck_assert_int_eq(proto_format(line, PROTO_HELPED, sha), 72);
    ck_assert_int_eq(strncmp(line, "helped ", 7), 0);
    ck_assert_str_eq(line + 7 + 64, "\n");
    for (proto_kind k = PROTO_READY; k <= PROTO_HELPED; k++) {
        int len = proto_format(line, k, sha);
        ck_assert_int_gt(len, 0);
        ck_assert_int_eq(line[len - 1], '\n');
        line[len - 1] = '\0';
        ck_assert_int_eq(parses_as(line, k == PROTO_READY ? "" : sha), k);
    }
}
END_TEST

START_TEST(format_refuses)
{
    char line[PROTO_LINE_MAX];
    ck_assert_int_eq(proto_format(line, PROTO_BAD, sha), -1);
    ck_assert_int_eq(proto_format(line, PROTO_ITEM, NULL), -1);
    ck_assert_int_eq(proto_format(line, PROTO_HELP, "abc"), -1);
    ck_assert_int_eq(proto_format(line, PROTO_HELPED, "help"), -1);
}
END_TEST

START_TEST(bad_lines)
{
    char line[160];
    ck_assert_int_eq(parses_as("", ""), PROTO_BAD);
    ck_assert_int_eq(parses_as("ready ", ""), PROTO_BAD);
    ck_assert_int_eq(parses_as("READY", ""), PROTO_BAD);
    ck_assert_int_eq(parses_as("help", ""), PROTO_BAD);
    ck_assert_int_eq(parses_as("help ", ""), PROTO_BAD);
    ck_assert_int_eq(parses_as("helped ", ""), PROTO_BAD);
    snprintf(line, sizeof line, "hello %s", sha);
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    snprintf(line, sizeof line, " %s", sha);
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    snprintf(line, sizeof line, "help  %s", sha);
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    snprintf(line, sizeof line, "%s\r", sha); /* the end of line is the caller's to cut */
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
}
END_TEST

START_TEST(long_lines)
{
    char line[4096];
    memset(line, 'a', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    snprintf(line, sizeof line, "%s%s", sha, sha);
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    snprintf(line, sizeof line, "helped %s %s", sha, sha);
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    snprintf(line, sizeof line, "ready%s", sha);
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
}
END_TEST

START_TEST(wrong_hashes)
{
    char line[160], bad[65];
    memcpy(bad, sha, sizeof bad);
    bad[10] = 'A'; /* upper case is not a name the store gives */
    ck_assert_int_eq(parses_as(bad, ""), PROTO_BAD);
    bad[10] = 'g';
    snprintf(line, sizeof line, "help %s", bad);
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    snprintf(line, sizeof line, "helped %.63s", sha); /* one digit short */
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    snprintf(line, sizeof line, "help %s0", sha); /* one digit long */
    ck_assert_int_eq(parses_as(line, ""), PROTO_BAD);
    ck_assert_int_eq(parses_as("0", ""), PROTO_BAD);
}
END_TEST

START_TEST(exit_codes)
{
    /* the numbers the supervisor's "exit code N" messages show */
    ck_assert_int_eq(WORKER_EXIT_OK, 0);
    ck_assert_int_eq(WORKER_EXIT_CANNOT_START, 3);
    ck_assert_int_eq(WORKER_EXIT_DATA_UNUSABLE, 4);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("protocol");
    TCase *tc = tcase_create("protocol");
    tcase_add_test(tc, good_lines);
    tcase_add_test(tc, format_then_parse);
    tcase_add_test(tc, format_refuses);
    tcase_add_test(tc, bad_lines);
    tcase_add_test(tc, long_lines);
    tcase_add_test(tc, wrong_hashes);
    tcase_add_test(tc, exit_codes);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
