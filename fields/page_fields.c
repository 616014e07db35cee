/*
 * page_fields.c - the rules, compiled once, and what they find on a page: case
 * numbers and Criminal Code articles.
 *
 * The rules are GLib regular expressions over the normalised text (lower
 * case, one dash, one "№"), so each is written once for every spelling and
 * OCR slip it must survive: "Ме 1-234/2024" is "№ 1-234/2024" read by OCR,
 * "ст 342" is "ст. 342" without its full stop. An article followed by
 * another code (УПК, КоАП, КпАП) is not a Criminal Code article; one
 * followed by no code is taken as one, since verdicts name the code once and
 * then cite its articles bare.
 *
 * Functions: fields_new, fields_free, fields_extract, fields_extract_dates, fields_page_free,
 * fields_find_cases, fields_find_articles, fields_case_text, fields_group_num.
 */
#include "fields/fields_int.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "№" and what OCR makes of it, as the start of a number */
#define NUM "(?:№№?|n[o°º]?|ne|ме|мо)\\.?\\s*"
/* one article number: 342, 361-1 */
#define ART_NUM "\\d{1,3}(?:\\s*-\\s*\\d{1,2}(?!\\d))?(?![\\d]|\\.\\d)"
#define LIST_SEP "\\s*(?:,|и|і|або|или)\\s*"

/* The patterns, in the order of the GRegex members of struct fields. */
static const char *const patterns[] = {
    /* case_num: № + single-digit category, as courts number cases */
    "(?<![\\p{L}\\d])" NUM "(\\d)\\s*-\\s*(\\d{1,6})\\s*/\\s*(\\d{4}|\\d{2})(?![\\d/-])",
    /* case_ctx: after дело / справа (OCR's "спрана" too), a category of one or two digits */
    "(?:дел\\p{L}*|спра[вн]\\p{L}*|case)\\s*(?:" NUM ")?(\\d{1,2})\\s*-\\s*(\\d{1,6})\\s*/\\s*"
    "(\\d{4}|\\d{2})(?![\\d/-])",
    /* case_long: investigators' 10-15 digit numbers, only after дело / справа /
       следственный, across a bracket, colon, comma or "номер" */
    "(?:дел\\p{L}*|спра[вн]\\p{L}*|case|следственн\\p{L}*|следч\\p{L}*)"
    "(?:\\s*[(:,]|\\s+(?:номер|нумар|number)\\p{L}*)*\\s*(?:" NUM ")?(\\d{10,15})(?!\\d)",
    /* case_more: right after one, the next of a list */
    "^\\s*(?:,|и|і|and)\\s*(?:" NUM ")?(\\d{10,15})(?!\\d)",
    /* article: (parts) ст|статья|арт|артыкул (numbers) */
    "(?<![\\p{L}\\d])((?:(?:ч|чч|ч\\.\\s*ч|част\\p{L}*|частк\\p{L}*)\\.?\\s*\\d{1,2}"
    "(?:" LIST_SEP "(?:(?:ч|част\\p{L}*)\\.?\\s*)?\\d{1,2}(?!\\d))*\\s*)?)"
    "(?:ст|стст|ст\\.\\s*ст|стат\\p{L}*|арт|арт\\.\\s*арт|артыкул\\p{L}*)(?!\\p{L})\\.?\\s*"
    "(" ART_NUM "(?:" LIST_SEP ART_NUM ")*)",
    /* code_after: the first code named within the next few words */
    "^[^.;:]{0,60}?(?<!\\p{L})(ук|кк|уголовного\\s+кодекса|крымінальнага\\s+кодэкса|"
    "упк|кпк|коап|кпап|каап|пикоап|пвкаап|гк|гпк|жк|нк|уик|уголовно-процессуального|"
    "крымінальна-працэсуальнага|кодекса\\s+об\\s+адм\\p{L}*|кодэкса\\s+аб\\s+адм\\p{L}*|"
    "кодекса|кодэкса)(?!\\p{L})",
    /* date_num: 12.03.2024, 1/3/24 */
    "(?<![\\d./])(\\d{1,2})\\s?[./]\\s?(\\d{1,2})\\s?[./]\\s?(\\d{4}|\\d{2})(?!\\d)",
    /* date_iso */
    "(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)",
    /* date_word: 12 марта 2024, «12» сакавіка 2024, 12 March 2024, 12 marca 2024 */
    "(?<!\\d)(\\d{1,2})\\s*(?:-?го)?\\s*[»\"”]?\\s*"
    "(январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    "студзен|лют|сакавік|красавік|чэрвен|ліпен|жні[ўу]н|верас|кастрычнік|лістапад|снеж|"
    "januar|february|march|april|may|june|july|august|september|october|november|december|"
    "stycz|lut|marc|kwie|maj|czerw|lip|sierp|wrze[sś]|pa[zź]dzier|listopad|grud)"
    "\\p{L}*\\.?\\s*(\\d{4})(?!\\d)",
    /* date_en: March 12, 2024 */
    "(january|february|march|april|may|june|july|august|september|october|november|"
    "december)\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)",
    /* birth_after: right after a date */
    "^\\s*(?:(?:г\\.?|года|гады)\\s*)?(?:р\\.?(?!\\p{L})|н\\.(?!\\p{L})|рождения|нараджэння)",
    /* birth_before: just before a date */
    "(?:родил\\p{L}*|родивш\\p{L}*|рожд\\p{L}*|нарадзі\\p{L}*|нараджэн\\p{L}*|born|birth|д\\.\\s*р\\.|"
    "урожд\\p{L}*)[^.;]{0,12}$",
    /* birth_year: 1986 г.р., 1986 года рождения */
    "(?<![\\d./])(\\d{4})\\s*(?:г\\.?\\s*р\\.?(?!\\p{L})|года\\s+рождения|г\\.\\s*рождения|"
    "гады\\s+нараджэння|года\\s+нараджэння|г\\.\\s*н\\.(?!\\p{L}))",
};

