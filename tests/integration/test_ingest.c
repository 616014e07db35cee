/*
 * test_ingest.c - the real `dokaz ingest`: one-shot processing, exit codes,
 * failures recorded with reasons, duplicates stored once with every
 * reception recorded, and handing work to a running service.
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* run_dokaz - run the binary with args, capture stdout */
static int run_dokaz(const char *const *args, char **out)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = getenv("DOKAZ_BIN");
    for (; args[n - 1]; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    return tu_run((char *const *)argv, out);
}

START_TEST(one_shot_with_failures_and_duplicates)
{
    char *dir = tu_tempdir("itest-ingest");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    char *folder = tu_path(dir, "case");
    it_generate_samples(samples);
    ck_assert_int_eq(mkdir(folder, 0755), 0);
    const char *files[] = {"note.txt", "blob.bin", "notice_be.png"};
    for (int i = 0; i < 3; i++) {
        char *from = tu_path(samples, files[i]), *to = tu_path(folder, files[i]);
        it_copy(from, to);
        free(from);
        free(to);
    }
    char *broken = tu_path(folder, "broken.pdf");
    const char junk[] = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF\n";
    tu_write(broken, junk, sizeof junk - 1);

    char *out = NULL;
    const char *ingest[] = {"ingest", "--data", data, folder, NULL};
    ck_assert_int_eq(run_dokaz(ingest, &out), 1); /* one file failed */
    ck_assert_msg(strstr(out, "failed\tapplication/pdf") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "done\ttext/plain\t1 page\t") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "unsupported\tapplication/octet-stream") != NULL, "%s", out);
    free(out);

    const char *status[] = {"status", "--data", data, "--json", NULL};
    json_object *st = it_dokaz_json(0, status);
    ck_assert_int_eq(it_get_int(st, "failed"), 1);
    ck_assert_int_eq(it_get_int(st, "done"), 3);
    json_object *failed = NULL;
    ck_assert(json_object_object_get_ex(st, "failed_items", &failed));
    json_object *f = json_object_array_get_idx(failed, 0);
    ck_assert_str_eq(it_get_str(f, "name"), "broken.pdf");
    ck_assert_msg(it_get_str(f, "reason") && strlen(it_get_str(f, "reason")) > 5,
                  "no reason given for the failed PDF");
    json_object_put(st);

    /* the failed file is still stored and findable by name */
    json_object *r = it_search(data, "file:broken");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);
    r = it_search(data, "черносмородиновый");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);

    /* the same content from elsewhere: stored once, both receptions recorded */
    char *evidence = tu_path(data, "evidence");
    int stored_before = tu_count_files(evidence);
    char *again = tu_path(dir, "copy-of-note.txt"), *note = tu_path(folder, "note.txt");
    it_copy(note, again);
    const char *ingest_again[] = {"ingest", "--data", data, again, NULL};
    ck_assert_int_eq(run_dokaz(ingest_again, &out), 0);
    free(out);
    ck_assert_int_eq(tu_count_files(evidence), stored_before);
    char *sha = tu_sha256_file(again);
    const char *show[] = {"show", "--data", data, "--json", sha, NULL};
    json_object *item = it_dokaz_json(0, show);
    json_object *receptions = NULL;
    ck_assert(json_object_object_get_ex(item, "receptions", &receptions));
    ck_assert_uint_eq(json_object_array_length(receptions), 2);
    json_object_put(item);

    free(sha);
    free(note);
    free(again);
    free(evidence);
    free(broken);
    free(folder);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(usage_errors_and_unknown_items)
{
    char *dir = tu_tempdir("itest-usage");
    char *data = tu_path(dir, "data");
    const char *no_paths[] = {"ingest", "--data", data, NULL};
    ck_assert_int_eq(run_dokaz(no_paths, NULL), 2);
    const char *bad_option[] = {"search", "--bogus", "x", NULL};
    ck_assert_int_eq(run_dokaz(bad_option, NULL), 2);
    const char *bad_limit[] = {"search", "--limit", "lots", "x", NULL};
    ck_assert_int_eq(run_dokaz(bad_limit, NULL), 2);
    const char *bad_command[] = {"frobnicate", NULL};
    ck_assert_int_eq(run_dokaz(bad_command, NULL), 2);
    const char *help[] = {"watch", "--help", NULL};
    char *out = NULL;
    ck_assert_int_eq(run_dokaz(help, &out), 0);
    ck_assert_ptr_nonnull(strstr(out, "Usage: dokaz watch"));
    free(out);
    const char *missing[] = {"ingest", "--data", data, "/nonexistent/file.pdf", NULL};
    ck_assert_int_eq(run_dokaz(missing, &out), 1);
    ck_assert_ptr_nonnull(strstr(out, "No such file"));
    free(out);
    const char *unknown[] = {"show", "--data", data, "abcd1234", NULL};
    ck_assert_int_eq(run_dokaz(unknown, NULL), 1);
    /* an inbox holding the data directory would feed dokaz its own store */
    const char *loop[] = {"watch", "--data", data, dir, NULL};
    ck_assert_int_eq(run_dokaz(loop, NULL), 1);
    /* an empty data directory searches to nothing, not an error */
    json_object *r = it_search(data, "anything");
    ck_assert_int_eq(it_get_int(r, "total"), 0);
    json_object_put(r);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(ingest_hands_work_to_a_running_service)
{
    char *dir = tu_tempdir("itest-handoff");
    char *data = tu_path(dir, "data"), *inbox = tu_path(dir, "inbox");
    char *file = tu_path(dir, "letter.txt");
    const char text[] = "Ходатайство о передаче дела Сидоровой в другой суд.\n";
    tu_write(file, text, sizeof text - 1);
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, STDERR_FILENO);
        execl(getenv("DOKAZ_BIN"), "dokaz", "watch", "--data", data, "--no-web", inbox,
              (char *)NULL);
        _exit(127);
    }
    /* the service has started once its lock file exists */
    for (int i = 0; i < 100 && tu_count_files(data) == 0; i++)
        usleep(50 * 1000);
    usleep(300 * 1000);
    /* and a folder of more files than one group (ACCEPT_GROUP_MAX), each a
     * word of its own, received while the service processes the first */
    char *folder = tu_path(dir, "letters");
    ck_assert_int_eq(mkdir(folder, 0755), 0);
    enum { LETTERS = 150 };
    for (int i = 0; i < LETTERS; i++) {
        char name[32], body[64];
        snprintf(name, sizeof name, "letter%d.txt", i);
        int n = snprintf(body, sizeof body, "Письмо номер %d, слово handoff%dq.\n", i, i);
        char *path = tu_path(folder, name);
        tu_write(path, body, (size_t)n);
        free(path);
    }
    char *out = NULL;
    const char *ingest[] = {"ingest", "--data", data, file, folder, NULL};
    ck_assert_int_eq(run_dokaz(ingest, &out), 0);
    ck_assert_msg(strstr(out, "done\ttext/plain") != NULL, "%s", out);
    int lines = 0;
    for (const char *p = out; (p = strstr(p, "done\ttext/plain")) != NULL; p++)
        lines++;
    ck_assert_int_eq(lines, LETTERS + 1); /* one line a file, each once */
    free(out);
    json_object *r = it_search(data, "Ходатайство");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);
    r = it_search(data, "handoff149q");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);
    free(folder);
    kill(pid, SIGTERM);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(file);
    free(inbox);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* last_progress - the last JSON object of a --json progress stream */
