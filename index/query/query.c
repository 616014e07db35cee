/*
 * query.c - the field processors of dokaz's query language (see query.h):
 * name: and the fields case: article: court: type: date: year: born: lang:
 * folder:, and what a query asked for, kept for snippets.
 *
 * A name of several words that reads as a person's name is asked as the
 * person (person.c); another is asked as its name keys near each other (any
 * order), where a given name or a patronymic may also stand as its initial
 * ("Иванову С.Н."); patronymics are optional, adding weight where present.
 * The same keys under XR add weight where the person is the accused.
 *
 * Functions: ix_query_new, ix_query_free, ix_query_entry, ix_query_add_fields,
 * ix_query_error, ix_query_has_key, ix_query_nkeys, ix_query_word,
 * ix_query_note_terms, ix_query_has_term, ix_query_by_stem, ix_query_placed,
 * ix_query_range, ix_query_set_possible, ix_query_npersons, ix_query_is_person.
 */
#include "index/query/query.h"
#include "index/schema.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_WORDS_MAX 6    /* words of a name asked for */
#define INITIAL_WORDS_MAX 4 /* up to this many words, each may be an initial */
#define NEAR_SLACK 2        /* other words allowed between a name's words */

/* The context of a field processor: the query, and which pass. */
typedef struct {
    struct ix_query *q;
    int exact;
} pass;

struct ix_query {
    const names *names;
    char *error;           /* the first field a processor could not read */
    GPtrArray *field_ctxs; /* field_ctx of each registered processor */
    GPtrArray *entries;    /* texts kept aside by the rewrite */
    GArray *explicit_name; /* int per entry: from name:, not bare words */
    GHashTable *keys;      /* name keys asked for */
    GPtrArray *words;      /* words asked for, lower case */
    GHashTable *terms;     /* the built query's words */
    GHashTable *stems;     /* the built query's stems, without their "Z" */
    GPtrArray *placed;     /* its terms indexed with positions: words, name keys, initials */
    int possible;          /* persons' names ask their possible matches */
    size_t npersons;       /* persons' names asked in the stemmed pass */
    pass passes[2];
};

/* A registered field processor: its pass and the function that reads it. */
typedef struct {
    pass p;
    xc_field_fn fn;
} field_ctx;

/* One word of a name asked for; an initial ("С.") has no key. */
typedef struct {
    char key[NAMES_KEY_MAX];
    char variant[NAMES_KEY_MAX]; /* the other reading of a Latin "ch", or "" */
    char initials[8];
    int patronymic, can_be_initial, initial_only;
    int later_initial; /* a typed initial after another ("Н." of "С.Н.") */
} name_word;

/* ix_query_new - empty lists */
ix_query *ix_query_new(const names *n)
{
    ix_query *q = g_new0(ix_query, 1);
    q->names = n;
    q->entries = g_ptr_array_new_with_free_func(g_free);
    q->explicit_name = g_array_new(FALSE, FALSE, sizeof(int));
    q->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    q->words = g_ptr_array_new_with_free_func(g_free);
    q->terms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    q->stems = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    q->placed = g_ptr_array_new_with_free_func(g_free);
    q->field_ctxs = g_ptr_array_new_with_free_func(g_free);
    q->passes[0] = (pass){q, 0};
    q->passes[1] = (pass){q, 1};
    return q;
}

/* ix_query_free - everything */
void ix_query_free(ix_query *q)
{
    if (q == NULL)
        return;
    g_ptr_array_free(q->entries, TRUE);
    g_array_free(q->explicit_name, TRUE);
    g_hash_table_destroy(q->keys);
    g_ptr_array_free(q->words, TRUE);
    g_hash_table_destroy(q->terms);
    g_hash_table_destroy(q->stems);
    g_ptr_array_free(q->placed, TRUE);
    g_ptr_array_free(q->field_ctxs, TRUE);
    free(q->error);
    g_free(q);
}

/* ix_query_entry - keep text aside */
size_t ix_query_entry(ix_query *q, const char *text, int explicit_name)
{
    g_ptr_array_add(q->entries, g_strdup(text));
    g_array_append_val(q->explicit_name, explicit_name);
    return q->entries->len - 1;
}

/* ix_query_set_possible - possible matches of persons' names */
void ix_query_set_possible(ix_query *q)
{
    q->possible = 1;
}

