/*
 * test_walk.c - ingest/walk.c: every regular file below a folder once, at
 * any depth; symbolic links reported, not followed; FIFOs skipped; a folder
 * that cannot be opened reported; one folder open at a time, however deep.
 */
#include "ingest/walk.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DEPTH = 60 };

START_TEST(every_file_once_at_any_depth)
{
    char *root = tu_tempdir("walk");
    GString *deep = g_string_new(root);
    GHashTable *want = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 0; i < DEPTH; i++) {
        g_string_append_printf(deep, "/level%d", i);
        char *file = g_strdup_printf("%s/note.txt", deep->str);
        tu_write(file, "x", 1); /* makes the folders too */
        g_hash_table_add(want, file);
    }
    char *link = tu_path(root, "link"), *fifo = tu_path(root, "pipe");
    ck_assert_int_eq(symlink("/etc/passwd", link), 0);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    int before = tu_open_fds(0), most = 0, files = 0, links = 0;
    walk *w = walk_open(root);
    char *path;
    walk_kind k;
    while ((k = walk_next(w, &path)) != WALK_END) {
        int now = tu_open_fds(0);
        most = now > most ? now : most;
        if (k == WALK_FILE) {
            ck_assert_msg(g_hash_table_remove(want, path), "%s found twice or not made", path);
            files++;
        } else {
            ck_assert_int_eq(k, WALK_LINK);
            ck_assert_str_eq(path, link);
            links++;
        }
        free(path);
    }
    ck_assert_ptr_null(path);
    walk_close(w);
    ck_assert_int_eq(files, DEPTH);
    ck_assert_int_eq(links, 1);
    ck_assert_int_le(most, before + 1); /* one folder open, at any depth */
    ck_assert_int_eq(tu_open_fds(0), before);
    g_hash_table_destroy(want);
    g_string_free(deep, TRUE);
    free(fifo);
    free(link);
    tu_rmtree(root);
    free(root);
}
END_TEST

START_TEST(unreadable_folder_is_reported)
{
    /* a folder that is gone (root reads any folder that exists) */
    char *root = tu_tempdir("walk-gone");
    char *gone = tu_path(root, "nothing-here");
    walk *w = walk_open(gone);
    char *path;
    ck_assert_int_eq(walk_next(w, &path), WALK_UNREADABLE);
    ck_assert_str_eq(path, gone);
    free(path);
    ck_assert_int_eq(walk_next(w, &path), WALK_END);
    walk_close(w);
    free(gone);
    tu_rmtree(root);
    free(root);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("walk");
    TCase *tc = tcase_create("walk");
    tcase_add_test(tc, every_file_once_at_any_depth);
    tcase_add_test(tc, unreadable_folder_is_reported);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
