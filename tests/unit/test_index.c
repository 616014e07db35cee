/*
 * test_index.c - the index subsystem against a real Xapian database in a
 * temporary directory: pages, one hit per file, Russian stems, phrases,
 * file: and filters, item fields given ahead of the pages, replacement and
 * removal, the writer lock, hostile queries, absent databases and snippets.
 */
#include "index/index.h"
#include "output/output.h"
#include "index/xapian/xapian_c.h"
#include "testutil.h"
#include "derived.h"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TRY_WRITER "--try-writer" /* argv[1] of the second process in the lock test */

static char *tmp;    /* fresh per test */
static char *db_dir; /* tmp/index */

/* setup - a fresh temporary directory per test */
static void setup(void)
{
    tmp = tu_tempdir("index");
    db_dir = tu_path(tmp, "index");
}

/* teardown - remove it */
static void teardown(void)
{
    tu_rmtree(tmp);
    free(db_dir);
    free(tmp);
}

/* sha_of - a distinct, valid SHA-256 made of one hex digit repeated */
static const char *sha_of(char digit)
{
    static char buf[8][65];
    static int next;
    char *s = buf[next++ % 8];
    memset(s, digit, 64);
    s[64] = '\0';
    return s;
}

/* item - an index_item with a name; other fields filled in plausibly */
static index_item item(const char *sha, const char *name)
{
    index_item it = {
        .sha256 = sha,
        .name = name,
        .path = "/srv/inbox/x",
        .member = NULL,
        .mime = "application/pdf",
        .status = "done",
    };
    return it;
}

/* add - index a page, asserting success */
static void add(index_writer *w, const index_item *it, int page, const char *text)
{
    char *err = NULL;
    int rc = tu_index_page(w, it, page, text, &err);
    ck_assert_msg(rc == 0, "index_add_page: %s", err ? err : "?");
    free(err);
}

/* commit - index_commit, asserting success */
static void commit(index_writer *w)
{
    char *err = NULL;
    ck_assert_msg(index_commit(w, &err) == 0, "index_commit: %s", err ? err : "?");
    free(err);
}

/* writer - open a writer on db_dir, asserting success */
static index_writer *writer(void)
{
    char *err = NULL;
    index_writer *w = index_writer_open(db_dir, &err);
    ck_assert_msg(w != NULL, "index_writer_open: %s", err ? err : "?");
    free(err);
    return w;
}

/* search - index_search on db_dir, asserting success */
static index_results *search(const char *query)
{
    index_results *r = NULL;
    char *err = NULL;
    int rc = index_search(db_dir, query, 0, 20, &r, &err);
    ck_assert_msg(rc == 0, "search %s: %s", query, err ? err : "?");
    ck_assert_ptr_nonnull(r);
    ck_assert_ptr_null(err);
    ck_assert_uint_eq(r->count <= (size_t)r->total, 1);
    return r;
}

/* doccount - how many page documents the database holds */
static unsigned long doccount(void)
{
    char *err = NULL;
    xc_db *db = xc_db_open(db_dir, NULL, &err);
    ck_assert_msg(db != NULL, "xc_db_open: %s", err ? err : "?");
    unsigned long n = xc_db_doccount(db);
    xc_db_close(db);
    return n;
}

START_TEST(word_on_the_right_page)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "verdict.pdf");
    index_item b = item(sha_of('b'), "summons.pdf");
    add(w, &a, 1, "Суд рассмотрел уголовное дело в порядке специального производства.");
    add(w, &a, 2, "Обвиняемый Иванов Сергей признан виновным по статье 361-1.");
    add(w, &b, 1, "Повестка о вызове на допрос в качестве свидетеля.");
    add(w, &b, 2, "Постановление о наложении ареста на имущество.");
    index_writer_close(w);

    index_results *r = search("виновным");
    ck_assert_int_eq(r->total, 1);
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('a'));
    ck_assert_str_eq(r->hits[0].name, "verdict.pdf");
    ck_assert_str_eq(r->hits[0].path, "/srv/inbox/x");
    ck_assert_str_eq(r->hits[0].mime, "application/pdf");
    ck_assert_ptr_null(r->hits[0].member);
    ck_assert_int_eq(r->hits[0].page, 2);
    ck_assert(r->hits[0].score > 0.0);
    ck_assert(r->hits[0].percent > 0 && r->hits[0].percent <= 100);
    index_results_free(r);

    r = search("арест имущество");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('b'));
    ck_assert_int_eq(r->hits[0].page, 2);
    index_results_free(r);

    r = search("допрос");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_int_eq(r->hits[0].page, 1);
    index_results_free(r);

    /* Default operator is AND: words from two different items match nothing. */
    r = search("виновным повестка");
    ck_assert_int_eq(r->total, 0);
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);

    /* OR still works. */
    r = search("виновным OR повестка");
    ck_assert_uint_eq(r->count, 2);
    index_results_free(r);
}
END_TEST

