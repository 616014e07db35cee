/*
 * test_search.c - names and fields in the index, against a real Xapian
 * database: one person in many spellings and cases, initials, name:, the
 * accused ranked above a passing mention, exact spellings above normalised
 * ones, a person's name agreeing with one person (exact) or sharing only a
 * surname (possible), the field prefixes and their error messages, item-level fields,
 * filters, facets, sorting by date, the batch search with its formats, and
 * the pool of open readers a server keeps.
 */
#include "index/index.h"
#include "index/searcher.h"
#include "output/output.h"
#include "testutil.h"
#include "derived.h"
#include "names/names.h"

#include <check.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *tmp, *db_dir;

/* The corpus: one page per entry (page 0: the item's second page follows). */
static const struct {
    char sha;
    const char *name, *path;
    int page;
    const char *text;
} pages[] = {
    {'1', "verdict.pdf", "/in/case-ivanov/verdict.pdf", 1,
     "ПРИГОВОР\nИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ\n14 марта 2024 года г. Минск\nДело № 1-234/2024\n"
     "Суд Заречного района г. Минска рассмотрел уголовное дело в отношении\n"
     "Иванова Сергея Николаевича, 12 мая 1986 года рождения, обвиняемого в совершении "
     "преступления, предусмотренного ч. 1 ст. 342 УК Республики Беларусь."},
    {'1', "verdict.pdf", "/in/case-ivanov/verdict.pdf", 2,
     "ПРИГОВОРИЛ: признать виновным. Вина Иванову С.Н. доказана протоколами осмотра."},
    {'2', "notice.png", "/in/case-ivanov/notice.png", 1,
     "ПАВЕДАМЛЕННЕ\nПракуратура горада Мінска паведамляе, што крымінальная справа па "
     "абвінавачванні, прадугледжанага арт. 361-1 Крымінальнага кодэкса, накіравана ў суд у "
     "парадку спецыяльнай вытворчасці. 18.01.2024\nАбвінавачаны Іваноў Сяргей Мікалаевіч "
     "знаходзіцца за межамі Рэспублікі Беларусь."},
    {'3', "letter.txt", "/in/letters/letter.txt", 1,
     "Dear colleagues, we document the case of Siarhei Ivanou, sentenced in absentia. Regards\n"
     "P.S. His 32 Track MIDI Sequence Recorder is with us in CA."},
    {'4', "list.txt", "/in/letters/list.txt", 1,
     "Список свидетелей: Сергей Иванов (сосед), Анна Петрова. Составлен 02.02.2023."},
    {'5', "protocol.txt", "/in/other/protocol.txt", 1,
     "ПРОТОКОЛ допроса свидетеля Иваненко Серафима Петровича. Свидетель ивановский житель."},
    {'6', "ruling.txt", "/in/other/ruling.txt", 1,
     "ПОСТАНОВЛЕНИЕ Минского городского суда от 05.06.2022 о наложении ареста на имущество "
     "Ковальчук Ганны. ПОСТАНОВИЛ: наложить арест."},
};

/* sha - the SHA-256 of corpus item c: c repeated */
static const char *sha(char c)
{
    static char buf[8][65];
    static int next;
    char *s = buf[next++ % 8];
    memset(s, c, 64);
    s[64] = '\0';
    return s;
}

/* collections_of - the corpus's collections: its folders, and the list of
 * witnesses (4) received into the Ivanov case too */
static const char *const *collections_of(char c)
{
    static const char *const ivanov[] = {"Дело Иванова", NULL},
                             *const letters[] = {"letters", NULL},
                             *const both[] = {"letters", "Дело Иванова", NULL},
                             *const other[] = {"other", NULL};
    return c <= '2' ? ivanov : c == '3' ? letters : c == '4' ? both : other;
}

/* setup - index the corpus in a fresh database */
static void setup(void)
{
    tmp = tu_tempdir("search");
    db_dir = tu_path(tmp, "index");
    char *err = NULL;
    index_writer *w = index_writer_open(db_dir, &err);
    ck_assert_msg(w != NULL, "open: %s", err ? err : "?");
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        index_item it = {.sha256 = sha(pages[i].sha),
                         .name = pages[i].name,
                         .path = pages[i].path,
                         .mime = "text/plain",
                         .status = "done",
                         .collections = collections_of(pages[i].sha)};
        ck_assert_msg(tu_index_page(w, &it, pages[i].page, pages[i].text, &err) == 0, "add: %s",
                      err ? err : "?");
    }
    ck_assert(index_commit(w, &err) == 0);
    index_writer_close(w);
}

/* teardown - remove the database */
static void teardown(void)
{
    tu_rmtree(tmp);
    free(db_dir);
    free(tmp);
}

/* run - index_search_ex, asserting success */
static index_results *run(const char *query, const index_search_opts *o)
{
    index_results *r = NULL;
    char *err = NULL;
    ck_assert_msg(index_search_ex(db_dir, query, o, &r, &err) == 0, "%s: %s", query,
                  err ? err : "?");
    return r;
}

/* found - the corpus letters of the hits, in rank order ("123") (static) */
static const char *found(const char *query)
{
    static char buf[4][32];
    static int next;
    char *s = buf[next++ % 4];
    index_results *r = run(query, NULL);
    size_t n = 0;
    for (size_t i = 0; i < r->count && n < 31; i++)
        s[n++] = r->hits[i].sha256[0];
    s[n] = '\0';
    index_results_free(r);
    return s;
}

/* sorted - the letters of s in order (static) */
static const char *sorted(const char *s)
{
    static char buf[32];
    snprintf(buf, sizeof buf, "%s", s);
    for (size_t i = 0; buf[i]; i++)
        for (size_t j = i + 1; buf[j]; j++)
            if (buf[j] < buf[i]) {
                char c = buf[i];
                buf[i] = buf[j];
                buf[j] = c;
            }
    return buf;
}

/* fails - the query fails with a message containing want */
static void fails(const char *query, const char *want)
{
    index_results *r = NULL;
    char *err = NULL;
    ck_assert_int_eq(index_search_ex(db_dir, query, NULL, &r, &err), -1);
    ck_assert_ptr_null(r);
    ck_assert_msg(err && strstr(err, want), "%s: %s", query, err ? err : "no message");
    free(err);
}

