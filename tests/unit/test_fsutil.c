/*
 * test_fsutil.c - the file-system helpers: directories made with their
 * parents, atomic writes that leave no temporary file, whole-file reads,
 * path joining, every failure returned with a message naming the path;
 * temporary files of writers that are gone removed; untrusted text made
 * safe to print (common/text.h).
 */
#include "common/fsutil.h"
#include "common/text.h"
#include "common/xalloc.h"
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* entries - how many names a directory holds besides . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL;)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* expect_error - *err is set and names `what`; freed and cleared */
static void expect_error(char **err, const char *what)
{
    ck_assert_ptr_nonnull(*err);
    ck_assert_msg(strstr(*err, what) != NULL, "'%s' does not name %s", *err, what);
    free(*err);
    *err = NULL;
}

START_TEST(mkdirs_makes_parents)
{
    char *dir = tu_tempdir("fsutil");
    char *deep = tu_path(dir, "a/b/c");
    char *err = NULL;
    struct stat st;
    ck_assert_int_eq(fs_mkdirs(deep, 0750, &err), 0);
    ck_assert_int_eq(stat(deep, &st), 0);
    ck_assert(S_ISDIR(st.st_mode));
    ck_assert_int_eq(fs_mkdirs(deep, 0750, &err), 0); /* already there */
    ck_assert_ptr_null(err);
    /* a file in the way */
    char *file = tu_path(dir, "file");
    tu_write(file, "x", 1);
    char *below = tu_path(file, "sub");
    ck_assert_int_eq(fs_mkdirs(below, 0755, &err), -1);
    expect_error(&err, below);
    ck_assert_int_eq(fs_mkdirs(below, 0755, NULL), -1); /* no message wanted */
    free(below);
    free(file);
    free(deep);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(write_atomic_replaces)
{
    char *dir = tu_tempdir("fsutil");
    char *path = tu_path(dir, "record.json");
    char *err = NULL;
    ck_assert_int_eq(fs_write_atomic(path, "first", 5, &err), 0);
    ck_assert_int_eq(fs_write_atomic(path, "second!", 7, &err), 0);
    size_t len = 0;
    char *got = tu_read(path, &len);
    ck_assert_uint_eq(len, 7);
    ck_assert_str_eq(got, "second!");
    free(got);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    ck_assert_int_eq(entries(dir), 1); /* no temporary file left beside it */
    /* empty data is a file too */
    ck_assert_int_eq(fs_write_atomic(path, "", 0, &err), 0);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_size, 0);
    free(path);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(write_atomic_fails_cleanly)
{
    char *dir = tu_tempdir("fsutil");
    char *missing = tu_path(dir, "no/such/dir/x");
    char *err = NULL;
    ck_assert_int_eq(fs_write_atomic(missing, "x", 1, &err), -1);
    expect_error(&err, "cannot create");
    /* a directory where the file should go: the rename fails, the old stays */
    char *taken = tu_path(dir, "taken");
    ck_assert_int_eq(fs_mkdirs(taken, 0755, NULL), 0);
    ck_assert_int_eq(fs_write_atomic(taken, "x", 1, &err), -1);
    expect_error(&err, "cannot rename");
    ck_assert_int_eq(entries(dir), 1); /* the temporary file is gone */
    free(taken);
    free(missing);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(write_replace_then_sync_fs)
{
    /* the unsynced variant replaces like the synced one; one syncfs makes a
     * group of them durable, and names what it could not sync */
    char *dir = tu_tempdir("fsutil");
    char *path = tu_path(dir, "result.json");
    char *err = NULL;
    ck_assert_int_eq(fs_write_replace(path, "old", 3, &err), 0);
    ck_assert_int_eq(fs_write_replace(path, "newer", 5, &err), 0);
    size_t len = 0;
    char *got = tu_read(path, &len);
    ck_assert_str_eq(got, "newer");
    free(got);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    ck_assert_int_eq(entries(dir), 1);
    ck_assert_int_eq(fs_sync_fs(dir, &err), 0);
    ck_assert_int_eq(fs_sync_fs(path, &err), -1); /* a file, not a directory */
    expect_error(&err, "cannot sync");
    char *missing = tu_path(dir, "no/such/dir/x");
    ck_assert_int_eq(fs_write_replace(missing, "x", 1, &err), -1);
    expect_error(&err, "cannot create");
    free(missing);
    free(path);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(read_all_whole_file)
{
    char *dir = tu_tempdir("fsutil");
    char *path = tu_path(dir, "data");
    static const char bytes[] = {'a', '\0', 'b', '\n'};
    tu_write(path, bytes, sizeof bytes);
    char *data = NULL, *err = NULL;
    size_t len = 0;
    ck_assert_int_eq(fs_read_all(path, &data, &len, &err), 0);
    ck_assert_uint_eq(len, sizeof bytes);
    ck_assert_int_eq(memcmp(data, bytes, sizeof bytes), 0);
    ck_assert_int_eq(data[len], '\0'); /* NUL-terminated for text */
    free(data);
    ck_assert_int_eq(fs_read_all(path, &data, NULL, &err), 0); /* length not wanted */
    free(data);
    char *missing = tu_path(dir, "missing");
    ck_assert_int_eq(fs_read_all(missing, &data, &len, &err), -1);
    expect_error(&err, "missing");
    free(missing);
    free(path);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(fsync_dir)
{
    char *dir = tu_tempdir("fsutil");
    char *err = NULL;
    ck_assert_int_eq(fs_fsync_dir(dir, &err), 0);
    char *missing = tu_path(dir, "missing");
    ck_assert_int_eq(fs_fsync_dir(missing, &err), -1);
    expect_error(&err, missing);
    free(missing);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(paths)
{
    char *p = fs_join("a/b", "c");
    ck_assert_str_eq(p, "a/b/c");
    free(p);
    p = fs_abspath("/x/./y//z");
    ck_assert_str_eq(p, "/x/y/z");
    free(p);
    char cwd[4096];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    p = fs_abspath("rel/name");
    char *want = tu_path(cwd, "rel/name");
    ck_assert_str_eq(p, want);
    free(want);
    free(p);
}
END_TEST

START_TEST(exists_without_following)
{
    char *dir = tu_tempdir("fsutil");
    char *file = tu_path(dir, "file"), *link = tu_path(dir, "dangling");
    ck_assert_int_eq(fs_exists(file), 0);
    tu_write(file, "x", 1);
    ck_assert_int_eq(fs_exists(file), 1);
    ck_assert_int_eq(fs_exists(dir), 1);
    ck_assert_int_eq(symlink("nowhere", link), 0);
    ck_assert_int_eq(fs_exists(link), 1); /* the link itself is there */
    free(link);
    free(file);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(clean_orphans_by_writer)
{
    char *dir = tu_tempdir("fsutil");
    pid_t dead = fork();
    if (dead == 0)
        _exit(0);
    ck_assert_int_eq(waitpid(dead, NULL, 0), dead);
    char *gone = xasprintf("%s/in-AAAAAA.%ld", dir, (long)dead);
    char *alive = xasprintf("%s/in-BBBBBB.%ld", dir, (long)getpid());
    char *young = tu_path(dir, "in-CCCCCC"), *old = tu_path(dir, "in-DDDDDD");
    tu_write(gone, "x", 1);
    tu_write(alive, "x", 1);
    tu_write(young, "x", 1);
    tu_write(old, "x", 1);
    struct timespec long_ago[2] = {{.tv_sec = 1000}, {.tv_sec = 1000}};
    ck_assert_int_eq(utimensat(AT_FDCWD, old, long_ago, 0), 0);
    size_t removed = 0;
    ck_assert_int_eq(fs_clean_orphans(dir, &removed, NULL), 0);
    ck_assert_uint_eq(removed, 2);
    ck_assert(!fs_exists(gone) && fs_exists(alive) && fs_exists(young) && !fs_exists(old));
    char *none = tu_path(dir, "none"); /* a folder that is not there: nothing to do */
    ck_assert_int_eq(fs_clean_orphans(none, &removed, NULL), 0);
    ck_assert_uint_eq(removed, 0);
    free(none);
    free(old);
    free(young);
    free(alive);
    free(gone);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* check_safe - text_safe(in) is want, and text_is_safe agrees */
static void check_safe(const char *in, const char *want)
{
    char *got = text_safe(in);
    ck_assert_str_eq(got, want);
    ck_assert_int_eq(text_is_safe(in), in && strcmp(in, want) == 0);
    free(got);
}

START_TEST(text_made_safe)
{
    check_safe("Приговор №1.pdf", "Приговор №1.pdf");
    check_safe("bad\nname", "bad\\x0aname");
    check_safe("tab\there\x7f", "tab\\x09here\\x7f");
    check_safe("latin1 \xe9t\xe9.txt", "latin1 \\xe9t\\xe9.txt");
    check_safe("cut \xd0", "cut \\xd0");      /* a character cut short at the end */
    check_safe("back\\slash", "back\\slash"); /* left alone: applying twice changes nothing */
    char *twice = text_safe("bad\nname");
    check_safe(twice, twice);
    free(twice);
    char *none = text_safe(NULL);
    ck_assert_str_eq(none, "");
    free(none);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("fsutil");
    TCase *tc = tcase_create("fsutil");
    tcase_add_test(tc, mkdirs_makes_parents);
    tcase_add_test(tc, write_atomic_replaces);
    tcase_add_test(tc, write_atomic_fails_cleanly);
    tcase_add_test(tc, write_replace_then_sync_fs);
    tcase_add_test(tc, read_all_whole_file);
    tcase_add_test(tc, fsync_dir);
    tcase_add_test(tc, paths);
    tcase_add_test(tc, exists_without_following);
    tcase_add_test(tc, clean_orphans_by_writer);
    tcase_add_test(tc, text_made_safe);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
