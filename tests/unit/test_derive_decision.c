/*
 * test_derive_decision.c - what a paper decides about the accused it
 * names, in Russian and Belarusian: the prison term (digits, number words
 * in oblique cases, both), its regime, a fine in base units, property
 * seized; each given to the accused it belongs to, never to a witness; and
 * the decision through the JSON form and back.
 *
 * A decision is written as "months regime fine seized" ("36 general 0 0"),
 * "-" for no regime; one per accused of the passage, in order.
 */
#include "derive/derive.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ACCUSED 2

/* The passages and what each decides about its accused, in order. */
static const struct {
    const char *text;
    const char *decided[MAX_ACCUSED];
} passages[] = {
    /* Russian prison terms and regimes */
    {"Приговорить обвиняемого Иванова Сергея Николаевича к 3 годам лишения свободы в "
     "исправительной колонии общего режима.",
     {"36 general 0 0"}},
    {"признать подсудимого Петрова П.П. виновным и назначить ему наказание в виде лишения "
     "свободы сроком на 2 (два) года 6 (шесть) месяцев с отбыванием в исправительной колонии "
     "усиленного режима",
     {"30 enhanced 0 0"}},
    {"обвиняемого Сидорова А.И. приговорить к трём годам лишения свободы", {"36 - 0 0"}},
    {"осужденный Козлов К.К. к пяти годам шести месяцам лишения свободы с отбыванием наказания "
     "в исправительной колонии строгого режима",
     {"66 strict 0 0"}},
    {"обвиняемого Кузьмича В.А. к 8 (восьми) годам лишения свободы в исправительной колонии "
     "особого режима",
     {"96 special 0 0"}},
    {"подсудимому Жуку Д.Д. назначить наказание в виде лишения свободы на срок один год в "
     "колонии-поселении",
     {"12 settlement 0 0"}},
    {"осужденного Белова Б.Б. к 10 годам лишения свободы с отбыванием первых пяти лет в тюрьме",
     {"120 prison 0 0"}},
    {"подсудимого Новака И.П. к двадцати пяти годам лишения свободы", {"300 - 0 0"}},
    {"обвиняемую Лукашевич Ольгу Александровну к 6 месяцам лишения свободы", {"6 - 0 0"}},
    /* Russian fines and seizures */
    {"обвиняемому Иванову С.Н. назначить наказание в виде штрафа в размере 100 базовых величин",
     {"0 - 100 0"}},
    {"подсудимому Петрову П.П. назначить штраф в размере 50 (пятидесяти) базовых величин",
     {"0 - 50 0"}},
    {"подсудимой Сидоровой А.П. штраф в размере двадцати пяти базовых величин", {"0 - 25 0"}},
    {"Наложить арест на имущество обвиняемого Иванова Сергея Николаевича", {"0 - 0 1"}},
    {"обвиняемой Петровой Анны Ивановны: арест на имущество, а именно автомобиль", {"0 - 0 1"}},
    /* Belarusian */
    {"Прызнаць абвінавачанага Іванова Сяргея Мікалаевіча вінаватым і асудзіць да 3 гадоў "
     "пазбаўлення волі з адбываннем пакарання ў папраўчай калоніі ўзмоцненага рэжыму",
     {"36 enhanced 0 0"}},
    {"абвінавачанаму Пятрову П.П. прызначыць пакаранне ў выглядзе пазбаўлення волі на тэрмін 2 "
     "гады 6 месяцаў у папраўчай калоніі агульнага рэжыму",
     {"30 general 0 0"}},
    {"асуджаны Казлоў К.К. да трох гадоў пазбаўлення волі", {"36 - 0 0"}},
    {"абвінавачанага Жука Д.Д. да пяці гадоў пазбаўлення волі ў папраўчай калоніі строгага "
     "рэжыму",
     {"60 strict 0 0"}},
    {"абвінавачанаму Сідараву А.І. прызначыць штраф у памеры 200 базавых велічынь", {"0 - 200 0"}},
    {"накласці арышт на маёмасць абвінавачанага Іванова Сяргея Мікалаевіча", {"0 - 0 1"}},
    {"асуджаную Лукашэвіч Вольгу Аляксандраўну да 1 года 6 месяцаў пазбаўлення волі з "
     "адбываннем у калоніі-пасяленні",
     {"18 settlement 0 0"}},
    {"абвінавачаны Навумаў Н.Н. да дзесяці гадоў пазбаўлення волі ў папраўчай калоніі "
     "асаблівага рэжыму",
     {"120 special 0 0"}},
    /* several accused: each their own */
    {"обвиняемого Иванова С.Н. к 3 годам лишения свободы, обвиняемого Петрова П.П. к 2 годам "
     "лишения свободы в исправительной колонии общего режима",
     {"36 - 0 0", "24 general 0 0"}},
    /* everything at once */
    {"подсудимого Жука Д.Д. к 4 годам лишения свободы в исправительной колонии общего режима со "
     "штрафом в размере 300 базовых величин; наложить арест на имущество",
     {"48 general 300 1"}},
    /* no decision: a date's year is no term, a restriction of liberty is no prison */
    {"обвиняемый Иванов С.Н. 12 марта 2024 года лишения свободы не избегнет", {"0 - 0 0"}},
    {"осужденного Петрова П.П. к 3 годам ограничения свободы", {"0 - 0 0"}},
};