/* ix_query_npersons - persons' names asked */
size_t ix_query_npersons(const ix_query *q)
{
    return q != NULL ? q->npersons : 0;
}

/* ix_query_is_person - text as person.c reads it */
int ix_query_is_person(const ix_query *q, const char *text)
{
    return ix_person_is_name(q->names, text);
}

/* ix_query_has_key - a key asked for */
int ix_query_has_key(const ix_query *q, const char *key)
{
    return q != NULL && g_hash_table_contains(q->keys, key);
}

/* ix_query_nkeys - keys asked for */
size_t ix_query_nkeys(const ix_query *q)
{
    return q != NULL ? g_hash_table_size(q->keys) : 0;
}

/* ix_query_word - words asked for */
const char *ix_query_word(const ix_query *q, size_t i)
{
    return q != NULL && i < q->words->len ? g_ptr_array_index(q->words, i) : NULL;
}

/* note_term - xc_query_each_term callback: keep a word, a stem, and the
 * terms a document has with positions (schema.h) */
static void note_term(const char *term, void *ctx)
{
    ix_query *q = ctx;
    int word = !g_ascii_isupper(term[0]); /* no prefix */
    if (term[0] == 'Z')
        g_hash_table_add(q->stems, g_strdup(term + 1));
    else if (word)
        g_hash_table_add(q->terms, g_strdup(term));
    if (word || g_str_has_prefix(term, IX_PREFIX_NAME) ||
        g_str_has_prefix(term, IX_PREFIX_INITIAL) || g_str_has_prefix(term, IX_PREFIX_NAME_INITIAL))
        g_ptr_array_add(q->placed, g_strdup(term));
}

/* ix_query_note_terms - the words and stems of the built query, and the
 * name keys asked for, which a person's query asks through its person terms
 * (person.c) but a page holds at its words' positions */
int ix_query_note_terms(ix_query *q, const xc_query *built, char **err)
{
    if (xc_query_each_term(built, note_term, q, err) < 0)
        return -1;
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, q->keys);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        char *term = g_strconcat(IX_PREFIX_NAME, (const char *)key, NULL);
        int known = 0;
        for (guint i = 0; !known && i < q->placed->len; i++)
            known = strcmp(g_ptr_array_index(q->placed, i), term) == 0;
        if (known)
            g_free(term);
        else
            g_ptr_array_add(q->placed, term);
    }
    return 0;
}

/* ix_query_has_term - a word or its stem among the terms noted */
int ix_query_has_term(const ix_query *q, const char *lower, const char *stem)
{
    return (lower != NULL && g_hash_table_contains(q->terms, lower)) ||
           (stem != NULL && g_hash_table_contains(q->stems, stem));
}

/* ix_query_by_stem - stems noted, or a name's words (their stems match) */
int ix_query_by_stem(const ix_query *q)
{
    return g_hash_table_size(q->stems) > 0 || q->words->len > 0;
}

/* ix_query_placed - the i-th term noted that has positions */
const char *ix_query_placed(const ix_query *q, size_t i)
{
    return i < q->placed->len ? g_ptr_array_index(q->placed, i) : NULL;
}

/* note_word - remember a word asked for, lower case, once */
static void note_word(ix_query *q, const char *w, size_t len)
{
    char *lower = g_utf8_strdown(w, (gssize)len);
    for (guint i = 0; i < q->words->len; i++)
        if (strcmp(g_ptr_array_index(q->words, i), lower) == 0) {
            g_free(lower);
            return;
        }
    g_ptr_array_add(q->words, lower);
}

/* term - the query for prefix + value */
static xc_query *term(const char *prefix, const char *value, char **err)
{
    char *t = g_strconcat(prefix, value, NULL);
    xc_query *q = xc_query_term(t, 1, 0, err);
    g_free(t);
    return q;
}

/* combine - op over qs[0..n), freeing them */
static xc_query *combine(int op, xc_query **qs, size_t n, unsigned window, char **err)
{
    xc_query *q = xc_query_list(op, qs, n, window, err);
    for (size_t i = 0; i < n; i++)
        xc_query_free(qs[i]);
    return q;
}

/* nothing - a query that matches nothing */
static xc_query *nothing(char **err)
{
    return xc_query_list(XC_OP_OR, NULL, 0, 0, err);
}

/* word_query - a name word as its key, or as an initial in the text; an
 * initial typed also finds given names and patronymics with that initial */