/* regex_slot - the i-th GRegex member of f */
static GRegex **regex_slot(fields *f, size_t i)
{
    GRegex **slots[] = {&f->case_num,  &f->case_ctx,   &f->case_long,   &f->case_more,
                        &f->article,   &f->code_after, &f->date_num,    &f->date_iso,
                        &f->date_word, &f->date_en,    &f->birth_after, &f->birth_before,
                        &f->birth_year};
    G_STATIC_ASSERT(G_N_ELEMENTS(slots) == G_N_ELEMENTS(patterns));
    return slots[i];
}

/* compile_rules - every pattern, with the compile flags given */
static fields *compile_rules(const names *n, GRegexCompileFlags flags, char **err)
{
    fields *f = g_new0(fields, 1);
    f->names = n;
    for (size_t i = 0; i < G_N_ELEMENTS(patterns); i++) {
        GError *e = NULL;
        *regex_slot(f, i) = g_regex_new(patterns[i], flags, 0, &e);
        if (*regex_slot(f, i) == NULL) {
            dk_fail(err, "field rule %zu does not compile: %s", i, e ? e->message : "?");
            g_clear_error(&e);
            fields_free(f);
            return NULL;
        }
    }
    return f;
}

/* fields_new - the rules JIT-compiled (a fifth of a worker's time on
 * born-digital pages went to PCRE2's interpreter), and plain. With
 * DOKAZ_REGEX_JIT=off in the environment both are plain: valgrind cannot
 * follow the code PCRE2's JIT writes, and takes its reads ahead for reads of
 * uninitialised memory (the unit tests' valgrind setup sets it). */
fields *fields_new(const names *n, char **err)
{
    const char *jit = getenv("DOKAZ_REGEX_JIT");
    int off = jit != NULL && strcmp(jit, "off") == 0;
    fields *f = compile_rules(n, off ? 0 : G_REGEX_OPTIMIZE, err);
    if (f != NULL && (f->plain = compile_rules(n, 0, err)) == NULL) {
        fields_free(f);
        return NULL;
    }
    return f;
}

