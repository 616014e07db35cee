/*
 * test_persons.c - persons joined across documents from real records on
 * disk (written with record/ and ingest/'s queue as the worker leaves
 * them): namesakes with other birth dates stay apart, a different
 * patronymic where both are written is another person, initials join the
 * only person they can be (or the one of the same case), also where OCR
 * read a Cyrillic initial as a Latin letter, or typed the initials of two
 * scripts' forms of one given name (О. and А.), a verb opening a line is
 * no one, the role filter and the court, article and year filters,
 * a query by name or id finds the dossier with its documents in date
 * order under their cases with what the verdict decides, case numbers one
 * paper names together joined into one case across papers (a list of cases
 * joins none), a user's merge and split outlast
 * re-indexing and re-clustering, also one after the other, and a
 * document's persons are those its page lists, also after a merge.
 */
#include "persons/persons.h"
#include "derive/derive.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* The papers: file name and text. */
static const struct {
    const char *name, *text;
} papers[] = {
    {"a.txt", "ИЗВЕЩЕНИЕ 10.01.2024 по делу № 1-11/2024 по ч.1 ст.342 УК в отношении "
              "обвиняемого Иванова Сергея Николаевича, 12.03.1986 г.р."},
    {"b.txt", "ПРОТОКОЛ 05.02.2024 свидетель Иванов Сергей Николаевич, 05.06.1970 г.р., пояснил"},
    {"c.txt", "ПОВЕСТКА 01.02.2024 по делу № 1-11/2024 Иванову С.Н. явиться в суд"},
    {"d.txt", "ПРИГОВОР 12.03.2024 по делу № 1-11/2024 председательствующий судья Петров Павел "
              "Петрович, в отношении Иванова С.Н. к 3 годам лишения свободы в исправительной "
              "колонии общего режима"},
    {"e.txt", "ПОСТАНОВЛЕНИЕ 20.05.2024 Минский городской суд по делу № 1-22/2024 судья Петров "
              "П.П.; свидетель Сидоров Андрей Иванович"},
    {"f.txt", "ПРОТОКОЛ 21.05.2024 свидетель Сидоров Андрей Петрович пояснил"},
    {"g.txt", "ПРОТОКОЛ 22.05.2024 адвокат Кузьмич Владимир Александрович"},
    {"h.txt", "ПРОТОКОЛ 23.05.2024 защитник Кузьмич B.A."}, /* OCR: a Latin B */
    /* a judge by initials in Russian and in Belarusian (Оксана, Аксана),
     * a namesake of other initials, and a verb that is no one */
    {"i.txt", "ПРИГОВОР 01.06.2024 по делу № 1-33/2024 председательствующий судья Климович О.В."},
    {"j.txt", "ПРЫСУД 02.06.2024 па справе № 1-33/2024 старшынствуючы суддзя Клімовіч А.В."},
    {"k.txt", "ПОСТАНОВЛЕНИЕ 03.06.2024 по делу № 1-44/2024 следователь Климович Т.В."},
    {"l.txt", "ПОСТАНОВЛЕНИЕ 04.06.2024 по делу № 1-44/2024\nСанкционирую: прокурор Мельников "
              "А.В."},
};

static char *data;

/* add_item - one paper as the worker leaves it: reception, record, done */
static void add_item(deriver *d, const char *name, const char *text)
{
    char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1), *err = NULL;
    item_reception rec = {.name = name, .path = name, .size = strlen(text)};
    ck_assert_int_eq(item_reception_add(data, sha, &rec, &err), 0);
    item_result *r = item_result_new(sha);
    derived_page *dp = derive_page(d, text, NULL);
    item_page page = {.number = 1,
                      .text = (char *)text,
                      .confidence = -1,
                      .derived = derived_page_to_json(dp)};
    item_result_add_page(r, &page);
    derived_page_free(dp);
    ck_assert_msg(item_result_save(data, r, &err) == 0, "%s", err ? err : "?");
    item_result_free(r);
    int added = 0;
    ck_assert_int_eq(queue_enqueue(data, sha, &added, &err), 0);
    if (added) /* else it is done already: its record was written again */
        ck_assert_int_eq(queue_move(data, sha, QUEUE_INCOMING, QUEUE_DONE, &err), 0);
    g_free(sha);
}

