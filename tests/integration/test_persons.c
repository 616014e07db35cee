/*
 * test_persons.c - the real `dokaz ingest`, `dokaz search --json` and `dokaz
 * batch` on papers that name one person among others: a protocol listing
 * her beside another attesting witness, a verdict in the genitive, a
 * Belarusian summons in the dative, and two namesakes' papers (a man with
 * her surname, and one with her surname and other initials). Every spelling
 * of her name and its initials form finds exactly her three papers as exact
 * hits and the namesakes as possible ones; her neighbour's given name with
 * her surname finds no one; a batch line counts the exact hits and, apart,
 * the possible ones.
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The papers: hers start with 'm', the namesakes' with 'n', the rest 'x'. */
static const struct {
    const char *file, *text;
} papers[] = {
    {"m_list.txt", "ПРОТОКОЛ обыска\nв присутствии понятых: Новикова Юлия Сергеевна, Макарова "
                   "Светлана Петровна, произведён обыск.\n"},
    {"m_verdict.txt",
     "ПРИГОВОР\nименем Республики Беларусь\nв отношении Макаровой Светланы\nПетровны, "
     "обвиняемой по ч. 1 ст. 342 УК.\n"},
    {"m_summons.txt",
     "ПАВЕСТКА\nМакаравай Святлане Пятроўне прапануецца з'явіцца ў суд Фрунзенскага раёна.\n"},
    {"n_brother.txt", "ПРОТОКОЛ допроса\nсвидетель Макаров Игорь Петрович пояснил, что не "
                      "видел сестру с 2020 года.\n"},
    {"n_initials.txt", "ПОСТАНОВЛЕНИЕ\nпоручить следователю Макарову А.И. провести обыск.\n"},
    {"x_other.txt", "ПРОТОКОЛ допроса\nсвидетель Юлия Новикова пояснила, что ничего не видела.\n"},
};

/* Her name as a user may type it. */
static const char *const spellings[] = {
    "Макарова Светлана",  "Светлана Макарова",
    "Макарава Святлана",  "Sviatlana Makarava",
    "Śviatlana Makarava", "Svetlana Makarova",
    "Swietłana Makarowa", "Макарова С.П.",
    "С.П. Макарова",      "name:\"Макарова Светлана Петровна\"",
};

/* by_byte - qsort's order of two bytes */
static int by_byte(const void *a, const void *b)
{
    return *(const char *)a - *(const char *)b;
}

/* letters - the first letters of the hits' file names that matched as
 * match says, sorted (malloc'd) */
static char *letters(json_object *r, const char *match)
{
    json_object *hits = NULL;
    ck_assert(json_object_object_get_ex(r, "hits", &hits));
    size_t n = json_object_array_length(hits), k = 0;
    char *s = xcalloc(n + 1, 1);
    for (size_t i = 0; i < n; i++) {
        json_object *h = json_object_array_get_idx(hits, i);
        const char *m = it_get_str(h, "match"); /* NULL from a dokaz without matches */
        if (m != NULL && strcmp(m, match) == 0)
            s[k++] = it_get_str(h, "name")[0];
    }
    qsort(s, k, 1, by_byte);
    return s;
}

/* ask - the exact and possible letters of a query, checked against want */
static void ask(const char *data, const char *query, const char *exact, const char *possible)
{
    json_object *r = it_search(data, query);
    char *e = letters(r, "exact"), *p = letters(r, "possible");
    ck_assert_msg(strcmp(e, exact) == 0 && strcmp(p, possible) == 0,
                  "%s: exact %s, possible %s (want %s and %s)", query, e, p, exact, possible);
    ck_assert_int_eq(it_get_int(r, "total"), (long)strlen(exact));
    ck_assert_int_eq(it_get_int(r, "possible_total"), (long)strlen(possible));
    free(e);
    free(p);
    json_object_put(r);
}

/* batch_counts - a batch line counts her exact hits and, apart, the
 * possible ones, in its text and in the CSV */
static void batch_counts(const char *dir, const char *data)
{
    char *list = tu_path(dir, "names.txt"), *csv = tu_path(dir, "out.csv"), *out = NULL;
    const char names[] = "Makarava, Sviatlana\nЮлия Макарова\n";
    tu_write(list, names, sizeof names - 1);
    const char *batch[] = {getenv("DOKAZ_BIN"), "batch", "--data", data, list, "--csv", csv, NULL};
    ck_assert_int_eq(tu_run((char *const *)batch, &out), 0);
    ck_assert_msg(strstr(out, "1. Makarava Sviatlana: 3 files (and 2 possible matches)") != NULL,
                  "%s", out);
    ck_assert_msg(strstr(out, "2. Юлия Макарова: 0 files (and 5 possible matches)") != NULL, "%s",
                  out);
    char *table = tu_read(csv, NULL);
    ck_assert_ptr_nonnull(table);
    ck_assert_msg(strstr(table, "\n1,\"Makarava Sviatlana\",3,2,1,") != NULL, "%s", table);
    ck_assert_msg(strstr(table, "\n2,\"Юлия Макарова\",0,5,,") != NULL, "%s", table);
    free(table);
    free(out);
    free(csv);
    free(list);
}

START_TEST(her_papers_exact_namesakes_possible)
{
    char *dir = tu_tempdir("itest-persons");
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

    for (size_t i = 0; i < sizeof spellings / sizeof *spellings; i++)
        ask(data, spellings[i], "mmm", "nn");
    /* Her neighbour's given name with her surname: nobody; Юлия Новикова twice. */
    ask(data, "Юлия Макарова", "", "mmmnn");
    ask(data, "Юлия Новикова", "mx", "");
    /* The man: his paper, and hers as possible (a sister, perhaps). */
    ask(data, "Макаров Игорь", "n", "mmmn");

    batch_counts(dir, data);
    tu_rmtree(dir);
    free(folder);
    free(data);
    free(dir);
}
END_TEST

/* persons_suite - the one test */
static Suite *persons_suite(void)
{
    Suite *s = suite_create("integration-persons");
    TCase *tc = tcase_create("persons");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, her_papers_exact_namesakes_possible);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(persons_suite());
}
