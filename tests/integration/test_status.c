/*
 * test_status.c - `dokaz status` reads the status summary the service keeps
 * (DATA/queue/summary.json), and the summary says what reading every record
 * says: after `dokaz ingest` of a mixed set (done, failed, unsupported,
 * encrypted, read with low confidence), after a kill -9 that lost the
 * summary's last write and a restart, and without a summary at all.
 */
#include "itest.h"
#include "testutil.h"
#include "fixtures.h"

#include <check.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const counts[] = {"queued",         "processing",  "done",
                                     "failed",         "unsupported", "encrypted",
                                     "low_confidence", "pages",       "pages_last_10min"};
static const char *const lists[] = {"failed_items", "unsupported_items", "encrypted_items",
                                    "low_confidence_items"};

/* status - `dokaz status --json`, with --scan when asked */
static json_object *status(const char *data, int scan)
{
    const char *args[] = {"status", "--data", data, "--json", scan ? "--scan" : NULL, NULL};
    return it_dokaz_json(0, args);
}

/* list_words - a list's "sha256 reason" lines, sorted, joined (g_free) */
static char *list_words(json_object *st, const char *key)
{
    json_object *list = NULL;
    ck_assert_msg(json_object_object_get_ex(st, key, &list), "no %s", key);
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *it = json_object_array_get_idx(list, i);
        const char *reason = it_get_str(it, "reason");
        g_ptr_array_add(lines, g_strdup_printf("%s %s %s", it_get_str(it, "sha256"),
                                               it_get_str(it, "name"), reason ? reason : "-"));
    }
    g_ptr_array_sort(lines, (GCompareFunc)g_strcmp0);
    g_ptr_array_add(lines, NULL);
    char *joined = g_strjoinv("\n", (char **)lines->pdata);
    g_ptr_array_free(lines, TRUE);
    return joined;
}

/* assert_summary_is_scan - status from the summary (which was used) equals
 * status from every record */
static void assert_summary_is_scan(const char *data)
{
    json_object *kept = status(data, 0), *scanned = status(data, 1), *why = NULL;
    ck_assert_msg(json_object_object_get_ex(kept, "scanned", &why) && why == NULL,
                  "the summary was not used: %s", json_object_get_string(why));
    ck_assert_ptr_nonnull(it_get_str(scanned, "scanned"));
    for (size_t i = 0; i < G_N_ELEMENTS(counts); i++)
        ck_assert_msg(it_get_int(kept, counts[i]) == it_get_int(scanned, counts[i]),
                      "%s: summary %ld, scan %ld", counts[i], it_get_int(kept, counts[i]),
                      it_get_int(scanned, counts[i]));
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) {
        char *a = list_words(kept, lists[i]), *b = list_words(scanned, lists[i]);
        ck_assert_msg(strcmp(a, b) == 0, "%s: summary\n%s\nscan\n%s", lists[i], a, b);
        g_free(a);
        g_free(b);
    }
    json_object_put(kept);
    json_object_put(scanned);
}

/* write_mixed - one file of each kind into folder */
static void write_mixed(const char *folder)
{
    ck_assert_int_eq(g_mkdir_with_parents(folder, 0755), 0);
    char *path = tu_path(folder, "note.txt");
    const char note[] = "Приговор суда по делу № 1-234/2024 в отношении Иванова.\n";
    tu_write(path, note, sizeof note - 1);
    free(path);
    path = tu_path(folder, "broken.pdf");
    const char junk[] = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF\n";
    tu_write(path, junk, sizeof junk - 1);
    free(path);
    path = tu_path(folder, "blob.bin");
    unsigned char bytes[4096];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (unsigned char)(i * 2654435761u >> 13);
    tu_write(path, bytes, sizeof bytes);
    free(path);
    path = tu_path(folder, "encrypted.zip");
    const char secret[] = "secret text\n";
    fx_entry member = {.name = "secret.txt", .data = secret, .len = sizeof secret - 1};
    ck_assert_int_eq(fx_archive(path, "zip", NULL, &member, 1, "password"), 0);
    free(path);
    size_t len = 0;
    unsigned char *png = fx_png("KRAVCHENKO", &len);
    path = tu_path(folder, "scan.png");
    tu_write(path, png, len);
    free(path);
    free(png);
}

/* write_texts - `n` text files from number `first` into folder */
static void write_texts(const char *folder, int first, int n)
{
    for (int i = first; i < first + n; i++) {
        char name[32], text[96];
        snprintf(name, sizeof name, "t%03d.txt", i);
        int len = snprintf(text, sizeof text, "Generated status paper number %d.\n", i);
        char *path = tu_path(folder, name);
        tu_write(path, text, (size_t)len);
        free(path);
    }
}

