/*
 * test_names.c - the real `dokaz ingest`, `dokaz search` and `dokaz batch` on
 * plain-text papers that name the same people in Russian (genitive),
 * Belarusian (nominative) and Latin letters: each spelling as a query finds
 * all three documents of its person and none of the others (among them
 * look-alike names: Иваненко Серафим, Ковальчик); fields and filters; the
 * batch CSV.
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The papers: file name and text. */
static const struct {
    const char *file, *text;
} papers[] = {
    {"a_verdict.txt",
     "ПРИГОВОР\nИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ\n14 марта 2024 года\nДело № 1-234/2024\n"
     "Суд Заречного района г. Минска рассмотрел в порядке специального производства "
     "уголовное дело в отношении Иванова Сергея Николаевича, 12 мая 1986 года рождения, "
     "обвиняемого по ч. 1 ст. 342 УК.\nПРИГОВОРИЛ: Иванова С.Н. признать виновным.\n"},
    {"a_notice.txt",
     "ПАВЕДАМЛЕННЕ\nКрымінальная справа па абвінавачванні па арт. 342 КК накіравана ў суд у "
     "парадку спецыяльнай вытворчасці.\nАбвінавачаны Іваноў Сяргей Мікалаевіч.\n"},
    {"a_letter.txt",
     "Dear colleagues,\nplease find the documents on Siarhei Ivanou, tried in absentia.\n"
     "Regards\n"},
    {"b_verdict.txt",
     "ПРИГОВОР\nименем Республики Беларусь\n2 апреля 2023 года\nДело № 1-77/2023\n"
     "Минский городской суд рассмотрел уголовное дело в отношении Ковальчук Анны Петровны, "
     "обвиняемой по ст. 361-1 УК.\n"},
    {"b_notice.txt",
     "ПАВЕДАМЛЕННЕ\nАбвінавачаная Кавальчук Ганна Пятроўна паведамляецца аб накіраванні "
     "справы ў суд.\n"},
    {"b_letter.txt", "Dear all,\nthe case of Hanna Kavalchuk was heard on 2 April 2023.\n"},
    {"c_verdict.txt",
     "ПРИГОВОР\nименем Республики Беларусь\nДело № 1-9/2022\nв отношении Лукашевича Дмитрия "
     "Олеговича, обвиняемого по ч. 3 ст. 130 УК.\n"},
    {"c_notice.txt", "ПАВЕДАМЛЕННЕ\nАбвінавачаны Лукашэвіч Дзмітрый Алегавіч.\n"},
    {"c_letter.txt", "Dear friends,\nDzmitry Lukashevich asks for help.\n"},
    {"d_protocol.txt",
     "ПРОТОКОЛ допроса свидетеля Иваненко Серафима Петровича и свидетеля Ковальчика "
     "Андрея. Свидетель из Лукашей.\n"},
};

/* The spellings asked for, and the person whose papers they must find. */
static const struct {
    const char *query;
    char person;
} spellings[] = {
    {"Siarhei Ivanou", 'a'},     {"Иванов Сергей", 'a'},       {"Іваноў Сяргей", 'a'},
    {"Иванова Сергея", 'a'},     {"Sergey Ivanov", 'a'},       {"Siarhiej Ivanoŭ", 'a'},
    {"Hanna Kavalchuk", 'b'},    {"Анна Ковальчук", 'b'},      {"Ганна Кавальчук", 'b'},
    {"Anna Kovalchuk", 'b'},     {"Dzmitry Lukashevich", 'c'}, {"Дмитрий Лукашевич", 'c'},
    {"Дзмітрый Лукашэвіч", 'c'}, {"Dmitriy Lukashevich", 'c'},
};

/* found_persons - the first letters of the hits' file names, sorted */
static char *found_persons(json_object *r)
{
    json_object *hits = NULL;
    ck_assert(json_object_object_get_ex(r, "hits", &hits));
    size_t n = json_object_array_length(hits);
    char *s = xcalloc(n + 1, 1);
    for (size_t i = 0; i < n; i++)
        s[i] = it_get_str(json_object_array_get_idx(hits, i), "name")[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (s[j] < s[i]) {
                char c = s[i];
                s[i] = s[j];
                s[j] = c;
            }
    return s;
}

START_TEST(every_spelling_finds_its_person)
{
    char *dir = tu_tempdir("itest-names");
    char *folder = tu_path(dir, "case"), *data = tu_path(dir, "data");
    ck_assert_int_eq(mkdir(folder, 0755), 0);
    for (size_t i = 0; i < sizeof papers / sizeof *papers; i++) {
        char *path = tu_path(folder, papers[i].file);
        tu_write(path, papers[i].text, strlen(papers[i].text));
        free(path);
    }
    char *argv0 = getenv("DOKAZ_BIN");
    const char *ingest[] = {argv0, "ingest", "--data", data, folder, NULL};
    ck_assert_int_eq(tu_run((char *const *)ingest, NULL), 0);

    for (size_t i = 0; i < sizeof spellings / sizeof *spellings; i++) {
        json_object *r = it_search(data, spellings[i].query);
        char *got = found_persons(r);
        char want[4] = {spellings[i].person, spellings[i].person, spellings[i].person, '\0'};
        ck_assert_msg(strcmp(got, want) == 0, "%s found the papers of \"%s\"", spellings[i].query,
                      got);
        free(got);
        json_object_put(r);
    }

    /* Fields and a filter. */
    json_object *r = it_search(data, "case:1-234/2024");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);
    r = it_search(data, "article:342");
    ck_assert_int_eq(it_get_int(r, "total"), 2);
    json_object_put(r);
    const char *filtered[] = {"search",       "--data",         data, "--json", "--filter",
                              "type=verdict", "Siarhei Ivanou", NULL};
    r = it_dokaz_json(0, filtered);
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);

    /* The batch: one line per person, a CSV row per document. */
    char *list = tu_path(dir, "names.txt"), *csv = tu_path(dir, "out.csv");
    const char names[] = "Siarhei Ivanou\nKavalchuk, Hanna\n# a comment\nNobody Atall\n";
    tu_write(list, names, sizeof names - 1);
    const char *batch[] = {argv0, "batch", "--data", data, list, "--csv", csv, NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)batch, &out), 0);
    ck_assert_msg(strstr(out, "1. Siarhei Ivanou: 3 files") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "3. Nobody Atall: 0 files") != NULL, "%s", out);
    char *table = tu_read(csv, NULL);
    ck_assert_ptr_nonnull(table);
    ck_assert_msg(strstr(table, "1,\"Siarhei Ivanou\",3,") != NULL, "%s", table);
    ck_assert_msg(strstr(table, "\"a_verdict.txt\",1,\"1-234/2024\",\"verdict\"") != NULL, "%s",
                  table);
    ck_assert_msg(strstr(table, "\n3,\"Nobody Atall\",0,") != NULL, "%s", table);
    free(table);
    free(out);

    tu_rmtree(dir);
    free(list);
    free(csv);
    free(folder);
    free(data);
    free(dir);
}
END_TEST

/* names_suite - the one test */
static Suite *names_suite(void)
{
    Suite *s = suite_create("integration-names");
    TCase *tc = tcase_create("names");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, every_spelling_finds_its_person);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(names_suite());
}