START_TEST(every_spelling_finds_every_document)
{
    const char *spellings[] = {
        "Siarhei Ivanou", "Сергей Иванов", "Иванова Сергея",  "Іваноў Сяргей",  "Siarhiej Ivanoŭ",
        "Sergey Ivanov",  "Sergei Ivanov", "Siergiej Iwanow", "иванову сергею",
    };
    for (size_t i = 0; i < sizeof spellings / sizeof *spellings; i++) {
        const char *f = found(spellings[i]);
        ck_assert_msg(strcmp(sorted(f), "1234") == 0, "%s found %s", spellings[i], f);
    }
    /* The protocol's Иваненко Серафим and "ивановский" are someone else. */
    ck_assert_str_eq(sorted(found("Ivanou")), "1234");
}
END_TEST

START_TEST(names_only_and_initials)
{
    ck_assert_str_eq(sorted(found("name:Ivanou")), "1234");
    ck_assert_str_eq(sorted(found("name:\"Иванову С.Н.\"")), "1234"); /* Сергей = С. */
    ck_assert_str_eq(sorted(found("Иванов С.Н.")), "1234");
    /* A given name in the query meets an initial in the text: verdict page 2. */
    index_results *r = run("name:\"Siarhei Ivanou\"", NULL);
    ck_assert_uint_eq(r->count, 4);
    index_results_free(r);
    /* Ганна is Анна. */
    ck_assert_str_eq(found("Anna Kovalchuk"), "6");
    ck_assert_str_eq(found("Hanna Kavalchuk"), "6");
    /* Not a name at all. */
    ck_assert_str_eq(found("name:Серафим"), "5");
    ck_assert_str_eq(found("name:Наталья"), "");
}
END_TEST

/* hit_letters - the corpus letters of hits[0..n), sorted (static) */
static const char *hit_letters(const index_hit *hits, size_t n)
{
    static char buf[2][32];
    static int next;
    char *s = buf[next++ % 2];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 31; i++)
        s[k++] = hits[i].sha256[0];
    s[k] = '\0';
    return sorted(s);
}

/* agrees - the exact hits and the possible matches of a query */
static void agrees(const char *query, const char *exact, const char *possible)
{
    index_results *r = run(query, NULL);
    char e[32];
    snprintf(e, sizeof e, "%s", hit_letters(r->hits, r->count));
    const char *p = hit_letters(r->possible, r->npossible);
    ck_assert_msg(strcmp(e, exact) == 0 && strcmp(p, possible) == 0,
                  "%s: exact %s possible %s, not %s and %s", query, e, p, exact, possible);
    ck_assert_int_eq(r->total, (long)strlen(exact));
    ck_assert_int_eq(r->possible_total, (long)strlen(possible));
    ck_assert(!r->total_approximate && !r->possible_approximate); /* every file seen */
    index_results_free(r);
}

START_TEST(persons_exact_and_possible)
{
    /* The list names Сергей Иванов and Анна Петрова: Анна Иванова is neither. */
    agrees("Анна Иванова", "", "1234");
    agrees("Анна Петрова", "4", "");
    /* Иваненко Серафим shares a surname only; Ганна's initial is А. too. */
    agrees("Иваненко Сергей", "", "5");
    agrees("Ковальчук А.", "6", "");
    agrees("Ковальчук Б.", "", "6");
    /* The verdict's second page agrees ("Иванову С.Н."), its first does not
     * (Сергей): a file with an exact page is never a possible match. */
    agrees("Иванов Семён Николаевич", "1", "234");
    /* Past the hits shown, the exact files are found apart: the same ones. */
    index_search_opts past = {.offset = 1};
    index_results *r = run("Иванов Семён Николаевич", &past);
    ck_assert_uint_eq(r->count, 0);
    ck_assert_int_eq(r->total, 1);
    ck_assert_str_eq(hit_letters(r->possible, r->npossible), "234");
    ck_assert_int_eq(r->possible_total, 3);
    index_results_free(r);
    /* A patronymic asked must agree where the page has one. */
    agrees("name:\"Иванов Сергей Петрович\"", "34", "12");
    /* Not a person: lower-case words match as words, with no possible matches
     * (a real English page's "The" at a sentence's start made "the tropics"
     * four possible matches), whether or not their words are found. */
    agrees("иванову сергею", "1234", "");
    agrees("иваненко сергей", "", "");
    /* Read as a name only by guessing (no word a known name part), words
     * that stand together are found as words too (a real English page's
     * "Sequence Recorder" was a possible match only). */
    agrees("Sequence Recorder", "3", "");
    /* A word never indexed as a name ("The") is no name asked for either:
     * as one, it matched "CA" of a real English page, a possible match */
    agrees("The Tropics", "", "");
}
END_TEST

START_TEST(ranking_and_matched_words)
{
    /* The accused (verdict, notice) above the list that mentions a neighbour. */
    index_results *r = run("Сергей Иванов", NULL);
    ck_assert_uint_eq(r->count, 4);
    ck_assert_msg(r->hits[3].sha256[0] == '4' || r->hits[3].sha256[0] == '3', "last: %c",
                  r->hits[3].sha256[0]);
    ck_assert(r->hits[0].sha256[0] == '1' || r->hits[0].sha256[0] == '2' ||
              r->hits[0].sha256[0] == '4');
    index_results_free(r);
    /* The exact spelling first. */
    r = run("Siarhei Ivanou", NULL);
    ck_assert_int_eq(r->hits[0].sha256[0], '3');
    index_results_free(r);
    r = run("Іваноў Сяргей", NULL);
    ck_assert_int_eq(r->hits[0].sha256[0], '2');
    /* The hit names the words that matched, and the snippet marks them. */
    ck_assert_str_eq(r->hits[0].matched[0], "Іваноў");
    ck_assert_str_eq(r->hits[0].matched[1], "Сяргей");
    char *html = output_snippet_html(&r->hits[0]); /* as JSON and the web give it */
    ck_assert_ptr_nonnull(strstr(html, "<b>Іваноў</b>"));
    free(html);
    for (size_t i = 0; i < r->count; i++)
        if (r->hits[i].sha256[0] == '1') /* page 1 or 2: Иванова or Иванову */
            ck_assert(g_str_has_prefix(r->hits[i].matched[0], "Иванов"));
    index_results_free(r);
}
END_TEST