START_TEST(one_hit_per_file_with_best_page)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    index_item b = item(sha_of('b'), "b.pdf");
    add(w, &a, 1, "Свидетель не явился. Прочие материалы дела, опись, протокол.");
    add(w, &a, 2, "Свидетель показал, что свидетель видел, как другой свидетель ушёл.");
    add(w, &a, 3, "Материалы дела без упоминаний.");
    add(w, &b, 1, "Свидетель допрошен. Показания приложены к делу на трёх листах.");
    index_writer_close(w);
    ck_assert_uint_eq(doccount(), 2); /* a file's pages are one document */

    index_results *r = search("свидетель");
    ck_assert_int_eq(r->total, 2);
    ck_assert_uint_eq(r->count, 2);
    ck_assert_str_ne(r->hits[0].sha256, r->hits[1].sha256);
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->hits[i].sha256, sha_of('a')) == 0)
            ck_assert_int_eq(r->hits[i].page, 2);
        else
            ck_assert_int_eq(r->hits[i].page, 1);
    /* Page 2 of a mentions it three times: a ranks first. */
    ck_assert_str_eq(r->hits[0].sha256, sha_of('a'));
    index_results_free(r);

    /* Paging over files, not pages. */
    index_results *p = NULL;
    char *err = NULL;
    ck_assert_int_eq(index_search(db_dir, "свидетель", 1, 5, &p, &err), 0);
    ck_assert_uint_eq(p->count, 1);
    ck_assert_str_eq(p->hits[0].sha256, sha_of('b'));
    index_results_free(p);
    ck_assert_int_eq(index_search(db_dir, "свидетель", 7, 5, &p, &err), 0);
    ck_assert_uint_eq(p->count, 0);
    index_results_free(p);
}
END_TEST

/* An index some of whose pages were written before the short file key
 * (slot 10, index/schema.h) still gives one hit per file: the search
 * collapses on the SHA-256 until every page has the key. */
START_TEST(nothing_matches_across_two_pages)
{
    /* A file's pages are one document: the end of one page and the start
     * of the next are not near each other. */
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    index_item b = item(sha_of('b'), "b.pdf");
    add(w, &a, 1, "Дело рассмотрел Ленинский районный");
    add(w, &a, 2, "суд г. Минска. Обвиняемого Иванова");
    add(w, &a, 3, "Сергея Николаевича признать виновным.");
    add(w, &b, 1,
        "Ленинский районный суд г. Минска признал обвиняемого Иванова Сергея "
        "Николаевича виновным.");
    index_writer_close(w);
    ck_assert_uint_eq(doccount(), 2);

    const char *queries[] = {"\"районный суд\"", "name:\"Иванов Сергей Николаевич\"",
                             "name:\"Сергей Иванов\""};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        index_results *r = search(queries[i]);
        ck_assert_msg(r->count == 1, "%s: %zu hits", queries[i], r->count);
        ck_assert_str_eq(r->hits[0].sha256, sha_of('b'));
        index_results_free(r);
    }
    /* Words of two pages still find the file, on the page with most of them. */
    index_results *r = search("рассмотрел Иванова Николаевича признать");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('a'));
    ck_assert_int_eq(r->hits[0].page, 3);
    index_results_free(r);
}
END_TEST

START_TEST(hit_is_on_the_page_its_words_are_on)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    add(w, &a, 1, "Исправительной работы не назначено. Колонии рядом нет.");
    add(w, &a, 2, "Отбывать в исправительной колонии общего режима.");
    add(w, &a, 3, "Приговор обжалован в апелляционном порядке. Приговор вступил в силу.");
    index_writer_close(w);

    const struct {
        const char *query;
        int page;
    } cases[] = {
        {"\"исправительной колонии\"", 2}, /* both words on page 1 too, apart */
        {"колония", 1},                    /* by its stem: the first of pages 1 and 2 */
        {"колонии режима", 2},             /* most different words */
        {"приговоры", 3},                  /* by its stem */
        {"режимы", 2},                     /* by its stem only: no position says */
        {"a.pdf", 1},                      /* the file name: no page has it */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        index_results *r = search(cases[i].query);
        ck_assert_msg(r->count == 1, "%s: %zu hits", cases[i].query, r->count);
        ck_assert_msg(r->hits[0].page == cases[i].page, "%s: page %d", cases[i].query,
                      r->hits[0].page);
        index_results_free(r);
    }
}
END_TEST

START_TEST(pages_without_the_file_key_collapse_on_the_hash)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    index_item b = item(sha_of('b'), "b.pdf");
    add(w, &a, 1, "Материалы дела, опись.");
    add(w, &a, 2, "Свидетель показал.");
    commit(w); /* page 3 starts a document of its own */
    add(w, &a, 3, "Материалы дела без упоминаний.");
    add(w, &b, 1, "Материалы дела на трёх листах.");
    index_writer_close(w);
    ck_assert_uint_eq(doccount(), 3);
    index_results *r = search("материалы");
    ck_assert_int_eq(r->total, 2);
    index_results_free(r);

    tu_drop_file_key(db_dir, sha_of('a'), 3);
    r = search("материалы");
    ck_assert_int_eq(r->total, 2);
    ck_assert_uint_eq(r->count, 2);
    ck_assert_str_ne(r->hits[0].sha256, r->hits[1].sha256);
    index_results_free(r);
}
END_TEST

