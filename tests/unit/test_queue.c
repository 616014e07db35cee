/*
 * test_queue.c - the directory queue: one state per item, moves are renames.
 */
#include "ingest/queue.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char sha_a[] = "aaaa000000000000000000000000000000000000000000000000000000000001";
static const char sha_b[] = "bbbb000000000000000000000000000000000000000000000000000000000002";

START_TEST(enqueue_move_list)
{
    char *dir = tu_tempdir("queue");
    char *err = NULL;
    int added = 0;
    ck_assert_int_eq(queue_init(dir, &err), 0);
    ck_assert_int_eq(queue_state_of(dir, sha_a), -1);
    ck_assert_int_eq(queue_enqueue(dir, sha_a, &added, &err), 0);
    ck_assert_int_eq(added, 1);
    ck_assert_int_eq(queue_enqueue(dir, sha_b, &added, &err), 0);
    ck_assert_int_eq(queue_state_of(dir, sha_a), QUEUE_INCOMING);
    ck_assert_int_eq(queue_count(dir, QUEUE_INCOMING, NULL), 2);
    /* the same content again stays where it is */
    ck_assert_int_eq(queue_enqueue(dir, sha_a, &added, &err), 0);
    ck_assert_int_eq(added, 0);
    ck_assert_int_eq(queue_move(dir, sha_a, QUEUE_INCOMING, QUEUE_ACTIVE, &err), 0);
    ck_assert_int_eq(queue_state_of(dir, sha_a), QUEUE_ACTIVE);
    ck_assert_int_eq(queue_count(dir, QUEUE_INCOMING, NULL), 1);
    /* a move from the wrong state fails and says why */
    ck_assert_int_eq(queue_move(dir, sha_a, QUEUE_INCOMING, QUEUE_DONE, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "from incoming to done"));
    free(err);
    err = NULL;
    ck_assert_int_eq(queue_move(dir, sha_a, QUEUE_ACTIVE, QUEUE_DONE, &err), 0);
    ck_assert_int_eq(queue_enqueue(dir, sha_a, &added, &err), 0);
    ck_assert_int_eq(added, 0);
    ck_assert_int_eq(queue_state_of(dir, sha_a), QUEUE_DONE);
    char **shas;
    size_t n;
    ck_assert_int_eq(queue_list(dir, QUEUE_INCOMING, &shas, &n, &err), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(shas[0], sha_b);
    queue_list_free(shas, n);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(recover_returns_active_items)
{
    char *dir = tu_tempdir("queue");
    int added;
    size_t moved = 0;
    ck_assert_int_eq(queue_init(dir, NULL), 0);
    ck_assert_int_eq(queue_enqueue(dir, sha_a, &added, NULL), 0);
    ck_assert_int_eq(queue_enqueue(dir, sha_b, &added, NULL), 0);
    ck_assert_int_eq(queue_move(dir, sha_a, QUEUE_INCOMING, QUEUE_ACTIVE, NULL), 0);
    ck_assert_int_eq(queue_move(dir, sha_b, QUEUE_INCOMING, QUEUE_ACTIVE, NULL), 0);
    ck_assert_int_eq(queue_recover(dir, &moved, NULL), 0);
    ck_assert_uint_eq(moved, 2);
    ck_assert_int_eq(queue_count(dir, QUEUE_ACTIVE, NULL), 0);
    ck_assert_int_eq(queue_count(dir, QUEUE_INCOMING, NULL), 2);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(ignores_foreign_files)
{
    char *dir = tu_tempdir("queue");
    ck_assert_int_eq(queue_init(dir, NULL), 0);
    char *junk = tu_path(dir, "queue/incoming/README");
    tu_write(junk, "x", 1);
    ck_assert_int_eq(queue_count(dir, QUEUE_INCOMING, NULL), 0);
    free(junk);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(condition_written_in_place)
{
    char *dir = tu_tempdir("queue");
    ck_assert_int_eq(queue_init(dir, NULL), 0);
    ck_assert_ptr_null(queue_condition(dir)); /* never written */
    ck_assert_int_eq(queue_set_condition(dir, "paused: the disk is full", NULL), 0);
    char *c = queue_condition(dir);
    ck_assert_pstr_eq(c, "paused: the disk is full");
    free(c);
    ck_assert_int_eq(queue_set_condition(dir, "short", NULL), 0); /* nothing of the longer left */
    c = queue_condition(dir);
    ck_assert_pstr_eq(c, "short");
    free(c);
    ck_assert_int_eq(queue_set_condition(dir, "", NULL), 0);
    ck_assert_ptr_null(queue_condition(dir));
    char *path = tu_path(dir, "queue/condition");
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_size, QUEUE_CONDITION_MAX); /* the same bytes, overwritten */
    free(path);
    size_t removed = 9;
    ck_assert_int_eq(queue_clean_tmp(dir, &removed, NULL), 0);
    ck_assert_uint_eq(removed, 0);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("queue");
    TCase *tc = tcase_create("queue");
    tcase_add_test(tc, enqueue_move_list);
    tcase_add_test(tc, recover_returns_active_items);
    tcase_add_test(tc, ignores_foreign_files);
    tcase_add_test(tc, condition_written_in_place);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