START_TEST(the_accused_ranks_first)
{
    /* The same spelling twice: the page that makes him the accused ranks first. */
    char *err = NULL;
    index_writer *w = index_writer_open(db_dir, &err);
    ck_assert_ptr_nonnull(w);
    index_item mention = {.sha256 = sha('a'), .name = "mention.txt", .path = "/in/x/m.txt"};
    index_item accused = {.sha256 = sha('b'), .name = "accused.txt", .path = "/in/x/a.txt"};
    ck_assert_int_eq(tu_index_page(w, &mention, 1,
                                   "Сосед Сидоров Пётр Ильич видел митинг "
                                   "и рассказал о нём журналистам.",
                                   &err),
                     0);
    ck_assert_int_eq(tu_index_page(w, &accused, 1,
                                   "Уголовное дело в отношении обвиняемого "
                                   "Сидорова Петра Ильича направлено в суд.",
                                   &err),
                     0);
    index_writer_close(w);
    index_results *r = run("Piotr Sidorau", NULL);
    ck_assert_uint_eq(r->count, 2);
    ck_assert_str_eq(r->hits[0].name, "accused.txt");
    index_results_free(r);
}
END_TEST

START_TEST(fields_as_prefixes)
{
    ck_assert_str_eq(found("case:1-234/2024"), "1");
    ck_assert_str_eq(found("case:\"№ 1-234/24\""), "1");
    ck_assert_str_eq(found("article:342"), "1");
    ck_assert_str_eq(found("article:\"ч.1 ст.342\""), "1");
    ck_assert_str_eq(found("article:342/2"), "");
    ck_assert_str_eq(found("article:361¹"), "2");
    ck_assert_str_eq(found("court:\"Заречного района\""), "1");
    ck_assert_str_eq(found("court:\"Мінскі гарадскі\""), "6");
    ck_assert_str_eq(sorted(found("court:Мінск")), "16"); /* г. Минска, Минского */
    ck_assert_str_eq(found("type:verdict"), "1");
    ck_assert_str_eq(found("type:паведамленне"), "2");
    ck_assert_str_eq(sorted(found("date:2024")), "12");
    ck_assert_str_eq(found("date:2022-06"), "6");
    ck_assert_str_eq(found("date:..2022"), "6");
    ck_assert_str_eq(found("year:2023"), "4");
    ck_assert_str_eq(found("born:1986"), "1");
    ck_assert_str_eq(found("lang:be"), "2");
    ck_assert_str_eq(sorted(found("folder:letters")), "34");
    ck_assert_str_eq(found("Иванов type:verdict"), "1");
}
END_TEST

START_TEST(fields_belong_to_the_item)
{
    /* The case number is on page 1, "доказана" on page 2: one file, page 2. */
    index_results *r = run("доказана case:1-234/2024", NULL);
    ck_assert_uint_eq(r->count, 1);
    ck_assert_int_eq(r->hits[0].page, 2);
    ck_assert_str_eq(r->hits[0].cases[0], "1-234/2024");
    ck_assert_str_eq(r->hits[0].type, "verdict");
    ck_assert_str_eq(r->hits[0].date, "2024-03-14");
    ck_assert_str_eq(r->hits[0].articles[0], "342");
    ck_assert_str_eq(r->hits[0].courts[0], "Суд Заречного района г. Минска");
    index_results_free(r);
}
END_TEST

START_TEST(bad_fields_say_what_they_take)
{
    fails("date:вчера", "date:");
    fails("year:2024-03", "year:");
    fails("case:abc", "case:");
    fails("article:9999", "article:");
    fails("court:суд", "court:");
    fails("type:cake", "verdict");
    fails("lang:xx", "lang:");
    fails("name:\"123\"", "name:");
    fails("Иванов AND", "Syntax");
}
END_TEST

START_TEST(filters_sort_and_facets)
{
    index_filter f[] = {{"type", "verdict"}, {"type", "notice"}, {"year", "2024"}};
    index_search_opts o = {.filters = f, .nfilters = 3, .sort = INDEX_SORT_NEWEST, .facets = 1};
    index_results *r = run("Ivanou", &o);
    ck_assert_uint_eq(r->count, 2);
    ck_assert_int_eq(r->hits[0].sha256[0], '1'); /* 2024-03-14 before 2024-01-18 */
    ck_assert_int_eq(r->hits[1].sha256[0], '2');
    ck_assert_uint_eq(r->nfacets, 6);
    ck_assert_str_eq(r->facets[0].name, "type");
    long verdicts = 0;
    for (size_t i = 0; i < r->facets[0].count; i++)
        if (strcmp(r->facets[0].values[i].value, "verdict") == 0)
            verdicts = r->facets[0].values[i].count;
    ck_assert_int_eq(verdicts, 1); /* two pages, one file */
    index_results_free(r);

    index_search_opts all = {.facets = 1};
    r = run("", &all);
    index_results_free(r);
    r = run("NOT nothingatall", &all);
    int court_label = 0;
    for (size_t i = 0; i < r->nfacets; i++)
        for (size_t k = 0; strcmp(r->facets[i].name, "court") == 0 && k < r->facets[i].count; k++)
            court_label |= g_str_equal(r->facets[i].values[k].label,
                                       "Суд Заречного района г. Минска");
    ck_assert(court_label);
    char *json = output_results_json(r);
    ck_assert_ptr_nonnull(strstr(json, "\"facets\":[{\"name\":\"type\""));
    free(json);
    index_results_free(r);

    index_filter court = {"court", "zzz"}, bad = {"colour", "red"};
    index_search_opts oc = {.filters = &court, .nfilters = 1};
    r = run("Ivanou", &oc);
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);
    index_search_opts ob = {.filters = &bad, .nfilters = 1};
    char *err = NULL;
    ck_assert_int_eq(index_search_ex(db_dir, "Ivanou", &ob, &r, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "colour"));
    free(err);
}
END_TEST

/* facet_count - the count of value v of facet `name` among r's facets (0 if absent) */
static long facet_count(const index_results *r, const char *name, const char *v)
{
    for (size_t i = 0; i < r->nfacets; i++)
        for (size_t k = 0; strcmp(r->facets[i].name, name) == 0 && k < r->facets[i].count; k++)
            if (strcmp(r->facets[i].values[k].value, v) == 0)
                return r->facets[i].values[k].count;
    return 0;
}

/* many_files - a new index tmp/name of n one-page files, file i's text
 * written by text into a buffer of TEXT_MAX bytes; its path (free). File
 * i's SHA-256 holds i + 1 in each half, so that its files differ in the
 * first half too, which the index tells files apart by (IX_SLOT_FILE). */
