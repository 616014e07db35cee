/*
 * test_derive.c - a page's derived data: the fields and name mentions of a
 * verdict-like page, as the index writer found them before deriving moved
 * to the worker, and its persons; its JSON form read back unchanged; and damaged JSON (as a
 * damaged record on disk would give) refused with a message, never a crash.
 */
#include "derive/derive.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* A verdict's first page, with a sender in its item's metadata. */
static const char verdict[] =
    "ПРИГОВОР\nименем Республики Беларусь\n12 марта 2024 года суд Центрального района "
    "г. Минска рассмотрел уголовное дело № 1-234/2024 в отношении обвиняемого Иванова "
    "Сергея Николаевича, 5 мая 1986 года рождения, по ч. 1 ст. 342 УК. Свидетель Петрова А.В. "
    "ПРИГОВОРИЛ: признать Иванова С.Н. виновным.";
static const char *const verdict_meta[] = {"subject", "Приговор", "from", "Анна Петрова <a@b.by>",
                                           NULL};

/* What the index writer found on it before (XN, XR, XI, XIP, XJ terms at
 * these positions; checked against a database the old writer built), but
 * for Николаевич's initial М (of Мікалаевіч: a patronymic has its father's
 * name's initials), and the persons with their roles (Свидетель, a role
 * word, is no person). */
static const char verdict_json[] =
    "{\"fields\":{\"type\":\"verdict\",\"lang\":\"ru\",\"cases\":[\"1-234/2024\"],"
    "\"articles\":[\"342\"],\"parts\":[\"342/1\"],\"courts\":[{\"key\":\"minsk rn tantrvic\","
    "\"label\":\"суд Центрального района г. Минска\",\"nominative\":true}],"
    "\"dates\":[{\"y\":2024,\"m\":3,\"d\":12},{\"y\":1986,\"m\":5,\"d\":5,\"birth\":true}]},"
    "\"persons\":[{\"pos\":11,\"surname\":[\"minsk\"]},{\"pos\":18,\"surname\":[\"ivanav\"],"
    "\"given\":[\"sarg\"],\"gi\":\"s\",\"patronymic\":\"niklvic\",\"pi\":\"nm\",\"sex\":\"m\","
    "\"accused\":true,\"role\":\"accused\",\"born\":\"1986-05-05\"},"
    "{\"pos\":27,\"surname\":[\"uk\"]},"
    "{\"pos\":29,\"surname\":[\"patrav\"],\"gi\":\"a\",\"pi\":\"v\",\"accused\":true,"
    "\"role\":\"witness\"},"
    "{\"pos\":34,\"surname\":[\"ivanav\"],\"gi\":\"s\",\"pi\":\"n\",\"accused\":true,"
    "\"role\":\"accused\"},"
    "{\"pos\":138,\"surname\":[\"patrav\"],\"given\":[\"an\"],\"gi\":\"ag\",\"sex\":\"f\"}],"
    "\"names\":[[8,\"name\",\"tantrvic\"],[8,\"name-initial\",\"t\"],[11,\"name\",\"minsk\"],"
    "[18,\"name\",\"ivanav\",true],[19,\"name\",\"sarg\",true],[19,\"name-initial\",\"s\"],"
    "[20,\"name\",\"niklvic\",true],[20,\"name-initial\",\"n\"],[20,\"name-initial\",\"m\"],[27,\"name\",\"uk\"],"
    "[28,\"name\",\"svidatl\"],[29,\"name\",\"patrav\",true],[30,\"initial\",\"a\"],"
    "[31,\"next-initial\",\"v\"],[34,\"name\",\"ivanav\",true],[35,\"initial\",\"s\"],"
    "[36,\"next-initial\",\"n\"],[138,\"name\",\"an\"],[138,\"name-initial\",\"a\"],"
    "[138,\"name-initial\",\"g\"],[139,\"name\",\"patrav\"]]}";

static deriver *rules;

/* setup - the rules */
static void setup(void)
{
    char *err = NULL;
    rules = deriver_new(&err);
    ck_assert_msg(rules != NULL, "deriver_new: %s", err ? err : "?");
}

/* teardown - free them */
static void teardown(void)
{
    deriver_free(rules);
}

/* json_text - the plain JSON text of p (malloc'd) */
static char *json_text(const derived_page *p)
{
    json_object *o = derived_page_to_json(p);
    char *s = xstrdup(
        json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
    return s;
}

/* read_text - derived_page_from_json of a JSON text; NULL with *err */
static derived_page *read_text(const char *text, char **err)
{
    json_object *o = json_tokener_parse(text);
    derived_page *p = derived_page_from_json(o, err);
    json_object_put(o);
    return p;
}

START_TEST(verdict_as_before)
{
    derived_page *p = derive_page(rules, verdict, verdict_meta);
    ck_assert_ptr_nonnull(p);
    char *s = json_text(p);
    ck_assert_str_eq(s, verdict_json);
    ck_assert_str_eq(p->fields->type, FIELDS_VERDICT);
    ck_assert_uint_eq(p->nmentions, 21);
    ck_assert_uint_eq(p->mentions[3].kind, DERIVE_NAME);
    ck_assert_str_eq(p->mentions[3].key, "ivanav");
    ck_assert_int_eq(p->mentions[3].accused, 1);
    ck_assert_uint_eq(p->mentions[20].pos, 36 + DERIVE_META_GAP + 3);
    free(s);
    derived_page_free(p);
}
END_TEST

START_TEST(empty_page)
{
    derived_page *p = derive_page(rules, NULL, NULL);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p->fields->type, FIELDS_OTHER);
    ck_assert_uint_eq(p->nmentions, 0);
    char *s = json_text(p);
    ck_assert_str_eq(s, "{\"fields\":{\"type\":\"other\"}}");
    free(s);
    derived_page_free(p);
}
END_TEST

