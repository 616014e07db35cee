/*
 * test_accept.c - a group of files is received as one: each file stored,
 * recorded in its receptions and the audit log, and queued once, with
 * the failure of one file failing only that file.
 */
#include "ingest/accept.h"
#include "ingest/audit.h"
#include "ingest/queue.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* count_received - audit_each callback: "received" lines, and the paths */
static int count_received(const audit_event *e, void *ctx)
{
    GPtrArray *paths = ctx;
    if (e->kind == AUDIT_RECEIVED)
        g_ptr_array_add(paths, g_strdup(e->path));
    return 0;
}

/* lines_in - how many receptions of the item are recorded (lines of its log) */
static int lines_in(const char *data, const char *sha)
{
    item_receptions *list = item_receptions_load(data, sha, NULL);
    int n = list != NULL ? (int)list->n : 0;
    item_receptions_free(list);
    return n;
}

START_TEST(group_is_received_whole_but_for_the_file_that_fails)
{
    char *dir = tu_tempdir("accept"), *data = tu_path(dir, "data");
    char *a = tu_path(dir, "in/a.txt"), *b = tu_path(dir, "in/b.txt");
    char *c = tu_path(dir, "in/c.txt"), *gone = tu_path(dir, "in/gone.txt");
    tu_write(a, "first paper\n", 12);
    tu_write(b, "same bytes\n", 11);
    tu_write(c, "same bytes\n", 11);
    ck_assert_int_eq(accept_prepare(data, NULL), 0);
    accept_item items[] = {
        {.path = a, .collection = "cases"},
        {.path = gone, .collection = "cases"},
        {.path = b, .collection = "cases"},
        {.path = c, .collection = "cases"},
    };
    ck_assert_int_eq(accept_files(data, items, 4), -1); /* one was not received */
    ck_assert_int_eq(items[1].rc, -1);
    ck_assert_ptr_nonnull(strstr(items[1].error, "gone.txt"));
    for (size_t i = 0; i < 4; i++)
        if (i != 1)
            ck_assert_msg(items[i].rc == 0 && items[i].error == NULL, "%s", items[i].error);
    ck_assert_int_eq(items[0].queued, 1);
    ck_assert_int_eq(items[0].ref.is_new, 1);
    ck_assert_str_eq(items[2].ref.sha256, items[3].ref.sha256); /* one content, stored once */
    ck_assert_int_eq(items[2].ref.is_new, 1);
    ck_assert_int_eq(items[3].ref.is_new, 0);
    ck_assert_int_eq(items[2].queued + items[3].queued, 1);
    ck_assert_int_eq(queue_count(data, QUEUE_INCOMING, NULL), 2);
    ck_assert_int_eq(lines_in(data, items[0].ref.sha256), 1);
    ck_assert_int_eq(lines_in(data, items[2].ref.sha256), 2); /* both sightings */
    GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
    ck_assert_int_eq(audit_each(data, count_received, paths, NULL, NULL), 0);
    ck_assert_uint_eq(paths->len, 3);
    ck_assert_str_eq(g_ptr_array_index(paths, 0), a);
    ck_assert_str_eq(g_ptr_array_index(paths, 1), b);
    ck_assert_str_eq(g_ptr_array_index(paths, 2), c);
    size_t lines = 0;
    char *err = NULL;
    ck_assert_msg(audit_verify(data, &lines, &err) == 0, "%s", err);
    char *tmp = tu_path(data, "evidence/tmp");
    ck_assert_int_eq(tu_count_files(tmp), 0);
    free(tmp);
    g_ptr_array_free(paths, TRUE);
    free(items[1].error);
    free(a);
    free(b);
    free(c);
    free(gone);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* A file received again into a new collection after it was processed goes
 * back to the queue, within a group as alone. */
START_TEST(known_file_in_a_new_collection_is_queued_again)
{
    char *dir = tu_tempdir("accept"), *data = tu_path(dir, "data");
    char *a = tu_path(dir, "in/a.txt");
    tu_write(a, "a paper\n", 8);
    ck_assert_int_eq(accept_prepare(data, NULL), 0);
    accept_item first = {.path = a, .collection = "alpha"};
    ck_assert_int_eq(accept_files(data, &first, 1), 0);
    ck_assert_int_eq(queue_move(data, first.ref.sha256, QUEUE_INCOMING, QUEUE_DONE, NULL), 0);
    accept_item again[] = {{.path = a, .collection = "alpha"}, {.path = a, .collection = "beta"}};
    ck_assert_int_eq(accept_files(data, again, 2), 0);
    ck_assert_int_eq(again[0].queued, 0);
    ck_assert_int_eq(again[1].queued, 1);
    ck_assert_int_eq(queue_state_of(data, first.ref.sha256), QUEUE_INCOMING);
    free(a);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("accept");
    TCase *tc = tcase_create("group");
    tcase_add_test(tc, group_is_received_whole_but_for_the_file_that_fails);
    tcase_add_test(tc, known_file_in_a_new_collection_is_queued_again);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
