/*
 * test_crash.c - kill -9 loses nothing and indexes nothing twice.
 *
 * The real `dokaz watch` receives generated files while the test kills the
 * supervisor (then starts it again) or one of its workers with SIGKILL at
 * seeded random moments. Afterwards every file must be stored with its
 * hash, found exactly once by its own word, the index must hold one
 * document per file, no temporary file may be left, and `dokaz verify` must
 * find the store, audit chain, queue, records and index agreeing. A second
 * test builds the states a kill leaves at exact points (a received item with
 * no queue entry, partial temporary files) and checks that a start repairs
 * them; a
 * third holds the index's lock from outside: the service waits, then goes on;
 * a fourth kills the service that `dokaz ingest` waits for: ingest goes on;
 * a fifth starts on the files a kill leaves while Xapian creates the index.
 * DOKAZ_CRASH_SEED repeats a run; DOKAZ_CRASH_FILES and DOKAZ_CRASH_KILLS
 * make it longer (bench/crash/run).
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"
#include "index/xapian/xapian_c.h" /* the lock test holds the index */

#include <check.h>
#include <glib.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { DEFAULT_FILES = 48, DEFAULT_KILLS = 8 };

/* env_int - a positive number from the environment, else `fallback` */
static int env_int(const char *name, int fallback)
{
    const char *v = getenv(name);
    int n = v ? atoi(v) : 0;
    return n > 0 ? n : fallback;
}

/* unique_word - the word only file i holds: letters only, so that no rule
 * of the index splits it ("kravtestaaa", "kravtestaab"...) */
static void unique_word(int i, char word[16])
{
    snprintf(word, 16, "kravtest%c%c%c", 'a' + i / 676 % 26, 'a' + i / 26 % 26, 'a' + i % 26);
}

/* write_source - file i in src: its word, and some lines around it */
static char *write_source(const char *src, int i)
{
    char name[32], word[16];
    snprintf(name, sizeof name, "f%03d.txt", i);
    unique_word(i, word);
    GString *text = g_string_new(NULL);
    for (int line = 0; line < 1 + i % 7 * 40; line++)
        g_string_append_printf(text, "Line %d of a generated court paper, file %d.\n", line, i);
    g_string_append_printf(text, "The word of this file is %s.\n", word);
    char *path = tu_path(src, name);
    tu_write(path, text->str, text->len);
    g_string_free(text, TRUE);
    return path;
}

/* drop - put file i into the inbox under its own name (write, then rename) */
static void drop(const char *from, const char *inbox, int i)
{
    char name[40], tmp[48];
    snprintf(name, sizeof name, "f%03d.txt", i);
    snprintf(tmp, sizeof tmp, ".f%03d.part", i);
    char *to = tu_path(inbox, name), *part = tu_path(inbox, tmp);
    it_copy(from, part);
    ck_assert_int_eq(rename(part, to), 0);
    free(part);
    free(to);
}

/* kill_one - SIGKILL the supervisor (restarted) or a worker of it */
static pid_t kill_one(pid_t watch, int supervisor, const char *dir, const char *data,
                      const char *inbox, int *kills)
{
    if (!supervisor) {
        pid_t w = it_worker_pid(watch);
        if (w > 0 && kill(w, SIGKILL) == 0)
            (*kills)++;
        return watch;
    }
    ck_assert_int_eq(kill(watch, SIGKILL), 0);
    ck_assert_int_eq(waitpid(watch, NULL, 0), watch);
    (*kills)++;
    return it_watch_start(dir, data, inbox, 150);
}

/* assert_found_once - file i's word finds it alone */
static void assert_found_once(const char *data, int i, const char *sha)
{
    char word[16];
    unique_word(i, word);
    it_assert_found_once(data, word, sha);
}

/* assert_stored - the evidence store holds the bytes under their hash */
static void assert_stored(const char *data, const char *sha)
{
    char *stored = xasprintf("%s/evidence/%.2s/%s", data, sha, sha);
    char *stored_sha = tu_sha256_file(stored);
    ck_assert_msg(stored_sha && strcmp(stored_sha, sha) == 0, "%s is missing or altered", stored);
    free(stored_sha);
    free(stored);
}

/* assert_no_temp - evidence/tmp and queue/tmp are empty */
static void assert_no_temp(const char *data)
{
    char *etmp = tu_path(data, "evidence/tmp"), *qtmp = tu_path(data, "queue/tmp");
    ck_assert_int_le(tu_count_files(etmp), 0);
    ck_assert_int_le(tu_count_files(qtmp), 0);
    free(qtmp);
    free(etmp);
}

/* retry_failed - `dokaz retry --failed`: an item whose worker was killed
 * twice was failed with that reason, which is right; it must then go through */
