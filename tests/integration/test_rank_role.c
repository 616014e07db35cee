/*
 * test_rank_role.c - the real `dokaz ingest` and `dokaz search --json` on
 * three papers that name Сергей Иванов: one makes him the accused, one
 * names him as a witness in another man's case (whose accused is also a
 * Сергей: an accused word key of the query's given name), one names him in
 * passing, more often. The paper about him as the accused ranks first, and
 * each hit says his role there ("role": accused, witness, none).
 */
#include "itest.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The papers. */
static const struct {
    const char *file, *text, *role; /* role: his, as the hit must say; NULL: none */
} papers[] = {
    {"accused.txt",
     "ИЗВЕЩЕНИЕ\nУголовное дело № 1-5/2024 в отношении обвиняемого Иванова Сергея "
     "направлено в суд.\n",
     "accused"},
    {"witness.txt",
     "ПРОТОКОЛ\nпо уголовному делу в отношении обвиняемого Петрова Сергея допрошен "
     "свидетель Иванов Сергей, который пояснил, что Иванов Сергей был на работе.\n",
     "witness"},
    {"passing.txt",
     "Письмо\nНа собрании выступили Иванов Сергей и Орлова Анна. Затем Иванов Сергей "
     "ответил на вопросы, и Иванов Сергей ушёл.\n",
     NULL},
};

START_TEST(the_accused_first_and_roles_shown)
{
    char *dir = tu_tempdir("itest-rank");
    char *folder = tu_path(dir, "in"), *data = tu_path(dir, "data");
    ck_assert_int_eq(mkdir(folder, 0755), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(papers); i++) {
        char *path = tu_path(folder, papers[i].file);
        tu_write(path, papers[i].text, strlen(papers[i].text));
        free(path);
    }
    const char *bin = getenv("DOKAZ_BIN");
    const char *ingest[] = {bin, "ingest", "--data", data, folder, NULL};
    ck_assert_int_eq(tu_run((char *const *)ingest, NULL), 0);

    const char *queries[] = {"Иванов Сергей", "Siarhei Ivanou"};
    for (size_t q = 0; q < G_N_ELEMENTS(queries); q++) {
        json_object *r = it_search(data, queries[q]);
        json_object *hits = json_object_object_get(r, "hits");
        ck_assert_uint_eq(json_object_array_length(hits), 3);
        ck_assert_str_eq(it_get_str(json_object_array_get_idx(hits, 0), "name"), "accused.txt");
        for (size_t i = 0; i < 3; i++) {
            json_object *h = json_object_array_get_idx(hits, i), *role = NULL;
            const char *name = it_get_str(h, "name"), *want = NULL;
            for (size_t k = 0; k < G_N_ELEMENTS(papers); k++)
                if (strcmp(papers[k].file, name) == 0)
                    want = papers[k].role;
            json_object_object_get_ex(h, "role", &role);
            if (want == NULL)
                ck_assert_msg(role == NULL, "%s: role %s", name, json_object_get_string(role));
            else
                ck_assert_msg(role && strcmp(json_object_get_string(role), want) == 0,
                              "%s: role %s, not %s", name,
                              role ? json_object_get_string(role) : "none", want);
        }
        json_object_put(r);
    }

    /* The terminal says it too. */
    const char *search[] = {bin, "search", "--data", data, "Иванов Сергей", NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)search, &out), 0);
    ck_assert_ptr_nonnull(strstr(out, "role: accused"));
    ck_assert_ptr_nonnull(strstr(out, "role: witness"));
    free(out);

    tu_rmtree(dir);
    free(folder);
    free(data);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("integration-rank-role");
    TCase *tc = tcase_create("rank");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, the_accused_first_and_roles_shown);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
