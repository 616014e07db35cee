/*
 * test_collection.c - which collection an item belongs to: a rule, the
 * inbox's top-level folder, the file's own folder; names that can be
 * granted; the collections of an item's receptions, members inheriting
 * their container's when their reception names none.
 */
#include "ingest/collection.h"
#include "record/record.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

static const char sha_mail[] = "aaaa000000000000000000000000000000000000000000000000000000000001";
static const char sha_note[] = "bbbb000000000000000000000000000000000000000000000000000000000002";

/* of - collection_of_path, compared and freed */
static void of(const collection_rule *rules, size_t nrules, char *const *inboxes, size_t ninboxes,
               const char *path, const char *want)
{
    char *got = collection_of_path(rules, nrules, inboxes, ninboxes, path);
    ck_assert_msg(strcmp(got, want) == 0, "%s: %s, not %s", path, got, want);
    g_free(got);
}

START_TEST(assignment_at_intake)
{
    char *const inboxes[] = {"/srv/inbox", "/srv/other/"};
    const collection_rule rules[] = {
        {"/srv/inbox/partners", "Partners"},
        {"/srv/inbox/partners/viasna", "Вясна"},
    };
    of(NULL, 0, inboxes, 2, "/srv/inbox/case-17/scan.pdf", "case-17");
    of(NULL, 0, inboxes, 2, "/srv/inbox/case-17/deep/er/scan.pdf", "case-17");
    of(NULL, 0, inboxes, 2, "/srv/inbox/loose.pdf", "inbox");
    of(NULL, 0, inboxes, 2, "/srv/other/x/y.pdf", "x");
    of(NULL, 0, inboxes, 2, "/srv/inboxes/x/y.pdf", "x"); /* not below /srv/inbox */
    of(rules, 2, inboxes, 2, "/srv/inbox/partners/a/b.pdf", "Partners");
    of(rules, 2, inboxes, 2, "/srv/inbox/partners/viasna/b.pdf", "Вясна");
    of(rules, 2, inboxes, 2, "/srv/inbox/partnership/b.pdf", "partnership");
    of(NULL, 0, NULL, 0, "/home/ana/Case 12/verdict.pdf", "Case 12");
    of(NULL, 0, NULL, 0, "/home/ana/bad\x01name/v.pdf", "bad_name");
}
END_TEST

START_TEST(names)
{
    ck_assert(collection_name_valid("case-17"));
    ck_assert(collection_name_valid("Дело Иванова"));
    ck_assert(!collection_name_valid(""));
    ck_assert(!collection_name_valid(".."));
    ck_assert(!collection_name_valid("a/b"));
    ck_assert(!collection_name_valid("*"));
    ck_assert(!collection_name_valid(" padded"));
    ck_assert(!collection_name_valid("tab\there"));
    ck_assert(!collection_name_valid("\xff\xfe"));
    char long_name[COLLECTION_NAME_MAX + 2];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    ck_assert(!collection_name_valid(long_name));
    long_name[COLLECTION_NAME_MAX] = '\0';
    ck_assert(collection_name_valid(long_name));
}
END_TEST

/* received - one reception */
static void received(const char *data, const char *sha, const char *path, const char *parent,
                     const char *collection)
{
    item_reception r = {.path = path, .name = "x", .parent = parent, .collection = collection};
    char *err = NULL;
    ck_assert_msg(item_reception_add(data, sha, &r, &err) == 0, "%s", err);
}

START_TEST(an_item_in_two_collections)
{
    char *data = tu_tempdir("collection");
    const char *const alpha[] = {"alpha", NULL}, *const beta[] = {"beta", NULL},
                      *const gamma[] = {"gamma", NULL};
    received(data, sha_mail, "/srv/inbox/alpha/mail.eml", NULL, "alpha");
    received(data, sha_mail, "/srv/inbox/beta/mail.eml", NULL, "beta");
    /* a member recorded before collections existed: its container's */
    received(data, sha_note, "/srv/inbox/alpha/mail.eml", sha_mail, NULL);
    char **got = collection_list(data, sha_note);
    ck_assert_int_eq(g_strv_length(got), 2);
    ck_assert_str_eq(got[0], "alpha");
    ck_assert_str_eq(got[1], "beta");
    g_strfreev(got);
    ck_assert(collection_member_of(data, sha_mail, alpha));
    ck_assert(collection_member_of(data, sha_note, beta));
    ck_assert(!collection_member_of(data, sha_note, gamma));
    ck_assert(!collection_member_of(data, sha_note, NULL));
    /* an item never received has none */
    got = collection_list(data, "cccc000000000000000000000000000000000000000000000000000000000003");
    ck_assert_ptr_null(got[0]);
    g_strfreev(got);
    tu_rmtree(data);
    free(data);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("collection");
    TCase *tc = tcase_create("collection");
    tcase_add_test(tc, assignment_at_intake);
    tcase_add_test(tc, names);
    tcase_add_test(tc, an_item_in_two_collections);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