START_TEST(russian_stemming)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    index_item b = item(sha_of('b'), "b.pdf");
    index_item c = item(sha_of('c'), "c.pdf");
    add(w, &a, 1, "Текст приговора суда оглашён");
    add(w, &b, 1, "Текст приговор суда оглашён");
    add(w, &c, 1, "Текст решения суда оглашён");
    index_writer_close(w);

    /* The stem finds both forms; the exact form ranks first. */
    index_results *r = search("приговор");
    ck_assert_uint_eq(r->count, 2);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('b'));
    ck_assert_str_eq(r->hits[1].sha256, sha_of('a'));
    ck_assert(r->hits[0].score > r->hits[1].score);
    /* The other form is highlighted too (in the snippet as JSON and the web give it). */
    char *html = output_snippet_html(&r->hits[1]);
    ck_assert_ptr_nonnull(strstr(html, "<b>приговора</b>"));
    free(html);
    index_results_free(r);

    r = search("приговора");
    ck_assert_uint_eq(r->count, 2);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('a'));
    ck_assert_str_eq(r->hits[1].sha256, sha_of('b'));
    ck_assert(r->hits[0].score > r->hits[1].score);
    index_results_free(r);

    /* Other inflections of the same word. */
    r = search("приговором");
    ck_assert_uint_eq(r->count, 2);
    index_results_free(r);

    r = search("решение");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('c'));
    index_results_free(r);
}
END_TEST

START_TEST(phrase_search)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    index_item b = item(sha_of('b'), "b.pdf");
    add(w, &a, 1, "Суд вынес приговор в отсутствие обвиняемого.");
    add(w, &b, 1, "Приговор суда вынес судья единолично.");
    index_writer_close(w);

    index_results *r = search("вынес приговор");
    ck_assert_uint_eq(r->count, 2);
    index_results_free(r);

    r = search("\"вынес приговор\"");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('a'));
    char *html = output_snippet_html(&r->hits[0]);
    ck_assert_msg(strstr(html, "<b>вынес приговор</b>") != NULL ||
                      strstr(html, "<b>вынес</b> <b>приговор</b>") != NULL,
                  "snippet: %s", html);
    free(html);
    index_results_free(r);

    r = search("\"приговор вынес\"");
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);

    /* A phrase must not run from the file name into the page text. */
    r = search("\"pdf суд\"");
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);
}
END_TEST

START_TEST(file_prefix_finds_by_name)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "scan-001.pdf");
    index_item c = item(sha_of('c'), "verdict_ivanov.docx");
    c.mime = "application/octet-stream";
    c.status = "unsupported";
    add(w, &a, 1, "The verdict was read out in court.");
    add(w, &c, 0, "");
    index_writer_close(w);

    index_results *r = search("file:verdict");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('c'));
    ck_assert_int_eq(r->hits[0].page, 0);
    ck_assert_str_eq(r->hits[0].name, "verdict_ivanov.docx");
    ck_assert_str_eq(r->hits[0].mime, "application/octet-stream");
    index_results_free(r);

    r = search("file:ivanov");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('c'));
    index_results_free(r);

    r = search("file:verdict_ivanov.docx");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('c'));
    index_results_free(r);

    r = search("file:scan");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('a'));
    index_results_free(r);

    /* The name is free text too: a plain word finds the text and the name. */
    r = search("verdict");
    ck_assert_uint_eq(r->count, 2);
    index_results_free(r);

    /* Text words are not file names. */
    r = search("file:court");
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);

    /* Boolean filters. */
    r = search("mime:application/pdf");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('a'));
    index_results_free(r);

    char q[128];
    snprintf(q, sizeof q, "sha:%s", sha_of('c'));
    r = search(q);
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('c'));
    index_results_free(r);

    r = search("verdict mime:application/pdf");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('a'));
    index_results_free(r);
}
END_TEST

START_TEST(member_is_searchable_and_returned)
{
    index_writer *w = writer();
    index_item z = item(sha_of('d'), "bundle.zip");
    z.member = "docs/prigovor_petrov.pdf";
    add(w, &z, 1, "Приговор в отношении Петрова.");
    index_writer_close(w);

    index_results *r = search("file:petrov");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].member, "docs/prigovor_petrov.pdf");
    ck_assert_str_eq(r->hits[0].name, "bundle.zip");
    index_results_free(r);
}
END_TEST

START_TEST(readding_a_page_replaces_it)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    add(w, &a, 1, "старый текст страницы");
    add(w, &a, 2, "вторая страница");
    commit(w);
    ck_assert_uint_eq(doccount(), 1);

    /* Page 1 again starts the item's document again, twice here. */
    add(w, &a, 1, "новый текст страницы");
    add(w, &a, 1, "новый текст страницы");
    add(w, &a, 2, "вторая страница снова");
    commit(w);
    ck_assert_uint_eq(doccount(), 1);
    index_results *again = search("снова");
    ck_assert_uint_eq(again->count, 1);
    ck_assert_int_eq(again->hits[0].page, 2);
    index_results_free(again);

    index_results *r = search("старый");
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);
    r = search("новый");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_int_eq(r->hits[0].page, 1);
    index_results_free(r);

    /* The hex digits of the SHA-256 are case-insensitive: same item. */
    char upper[65];
    for (int i = 0; i < 64; i++)
        upper[i] = 'A';
    upper[64] = '\0';
    index_item same = item(upper, "a.pdf");
    add(w, &same, 2, "вторая страница заново");
    index_writer_close(w);
    ck_assert_uint_eq(doccount(), 2);
}
END_TEST