#define TEXT_MAX 200
static char *many_files(const char *name, int n, void (*text)(int i, char *buf))
{
    char *dir = tu_path(tmp, name), *err = NULL;
    index_writer *w = index_writer_open(dir, &err);
    ck_assert_msg(w != NULL, "open: %s", err ? err : "?");
    for (int i = 0; i < n; i++) {
        char sha_hex[65], buf[TEXT_MAX];
        snprintf(sha_hex, sizeof sha_hex, "%032x%032x", i + 1, i + 1);
        text(i, buf);
        index_item it = {.sha256 = sha_hex,
                         .name = "p.txt",
                         .path = "/in/p.txt",
                         .mime = "text/plain",
                         .status = "done"};
        ck_assert(tu_index_page(w, &it, 1, buf, &err) == 0);
    }
    ck_assert(index_commit(w, &err) == 0);
    index_writer_close(w);
    return dir;
}

/* verdict_text - a verdict under article 342, every fourth under 130 too */
static void verdict_text(int i, char *buf)
{
    snprintf(buf, TEXT_MAX,
             "ПРИГОВОР по делу, предусмотренному ч. 1 ст. 342%s УК "
             "Республики Беларусь. Номер %d.",
             i % 4 ? "" : ", ч. 2 ст. 130", i);
}

/* a broad query's facets count the pages examined, scaled and flagged */
START_TEST(broad_facets_are_estimated)
{
    char *dir = many_files("broad", 400, verdict_text), *err = NULL;
    index_search_opts exact = {.facets = 1, .facet_check = 1000},
                      few = {.facets = 1, .limit = 1, .facet_check = 50};
    index_results *r = NULL; /* a boolean query: Xapian stops at the pages it must see */
    ck_assert_int_eq(index_search_ex(dir, "article:342", &exact, &r, &err), 0);
    ck_assert_int_eq(r->total, 400);
    ck_assert(!r->facets_approximate);
    ck_assert_int_eq(facet_count(r, "article", "342"), 400);
    ck_assert_int_eq(facet_count(r, "article", "130"), 100);
    char *json = output_results_json(r);
    ck_assert_ptr_null(strstr(json, "facets_approximate"));
    free(json);
    index_results_free(r);
    ck_assert_int_eq(index_search_ex(dir, "article:342", &few, &r, &err), 0);
    ck_assert(r->facets_approximate); /* 101 of 400 pages examined */
    long a = facet_count(r, "article", "342"), b = facet_count(r, "article", "130");
    ck_assert_msg(a == r->total && b >= 80 && b <= 120, "342: %ld, 130: %ld of %ld", a, b,
                  r->total);
    json = output_results_json(r);
    ck_assert_ptr_nonnull(strstr(json, "\"facets_approximate\":true"));
    free(json);
    index_results_free(r);
    free(dir);
}
END_TEST

#define DATED_FILES 1200
#define DATED_NONE 10 /* every tenth file has no date */
#define DATED_RARE 97 /* every 97th has a rarer word */

/* dated_order - file i's place among the dated files' dates, oldest first:
 * they are all different, in no order of i */
static int dated_order(int i)
{
    return (int)((long)i * 7919 % DATED_FILES);
}

/* dated_text - file i's date (none for every tenth, which has a typing
 * error's year instead), with a rarer word in some */
static void dated_text(int i, char *buf)
{
    int p = dated_order(i);
    if (i % DATED_NONE == 0)
        snprintf(buf, TEXT_MAX, "Дело рассмотрено 01.05.2204 года.%s",
                 i % DATED_RARE ? "" : " Особо тяжкое.");
    else
        snprintf(buf, TEXT_MAX, "Дело рассмотрено %02d.%02d.%d года.%s", p % 4 * 7 + 1,
                 p % 48 / 4 + 1, 1990 + p / 48, i % DATED_RARE ? "" : " Особо тяжкое.");
}

/* newest_order - the files with word `rare` (or all), newest first: their SHA-256
 * from offset on, at most n, into out (each 65 bytes); how many */
static size_t newest_order(int rare, size_t offset, size_t n, char (*out)[65])
{
    size_t k = 0, skipped = 0;
    for (int p = DATED_FILES - 1; p >= 0 && k < n; p--)
        for (int i = 0; i < DATED_FILES; i++)
            if (dated_order(i) == p && i % DATED_NONE != 0 && (!rare || i % DATED_RARE == 0) &&
                skipped++ >= offset)
                snprintf(out[k++], 65, "%032x%032x", i + 1, i + 1);
    return k;
}

/* newest first, a common word is sorted among the latest months' pages
 * first and a rarer one among more: both give the files in date order */
START_TEST(newest_first_in_date_order)
{
    char *dir = many_files("dated", DATED_FILES, dated_text), *err = NULL;
    const struct {
        const char *query;
        size_t offset, limit;
        int facets;
    } asked[] = {{"дело", 0, 5, 0},
                 {"дело", 4, 3, 0},
                 {"дело", 30, 10, 0},
                 {"особо", 0, 5, 0},
                 {"дело", 0, 5, 1}};
    for (size_t a = 0; a < G_N_ELEMENTS(asked); a++) {
        index_search_opts o = {.sort = INDEX_SORT_NEWEST,
                               .offset = asked[a].offset,
                               .limit = asked[a].limit,
                               .facets = asked[a].facets};
        index_results *r = NULL;
        ck_assert_int_eq(index_search_ex(dir, asked[a].query, &o, &r, &err), 0);
        char want[10][65];
        int rare = strcmp(asked[a].query, "дело") != 0;
        size_t n = newest_order(rare, asked[a].offset, asked[a].limit, want);
        ck_assert_uint_eq(r->count, n);
        for (size_t i = 0; i < n; i++)
            ck_assert_msg(strcmp(r->hits[i].sha256, want[i]) == 0, "%s +%zu: hit %zu is %s, not %s",
                          asked[a].query, asked[a].offset, i, r->hits[i].sha256, want[i]);
        long all = rare ? DATED_FILES / DATED_RARE + 1 : DATED_FILES;
        /* an estimate, which Xapian rounds (1,200 is "1,000") */
        ck_assert_msg(r->total_approximate ? r->total >= all / 2 && r->total <= all * 2
                                           : r->total == all,
                      "%s: %ld files%s, not %ld", asked[a].query, r->total,
                      r->total_approximate ? " (approximately)" : "", all);
        if (asked[a].facets) { /* of every file (5,000 pages are counted), 1995's 48 */
            ck_assert(!r->facets_approximate);
            long in_1995 = 0;
            for (int i = 0; i < DATED_FILES; i++)
                in_1995 += i % DATED_NONE != 0 && dated_order(i) / 48 == 5;
            ck_assert_int_eq(facet_count(r, "year", "1995"), in_1995);
        }
        index_results_free(r);
    }
    free(dir);
}
END_TEST