static json_object *last_progress(const char *stream)
{
    const char *last = NULL;
    for (const char *p = stream; (p = strstr(p, "{\"received\"")) != NULL; p++)
        last = p;
    ck_assert_msg(last != NULL, "no progress in: %s", stream);
    return json_tokener_parse(last);
}

START_TEST(progress_stream_counts_every_file)
{
    char *dir = tu_tempdir("itest-progress");
    char *docs = tu_path(dir, "docs"), *data = tu_path(dir, "data");
    ck_assert_int_eq(mkdir(docs, 0755), 0);
    for (int i = 0; i < 40; i++) {
        char name[32], text[64];
        snprintf(name, sizeof name, "note%02d.txt", i);
        int n = snprintf(text, sizeof text, "Протокол допроса номер %d\n", i);
        char *path = tu_path(docs, name);
        tu_write(path, text, (size_t)n);
        free(path);
    }
    /* the progress goes to stderr: swap it with stdout to capture it */
    char *cmd = xasprintf("\"%s\" ingest --json --data \"%s\" \"%s\" 2>&1 >/dev/null",
                          getenv("DOKAZ_BIN"), data, docs);
    const char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)argv, &out), 0);
    json_object *last = last_progress(out);
    ck_assert_msg(last != NULL, "%s", out);
    ck_assert_int_eq(it_get_int(last, "received"), 40);
    ck_assert_int_eq(it_get_int(last, "done"), 40);
    ck_assert_int_eq(it_get_int(last, "total"), 40);
    ck_assert_int_eq(it_get_int(last, "pages"), 40);
    ck_assert_int_eq(it_get_int(last, "failed"), 0);
    json_object *final = NULL;
    ck_assert(json_object_object_get_ex(last, "final", &final) && json_object_get_boolean(final));
    json_object_put(last);
    free(out);
    free(cmd);
    free(data);
    tu_rmtree(dir);
    free(docs);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-ingest");
    TCase *tc = tcase_create("ingest");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, one_shot_with_failures_and_duplicates);
    tcase_add_test(tc, usage_errors_and_unknown_items);
    tcase_add_test(tc, ingest_hands_work_to_a_running_service);
    tcase_add_test(tc, progress_stream_counts_every_file);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
