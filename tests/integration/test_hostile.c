/*
 * test_hostile.c - files built to confuse dokaz, through the real `dokaz
 * ingest`: markup nested far deeper than any parser follows, and a PDF
 * claiming two billion pages, end as done with no page but with the reason
 * their reader gives, never silently empty; a file name with a
 * newline and bytes that are not UTF-8 stays one line of `ingest`'s output
 * and gives valid JSON in `status` and `search`, in the one escaped form,
 * which the audit log, `custody`, a clean `verify` and an export's manifest
 * show too; an inbox that goes away is said in `status` and watched again
 * once it is back; a conversion cut off with its worker leaves no process
 * and no scratch directory.
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { NESTING = 200000 };

/* ingest - `dokaz ingest --data DATA PATH`; exit status, stdout in *out */
static int ingest(const char *data, const char *path, char **out)
{
    const char *argv[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data,
                          "--workers",         "1",      path,     NULL};
    return tu_run((char *const *)argv, out);
}

/* ingest_bytes - `dokaz ingest` of a file `name` holding len bytes, in a data
 * directory of its own; its one line of output (malloc'd) */
static char *ingest_bytes(const char *name, const char *bytes, size_t len)
{
    char *dir = tu_tempdir("itest-hostile"), *data = tu_path(dir, "data");
    char *path = tu_path(dir, name), *out = NULL;
    tu_write(path, bytes, len);
    ck_assert_int_eq(ingest(data, path, &out), 0);
    free(path);
    free(data);
    tu_rmtree(dir);
    free(dir);
    return out;
}

START_TEST(deep_markup_is_done_with_a_reason)
{
    GString *html = g_string_new("<html><body>");
    for (int i = 0; i < NESTING; i++)
        g_string_append(html, "<div>");
    g_string_append(html, "deepword");
    for (int i = 0; i < NESTING; i++)
        g_string_append(html, "</div>");
    char *out = ingest_bytes("deep.html", html->str, html->len);
    g_string_free(html, TRUE);
    ck_assert_msg(g_str_has_prefix(out, "done\ttext/html\t0 pages\t") &&
                      strstr(out, "nesting deeper than 256 levels"),
                  "%s", out);
    free(out);
}
END_TEST

START_TEST(huge_page_claim_is_done_with_a_reason)
{
    static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                              "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 2000000000 >> endobj\n"
                              "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> "
                              "endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    char *out = ingest_bytes("claim.pdf", pdf, sizeof pdf - 1);
    ck_assert_msg(g_str_has_prefix(out, "done\tapplication/pdf\t0 pages\t") &&
                      strstr(out, "pages claimed 2000000000, limit one per object"),
                  "%s", out);
    free(out);
}
END_TEST

START_TEST(hostile_name_stays_one_line_and_valid_json)
{
    char *dir = tu_tempdir("itest-name"), *data = tu_path(dir, "data");
    char *path = xasprintf("%s/bad\nname\xff\xfe.txt", dir), *out = NULL;
    const char *text = "a paper with a hostile name: namewordzz\n";
    tu_write(path, text, strlen(text));
    ck_assert_int_eq(ingest(data, path, &out), 0);
    ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1, "more than one line: %s", out);
    ck_assert_msg(strstr(out, "bad\\x0aname\\xff\\xfe.txt"), "not escaped: %s", out);
    ck_assert_msg(g_utf8_validate(out, -1, NULL), "not UTF-8: %s", out);
    free(out);
    json_object *r = it_search(data, "namewordzz"), *hits = NULL; /* parses: valid JSON */
    ck_assert(json_object_object_get_ex(r, "hits", &hits));
    ck_assert_int_eq(json_object_array_length(hits), 1);
    ck_assert_str_eq(it_get_str(json_object_array_get_idx(hits, 0), "name"),
                     "bad\\x0aname\\xff\\xfe.txt");
    json_object_put(r);
    char *sha = tu_sha256_file(path);
    const char *show[] = {"show", "--data", data, "--json", sha, NULL};
    json_object *item = it_dokaz_json(0, show); /* parses: valid JSON */
    ck_assert_str_eq(it_get_str(item, "name"), "bad\\x0aname\\xff\\xfe.txt");
    json_object_put(item);
    /* the audit log, custody, verify and export: the same form, valid UTF-8 JSON */
    char *log = tu_path(data, "audit.log");
    size_t len = 0;
    char *lines = tu_read(log, &len);
    ck_assert_msg(g_utf8_validate(lines, (gssize)len, NULL), "audit log not UTF-8: %s", lines);
    ck_assert_msg(strstr(lines, "bad\\\\x0aname\\\\xff\\\\xfe.txt"), "%s", lines);
    free(lines);
    free(log);
    const char *custody[] = {"custody", "--data", data, "--json", sha, NULL};
    json_object *c = it_dokaz_json(0, custody), *events = json_object_object_get(c, "events");
    ck_assert(g_str_has_suffix(it_get_str(json_object_array_get_idx(events, 0), "path"),
                               "/bad\\x0aname\\xff\\xfe.txt"));
    json_object_put(c);
    const char *verify[] = {"verify", "--data", data, "--json", NULL};
    json_object_put(it_dokaz_json(0, verify));
    char *pkg = tu_path(dir, "pkg"), *manifest = tu_path(pkg, "manifest.json");
    const char *export[] = {getenv("DOKAZ_BIN"), "export", "--data", data, "--out", pkg, sha, NULL};
    ck_assert_int_eq(tu_run((char *const *)export, NULL), 0);
    json_object *m = json_object_from_file(manifest), *items = NULL; /* NULL: not JSON */
    ck_assert_msg(m != NULL && json_object_object_get_ex(m, "items", &items), "%s", manifest);
    ck_assert_str_eq(it_get_str(json_object_array_get_idx(items, 0), "name"),
                     "bad\\x0aname\\xff\\xfe.txt");
    json_object_put(m);
    free(manifest);
    free(pkg);
    free(sha);
    free(path);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* status_page_says - GET /status of a `dokaz serve` on data shows, as the
 * service's condition, text that holds `words` */