START_TEST(exact_search_has_no_name_keys)
{
    index_search_opts o = {.exact = 1};
    index_results *r = run("Ivanou", &o);
    ck_assert_uint_eq(r->count, 1);
    index_results_free(r);
}
END_TEST

START_TEST(batch_search)
{
    index_batch *b = NULL;
    char *err = NULL;
    const char *list = "# people\nSiarhei Ivanou\n\nКовальчук, Ганна\nNobody Nowhere\ndate:bad\n";
    ck_assert_int_eq(index_batch_search(db_dir, list, NULL, &b, &err), 0);
    ck_assert_uint_eq(b->count, 4);
    ck_assert_str_eq(b->lines[1].query, "Ковальчук Ганна");
    ck_assert_int_eq(b->lines[0].results->total, 4);
    ck_assert_int_eq(b->lines[1].results->total, 1);
    ck_assert_int_eq(b->lines[2].results->total, 0);
    ck_assert_ptr_null(b->lines[3].results);
    ck_assert_ptr_nonnull(strstr(b->lines[3].error, "date:"));
    char *csv = output_batch_csv(b), *json = output_batch_json(b), *text = output_batch_text(b);
    ck_assert(g_str_has_prefix(csv, "line,query,found,possible,rank,file,page,cases,"));
    ck_assert_ptr_nonnull(strstr(csv, "\n1,\"Siarhei Ivanou\",4,0,1,"));
    ck_assert_ptr_nonnull(strstr(csv, "\"1-234/2024\""));
    ck_assert_ptr_nonnull(strstr(csv, "\n3,\"Nobody Nowhere\",0,0,,"));
    ck_assert_ptr_nonnull(strstr(json, "\"lines\":[{\"query\":\"Siarhei Ivanou\""));
    ck_assert_ptr_nonnull(strstr(text, "1. Siarhei Ivanou: 4 files"));
    free(csv);
    free(json);
    free(text);
    index_batch_free(b);
    /* No database yet: every line, no hits. */
    ck_assert_int_eq(index_batch_search("/nonexistent/dokaz", "a\nb", NULL, &b, &err), 0);
    ck_assert_uint_eq(b->count, 2);
    ck_assert_int_eq(b->lines[0].results->total, 0);
    index_batch_free(b);
}
END_TEST

/* a batch line counts what a search of the line finds: its files, and apart
 * its possible matches, which it does not list */
START_TEST(batch_counts_as_search)
{
    static const char *const lines[] = {"Анна Иванова",    "Иванов Семён Николаевич",
                                        "Иваненко Сергей", "Ковальчук Б.",
                                        "Siarhei Ivanou",  "name:\"Иванов Сергей Петрович\""};
    GString *list = g_string_new(NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++)
        g_string_append_printf(list, "%s\n", lines[i]);
    index_batch *b = NULL;
    char *err = NULL;
    ck_assert_int_eq(index_batch_search(db_dir, list->str, NULL, &b, &err), 0);
    ck_assert_uint_eq(b->count, G_N_ELEMENTS(lines));
    long possible = 0;
    for (size_t i = 0; i < b->count; i++) {
        const index_results *line = b->lines[i].results;
        index_results *r = run(lines[i], NULL);
        ck_assert_msg(line->total == r->total && line->possible_total == r->possible_total,
                      "%s: the batch counts %ld and %ld, a search %ld and %ld", lines[i],
                      line->total, line->possible_total, r->total, r->possible_total);
        ck_assert_uint_eq(line->npossible, 0);
        possible += line->possible_total;
        index_results_free(r);
    }
    ck_assert_int_eq(possible, 4 + 3 + 1 + 1 + 0 + 2); /* persons_exact_and_possible says which */
    index_batch_free(b);
    g_string_free(list, TRUE);
}
END_TEST

/* a long list runs on several searchers at once (as many as cores, up to
 * IX_BATCH_THREADS_MAX), through index_batch_search and a pool alike: every
 * line keeps its place, and finds what a search of it alone finds */
START_TEST(long_batch_keeps_its_order)
{
    static const char *const lines[] = {"Анна Иванова", "Ковальчук Б.", "date:bad",
                                        "Siarhei Ivanou", "Nobody Nowhere"};
    enum { N = 60 };
    GString *list = g_string_new(NULL);
    for (size_t i = 0; i < N; i++)
        g_string_append_printf(list, "%s\n", lines[i % G_N_ELEMENTS(lines)]);
    long total[G_N_ELEMENTS(lines)];
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
        index_results *r = NULL;
        char *err = NULL;
        total[i] = index_search_ex(db_dir, lines[i], NULL, &r, &err) == 0 ? r->total : -1;
        index_results_free(r);
        free(err);
    }
    size_t cores = (size_t)g_get_num_processors();
    ck_assert_uint_eq(ix_batch_threads(N), MIN(cores, IX_BATCH_THREADS_MAX));
    ck_assert_uint_eq(ix_batch_threads(2), 1);
    index_pool *p = index_pool_new(db_dir);
    for (int pooled = 0; pooled < 2; pooled++) {
        index_batch *b = NULL;
        char *err = NULL;
        ck_assert_int_eq(pooled ? index_pool_batch(p, list->str, NULL, &b, &err)
                                : index_batch_search(db_dir, list->str, NULL, &b, &err),
                         0);
        ck_assert_uint_eq(b->count, N);
        for (size_t i = 0; i < N; i++) {
            const index_batch_line *l = &b->lines[i];
            size_t k = i % G_N_ELEMENTS(lines);
            ck_assert_str_eq(l->query, lines[k]);
            if (total[k] < 0)
                ck_assert_ptr_nonnull(l->error);
            else
                ck_assert_int_eq(l->results->total, total[k]);
        }
        index_batch_free(b);
    }
    index_pool_free(p);
    g_string_free(list, TRUE);
}
END_TEST

