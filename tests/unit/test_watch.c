/*
 * test_watch.c - the inbox watcher hands out each complete file once, with
 * real inotify on a real directory tree.
 */
#include "ingest/watch.h"
#include "testutil.h"

#include <check.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { SETTLE_MS = 400 };

typedef struct {
    char *paths[16];
    off_t sizes[16];
    int n;
} collected;

/* collect - run the watcher for `ms`, recording every path handed out and its size then */
static void collect(watcher *w, int ms, collected *c)
{
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= ms)
            return;
        long t = watcher_timeout_ms(w);
        if (t < 0 || t > ms - elapsed)
            t = ms - elapsed;
        struct pollfd p = {.fd = watcher_fd(w), .events = POLLIN};
        poll(&p, 1, (int)t);
        char *err = NULL;
        ck_assert_int_eq(watcher_read(w, &err), 0);
        char *path;
        while ((path = watcher_next_ready(w)) != NULL) {
            ck_assert_int_lt(c->n, 16);
            struct stat st;
            ck_assert_int_eq(stat(path, &st), 0);
            c->sizes[c->n] = st.st_size;
            c->paths[c->n++] = path;
        }
    }
}

/* collected_free - free paths */
static void collected_free(collected *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->paths[i]);
    c->n = 0;
}

START_TEST(existing_new_and_nested_files)
{
    char *dir = tu_tempdir("watch");
    char *old = tu_path(dir, "already-there.txt");
    tu_write(old, "old", 3);
    char *err = NULL;
    watcher *w = watcher_open(&dir, 1, SETTLE_MS, 64, 0, &err);
    ck_assert_msg(w != NULL, "%s", err);
    collected c = {0};
    collect(w, SETTLE_MS + 300, &c);
    ck_assert_int_eq(c.n, 1);
    ck_assert_str_eq(c.paths[0], old);
    collected_free(&c);

    char *sub = tu_path(dir, "case-17/scans");
    char *casedir = tu_path(dir, "case-17");
    ck_assert_int_eq(mkdir(casedir, 0755), 0);
    free(casedir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    char *nested = tu_path(sub, "page1.png");
    tu_write(nested, "png", 3);
    char *partial = tu_path(dir, "download.part");
    tu_write(partial, "partial", 7);
    char *hidden = tu_path(dir, ".hidden");
    tu_write(hidden, "h", 1);
    collect(w, SETTLE_MS + 500, &c);
    ck_assert_int_eq(c.n, 1);
    ck_assert_str_eq(c.paths[0], nested);
    collected_free(&c);

    /* a partial download renamed to its real name is picked up */
    char *done = tu_path(dir, "download.pdf");
    ck_assert_int_eq(rename(partial, done), 0);
    collect(w, SETTLE_MS + 300, &c);
    ck_assert_int_eq(c.n, 1);
    ck_assert_str_eq(c.paths[0], done);
    collected_free(&c);
    watcher_close(w);
    free(done);
    free(hidden);
    free(partial);
    free(nested);
    free(sub);
    free(old);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* slow_writer - another process appends 8 chunks, re-opening the file each time,
 * 150 ms apart (a shell, so that the writer is a separate program) */
static pid_t slow_writer(const char *path)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c",
              "for i in 1 2 3 4 5 6 7 8; do printf 0123456789abcdef >> \"$1\"; sleep 0.15; done",
              "sh", path, (char *)NULL);
        _exit(127);
    }
    return pid;
}