/* fields_free - unref every pattern */
void fields_free(fields *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(patterns); i++)
        if (*regex_slot(f, i) != NULL)
            g_regex_unref(*regex_slot(f, i));
    fields_free(f->plain);
    g_free(f);
}

/* fields_group_num - fetch and convert */
long fields_group_num(GMatchInfo *m, int g)
{
    char *s = g_match_info_fetch(m, g);
    long v = s && *s ? strtol(s, NULL, 10) : -1;
    g_free(s);
    return v;
}

/* fields_case_text - "cat-num/year" with a four-digit year */
void fields_case_text(long cat, long num, long year, char *out, size_t size)
{
    if (year < 100)
        year += year < 70 ? 2000 : 1900;
    snprintf(out, size, "%ld-%ld/%ld", cat, num, year);
}

/* add_court_cases - every match of re as a court case number */
static void add_court_cases(const GRegex *re, fields_norm *t, fields_page *p)
{
    GMatchInfo *m = NULL;
    for (fields_match(re, t->text, t, &m); g_match_info_matches(m); fields_next(m, t)) {
        char buf[64];
        fields_case_text(fields_group_num(m, 1), fields_group_num(m, 2), fields_group_num(m, 3),
                         buf, sizeof buf);
        fields_add(&p->cases, &p->ncases, buf);
    }
    g_match_info_free(m);
}

/* add_long_list - the investigators' numbers that follow one ending at
 * byte end, in a list ("№№ 22043100123, 22043100124", "№ ... и № ...") */
static void add_long_list(const fields *f, fields_norm *t, int end, fields_page *p)
{
    GMatchInfo *m = NULL;
    while (fields_match(f->case_more, t->text + end, t, &m)) {
        char *s = g_match_info_fetch(m, 1);
        int next = 0;
        g_match_info_fetch_pos(m, 0, NULL, &next);
        fields_add(&p->cases, &p->ncases, s);
        g_free(s);
        g_match_info_free(m);
        end += next;
    }
    g_match_info_free(m);
}

/* fields_find_cases - court numbers, then investigators' numbers */
void fields_find_cases(const fields *f, fields_norm *t, fields_page *p)
{
    add_court_cases(f->case_num, t, p);
    add_court_cases(f->case_ctx, t, p);
    GMatchInfo *m = NULL;
    for (fields_match(f->case_long, t->text, t, &m); g_match_info_matches(m); fields_next(m, t)) {
        char *s = g_match_info_fetch(m, 1);
        int end = 0;
        g_match_info_fetch_pos(m, 0, NULL, &end);
        fields_add(&p->cases, &p->ncases, s);
        g_free(s);
        add_long_list(f, t, end, p);
    }
    g_match_info_free(m);
}

/* criminal_code - whether the code named after an article (if any) is the
 * Criminal Code */
static int criminal_code(const fields *f, fields_norm *t, const char *after)
{
    GMatchInfo *m = NULL;
    int cc = 1;
    if (fields_match(f->code_after, after, t, &m)) {
        char *code = g_match_info_fetch(m, 1);
        cc = strcmp(code, "ук") == 0 || strcmp(code, "кк") == 0 ||
             g_str_has_prefix(code, "уголовного") || g_str_has_prefix(code, "крымінальнага");
        if (strcmp(code, "кодекса") == 0 || strcmp(code, "кодэкса") == 0)
            cc = 1; /* "статьи 342 Кодекса": the code is named later, if at all */
        g_free(code);
    }
    g_match_info_free(m);
    return cc;
}

/* numbers_in - the numbers of a text, in order (at most max) */
static size_t numbers_in(const char *s, long *out, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        if (g_ascii_isdigit(*s)) {
            char *end;
            out[n++] = strtol(s, &end, 10);
            s = end;
        } else {
            s++;
        }
    }
    return n;
}