static deriver *rules;

/* setup - the rules, once */
static void setup(void)
{
    char *err = NULL;
    rules = deriver_new(&err);
    ck_assert_msg(rules != NULL, "%s", err ? err : "?");
}

/* teardown - free them */
static void teardown(void)
{
    deriver_free(rules);
}

/* written - a decision as the passages write it (g_free) */
static char *written(const derive_decision *d)
{
    const char *regime = derive_regime_name(d->regime);
    return g_strdup_printf("%d %s %d %d", d->prison_months, regime[0] ? regime : "-",
                           d->fine_base_units, d->seized);
}

/* each passage: its accused in order and what it decides about each */
START_TEST(passage)
{
    derived_page *p = derive_page(rules, passages[_i].text, NULL);
    size_t k = 0;
    for (size_t i = 0; i < p->npersons; i++) {
        if (p->persons[i].role != DERIVE_ROLE_ACCUSED)
            continue;
        ck_assert_msg(k < MAX_ACCUSED && passages[_i].decided[k] != NULL,
                      "passage %d: an accused too many at %u", _i, p->persons[i].pos);
        char *got = written(&p->persons[i].decision);
        ck_assert_msg(strcmp(got, passages[_i].decided[k]) == 0, "passage %d, accused %zu: %s", _i,
                      k, got);
        g_free(got);
        k++;
    }
    ck_assert_msg(k == MAX_ACCUSED || passages[_i].decided[k] == NULL,
                  "passage %d: %zu accused found", _i, k);
    derived_page_free(p);
}
END_TEST

/* a witness, a lawyer, a judge get no decision, even next to one */
START_TEST(others_none)
{
    derived_page *p = derive_page(
        rules,
        "свидетель Сидоров А.И. пояснил, что судья Петров П.П. приговорил его брата к 3 годам "
        "лишения свободы; адвокат Кузьмич В.А. просил штраф в размере 10 базовых величин",
        NULL);
    ck_assert_uint_ge(p->npersons, 3);
    for (size_t i = 0; i < p->npersons; i++) {
        ck_assert_int_ne(p->persons[i].role, DERIVE_ROLE_ACCUSED);
        ck_assert_int_eq(p->persons[i].decision.prison_months, 0);
        ck_assert_int_eq(p->persons[i].decision.fine_base_units, 0);
    }
    derived_page_free(p);
}
END_TEST

/* the decision through the JSON form and back; a damaged one is refused */
START_TEST(json_round_trip)
{
    derived_page *p = derive_page(rules, passages[G_N_ELEMENTS(passages) - 3].text, NULL);
    json_object *o = derived_page_to_json(p);
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    ck_assert_msg(strstr(s, "\"decision\":{\"prison_years\":4,\"regime\":\"general\","
                            "\"fine_base_units\":300,\"seized\":true}") != NULL,
                  "%s", s);
    char *err = NULL;
    derived_page *back = derived_page_from_json(o, &err);
    ck_assert_msg(back != NULL, "%s", err ? err : "?");
    ck_assert_uint_eq(back->npersons, p->npersons);
    for (size_t i = 0; i < p->npersons; i++)
        ck_assert(memcmp(&back->persons[i].decision, &p->persons[i].decision,
                         sizeof p->persons[i].decision) == 0);
    derived_page_free(back);
    json_object_put(o);
    derived_page_free(p);
    const char *damaged[] = {
        "{\"fields\":{\"type\":\"verdict\"},\"persons\":[{\"pos\":1,\"decision\":{\"regime\":\"x\"}}]}",
        "{\"fields\":{\"type\":\"verdict\"},\"persons\":[{\"pos\":1,\"decision\":{\"prison_months\":12}}]}",
        "{\"fields\":{\"type\":\"verdict\"},\"persons\":[{\"pos\":1,\"decision\":[1]}]}",
        "{\"fields\":{\"type\":\"verdict\"},\"persons\":[{\"pos\":1,\"decision\":{\"seized\":1}}]}",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(damaged); i++) {
        json_object *d = json_tokener_parse(damaged[i]);
        ck_assert_ptr_nonnull(d);
        ck_assert_ptr_null(derived_page_from_json(d, &err));
        ck_assert_ptr_nonnull(strstr(err, "decision"));
        free(err);
        err = NULL;
        json_object_put(d);
    }
}
END_TEST

/* suite - the passages, the others, the JSON */
static Suite *suite(void)
{
    Suite *s = suite_create("derive_decision");
    TCase *tc = tcase_create("decision");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, passage, 0, G_N_ELEMENTS(passages));
    tcase_add_test(tc, others_none);
    tcase_add_test(tc, json_round_trip);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(suite());
}