/* witness_text - Петров Пётр a witness */
static void witness_text(int i, char *buf)
{
    snprintf(buf, TEXT_MAX, "Свидетель Петров Пётр Ильич дал показания %d раз.", i % 7);
}

/* estimated counts are flagged, and every format says so: 300 files name
 * Петров Пётр, a possible match of Петров Иван; a batch counts 100 of them
 * and estimates the rest, a search ranks them all and so counts them */
START_TEST(estimated_counts_are_flagged)
{
    char *dir = many_files("petrov", 300, witness_text), *err = NULL;
    index_batch *b = NULL;
    ck_assert_int_eq(index_batch_search(dir, "Петров Иван\nПетров Пётр\n", NULL, &b, &err), 0);
    const index_results *ivan = b->lines[0].results, *petr = b->lines[1].results;
    ck_assert_msg(ivan->possible_approximate && ivan->possible_total >= 100, "%ld",
                  ivan->possible_total);
    ck_assert(ivan->total == 0 && !ivan->total_approximate);
    ck_assert_int_eq(petr->possible_total, 0);
    char *json = output_batch_json(b), *text = output_batch_text(b);
    ck_assert_msg(strstr(json, "\"possible_approximate\":true"), "%s", json);
    ck_assert_msg(strstr(text, "1. Петров Иван: 0 files (and ~"), "%s", text);
    free(json);
    free(text);
    index_batch_free(b);
    index_results *r = NULL;
    ck_assert_int_eq(index_search_ex(dir, "Петров Иван", NULL, &r, &err), 0);
    ck_assert_uint_eq(r->npossible, 20);
    ck_assert_int_eq(r->possible_total, 300);
    ck_assert(!r->possible_approximate);
    json = output_results_json(r), text = output_results_text(r);
    ck_assert_msg(!strstr(json, "approximate") && strstr(text, "possible matches: 300 files"),
                  "%s\n%s", json, text);
    free(json);
    free(text);
    index_results_free(r);
    free(dir);
}
END_TEST

/* namesake_text - Петров Пётр Ильич in two files of three, his namesake
 * Петров Иван Сергеевич in the third */
static void namesake_text(int i, char *buf)
{
    snprintf(buf, TEXT_MAX, "Свидетель Петров %s дал показания %d раз.",
             i % 3 ? "Пётр Ильич" : "Иван Сергеевич", i % 7);
}

/* more exact files than hits: the possible hits are those of the namesake
 * (the exact files among the first possible ones left out); a batch line
 * counts its possible ones among the first files found, then estimates:
 * near the search's count */
START_TEST(batch_counts_possible_among_many_exact)
{
    char *dir = many_files("namesakes", 600, namesake_text), *err = NULL;
    index_results *r = NULL;
    ck_assert_int_eq(index_search_ex(dir, "Петров Пётр", NULL, &r, &err), 0);
    ck_assert_int_eq(r->total, 400);
    ck_assert_msg(r->possible_total == 200, "%ld possible%s", r->possible_total,
                  r->possible_approximate ? " (approximately)" : "");
    ck_assert_uint_eq(r->npossible, 20); /* Иван's files, none of Пётр's */
    for (size_t i = 0; i < r->npossible; i++) {
        long file = strtol(r->possible[i].sha256 + 32, NULL, 16) - 1;
        ck_assert_msg(file % 3 == 0, "possible hit %zu is file %ld, Пётр's", i, file);
    }
    index_results_free(r);
    index_batch *b = NULL;
    ck_assert_int_eq(index_batch_search(dir, "Петров Пётр\n", NULL, &b, &err), 0);
    const index_results *line = b->lines[0].results;
    ck_assert_msg(line->possible_approximate && line->possible_total >= 170 &&
                      line->possible_total <= 230,
                  "%ld possible%s", line->possible_total,
                  line->possible_approximate ? " (approximately)" : "");
    index_batch_free(b);
    free(dir);
}
END_TEST

/* surname_pages - pages naming Андреева or Андреев (several times on some),
 * others naming Татьяна, one naming both far apart: no page has the two near */
static const char *const surname_pages[] = {
    "Свидетель Андреев дал показания.",
    "Андреева. Суд. Андреева. Дело. Андреева. Протокол. Андреева.",
    "Андреев и Андреев явились в суд.",
    "Андреева, Андреева и Андреев. Заседание. Андреева.",
    "Вызвать Татьяна в суд.",
    "Андреев явился. Суд рассмотрел дело и вынес решение по делу. Татьяна.",
    "Татьяна. Протокол. Татьяна. Татьяна.",
    "Андреева показала, что Андреев присутствовал. Андреев.",
    "Татьяна дала показания.",
    "Андреев."};

/* surname_text - surname_pages, in turn */
static void surname_text(int i, char *buf)
{
    g_strlcpy(buf, surname_pages[(size_t)i % G_N_ELEMENTS(surname_pages)], TEXT_MAX);
}

/* surname_text_of - the text many_files gave the file of this SHA-256 */
static const char *surname_text_of(const char *sha256)
{
    size_t i = (size_t)strtoul(sha256 + 48, NULL, 16) - 1;
    return surname_pages[i % G_N_ELEMENTS(surname_pages)];
}

/* A page that names neither Татьяна nor Ольга is as possible a match of
 * Андреева Татьяна as of Андреева Ольга, with the same weight: what the two
 * names share is all it holds. (Xapian 1.4 added the weight of the words
 * near each other, OP_NEAR, to pages without them when it was one of the
 * optional parts of the query.) */
START_TEST(possible_weights_hold_only_what_matched)
{
    char *dir = many_files("andreeva", 40, surname_text), *err = NULL;
    index_results *tatiana = NULL, *olga = NULL;
    index_search_opts all = {.limit = 100};
    ck_assert_int_eq(index_search_ex(dir, "Андреева Татьяна", &all, &tatiana, &err), 0);
    ck_assert_int_eq(index_search_ex(dir, "Андреева Ольга", &all, &olga, &err), 0);
    size_t compared = 0;
    for (size_t i = 0; i < tatiana->npossible; i++)
        for (size_t j = 0; j < olga->npossible; j++)
            if (strcmp(tatiana->possible[i].sha256, olga->possible[j].sha256) == 0 &&
                !strstr(surname_text_of(tatiana->possible[i].sha256), "Татьяна")) {
                ck_assert_msg(fabs(tatiana->possible[i].score - olga->possible[j].score) < 1e-9,
                              "%s: %g against %g", tatiana->possible[i].sha256,
                              tatiana->possible[i].score, olga->possible[j].score);
                compared++;
            }
    ck_assert_uint_ge(compared, 16);
    index_results_free(tatiana);
    index_results_free(olga);
    free(dir);
}
END_TEST