static xc_query *word_query(const name_word *w, int initial, char **err)
{
    if (!initial && !w->initial_only && w->variant[0] == '\0')
        return term(IX_PREFIX_NAME, w->key, err);
    if (!initial && !w->initial_only) {
        xc_query *both[2] = {term(IX_PREFIX_NAME, w->key, err),
                             term(IX_PREFIX_NAME, w->variant, err)};
        return combine(XC_OP_OR, both, 2, 0, err);
    }
    /* a given name is a first initial, a patronymic a later one ("С.Н.") */
    const char *prefix = w->patronymic || w->later_initial ? IX_PREFIX_LATER_INITIAL
                                                           : IX_PREFIX_INITIAL;
    xc_query *alts[16] = {NULL};
    size_t n = 0;
    for (const char *s = w->initials; *s && n < 14; s++) {
        char sym[2] = {*s, '\0'};
        alts[n++] = term(prefix, sym, err);
        if (w->initial_only)
            alts[n++] = term(IX_PREFIX_NAME_INITIAL, sym, err);
    }
    return combine(XC_OP_OR, alts, n, 0, err);
}

/* name_words - the words of ws (initials where mask says), joined by op:
 * XC_OP_NEAR near each other, XC_OP_AND anywhere on the page */
static xc_query *name_words(int op, const name_word *ws, const size_t *which, size_t n,
                            unsigned mask, char **err)
{
    xc_query *subs[NAME_WORDS_MAX] = {NULL};
    for (size_t i = 0; i < n; i++)
        subs[i] = word_query(&ws[which[i]], (mask >> i) & 1u, err);
    return combine(op, subs, n, op == XC_OP_NEAR ? (unsigned)n + NEAR_SLACK : 0, err);
}

/* name_core - the words that must be there: every word not a patronymic,
 * and of initials typed only the first ("С." of "С.Н."), each as its key or
 * (given names, patronymics) as an initial, never all of them initials */
static xc_query *name_core(const name_word *ws, size_t n, char **err)
{
    size_t which[NAME_WORDS_MAX], k = 0;
    int initial_seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (ws[i].initial_only && initial_seen++)
            continue;
        if (!ws[i].patronymic)
            which[k++] = i;
    }
    if (k == 0) /* only patronymics: take them all */
        for (k = 0; k < n; k++)
            which[k] = k;
    if (k == 1)
        return word_query(&ws[which[0]], 0, err);
    xc_query *alts[1u << INITIAL_WORDS_MAX];
    size_t nalts = 0;
    unsigned masks = k <= INITIAL_WORDS_MAX ? 1u << k : 1u;
    for (unsigned mask = 0; mask < masks; mask++) {
        int ok = 1, full = 0;
        for (size_t i = 0; ok && i < k; i++) {
            int initial = ((mask >> i) & 1u) || ws[which[i]].initial_only;
            ok = !((mask >> i) & 1u) || (ws[which[i]].can_be_initial && !ws[which[i]].initial_only);
            full += !initial;
        }
        ok = ok && full > 0;
        if (ok)
            alts[nalts++] = name_words(XC_OP_NEAR, ws, which, k, mask, err);
    }
    return combine(XC_OP_OR, alts, nalts, 0, err);
}

/* name_query - a name of one or more words; its patronymics and its being
 * the accused add weight */