/* setup - a data directory with the papers */
static void setup(void)
{
    char *err = NULL;
    data = tu_tempdir("persons");
    ck_assert_int_eq(queue_init(data, &err), 0);
    deriver *d = deriver_new(&err);
    ck_assert_ptr_nonnull(d);
    for (size_t i = 0; i < G_N_ELEMENTS(papers); i++)
        add_item(d, papers[i].name, papers[i].text);
    deriver_free(d);
}

/* teardown - remove it */
static void teardown(void)
{
    tu_rmtree(data);
    free(data);
}

/* build - the table of the data directory */
static persons *build(void)
{
    char *err = NULL;
    size_t skipped = 0;
    persons *t = persons_build(data, NULL, &skipped, &err);
    ck_assert_msg(t != NULL, "%s", err ? err : "?");
    ck_assert_uint_eq(skipped, 0);
    return t;
}

/* by_text - g_ptr_array_sort's order of two strings */
static gint by_text(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* listed - the list's persons as "born:names:documents" lines, sorted (g_free) */
static char *listed(json_object *o)
{
    json_object *list = json_object_object_get(o, "persons");
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *p = json_object_array_get_idx(list, i), *born = NULL;
        json_object_object_get_ex(p, "born", &born);
        g_ptr_array_add(
            lines,
            g_strdup_printf("%s:%s:%d", born ? json_object_get_string(born) : "-",
                            json_object_get_string(
                                json_object_array_get_idx(json_object_object_get(p, "names"), 0)),
                            json_object_get_int(json_object_object_get(p, "documents"))));
    }
    g_ptr_array_sort(lines, by_text);
    g_ptr_array_add(lines, NULL);
    char *s = g_strjoinv("\n", (char **)lines->pdata);
    g_ptr_array_free(lines, TRUE);
    return s;
}

/* each person once: namesakes apart, initials joined, other patronymics apart */
START_TEST(joined_and_apart)
{
    persons *t = build();
    json_object *o = persons_list_json(t, NULL);
    char *s = listed(o);
    ck_assert_str_eq(s, "-:Климович О.В.:2\n"
                        "-:Климович Т.В.:1\n"
                        "-:Кузьмич Владимир Александрович:2\n"
                        "-:Мельников А.В.:1\n"
                        "-:Петров Павел Петрович:2\n"
                        "-:Сидоров Андрей Иванович:1\n"
                        "-:Сидоров Андрей Петрович:1\n"
                        "1970-06-05:Иванов Сергей Николаевич:1\n"
                        "1986-03-12:Иванова Сергея Николаевича:3");
    g_free(s);
    json_object_put(o);
    o = persons_list_json(t, "official");
    s = listed(o);
    ck_assert_str_eq(s, "-:Климович О.В.:2\n"
                        "-:Климович Т.В.:1\n"
                        "-:Мельников А.В.:1\n"
                        "-:Петров Павел Петрович:2");
    g_free(s);
    json_object_put(o);
    persons_free(t);
}
END_TEST

/* filtered - the persons the filter lets through, as listed() writes them
 * (g_free) */
static char *filtered(const persons *t, persons_filter f)
{
    char *err = NULL;
    json_object *o = persons_filtered_json(t, &f, &err);
    ck_assert_msg(o != NULL, "%s", err ? err : "?");
    char *s = listed(o);
    json_object_put(o);
    return s;
}

/* the filters: a paper of the court, citing the article, of the year,
 * with the person in the role there */
