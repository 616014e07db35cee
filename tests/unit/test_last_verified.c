/*
 * test_last_verified.c - the last verification status shows: none in a new
 * data directory; found behind a long log, and the walk kept
 * (cache/verified.json) so that the next call reads only the lines after
 * it; a newer verification written since is found; a log shorter than the
 * kept walk (not the log it was taken from) is walked whole.
 */
#include "custody/custody.h"
#include "ingest/audit.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECEIVED 6000 /* lines of about 200 bytes: more than the 1 MiB worth keeping */

/* verified - append a verification that found `problems` */
static void verified(const char *dir, uint64_t problems)
{
    char *err = NULL;
    audit_event ev = {.kind = AUDIT_VERIFIED, .problems = problems, .reason = "test"};
    ck_assert_msg(audit_append_event(dir, &ev, &err) == 0, "%s", err);
}

/* received - append n receptions in one group */
static void received(const char *dir, size_t n)
{
    audit_event *evs = calloc(n, sizeof *evs);
    for (size_t i = 0; i < n; i++)
        evs[i] = (audit_event){.kind = AUDIT_RECEIVED,
                               .path = "/inbox/a-file-received.pdf",
                               .sha256 = "aaaa00000000000000000000000000000000000000000000000000"
                                         "0000000001",
                               .size = i};
    char *err = NULL;
    ck_assert_msg(audit_append_events(dir, evs, n, &err) == 0, "%s", err);
    free(evs);
}

/* problems_of_last - the problems of the last verification; -1: none */
static long problems_of_last(const char *dir)
{
    char *err = NULL;
    json_object *last = custody_last_verified(dir, &err);
    ck_assert_msg(err == NULL, "%s", err);
    long n = last != NULL ? (long)json_object_get_int64(json_object_object_get(last, "problems"))
                          : -1;
    json_object_put(last);
    return n;
}

START_TEST(found_then_kept)
{
    char *dir = tu_tempdir("lastver");
    char *cache = tu_path(dir, "cache/verified.json");
    ck_assert_int_eq(problems_of_last(dir), -1); /* no log yet */
    verified(dir, 3);
    received(dir, RECEIVED);
    ck_assert_int_eq(problems_of_last(dir), 3);
    char *kept = tu_read(cache, NULL);
    ck_assert_msg(strstr(kept, "\"problems\":3") != NULL, "%s", kept);

    /* what is kept is read, not the log before its offset: a forged entry shows */
    json_object *c = json_tokener_parse(kept);
    json_object_object_add(json_object_object_get(c, "last"), "problems", json_object_new_int(99));
    const char *forged = json_object_to_json_string(c);
    tu_write(cache, forged, strlen(forged));
    json_object_put(c);
    ck_assert_int_eq(problems_of_last(dir), 99);

    verified(dir, 4); /* a newer one, after the kept offset */
    ck_assert_int_eq(problems_of_last(dir), 4);

    /* a new, shorter log: the kept walk is not of it */
    char *log = tu_path(dir, "audit.log");
    ck_assert_int_eq(remove(log), 0);
    verified(dir, 5);
    ck_assert_int_eq(problems_of_last(dir), 5);
    ck_assert_int_eq(remove(log), 0);
    received(dir, 3);
    ck_assert_int_eq(problems_of_last(dir), -1);
    free(log);
    free(kept);
    free(cache);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* A log never verified: none, kept as none. */
START_TEST(never_verified_is_kept)
{
    char *dir = tu_tempdir("lastver");
    received(dir, RECEIVED);
    ck_assert_int_eq(problems_of_last(dir), -1);
    char *cache = tu_path(dir, "cache/verified.json"), *kept = tu_read(cache, NULL);
    ck_assert_msg(strstr(kept, "\"last\":null") != NULL, "%s", kept);
    ck_assert_int_eq(problems_of_last(dir), -1);
    free(kept);
    free(cache);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("last_verified");
    TCase *tc = tcase_create("last");
    tcase_add_test(tc, found_then_kept);
    tcase_add_test(tc, never_verified_is_kept);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