/* Three pages of one paper: the fields (case number, court, date) only on
 * the second. */
static const char *const paper[] = {
    "Вина подсудимого доказана протоколами осмотра.",
    "Дело № 1-234/2024. Суд Заречного района г. Минска, 14 марта 2024 года.",
    "Приговор вступает в законную силу."};

/* give_fields - give the item's fields ahead from texts[0..n), asserting success */
static void give_fields(index_writer *w, const index_item *it, const char *const *texts, size_t n)
{
    char *err = NULL;
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(tu_index_fields(w, it, texts[i], &err) == 0, "fields: %s", err ? err : "?");
}

/* page_has_the_case - `query` (a word of the page) with the case number of
 * page 2 finds the page */
static void page_has_the_case(const char *query, int page)
{
    char *q = g_strconcat(query, " case:1-234/2024", NULL);
    index_results *r = search(q);
    g_free(q);
    ck_assert_uint_eq(r->count, 1);
    ck_assert_int_eq(r->hits[0].page, page);
    ck_assert_str_eq(r->hits[0].cases[0], "1-234/2024");
    ck_assert_str_eq(r->hits[0].date, "2024-03-14");
    index_results_free(r);
}

START_TEST(fields_given_ahead_reach_every_page)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    give_fields(w, &a, paper, 3);
    add(w, &a, 1, paper[0]);
    add(w, &a, 2, paper[1]);
    commit(w); /* a long item is committed between pages: its fields stay */
    add(w, &a, 3, paper[2]);
    commit(w);
    page_has_the_case("доказана", 1);
    page_has_the_case("вступает", 3);
    ck_assert_uint_eq(doccount(), 2); /* pages 1-2, then 3 after the commit */

    /* Given again, the item starts anew: nothing of the first round stays. */
    index_item b = item(sha_of('a'), "a.pdf");
    give_fields(w, &b, paper, 1);
    add(w, &b, 1, paper[0]);
    commit(w);
    index_results *r = search("доказана case:1-234/2024");
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);
    index_writer_close(w);
}
END_TEST

START_TEST(fields_missed_ahead_are_still_brought)
{
    /* Only page 1's fields given ahead: page 2 brings the case number, and
     * page 1 is rewritten when the item is done, as without fields ahead. */
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    give_fields(w, &a, paper, 1);
    add(w, &a, 1, paper[0]);
    add(w, &a, 2, paper[1]);
    index_item b = item(sha_of('b'), "b.pdf");
    add(w, &b, 1, "другой файл");
    commit(w);
    page_has_the_case("доказана", 1);
    index_writer_close(w);
}
END_TEST

/* count - how many files query finds */
static size_t count(const char *query)
{
    index_results *r = search(query);
    size_t n = r->count;
    index_results_free(r);
    return n;
}

START_TEST(pages_rewritten_lose_their_old_single_fields)
{
    /* Page 1 is written as a paper of type other without a year; page 3
     * makes it a verdict, page 2 dates it: page 1, rewritten, has only the new. */
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    add(w, &a, 1, "Вина подсудимого доказана показаниями свидетелей.");
    add(w, &a, 2, paper[1]);
    add(w, &a, 3,
        "ПРИГОВОР\nИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ\nСуд Заречного района рассмотрел "
        "уголовное дело. ПРИГОВОРИЛ: признать виновным.");
    commit(w);
    index_writer_close(w);
    ck_assert_uint_eq(count("приговорил type:verdict"), 1);
    ck_assert_uint_eq(count("доказана type:verdict"), 1);
    ck_assert_uint_eq(count("доказана type:other"), 0);
    ck_assert_uint_eq(count("доказана year:2024"), 1);
    index_search_opts o = {.limit = 20, .facets = 1};
    index_results *r = NULL;
    char *err = NULL;
    ck_assert_int_eq(index_search_ex(db_dir, "доказана", &o, &r, &err), 0);
    for (size_t i = 0; i < r->nfacets; i++)
        if (strcmp(r->facets[i].name, "type") == 0 || strcmp(r->facets[i].name, "year") == 0) {
            ck_assert_uint_eq(r->facets[i].count, 1);
            ck_assert_str_eq(r->facets[i].values[0].value,
                             r->facets[i].name[0] == 't' ? "verdict" : "2024");
        }
    index_results_free(r);
}
END_TEST

