/*
 * test_diskfull.c - a full disk loses nothing: the real `dokaz watch` with
 * its data directory on a small tmpfs that the test fills up. Files dropped
 * meanwhile wait in the inbox (untouched), the service says why in its log
 * and in `dokaz status`, and once space is freed it resumes by itself and
 * every file ends up done and searchable exactly once.
 *
 * Mounting a tmpfs needs root (CI runs as root): elsewhere the test says so
 * and is skipped (exit 77, which meson counts as a skip).
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

enum { BEFORE = 2, DURING = 4, SKIP = 77 };

/* word_of - the word only file i holds */
static void word_of(int i, char word[24])
{
    snprintf(word, 24, "diskfullword%c", 'a' + i);
}

/* drop - file i, written beside the inbox and renamed into it */
static char *drop(const char *dir, const char *inbox, int i)
{
    char word[24], name[32];
    word_of(i, word);
    snprintf(name, sizeof name, "paper%d.txt", i);
    char *text = xasprintf("A court paper kept through a full disk: %s.\n", word);
    char *tmp = tu_path(dir, name), *path = tu_path(inbox, name);
    tu_write(tmp, text, strlen(text));
    ck_assert_int_eq(rename(tmp, path), 0);
    free(tmp);
    free(text);
    return path;
}

/* fill - write `path` until the file system is full */
static void fill(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    char buf[65536];
    memset(buf, 'x', sizeof buf);
    ssize_t n;
    while ((n = write(fd, buf, sizeof buf)) > 0)
        ;
    ck_assert_msg(n < 0 && errno == ENOSPC, "the tmpfs did not fill up: %s", strerror(errno));
    for (size_t small = 4096; small > 0; small /= 2) /* the last pages too */
        while (write(fd, buf, small) > 0)
            ;
    close(fd);
}

START_TEST(full_disk_pauses_and_resumes)
{
    char *dir = tu_tempdir("itest-diskfull");
    char *inbox = tu_path(dir, "inbox"), *data = tu_path(dir, "data");
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    ck_assert_int_eq(mkdir(data, 0755), 0);
    ck_assert_msg(mount("tmpfs", data, "tmpfs", 0, "size=8m") == 0, "mount: %s", strerror(errno));
    char *paths[BEFORE + DURING], *shas[BEFORE + DURING];
    pid_t watch = it_watch_start(dir, data, inbox, 150);
    for (int i = 0; i < BEFORE; i++)
        paths[i] = drop(dir, inbox, i);
    json_object_put(it_wait_idle(data, BEFORE, 60));

    char *filler = tu_path(data, "filler");
    fill(filler);
    for (int i = BEFORE; i < BEFORE + DURING; i++)
        paths[i] = drop(dir, inbox, i);
    json_object *st = it_wait_condition(data, "No space left on device");
    ck_assert_int_eq(it_get_int(st, "failed"), 0);
    json_object_put(st);
    for (int i = 0; i < BEFORE + DURING; i++) { /* inbox files are only read */
        shas[i] = tu_sha256_file(paths[i]);
        ck_assert_ptr_nonnull(shas[i]);
    }

    ck_assert_int_eq(unlink(filler), 0);
    st = it_wait_idle(data, BEFORE + DURING, 120);
    ck_assert_int_eq(it_get_int(st, "done"), BEFORE + DURING);
    ck_assert_int_eq(it_get_int(st, "failed"), 0);
    json_object_put(st);
    st = it_wait_idle(data, BEFORE + DURING, 10);
    ck_assert_msg(it_get_str(st, "condition") == NULL, "still paused: %s",
                  it_get_str(st, "condition"));
    json_object_put(st);
    for (int i = 0; i < BEFORE + DURING; i++) {
        char word[24];
        word_of(i, word);
        it_assert_found_once(data, word, shas[i]);
    }
    it_watch_stop(watch);
    char *log = tu_path(dir, "watch.log"), *text = tu_read(log, NULL);
    ck_assert_msg(strstr(text, "paused: ") && strstr(text, "resumed: "), "log: %s", text);
    free(text);
    free(log);
    ck_assert_int_eq(umount(data), 0);
    for (int i = 0; i < BEFORE + DURING; i++) {
        free(paths[i]);
        free(shas[i]);
    }
    free(filler);
    free(data);
    free(inbox);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - skip unless root, else run the suite */
int main(void)
{
    if (geteuid() != 0) {
        fprintf(stderr, "integration-diskfull: skipped: mounting a small tmpfs needs root\n");
        return SKIP;
    }
    Suite *s = suite_create("integration-diskfull");
    TCase *tc = tcase_create("diskfull");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, full_disk_pauses_and_resumes);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