START_TEST(filters)
{
    persons *t = build();
    char *s = filtered(t, (persons_filter){.court = "Минский городской"});
    ck_assert_str_eq(s, "-:Петров Павел Петрович:2\n-:Сидоров Андрей Иванович:1");
    g_free(s);
    s = filtered(t, (persons_filter){.court = "минского городского", .role = "judge"});
    ck_assert_str_eq(s, "-:Петров Павел Петрович:2");
    g_free(s);
    s = filtered(t, (persons_filter){.court = "Минский", .role = "accused"});
    ck_assert_str_eq(s, "");
    g_free(s);
    s = filtered(t, (persons_filter){.article = "342"});
    ck_assert_str_eq(s, "1986-03-12:Иванова Сергея Николаевича:3");
    g_free(s);
    s = filtered(t, (persons_filter){.article = "ч.1 ст.342", .year = 2024, .role = "accused"});
    ck_assert_str_eq(s, "1986-03-12:Иванова Сергея Николаевича:3");
    g_free(s);
    s = filtered(t, (persons_filter){.article = "342/2"});
    ck_assert_str_eq(s, "");
    g_free(s);
    s = filtered(t, (persons_filter){.year = 2023});
    ck_assert_str_eq(s, "");
    g_free(s);
    s = filtered(t, (persons_filter){.year = 2024, .role = "lawyer"});
    ck_assert_str_eq(s, "-:Кузьмич Владимир Александрович:2");
    g_free(s);
    char *err = NULL;
    ck_assert_ptr_null(persons_filtered_json(t, &(persons_filter){.court = "суд г."}, &err));
    ck_assert_ptr_nonnull(strstr(err, "суд г."));
    free(err);
    err = NULL;
    ck_assert_ptr_null(persons_filtered_json(t, &(persons_filter){.article = "cake"}, &err));
    free(err);
    persons_free(t);
}
END_TEST

/* the dossier: by name (both namesakes, the accused first by his
 * mentions) and by id; documents in date order under their case */
START_TEST(dossier)
{
    persons *t = build();
    json_object *o = persons_dossier_json(t, "Иванов С.Н.");
    json_object *list = json_object_object_get(o, "persons");
    ck_assert_uint_eq(json_object_array_length(list), 2);
    json_object *p = json_object_array_get_idx(list, 0);
    ck_assert_str_eq(json_object_get_string(json_object_object_get(p, "born")), "1986-03-12");
    json_object *cases = json_object_object_get(p, "cases");
    ck_assert_uint_eq(json_object_array_length(cases), 1);
    json_object *c = json_object_array_get_idx(cases, 0);
    ck_assert_str_eq(json_object_get_string(json_object_object_get(c, "case")), "1-11/2024");
    json_object *docs = json_object_object_get(c, "documents");
    const char *order[] = {"a.txt", "c.txt", "d.txt"}, *types[] = {"notice", "summons", "verdict"};
    ck_assert_uint_eq(json_object_array_length(docs), 3);
    for (size_t i = 0; i < 3; i++) {
        json_object *d = json_object_array_get_idx(docs, i);
        ck_assert_str_eq(json_object_get_string(json_object_object_get(d, "name")), order[i]);
        ck_assert_str_eq(json_object_get_string(json_object_object_get(d, "type")), types[i]);
    }
    ck_assert_str_eq(json_object_get_string(
                         json_object_object_get(json_object_array_get_idx(docs, 0), "role")),
                     "accused");
    ck_assert_ptr_null(json_object_object_get(json_object_array_get_idx(docs, 0), "decision"));
    ck_assert_str_eq(json_object_to_json_string_ext(
                         json_object_object_get(json_object_array_get_idx(docs, 2), "decision"),
                         JSON_C_TO_STRING_PLAIN),
                     "{\"prison_years\":3,\"regime\":\"general\"}");
    char *id = g_strdup(json_object_get_string(json_object_object_get(p, "id")));
    json_object_put(o);
    o = persons_dossier_json(t, id);
    list = json_object_object_get(o, "persons");
    ck_assert_uint_eq(json_object_array_length(list), 1);
    ck_assert_str_eq(json_object_get_string(
                         json_object_object_get(json_object_array_get_idx(list, 0), "id")),
                     id);
    json_object_put(o);
    o = persons_dossier_json(t, "Козлов");
    ck_assert_uint_eq(json_object_array_length(json_object_object_get(o, "persons")), 0);
    json_object_put(o);
    g_free(id);
    persons_free(t);
}
END_TEST

