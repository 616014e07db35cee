/*
 * test_bulk.c - a bulk import with the real `dokaz ingest`: 20,000 tiny text
 * files in a few folders (DOKAZ_BULK_FILES sets another count: the
 * sanitizer build's run uses fewer, tests/meson.build). Every file is
 * recorded and searchable; the ingest process's peak memory (VmHWM) and its
 * open file descriptors, sampled from /proc while it runs, stay under fixed
 * bounds that memory kept per file would cross; its --json progress stream
 * is parsed: received and done never go back, and the last line says
 * everything of everything, final.
 */
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
 * the same count differing by up to 1.3 MB. So a tenth of the files is
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

/* ingest - `dokaz ingest --data DATA --json --workers 2 IN`, stdout to
 * out_path, stderr to err_path, sampled every 50 ms; its exit status */
static int ingest(const char *data, const char *in, const char *out_path, const char *err_path,
                  long *peak_kb, int *peak_fds)
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
        execl(getenv("DOKAZ_BIN"), "dokaz", "ingest", "--data", data, "--json", "--workers", "2",
              in, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    *peak_kb = 0;
    *peak_fds = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        long kb = vm_hwm_kb(pid);
        int fds = tu_open_fds(pid);
        *peak_kb = kb > *peak_kb ? kb : *peak_kb;
        *peak_fds = fds > *peak_fds ? fds : *peak_fds;
        usleep(50 * 1000);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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

/* main - one test: the bulk import */
int main(void)
{
    Suite *s = suite_create("bulk");
    TCase *tc = tcase_create("bulk");
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, twenty_thousand_tiny_files);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