START_TEST(round_trip)
{
    char *err = NULL;
    derived_page *p = read_text(verdict_json, &err);
    ck_assert_msg(p != NULL, "derived_page_from_json: %s", err ? err : "?");
    char *s = json_text(p);
    ck_assert_str_eq(s, verdict_json);
    ck_assert_str_eq(p->fields->lang, "ru");
    ck_assert_str_eq(p->fields->courts[0].label, "суд Центрального района г. Минска");
    ck_assert_int_eq(p->fields->dates[1].birth, 1);
    ck_assert_uint_eq(p->mentions[13].kind, DERIVE_NEXT_INITIAL);
    ck_assert_uint_eq(p->npersons, 6);
    ck_assert_int_eq(p->persons[1].role, DERIVE_ROLE_ACCUSED);
    ck_assert_int_eq(p->persons[1].born.year, 1986);
    ck_assert_str_eq(p->persons[1].patronymic, "niklvic");
    ck_assert_int_eq(p->persons[1].sex, NAMES_SEX_MALE);
    ck_assert_int_eq(p->persons[1].accused, 1);
    free(s);
    derived_page_free(p);
}
END_TEST

/* Damaged records: each is refused with a message. */
static const char *const bad[] = {
    "[]",
    "3",
    "\"x\"",
    "{}",
    "{\"fields\":[]}",
    "{\"fields\":{}}",
    "{\"fields\":{\"type\":\"prigovor\"}}",
    "{\"fields\":{\"type\":\"приговор\"}}",
    "{\"fields\":{\"type\":7}}",
    "{\"fields\":{\"type\":\"other\",\"lang\":\"xx\"}}",
    "{\"fields\":{\"type\":\"other\",\"cases\":\"1-2/2024\"}}",
    "{\"fields\":{\"type\":\"other\",\"cases\":[\"\"]}}",
    "{\"fields\":{\"type\":\"other\",\"articles\":[342]}}",
    "{\"fields\":{\"type\":\"other\",\"courts\":[{\"label\":\"x\"}]}}",
    "{\"fields\":{\"type\":\"other\",\"courts\":[{\"key\":\"x\",\"label\":\"x\","
    "\"nominative\":1}]}}",
    "{\"fields\":{\"type\":\"other\",\"dates\":[{\"y\":2024,\"m\":13,\"d\":1}]}}",
    "{\"fields\":{\"type\":\"other\",\"dates\":[{\"y\":2024,\"m\":1}]}}",
    "{\"fields\":{\"type\":\"other\",\"dates\":[[2024,1,1]]}}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":{}}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":[{\"surname\":[\"ivanav\"]}]}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":[{\"pos\":-1}]}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":[{\"pos\":1,\"surname\":\"ivanav\"}]}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":[{\"pos\":1,\"surname\":[\"a\",\"b\",\"c\"]}]}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":[{\"pos\":1,\"given\":[\"\"]}]}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":[{\"pos\":1,\"gi\":\"abcdefgh\"}]}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":[{\"pos\":1,\"sex\":\"x\"}]}",
    "{\"fields\":{\"type\":\"other\"},\"persons\":[{\"pos\":1,\"accused\":1}]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":{}}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1,\"name\"]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[-1,\"name\",\"ivanav\"]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1.5,\"name\",\"ivanav\"]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[4294967296,\"name\",\"ivanav\"]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1,\"surname\",\"ivanav\"]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1,\"initial\",\"ab\"]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1,\"name\",\"\"]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1,\"name\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1,\"initial\",\"a\",true]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1,\"name\",\"ivanav\",1]]}",
    "{\"fields\":{\"type\":\"other\"},\"names\":[[1,\"name\",\"ivanav\",true,true]]}",
};

START_TEST(damaged_is_refused)
{
    char *err = NULL;
    derived_page *p = read_text(bad[_i], &err);
    ck_assert_msg(p == NULL, "accepted %s", bad[_i]);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, "derived data is damaged") != NULL, "%s", err);
    free(err);
    ck_assert_ptr_null(derived_page_from_json(NULL, NULL));
}
END_TEST

/* Every byte of a good record replaced by each of these, and every prefix
 * of it: what still parses as JSON is read or refused, never a crash. */
START_TEST(mutations_never_crash)
{
    static const char swaps[] = "0-9\"[]{},:tfn a\\";
    size_t len = strlen(verdict_json), read = 0, refused = 0;
    char *s = xmalloc(len + 1);
    for (size_t at = 0; at < len; at++)
        for (size_t k = 0; k <= sizeof swaps - 1; k++) {
            memcpy(s, verdict_json, len + 1);
            if (k < sizeof swaps - 1)
                s[at] = swaps[k];
            else
                s[at] = '\0'; /* a record cut short */
            char *err = NULL;
            derived_page *p = read_text(s, &err);
            if (p != NULL) {
                char *back = json_text(p);
                ck_assert_ptr_nonnull(back);
                free(back);
                read++;
            } else {
                refused++;
            }
            ck_assert((p == NULL) == (err != NULL));
            derived_page_free(p);
            free(err);
        }
    free(s);
    ck_assert_uint_gt(read, 0);
    ck_assert_uint_gt(refused, 0);
}
END_TEST

/* derive_suite - all of the above */
static Suite *derive_suite(void)
{
    Suite *s = suite_create("derive");
    TCase *tc = tcase_create("derive");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, verdict_as_before);
    tcase_add_test(tc, empty_page);
    tcase_add_test(tc, round_trip);
    tcase_add_loop_test(tc, damaged_is_refused, 0, (int)(sizeof bad / sizeof *bad));
    tcase_add_test(tc, mutations_never_crash);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(derive_suite());
}