START_TEST(slow_writer_is_picked_up_once_complete)
{
    char *dir = tu_tempdir("watch");
    char *err = NULL;
    watcher *w = watcher_open(&dir, 1, SETTLE_MS, 64, 0, &err);
    ck_assert_msg(w != NULL, "%s", err);
    char *path = tu_path(dir, "slow.bin");
    pid_t pid = slow_writer(path);
    collected c = {0};
    collect(w, 8 * 150 + SETTLE_MS + 600, &c);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    ck_assert_int_eq(c.n, 1);
    ck_assert_str_eq(c.paths[0], path);
    ck_assert_int_eq(c.sizes[0], 8 * 16);
    collected_free(&c);
    watcher_close(w);
    free(path);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

enum { FOLDERS = 3, BEFORE = 300, AFTER = 100, CAP = 20 };

/* file_number - N of a path ending in "/fN.txt", or -1 */
static int file_number(const char *path)
{
    const char *name = strrchr(path, '/');
    int n, len = 0;
    if (name == NULL || sscanf(name, "/f%d.txt%n", &n, &len) != 1 || name[len] != '\0')
        return -1;
    return n;
}

/* write_numbered - file N in folder dir */
static void write_numbered(const char *dir, int n)
{
    char name[32];
    snprintf(name, sizeof name, "f%d.txt", n);
    char *path = tu_path(dir, name);
    tu_write(path, name, strlen(name));
    free(path);
}

/* A big inbox is read as the waiting list drains: it never holds more than
 * its cap, and every file, those there at the start and those that came
 * while the list was full, is handed out. */
START_TEST(waiting_list_stays_bounded)
{
    char *dir = tu_tempdir("watch");
    char *folders[FOLDERS];
    for (int i = 0; i < FOLDERS; i++) {
        char name[16];
        snprintf(name, sizeof name, "box%d", i);
        folders[i] = tu_path(dir, name);
        ck_assert_int_eq(mkdir(folders[i], 0755), 0);
    }
    for (int n = 0; n < BEFORE; n++)
        write_numbered(folders[n % FOLDERS], n);
    char *err = NULL;
    watcher *w = watcher_open(&dir, 1, 50, CAP, 0, &err);
    ck_assert_msg(w != NULL, "%s", err);
    int seen[BEFORE + AFTER] = {0}, distinct = 0, handed = 0;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long elapsed = 0; distinct < BEFORE + AFTER && elapsed < 20000;) {
        ck_assert_uint_le(watcher_pending(w), CAP);
        long t = watcher_timeout_ms(w);
        struct pollfd p = {.fd = watcher_fd(w), .events = POLLIN};
        poll(&p, 1, t < 0 || t > 200 ? 200 : (int)t);
        ck_assert_int_eq(watcher_read(w, &err), 0);
        ck_assert_uint_le(watcher_pending(w), CAP);
        char *path;
        while ((path = watcher_next_ready(w)) != NULL) {
            int n = file_number(path);
            ck_assert_msg(n >= 0 && n < BEFORE + AFTER, "unexpected %s", path);
            distinct += seen[n]++ == 0;
            if (++handed == BEFORE / 2) /* new files while the list is full */
                for (int m = BEFORE; m < BEFORE + AFTER; m++)
                    write_numbered(folders[0], m);
            free(path);
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
    }
    ck_assert_int_eq(distinct, BEFORE + AFTER);
    watcher_close(w);
    for (int i = 0; i < FOLDERS; i++)
        free(folders[i]);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* A seen set that holds the file "from-elsewhere.txt" while `held` is set
 * (watcher_known_fn), counting how often it is asked about it. */
typedef struct {
    int held, asked;
} seen_set;

static int held_elsewhere(const char *path, const struct stat *st, void *ctx)
{
    (void)st;
    seen_set *s = ctx;
    if (strstr(path, "from-elsewhere.txt") == NULL)
        return 0;
    s->asked++;
    return s->held;
}

/* first_handed - run the watcher as the service does (events, the roots'
 * check, ready files) for at most ms; the first path handed out, or NULL */
static char *first_handed(watcher *w, int ms)
{
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long elapsed = 0; elapsed < ms;) {
        long t = watcher_timeout_ms(w);
        struct pollfd p = {.fd = watcher_fd(w), .events = POLLIN};
        poll(&p, 1, t < 0 || t > 100 ? 100 : (int)t);
        char *err = NULL;
        ck_assert_int_eq(watcher_read(w, &err), 0);
        watcher_check_roots(w);
        char *path = watcher_next_ready(w);
        if (path != NULL)
            return path;
        clock_gettime(CLOCK_MONOTONIC, &now);
        elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
    }
    return NULL;
}

/* A file that raises no event (one another machine wrote into an NFS or SMB
 * share) is found by reading the inbox again: every poll_ms when asked;
 * local folders are not read again by default. The file is there from the
 * start, held by the seen set, which then lets it go: only a new reading of
 * the folder can find it. */
START_TEST(polling_finds_what_raised_no_event)
{
    for (int poll_ms = 0; poll_ms <= 300; poll_ms += 300) {
        char *dir = tu_tempdir("watch-poll");
        char *file = tu_path(dir, "from-elsewhere.txt");
        tu_write(file, "written on another machine", 26);
        seen_set seen = {.held = 1};
        char *err = NULL;
        watcher *w = watcher_open(&dir, 1, 50, 64, poll_ms, &err);
        ck_assert_msg(w != NULL, "%s", err);
        watcher_skip_known(w, held_elsewhere, &seen);
        ck_assert_ptr_null(first_handed(w, 400));
        ck_assert_int_eq(seen.asked, 1);
        seen.held = 0; /* and no event comes */
        char *path = first_handed(w, 2500);
        if (poll_ms > 0) {
            ck_assert_msg(path != NULL, "the inbox was not read again in 2.5 s");
            ck_assert_str_eq(path, file);
            ck_assert_int_ge(seen.asked, 2);
        } else {
            ck_assert_msg(path == NULL, "a local inbox was read again without --poll");
            ck_assert_int_eq(seen.asked, 1);
        }
        free(path);
        watcher_close(w);
        free(file);
        tu_rmtree(dir);
        free(dir);
    }
}
END_TEST

START_TEST(ignored_names)
{
    ck_assert(watcher_ignored_name(".~lock.doc#"));
    ck_assert(watcher_ignored_name("x.crdownload"));
    ck_assert(watcher_ignored_name("notes.txt~"));
    ck_assert(!watcher_ignored_name("verdict.pdf"));
    ck_assert(!watcher_ignored_name("паведамленне.png"));
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("watch");
    TCase *tc = tcase_create("inotify");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, existing_new_and_nested_files);
    tcase_add_test(tc, slow_writer_is_picked_up_once_complete);
    tcase_add_test(tc, waiting_list_stays_bounded);
    tcase_add_test(tc, polling_finds_what_raised_no_event);
    tcase_add_test(tc, ignored_names);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
