/*
 * test_dossier.c - the real `dokaz ingest`, `dokaz persons --json` and
 * `dokaz person --json` on four papers about one man in three spellings:
 * a notice, a Belarusian summons in the dative and a verdict of one case,
 * and a seizure ruling of another case in passport Latin, with a namesake's
 * protocol (another birth date) and the verdict's judge beside them. His
 * dossier holds both cases with the right documents in date order and his
 * role in each; the namesake is another person; the judge is an official.
 */
#include "itest.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The papers, named in the order of their dates within each case. */
static const struct {
    const char *file, *text;
} papers[] = {
    {"a_notice.txt", "ИЗВЕЩЕНИЕ\n10 января 2024 г.\nУголовное дело № 1-234/2024 в отношении "
                     "обвиняемого Иванова Сергея Николаевича, 12.03.1986 г.р., направлено в "
                     "суд.\nСледователь Бондарь Е.В.\n"},
    {"b_summons.txt", "ПАВЕСТКА\n15 лютага 2024 г.\nІванову Сяргею Мікалаевічу прапануецца "
                      "з'явіцца ў суд па справе № 1-234/2024.\n"},
    {"c_verdict.txt", "ПРИГОВОР\nименем Республики Беларусь\n12 марта 2024 года суд в составе "
                      "председательствующего судьи Петрова И.И. рассмотрел уголовное дело "
                      "№ 1-234/2024 в отношении Иванова Сергея Николаевича, 12.03.1986 года "
                      "рождения.\nПРИГОВОРИЛ: Иванова С.Н. признать виновным и назначить "
                      "наказание в виде лишения свободы сроком на 5 лет.\n"},
    {"d_ruling.txt", "ПОСТАНОВЛЕНИЕ\n20 мая 2025 г.\nпо уголовному делу № 1-99/2025 в отношении "
                     "Siarhei Ivanou, born 12.03.1986, наложить арест на имущество.\n"},
    {"x_namesake.txt", "ПРОТОКОЛ допроса\n3 апреля 2024 г.\nсвидетель Иванов Сергей Николаевич, "
                       "1990 г.р., пояснил, что ничего не видел.\n"},
};

/* str_at - the string member key of the i-th element of array a */
static const char *str_at(json_object *a, size_t i, const char *key)
{
    return it_get_str(json_object_array_get_idx(a, i), key);
}

/* check_dossier - his cases and documents, in order, with his roles */
static void check_dossier(json_object *him)
{
    json_object *cases = json_object_object_get(him, "cases");
    ck_assert_str_eq(it_get_str(him, "born"), "1986-03-12");
    ck_assert_uint_eq(json_object_array_length(cases), 2);
    ck_assert_str_eq(str_at(cases, 0, "case"), "1-234/2024");
    ck_assert_str_eq(str_at(cases, 1, "case"), "1-99/2025");
    json_object *first = json_object_object_get(json_object_array_get_idx(cases, 0), "documents");
    const char *files[] = {"a_notice.txt", "b_summons.txt", "c_verdict.txt"};
    const char *types[] = {"notice", "summons", "verdict"};
    const char *dates[] = {"2024-01-10", "2024-02-15", "2024-03-12"};
    ck_assert_uint_eq(json_object_array_length(first), 3);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_str_eq(str_at(first, i, "name"), files[i]);
        ck_assert_str_eq(str_at(first, i, "type"), types[i]);
        ck_assert_str_eq(str_at(first, i, "date"), dates[i]);
        ck_assert_int_eq(json_object_array_length(
                             json_object_object_get(json_object_array_get_idx(first, i), "pages")),
                         1);
    }
    ck_assert_str_eq(str_at(first, 0, "role"), "accused");
    ck_assert_str_eq(str_at(first, 2, "role"), "accused");
    json_object *second = json_object_object_get(json_object_array_get_idx(cases, 1), "documents");
    ck_assert_uint_eq(json_object_array_length(second), 1);
    ck_assert_str_eq(str_at(second, 0, "name"), "d_ruling.txt");
    ck_assert_str_eq(str_at(second, 0, "type"), "ruling");
}

START_TEST(one_man_two_cases)
{
    char *dir = tu_tempdir("itest-dossier");
    char *folder = tu_path(dir, "case"), *data = tu_path(dir, "data");
    ck_assert_int_eq(mkdir(folder, 0755), 0);
    for (size_t i = 0; i < sizeof papers / sizeof *papers; i++) {
        char *path = tu_path(folder, papers[i].file);
        tu_write(path, papers[i].text, strlen(papers[i].text));
        free(path);
    }
    const char *bin = getenv("DOKAZ_BIN");
    const char *ingest[] = {bin, "ingest", "--data", data, folder, NULL};
    ck_assert_int_eq(tu_run((char *const *)ingest, NULL), 0);

    /* Each spelling finds him first, with both cases. */
    const char *queries[] = {"Иванов Сергей Николаевич", "Ivanou Siarhei", "Іваноў С.М."};
    for (size_t q = 0; q < 3; q++) {
        const char *person[] = {"person", "--data", data, "--json", queries[q], NULL};
        json_object *r = it_dokaz_json(0, person);
        json_object *list = json_object_object_get(r, "persons");
        ck_assert_msg(json_object_array_length(list) >= 1, "%s: nobody", queries[q]);
        check_dossier(json_object_array_get_idx(list, 0));
        json_object_put(r);
    }

    /* The list: him with four documents, the namesake apart, the judge an official. */
    const char *all[] = {"persons", "--data", data, "--json", NULL};
    json_object *r = it_dokaz_json(0, all);
    json_object *list = json_object_object_get(r, "persons");
    json_object *him = json_object_array_get_idx(list, 0);
    ck_assert_int_eq(it_get_int(him, "documents"), 4);
    ck_assert_uint_eq(json_object_array_length(json_object_object_get(him, "cases")), 2);
    ck_assert_uint_ge(json_object_array_length(json_object_object_get(him, "names")), 3);
    int namesake = 0;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *born = NULL;
        json_object_object_get_ex(json_object_array_get_idx(list, i), "born", &born);
        namesake += born != NULL && strcmp(json_object_get_string(born), "1990") == 0;
    }
    ck_assert_int_eq(namesake, 1);
    json_object_put(r);
    const char *officials[] = {"persons", "--data", data, "--json", "--role", "official", NULL};
    r = it_dokaz_json(0, officials);
    list = json_object_object_get(r, "persons");
    ck_assert_uint_eq(json_object_array_length(list), 2); /* the judge and the investigator */
    json_object_put(r);

    tu_rmtree(dir);
    free(folder);
    free(data);
    free(dir);
}
END_TEST

/* dossier_suite - the one test */
static Suite *dossier_suite(void)
{
    Suite *s = suite_create("integration-dossier");
    TCase *tc = tcase_create("dossier");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, one_man_two_cases);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(dossier_suite());
}
