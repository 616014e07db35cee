/*
 * test_bulk.c - a bulk import with the real `dokaz ingest`: 20,000 tiny text
 * files in a few folders (DOKAZ_BULK_FILES sets another count: the
 * sanitizer build's run uses fewer, tests/meson.build). Every file is
 * recorded and searchable; the ingest process's peak memory (VmHWM) and its
 * open file descriptors, sampled from /proc while it runs, stay under fixed
 * bounds that memory kept per file would cross; its --json progress stream
 * is parsed: received and done never go back, and the last line says
 * everything of everything, final. And one archive of many members: the
 * ingest process's and the workers' peak memory do not grow with the count
 * of members, and the archive's record lists every one.
 */
#include "fixtures.h"
#include "itest.h"
#include "testutil.h"

#include <check.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { DEFAULT_FILES = 20000, FOLDERS = 5 };

/* The bounds, measured (README, "Bulk imports"): the ingest process peaked
 * at 35-38 MB and 19-21 fds for 2,000 files and for 20,000 alike, runs of
 * the same count differing by up to 1.3 MB; at 44-45 MB since it keeps up to
 * 8 MiB of freed heap (cli/main.c) and receives in a thread of its own
 * (cli/cmd_ingest.c). So a tenth of the files is
 * ingested first, and the whole may take at most GROWTH_MAX_KB more: a list
 * of the files given, about 250 bytes a file with these names, would add
 * 4.5 MB from 2,000 to 20,000 files. Under AddressSanitizer (fewer files)
 * its shadow and quarantine make memory no measure of this. */
#if defined(__SANITIZE_ADDRESS__)
enum { MEMORY_MAX_KB = 700 * 1024, GROWTH_MAX_KB = 400 * 1024 };
#else
enum { MEMORY_MAX_KB = 48 * 1024, GROWTH_MAX_KB = 3 * 1024 };
#endif
enum { FDS_MAX = 32 };

/* One archive of many members (issue 13: 100,000), ingested twice: with
 * SMALL_ARCHIVE members and with LARGE_ARCHIVE, whose texts cycle through
 * the same ARCHIVE_TEXTS, so both runs process the same items and differ in
 * the members only. Measured: the ingest process and the worker peaked
 * within ARCHIVE_GROWTH_MAX_KB of each other; the member list they used to
 * hold (about 1.3 KB a member in the ingest process, 2.4 KB in the worker)
 * would add 8 and 14 MB for the 6,000 more members. */
enum { SMALL_ARCHIVE = 2000, LARGE_ARCHIVE = 8000, ARCHIVE_TEXTS = 400 };
#if defined(__SANITIZE_ADDRESS__)
enum { ARCHIVE_GROWTH_MAX_KB = 400 * 1024 };
#else
enum { ARCHIVE_GROWTH_MAX_KB = 3 * 1024 };
#endif

/* A long name, as scanners and mail exports give, so that memory kept per
 * file shows. */
#define NAME_TAIL "-scan-of-the-court-paper-received-from-the-archive-of-the-coalition"

/* file_count - DOKAZ_BULK_FILES, else DEFAULT_FILES */
static int file_count(void)
{
    const char *v = getenv("DOKAZ_BULK_FILES");
    return v && atoi(v) > 0 ? atoi(v) : DEFAULT_FILES;
}

/* make_files - n files of a few words in FOLDERS folders; file i is
 * "note<i>NAME_TAIL.txt" and holds the word "bulk<i>q", found in no other */