static void status_page_says(const char *data, const char *words)
{
    char url[256];
    pid_t server = it_serve(data, url, sizeof url);
    char *page_url = g_strconcat(url, "/status", NULL), *page = NULL;
    char *const curl[] = {"/usr/bin/curl", "-s", "--max-time", "20", page_url, NULL};
    ck_assert_int_eq(tu_run(curl, &page), 0);
    const char *said = strstr(page, "<p class=\"error condition\" role=\"alert\">Service: ");
    ck_assert_msg(said != NULL && strstr(said, words) != NULL &&
                      strstr(said, words) < strstr(said, "</p>"),
                  "the status page does not say '%s': %s", words, page);
    free(page);
    g_free(page_url);
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
}

/* An inbox that goes away (a network share unmounted) is said in `status`
 * and on the status page, and watched again when it is back, without a
 * restart: a file that came back with it and one dropped afterwards are both
 * found. */
START_TEST(vanished_inbox_is_watched_again)
{
    char *dir = tu_tempdir("itest-vanish"), *data = tu_path(dir, "data");
    char *inbox = tu_path(dir, "inbox"), *away = tu_path(dir, "away");
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    pid_t pid = it_watch_start(dir, data, inbox, 150);
    char *log = tu_path(dir, "watch.log"), *said = NULL;
    for (int i = 0; i < 500 && (said == NULL || !strstr(said, "watching 1 inbox")); i++) {
        free(said);
        usleep(20 * 1000);
        said = tu_read(log, NULL);
    }
    free(said);
    free(log);
    ck_assert_int_eq(rename(inbox, away), 0);
    json_object_put(it_wait_condition(data, "is gone since"));
    status_page_says(data, "is gone since");
    char *first = tu_path(away, "first.txt"), *second = tu_path(inbox, "second.txt");
    tu_write(first, "came back with its inbox: returnwordaa\n", 39);
    ck_assert_int_eq(rename(away, inbox), 0);
    json_object *st = it_wait_idle(data, 1, 120);
    ck_assert_ptr_null(json_object_object_get(st, "condition"));
    json_object_put(st);
    tu_write(second, "dropped after it came back: afterwordbb\n", 40);
    json_object_put(it_wait_idle(data, 2, 120));
    it_watch_stop(pid);
    const char *const words[] = {"returnwordaa", "afterwordbb"};
    for (int i = 0; i < 2; i++) {
        json_object *r = it_search(data, words[i]), *hits = NULL;
        ck_assert(json_object_object_get_ex(r, "hits", &hits));
        ck_assert_int_eq(json_object_array_length(hits), 1);
        json_object_put(r);
    }
    free(first);
    free(second);
    free(away);
    free(inbox);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* running_in - is a process running with `path` (absolute) in its command
 * line? ("[/]..." so that the shell running pgrep does not match itself) */
static int running_in(const char *path)
{
    char *cmd = g_strdup_printf("pgrep -f '[/]%s' >/dev/null", path + 1);
    int found = system(cmd) == 0;
    g_free(cmd);
    return found;
}

/* A worker killed for the job's time while LibreOffice converts takes the
 * whole converter with it (soffice.bin is a grandchild), and its scratch
 * directory is removed; one left by a dead worker is removed at start. */
START_TEST(timed_out_conversion_leaves_nothing)
{
    static const char wpd[] = "\xffWPC\x10\0\0\0\x01\x0a\x02\x01\0\0\0\0 a WordPerfect body";
    char *dir = tu_tempdir("itest-lo"), *data = tu_path(dir, "data");
    char *path = tu_path(dir, "slow.wpd"), *work = tu_path(data, "cache/work"), *out = NULL;
    tu_write(path, wpd, sizeof wpd - 1);
    setenv("DOKAZ_CONVERT_TIMEOUT", "300", 1); /* only the job's limit stops it */
    const char *argv[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, "--workers", "1",
                          "--timeout",         "1",      path,     NULL};
    ck_assert_int_eq(tu_run((char *const *)argv, &out), 1);
    unsetenv("DOKAZ_CONVERT_TIMEOUT");
    ck_assert_msg(strstr(out, "longer than the limit of 1 s"), "%s", out);
    for (int i = 0; i < 40 && running_in(work); i++)
        usleep(50 * 1000); /* a killed process may take a moment to go */
    ck_assert_msg(!running_in(work), "a converter outlived its worker");
    char *left = tu_path(work, "worker-999999999"), *again = NULL;
    ck_assert_int_eq(g_mkdir_with_parents(left, 0700), 0);
    const char *none[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data,
                          "--workers",         "1",      dir,      NULL};
    tu_run((char *const *)none, &again); /* the item is known: any outcome, a start is all */
    GDir *d = g_dir_open(work, 0, NULL);
    ck_assert_ptr_nonnull(d);
    const char *name = g_dir_read_name(d);
    ck_assert_msg(name == NULL, "left in cache/work: %s", name);
    g_dir_close(d);
    free(again);
    free(left);
    free(out);
    free(work);
    free(path);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-hostile");
    TCase *tc = tcase_create("hostile");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, deep_markup_is_done_with_a_reason);
    tcase_add_test(tc, huge_page_claim_is_done_with_a_reason);
    tcase_add_test(tc, hostile_name_stays_one_line_and_valid_json);
    tcase_add_test(tc, vanished_inbox_is_watched_again);
    tcase_add_test(tc, timed_out_conversion_leaves_nothing);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