START_TEST(item_strings_are_stored_once_and_on_every_hit)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "bundle.zip");
    a.member = "docs/prigovor.pdf";
    /* A long page 2 (over 64 KiB of text) puts each page in a document of
     * its own: more would not fit in the first, nor page 3 in page 2's. */
    GString *long_page = g_string_new(paper[1]);
    for (int i = 0; i < 8000; i++)
        g_string_append(long_page, " лист");
    add(w, &a, 1, paper[0]);
    add(w, &a, 2, long_page->str);
    add(w, &a, 3, paper[2]);
    add(w, &a, 1, paper[0]); /* added again, the first page still holds them */
    index_writer_close(w);
    g_string_free(long_page, TRUE);
    ck_assert_uint_eq(doccount(), 3);

    char *first = tu_page_data(db_dir, sha_of('a'), 1),
         *third = tu_page_data(db_dir, sha_of('a'), 3);
    ck_assert_ptr_nonnull(strstr(first, "bundle.zip"));
    ck_assert_ptr_null(strstr(third, "bundle.zip"));
    ck_assert_ptr_null(strstr(third, "1-234/2024"));
    free(first);
    free(third);

    index_results *r = search("вступает");
    ck_assert_uint_eq(r->count, 1);
    const index_hit *h = &r->hits[0];
    ck_assert_int_eq(h->page, 3);
    ck_assert_str_eq(h->sha256, sha_of('a'));
    ck_assert_str_eq(h->name, "bundle.zip");
    ck_assert_str_eq(h->member, "docs/prigovor.pdf");
    ck_assert_str_eq(h->path, "/srv/inbox/x");
    ck_assert_str_eq(h->mime, "application/pdf");
    ck_assert_str_eq(h->cases[0], "1-234/2024");
    ck_assert_str_eq(h->date, "2024-03-14");
    ck_assert_ptr_nonnull(strstr(h->snippet, "вступает"));
    index_results_free(r);
}
END_TEST

START_TEST(pages_holding_their_item_strings_are_read_as_before)
{
    /* An index written before the item's strings were stored once: each page
     * has them all. */
    char *err = NULL;
    int locked = 0;
    xc_wdb *db = xc_wdb_open(db_dir, &locked, &err);
    ck_assert_msg(db != NULL, "xc_wdb_open: %s", err ? err : "?");
    xc_doc *doc = xc_doc_new(&err);
    xc_termgen *tg = xc_termgen_new("russian", XC_STEM_SOME, &err);
    ck_assert_int_eq(xc_termgen_set_document(tg, doc, &err), 0);
    ck_assert_int_eq(xc_termgen_index_text(tg, "Приговор вступает в силу.", 1, "", &err), 0);
    char term[96];
    snprintf(term, sizeof term, "Q%s:2", sha_of('c'));
    ck_assert_int_eq(xc_doc_add_boolean_term(doc, term, &err), 0);
    ck_assert_int_eq(xc_doc_add_value(doc, 0, sha_of('c'), 64, &err), 0);
    const char *data = "{\"sha256\":\"cccc\",\"name\":\"old.pdf\",\"path\":\"/old/old.pdf\","
                       "\"member\":null,\"mime\":\"application/pdf\",\"status\":\"done\","
                       "\"page\":2,\"text\":\"Приговор вступает в силу.\",\"roles\":[],"
                       "\"type\":\"verdict\",\"date\":null,\"cases\":[\"1-1/2020\"],"
                       "\"courts\":[],\"articles\":[]}";
    ck_assert_int_eq(xc_doc_set_data(doc, data, strlen(data), &err), 0);
    ck_assert_int_eq(xc_wdb_replace(db, term, doc, &err), 0);
    xc_termgen_free(tg);
    xc_doc_free(doc);
    ck_assert_int_eq(xc_wdb_close(db, &err), 0);

    index_results *r = search("вступает");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].name, "old.pdf");
    ck_assert_str_eq(r->hits[0].path, "/old/old.pdf");
    ck_assert_str_eq(r->hits[0].cases[0], "1-1/2020");
    ck_assert_int_eq(r->hits[0].page, 2);
    index_results_free(r);
}
END_TEST

/* count_pages - index_each_item callback: pages by the hash's first digit */
static int count_pages(const char *sha256, unsigned long pages, void *ctx)
{
    unsigned long *by_digit = ctx;
    by_digit[sha256[0] == 'a' ? 0 : sha256[0] == 'b' ? 1 : 2] += pages;
    return 0;
}

START_TEST(each_item_counts_its_pages)
{
    /* What `dokaz verify` compares with an item's record: its pages, in one
     * document or several, and in an older index's page documents. */
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    index_item b = item(sha_of('b'), "b.pdf");
    for (int page = 1; page <= 3; page++)
        add(w, &a, page, paper[page - 1]);
    add(w, &b, 1, paper[0]);
    add(w, &b, 2, paper[1]);
    commit(w); /* b's page 3 in a document of its own */
    add(w, &b, 3, paper[2]);
    index_writer_close(w);
    ck_assert_uint_eq(doccount(), 3);

    char *err = NULL;
    int locked = 0;
    xc_wdb *db = xc_wdb_open(db_dir, &locked, &err);
    ck_assert_msg(db != NULL, "xc_wdb_open: %s", err ? err : "?");
    for (int page = 1; page <= 2; page++) { /* c: two page documents, as before */
        xc_doc *doc = xc_doc_new(&err);
        char term[96];
        snprintf(term, sizeof term, "XS%s", sha_of('c'));
        ck_assert_int_eq(xc_doc_add_boolean_term(doc, term, &err), 0);
        snprintf(term, sizeof term, "Q%s:%d", sha_of('c'), page);
        ck_assert_int_eq(xc_doc_add_boolean_term(doc, term, &err), 0);
        ck_assert_int_eq(xc_wdb_replace(db, term, doc, &err), 0);
        xc_doc_free(doc);
    }
    ck_assert_int_eq(xc_wdb_close(db, &err), 0);

    unsigned long pages[3] = {0, 0, 0};
    int absent = 1;
    ck_assert_int_eq(index_each_item(db_dir, count_pages, pages, &absent, &err), 0);
    ck_assert_int_eq(absent, 0);
    ck_assert_uint_eq(pages[0], 3);
    ck_assert_uint_eq(pages[1], 3);
    ck_assert_uint_eq(pages[2], 2);
}
END_TEST