static void make_files(const char *in, int n)
{
    ck_assert_int_eq(mkdir(in, 0755), 0);
    for (int f = 0; f < FOLDERS; f++) {
        char *box = g_strdup_printf("%s/box%d", in, f);
        ck_assert_int_eq(mkdir(box, 0755), 0);
        g_free(box);
    }
    for (int i = 0; i < n; i++) {
        char *path = g_strdup_printf("%s/box%d/note%d" NAME_TAIL ".txt", in, i % FOLDERS, i);
        char *text = g_strdup_printf("bulk note %d, word bulk%dq\n", i, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
        close(fd);
        g_free(text);
        g_free(path);
    }
}

/* vm_hwm_kb - the process's peak resident memory so far, 0 when it is gone */
static long vm_hwm_kb(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = 0;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = atol(line + 6);
    if (f != NULL)
        fclose(f);
    return kb;
}

/* workers_hwm_kb - the highest peak resident memory among the process's
 * children (its workers), 0 when it has none */
static long workers_hwm_kb(pid_t pid)
{
    char path[80];
    snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid, (int)pid);
    char *list = tu_read(path, NULL);
    long kb = 0;
    for (char *p = list, *end; p != NULL && *p != '\0'; p = end) {
        long child = strtol(p, &end, 10);
        if (end == p)
            break;
        long k = vm_hwm_kb((pid_t)child);
        kb = k > kb ? k : kb;
    }
    free(list);
    return kb;
}

/* ingest_sampled - `dokaz ingest --data DATA --json --workers 2 [--max-members
 * M] IN`, stdout to out_path, stderr to err_path, sampled every 50 ms (its
 * peak memory and fds, and its workers' highest peak memory when worker_kb is
 * not NULL); its exit status */
static int ingest_sampled(const char *data, const char *in, const char *max_members,
                          const char *out_path, const char *err_path, long *peak_kb, int *peak_fds,
                          long *worker_kb)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        close(out);
        close(err);
        char *argv[] = {"dokaz", "ingest",   "--data", (char *)data, "--json", "--workers",
                        "2",     (char *)in, NULL,     NULL,         NULL};
        if (max_members != NULL) { /* the limit before the input */
            argv[7] = "--max-members";
            argv[8] = (char *)max_members;
            argv[9] = (char *)in;
        }
        execv(getenv("DOKAZ_BIN"), argv);
        _exit(127);
    }
    int status = 0;
    *peak_kb = 0;
    *peak_fds = 0;
    if (worker_kb != NULL)
        *worker_kb = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        long kb = vm_hwm_kb(pid);
        int fds = tu_open_fds(pid);
        *peak_kb = kb > *peak_kb ? kb : *peak_kb;
        *peak_fds = fds > *peak_fds ? fds : *peak_fds;
        if (worker_kb != NULL) {
            long w = workers_hwm_kb(pid);
            *worker_kb = w > *worker_kb ? w : *worker_kb;
        }
        usleep(50 * 1000);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ingest - ingest_sampled of a folder, without the workers */
static int ingest(const char *data, const char *in, const char *out_path, const char *err_path,
                  long *peak_kb, int *peak_fds)
{
    return ingest_sampled(data, in, NULL, out_path, err_path, peak_kb, peak_fds, NULL);
}

/* check_progress - the --json lines: received and done never go back; the
 * last is final, with n received, n done of n, none failed */
static void check_progress(const char *err_path, int n)
{
    char *text = tu_read(err_path, NULL);
    ck_assert_ptr_nonnull(text);
    char **lines = g_strsplit(text, "\n", -1);
    long received = 0, done = 0, objects = 0;
    json_object *last = NULL;
    for (char **l = lines; *l != NULL; l++) {
        if (**l == '\0')
            continue;
        json_object *o = json_tokener_parse(*l);
        ck_assert_msg(o != NULL, "not a JSON progress line: %s", *l);
        ck_assert_msg(last == NULL ||
                          !json_object_get_boolean(json_object_object_get(last, "final")),
                      "a line after the final one: %s", *l);
        ck_assert_int_ge(it_get_int(o, "received"), received);
        ck_assert_int_ge(it_get_int(o, "done"), done);
        ck_assert_int_le(it_get_int(o, "done"), it_get_int(o, "total"));
        ck_assert_int_eq(it_get_int(o, "failed"), 0);
        received = it_get_int(o, "received");
        done = it_get_int(o, "done");
        objects++;
        json_object_put(last);
        last = o;
    }
    ck_assert_ptr_nonnull(last);
    ck_assert(json_object_get_boolean(json_object_object_get(last, "final")));
    ck_assert_int_eq(it_get_int(last, "received"), n);
    ck_assert_int_eq(it_get_int(last, "done"), n);
    ck_assert_int_eq(it_get_int(last, "total"), n);
    ck_assert_int_eq(it_get_int(last, "pages"), n);
    if (n >= 10000) /* a minute's work shows its progress on the way, a line a second */
        ck_assert_int_ge(objects, 5);
    json_object_put(last);
    g_strfreev(lines);
    free(text);
}

