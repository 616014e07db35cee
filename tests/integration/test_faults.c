/*
 * test_faults.c - a worker that crashes or runs too long costs one file, never
 * the service: the file is recorded as failed with the reason, and the next
 * file is processed. Real processes, real signals.
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* active_count - entries in DATA/queue/active */
static int active_count(const char *data)
{
    char *dir = tu_path(data, "queue/active");
    int n = tu_count_files(dir);
    free(dir);
    return n;
}

/* crash_worker_on_active_job - wait for a job to be active, then SIGSEGV its worker */
static void crash_worker_on_active_job(pid_t service, const char *data)
{
    for (int i = 0; i < 600 && active_count(data) == 0; i++)
        usleep(20 * 1000);
    ck_assert_msg(active_count(data) == 1, "no job became active");
    pid_t w = it_worker_pid(service);
    ck_assert_msg(w > 0, "no worker process found");
    ck_assert_int_eq(kill(w, SIGSEGV), 0);
    /* wait until the supervisor has noticed: a new worker replaces it */
    for (int i = 0; i < 500 && (it_worker_pid(service) == w || it_worker_pid(service) == 0); i++)
        usleep(20 * 1000);
}

START_TEST(crashing_worker_fails_one_file_only)
{
    char *dir = tu_tempdir("itest-crash");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    char *inbox = tu_path(dir, "inbox");
    it_generate_samples(samples);
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, STDERR_FILENO);
        /* in a sanitizer build, let SIGSEGV kill the worker as it would without one */
        setenv("ASAN_OPTIONS", "handle_segv=0", 1);
        execl(getenv("DOKAZ_BIN"), "dokaz", "watch", "--data", data, "--workers", "1", "--settle",
              "100", "--no-web", inbox, (char *)NULL);
        _exit(127);
    }
    char *from = tu_path(samples, "verdict_ru.pdf"), *to = tu_path(inbox, "verdict_ru.pdf");
    char *sha = tu_sha256_file(from);
    it_copy(from, to);
    crash_worker_on_active_job(pid, data); /* first crash: the file is tried again */
    crash_worker_on_active_job(pid, data); /* second crash: the file is failed */

    char *note_from = tu_path(samples, "note.txt"), *note_to = tu_path(inbox, "note.txt");
    it_copy(note_from, note_to);
    json_object *st = it_wait_idle(data, 2, 300);
    ck_assert_int_eq(it_get_int(st, "failed"), 1);
    ck_assert_int_eq(it_get_int(st, "done"), 1);
    json_object *failed = NULL;
    ck_assert(json_object_object_get_ex(st, "failed_items", &failed));
    json_object *f = json_object_array_get_idx(failed, 0);
    ck_assert_str_eq(it_get_str(f, "sha256"), sha);
    const char *reason = it_get_str(f, "reason");
    ck_assert_msg(reason && strstr(reason, "died 2 times") && strstr(reason, "signal 11"),
                  "unexpected reason: %s", reason ? reason : "(none)");
    json_object_put(st);
    /* still running, and the failed file is kept */
    ck_assert_int_eq(kill(pid, 0), 0);
    char *stored = xasprintf("%s/evidence/%.2s/%s", data, sha, sha);
    char *stored_sha = tu_sha256_file(stored);
    ck_assert_str_eq(stored_sha, sha);
    kill(pid, SIGTERM);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(stored_sha);
    free(stored);
    free(note_to);
    free(note_from);
    free(sha);
    free(to);
    free(from);
    free(inbox);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(file_over_time_limit_is_failed)
{
    char *dir = tu_tempdir("itest-timeout");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    it_generate_samples(samples);
    char *pdf = tu_path(samples, "verdict_ru.pdf"), *note = tu_path(samples, "note.txt");
    const char *argv[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, "--workers", "1",
                          "--timeout",         "1",      pdf,      note, NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)argv, &out), 1);
    ck_assert_msg(strstr(out, "longer than the limit of 1 s") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "done\ttext/plain") != NULL, "%s", out);
    free(out);
    free(note);
    free(pdf);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-faults");
    TCase *tc = tcase_create("faults");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, crashing_worker_fails_one_file_only);
    tcase_add_test(tc, file_over_time_limit_is_failed);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
