/*
 * test_access_log.c - the access log: lines appended and read back in
 * order, long queries cut, a line appended after one cut short seen, and
 * the hash chain finding a line edited, removed or reordered.
 */
#include "auth/auth.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char sha[] = "aaaa000000000000000000000000000000000000000000000000000000000001";

/* collect - auth_access_each callback: "user action item page status query" */
static int collect(const auth_access *a, void *ctx)
{
    g_ptr_array_add(ctx, g_strdup_printf("%s %s %s %d %d %s", a->user, a->action,
                                         a->item ? a->item : "-", a->page, a->status,
                                         a->query ? a->query : "-"));
    return 0;
}

/* fill - three lines: a search, a page image, a refused document */
static char *fill(void)
{
    char *data = tu_tempdir("access");
    const auth_access lines[] = {
        {.user = "ana",
         .address = "10.0.0.7",
         .action = AUTH_SEEN_SEARCH,
         .query = "Петров",
         .status = 200},
        {.user = "ana",
         .address = "10.0.0.7",
         .action = AUTH_SEEN_IMAGE,
         .item = sha,
         .page = 3,
         .status = 200},
        {.user = "bob", .address = "::1", .action = AUTH_SEEN_ITEM, .item = sha, .status = 404},
    };
    char *err = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++)
        ck_assert_msg(auth_access_append(data, &lines[i], &err) == 0, "%s", err);
    return data;
}

START_TEST(append_and_read)
{
    char *data = fill(), *err = NULL;
    GPtrArray *got = g_ptr_array_new_with_free_func(g_free);
    ck_assert_int_eq(auth_access_each(data, collect, got, &err), 0);
    ck_assert_int_eq(got->len, 3);
    ck_assert_str_eq(g_ptr_array_index(got, 0), "ana search - 0 200 Петров");
    ck_assert_str_eq(g_ptr_array_index(got, 1),
                     "ana image aaaa000000000000000000000000000000000000000000000000000000000001 "
                     "3 200 -");
    ck_assert_str_eq(g_ptr_array_index(got, 2),
                     "bob item aaaa000000000000000000000000000000000000000000000000000000000001 "
                     "0 404 -");
    size_t lines = 0;
    ck_assert_int_eq(auth_access_verify(data, &lines, &err), 0);
    ck_assert_int_eq(lines, 3);
    char *path = tu_path(data, AUTH_ACCESS_FILE);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    /* a query of 10 000 bytes is kept cut, and the chain still holds */
    GString *big = g_string_new(NULL);
    for (int i = 0; i < 5000; i++)
        g_string_append(big, "я");
    auth_access a = {.user = "ana", .action = AUTH_SEEN_BATCH, .query = big->str, .status = 200};
    ck_assert_int_eq(auth_access_append(data, &a, &err), 0);
    ck_assert_int_eq(auth_access_verify(data, &lines, &err), 0);
    ck_assert_int_eq(lines, 4);
    char *text = tu_read(path, NULL);
    ck_assert(strlen(text) < 5000);
    free(text);
    g_string_free(big, TRUE);
    g_ptr_array_free(got, TRUE);
    free(path);
    tu_rmtree(data);
    free(data);
}
END_TEST

START_TEST(append_after_unended_line_is_seen)
{
    char *data = fill(), *err = NULL, *path = tu_path(data, AUTH_ACCESS_FILE);
    size_t len = 0;
    char *text = tu_read(path, &len);
    tu_write(path, text, len - 1); /* a write cut short: the last newline gone */
    free(text);
    auth_access a = {.user = "eve", .action = AUTH_SEEN_SEARCH, .query = "x", .status = 200};
    ck_assert_int_eq(auth_access_append(data, &a, &err), 0);
    GPtrArray *got = g_ptr_array_new_with_free_func(g_free);
    ck_assert_int_eq(auth_access_each(data, collect, got, &err), 0);
    ck_assert_int_eq(got->len, 4); /* glued to the cut line, it would be hidden in it */
    ck_assert_str_eq(g_ptr_array_index(got, 3), "eve search - 0 200 x");
    size_t lines = 0;
    ck_assert_msg(auth_access_verify(data, &lines, &err) == 0, "%s", err);
    ck_assert_int_eq(lines, 4);
    g_ptr_array_free(got, TRUE);
    free(path);
    tu_rmtree(data);
    free(data);
}
END_TEST

/* tampered - the log after `edit` (a sed script) fails verification at `line` */
static void tampered(const char *edit, const char *line)
{
    char *data = fill(), *err = NULL, *path = tu_path(data, AUTH_ACCESS_FILE);
    char *cmd = g_strdup_printf("sed -i '%s' '%s'", edit, path);
    ck_assert_int_eq(system(cmd), 0);
    size_t lines = 0;
    ck_assert_int_eq(auth_access_verify(data, &lines, &err), -1);
    ck_assert_msg(strstr(err, line) != NULL, "%s: %s", edit, err);
    free(err);
    g_free(cmd);
    free(path);
    tu_rmtree(data);
    free(data);
}

START_TEST(tampering_is_found)
{
    tampered("1s/ana/eve/", "line 2"); /* edited: the next link breaks */
    tampered("2d", "line 2");          /* removed */
    tampered("1{h;d};2G", "line 1");   /* reordered */
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("access_log");
    TCase *tc = tcase_create("access_log");
    tcase_add_test(tc, append_and_read);
    tcase_add_test(tc, append_after_unended_line_is_seen);
    tcase_add_test(tc, tampering_is_found);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
