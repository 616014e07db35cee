/*
 * test_settings.c - reading dokaz.conf: keys and values, comments and blank
 * lines, `collection FOLDER = NAME`, a missing file, and lines that are no
 * setting, reported with their file and line.
 */
#include "service/service.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* load - the settings of a file holding text; its rc */
static int load(const char *text, service_settings *s, char **err)
{
    char *dir = tu_tempdir("settings"), *path = tu_path(dir, "dokaz.conf");
    tu_write(path, text, strlen(text));
    int rc = service_settings_load(path, s, err);
    tu_rmtree(dir);
    free(path);
    free(dir);
    return rc;
}

START_TEST(settings_are_read)
{
    service_settings s = {0};
    char *err = NULL;
    ck_assert_msg(load("# dokaz\n\n  workers =  4 \nlisten=0.0.0.0:443\n"
                       "collection /srv/inbox/Partner files = Партнёры\n\t# indented\n",
                       &s, &err) == 0,
                  "%s", err);
    ck_assert_int_eq(s.n, 3);
    ck_assert_str_eq(s.list[0].key, "workers");
    ck_assert_str_eq(s.list[0].value, "4");
    ck_assert_int_eq(s.list[0].line, 3);
    ck_assert_ptr_null(s.list[0].arg);
    ck_assert_str_eq(s.list[1].value, "0.0.0.0:443");
    ck_assert_str_eq(s.list[2].key, "collection");
    ck_assert_str_eq(s.list[2].arg, "/srv/inbox/Partner files");
    ck_assert_str_eq(s.list[2].value, "Партнёры");
    ck_assert_int_eq(s.list[2].line, 5);
    ck_assert_ptr_nonnull(strstr(s.list[2].file, "dokaz.conf"));
    /* a missing file adds nothing */
    ck_assert_int_eq(service_settings_load("/nonexistent/dokaz.conf", &s, &err), 0);
    ck_assert_int_eq(s.n, 3);
    service_settings_free(&s);
    ck_assert_int_eq(s.n, 0);
}
END_TEST

/* refused - text fails with a message holding `want` */
static void refused(const char *text, const char *want)
{
    service_settings s = {0};
    char *err = NULL;
    ck_assert_int_eq(load(text, &s, &err), -1);
    ck_assert_msg(strstr(err, want) != NULL, "%s: %s", text, err);
    free(err);
    service_settings_free(&s);
}

START_TEST(bad_lines_name_their_line)
{
    refused("workers = 2\nno equals sign\n", "line 2: 'no equals sign' is no setting");
    refused("\n\nWorkers = 2\n", "line 3: 'Workers' is no key");
    refused("listen =\n", "line 1: listen has no value");
    refused("collection = x\n", "line 1: collection needs a folder");
    refused("collection relative/dir = x\n", "line 1: collection needs an absolute folder");
    refused("two words = x\n", "'two words' is no key");
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("settings");
    TCase *tc = tcase_create("settings");
    tcase_add_test(tc, settings_are_read);
    tcase_add_test(tc, bad_lines_name_their_line);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
