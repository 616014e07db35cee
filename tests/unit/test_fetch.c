/*
 * test_fetch.c - a shard's files (fetch/): where shards.conf says they are
 * (a files line, else what the shard line implies, never a host ssh reads
 * as an option), one file copied into the cache (a missing one told apart
 * from an unreadable folder; nothing kept of an original whose bytes are
 * not its name's, of a file over the bound, of one reached through a
 * symbolic link or "..", or of a FIFO), ssh to a host that does not
 * exist named in the error, and the cache trimmed oldest first.
 */
#include "fetch/fetch.h"
#include "fetch/fetch_private.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

/* find - the source of shard name in a shards.conf holding text */
static int find(const char *dir, const char *text, const char *name, fetch_source *src, char **err)
{
    char *conf = tu_path(dir, "shards.conf");
    tu_write(conf, text, strlen(text));
    int rc = fetch_source_find(conf, name, src, err);
    free(conf);
    return rc;
}

START_TEST(sources_from_the_conf)
{
    char *dir = tu_tempdir("fetch-conf"), *err = NULL;
    fetch_source src;
    const char *conf = "shard A = local nodeA/index\n"
                       "shard B = remote tcp 10.0.0.2 33333\n"
                       "shard C = remote ssh node3 /srv/dokaz\n"
                       "shard D = remote pipe xapian-progsrv /x/index\n"
                       "files D = local '/mnt/node d'\n"
                       "files C = ssh node3b /srv/other   # this wins\n";
    ck_assert_int_eq(find(dir, conf, "A", &src, &err), 0);
    char *a = g_build_filename(dir, "nodeA", NULL);
    ck_assert_int_eq(src.kind, SOURCE_LOCAL);
    ck_assert_str_eq(src.dir, a);
    fetch_source_clear(&src);
    ck_assert_int_eq(find(dir, conf, "B", &src, &err), 0);
    ck_assert_int_eq(src.kind, SOURCE_NONE);
    ck_assert_int_eq(find(dir, conf, "C", &src, &err), 0);
    ck_assert_int_eq(src.kind, SOURCE_SSH);
    ck_assert_str_eq(src.host, "node3b");
    ck_assert_str_eq(src.dir, "/srv/other");
    fetch_source_clear(&src);
    ck_assert_int_eq(find(dir, conf, "D", &src, &err), 0);
    ck_assert_str_eq(src.dir, "/mnt/node d");
    fetch_source_clear(&src);
    const char *wrong[] = {"files B = ssh -oProxyCommand=x /srv\n", "files B = nfs x\n",
                           "files B = local\n"};
    for (size_t i = 0; i < G_N_ELEMENTS(wrong); i++) {
        ck_assert_int_eq(find(dir, wrong[i], "B", &src, &err), -1);
        ck_assert_msg(err && strstr(err, "line 1"), "%s", err ? err : "(none)");
        free(err);
        err = NULL;
        fetch_source_clear(&src);
    }
    g_free(a);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(copies_checked)
{
    char *dir = tu_tempdir("fetch-copy"), *err = NULL;
    char *shard = tu_path(dir, "shard"), *cache = tu_path(dir, "cache");
    char *ev = g_build_filename(shard, "evidence", "ab", NULL);
    g_mkdir_with_parents(ev, 0700);
    g_mkdir_with_parents(cache, 0700);
    const char bytes[] = "the original";
    char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, bytes, -1);
    char *stored = g_build_filename(ev, "orig", NULL);
    tu_write(stored, bytes, strlen(bytes));
    fetch_source src = {SOURCE_LOCAL, NULL, g_strdup(shard)};
    char *to = tu_path(cache, "copy");

    ck_assert_int_eq(fetch_copy(&src, "./evidence/ab/orig", to, sha, INT64_MAX, &err), 0);
    size_t len = 0;
    char *got = tu_read(to, &len);
    ck_assert_int_eq(len, strlen(bytes));
    ck_assert(memcmp(got, bytes, len) == 0);
    free(got);
    ck_assert_int_eq(fetch_copy(&src, "./evidence/ab/none", to, NULL, INT64_MAX, &err), 1);

    unlink(to); /* bytes that are not their name's: nothing kept */
    char *other = g_compute_checksum_for_string(G_CHECKSUM_SHA256, "other", -1);
    ck_assert_int_eq(fetch_copy(&src, "./evidence/ab/orig", to, other, INT64_MAX, &err), -1);
    ck_assert_msg(strstr(err, "not its name's"), "%s", err);
    free(err);
    err = NULL;
    ck_assert_int_eq(fetch_copy(&src, "./evidence/ab/orig", to, NULL, 4, &err), -1);
    ck_assert_msg(strstr(err, "larger than 4 bytes"), "%s", err);
    free(err);
    err = NULL;
    ck_assert(!g_file_test(to, G_FILE_TEST_EXISTS));
    ck_assert_int_eq(tu_count_files(cache), 0); /* no temporary file left */

    char *link = g_build_filename(ev, "link", NULL); /* a shard's link leads nowhere here */
    ck_assert_int_eq(symlink(stored, link), 0);
    ck_assert_int_eq(fetch_copy(&src, "./evidence/ab/link", to, NULL, INT64_MAX, &err), -1);
    free(err);
    err = NULL;
    ck_assert(!g_file_test(to, G_FILE_TEST_EXISTS));
    char *fifo = g_build_filename(ev, "fifo", NULL); /* opened, it would wait for a writer */
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(fetch_copy(&src, "evidence/ab/fifo", to, NULL, INT64_MAX, &err), -1);
    free(err);
    err = NULL;
    ck_assert_int_eq(fetch_copy(&src, "evidence/../evidence/ab/orig", to, NULL, INT64_MAX, &err),
                     -1);
    free(err);
    err = NULL;
    g_free(fifo);

    g_free(src.dir); /* the folder itself gone (not mounted): an error, not a missing file */
    src.dir = tu_path(dir, "unmounted");
    ck_assert_int_eq(fetch_copy(&src, "./evidence/ab/orig", to, NULL, INT64_MAX, &err), -1);
    ck_assert_msg(strstr(err, "unmounted"), "%s", err);
    free(err);
    err = NULL;

    fetch_source far = {SOURCE_SSH, g_strdup("nonexistent.invalid"), g_strdup("/srv/dokaz")};
    ck_assert_int_eq(fetch_copy(&far, "./evidence/ab/orig", to, NULL, INT64_MAX, &err), -1);
    ck_assert_msg(strstr(err, "cannot reach nonexistent.invalid over ssh"), "%s", err);
    free(err);
    fetch_source_clear(&far);

    fetch_source_clear(&src);
    free(link);
    g_free(other);
    free(to);
    g_free(stored);
    g_free(sha);
    g_free(ev);
    free(cache);
    free(shard);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* records - the item's receptions in the cache of shard: beside the
 * others' (DATA/items/ab/<sha>.received.jsonl), or in_folder of its own as
 * an older dokaz kept them */
static char *records(const char *root, const char *shard, const char *sha, int in_folder)
{
    return g_strdup_printf("%s/%s/items/%.2s/%s%sreceived.jsonl", root, shard, sha, sha,
                           in_folder ? "/" : ".");
}

/* put - an original of size bytes in the cache of shard, used `age` s ago,
 * and its receptions (in_folder: as an older dokaz kept them) */
static char *put(const char *root, const char *shard, char digit, size_t size, int age,
                 int in_folder)
{
    char sha[65];
    memset(sha, digit, 64);
    sha[64] = '\0';
    char *folder = g_strdup_printf("%s/%s/evidence/%.2s", root, shard, sha);
    char *received = records(root, shard, sha, in_folder), *in = g_path_get_dirname(received);
    g_mkdir_with_parents(folder, 0700);
    g_mkdir_with_parents(in, 0700);
    tu_write(received, "{}\n", 3);
    g_free(in);
    g_free(received);
    char *path = g_build_filename(folder, sha, NULL), *bytes = g_malloc0(size);
    tu_write(path, bytes, size);
    struct utimbuf t = {time(NULL) - age, time(NULL) - age};
    utime(path, &t);
    g_free(bytes);
    g_free(folder);
    return path;
}

START_TEST(trim_oldest_first)
{
    char *root = tu_tempdir("fetch-trim");
    char *old = put(root, "A", 'a', 400, 300, 0), *mid = put(root, "B", 'b', 400, 200, 1);
    char *kept = put(root, "A", 'c', 400, 100, 0), *now = put(root, "B", 'd', 400, 500, 1);
    fetch_trim(root, now, 1000); /* 1600 bytes: the two oldest but `now` go */
    ck_assert(!g_file_test(old, G_FILE_TEST_EXISTS));
    ck_assert(!g_file_test(mid, G_FILE_TEST_EXISTS));
    ck_assert(g_file_test(kept, G_FILE_TEST_EXISTS));
    ck_assert(g_file_test(now, G_FILE_TEST_EXISTS));
    /* the records go with their originals, in either layout */
    const struct {
        const char *shard, *original;
        int in_folder, kept;
    } items[] = {{"A", old, 0, 0}, {"B", mid, 1, 0}, {"A", kept, 0, 1}, {"B", now, 1, 1}};
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        const char *sha = items[i].original + strlen(items[i].original) - 64;
        char *received = records(root, items[i].shard, sha, items[i].in_folder);
        char *folder = g_strndup(received, strlen(received) - strlen("/received.jsonl"));
        ck_assert_msg(g_file_test(received, G_FILE_TEST_EXISTS) == items[i].kept, "%s %s", received,
                      items[i].kept ? "went" : "stayed");
        if (items[i].in_folder && !items[i].kept)
            ck_assert_msg(!g_file_test(folder, G_FILE_TEST_EXISTS), "%s stayed", folder);
        g_free(folder);
        g_free(received);
    }
    g_free(old);
    g_free(mid);
    g_free(kept);
    g_free(now);
    tu_rmtree(root);
    free(root);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("fetch");
    TCase *tc = tcase_create("fetch");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sources_from_the_conf);
    tcase_add_test(tc, copies_checked);
    tcase_add_test(tc, trim_oldest_first);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