START_TEST(remove_item_removes_every_page)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    index_item b = item(sha_of('b'), "b.pdf");
    add(w, &a, 0, "");
    add(w, &a, 1, "общий текст первой");
    add(w, &a, 2, "общий текст второй");
    add(w, &b, 1, "общий текст другого файла");
    commit(w);
    ck_assert_uint_eq(doccount(), 2);

    char *err = NULL;
    ck_assert_int_eq(index_remove_item(w, sha_of('a'), &err), 0);
    ck_assert_int_eq(index_remove_item(w, sha_of('e'), &err), 0); /* unknown: fine */
    commit(w);
    ck_assert_uint_eq(doccount(), 1);

    index_results *r = search("общий");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].sha256, sha_of('b'));
    index_results_free(r);

    ck_assert_int_eq(index_remove_item(w, "not-a-sha", &err), -1);
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_nonnull(strstr(err, "not-a-sha"));
    free(err);
    index_writer_close(w);
}
END_TEST

START_TEST(bad_items_are_refused)
{
    index_writer *w = writer();
    char *err = NULL;
    index_item bad = item("abc", "short.pdf");
    ck_assert_int_eq(tu_index_page(w, &bad, 1, "x", &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "short.pdf"));
    free(err);
    err = NULL;
    index_item none = item(NULL, NULL);
    ck_assert_int_eq(tu_index_page(w, &none, 1, "x", &err), -1);
    ck_assert_ptr_nonnull(err);
    free(err);
    err = NULL;
    index_item ok = item(sha_of('a'), NULL);
    ok.path = ok.mime = ok.status = NULL;
    ck_assert_int_eq(tu_index_page(w, &ok, -1, "x", &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "negative"));
    free(err);
    err = NULL;
    /* All-NULL metadata and NULL text are fine. */
    ck_assert_int_eq(tu_index_page(w, &ok, 3, NULL, &err), 0);
    ck_assert_int_eq(tu_index_page(w, &ok, 4, "слово", &err), 0);
    index_writer_close(w);

    index_results *r = search("слово");
    ck_assert_uint_eq(r->count, 1);
    ck_assert_str_eq(r->hits[0].name, "");
    ck_assert_str_eq(r->hits[0].path, "");
    ck_assert_str_eq(r->hits[0].mime, "");
    ck_assert_ptr_null(r->hits[0].member);
    index_results_free(r);
}
END_TEST

START_TEST(second_writer_is_refused)
{
    index_writer *w = writer();
    char *err = NULL;
    index_writer *w2 = index_writer_open(db_dir, &err);
    ck_assert_ptr_null(w2);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, "locked by another writer") != NULL, "message: %s", err);
    ck_assert_ptr_nonnull(strstr(err, db_dir));
    free(err);

    /* Another process is refused as well: this program run anew (exec, not a
     * bare fork, so the child does not inherit our open writer). */
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    ck_assert(n > 0);
    self[n] = '\0';
    char *out = NULL;
    char *argv[] = {self, TRY_WRITER, db_dir, NULL};
    int status = tu_run(argv, &out);
    ck_assert_msg(status == 0, "second process: status %d, said: %s", status, out);
    ck_assert_ptr_nonnull(strstr(out, "locked by another writer"));
    free(out);

    /* Readers are not blocked by the writer. */
    index_item a = item(sha_of('a'), "a.pdf");
    add(w, &a, 1, "читатель");
    commit(w);
    index_results *r = search("читатель");
    ck_assert_uint_eq(r->count, 1);
    index_results_free(r);

    /* Once the first writer is gone, a new one gets in. */
    index_writer_close(w);
    w = writer();
    index_writer_close(w);
}
END_TEST