/* check_results - one "done" line for each file given, each file once */
static void check_results(const char *out_path, const char *in, int n)
{
    char *text = tu_read(out_path, NULL);
    ck_assert_ptr_nonnull(text);
    char **lines = g_strsplit(text, "\n", -1);
    GHashTable *paths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (char **l = lines; *l != NULL; l++) {
        if (**l == '\0')
            continue;
        char **f = g_strsplit(*l, "\t", -1);
        ck_assert_msg(g_strv_length(f) == 5 && strcmp(f[0], "done") == 0 &&
                          strcmp(f[1], "text/plain") == 0 && strcmp(f[2], "1 page") == 0 &&
                          g_str_has_prefix(f[3], in),
                      "unexpected result line: %s", *l);
        ck_assert_msg(g_hash_table_add(paths, g_strdup(f[3])), "%s reported twice", f[3]);
        g_strfreev(f);
    }
    ck_assert_int_eq(g_hash_table_size(paths), n);
    g_hash_table_destroy(paths);
    g_strfreev(lines);
    free(text);
}

START_TEST(twenty_thousand_tiny_files)
{
    int n = file_count();
    char *dir = tu_tempdir("itest-bulk");
    char *in = tu_path(dir, "in"), *data = tu_path(dir, "data");
    char *out = tu_path(dir, "ingest.out"), *err = tu_path(dir, "ingest.err");
    char *tenth = tu_path(dir, "tenth"), *tenth_data = tu_path(dir, "tenth-data");
    make_files(tenth, n / 10);
    make_files(in, n);
    long tenth_kb, peak_kb;
    int peak_fds;
    ck_assert_int_eq(ingest(tenth_data, tenth, out, err, &tenth_kb, &peak_fds), 0);
    check_progress(err, n / 10);
    gint64 start = g_get_monotonic_time();
    ck_assert_int_eq(ingest(data, in, out, err, &peak_kb, &peak_fds), 0);
    fprintf(stderr, "bulk: %d files in %.1f s: ingest peak %ld kB (%d files: %ld kB), %d fds\n", n,
            (double)(g_get_monotonic_time() - start) / 1e6, peak_kb, n / 10, tenth_kb, peak_fds);
    ck_assert_msg(peak_kb > 0 && peak_kb < MEMORY_MAX_KB, "ingest peaked at %ld kB (bound %d)",
                  peak_kb, MEMORY_MAX_KB);
    ck_assert_msg(peak_kb < tenth_kb + GROWTH_MAX_KB,
                  "ingest peaked at %ld kB for %d files, %ld kB for %d (bound: %d more)", peak_kb,
                  n, tenth_kb, n / 10, GROWTH_MAX_KB);
    ck_assert_msg(peak_fds > 0 && peak_fds <= FDS_MAX, "ingest had %d fds open (bound %d)",
                  peak_fds, FDS_MAX);
    check_progress(err, n);
    check_results(out, in, n);

    /* recorded: the queue and the index hold every file once */
    const char *status[] = {"status", "--data", data, "--json", NULL};
    json_object *st = it_dokaz_json(0, status);
    ck_assert_int_eq(it_get_int(st, "done"), n);
    ck_assert_int_eq(it_get_int(st, "failed"), 0);
    json_object_put(st);
    ck_assert_uint_eq(it_doc_count(data), (unsigned long)n);

    /* searchable: each file's own word finds it alone (first, last, a spread) */
    for (int k = 0; k <= 8; k++) {
        int i = (int)((long)(n - 1) * k / 8);
        char *word = g_strdup_printf("bulk%dq", i);
        char *name = g_strdup_printf("/note%d" NAME_TAIL ".txt", i);
        json_object *r = it_search(data, word), *results = NULL;
        ck_assert_int_eq(it_get_int(r, "total"), 1);
        ck_assert(json_object_object_get_ex(r, "hits", &results));
        const char *path = it_get_str(json_object_array_get_idx(results, 0), "path");
        ck_assert_msg(path && g_str_has_suffix(path, name), "%s found %s", word, path);
        json_object_put(r);
        g_free(name);
        g_free(word);
    }
    free(tenth_data);
    free(tenth);
    free(err);
    free(out);
    free(data);
    free(in);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* member_name - member i of a test archive (g_free) */
static char *member_name(int i)
{
    return g_strdup_printf("box%d/note%d" NAME_TAIL ".txt", i % FOLDERS, i);
}

/* member_text - member i's text: one of ARCHIVE_TEXTS, with its own word (g_free) */
static char *member_text(int i)
{
    return g_strdup_printf("archive note, word arch%dq\n", i % ARCHIVE_TEXTS);
}

/* make_archive - DIR/NAME.tar of n members (member_name, member_text), a
 * pax archive written by libarchive; its path (g_free) */
static char *make_archive(const char *dir, const char *name, int n)
{
    char *tar = g_strdup_printf("%s/%s.tar", dir, name);
    fx_entry *entries = g_new0(fx_entry, (size_t)n);
    for (int i = 0; i < n; i++) {
        char *text = member_text(i);
        entries[i] = (fx_entry){.name = member_name(i), .data = text, .len = strlen(text)};
    }
    ck_assert_int_eq(fx_archive(tar, "pax", NULL, entries, (size_t)n, NULL), 0);
    for (int i = 0; i < n; i++) {
        g_free((char *)entries[i].name);
        g_free((char *)entries[i].data);
    }
    g_free(entries);
    return tar;
}

/* ingest_archive - ingest a test archive of n members into DIR/data-<n>;
 * the peaks of the ingest process and of its workers; the data directory (g_free) */
static char *ingest_archive(const char *dir, int n, long *ingest_kb, long *worker_kb)
{
    char *name = g_strdup_printf("archive-%d", n), *max = g_strdup_printf("%d", n);
    char *tar = make_archive(dir, name, n);
    char *data = g_strdup_printf("%s/data-%d", dir, n);
    char *out = tu_path(dir, "ingest.out"), *err = tu_path(dir, "ingest.err");
    int fds;
    gint64 start = g_get_monotonic_time();
    ck_assert_int_eq(ingest_sampled(data, tar, max, out, err, ingest_kb, &fds, worker_kb), 0);
    fprintf(stderr, "archive of %d members: %.1f s, ingest peak %ld kB, workers %ld kB, %d fds\n",
            n, (double)(g_get_monotonic_time() - start) / 1e6, *ingest_kb, *worker_kb, fds);
    ck_assert_msg(fds > 0 && fds <= FDS_MAX, "ingest had %d fds open (bound %d)", fds, FDS_MAX);
    free(err);
    free(out);
    g_free(tar);
    g_free(max);
    g_free(name);
    return data;
}

/* check_members - the archive's record names each of its n members once,
 * with the hash of its text */
static void check_members(const char *data, const char *tar_sha, int n)
{
    json_object *record = it_result_record(data, tar_sha), *children = NULL;
    ck_assert(json_object_object_get_ex(record, "children", &children));
    ck_assert_int_eq(json_object_array_length(children), n);
    GHashTable *members = g_hash_table_new(g_str_hash, g_str_equal); /* member -> sha256 */
    for (int i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(children, (size_t)i);
        const char *member = it_get_str(c, "member");
        ck_assert_ptr_nonnull(member);
        ck_assert_msg(!g_hash_table_contains(members, member), "%s listed twice", member);
        g_hash_table_insert(members, (char *)member, (char *)it_get_str(c, "sha256"));
    }
    for (int i = 0; i < n; i += n / 7) { /* a spread: each named, with its text's hash */
        char *member = member_name(i), *want = member_text(i);
        char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, want, -1);
        ck_assert_msg(g_hash_table_contains(members, member), "%s is not listed", member);
        ck_assert_str_eq(g_hash_table_lookup(members, member), sha);
        g_free(sha);
        g_free(want);
        g_free(member);
    }
    g_hash_table_destroy(members);
    json_object_put(record);
}