/* a judge's dossier: both his cases, his role in each */
START_TEST(official_cases)
{
    persons *t = build();
    json_object *o = persons_dossier_json(t, "petrov");
    json_object *p = json_object_array_get_idx(json_object_object_get(o, "persons"), 0);
    json_object *cases = json_object_object_get(p, "cases");
    ck_assert_uint_eq(json_object_array_length(cases), 2);
    ck_assert_str_eq(json_object_get_string(
                         json_object_object_get(json_object_array_get_idx(cases, 1), "case")),
                     "1-22/2024");
    ck_assert_str_eq(json_object_get_string(
                         json_object_array_get_idx(json_object_object_get(p, "roles"), 0)),
                     "judge");
    json_object_put(o);
    persons_free(t);
}
END_TEST

/* case_names - "case: a.txt b.txt | case: ..." of the first person a
 * query finds (g_free) */
static char *case_names(const persons *t, const char *query)
{
    json_object *o = persons_dossier_json(t, query);
    json_object *p = json_object_array_get_idx(json_object_object_get(o, "persons"), 0);
    json_object *cases = json_object_object_get(p, "cases");
    GString *s = g_string_new(NULL);
    for (size_t c = 0; c < json_object_array_length(cases); c++) {
        json_object *k = json_object_array_get_idx(cases, c);
        json_object *docs = json_object_object_get(k, "documents");
        g_string_append_printf(s, "%s%s:", c ? " | " : "",
                               json_object_get_string(json_object_object_get(k, "case")));
        for (size_t i = 0; i < json_object_array_length(docs); i++)
            g_string_append_printf(s, " %s",
                                   json_object_get_string(
                                       json_object_object_get(json_object_array_get_idx(docs, i),
                                                              "name")));
    }
    json_object_put(o);
    return g_string_free(s, FALSE);
}

/* an investigators' summons with only their number, and a verdict naming
 * both numbers, are one case (also when the verdict is read first); a case
 * of another number stays apart, and a letter listing five cases joins
 * none of them */
START_TEST(cases_joined)
{
    char *err = NULL;
    deriver *d = deriver_new(&err);
    ck_assert_ptr_nonnull(d);
    add_item(d, "s1.txt",
             "ПОВЕСТКА 10.02.2025 по уголовному делу № 20251500077 обвиняемому Новику Юрию "
             "Петровичу явиться к следователю");
    add_item(d, "s0.txt",
             "ПРИГОВОР 12.05.2025 по делу № 1-55/2025 (следственный № 20251500077) в "
             "отношении обвиняемого Новика Юрия Петровича");
    add_item(d, "s2.txt",
             "ПОСТАНОВЛЕНИЕ 20.06.2025 по делу № 1-56/2025 в отношении обвиняемого Новика Юрия "
             "Петровича");
    add_item(d, "s3.txt",
             "ПИСЬМО 01.07.2025 по делам № 1-56/2025, № 1-57/2025, № 1-58/2025, № 1-59/2025, "
             "№ 1-60/2025 в отношении Новика Юрия Петровича");
    add_item(d, "s4.txt",
             "ПОСТАНОВЛЕНИЕ 02.07.2025 по делу № 1-57/2025 в отношении обвиняемого Новика Юрия "
             "Петровича");
    deriver_free(d);
    persons *t = build();
    char *got = case_names(t, "Новик Юрий Петрович");
    ck_assert_str_eq(got, "1-55/2025 / 20251500077: s1.txt s0.txt | 1-56/2025: s2.txt s3.txt | "
                          "1-57/2025: s4.txt");
    g_free(got);
    json_object *o = persons_list_json(t, NULL), *list = json_object_object_get(o, "persons");
    int seen = 0;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *p = json_object_array_get_idx(list, i);
        if (json_object_get_int(json_object_object_get(p, "documents")) == 5) {
            ck_assert_str_eq(json_object_get_string(
                                 json_object_array_get_idx(json_object_object_get(p, "cases"), 0)),
                             "1-55/2025 / 20251500077");
            seen = 1;
        }
    }
    ck_assert(seen);
    json_object_put(o);
    persons_free(t);
}
END_TEST