/* a batch past its deadline: the lines left are counted, and every format says so */
START_TEST(batch_time_limit)
{
    index_batch *b = NULL;
    char *err = NULL;
    index_search_opts past = {.deadline_us = 1}, future = {.deadline_us = G_MAXINT64};
    ck_assert_int_eq(index_batch_search(db_dir, "Ivanou\n# note\nКовальчук\n", &past, &b, &err), 0);
    ck_assert_uint_eq(b->count, 0);
    ck_assert_uint_eq(b->unsearched, 2);
    char *csv = output_batch_csv(b), *json = output_batch_json(b), *text = output_batch_text(b);
    ck_assert_msg(strstr(csv, "\n,,,,,,,,,,,,,,,truncated: time limit: 2 lines not searched\n"),
                  "%s", csv);
    ck_assert_msg(strstr(json, "\"truncated\":\"time limit\",\"unsearched\":2"), "%s", json);
    ck_assert_msg(strstr(text, "truncated: time limit: 2 lines not searched"), "%s", text);
    free(csv);
    free(json);
    free(text);
    index_batch_free(b);
    ck_assert_int_eq(index_batch_search(db_dir, "Ivanou\nКовальчук\n", &future, &b, &err), 0);
    ck_assert_uint_eq(b->count, 2);
    ck_assert_uint_eq(b->unsearched, 0);
    json = output_batch_json(b);
    ck_assert_ptr_null(strstr(json, "truncated"));
    free(json);
    index_batch_free(b);
}
END_TEST

START_TEST(hostile_queries)
{
    const char *odd[] = {
        "name:",
        "name:\"",
        "name:\"\"",
        "case:",
        "date:..",
        "court:\"\"",
        "С.Н.",
        "Ш.",
        "-name:x",
        "name:(a b)",
        "\"Иванов Сергей\"",
        "Иванов*",
        "name:dkzq99",
        "dkzq0",
        "a.b.c.",
        "Иванов NEAR Сергей",
        "NOT Иванов Сергей",
        "+Иванов -Сергей",
        /* a loved quoted name: value crashes Xapian 1.4's parser unless
         * the rewrite takes it (found by fuzz_query) */
        "приговор +!name:\"Иванов\"",
        "(d)+!name:\"x",
        "d +.-name:\"x y\"",
        "d +«name:\"x\"y",
        "d -!name:\"x\"",
        "d +\xd0name:\"x\"",
    };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        index_results *r = NULL;
        char *err = NULL;
        int rc = index_search_ex(db_dir, odd[i], NULL, &r, &err);
        ck_assert_msg((rc == 0 && r != NULL) || (rc == -1 && err != NULL && *err), "%s", odd[i]);
        index_results_free(r);
        free(err);
    }
    ck_assert_str_eq(found("\"Иванова Сергея\""), "1");
}
END_TEST

/* A remote shard cannot leave the exact files out of the possible matches
 * as the matcher meets them (no match decider there): they are left out by
 * their terms, and the answers are the same, with the short file keys and
 * with the hashes of an older index alike. The verdict (1) is exact by its
 * second page and would be possible by its first. */
START_TEST(remote_shards_leave_exact_files_out_too)
{
    char *conf = tu_path(tmp, "shards.conf");
    char *text = g_strdup_printf("shard A = remote pipe xapian-progsrv %s\n", db_dir);
    tu_write(conf, text, strlen(text));
    for (int older = 0; older < 2; older++) {
        if (older)
            tu_drop_file_key(db_dir, sha('4'), 1);
        agrees("Иванов Семён Николаевич", "1", "234");
        agrees("Анна Иванова", "", "1234");
        index_results *r = run("Иванов Семён Николаевич", &(index_search_opts){.offset = 1});
        ck_assert_str_eq(hit_letters(r->possible, r->npossible), "234");
        ck_assert_str_eq(r->possible[0].shard, "A"); /* through the shard indeed */
        index_results_free(r);
    }
    g_free(text);
    free(conf);
}
END_TEST

/* letters_of - the corpus letters of the hits, sorted (static) */
static const char *letters_of(const index_results *r)
{
    static char buf[32];
    size_t n = 0;
    for (size_t i = 0; i < r->count && n < 31; i++)
        buf[n++] = r->hits[i].sha256[0];
    buf[n] = '\0';
    return sorted(buf);
}

/* a person's surname key is not a collection: a user granted a collection
 * named as a surname key sees none of the pages naming that surname (the two
 * prefixes once were one, "XK") */
START_TEST(a_surname_is_no_collection)
{
    char *err = NULL;
    names *n = names_new(&err);
    ck_assert_msg(n != NULL, "%s", err ? err : "?");
    char key[NAMES_KEY_MAX];
    const char *surname = "Ковальчук";
    ck_assert_uint_gt(names_key(n, surname, strlen(surname), key), 0);
    names_free(n);
    const char *const granted[] = {key, NULL};
    index_search_opts o = {.limit = 50, .collections = granted};
    ck_assert_str_eq(found("Ковальчук"), "6");
    index_results *r = run("Ковальчук", &o);
    ck_assert_uint_eq(r->count, 0);
    ck_assert_uint_eq(r->total, 0);
    index_results_free(r);
    r = run("арест", &o);
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);
}
END_TEST

