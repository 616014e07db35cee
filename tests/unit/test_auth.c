/*
 * test_auth.c - accounts and their secrets: Argon2id password hashes that
 * check the right password and no other, the users file written 0600 and
 * refused when others may read it, tokens kept only as hashes that stop
 * working when revoked, expired or their user disabled, random 256-bit
 * session ids with idle and absolute time-outs, CSRF tokens, and the rate
 * limiter's count, wait and window.
 */
#include "auth/auth.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

START_TEST(password_hash_checks)
{
    char *hash = NULL, *again = NULL, *err = NULL;
    ck_assert_int_eq(auth_password_hash("correct horse", &hash, &err), 0);
    ck_assert_msg(strncmp(hash, "$argon2id$", 10) == 0, "%s", hash);
    ck_assert_ptr_null(strstr(hash, "correct"));
    ck_assert_int_eq(auth_password_check(hash, "correct horse"), 1);
    ck_assert_int_eq(auth_password_check(hash, "correct horse "), 0);
    ck_assert_int_eq(auth_password_check(hash, ""), 0);
    ck_assert_int_eq(auth_password_check("", "correct horse"), 0);
    ck_assert_int_eq(auth_password_check("$argon2id$garbage", "correct horse"), 0);
    /* a fresh salt each time */
    ck_assert_int_eq(auth_password_hash("correct horse", &again, &err), 0);
    ck_assert_str_ne(hash, again);
    free(hash);
    free(again);
}
END_TEST

START_TEST(roles_and_names)
{
    auth_role r = 0;
    ck_assert_int_eq(auth_role_parse("investigator", &r), 0);
    ck_assert_int_eq(r, AUTH_INVESTIGATOR);
    ck_assert_str_eq(auth_role_name(AUTH_ADMIN), "admin");
    ck_assert_int_eq(auth_role_parse("root", &r), -1);
    ck_assert_int_eq(auth_name_valid("anna.k@team"), 1);
    ck_assert_int_eq(auth_name_valid(""), 0);
    ck_assert_int_eq(auth_name_valid("a b"), 0);
    ck_assert_int_eq(auth_name_valid("<script>"), 0);
}
END_TEST