/* id_named - the id of the listed person first written as name (g_free) */
static char *id_named(const persons *t, const char *name)
{
    json_object *o = persons_list_json(t, NULL), *list = json_object_object_get(o, "persons");
    char *id = NULL;
    for (size_t i = 0; id == NULL && i < json_object_array_length(list); i++) {
        json_object *p = json_object_array_get_idx(list, i);
        if (strcmp(json_object_get_string(
                       json_object_array_get_idx(json_object_object_get(p, "names"), 0)),
                   name) == 0)
            id = g_strdup(json_object_get_string(json_object_object_get(p, "id")));
    }
    json_object_put(o);
    ck_assert_msg(id != NULL, "nobody written as %s", name);
    return id;
}

/* a user's merge: logged, applied, and kept when the records are written
 * again (re-indexing); an unknown id is refused */
START_TEST(merge_kept)
{
    persons *t = build();
    char *keep = id_named(t, "Сидоров Андрей Иванович");
    char *gone = id_named(t, "Сидоров Андрей Петрович"), *err = NULL;
    ck_assert_int_eq(persons_merge(data, t, keep, "000000000000", "anna", &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "000000000000"));
    free(err);
    ck_assert_int_eq(persons_merge(data, t, keep, gone, "anna", &err), 0);
    persons_free(t);
    for (int again = 0; again < 2; again++) {
        if (again) { /* the records written anew, as re-indexing does */
            deriver *d = deriver_new(&err);
            for (size_t i = 0; i < G_N_ELEMENTS(papers); i++)
                add_item(d, papers[i].name, papers[i].text);
            deriver_free(d);
        }
        t = build();
        json_object *o = persons_dossier_json(t, keep);
        json_object *p = json_object_array_get_idx(json_object_object_get(o, "persons"), 0);
        ck_assert_uint_eq(json_object_array_length(json_object_object_get(p, "names")), 2);
        json_object_put(o);
        o = persons_dossier_json(t, gone);
        ck_assert_uint_eq(json_object_array_length(json_object_object_get(o, "persons")), 0);
        json_object_put(o);
        persons_free(t);
    }
    g_free(keep);
    g_free(gone);
}
END_TEST

/* in_document - the ids persons_in_document_json gives for the paper with
 * this text, joined by " " (g_free) */
static char *in_document(const persons *t, const char *text)
{
    char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    json_object *o = persons_in_document_json(t, sha), *list = json_object_object_get(o, "persons");
    GString *ids = g_string_new(NULL);
    for (size_t i = 0; i < json_object_array_length(list); i++)
        g_string_append_printf(ids, "%s%s", i ? " " : "",
                               json_object_get_string(
                                   json_object_object_get(json_object_array_get_idx(list, i),
                                                          "id")));
    json_object_put(o);
    g_free(sha);
    return g_string_free(ids, FALSE);
}

/* in_document_slowly - the same found the long way: each person of the
 * list whose dossier has the paper (g_free) */
static char *in_document_slowly(const persons *t, const char *text)
{
    char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    json_object *all = persons_list_json(t, NULL), *list = json_object_object_get(all, "persons");
    GString *ids = g_string_new(NULL);
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        const char *id = json_object_get_string(
            json_object_object_get(json_object_array_get_idx(list, i), "id"));
        char **shas = persons_documents(t, id, NULL);
        if (g_strv_contains((const char *const *)shas, sha))
            g_string_append_printf(ids, "%s%s", ids->len ? " " : "", id);
        g_strfreev(shas);
    }
    json_object_put(all);
    g_free(sha);
    return g_string_free(ids, FALSE);
}