START_TEST(malformed_query_is_an_error)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    add(w, &a, 1, "unclosed quote and other words");
    index_writer_close(w);

    const char *bad[] = {"AND AND", "NOT", "foo AND", "OR", "foo NOT", "foo AND NOT"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        index_results *r = (index_results *)1;
        char *err = NULL;
        ck_assert_int_eq(index_search(db_dir, bad[i], 0, 10, &r, &err), -1);
        ck_assert_ptr_null(r);
        ck_assert_ptr_nonnull(err);
        ck_assert_msg(strstr(err, "Syntax") != NULL && strstr(err, bad[i]) != NULL,
                      "message for %s: %s", bad[i], err);
        free(err);
    }

    /* bytes that are not UTF-8 are refused before Xapian's parser, which
     * crashed on this one (fuzz_query) */
    static const char crashed[] =
        "name:\"\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd0+ \xd0\xa1"
        "\xd0\xb5\xd1\xb2\xd0+ \xd0\xa1\xd0\xb5\xd1\x80+\xb2\xd0\xb0\xd0\xbd\xd0"
        "\xbe\xd0\xb2\xd0+ \xd0\xa1\xd0\xb5\xd1\xb2\xd0+ \xd0\xa1iu\xd0\xb5\xd1"
        "\x80+\x80+name:\"\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd"
        "e:1-234/2024 ar\xb3"
        "\xd1\x80+\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd0+ \xd0\xa1\xd0\xb5\xd1"
        "\xb2\xd0+ \xd0\xa1iu\xd0\xb5\xd1\x80+\x80+name:\"\xd0/1 cob";
    index_results *none = (index_results *)1;
    char *why = NULL;
    ck_assert_int_eq(index_search(db_dir, crashed, 0, 10, &none, &why), -1);
    ck_assert_ptr_null(none);
    ck_assert_msg(strstr(why, "the query is not UTF-8 text") != NULL, "%s", why);
    free(why);

    /* Xapian forgives an unclosed quote: the word is searched. */
    index_results *r = search("\"unclosed");
    ck_assert_uint_eq(r->count, 1);
    index_results_free(r);

    /* Hostile or odd queries: an answer or an error, never a crash. */
    char long_query[20000];
    memset(long_query, 'a', sizeof long_query - 1);
    long_query[sizeof long_query - 1] = '\0';
    char many_words[20000] = "";
    for (int i = 0; i < 2000; i++)
        strcat(many_words, "(x OR ");
    const char *odd[] = {
        "(((",
        ")))",
        "\"",
        "*",
        "a*",
        "u*",
        "-",
        "+",
        "a NEAR/999999999 b",
        "file:",
        "sha:",
        "mime:",
        "\xff\xfe\x80",
        "слово\x01\x02",
        "((quote OR) AND",
        "NOT quote",
        "-quote",
        "quote -words",
        "",
        "   ",
        long_query,
        many_words,
        "file:\"",
        "ADJ/",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        index_results *o = NULL;
        char *err = NULL;
        int rc = index_search(db_dir, odd[i], 0, 10, &o, &err);
        if (rc == 0) {
            ck_assert_ptr_nonnull(o);
            ck_assert_ptr_null(err);
            ck_assert(o->count <= 1 && (size_t)o->total >= o->count);
            ck_assert_str_eq(o->query, odd[i]);
        } else {
            ck_assert_ptr_null(o);
            ck_assert_ptr_nonnull(err);
            ck_assert(strlen(err) > 0);
        }
        index_results_free(o);
        free(err);
    }

    /* Pure NOT is allowed. */
    r = search("NOT missing");
    ck_assert_uint_eq(r->count, 1);
    index_results_free(r);
    r = search("u*");
    ck_assert_uint_eq(r->count, 1);
    index_results_free(r);
    r = search("");
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);
}
END_TEST

START_TEST(absent_or_empty_database_gives_no_hits)
{
    /* No directory at all. */
    index_results *r = search("приговор");
    ck_assert_int_eq(r->total, 0);
    ck_assert_uint_eq(r->count, 0);
    ck_assert_ptr_null(r->hits);
    ck_assert_str_eq(r->query, "приговор");
    index_results_free(r);

    /* A directory without a database. */
    char *cmd = tu_path(db_dir, "stray.txt");
    tu_write(cmd, "x", 1);
    free(cmd);
    r = search("приговор");
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);

    /* A database with no documents. */
    char *other = tu_path(tmp, "fresh");
    char *err = NULL;
    index_writer *w = index_writer_open(other, &err);
    ck_assert_ptr_nonnull(w);
    index_writer_close(w);
    ck_assert_int_eq(index_search(other, "приговор", 0, 10, &r, &err), 0);
    ck_assert_uint_eq(r->count, 0);
    ck_assert_int_eq(r->total, 0);
    index_results_free(r);
    free(other);

    /* Bad arguments are errors, not crashes. */
    ck_assert_int_eq(index_search(NULL, "x", 0, 10, &r, &err), -1);
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(index_search(db_dir, NULL, 0, 10, &r, &err), -1);
    ck_assert_int_eq(index_search(db_dir, "x", 0, 10, NULL, &err), -1);
    free(err);
    index_results_free(NULL);
    index_writer_close(NULL);
}
END_TEST