START_TEST(collections_filter_the_search)
{
    const char *const letters[] = {"letters", NULL}, *const ivanov[] = {"Дело Иванова", NULL},
                      *const none[] = {NULL};
    index_search_opts o = {.limit = 50, .facets = 1, .collections = letters};
    ck_assert_str_eq(sorted(found("Иванов")), "1234");
    index_results *r = run("Иванов", &o);
    ck_assert_str_eq(letters_of(r), "34");
    ck_assert_int_eq(r->total, 2);
    for (size_t i = 0; i < r->nfacets; i++) /* counted within the collection only */
        for (size_t k = 0; k < r->facets[i].count; k++)
            ck_assert_msg(strcmp(r->facets[i].values[k].value, "be") != 0 &&
                              strcmp(r->facets[i].values[k].value, "verdict") != 0,
                          "facet %s counts %s", r->facets[i].name, r->facets[i].values[k].value);
    index_results_free(r);
    o.collections = ivanov;
    r = run("Иванов", &o);
    ck_assert_str_eq(letters_of(r), "124");
    index_results_free(r);
    /* a filter and a field query stay within it too */
    index_filter lang = {"lang", "be"};
    o.filters = &lang;
    o.nfilters = 1;
    o.collections = letters;
    r = run("Іваноў", &o);
    ck_assert_uint_eq(r->count, 0);
    index_results_free(r);
    o.filters = NULL;
    o.nfilters = 0;
    /* no collection granted: nothing, not even a count */
    o.collections = none;
    r = run("Иванов", &o);
    ck_assert_uint_eq(r->count, 0);
    ck_assert_int_eq(r->total, 0);
    index_results_free(r);
    /* an item is visible in its collections only */
    char *err = NULL;
    ck_assert_int_eq(index_item_visible(db_dir, sha('4'), letters, &err), 1);
    ck_assert_int_eq(index_item_visible(db_dir, sha('4'), ivanov, &err), 1);
    ck_assert_int_eq(index_item_visible(db_dir, sha('1'), letters, &err), 0);
    ck_assert_int_eq(index_item_visible(db_dir, sha('1'), NULL, &err), 1);
    ck_assert_int_eq(index_item_visible(db_dir, sha('9'), NULL, &err), 0);
    /* a batch line is limited as a search is */
    index_batch *b = NULL;
    index_search_opts bo = {.collections = letters};
    ck_assert_int_eq(index_batch_search(db_dir, "Иванов\nПриговор\n", &bo, &b, &err), 0);
    ck_assert_str_eq(letters_of(b->lines[0].results), "34");
    ck_assert_uint_eq(b->lines[1].results->count, 0);
    index_batch_free(b);
}
END_TEST

/* pool_total - the total of query through the pool, asserting success */
static long pool_total(index_pool *p, const char *query)
{
    index_results *r = NULL;
    char *err = NULL;
    ck_assert_msg(index_pool_search(p, query, NULL, &r, &err) == 0, "%s: %s", query,
                  err ? err : "?");
    long total = r->total;
    index_results_free(r);
    return total;
}

/* add_letter - index one more page naming Ivanou into the database in dir */
static void add_letter(const char *dir, char c)
{
    char *err = NULL;
    index_writer *w = index_writer_open(dir, &err);
    ck_assert_msg(w != NULL, "open: %s", err ? err : "?");
    index_item it = {.sha256 = sha(c),
                     .name = "more.txt",
                     .path = "/in/more.txt",
                     .mime = "text/plain",
                     .status = "done"};
    ck_assert(tu_index_page(w, &it, 1, "Another letter about Siarhei Ivanou.", &err) == 0);
    ck_assert(index_commit(w, &err) == 0);
    index_writer_close(w);
}

/* a pool's readers answer as a fresh one, see each commit and a replaced index */
START_TEST(a_pool_follows_commits)
{
    index_pool *p = index_pool_new(db_dir);
    index_results *mine = NULL, *fresh = run("Ivanou", NULL);
    char *err = NULL;
    ck_assert_int_eq(index_pool_search(p, "Ivanou", NULL, &mine, &err), 0);
    char *a = output_results_json(mine), *b = output_results_json(fresh);
    ck_assert_str_eq(a, b); /* the same hits, snippets and counts */
    free(a);
    free(b);
    index_results_free(mine);
    index_results_free(fresh);
    ck_assert_int_eq(pool_total(p, "Siarhei Ivanou"), 4);
    add_letter(db_dir, '7');
    ck_assert_int_eq(pool_total(p, "Siarhei Ivanou"), 5);
    index_batch *batch = NULL;
    ck_assert_int_eq(index_pool_batch(p, "Siarhei Ivanou\nКовальчук Ганна", NULL, &batch, &err), 0);
    ck_assert_int_eq(batch->lines[0].results->total, 5);
    ck_assert_int_eq(batch->lines[1].results->total, 1);
    index_batch_free(batch);
    /* Another index renamed into place (as a compaction does), at the same
     * revision (two commits), which Xapian's reopen alone would not notice. */
    char *other = tu_path(tmp, "other"), *old = tu_path(tmp, "old");
    add_letter(other, '8');
    add_letter(other, '9');
    ck_assert(rename(db_dir, old) == 0 && rename(other, db_dir) == 0);
    ck_assert_int_eq(pool_total(p, "Siarhei Ivanou"), 2);
    ck_assert_int_eq(pool_total(p, "Ковальчук Ганна"), 0);
    index_pool_free(p);
    /* No index yet: no hits, no error. */
    p = index_pool_new(old);
    tu_rmtree(old);
    ck_assert_int_eq(pool_total(p, "Ivanou"), 0);
    index_pool_free(p);
    free(other);
    free(old);
}
END_TEST

/* search_suite - all of the above */
static Suite *search_suite(void)
{
    Suite *s = suite_create("search");
    TCase *tc = tcase_create("names-and-fields");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, every_spelling_finds_every_document);
    tcase_add_test(tc, names_only_and_initials);
    tcase_add_test(tc, persons_exact_and_possible);
    tcase_add_test(tc, ranking_and_matched_words);
    tcase_add_test(tc, the_accused_ranks_first);
    tcase_add_test(tc, collections_filter_the_search);
    tcase_add_test(tc, a_surname_is_no_collection);
    tcase_add_test(tc, fields_as_prefixes);
    tcase_add_test(tc, fields_belong_to_the_item);
    tcase_add_test(tc, bad_fields_say_what_they_take);
    tcase_add_test(tc, filters_sort_and_facets);
    tcase_add_test(tc, broad_facets_are_estimated);
    tcase_add_test(tc, newest_first_in_date_order);
    tcase_add_test(tc, exact_search_has_no_name_keys);
    tcase_add_test(tc, batch_search);
    tcase_add_test(tc, batch_counts_as_search);
    tcase_add_test(tc, estimated_counts_are_flagged);
    tcase_add_test(tc, batch_counts_possible_among_many_exact);
    tcase_add_test(tc, possible_weights_hold_only_what_matched);
    tcase_add_test(tc, batch_time_limit);
    tcase_add_test(tc, long_batch_keeps_its_order);
    tcase_add_test(tc, hostile_queries);
    tcase_add_test(tc, remote_shards_leave_exact_files_out_too);
    tcase_add_test(tc, a_pool_follows_commits);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(search_suite());
}