/* add_articles - the articles of one match, each with every part */
static void add_articles(const char *parts_text, const char *nums_text, fields_page *p)
{
    long parts[16];
    size_t nparts = numbers_in(parts_text, parts, 16);
    char **items = g_regex_split_simple("\\s*(?:,|и|і|або|или)\\s*", nums_text, 0, 0);
    for (char **it = items; *it; it++) {
        long a[2];
        size_t k = numbers_in(*it, a, 2);
        if (k == 0 || a[0] < 1 || a[0] > 480)
            continue;
        char art[32], part[48];
        if (k == 2)
            snprintf(art, sizeof art, "%ld-%ld", a[0], a[1]);
        else
            snprintf(art, sizeof art, "%ld", a[0]);
        fields_add(&p->articles, &p->narticles, art);
        for (size_t i = 0; i < nparts && it == items; i++) { /* parts go with the first */
            snprintf(part, sizeof part, "%s/%ld", art, parts[i]);
            fields_add(&p->parts, &p->nparts, part);
        }
    }
    g_strfreev(items);
}

/* fields_find_articles - every article clause citing the Criminal Code */
void fields_find_articles(const fields *f, fields_norm *t, fields_page *p)
{
    GMatchInfo *m = NULL;
    for (fields_match(f->article, t->text, t, &m); g_match_info_matches(m); fields_next(m, t)) {
        int end = 0;
        g_match_info_fetch_pos(m, 0, NULL, &end);
        if (!criminal_code(f, t, t->text + end))
            continue;
        char *parts = g_match_info_fetch(m, 1), *nums = g_match_info_fetch(m, 2);
        add_articles(parts ? parts : "", nums ? nums : "", p);
        g_free(parts);
        g_free(nums);
    }
    g_match_info_free(m);
}

/* find_all - run every extractor of f on the normalised text t of text */
static fields_page *find_all(const fields *f, const char *text, fields_norm *t)
{
    fields_page *p = xcalloc(1, sizeof *p);
    p->lang = fields_find_lang(text); /* the courts' words depend on it */
    fields_find_cases(f, t, p);
    fields_find_articles(f, t, p);
    fields_find_dates(f, t, p);
    fields_find_courts(f, text, t, p);
    p->type = fields_find_type(t);
    return p;
}

/* find_dates - only the dates of the normalised text t */
static fields_page *find_dates(const fields *f, const char *text, fields_norm *t)
{
    (void)text;
    fields_page *p = xcalloc(1, sizeof *p);
    fields_find_dates(f, t, p);
    return p;
}

/* The extractors run on a page: find_all or find_dates. */
typedef fields_page *(*page_finder)(const fields *f, const char *text, fields_norm *t);

/* extract_with - normalise once, run find; again with the plain rules if a
 * JIT-compiled one failed to run */
static fields_page *extract_with(const fields *f, const char *text, page_finder find)
{
    if (f == NULL || text == NULL || *text == '\0') {
        fields_page *p = xcalloc(1, sizeof *p);
        p->type = FIELDS_OTHER;
        return p;
    }
    fields_norm t;
    fields_normalise(text, &t);
    fields_page *p = find(f, text, &t);
    if (t.match_failed && f->plain != NULL) {
        fields_page_free(p);
        t.match_failed = 0;
        p = find(f->plain, text, &t);
    }
    fields_norm_free(&t);
    return p;
}

/* fields_extract - every extractor */
fields_page *fields_extract(const fields *f, const char *text)
{
    return extract_with(f, text, find_all);
}

/* fields_extract_dates - the date extractor alone */
fields_page *fields_extract_dates(const fields *f, const char *text)
{
    return extract_with(f, text, find_dates);
}

/* free_list - free a list of strings */
static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

/* fields_page_free - every list */
void fields_page_free(fields_page *p)
{
    if (p == NULL)
        return;
    free_list(p->cases, p->ncases);
    free_list(p->articles, p->narticles);
    free_list(p->parts, p->nparts);
    for (size_t i = 0; i < p->ncourts; i++) {
        free(p->courts[i].key);
        free(p->courts[i].label);
    }
    free(p->courts);
    free(p->dates);
    free(p);
}