START_TEST(one_archive_of_many_members)
{
    char *dir = tu_tempdir("itest-bulk-archive");
    long small_kb, small_worker_kb, large_kb, large_worker_kb;
    char *small = ingest_archive(dir, SMALL_ARCHIVE, &small_kb, &small_worker_kb);
    char *large = ingest_archive(dir, LARGE_ARCHIVE, &large_kb, &large_worker_kb);
    ck_assert_msg(large_kb < small_kb + ARCHIVE_GROWTH_MAX_KB,
                  "ingest peaked at %ld kB for %d members, %ld kB for %d (bound: %d more)",
                  large_kb, LARGE_ARCHIVE, small_kb, SMALL_ARCHIVE, ARCHIVE_GROWTH_MAX_KB);
    ck_assert_msg(small_worker_kb > 0 && large_worker_kb < small_worker_kb + ARCHIVE_GROWTH_MAX_KB,
                  "a worker peaked at %ld kB for %d members, %ld kB for %d (bound: %d more)",
                  large_worker_kb, LARGE_ARCHIVE, small_worker_kb, SMALL_ARCHIVE,
                  ARCHIVE_GROWTH_MAX_KB);

    /* recorded: the archive and each distinct text, done; every member listed */
    const char *status[] = {"status", "--data", large, "--json", NULL};
    json_object *st = it_dokaz_json(0, status);
    ck_assert_int_eq(it_get_int(st, "done"), ARCHIVE_TEXTS + 1);
    ck_assert_int_eq(it_get_int(st, "failed"), 0);
    json_object_put(st);
    char *tar = g_strdup_printf("%s/archive-%d.tar", dir, LARGE_ARCHIVE);
    char *tar_sha = tu_sha256_file(tar);
    ck_assert_ptr_nonnull(tar_sha);
    check_members(large, tar_sha, LARGE_ARCHIVE);
    free(tar_sha);
    g_free(tar);

    /* searchable: a member's own word finds its text alone */
    for (int k = 0; k < ARCHIVE_TEXTS; k += ARCHIVE_TEXTS / 4) {
        char *word = g_strdup_printf("arch%dq", k);
        json_object *r = it_search(large, word);
        ck_assert_int_eq(it_get_int(r, "total"), 1);
        json_object_put(r);
        g_free(word);
    }
    g_free(large);
    g_free(small);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - two cases: many files, one archive of many members (CK_RUN_CASE
 * "files" or "archive" runs one) */
int main(void)
{
    Suite *s = suite_create("bulk");
    TCase *files = tcase_create("files"), *archive = tcase_create("archive");
    tcase_set_timeout(files, 900);
    tcase_set_timeout(archive, 600);
    tcase_add_test(files, twenty_thousand_tiny_files);
    tcase_add_test(archive, one_archive_of_many_members);
    suite_add_tcase(s, files);
    suite_add_tcase(s, archive);
    return tu_run_suite(s);
}
