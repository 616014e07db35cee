/*
 * test_evidence.c - the evidence store keeps originals byte for byte, once.
 */
#include "ingest/evidence.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

START_TEST(stores_file_under_its_hash_read_only)
{
    char *dir = tu_tempdir("evidence");
    char *src = tu_path(dir, "scan.bin");
    enum { SIZE = 3 * 1000 * 1000 }; /* several copy chunks */
    unsigned char *data = xmalloc(SIZE);
    for (size_t i = 0; i < SIZE; i++)
        data[i] = (unsigned char)(i * 7 + i / 251);
    tu_write(src, data, SIZE);
    free(data);
    char *data_dir = tu_path(dir, "data");
    evidence_ref ref;
    char *err = NULL;
    ck_assert_int_eq(evidence_store_file(data_dir, src, &ref, &err), 0);
    char *expected = tu_sha256_file(src);
    ck_assert_str_eq(ref.sha256, expected);
    ck_assert_uint_eq(ref.size, SIZE);
    ck_assert_int_eq(ref.is_new, 1);
    char *stored = evidence_path(data_dir, ref.sha256);
    char *stored_hash = tu_sha256_file(stored);
    ck_assert_str_eq(stored_hash, expected);
    struct stat st;
    ck_assert_int_eq(stat(stored, &st), 0);
    ck_assert_int_eq(st.st_mode & 0222, 0);
    ck_assert_int_eq(evidence_verify(data_dir, ref.sha256, &err), 0);
    /* nothing left behind in the temporary area */
    char *tmp = tu_path(data_dir, "evidence/tmp");
    ck_assert_int_eq(tu_count_files(tmp), 0);
    free(tmp);
    free(stored_hash);
    free(stored);
    free(expected);
    free(data_dir);
    free(src);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(same_content_is_stored_once)
{
    char *dir = tu_tempdir("evidence");
    char *a = tu_path(dir, "a.txt"), *b = tu_path(dir, "sub/b.txt");
    tu_write(a, "same bytes\n", 11);
    tu_write(b, "same bytes\n", 11);
    char *data_dir = tu_path(dir, "data");
    evidence_ref ra, rb;
    ck_assert_int_eq(evidence_store_file(data_dir, a, &ra, NULL), 0);
    ck_assert_int_eq(evidence_store_file(data_dir, b, &rb, NULL), 0);
    ck_assert_str_eq(ra.sha256, rb.sha256);
    ck_assert_int_eq(ra.is_new, 1);
    ck_assert_int_eq(rb.is_new, 0);
    char *ev = tu_path(data_dir, "evidence");
    ck_assert_int_eq(tu_count_files(ev), 1);
    free(ev);
    free(data_dir);
    free(a);
    free(b);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(empty_file_is_stored)
{
    char *dir = tu_tempdir("evidence");
    char *a = tu_path(dir, "empty");
    tu_write(a, "", 0);
    char *data_dir = tu_path(dir, "data");
    evidence_ref r;
    ck_assert_int_eq(evidence_store_file(data_dir, a, &r, NULL), 0);
    ck_assert_str_eq(r.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ck_assert_uint_eq(r.size, 0);
    free(data_dir);
    free(a);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(refuses_missing_directories_and_symlinks)
{
    char *dir = tu_tempdir("evidence");
    char *data_dir = tu_path(dir, "data");
    char *missing = tu_path(dir, "nope");
    char *link = tu_path(dir, "link");
    evidence_ref r;
    char *err = NULL;
    ck_assert_int_eq(evidence_store_file(data_dir, missing, &r, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "No such file"));
    free(err);
    err = NULL;
    ck_assert_int_eq(evidence_store_file(data_dir, dir, &r, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
    free(err);
    err = NULL;
    ck_assert_int_eq(symlink("/etc/passwd", link), 0);
    ck_assert_int_eq(evidence_store_file(data_dir, link, &r, &err), -1);
    ck_assert_ptr_nonnull(err);
    free(err);
    free(link);
    free(missing);
    free(data_dir);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* store_writable - dir/a.txt holding `text`, stored under dir/data, the
 * stored copy made writable again; its path (malloc'd) */
static char *store_writable(const char *dir, const char *text, char **a, char **data_dir,
                            evidence_ref *r)
{
    *a = tu_path(dir, "a.txt");
    tu_write(*a, text, strlen(text));
    *data_dir = tu_path(dir, "data");
    ck_assert_int_eq(evidence_store_file(*data_dir, *a, r, NULL), 0);
    char *stored = evidence_path(*data_dir, r->sha256);
    ck_assert_int_eq(chmod(stored, 0644), 0);
    return stored;
}

START_TEST(verify_detects_alteration)
{
    char *dir = tu_tempdir("evidence"), *a, *data_dir;
    evidence_ref r;
    char *stored = store_writable(dir, "original\n", &a, &data_dir, &r);
    tu_write(stored, "altered!\n", 9);
    char *err = NULL;
    ck_assert_int_eq(evidence_verify(data_dir, r.sha256, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "altered"));
    free(err);
    free(stored);
    free(data_dir);
    free(a);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* A stored name holding fewer bytes than its content (what a power loss can
 * leave of an unsynced group) is replaced by the next store of that content. */
START_TEST(copy_cut_short_is_replaced)
{
    char *dir = tu_tempdir("evidence"), *a, *data_dir;
    evidence_ref r;
    char *stored = store_writable(dir, "the whole original\n", &a, &data_dir, &r);
    ck_assert_int_eq(truncate(stored, 5), 0);
    char *err = NULL;
    ck_assert_int_eq(evidence_verify(data_dir, r.sha256, &err), -1);
    free(err);
    err = NULL;
    ck_assert_int_eq(evidence_store_file(data_dir, a, &r, NULL), 0);
    ck_assert_int_eq(r.is_new, 1);
    ck_assert_msg(evidence_verify(data_dir, r.sha256, &err) == 0, "%s", err);
    struct stat st;
    ck_assert_int_eq(stat(stored, &st), 0);
    ck_assert_int_eq(st.st_mode & 0222, 0);
    /* a whole copy stays: storing it again is no news */
    ck_assert_int_eq(evidence_store_file(data_dir, a, &r, NULL), 0);
    ck_assert_int_eq(r.is_new, 0);
    char *tmp = tu_path(data_dir, "evidence/tmp");
    ck_assert_int_eq(tu_count_files(tmp), 0);
    free(tmp);
    free(stored);
    free(data_dir);
    free(a);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("evidence");
    TCase *tc = tcase_create("store");
    tcase_add_test(tc, stores_file_under_its_hash_read_only);
    tcase_add_test(tc, same_content_is_stored_once);
    tcase_add_test(tc, empty_file_is_stored);
    tcase_add_test(tc, refuses_missing_directories_and_symlinks);
    tcase_add_test(tc, verify_detects_alteration);
    tcase_add_test(tc, copy_cut_short_is_replaced);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
