/*
 * gen.c - fill a dokaz data directory with a generated corpus quickly, for
 * bench/million/run: `gen DATA LIST [JOBS]` receives every file LIST names
 * (one path a line, from bench/million/corpus.py) and records it as read.
 *
 * Receiving is dokaz's own (accept_files: the evidence copy with its hash,
 * the reception, the "received" audit line, the queue entry), in groups of
 * ACCEPT_GROUP_MAX. Reading is not: instead of a worker's libmagic and text
 * extractor, which would make the file one page, the paper's own pages (the
 * texts between form feeds) become the record's pages, as a PDF's pages with
 * a text layer would; each page's derived data is the real derive_page's,
 * with the item's meta, as process.c records it. The record (mime
 * text/plain, pages "plain") is written unsynced, its "identified" line says
 * it was identified by this generator, its "processed" line binds the
 * record's hash, and its queue entry goes to done. There is no "indexed"
 * line: `dokaz reindex` builds the index from the records afterwards.
 *
 * JOBS processes (default 2) each take every JOBS-th file; the audit log's
 * lock keeps their lines whole. One syncfs at the end makes everything durable.
 */
#include "derive/derive.h"
#include "ingest/accept.h"
#include "ingest/audit.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "common/error.h"
#include "common/fsutil.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The one way this generator says how it identified an item. */
#define GEN_IDENTIFIED "by bench/million/gen (no libmagic): plain text, pages at form feeds"

/* now_s - a monotonic clock in seconds */
static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* record_item - the stored original's pages and their derived data as the
 * item's result record; *pages gets how many */
static int record_item(const char *data, const deriver *d, const char *sha, size_t *pages,
                       char **err)
{
    char *path = evidence_path(data, sha), *text = NULL;
    size_t len = 0;
    int rc = fs_read_all(path, &text, &len, err);
    free(path);
    if (rc != 0)
        return -1;
    item_result *r = item_result_new(sha);
    item_result_set_outcome(r, "text/plain", ITEM_DONE, NULL);
    item_result_add_meta(r, "encoding", "UTF-8");
    gchar **parts = g_strsplit(text, "\f", -1);
    for (int i = 0; parts[i] != NULL; i++) {
        item_page p = {.number = i + 1,
                       .text = parts[i],
                       .source = ITEM_SOURCE_PLAIN,
                       .confidence = -1.0};
        item_result_add_page(r, &p);
    }
    const char **meta = item_result_meta_pairs(r);
    for (size_t k = 0; k < r->npages; k++) {
        derived_page *p = derive_page(d, r->pages[k].text, meta);
        item_result_set_derived(r, k, derived_page_to_json(p));
        derived_page_free(p);
    }
    g_free(meta);
    *pages = r->npages;
    rc = item_result_write(data, r, err);
    item_result_free(r);
    g_strfreev(parts);
    free(text);
    return rc;
}

/* finish_group - the group's "identified" and "processed" lines in one
 * append, then its queue entries to done (n is at most ACCEPT_GROUP_MAX) */
static int finish_group(const char *data, accept_item *items, size_t n, char **err)
{
    audit_event events[2 * ACCEPT_GROUP_MAX];
    char bound[ACCEPT_GROUP_MAX][65];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].rc != 0 || !items[i].queued)
            continue;
        const char *sha = items[i].ref.sha256;
        events[k++] = (audit_event){.kind = AUDIT_IDENTIFIED,
                                    .sha256 = sha,
                                    .type = "text/plain",
                                    .how = GEN_IDENTIFIED};
        events[k] = (audit_event){.kind = AUDIT_PROCESSED, .sha256 = sha};
        if (item_record_sha256(data, sha, ITEM_RECORD_RESULT, bound[i], NULL) == 0)
            events[k].record_sha256 = bound[i];
        k++;
    }
    int rc = audit_append_events(data, events, k, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        if (items[i].rc == 0 && items[i].queued)
            rc = queue_move(data, items[i].ref.sha256, QUEUE_INCOMING, QUEUE_DONE, err);
    return rc;
}

/* run_share - receive and record every jobs-th file from the k-th on;
 * prints "files pages" on stdout when done */
static int run_share(const char *data, char **files, size_t nfiles, size_t k, size_t jobs)
{
    char *err = NULL;
    deriver *d = deriver_new(&err);
    if (d == NULL) {
        fprintf(stderr, "gen: %s\n", err);
        return 1;
    }
    accept_item items[ACCEPT_GROUP_MAX];
    size_t done = 0, pages = 0;
    double start = now_s();
    for (size_t at = k; at < nfiles && err == NULL;) {
        size_t n = 0;
        for (; n < ACCEPT_GROUP_MAX && at < nfiles; at += jobs)
            items[n++] = (accept_item){.path = files[at]};
        accept_files(data, items, n);
        for (size_t i = 0; i < n && err == NULL; i++) {
            size_t got = 0;
            if (items[i].rc != 0)
                fprintf(stderr, "gen: %s: %s\n", items[i].path, items[i].error);
            else if (items[i].queued && record_item(data, d, items[i].ref.sha256, &got, &err) == 0)
                pages += got;
            free(items[i].error);
        }
        if (err == NULL)
            finish_group(data, items, n, &err);
        done += n;
        if (k == 0 && done / ACCEPT_GROUP_MAX % 160 == 0)
            fprintf(stderr, "gen: %zu files, %zu pages, %.0f pages/s a job\n", done, pages,
                    (double)pages / (now_s() - start));
    }
    deriver_free(d);
    if (err != NULL) {
        fprintf(stderr, "gen: %s\n", err);
        free(err);
        return 1;
    }
    printf("%zu %zu\n", done, pages);
    fflush(stdout); /* the child leaves with _exit */
    return 0;
}

/* main - gen DATA LIST [JOBS] */
int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen DATA LIST [JOBS]\n");
        return 2;
    }
    const char *data = argv[1];
    size_t jobs = argc > 3 ? strtoul(argv[3], NULL, 10) : 2;
    char *list = NULL, *err = NULL;
    size_t len = 0;
    if (jobs < 1 || fs_read_all(argv[2], &list, &len, &err) != 0 ||
        accept_prepare(data, &err) != 0) {
        fprintf(stderr, "gen: %s\n", err ? err : "JOBS must be 1 or more");
        return 1;
    }
    g_strchomp(list);
    char **files = g_strsplit(list, "\n", -1);
    size_t nfiles = g_strv_length(files);
    fflush(stdout);
    for (size_t k = 0; k < jobs; k++)
        if (fork() == 0)
            _exit(run_share(data, files, nfiles, k, jobs));
    int status, failed = 0;
    while (wait(&status) > 0)
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    if (fs_sync_fs(data, &err) != 0) {
        fprintf(stderr, "gen: %s\n", err);
        failed = 1;
    }
    g_strfreev(files);
    free(list);
    free(err);
    return failed;
}