START_TEST(users_file_round_trip)
{
    char *dir = tu_tempdir("auth"), *path = auth_db_path(dir), *err = NULL;
    auth_db db;
    ck_assert_int_eq(auth_db_load(path, &db, &err), 0); /* none yet: empty */
    ck_assert_uint_eq(db.nusers, 0);
    ck_assert_int_eq(auth_db_add_user(&db, "anna", AUTH_ADMIN, "s3cret-pass", &err), 0);
    ck_assert_int_eq(auth_db_add_user(&db, "boris", AUTH_READER, NULL, &err), 0);
    ck_assert_int_eq(auth_db_add_user(&db, "anna", AUTH_READER, "x", &err), -1);
    ck_assert_msg(strstr(err, "anna") != NULL, "%s", err);
    free(err);
    err = NULL;
    ck_assert_int_eq(auth_db_add_user(&db, "bad name", AUTH_READER, "x", &err), -1);
    free(err);
    err = NULL;
    ck_assert_int_eq(auth_db_save(path, &db, &err), 0);
    auth_db_clear(&db);

    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    char *text = tu_read(path, NULL);
    ck_assert_ptr_null(strstr(text, "s3cret-pass"));
    free(text);

    ck_assert_int_eq(auth_db_load(path, &db, &err), 0);
    ck_assert_uint_eq(db.nusers, 2);
    ck_assert_int_eq(auth_db_user(&db, "anna")->role, AUTH_ADMIN);
    ck_assert_ptr_nonnull(auth_db_check_password(&db, "anna", "s3cret-pass"));
    ck_assert_ptr_null(auth_db_check_password(&db, "anna", "wrong"));
    ck_assert_ptr_null(auth_db_check_password(&db, "boris", "")); /* no password set */
    ck_assert_ptr_null(auth_db_check_password(&db, "nobody", "s3cret-pass"));
    auth_db_user(&db, "anna")->disabled = 1;
    ck_assert_ptr_null(auth_db_check_password(&db, "anna", "s3cret-pass"));
    auth_db_clear(&db);

    /* readable by others: refused, with what to do */
    ck_assert_int_eq(chmod(path, 0644), 0);
    ck_assert_int_eq(auth_db_load(path, &db, &err), -1);
    ck_assert_msg(strstr(err, "chmod 600") != NULL, "%s", err);
    free(err);
    err = NULL;
    /* damaged: refused */
    tu_write(path, "{\"users\": [", 11);
    ck_assert_int_eq(chmod(path, 0600), 0);
    ck_assert_int_eq(auth_db_load(path, &db, &err), -1);
    free(err);
    free(path);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(tokens_hashed_revoked_expired)
{
    auth_db db = {0};
    char *err = NULL, *token = NULL, *other = NULL;
    ck_assert_int_eq(auth_db_add_user(&db, "script", AUTH_INVESTIGATOR, NULL, &err), 0);
    ck_assert_int_eq(auth_db_add_token(&db, "nobody", 0, 1000, &token, &err), -1);
    free(err);
    err = NULL;
    ck_assert_int_eq(auth_db_add_token(&db, "script", 0, 1000, &token, &err), 0);
    ck_assert_int_eq(auth_db_add_token(&db, "script", 2, 1000, &other, &err), 0);
    ck_assert_uint_eq(db.ntokens, 2);
    ck_assert_ptr_null(strstr(token, db.tokens[0].hash));
    ck_assert_ptr_null(strstr(db.tokens[0].hash, token + 23)); /* the secret is not kept */
    ck_assert_ptr_nonnull(auth_db_check_token(&db, token, 5000));
    ck_assert_str_eq(auth_db_check_token(&db, other, 1000 + 2 * 86400 - 1)->name, "script");
    ck_assert_ptr_null(auth_db_check_token(&db, other, 1000 + 2 * 86400)); /* expired */
    /* one changed character: no */
    char *forged = g_strdup(token);
    forged[strlen(forged) - 1] = forged[strlen(forged) - 1] == 'a' ? 'b' : 'a';
    ck_assert_ptr_null(auth_db_check_token(&db, forged, 5000));
    ck_assert_ptr_null(auth_db_check_token(&db, "", 5000));
    g_free(forged);
    /* a disabled user's token stops working */
    auth_db_user(&db, "script")->disabled = 1;
    ck_assert_ptr_null(auth_db_check_token(&db, token, 5000));
    auth_db_user(&db, "script")->disabled = 0;
    /* revoked */
    char *id = g_strdup(db.tokens[0].id);
    ck_assert_int_eq(auth_db_revoke_token(&db, id, &err), 0);
    ck_assert_ptr_null(auth_db_check_token(&db, token, 5000));
    ck_assert_ptr_nonnull(auth_db_check_token(&db, other, 5000));
    ck_assert_int_eq(auth_db_revoke_token(&db, id, &err), -1);
    free(err);
    g_free(id);
    free(token);
    free(other);
    auth_db_clear(&db);
}
END_TEST

START_TEST(sessions_time_out)
{
    auth_sessions *s = auth_sessions_new(60, 600);
    char id[AUTH_ID_HEX + 1], id2[AUTH_ID_HEX + 1], user[AUTH_NAME_MAX + 1];
    char csrf[AUTH_ID_HEX + 1], csrf2[AUTH_ID_HEX + 1];
    auth_session_start(s, "anna", 1000, id);
    auth_session_start(s, "anna", 1000, id2);
    ck_assert_uint_eq(strlen(id), 64);
    ck_assert_uint_eq(strspn(id, "0123456789abcdef"), 64);
    ck_assert_str_ne(id, id2);
    ck_assert_int_eq(auth_session_find(s, id, 1030, user, csrf), 0);
    ck_assert_str_eq(user, "anna");
    ck_assert_int_eq(auth_session_find(s, id2, 1030, user, csrf2), 0);
    ck_assert_str_ne(csrf, csrf2);
    ck_assert_str_ne(csrf, id);
    ck_assert_int_eq(auth_csrf_check(csrf, csrf), 1);
    ck_assert_int_eq(auth_csrf_check(csrf, csrf2), 0);
    ck_assert_int_eq(auth_csrf_check(csrf, ""), 0);
    ck_assert_int_eq(auth_csrf_check(csrf, NULL), 0);
    /* used every 50 s it lives on, until the absolute time-out */
    for (long long t = 1080; t < 1600; t += 50)
        ck_assert_int_eq(auth_session_find(s, id, t, user, csrf), 0);
    ck_assert_int_eq(auth_session_find(s, id, 1600, user, csrf), -1);
    /* idle: id2 was last used at 1030 */
    ck_assert_int_eq(auth_session_find(s, id2, 1090, user, csrf), -1);
    /* logout, and ending a user's sessions */
    auth_session_start(s, "anna", 2000, id);
    auth_session_start(s, "boris", 2000, id2);
    auth_sessions_end_user(s, "anna");
    ck_assert_int_eq(auth_session_find(s, id, 2001, user, csrf), -1);
    ck_assert_int_eq(auth_session_find(s, id2, 2001, user, csrf), 0);
    auth_session_end(s, id2);
    ck_assert_int_eq(auth_session_find(s, id2, 2001, user, csrf), -1);
    ck_assert_int_eq(auth_session_find(s, "short", 2001, user, csrf), -1);
    auth_sessions_free(s);
}
END_TEST

START_TEST(sessions_survive_a_restart)
{
    char *dir = tu_tempdir("sessions"), *path = tu_path(dir, "sessions.json"), *err = NULL;
    char id[AUTH_ID_HEX + 1], gone[AUTH_ID_HEX + 1], old[AUTH_ID_HEX + 1];
    char user[AUTH_NAME_MAX + 1], csrf[AUTH_ID_HEX + 1], csrf2[AUTH_ID_HEX + 1];
    auth_sessions *s = auth_sessions_new(60, 600);
    ck_assert_int_eq(auth_sessions_keep(s, path, 1000, &err), 0); /* no file yet */
    auth_session_start(s, "anna", 1000, id);
    auth_session_start(s, "boris", 1000, gone);
    auth_session_start(s, "vera", 1000, old);
    ck_assert_int_eq(auth_session_find(s, id, 1050, user, csrf), 0);
    auth_session_end(s, gone); /* logged out; the file now has anna's use at 1050 too */
    auth_sessions_free(s);
    /* 0600, and no session id in it: only hashes */
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    char *text = tu_read(path, NULL);
    ck_assert_ptr_null(strstr(text, id));
    ck_assert_ptr_null(strstr(text, old));
    ck_assert_ptr_nonnull(strstr(text, "\"anna\""));
    ck_assert_ptr_null(strstr(text, "\"boris\""));
    free(text);
    /* the restarted server knows anna, with her CSRF token, not boris */
    s = auth_sessions_new(60, 600);
    ck_assert_int_eq(auth_sessions_keep(s, path, 1080, &err), 0);
    ck_assert_int_eq(auth_session_find(s, id, 1080, user, csrf2), 0);
    ck_assert_str_eq(user, "anna");
    ck_assert_str_eq(csrf2, csrf);
    ck_assert_int_eq(auth_session_find(s, gone, 1080, user, csrf2), -1);
    /* vera's, unused since 1000, timed out (idle 60 s) and left the file */
    ck_assert_int_eq(auth_session_find(s, old, 1080, user, csrf2), -1);
    auth_sessions_free(s);
    text = tu_read(path, NULL);
    ck_assert_ptr_null(strstr(text, "\"vera\""));
    free(text);
    /* the absolute time-out holds across restarts */
    s = auth_sessions_new(60, 600);
    ck_assert_int_eq(auth_sessions_keep(s, path, 1600, &err), 0);
    ck_assert_int_eq(auth_session_find(s, id, 1600, user, csrf2), -1);
    auth_sessions_free(s);
    /* a damaged file, or one others may read: refused, started anew */
    const char damaged[] = "{\"sessions\":[{\"user\":\"x\"}]}";
    tu_write(path, damaged, sizeof damaged - 1);
    chmod(path, 0600);
    s = auth_sessions_new(60, 600);
    ck_assert_int_eq(auth_sessions_keep(s, path, 2000, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "damaged"));
    free(err);
    err = NULL;
    auth_sessions_free(s);
    chmod(path, 0644);
    s = auth_sessions_new(60, 600);
    ck_assert_int_eq(auth_sessions_keep(s, path, 2000, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "others"));
    free(err);
    auth_sessions_free(s);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    tu_rmtree(dir);
    free(dir);
    free(path);
}
END_TEST

START_TEST(limiter_counts_and_forgets)
{
    auth_limiter *l = auth_limiter_new(10, 900);
    for (int i = 0; i < 9; i++) {
        auth_limiter_fail(l, "user:anna", 1000 + i);
        ck_assert_int_eq(auth_limiter_wait(l, "user:anna", 1000 + i), 0);
    }
    auth_limiter_fail(l, "user:anna", 1010);
    ck_assert_int_eq(auth_limiter_wait(l, "user:anna", 1010), 890);
    ck_assert_int_eq(auth_limiter_wait(l, "user:boris", 1010), 0);
    ck_assert_int_eq(auth_limiter_wait(l, "user:anna", 1899), 1);
    ck_assert_int_eq(auth_limiter_wait(l, "user:anna", 1900), 0); /* the window passed */
    for (int i = 0; i < 10; i++)
        auth_limiter_fail(l, "addr:10.0.0.1", 2000);
    ck_assert_int_gt(auth_limiter_wait(l, "addr:10.0.0.1", 2000), 0);
    auth_limiter_forget(l, "addr:10.0.0.1");
    ck_assert_int_eq(auth_limiter_wait(l, "addr:10.0.0.1", 2000), 0);
    auth_limiter_free(l);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("auth");
    TCase *tc = tcase_create("auth");
    tcase_add_test(tc, password_hash_checks);
    tcase_add_test(tc, roles_and_names);
    tcase_add_test(tc, users_file_round_trip);
    tcase_add_test(tc, tokens_hashed_revoked_expired);
    tcase_add_test(tc, sessions_time_out);
    tcase_add_test(tc, sessions_survive_a_restart);
    tcase_add_test(tc, limiter_counts_and_forgets);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