START_TEST(snippet_escapes_and_highlights)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    add(w, &a, 1,
        "Начало страницы.\n<script>alert('x')</script> Суд вынес приговор & "
        "постановил:\n\tвзыскать издержки.");
    index_writer_close(w);

    index_results *r = search("приговор");
    ck_assert_uint_eq(r->count, 1);
    /* The index gives the text as it is and where the match is ... */
    const index_hit *h = &r->hits[0];
    ck_assert_msg(strstr(h->snippet, "<script>alert('x')</script> Суд") != NULL, "%s", h->snippet);
    ck_assert_uint_eq(h->nmarks, 1);
    ck_assert_int_eq(strncmp(h->snippet + h->marks[0].start, "приговор", h->marks[0].len), 0);
    ck_assert_uint_eq(h->marks[0].len, strlen("приговор"));
    /* ... and the HTML of JSON and the web escapes it and marks the match. */
    char *s = output_snippet_html(h);
    ck_assert_msg(strstr(s, "<b>приговор</b>") != NULL, "snippet: %s", s);
    ck_assert_msg(strstr(s, "&lt;script&gt;") != NULL, "snippet: %s", s);
    ck_assert_msg(strstr(s, "<script") == NULL, "snippet: %s", s);
    ck_assert_msg(strstr(s, "&amp;") != NULL, "snippet: %s", s);
    ck_assert_msg(strchr(s, '\n') == NULL && strchr(s, '\t') == NULL, "snippet: %s", s);
    /* The only tags are our highlights. */
    for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<'))
        ck_assert(strncmp(p, "<b>", 3) == 0 || strncmp(p, "</b>", 4) == 0);
    free(s);
    index_results_free(r);
}
END_TEST

START_TEST(snippet_of_a_field_query_is_the_page_start)
{
    /* No word of "type:verdict" is on the page: the snippet is its start,
     * not a passage of rare words from its middle. */
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    char text[8192] = "ПРИГОВОР\nИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ\nСуд рассмотрел уголовное дело. ";
    for (int i = 0; i < 40; i++)
        strcat(text,
               i == 30 ? "Экспертиза дактилоскопическая трасологическая. " : "слова текста дела. ");
    add(w, &a, 1, text);
    index_writer_close(w);

    index_results *r = search("type:verdict");
    ck_assert_uint_eq(r->count, 1);
    const index_hit *h = &r->hits[0];
    ck_assert_msg(g_str_has_prefix(h->snippet, "ПРИГОВОР ИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ Суд"), "%s",
                  h->snippet);
    ck_assert_msg(g_str_has_suffix(h->snippet, "…"), "%s", h->snippet);
    ck_assert_uint_eq(h->nmarks, 0);
    index_results_free(r);
}
END_TEST

START_TEST(snippet_is_about_200_characters)
{
    index_writer *w = writer();
    index_item a = item(sha_of('a'), "a.pdf");
    char text[8192] = "";
    for (int i = 0; i < 60; i++)
        strcat(text, i == 40 ? "обвинительный приговор оглашён. " : "слова текста дела. ");
    add(w, &a, 1, text);
    index_writer_close(w);

    index_results *r = search("обвинительный");
    ck_assert_uint_eq(r->count, 1);
    char *s = output_snippet_html(&r->hits[0]);
    ck_assert_ptr_nonnull(strstr(s, "<b>обвинительный</b>"));
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    ck_assert_msg(chars >= 120 && chars <= 320, "snippet of %zu chars: %s", chars, s);
    free(s);
    index_results_free(r);
}
END_TEST

/* index_suite - all of the above */
static Suite *index_suite(void)
{
    Suite *s = suite_create("index");
    TCase *tc = tcase_create("index");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, word_on_the_right_page);
    tcase_add_test(tc, one_hit_per_file_with_best_page);
    tcase_add_test(tc, nothing_matches_across_two_pages);
    tcase_add_test(tc, hit_is_on_the_page_its_words_are_on);
    tcase_add_test(tc, pages_without_the_file_key_collapse_on_the_hash);
    tcase_add_test(tc, russian_stemming);
    tcase_add_test(tc, phrase_search);
    tcase_add_test(tc, file_prefix_finds_by_name);
    tcase_add_test(tc, member_is_searchable_and_returned);
    tcase_add_test(tc, readding_a_page_replaces_it);
    tcase_add_test(tc, fields_given_ahead_reach_every_page);
    tcase_add_test(tc, fields_missed_ahead_are_still_brought);
    tcase_add_test(tc, pages_rewritten_lose_their_old_single_fields);
    tcase_add_test(tc, item_strings_are_stored_once_and_on_every_hit);
    tcase_add_test(tc, pages_holding_their_item_strings_are_read_as_before);
    tcase_add_test(tc, each_item_counts_its_pages);
    tcase_add_test(tc, remove_item_removes_every_page);
    tcase_add_test(tc, bad_items_are_refused);
    tcase_add_test(tc, second_writer_is_refused);
    tcase_add_test(tc, malformed_query_is_an_error);
    tcase_add_test(tc, absent_or_empty_database_gives_no_hits);
    tcase_add_test(tc, snippet_escapes_and_highlights);
    tcase_add_test(tc, snippet_is_about_200_characters);
    tcase_add_test(tc, snippet_of_a_field_query_is_the_page_start);
    suite_add_tcase(s, tc);
    return s;
}

/* try_writer - the child of second_writer_is_refused: 0 if refused as locked */
static int try_writer(const char *dir)
{
    char *err = NULL;
    index_writer *w = index_writer_open(dir, &err);
    printf("%s\n", err ? err : "opened");
    int refused = w == NULL && err != NULL && strstr(err, "locked") != NULL;
    index_writer_close(w);
    free(err);
    return refused ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], TRY_WRITER) == 0)
        return try_writer(argv[2]);
    SRunner *sr = srunner_create(index_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