static void retry_failed(const char *data, long failed)
{
    if (failed == 0)
        return;
    fprintf(stderr, "crash: %ld items failed by two kills; retrying them\n", failed);
    const char *argv[] = {getenv("DOKAZ_BIN"), "retry", "--data", data, "--failed", NULL};
    char *out = NULL;
    ck_assert_msg(tu_run((char *const *)argv, &out) == 0, "retry: %s", out);
    free(out);
}

/* assert_verified - `dokaz verify`: store, audit chain, queue, records and
 * index agree after the kills */
static void assert_verified(const char *data)
{
    const char *argv[] = {getenv("DOKAZ_BIN"), "verify", "--data", data, NULL};
    char *out = NULL;
    ck_assert_msg(tu_run((char *const *)argv, &out) == 0, "verify after the kills: %s", out);
    free(out);
}

START_TEST(kill9_loses_nothing_and_indexes_once)
{
    unsigned seed = (unsigned)env_int("DOKAZ_CRASH_SEED", (int)(time(NULL) % 100000) + 1);
    int nfiles = env_int("DOKAZ_CRASH_FILES", DEFAULT_FILES);
    int nkills = env_int("DOKAZ_CRASH_KILLS", DEFAULT_KILLS);
    fprintf(stderr, "crash: seed %u (DOKAZ_CRASH_SEED=%u repeats it), %d files, %d kills\n", seed,
            seed, nfiles, nkills);
    char *dir = tu_tempdir("itest-crash9");
    char *src = tu_path(dir, "src"), *inbox = tu_path(dir, "inbox"), *data = tu_path(dir, "data");
    ck_assert_int_eq(mkdir(src, 0755), 0);
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    char **paths = xcalloc((size_t)nfiles, sizeof *paths);
    char **shas = xcalloc((size_t)nfiles, sizeof *shas);
    for (int i = 0; i < nfiles; i++) {
        paths[i] = write_source(src, i);
        shas[i] = tu_sha256_file(paths[i]);
    }
    pid_t watch = it_watch_start(dir, data, inbox, 150);
    int dropped = 0, kills = 0;
    for (int k = 0; k < nkills; k++) {
        int upto = nfiles * (k + 1) / nkills;
        for (; dropped < upto; dropped++)
            drop(paths[dropped], inbox, dropped);
        usleep((useconds_t)(50 + rand_r(&seed) % 900) * 1000);
        int supervisor = k < 2 ? k == 0 : (int)(rand_r(&seed) % 2);
        watch = kill_one(watch, supervisor, dir, data, inbox, &kills);
    }
    ck_assert_int_ge(kills, nkills > 5 ? 5 : nkills);
    json_object *st = it_wait_idle(data, nfiles, 240);
    retry_failed(data, it_get_int(st, "failed"));
    json_object_put(st);
    st = it_wait_idle(data, nfiles, 120);
    ck_assert_int_eq(it_get_int(st, "done"), nfiles);
    ck_assert_int_eq(it_get_int(st, "failed"), 0);
    json_object_put(st);
    it_watch_stop(watch);
    for (int i = 0; i < nfiles; i++) {
        assert_stored(data, shas[i]);
        assert_found_once(data, i, shas[i]);
    }
    ck_assert_uint_eq(it_doc_count(data), (unsigned long)nfiles); /* one page each, none twice */
    assert_no_temp(data);
    assert_verified(data);
    fprintf(stderr, "crash: %d kills, %d files, none lost, none indexed twice\n", kills, nfiles);
    for (int i = 0; i < nfiles; i++) {
        free(paths[i]);
        free(shas[i]);
    }
    free(paths);
    free(shas);
    free(data);
    free(inbox);
    free(src);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* dead_pid - the pid of a process that has ended */
static pid_t dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
    return pid;
}