static xc_query *name_query(ix_query *q, const char *text, int explicit_name, char **err)
{
    name_word ws[NAME_WORDS_MAX];
    xc_query *literal[NAME_WORDS_MAX] = {NULL};
    size_t n = 0, at = 0;
    int typed_initials = 0, lower_case = 0;
    names_word w;
    while (n < NAME_WORDS_MAX && names_next_word(text, &at, &w)) {
        name_word *nw = &ws[n];
        memset(nw, 0, sizeof *nw);
        if (names_initials(q->names, text + w.start, w.len, nw->initials) == 0)
            continue;
        lower_case |= !g_unichar_isupper(g_utf8_get_char(text + w.start));
        nw->initial_only = g_utf8_strlen(text + w.start, (gssize)w.len) == 1 ||
                           (w.flags & NAMES_INITIAL);
        nw->later_initial = nw->initial_only && typed_initials++ > 0;
        if (!nw->initial_only) {
            if (names_is_stopword(text + w.start, w.len) || /* never a page's name either */
                names_key(q->names, text + w.start, w.len, nw->key) == 0)
                continue;
            nw->patronymic = names_is_patronymic(nw->key);
            nw->can_be_initial = nw->patronymic || names_is_given(q->names, nw->key);
            g_hash_table_add(q->keys, g_strdup(nw->key));
            if (names_key_variant(q->names, text + w.start, w.len, nw->variant) > 0)
                g_hash_table_add(q->keys, g_strdup(nw->variant));
            note_word(q, text + w.start, w.len);
            char *lower = g_utf8_strdown(text + w.start, (gssize)w.len);
            literal[n] = xc_query_term(lower, 1, 0, err); /* as written: more weight */
            g_free(lower);
        }
        n++;
    }
    if (n == 0) {
        if (explicit_name)
            dk_fail(err, "name: \"%s\" has no name in it; write e.g. name:\"Siarhei Ivanou\"",
                    text);
        return explicit_name ? NULL : nothing(err);
    }
    /* A person whose possible matches are asked too: a name: value, or words
     * written as a name is, capitalised. Lower-case words read as a person
     * match as one, but their possible matches would be pages naming any
     * capitalised word of theirs ("The" of "the tropics") as a surname. */
    int asked_as_person = explicit_name || !lower_case;
    int possible = q->possible && asked_as_person;
    xc_query *core = ix_person_query(q->names, text, possible, err);
    int person = core != NULL;
    if (!person) /* not a person's name: its words near each other */
        core = name_core(ws, n, err);
    else if (asked_as_person)
        q->npersons++;
    if (person && !possible && !explicit_name && ix_person_is_guess(q->names, text)) {
        /* a name only guessed at may be none: its words near each other
         * count too, as for words that are no name */
        xc_query *either[2] = {core, name_core(ws, n, err)};
        core = combine(XC_OP_OR, either, 2, 0, err);
    }
    xc_query *extras[3] = {NULL, NULL, NULL}, *roles[NAME_WORDS_MAX];
    size_t which[NAME_WORDS_MAX];
    for (size_t i = 0; i < n; i++) {
        which[i] = i;
        roles[i] = ws[i].initial_only ? NULL : term(IX_PREFIX_ROLE, ws[i].key, err);
    }
    extras[0] = combine(XC_OP_OR, roles, n, 0, err);
    extras[2] = combine(XC_OP_OR, literal, n, 0, err);
    /* All the words, patronymics too, anywhere on the page: Xapian 1.4
     * adds the weight of a NEAR among the optional parts to pages it does
     * not match, so a limited search also skips better pages
     * (test_search possible_weights_hold_only_what_matched). */
    if (n > 1)
        extras[1] = name_words(XC_OP_AND, ws, which, n, 0, err);
    xc_query *parts[4] = {core, extras[0], extras[2], extras[1]};
    return combine(XC_OP_AND_MAYBE, parts, n > 1 ? 4 : 3, 0, err);
}

/* name_field - name:VALUE, VALUE a placeholder of the rewrite or words */
static xc_query *name_field(void *ctx, const char *value, char **err)
{
    pass *p = ctx;
    ix_query *q = p->q;
    size_t i = 0;
    int explicit_name = 1;
    const char *text = value;
    char tail = '\0';
    if (sscanf(value, "dkzq%zu%c", &i, &tail) == 1 && i < q->entries->len) {
        text = g_ptr_array_index(q->entries, i);
        explicit_name = g_array_index(q->explicit_name, int, i);
    }
    if (p->exact)
        return nothing(err); /* names weigh in the stemmed pass only */
    return name_query(q, text, explicit_name, err);
}

/* case_field - case:1-234/2024 */
static xc_query *case_field(void *ctx, const char *value, char **err)
{
    (void)ctx;
    char c[64];
    if (fields_parse_case(value, c, sizeof c) != 0) {
        dk_fail(err,
                "case: \"%s\" is no case number; write e.g. case:1-234/2024 or "
                "case:22043100123",
                value);
        return NULL;
    }
    return term(IX_PREFIX_CASE, c, err);
}