/* a document's persons, as its page lists them: those of its mentions,
 * in the list's order, also after a merge took a person out of the table */
START_TEST(persons_in_document)
{
    persons *t = build();
    char *keep = id_named(t, "Сидоров Андрей Иванович");
    char *gone = id_named(t, "Сидоров Андрей Петрович"), *err = NULL;
    for (int merged = 0; merged < 2; merged++) {
        for (size_t i = 0; i < G_N_ELEMENTS(papers); i++) {
            char *fast = in_document(t, papers[i].text);
            char *slow = in_document_slowly(t, papers[i].text);
            ck_assert_str_eq(fast, slow);
            g_free(fast);
            g_free(slow);
        }
        char *three = in_document(t, papers[3].text); /* Петров П.П. and Иванов С.Н. */
        ck_assert_ptr_nonnull(strchr(three, ' '));
        g_free(three);
        char *none = in_document(t, "no paper has this text");
        ck_assert_str_eq(none, "");
        g_free(none);
        if (!merged) {
            ck_assert_int_eq(persons_merge(data, t, keep, gone, "anna", &err), 0);
            persons_free(t);
            t = build();
        }
    }
    char *f = in_document(t, papers[5].text); /* Сидоров Андрей Петрович, now keep's */
    ck_assert_str_eq(f, keep);
    g_free(f);
    persons_free(t);
    g_free(keep);
    g_free(gone);
}
END_TEST

/* rewrite - the records written anew, as re-indexing does, with extra
 * papers (NULL-terminated name/text pairs; NULL for none) */
static void rewrite(const char *const *extra)
{
    char *err = NULL;
    deriver *d = deriver_new(&err);
    ck_assert_ptr_nonnull(d);
    for (size_t i = 0; i < G_N_ELEMENTS(papers); i++)
        add_item(d, papers[i].name, papers[i].text);
    for (size_t i = 0; extra != NULL && extra[i] != NULL; i += 2)
        add_item(d, extra[i], extra[i + 1]);
    deriver_free(d);
}

/* mention_in - the id of the person's mention in the document named name
 * (g_free) */
static char *mention_in(const persons *t, const char *person, const char *name)
{
    json_object *o = persons_dossier_json(t, person);
    json_object *cases = json_object_object_get(
        json_object_array_get_idx(json_object_object_get(o, "persons"), 0), "cases");
    char *id = NULL;
    for (size_t c = 0; c < json_object_array_length(cases); c++) {
        json_object *docs = json_object_object_get(json_object_array_get_idx(cases, c),
                                                   "documents");
        for (size_t i = 0; i < json_object_array_length(docs); i++) {
            json_object *d = json_object_array_get_idx(docs, i);
            if (strcmp(json_object_get_string(json_object_object_get(d, "name")), name) == 0)
                id = g_strdup(json_object_get_string(
                    json_object_array_get_idx(json_object_object_get(d, "mention_ids"), 0)));
        }
    }
    json_object_put(o);
    ck_assert_msg(id != NULL, "%s has no mention in %s", person, name);
    return id;
}

/* documents_of - the number of documents of the person with this id; -1
 * when there is none */
static int documents_of(const persons *t, const char *id)
{
    json_object *o = persons_list_json(t, NULL), *list = json_object_object_get(o, "persons");
    int n = -1;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *p = json_object_array_get_idx(list, i);
        if (strcmp(json_object_get_string(json_object_object_get(p, "id")), id) == 0)
            n = json_object_get_int(json_object_object_get(p, "documents"));
    }
    json_object_put(o);
    return n;
}

/* a user's split: checked, logged, applied, and kept when the records are
 * written again and when a new paper joins the person (re-clustering) */