/* copy_file - from -> to (byte for byte) */
static void copy_file(const char *from, const char *to)
{
    size_t len = 0;
    char *bytes = tu_read(from, &len);
    tu_write(to, bytes, len);
    free(bytes);
}

/* wait_log - until DIR/watch.log says `words`; fails after 60 s */
static void wait_log(const char *dir, const char *words)
{
    char *path = tu_path(dir, "watch.log");
    int found = 0;
    for (int i = 0; i < 600 && !found; i++) {
        size_t len = 0;
        char *log = g_file_test(path, G_FILE_TEST_EXISTS) ? tu_read(path, &len) : NULL;
        found = log && strstr(log, words);
        free(log);
        if (!found)
            usleep(100 * 1000);
    }
    ck_assert_msg(found, "the service never said '%s'", words);
    free(path);
}

START_TEST(summary_equals_scan)
{
    char *dir = tu_tempdir("itest-status");
    char *data = tu_path(dir, "data"), *folder = tu_path(dir, "in");
    ck_assert_int_eq(g_mkdir_with_parents(data, 0700), 0);
    /* every OCR page counts as low: the threshold reaches the summary */
    char *conf = tu_path(data, "ocr.conf");
    tu_write(conf, "low_confidence = 100\n", 21);
    write_mixed(folder);
    const char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, folder, NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)ingest, &out), 1); /* one file failed */
    free(out);

    json_object *st = status(data, 0);
    ck_assert_int_eq(it_get_int(st, "failed"), 1);
    ck_assert_int_eq(it_get_int(st, "unsupported"), 1);
    ck_assert_int_eq(it_get_int(st, "encrypted"), 1);
    ck_assert_int_eq(it_get_int(st, "low_confidence"), 1);
    ck_assert_int_ge(it_get_int(st, "pages"), 2);
    ck_assert_int_ge(it_get_int(st, "pages_last_10min"), 2);
    json_object_put(st);
    assert_summary_is_scan(data);

    /* a kill -9 between the queue's moves and the summary's write: the
     * summary written before the last files were processed is what is left */
    char *summary = tu_path(data, "queue/summary.json");
    char *saved = tu_path(dir, "summary.saved");
    copy_file(summary, saved);
    char *inbox = tu_path(dir, "inbox");
    ck_assert_int_eq(g_mkdir_with_parents(inbox, 0755), 0);
    pid_t watch = it_watch_start(dir, data, inbox, 100);
    write_texts(inbox, 0, 6);
    json_object_put(it_wait_idle(data, 11, 120));
    ck_assert_int_eq(kill(watch, SIGKILL), 0);
    ck_assert_int_eq(waitpid(watch, NULL, 0), watch);
    copy_file(saved, summary);

    /* no service runs: status sees that the queue moved on, reads all, and
     * keeps what it counted, so the next status reads the summary again */
    st = status(data, 0);
    ck_assert_int_eq(it_get_int(st, "done"), 10);
    ck_assert_msg(strstr(it_get_str(st, "scanned"), "queue changed") != NULL, "%s",
                  it_get_str(st, "scanned"));
    json_object_put(st);
    assert_summary_is_scan(data);

    /* left stale again, the next start builds the summary again, and keeps
     * it from there on */
    copy_file(saved, summary);
    watch = it_watch_start(dir, data, inbox, 100);
    wait_log(dir, "status summary rebuilt from 11 records");
    wait_log(dir, "watching 1 inbox");
    it_watch_stop(watch);
    assert_summary_is_scan(data);
    watch = it_watch_start(dir, data, inbox, 100);
    write_texts(inbox, 6, 3);
    json_object_put(it_wait_idle(data, 14, 120));
    assert_summary_is_scan(data);
    it_watch_stop(watch);
    assert_summary_is_scan(data);

    /* without a summary, status reads every record and says so */
    ck_assert_int_eq(unlink(summary), 0);
    st = status(data, 0);
    ck_assert_int_eq(it_get_int(st, "done"), 13);
    ck_assert_str_eq(it_get_str(st, "scanned"), "there is no status summary");
    json_object_put(st);
    assert_summary_is_scan(data); /* and kept it */

    free(inbox);
    free(saved);
    free(summary);
    free(conf);
    free(folder);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-status");
    TCase *tc = tcase_create("status");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, summary_equals_scan);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
