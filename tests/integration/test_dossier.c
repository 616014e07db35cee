/*
 * test_dossier.c - the real `dokaz ingest`, `dokaz persons --json` and
 * `dokaz person --json` on five papers about one man in three spellings:
 * an investigator's summons naming only the investigators' case number, a
 * notice, a Belarusian summons in the dative and a verdict naming both the
 * court's and the investigators' number (so all four are one case),
 * and a seizure ruling of another case in passport Latin, with a namesake's
 * protocol (another birth date) and the verdict's judge beside them. His
 * dossier holds both cases with the right documents in date order and his
 * role in each, and the sentence from the verdict; the namesake is another
 * person; the judge is an official. Then, through the CLI: his dossier as
 * CSV, an export package of his documents, a split of the ruling's mention
 * that takes the second case away (kept after `dokaz reindex`), and a merge
 * that gives it back.
 */
#include "itest.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The papers, named in the order of their dates within each case. */
static const struct {
    const char *file, *text;
} papers[] = {
    {"a0_summons.txt", "ПОВЕСТКА\n5 января 2024 г.\nобвиняемому Иванову Сергею Николаевичу "
                       "явиться на допрос по уголовному делу № 20241500123.\n"},
    {"a_notice.txt", "ИЗВЕЩЕНИЕ\n10 января 2024 г.\nУголовное дело № 1-234/2024 в отношении "
                     "обвиняемого Иванова Сергея Николаевича, 12.03.1986 г.р., проживающего по "
                     "адресу: г. Минск,\nул. Сурганова, д. 2, кв. 14, направлено в "
                     "суд.\nСледователь Бондарь Е.В.\n"},
    {"b_summons.txt", "ПАВЕСТКА\n15 лютага 2024 г.\nІванову Сяргею Мікалаевічу прапануецца "
                      "з'явіцца ў суд па справе № 1-234/2024.\n"},
    {"c_verdict.txt",
     "ПРИГОВОР\nименем Республики Беларусь\n12 марта 2024 года суд в составе "
     "председательствующего судьи Петрова И.И. рассмотрел уголовное дело "
     "№ 1-234/2024 (следственный № 20241500123) в отношении Иванова Сергея "
     "Николаевича, 12.03.1986 года "
     "рождения, уроженца г. Гомеля, зарегистрированного по адресу: г. Минск, "
     "ул. Ленина, д. 5, кв. 12.\nПРИГОВОРИЛ: Иванова С.Н. признать виновным и назначить "
     "наказание в виде лишения свободы сроком на 5 лет с отбыванием в "
     "исправительной колонии общего режима.\n"},
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

/* check_places - his birthplace from the verdict, his addresses from the
 * notice (over a line break) and the verdict, each with its document (the
 * notice is first[1], the verdict first[3]) */
static void check_places(json_object *him, json_object *first)
{
    json_object *born = json_object_object_get(him, "born_place");
    json_object *addresses = json_object_object_get(him, "addresses");
    ck_assert_ptr_nonnull(born);
    ck_assert_str_eq(it_get_str(born, "place"), "г. Гомеля");
    ck_assert_str_eq(it_get_str(born, "sha256"), str_at(first, 3, "sha256"));
    ck_assert_uint_eq(json_object_array_length(addresses), 2);
    for (size_t i = 0; i < 2; i++) {
        json_object *a = json_object_array_get_idx(addresses, i);
        int notice = strcmp(it_get_str(a, "sha256"), str_at(first, 1, "sha256")) == 0;
        ck_assert_str_eq(it_get_str(a, "address"), notice ? "г. Минск, ул. Сурганова, д. 2, кв. 14"
                                                          : "г. Минск, ул. Ленина, д. 5, кв. 12");
        ck_assert_str_eq(it_get_str(a, "sha256"), str_at(first, notice ? 1 : 3, "sha256"));
    }
}

/* check_dossier - his cases and documents, in order, with his roles */
static void check_dossier(json_object *him)
{
    json_object *cases = json_object_object_get(him, "cases");
    ck_assert_str_eq(it_get_str(him, "born"), "1986-03-12");
    ck_assert_uint_eq(json_object_array_length(cases), 2);
    ck_assert_str_eq(str_at(cases, 0, "case"), "1-234/2024 / 20241500123");
    ck_assert_str_eq(str_at(cases, 1, "case"), "1-99/2025");
    json_object *first = json_object_object_get(json_object_array_get_idx(cases, 0), "documents");
    const char *files[] = {"a0_summons.txt", "a_notice.txt", "b_summons.txt", "c_verdict.txt"};
    const char *types[] = {"summons", "notice", "summons", "verdict"};
    const char *dates[] = {"2024-01-05", "2024-01-10", "2024-02-15", "2024-03-12"};
    ck_assert_uint_eq(json_object_array_length(first), 4);
    for (size_t i = 0; i < 4; i++) {
        ck_assert_str_eq(str_at(first, i, "name"), files[i]);
        ck_assert_str_eq(str_at(first, i, "type"), types[i]);
        ck_assert_str_eq(str_at(first, i, "date"), dates[i]);
        ck_assert_int_eq(json_object_array_length(
                             json_object_object_get(json_object_array_get_idx(first, i), "pages")),
                         1);
    }
    ck_assert_str_eq(str_at(first, 0, "role"), "accused");
    ck_assert_str_eq(str_at(first, 1, "role"), "accused");
    ck_assert_str_eq(str_at(first, 3, "role"), "accused");
    ck_assert_ptr_null(json_object_object_get(json_object_array_get_idx(first, 1), "decision"));
    ck_assert_str_eq(json_object_to_json_string_ext(
                         json_object_object_get(json_object_array_get_idx(first, 3), "decision"),
                         JSON_C_TO_STRING_PLAIN),
                     "{\"prison_years\":5,\"regime\":\"general\"}");
    json_object *second = json_object_object_get(json_object_array_get_idx(cases, 1), "documents");
    ck_assert_uint_eq(json_object_array_length(second), 1);
    ck_assert_str_eq(str_at(second, 0, "name"), "d_ruling.txt");
    ck_assert_str_eq(str_at(second, 0, "type"), "ruling");
    check_places(him, first);
}

/* dossier_of - `dokaz person --json QUERY`'s first person (put the result) */
static json_object *dossier_of(const char *data, const char *query, json_object **result)
{
    const char *person[] = {"person", "--data", data, "--json", query, NULL};
    *result = it_dokaz_json(0, person);
    return json_object_array_get_idx(json_object_object_get(*result, "persons"), 0);
}

/* case_count - the number of cases of the person with this id */
static size_t case_count(const char *data, const char *id)
{
    json_object *r, *p = dossier_of(data, id, &r);
    ck_assert_str_eq(it_get_str(p, "id"), id);
    size_t n = json_object_array_length(json_object_object_get(p, "cases"));
    json_object_put(r);
    return n;
}

/* check_csv - his dossier as CSV: a header and a row per document, CRLF,
 * the verdict's row with its sentence, the ruling's with the seizure */
static void check_csv(const char *data, const char *dir, const char *id)
{
    char *csv = tu_path(dir, "him.csv");
    const char *args[] = {getenv("DOKAZ_BIN"), "person", "--data", data, "--csv", csv, id, NULL};
    ck_assert_int_eq(tu_run((char *const *)args, NULL), 0);
    char *text = tu_read(csv, NULL);
    char **rows = g_strsplit(text, "\r\n", -1);
    ck_assert_uint_eq(g_strv_length(rows), 7); /* header, 5 documents, "" after the last */
    ck_assert_str_eq(rows[0],
                     "case,date,type,court,role,decision,sha256,name,pages,born_place,addresses");
    ck_assert_msg(g_str_has_prefix(rows[4], "\"1-234/2024 / 20241500123\",\"2024-03-12\","
                                            "\"verdict\",\"\",\"accused\","
                                            "\"prison 5 y 0 m, general regime\","),
                  "%s", rows[4]);
    ck_assert_msg(g_str_has_suffix(rows[4], "\"c_verdict.txt\",\"1\",\"г. Гомеля\","
                                            "\"г. Минск, ул. Ленина, д. 5, кв. 12\""),
                  "%s", rows[4]);
    ck_assert_msg(g_str_has_prefix(rows[1], "\"1-234/2024 / 20241500123\",\"2024-01-05\","
                                            "\"summons\""),
                  "%s", rows[1]);
    ck_assert_msg(g_str_has_prefix(rows[5], "\"1-99/2025\""), "%s", rows[5]);
    ck_assert_msg(strstr(rows[5], ",\"property seized\",") != NULL, "%s", rows[5]);
    g_strfreev(rows);
    free(text);
    free(csv);
}

/* check_export - a package of his five documents with his dossier */
static void check_export(const char *data, const char *dir, const char *id)
{
    char *out = tu_path(dir, "package");
    const char *args[] = {"export", "--data", data, "--out", out, "--json", "--person", id, NULL};
    json_object *r = it_dokaz_json(0, args);
    ck_assert_int_eq(it_get_int(r, "items"), 5);
    json_object_put(r);
    char *selection = tu_path(out, "selection.json");
    json_object *dossier = json_object_from_file(selection);
    ck_assert_ptr_nonnull(dossier);
    ck_assert_str_eq(
        it_get_str(json_object_array_get_idx(json_object_object_get(dossier, "persons"), 0), "id"),
        id);
    json_object_put(dossier);
    free(selection);
    free(out);
}

/* ruling_mentions - the ids of his mentions in the ruling, as split takes
 * them (g_strfreev) */
static char **ruling_mentions(const char *data, const char *id)
{
    json_object *r, *p = dossier_of(data, id, &r);
    json_object *docs = json_object_object_get(
        json_object_array_get_idx(json_object_object_get(p, "cases"), 1), "documents");
    ck_assert_str_eq(str_at(docs, 0, "name"), "d_ruling.txt");
    json_object *ms = json_object_object_get(json_object_array_get_idx(docs, 0), "mention_ids");
    GPtrArray *ids = g_ptr_array_new();
    for (size_t i = 0; i < json_object_array_length(ms); i++)
        g_ptr_array_add(ids, g_strdup(json_object_get_string(json_object_array_get_idx(ms, i))));
    ck_assert_uint_ge(ids->len, 1);
    g_ptr_array_add(ids, NULL);
    json_object_put(r);
    return (char **)g_ptr_array_free(ids, FALSE);
}

/* split_and_merge - the ruling split off him is another person, also after
 * re-indexing; merged back, his dossier is whole again */
static void split_and_merge(const char *data, const char *id)
{
    const char *bin = getenv("DOKAZ_BIN");
    char **mentions = ruling_mentions(data, id);
    GPtrArray *args = g_ptr_array_new();
    const char *head[] = {bin, "person", "--data", data, "split", id};
    for (size_t i = 0; i < G_N_ELEMENTS(head); i++)
        g_ptr_array_add(args, (gpointer)head[i]);
    for (char **m = mentions; *m; m++)
        g_ptr_array_add(args, *m);
    g_ptr_array_add(args, NULL);
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)args->pdata, &out), 0);
    char *colon = strstr(out, ": ");
    ck_assert_msg(colon != NULL, "%s", out);
    char *other = g_strndup(colon + 2, 12);
    ck_assert_uint_eq(case_count(data, id), 1);
    ck_assert_uint_eq(case_count(data, other), 1);
    const char *reindex[] = {bin, "reindex", "--data", data, NULL};
    ck_assert_int_eq(tu_run((char *const *)reindex, NULL), 0);
    ck_assert_uint_eq(case_count(data, id), 1);
    const char *merge[] = {bin, "person", "--data", data, "merge", id, other, NULL};
    ck_assert_int_eq(tu_run((char *const *)merge, NULL), 0);
    ck_assert_uint_eq(case_count(data, id), 2);
    char *audit = tu_path(data, "audit.log"), *log = tu_read(audit, NULL);
    ck_assert_ptr_nonnull(strstr(log, "\"event\":\"persons-split\""));
    ck_assert_ptr_nonnull(strstr(log, "\"event\":\"persons-merged\""));
    free(log);
    free(audit);
    g_free(other);
    free(out);
    g_ptr_array_free(args, TRUE);
    g_strfreev(mentions);
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

    /* The list: him with five documents, the namesake apart, the judge an official. */
    const char *all[] = {"persons", "--data", data, "--json", NULL};
    json_object *r = it_dokaz_json(0, all);
    json_object *list = json_object_object_get(r, "persons");
    json_object *him = json_object_array_get_idx(list, 0);
    ck_assert_int_eq(it_get_int(him, "documents"), 5);
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

    json_object *d = NULL;
    char *id = g_strdup(it_get_str(dossier_of(data, "Иванов Сергей Николаевич", &d), "id"));
    json_object_put(d);
    check_csv(data, dir, id);
    check_export(data, dir, id);
    split_and_merge(data, id);
    g_free(id);

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
