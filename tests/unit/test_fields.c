/*
 * test_fields.c - fields found in page text: case numbers, Criminal Code
 * articles and parts, dates and birth dates, courts across case and
 * language, document types, languages, with the OCR slips seen in scans;
 * and the same fields as typed in queries.
 */
#include "fields/fields.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static names *nm;
static fields *rules;

/* setup - the name table and the rules */
static void setup(void)
{
    char *err = NULL;
    nm = names_new(&err);
    ck_assert_msg(nm != NULL, "names_new: %s", err ? err : "?");
    rules = fields_new(nm, &err);
    ck_assert_msg(rules != NULL, "fields_new: %s", err ? err : "?");
}

/* teardown - free them */
static void teardown(void)
{
    fields_free(rules);
    names_free(nm);
}

/* What a case expects: a value of a kind in the page's fields, or its absence. */
enum kind { CASE, ART, PART, DATE, BIRTH, TYPE, LANG, NO_CASE, NO_ART, NO_DATE };

static const struct {
    const char *text;
    enum kind kind;
    const char *value;
} cases[] = {
    /* case numbers, with "№" as OCR reads it */
    {"Дело № 1-234/2024", CASE, "1-234/2024"},
    {"дело №1-234/2024 рассмотрено", CASE, "1-234/2024"},
    {"Дело Ме 1-234/2024", CASE, "1-234/2024"},
    {"Дело No1-234/2024", CASE, "1-234/2024"},
    {"по делу N 1 - 234 / 2024", CASE, "1-234/2024"},
    {"№ 1–45/24 (апелляция)", CASE, "1-45/2024"},
    {"уголовное дело № 22043100123 возбуждено", CASE, "22043100123"},
    {"крымінальная справа № 22043100123", CASE, "22043100123"},
    {"справа № 12-345/2023", CASE, "12-345/2023"},
    /* investigators' numbers as papers write them */
    {"по делу № 1-234/2024 (следственный № 20211500123)", CASE, "20211500123"},
    {"по делу № 1-234/2024 (следственный № 20211500123)", CASE, "1-234/2024"},
    {"крымінальная справа № 1-234/2024 (следчая № 20211500123)", CASE, "20211500123"},
    {"уголовное дело (№ 20211500123) направлено", CASE, "20211500123"},
    {"номер уголовного дела: 20211500123", CASE, "20211500123"},
    {"следственный номер 20211500123", CASE, "20211500123"},
    {"материалы уголовного дела, № 20211500123", CASE, "20211500123"},
    {"уголовное дело Ne 20211500123", CASE, "20211500123"},
    {"уголовные дела №№ 20211500123, 20211500124", CASE, "20211500124"},
    {"по уголовным делам № 20211500123 и № 20211500124", CASE, "20211500124"},
    {"крымінальныя справы № 20211500123 і 20211500124", CASE, "20211500124"},
    {"in criminal case No. 20211500123", CASE, "20211500123"},
    {"па крымінальнай спране № 20221992243 у адносінах", CASE, "20221992243"}, /* OCR: в as н */
    {"по делу, тел. 80291234567", NO_CASE, NULL},
    {"следственный изолятор № 1, тел. 80291234567", NO_CASE, NULL},
    {"исх. № 17-24/115 от 18.01.2024", NO_CASE, NULL},
    {"№ 12-345/2023", NO_CASE, NULL},
    {"тел. 80291234567", NO_CASE, NULL},
    /* articles and parts */
    {"предусмотренного ч. 1 ст. 342 УК Республики Беларусь", PART, "342/1"},
    {"предусмотренного ч.1 ст.342 УК", ART, "342"},
    {"по ст. 361-1 УК", ART, "361-1"},
    {"по ст. 361¹ УК", ART, "361-1"},
    {"по ст. 361 – 1 УК", ART, "361-1"},
    {"по ч.1 и ч.3 ст.130 УК", PART, "130/3"},
    {"по ч.1 и ч.3 ст.130 УК", PART, "130/1"},
    {"прадугледжанага ч. 1 арт. 342 КК", PART, "342/1"},
    {"арт. 361-4 Крымінальнага кодэкса", ART, "361-4"},
    {"по ст 342 УК", ART, "342"},
    {"по ст.ст. 342, 361-1 УК", ART, "361-1"},
    {"статьи 130 Уголовного кодекса", ART, "130"},
    {"ч. 2 ст. 293 Уголовного кодекса", PART, "293/2"},
    {"по ч. 1 Cт. 342 УК", ART, "342"}, /* Latin C */
    {"в порядке ст. 468-1 УПК", NO_ART, NULL},
    {"по ст. 24.23 КоАП", NO_ART, NULL},
    {"ст. 19 Кодекса об административных правонарушениях", NO_ART, NULL},
    /* dates and birth dates */
    {"14 марта 2024 года г. Минск", DATE, "2024-03-14"},
    {"«12» сакавіка 2024 г.", DATE, "2024-03-12"},
    {"от 12.03.2024 г.", DATE, "2024-03-12"},
    {"от 12.03.24", DATE, "2024-03-12"},
    {"created 2024-03-12", DATE, "2024-03-12"},
    {"12 мая 1986 года рождения", BIRTH, "1986-05-12"},
    {"Иванов С.Н., 1986 г.р.", BIRTH, "1986"},
    {"нарадзіўся 03.04.1990 у г. Гродна", BIRTH, "1990-04-03"},
    {"Minsk, March 12, 2024", DATE, "2024-03-12"},
    {"Warszawa, 12 marca 2024", DATE, "2024-03-12"},
    {"1 лютага 2023 г.", DATE, "2023-02-01"},
    {"от 12.03.2О24", DATE, "2024-03-12"}, /* Cyrillic О for 0 */
    {"от 31.02.2024", NO_DATE, NULL},
    {"ч.1.2.3 инструкции", NO_DATE, NULL},
    /* types, headings spaced out by the typesetter or OCR */
    {"ПРИГОВОР\nИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ\nСуд ...", TYPE, FIELDS_VERDICT},
    {"П Р И Г О В О Р\nименем Республики Беларусь", TYPE, FIELDS_VERDICT},
    {"ПАВЕДАМЛЕННЕ\nаб накіраванні справы ў суд у парадку спецыяльнай вытворчасці", TYPE,
     FIELDS_NOTICE},
    {"ИЗВЕЩЕНИЕ\nГенеральная прокуратура извещает о специальном производстве", TYPE, FIELDS_NOTICE},
    {"ПОВЕСТКА\nо вызове в суд\nВы вызываетесь в качестве обвиняемого", TYPE, FIELDS_SUMMONS},
    {"ПОСТАНОВЛЕНИЕ\nо наложении ареста на имущество\nПОСТАНОВИЛ:", TYPE, FIELDS_RULING},
    {"ПРОТОКОЛ\nдопроса свидетеля", TYPE, FIELDS_PROTOCOL},
    {"Уважаемый Сергей Николаевич!\nСообщаем ...\nС уважением,", TYPE, FIELDS_LETTER},
    {"Dear colleagues, please find attached. Regards", TYPE, FIELDS_LETTER},
    {"Список литературы", TYPE, FIELDS_OTHER},
    {"Вина Иванова подтверждается протоколами. ПРИГОВОРИЛ: признать виновным", TYPE,
     FIELDS_VERDICT},
    /* languages */
    {"Пракуратура горада Мінска паведамляе, што крымінальная справа накіравана ў суд.", LANG, "be"},
    {"Суд рассмотрел уголовное дело в порядке специального производства.", LANG, "ru"},
    {"The court examined the case of the accused in absentia.", LANG, "en"},
    {"Sąd rozpatrzył sprawę oskarżonego zaocznie w Mińsku.", LANG, "pl"},
};