/* article_field - article:342, article:361-1, article:"ч.1 ст.342" */
static xc_query *article_field(void *ctx, const char *value, char **err)
{
    (void)ctx;
    char a[32], t[48];
    int part = 0;
    if (fields_parse_article(value, a, sizeof a, &part) != 0) {
        dk_fail(err,
                "article: \"%s\" is no article of the Criminal Code; write e.g. "
                "article:342, article:361-1 or article:\"ч.1 ст.342\"",
                value);
        return NULL;
    }
    if (part > 0)
        snprintf(t, sizeof t, "%s/%d", a, part);
    else
        snprintf(t, sizeof t, "%s", a);
    return term(IX_PREFIX_ARTICLE, t, err);
}

/* court_field - every word of the court's name */
static xc_query *court_field(void *ctx, const char *value, char **err)
{
    ix_query *q = ((pass *)ctx)->q;
    char **words = fields_court_words(q->names, value);
    if (words == NULL) {
        dk_fail(err,
                "court: \"%s\" names no court; write its place, e.g. court:Минский or "
                "court:\"Центрального района\"",
                value);
        return NULL;
    }
    size_t n = g_strv_length(words);
    xc_query **subs = g_new(xc_query *, n);
    for (size_t i = 0; i < n; i++)
        subs[i] = term(IX_PREFIX_COURT_WORD, words[i], err);
    xc_query *result = combine(XC_OP_AND, subs, n, 0, err);
    g_free(subs);
    g_strfreev(words);
    return result;
}

/* type_field - type:verdict, type:приговор */
static xc_query *type_field(void *ctx, const char *value, char **err)
{
    (void)ctx;
    const char *t = fields_parse_type(value);
    if (t == NULL) {
        dk_fail(err,
                "type: \"%s\" is no document type; use verdict, notice, summons, ruling, "
                "protocol, letter or other",
                value);
        return NULL;
    }
    return term(IX_PREFIX_TYPE, t, err);
}

/* lang_field - lang:be */
static xc_query *lang_field(void *ctx, const char *value, char **err)
{
    (void)ctx;
    const char *l = fields_parse_lang(value);
    if (l == NULL) {
        dk_fail(err, "lang: \"%s\" is no language dokaz tells; use be, ru, en or pl", value);
        return NULL;
    }
    return term(IX_PREFIX_LANG, l, err);
}

/* dates_field - date: or born: a day, month, year or range */
static xc_query *dates_field(const char *field, const char *prefix, const char *value, char **err)
{
    long from, to;
    if (fields_parse_dates(value, &from, &to) != 0) {
        dk_fail(err,
                "%s: \"%s\" is no date; write 2024, 2024-03, 2024-03-12, 12.03.2024 or a "
                "range such as 2023..2024",
                field, value);
        return NULL;
    }
    return ix_query_range(prefix, from, to, err);
}

/* date_field - dates a document mentions */
static xc_query *date_field(void *ctx, const char *value, char **err)
{
    (void)ctx;
    return dates_field(IX_FIELD_DATE, IX_PREFIX_DATE, value, err);
}

/* born_field - birth dates a document mentions */
static xc_query *born_field(void *ctx, const char *value, char **err)
{
    (void)ctx;
    return dates_field(IX_FIELD_BORN, IX_PREFIX_BIRTH, value, err);
}

/* year_field - the document's year, or a range of years */
static xc_query *year_field(void *ctx, const char *value, char **err)
{
    (void)ctx;
    long from, to;
    if (fields_parse_dates(value, &from, &to) != 0 || from % 10000 != 101 || to % 10000 != 1231) {
        dk_fail(err, "year: \"%s\" is no year; write e.g. year:2024 or year:2023..2024", value);
        return NULL;
    }
    size_t n = (size_t)(to / 10000 - from / 10000 + 1);
    xc_query **subs = g_new(xc_query *, n);
    for (size_t i = 0; i < n; i++) {
        char y[32];
        snprintf(y, sizeof y, "%ld", from / 10000 + (long)i);
        subs[i] = term(IX_PREFIX_YEAR, y, err);
    }
    xc_query *result = combine(XC_OP_OR, subs, n, 0, err);
    g_free(subs);
    return result;
}