START_TEST(start_repairs_what_a_kill_left)
{
    char *dir = tu_tempdir("itest-crashpoints");
    char *inbox = tu_path(dir, "inbox"), *data = tu_path(dir, "data");
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    char *path = write_source(inbox, 7);
    char *sha = tu_sha256_file(path);
    pid_t watch = it_watch_start(dir, data, inbox, 150);
    json_object_put(it_wait_idle(data, 1, 60));
    it_watch_stop(watch);
    /* the state of a kill after the "received" audit line, before the queue
     * entry: stored and recorded, never queued, never processed */
    char *entry = xasprintf("%s/queue/done/%s", data, sha);
    char *result = it_result_path(data, sha);
    ck_assert_int_eq(unlink(entry), 0);
    ck_assert_int_eq(unlink(result), 0);
    /* and of kills while copying into the store and while queueing */
    char *part = xasprintf("%s/evidence/tmp/in-AbCdEf.%ld", data, (long)dead_pid());
    char *qpart = xasprintf("%s/queue/tmp/%s.%ld", data, sha, (long)dead_pid());
    tu_write(part, "partial", 7);
    tu_write(qpart, "", 0);
    watch = it_watch_start(dir, data, inbox, 150);
    json_object *st = it_wait_idle(data, 1, 60);
    ck_assert_int_eq(it_get_int(st, "done"), 1);
    json_object_put(st);
    assert_found_once(data, 7, sha);
    ck_assert_msg(access(part, F_OK) != 0 && access(qpart, F_OK) != 0, "partial files left");
    it_watch_stop(watch);
    free(qpart);
    free(part);
    free(result);
    free(entry);
    free(sha);
    free(path);
    free(data);
    free(inbox);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(locked_index_pauses_until_free)
{
    char *dir = tu_tempdir("itest-locked");
    char *inbox = tu_path(dir, "inbox"), *data = tu_path(dir, "data");
    char *index = tu_path(data, "index"), *err = NULL;
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    ck_assert_int_eq(mkdir(data, 0755), 0);
    int locked = 0;
    xc_wdb *other = xc_wdb_open(index, &locked, &err); /* another writer holds it */
    ck_assert_msg(other != NULL, "%s", err);
    pid_t watch = it_watch_start(dir, data, inbox, 150);
    char *path = write_source(inbox, 3), *sha = tu_sha256_file(path);
    json_object *st = it_wait_condition(data, "index");
    ck_assert_int_eq(it_get_int(st, "done") + it_get_int(st, "failed"), 0);
    json_object_put(st);
    xc_wdb_close(other, NULL);
    json_object_put(it_wait_idle(data, 1, 60));
    assert_found_once(data, 3, sha);
    it_watch_stop(watch);
    free(sha);
    free(path);
    free(index);
    free(data);
    free(inbox);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(half_made_index_is_replaced)
{
    char *dir = tu_tempdir("itest-halfindex");
    char *inbox = tu_path(dir, "inbox"), *data = tu_path(dir, "data");
    char *index = tu_path(data, "index");
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    ck_assert_int_eq(mkdir(data, 0755), 0);
    ck_assert_int_eq(mkdir(index, 0755), 0);
    static const char *const left[] = {"postlist.glass", "termlist.glass", "v.tmp"};
    for (size_t i = 0; i < sizeof left / sizeof *left; i++) { /* as a kill in Xapian's create */
        char *f = tu_path(index, left[i]);
        tu_write(f, "", 0);
        free(f);
    }
    char *path = write_source(inbox, 5), *sha = tu_sha256_file(path);
    pid_t watch = it_watch_start(dir, data, inbox, 150);
    json_object_put(it_wait_idle(data, 1, 60));
    assert_found_once(data, 5, sha);
    it_watch_stop(watch);
    free(sha);
    free(path);
    free(index);
    free(data);
    free(inbox);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(ingest_takes_over_from_a_dead_service)
{
    char *dir = tu_tempdir("itest-takeover");
    char *inbox = tu_path(dir, "inbox"), *data = tu_path(dir, "data"), *src = tu_path(dir, "src");
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    ck_assert_int_eq(mkdir(src, 0755), 0);
    char *path = write_source(src, 11), *sha = tu_sha256_file(path);
    pid_t watch = it_watch_start(dir, data, inbox, 150);
    ck_assert_int_eq(kill(watch, SIGSTOP), 0); /* alive, holding the lock, doing nothing */
    int out[2];
    ck_assert_int_eq(pipe(out), 0);
    pid_t ingest = fork();
    if (ingest == 0) {
        dup2(out[1], STDOUT_FILENO);
        execl(getenv("DOKAZ_BIN"), "dokaz", "ingest", "--data", data, path, (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    usleep(1500 * 1000); /* ingest has queued the file and waits for the service */
    ck_assert_int_eq(waitpid(ingest, NULL, WNOHANG), 0);
    ck_assert_int_eq(kill(watch, SIGKILL), 0);
    ck_assert_int_eq(waitpid(watch, NULL, 0), watch);
    int status = 0;
    ck_assert_int_eq(waitpid(ingest, &status, 0), ingest); /* Check's timeout if it hangs */
    char line[512] = "";
    ssize_t n = read(out[0], line, sizeof line - 1);
    line[n > 0 ? n : 0] = '\0';
    close(out[0]);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0 && strncmp(line, "done\t", 5) == 0,
                  "ingest: status %d, %s", status, line);
    assert_found_once(data, 11, sha);
    free(sha);
    free(path);
    free(src);
    free(data);
    free(inbox);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-crash");
    TCase *tc = tcase_create("crash");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, start_repairs_what_a_kill_left);
    tcase_add_test(tc, locked_index_pauses_until_free);
    tcase_add_test(tc, ingest_takes_over_from_a_dead_service);
    tcase_add_test(tc, half_made_index_is_replaced);
    tcase_add_test(tc, kill9_loses_nothing_and_indexes_once);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