START_TEST(split_kept)
{
    persons *t = build();
    char *id = id_named(t, "Иванова Сергея Николаевича"), *err = NULL, new_id[13];
    char *summons = mention_in(t, id, "c.txt"), *verdict = mention_in(t, id, "d.txt");
    ck_assert_int_eq(documents_of(t, id), 3);
    const char *unknown[] = {"000000000000-1-1", NULL};
    ck_assert_int_eq(persons_split(data, t, id, unknown, "anna", new_id, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "000000000000-1-1"));
    free(err);
    err = NULL;
    char *notice = mention_in(t, id, "a.txt");
    const char *all[] = {notice, summons, verdict, NULL};
    ck_assert_int_eq(persons_split(data, t, id, all, "anna", new_id, &err), -1);
    free(err);
    err = NULL;
    const char *some[] = {summons, verdict, NULL};
    ck_assert_int_eq(persons_split(data, t, id, some, "anna", new_id, &err), 0);
    ck_assert_int_eq(documents_of(t, id), 1);
    ck_assert_int_eq(documents_of(t, new_id), 2);
    persons_free(t);
    const char *later[] = {"i.txt", "РЕШЕНИЕ 01.06.2024 по делу № 1-11/2024 Иванов С.Н.", NULL};
    for (int again = 0; again < 3; again++) {
        if (again)
            rewrite(again == 2 ? later : NULL);
        t = build();
        /* the new paper's mention joins the person before the split
         * is applied: it stays with id's */
        ck_assert_int_eq(documents_of(t, id), 1 + (again == 2));
        ck_assert_int_eq(documents_of(t, new_id), 2);
        persons_free(t);
    }
    g_free(notice);
    g_free(summons);
    g_free(verdict);
    g_free(id);
}
END_TEST

/* merge, then split what was merged, then merge again: each applied in
 * the log's order, after re-indexing too */
START_TEST(merge_then_split)
{
    persons *t = build();
    char *keep = id_named(t, "Сидоров Андрей Иванович");
    char *gone = id_named(t, "Сидоров Андрей Петрович"), *err = NULL, new_id[13];
    ck_assert_int_eq(persons_merge(data, t, keep, gone, "anna", &err), 0);
    persons_free(t);
    t = build();
    ck_assert_int_eq(documents_of(t, keep), 2);
    char *m = mention_in(t, keep, "f.txt");
    const char *split_off[] = {m, NULL};
    ck_assert_int_eq(persons_split(data, t, keep, split_off, "boris", new_id, &err), 0);
    persons_free(t);
    rewrite(NULL);
    t = build();
    ck_assert_int_eq(documents_of(t, keep), 1);
    ck_assert_int_eq(documents_of(t, new_id), 1);
    ck_assert_int_eq(documents_of(t, gone), -1);
    ck_assert_int_eq(persons_merge(data, t, new_id, keep, "anna", &err), 0);
    persons_free(t);
    rewrite(NULL);
    t = build();
    ck_assert_int_eq(documents_of(t, new_id), 2);
    ck_assert_int_eq(documents_of(t, keep), -1);
    persons_free(t);
    g_free(m);
    g_free(keep);
    g_free(gone);
}
END_TEST

/* a user limited to collections the items are not in sees no one */
START_TEST(other_collections_unseen)
{
    const char *const granted[] = {"elsewhere", NULL};
    char *err = NULL;
    persons *t = persons_build(data, granted, NULL, &err);
    ck_assert_msg(t != NULL, "%s", err ? err : "?");
    json_object *o = persons_list_json(t, NULL);
    ck_assert_uint_eq(json_object_array_length(json_object_object_get(o, "persons")), 0);
    json_object_put(o);
    persons_free(t);
}
END_TEST

/* suite - the eight */
static Suite *suite(void)
{
    Suite *s = suite_create("persons");
    TCase *tc = tcase_create("persons");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, joined_and_apart);
    tcase_add_test(tc, filters);
    tcase_add_test(tc, dossier);
    tcase_add_test(tc, official_cases);
    tcase_add_test(tc, cases_joined);
    tcase_add_test(tc, merge_kept);
    tcase_add_test(tc, persons_in_document);
    tcase_add_test(tc, split_kept);
    tcase_add_test(tc, merge_then_split);
    tcase_add_test(tc, other_collections_unseen);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(suite());
}