/* folder_field - every folder named (folder:case-ivanov, folder:inbox/2024) */
static xc_query *folder_field(void *ctx, const char *value, char **err)
{
    (void)ctx;
    char *lower = g_utf8_strdown(value, -1);
    char **parts = g_strsplit(lower, "/", -1);
    GPtrArray *subs = g_ptr_array_new();
    for (char **p = parts; *p; p++)
        if (**p != '\0')
            g_ptr_array_add(subs, term(IX_PREFIX_FOLDER, *p, err));
    g_strfreev(parts);
    g_free(lower);
    xc_query *result = NULL;
    if (subs->len == 0)
        dk_fail(err, "folder: give a folder's name, e.g. folder:case-ivanov");
    else
        result = combine(XC_OP_AND, (xc_query **)subs->pdata, subs->len, 0, err);
    g_ptr_array_free(subs, TRUE);
    return result;
}

/* ix_query_error - what a field processor could not read, NULL if all went well */
const char *ix_query_error(const ix_query *q)
{
    return q != NULL ? q->error : NULL;
}

/* guard_field - run a field processor; its failure is kept for after the
 * parse rather than thrown through Xapian's parser (which leaks its state
 * when a field processor throws) */
static xc_query *guard_field(void *ctx, const char *value, char **err)
{
    field_ctx *fc = ctx;
    char *why = NULL;
    xc_query *q = fc->fn(&fc->p, value, &why);
    if (q != NULL)
        return q;
    if (fc->p.q->error == NULL)
        fc->p.q->error = why ? why : xstrdup("a field could not be read");
    else
        free(why);
    return nothing(err);
}

/* add_field - register fn for field through guard_field */
static int add_field(ix_query *q, xc_qp *qp, const char *field, int boolean, xc_field_fn fn,
                     int exact_pass, char **err)
{
    field_ctx *fc = g_new(field_ctx, 1);
    fc->p = q->passes[exact_pass ? 1 : 0];
    fc->fn = fn;
    g_ptr_array_add(q->field_ctxs, fc);
    return xc_qp_add_field_processor(qp, field, boolean, guard_field, fc, err);
}

/* ix_query_add_fields - name: as free text, the rest as filters */
int ix_query_add_fields(ix_query *q, xc_qp *qp, int exact_pass, char **err)
{
    static const struct {
        const char *field;
        xc_field_fn fn;
    } filters[] = {
        {IX_FIELD_CASE, case_field},     {IX_FIELD_ARTICLE, article_field},
        {IX_FIELD_COURT, court_field},   {IX_FIELD_TYPE, type_field},
        {IX_FIELD_DATE, date_field},     {IX_FIELD_YEAR, year_field},
        {IX_FIELD_BORN, born_field},     {IX_FIELD_LANG, lang_field},
        {IX_FIELD_FOLDER, folder_field},
    };
    if (add_field(q, qp, IX_FIELD_NAME, 0, name_field, exact_pass, err) < 0)
        return -1;
    for (size_t i = 0; i < G_N_ELEMENTS(filters); i++)
        if (add_field(q, qp, filters[i].field, 1, filters[i].fn, exact_pass, err) < 0)
            return -1;
    return 0;
}

/* add_range_term - prefix + a date of `digits` digits */
static void add_range_term(GPtrArray *a, const char *prefix, long value, int digits, char **err)
{
    char v[32];
    snprintf(v, sizeof v, "%0*ld", digits, value);
    g_ptr_array_add(a, term(prefix, v, err));
}

/* ix_query_range - whole years, then whole months, then days */
xc_query *ix_query_range(const char *prefix, long from, long to, char **err)
{
    GPtrArray *a = g_ptr_array_new();
    for (long y = from / 10000; y <= to / 10000; y++) {
        long ylo = MAX(from, y * 10000 + 101), yhi = MIN(to, y * 10000 + 1231);
        if (ylo == y * 10000 + 101 && yhi == y * 10000 + 1231) {
            add_range_term(a, prefix, y, 4, err);
            continue;
        }
        for (long m = ylo / 100 % 100; m <= yhi / 100 % 100; m++) {
            long last = g_date_get_days_in_month((GDateMonth)m, (GDateYear)y);
            long mlo = MAX(ylo, y * 10000 + m * 100 + 1),
                 mhi = MIN(yhi, y * 10000 + m * 100 + last);
            if (mlo % 100 == 1 && mhi % 100 == last) {
                add_range_term(a, prefix, y * 100 + m, 6, err);
                continue;
            }
            for (long d = mlo; d <= mhi; d++)
                add_range_term(a, prefix, d, 8, err);
        }
    }
    xc_query *q = combine(XC_OP_OR, (xc_query **)a->pdata, a->len, 0, err);
    g_ptr_array_free(a, TRUE);
    return q;
}
