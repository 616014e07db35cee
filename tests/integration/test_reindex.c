/*
 * test_reindex.c - `dokaz retry` and `dokaz reindex` on real items.
 *
 * retry: a scan failed by a one-second time limit is processed again with
 * `retry --failed` and becomes done and searchable. reindex: the index is
 * rebuilt from the stored records while the originals and the OCR cache
 * are out of reach, so that any attempt to read or recognise a file again
 * would fail; the rebuilt index finds every item once, with as many
 * documents as before, whether an index was there to swap with or not.
 * compact: `dokaz index compact` swaps in a copy no larger than the index,
 * which finds the same, holds as many documents and passes `dokaz verify`.
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* run - DOKAZ_BIN with args; its exit status, stdout in *out (free it) */
static int run(const char *const *args, char **out)
{
    const char *argv[16] = {getenv("DOKAZ_BIN")};
    for (int i = 0; args[i] && i < 14; i++)
        argv[i + 1] = args[i];
    return tu_run((char *const *)argv, out);
}

START_TEST(retry_processes_a_failed_item_again)
{
    char *dir = tu_tempdir("itest-retry");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    it_generate_samples(samples);
    char *scan = tu_path(samples, "summons_ru.png"), *sha = tu_sha256_file(scan), *out = NULL;
    const char *ingest[] = {"ingest",    "--data", data, "--workers", "1",
                            "--timeout", "1",      scan, NULL};
    ck_assert_int_eq(run(ingest, &out), 1);
    ck_assert_msg(strstr(out, "failed") && strstr(out, "limit of 1 s"), "%s", out);
    free(out);
    const char *retry[] = {"retry", "--data", data, "--workers", "1", "--failed", NULL};
    ck_assert_int_eq(run(retry, &out), 0);
    char prefix[13];
    snprintf(prefix, sizeof prefix, "%s", sha);
    ck_assert_msg(strncmp(out, "done\t", 5) == 0 && strstr(out, prefix), "%s", out);
    free(out);
    json_object *st = it_wait_idle(data, 1, 10);
    ck_assert_int_eq(it_get_int(st, "done"), 1);
    ck_assert_int_eq(it_get_int(st, "failed"), 0);
    json_object_put(st);
    const char *again[] = {"retry", "--data", data, sha, NULL}; /* not failed now */
    ck_assert_int_eq(run(again, &out), 1);
    free(out);
    char *audit = tu_path(data, "audit.log"), *log = tu_read(audit, NULL);
    ck_assert_msg(strstr(log, "\"requeued\"") && strstr(log, "retry asked for"), "%s", log);
    free(log);
    free(audit);
    free(sha);
    free(scan);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* move - rename, asserting it worked */
static void move(const char *data, const char *from, const char *to)
{
    char *a = tu_path(data, from), *b = tu_path(data, to);
    ck_assert_int_eq(rename(a, b), 0);
    free(b);
    free(a);
}

/* reindex - `dokaz reindex` with the originals and the OCR cache away */
static void reindex(const char *data, int items)
{
    move(data, "evidence", "evidence.away");
    move(data, "cache", "cache.away");
    const char *args[] = {"reindex", "--data", data, NULL};
    char *out = NULL, *expect = xasprintf("reindexed %d items", items);
    ck_assert_int_eq(run(args, &out), 0);
    ck_assert_msg(strstr(out, expect), "%s", out);
    free(expect);
    free(out);
    move(data, "evidence.away", "evidence");
    move(data, "cache.away", "cache");
}

/* search_total - how many files a search finds */
static long search_total(const char *data, const char *query)
{
    json_object *r = it_search(data, query);
    long total = it_get_int(r, "total");
    json_object_put(r);
    return total;
}

START_TEST(reindex_rebuilds_from_records_without_reading)
{
    char *dir = tu_tempdir("itest-reindex");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    it_generate_samples(samples);
    char *scan = tu_path(samples, "summons_ru.png"), *note = tu_path(samples, "note.txt");
    char *phrase = it_manifest_phrase(samples, "summons_ru.png", 1), *out = NULL;
    const char *ingest[] = {"ingest", "--data", data, "--workers", "1", scan, note, NULL};
    ck_assert_int_eq(run(ingest, &out), 0);
    free(out);
    ck_assert_int_eq(search_total(data, phrase), 1);
    unsigned long docs = it_doc_count(data);

    char *index = tu_path(data, "index");
    tu_rmtree(index); /* lost: rebuilt from nothing */
    ck_assert_int_eq(search_total(data, phrase), 0);
    reindex(data, 2);
    ck_assert_int_eq(search_total(data, phrase), 1);
    ck_assert_uint_eq(it_doc_count(data), docs);
    reindex(data, 2); /* beside a live index, swapped in */
    ck_assert_int_eq(search_total(data, phrase), 1);
    ck_assert_uint_eq(it_doc_count(data), docs);
    char *fresh = tu_path(data, "index.new");
    ck_assert_msg(access(fresh, F_OK) != 0, "the old index was left in index.new");
    free(fresh);
    free(index);
    free(phrase);
    free(note);
    free(scan);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* compact_index - `dokaz index compact --json`; asserts it shrank or kept size */
static void compact_index(const char *data)
{
    const char *args[] = {"index", "compact", "--data", data, "--json", NULL};
    char *out = NULL;
    ck_assert_int_eq(run(args, &out), 0);
    json_object *o = json_tokener_parse(out);
    ck_assert_msg(o != NULL, "%s", out);
    long before = it_get_int(o, "before"), after = it_get_int(o, "after");
    ck_assert_msg(after > 0 && after <= before, "%s", out);
    json_object_put(o);
    free(out);
}

START_TEST(compact_keeps_what_the_index_finds)
{
    char *dir = tu_tempdir("itest-compact");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    it_generate_samples(samples);
    char *note = tu_path(samples, "note.txt"), *pdf = tu_path(samples, "verdict_ru.pdf");
    char *phrase = it_manifest_phrase(samples, "note.txt", 1), *out = NULL;
    const char *ingest[] = {"ingest", "--data", data, "--workers", "1", note, pdf, NULL};
    ck_assert_int_eq(run(ingest, &out), 0);
    free(out);
    long found = search_total(data, phrase);
    ck_assert_int_ge(found, 1);
    unsigned long docs = it_doc_count(data);
    compact_index(data);
    ck_assert_int_eq(search_total(data, phrase), found);
    ck_assert_uint_eq(it_doc_count(data), docs);
    char *fresh = tu_path(data, "index.new");
    ck_assert_msg(access(fresh, F_OK) != 0, "the old index was left in index.new");
    const char *verify[] = {"verify", "--data", data, NULL};
    ck_assert_msg(run(verify, &out) == 0, "%s", out);
    free(out);
    const char *bad[] = {"index", "--data", data, NULL};
    ck_assert_int_eq(run(bad, &out), 2);
    free(out);
    free(fresh);
    free(phrase);
    free(pdf);
    free(note);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-reindex");
    TCase *tc = tcase_create("reindex");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, retry_processes_a_failed_item_again);
    tcase_add_test(tc, reindex_rebuilds_from_records_without_reading);
    tcase_add_test(tc, compact_keeps_what_the_index_finds);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