/* has - whether list holds s */
static int has(char **list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

/* has_date - whether the page has the date ("YYYY" or "YYYY-MM-DD"), birth as asked */
static int has_date(const fields_page *p, const char *value, int birth)
{
    for (size_t i = 0; i < p->ndates; i++) {
        char buf[16];
        const fields_date *d = &p->dates[i];
        if (d->month == 0)
            snprintf(buf, sizeof buf, "%04d", d->year);
        else
            snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
        if (strcmp(buf, value) == 0 && d->birth == birth)
            return 1;
    }
    return 0;
}

START_TEST(extraction)
{
    const char *text = cases[_i].text, *v = cases[_i].value;
    fields_page *p = fields_extract(rules, text);
    ck_assert_ptr_nonnull(p);
    switch (cases[_i].kind) {
    case CASE: ck_assert_msg(has(p->cases, p->ncases, v), "no case %s in \"%s\"", v, text); break;
    case ART:
        ck_assert_msg(has(p->articles, p->narticles, v), "no article %s in \"%s\"", v, text);
        break;
    case PART: ck_assert_msg(has(p->parts, p->nparts, v), "no part %s in \"%s\"", v, text); break;
    case DATE: ck_assert_msg(has_date(p, v, 0), "no date %s in \"%s\"", v, text); break;
    case BIRTH: ck_assert_msg(has_date(p, v, 1), "no birth date %s in \"%s\"", v, text); break;
    case TYPE:
        ck_assert_msg(strcmp(p->type, v) == 0, "type %s, not %s: \"%s\"", p->type, v, text);
        break;
    case LANG:
        ck_assert_msg(p->lang && strcmp(p->lang, v) == 0, "language %s, not %s: \"%s\"",
                      p->lang ? p->lang : "none", v, text);
        break;
    case NO_CASE: ck_assert_msg(p->ncases == 0, "case %s in \"%s\"", p->cases[0], text); break;
    case NO_ART:
        ck_assert_msg(p->narticles == 0, "article %s in \"%s\"", p->articles[0], text);
        break;
    case NO_DATE: ck_assert_msg(p->ndates == 0, "a date in \"%s\"", text); break;
    }
    fields_page_free(p);
}
END_TEST

/* court_key - the key of the only court in text (static; "" if not exactly one) */
static const char *court_key(const char *text)
{
    static char buf[4][128];
    static int next;
    char *k = buf[next++ % 4];
    fields_page *p = fields_extract(rules, text);
    snprintf(k, 128, "%s", p->ncourts == 1 ? p->courts[0].key : "");
    fields_page_free(p);
    return k;
}

START_TEST(courts_across_case_and_language)
{
    char k[128];
    snprintf(k, sizeof k, "%s", court_key("Суд Заречного района г. Минска в составе"));
    ck_assert_str_ne(k, "");
    ck_assert_str_eq(court_key("приговором суда Заречного района г.Минска от"), k);
    ck_assert_str_eq(court_key("суд Зарэчнага раёна г. Мінска"), k);
    snprintf(k, sizeof k, "%s", court_key("Минский городской суд"));
    ck_assert_str_ne(k, "");
    ck_assert_str_eq(court_key("приговор Минского городского суда"), k);
    ck_assert_str_eq(court_key("накіравана ў Мінскі гарадскі суд"), k);
    ck_assert_str_ne(court_key("Минский областной суд"), k);
    ck_assert_str_ne(court_key("суд Минского района"), k);
    ck_assert_str_eq(court_key("Верховный Суд Республики Беларусь"),
                     court_key("рашэнне Вярхоўнага Суда"));
    ck_assert_str_eq(court_key("дело направлено в суд для рассмотрения"), "");
    ck_assert_str_eq(court_key("районный суд"), "");
    /* plural nouns in -ы before "суд" on a Russian page are no court, as a
     * Belarusian adjective in -ы is on a Belarusian one */
    ck_assert_str_eq(court_key("Доводы защиты суд находит несостоятельными, а доводы стороны "
                               "обвинения суд принимает во внимание"),
                     "");
    ck_assert_str_ne(court_key("справу разгледзеў Мінскі абласны суд"), "");
}
END_TEST

START_TEST(court_label_is_as_written)
{
    fields_page *p = fields_extract(rules, "приговор Минского городского суда.\n"
                                           "Минский   городской\nсуд постановил");
    ck_assert_uint_eq(p->ncourts, 1);
    ck_assert_str_eq(p->courts[0].label, "Минский городской суд");
    ck_assert(p->courts[0].nominative);
    fields_page_free(p);
}
END_TEST

START_TEST(empty_and_hostile_text)
{
    fields_page *p = fields_extract(rules, "");
    ck_assert_str_eq(p->type, FIELDS_OTHER);
    ck_assert_ptr_null(p->lang);
    fields_page_free(p);
    p = fields_extract(rules, NULL);
    ck_assert_uint_eq(p->ncases + p->narticles + p->ndates + p->ncourts, 0);
    fields_page_free(p);
    p = fields_extract(rules, "\xff\xfe суд \xc3 № 1-2/2024 ст. 999 УК ¹¹¹ ч. ст. 12.13.14");
    ck_assert(has(p->cases, p->ncases, "1-2/2024"));
    ck_assert_uint_eq(p->narticles, 0); /* 999 is no article */
    fields_page_free(p);
    GString *big = g_string_new(NULL);
    for (int i = 0; i < 5000; i++)
        g_string_append(big, "суд суд ст. ст. № № ");
    g_string_append(big, " приговор Минского городского суда"); /* after 50 000 words */
    p = fields_extract(rules, big->str);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(p->ncourts, 1);
    fields_page_free(p);
    g_string_free(big, TRUE);
}
END_TEST

/* A list too long for PCRE2's JIT stack: every rule is read again without the
 * JIT, so no field is lost (with the JIT alone the page had no article and no
 * case number). */
START_TEST(lists_longer_than_the_jit_stack)
{
    GString *arts = g_string_new("осуждён по ст. ");
    for (int i = 0; i < 2000; i++)
        g_string_append_printf(arts, "%d, ", i % 480 + 1);
    g_string_append(arts, "1 УК; уголовное дело");
    for (int i = 0; i < 2000; i++)
        g_string_append(arts, " (");
    g_string_append(arts, "12345678901");
    fields_page *p = fields_extract(rules, arts->str);
    ck_assert_uint_eq(p->narticles, 480);
    ck_assert(has(p->articles, p->narticles, "342"));
    ck_assert(has(p->cases, p->ncases, "12345678901"));
    fields_page_free(p);
    g_string_free(arts, TRUE);
}
END_TEST

START_TEST(queries)
{
    char buf[64];
    int part = -1;
    long from = 0, to = 0;
    ck_assert_int_eq(fields_parse_case("№ 1 - 234 / 24", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "1-234/2024");
    ck_assert_int_eq(fields_parse_case("1-234/2024", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "1-234/2024");
    ck_assert_int_eq(fields_parse_case("22043100123", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "22043100123");
    ck_assert_int_eq(fields_parse_case("abc", buf, sizeof buf), -1);
    ck_assert_int_eq(fields_parse_article("ч.1 ст.342", buf, sizeof buf, &part), 0);
    ck_assert_str_eq(buf, "342");
    ck_assert_int_eq(part, 1);
    ck_assert_int_eq(fields_parse_article("361¹", buf, sizeof buf, &part), 0);
    ck_assert_str_eq(buf, "361-1");
    ck_assert_int_eq(part, 0);
    ck_assert_int_eq(fields_parse_article("342/1", buf, sizeof buf, &part), 0);
    ck_assert_int_eq(part, 1);
    ck_assert_int_eq(fields_parse_article("342ч2", buf, sizeof buf, &part), 0);
    ck_assert_int_eq(part, 2);
    ck_assert_int_eq(fields_parse_article("ст. 361 – 4", buf, sizeof buf, &part), 0);
    ck_assert_str_eq(buf, "361-4");
    ck_assert_int_eq(fields_parse_article("abc", buf, sizeof buf, &part), -1);
    ck_assert_int_eq(fields_parse_article("9999", buf, sizeof buf, &part), -1);
    ck_assert_int_eq(fields_parse_dates("2023..2024", &from, &to), 0);
    ck_assert_int_eq(from, 20230101);
    ck_assert_int_eq(to, 20241231);
    ck_assert_int_eq(fields_parse_dates("2024-02", &from, &to), 0);
    ck_assert_int_eq(to, 20240229);
    ck_assert_int_eq(fields_parse_dates("..2024", &from, &to), 0);
    ck_assert_int_eq(from, 19000101);
    ck_assert_int_eq(fields_parse_dates("12.03.2024..", &from, &to), 0);
    ck_assert_int_eq(from, 20240312);
    ck_assert_int_eq(to, 21001231);
    ck_assert_int_eq(fields_parse_dates("03.2024", &from, &to), 0);
    ck_assert_int_eq(from, 20240301);
    ck_assert_int_eq(fields_parse_dates("2024-02-30", &from, &to), -1);
    ck_assert_int_eq(fields_parse_dates("2025..2024", &from, &to), -1);
    ck_assert_int_eq(fields_parse_dates("..", &from, &to), -1);
    ck_assert_int_eq(fields_parse_dates("вчера", &from, &to), -1);
    ck_assert_str_eq(fields_parse_type("Приговор"), FIELDS_VERDICT);
    ck_assert_str_eq(fields_parse_type("summons"), FIELDS_SUMMONS);
    ck_assert_ptr_null(fields_parse_type("cake"));
    ck_assert_str_eq(fields_parse_lang("беларуская"), "be");
    ck_assert_str_eq(fields_parse_lang("RU"), "ru");
    ck_assert_ptr_null(fields_parse_lang("xx"));
    char **w = fields_court_words(nm, "Минский городской");
    ck_assert_ptr_nonnull(w);
    ck_assert_uint_eq(g_strv_length(w), 2);
    g_strfreev(w);
    ck_assert_ptr_null(fields_court_words(nm, "суд г."));
    ck_assert(fields_is_role("обвиняемого", strlen("обвиняемого")));
    ck_assert(fields_is_role("Абвінавачаны", strlen("Абвінавачаны")));
    ck_assert(!fields_is_role("свидетеля", strlen("свидетеля")));
}
END_TEST

/* A type or language that is not UTF-8 (a damaged result.json's "type") is
 * none, read within its bytes: "\xf0" announces four bytes where one is
 * left, so it is put just before a page that may not be read (found by
 * fuzz_fields, where the reading went on into unmapped memory). */
START_TEST(query_values_not_utf8)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert(map != MAP_FAILED);
    ck_assert_int_eq(mprotect(map + page, page, PROT_NONE), 0);
    char *bad = map + page - 2;
    memcpy(bad, "\xf0", 2);
    ck_assert_ptr_null(fields_parse_type(bad));
    ck_assert_ptr_null(fields_parse_lang(bad));
    munmap(map, 2 * page);
}
END_TEST

/* fields_suite - all of the above */
static Suite *fields_suite(void)
{
    Suite *s = suite_create("fields");
    TCase *tc = tcase_create("extract");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, extraction, 0, (int)(sizeof cases / sizeof *cases));
    tcase_add_test(tc, courts_across_case_and_language);
    tcase_add_test(tc, court_label_is_as_written);
    tcase_add_test(tc, empty_and_hostile_text);
    tcase_add_test(tc, lists_longer_than_the_jit_stack);
    tcase_add_test(tc, queries);
    tcase_add_test(tc, query_values_not_utf8);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(fields_suite());
}
