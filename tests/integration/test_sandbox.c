/*
 * test_sandbox.c - a worker taken over by a hostile file cannot reach the
 * network nor write outside the data directory's working areas: the real
 * service, with the test build's probe (service/worker_private.h) standing
 * in for the exploit. The probe's file is failed with the reason, and the
 * service goes on with the next file.
 */
#include "itest.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* assert_line - ingest's line for `file` has `status` first and `words` in it */
static void assert_line(const char *out, const char *file, const char *status, const char *words)
{
    const char *at = strstr(out, file);
    ck_assert_msg(at != NULL, "no line for %s in:\n%s", file, out);
    while (at > out && at[-1] != '\n')
        at--;
    char *line = strndup(at, strcspn(at, "\n"));
    ck_assert_msg(strncmp(line, status, strlen(status)) == 0 && line[strlen(status)] == '\t' &&
                      strstr(line, words) != NULL,
                  "expected %s with '%s': %s", status, words, line);
    free(line);
}

START_TEST(worker_escapes_are_stopped)
{
    /* not in /tmp, where a worker may leave temporary files (leptonica), so
     * that a write the sandbox lets through there is not taken for an
     * escape: /var/tmp, which no rule of the sandbox names; else the build
     * directory, when the clone itself is not under /tmp */
    char *bin_dir = g_path_get_dirname(getenv("DOKAZ_BIN"));
    const char *base = access("/var/tmp", W_OK) == 0 ? "/var/tmp" : bin_dir;
    char *real = realpath(base, NULL);
    ck_assert_msg(real && strncmp(real, "/tmp/", 5) != 0,
                  "no place for the test outside /tmp (the sandbox's temporary files)");
    free(real);
    setenv("TMPDIR", base, 1);
    char *dir = tu_tempdir("itest-sandbox");
    unsetenv("TMPDIR");
    char *data = tu_path(dir, "data"), *in = tu_path(dir, "in");
    char *outside = tu_path(dir, "escaped"), *index_file = tu_path(data, "index/planted");
    char *note = tu_path(in, "note.txt"), *sock = tu_path(in, "socket.txt");
    char *write_out = tu_path(in, "write-outside.txt"), *write_ix = tu_path(in, "write-index.txt");
    const char *text = "Приговор суда, дело 1-234/2024, слово песочница\n";
    tu_write(note, text, strlen(text));
    const char *probe_socket = "DOKAZ-SANDBOX-PROBE socket\n";
    tu_write(sock, probe_socket, strlen(probe_socket));
    char probe[512];
    snprintf(probe, sizeof probe, "DOKAZ-SANDBOX-PROBE write %s\n", outside);
    tu_write(write_out, probe, strlen(probe));
    snprintf(probe, sizeof probe, "DOKAZ-SANDBOX-PROBE write %s\n", index_file);
    tu_write(write_ix, probe, strlen(probe));

    setenv("DOKAZ_SANDBOX_PROBE", "1", 1);
    const char *argv[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data,
                          "--workers",         "1",      in,       NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)argv, &out), 1);
    unsetenv("DOKAZ_SANDBOX_PROBE");

    /* the socket: the filter killed the worker, twice, and the file says why */
    assert_line(out, "socket.txt", "failed", "stopped by the sandbox: a forbidden system call");
    /* the writes: refused by Landlock, outside the data directory and in the index */
    assert_line(out, "write-outside.txt", "failed", "the sandbox refused");
    assert_line(out, "write-index.txt", "failed", "the sandbox refused");
    ck_assert_msg(access(outside, F_OK) != 0, "the worker wrote %s", outside);
    ck_assert_msg(access(index_file, F_OK) != 0, "the worker wrote %s", index_file);
    /* and the service went on: the plain file was read and indexed */
    assert_line(out, "note.txt", "done", "text/plain");
    json_object *results = it_search(data, "песочница");
    json_object *hits = NULL;
    ck_assert(json_object_object_get_ex(results, "hits", &hits));
    ck_assert_int_eq(json_object_array_length(hits), 1);
    json_object_put(results);

    free(out);
    free(write_ix);
    free(write_out);
    free(sock);
    free(note);
    free(index_file);
    free(outside);
    free(in);
    free(data);
    tu_rmtree(dir);
    free(dir);
    g_free(bin_dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-sandbox");
    TCase *tc = tcase_create("sandbox");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, worker_escapes_are_stopped);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
