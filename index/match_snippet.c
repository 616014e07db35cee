/*
 * match_snippet.c - where in a page a query matched, for a hit: the words that
 * matched and a snippet around them, as plain text with the byte spans of
 * the matches (index_hit's snippet and marks); the CLI and the web mark them up.
 *
 * Xapian's own snippets mark the words of a query as written and by their
 * stem; a name found by its name key ("Іваноў" for "Ivanou") is invisible to
 * them. So the page's words are read again here: a word matches when its
 * name key, its lower-case form or its stem (word_forms.c, which remembers
 * them) is one the query asked for. When
 * a name matched by its key, the snippet is made here, around the place with
 * the most matches; otherwise the caller takes Xapian's, which comes as HTML
 * (escaped, matches in <b>) and is read back into text and spans here, the
 * one place that knows Xapian's markup. Either way runs of white space
 * become one space: page text keeps the scan's line breaks, a snippet should not.
 *
 * Functions: ix_match_best_page, ix_snippet.
 */
#include "index/match_snippet.h"
#include "index/schema.h"
#include "derive/derive.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MATCHED_MAX 16
#define SNIPPET_CHARS 200 /* about this many characters of text per hit */
#define LEAD_CHARS 40     /* text shown before the first match of the window */
#define PERSON_SPAN 5     /* words after a person's first that are still its name */

/* A word of the page that matched; by_key: through its name key. */
typedef struct {
    size_t start, end;
    int by_key;
} hit_word;

/* stems_of - the stems of the query's words */
static GPtrArray *stems_of(const ix_query *q, const xc_stem *stem)
{
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; stem != NULL && ix_query_word(q, i) != NULL; i++) {
        char *s = xc_stem_word(stem, ix_query_word(q, i));
        if (s != NULL)
            g_ptr_array_add(a, g_strdup(s));
        free(s);
    }
    return a;
}

/* asked - whether a word is one of the query's names' words, as written
 * or by its stem */
static int asked(const ix_query *q, const GPtrArray *stems, const ix_word *f)
{
    int found = 0;
    for (size_t i = 0; !found && ix_query_word(q, i) != NULL; i++)
        found = strcmp(f->lower, ix_query_word(q, i)) == 0;
    for (guint i = 0; f->stem != NULL && !found && i < stems->len; i++)
        found = strcmp(f->stem, g_ptr_array_index(stems, i)) == 0;
    return found;
}

/* matches - whether a word matches; *by_key set when through its name key */
static int matches(const ix_query *q, ix_words *words, const GPtrArray *stems, const char *w,
                   size_t len, int *by_key)
{
    const ix_word *f = ix_words_get(words, w, len, stems->len > 0);
    *by_key = f->key[0] != '\0' && ix_query_has_key(q, f->key);
    return *by_key || asked(q, stems, f);
}

/* add_matched - a word as written, once */
static void add_matched(GPtrArray *m, const char *w, size_t len)
{
    char *s = g_strndup(w, len);
    for (guint i = 0; i < m->len; i++)
        if (strcmp(g_ptr_array_index(m, i), s) == 0) {
            g_free(s);
            return;
        }
    if (m->len < MATCHED_MAX)
        g_ptr_array_add(m, s);
    else
        g_free(s);
}

/* char_end - the byte offset chars characters after start (or the end) */
static size_t char_end(const char *text, size_t start, size_t chars)
{
    const char *p = text + start;
    for (size_t i = 0; i < chars && *p; i++)
        p = g_utf8_next_char(p);
    return (size_t)(p - text);
}

/* window_start - where a window should start to show hit w with some lead:
 * LEAD_CHARS characters back, moved forward to the start of a word */
static size_t window_start(const char *text, size_t at)
{
    const char *p = text + at;
    for (size_t i = 0; i < LEAD_CHARS && p > text; i++)
        p = g_utf8_find_prev_char(text, p);
    if (p > text) {
        while (*p && !g_ascii_isspace(*p) && p < text + at)
            p++;
    }
    return (size_t)(p - text);
}

/* best_window - the start of the window of chars characters holding the
 * most matches, among windows starting before a key match */
static size_t best_window(const char *text, const GArray *hits, size_t chars)
{
    size_t best = 0, best_count = 0;
    for (guint i = 0; i < hits->len; i++) {
        const hit_word *h = &g_array_index(hits, hit_word, i);
        if (!h->by_key)
            continue;
        size_t start = window_start(text, h->start), end = char_end(text, start, chars), count = 0;
        for (guint j = 0; j < hits->len; j++) {
            const hit_word *o = &g_array_index(hits, hit_word, j);
            count += (o->start >= start && o->end <= end) ? 1 + o->by_key : 0;
        }
        if (count > best_count) {
            best = start;
            best_count = count;
        }
    }
    return best;
}

/* A snippet being made: its text, white space squeezed, and its marks. */
typedef struct {
    GString *text;
    GArray *marks; /* of index_span */
    int space;     /* white space seen and not yet written */
    int open;      /* inside a mark */
    size_t start;  /* where the open mark starts, SIZE_MAX before its first byte */
} snippet_builder;

/* put - n bytes of s; a run of white space becomes one space before the next
 * byte, none at the start or the end */
static void put(snippet_builder *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
            b->space = 1;
            continue;
        }
        if (b->space && b->text->len > 0)
            g_string_append_c(b->text, ' ');
        b->space = 0;
        if (b->open && b->start == SIZE_MAX)
            b->start = b->text->len;
        g_string_append_c(b->text, s[i]);
    }
}

/* mark_open - what is put next is a match */
static void mark_open(snippet_builder *b)
{
    b->open = 1;
    b->start = SIZE_MAX;
}

/* mark_close - the match ends here (an empty one is dropped) */
static void mark_close(snippet_builder *b)
{
    if (b->open && b->start != SIZE_MAX) {
        index_span m = {b->start, b->text->len - b->start};
        g_array_append_val(b->marks, m);
    }
    b->open = 0;
}

/* finish - the text and marks into h */
static void finish(snippet_builder *b, index_hit *h)
{
    mark_close(b);
    h->nmarks = b->marks->len;
    h->marks = (index_span *)g_array_free(b->marks, h->nmarks == 0);
    h->snippet = g_string_free(b->text, FALSE);
}

/* builder - an empty snippet */
static snippet_builder builder(void)
{
    return (snippet_builder){g_string_new(NULL), g_array_new(FALSE, FALSE, sizeof(index_span)), 0,
                             0, SIZE_MAX};
}

/* render - the window into h, matches marked */
static void render(const char *text, const GArray *hits, size_t start, size_t chars, index_hit *h)
{
    size_t end = char_end(text, start, chars);
    for (int i = 0; i < 40 && text[end] != '\0' && !g_ascii_isspace(text[end]); i++)
        end = (size_t)(g_utf8_next_char(text + end) - text); /* to the word's end */
    snippet_builder b = builder();
    if (start > 0)
        put(&b, "…", strlen("…"));
    size_t at = start;
    for (guint i = 0; i < hits->len; i++) {
        const hit_word *w = &g_array_index(hits, hit_word, i);
        if (w->start < start || w->end > end)
            continue;
        put(&b, text + at, w->start - at);
        mark_open(&b);
        put(&b, text + w->start, w->end - w->start);
        mark_close(&b);
        at = w->end;
    }
    put(&b, text + at, end - at);
    if (text[end] != '\0')
        put(&b, "…", strlen("…"));
    finish(&b, h);
}

/* Xapian's markup in a snippet, and the text it stands for. */
static const struct {
    const char *from, *to;
} entities[] = {
    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"},
};

/* put_entity - the character of the entity at s into b; its length, 0 if none */
static size_t put_entity(snippet_builder *b, const char *s)
{
    for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++)
        if (g_str_has_prefix(s, entities[k].from)) {
            put(b, entities[k].to, strlen(entities[k].to));
            return strlen(entities[k].from);
        }
    char *end = NULL;
    unsigned long c = g_str_has_prefix(s, "&#x") ? strtoul(s + 3, &end, 16) : 0;
    if (c == 0 || c > 0x10FFFF || end == s + 3 || *end != ';')
        return 0;
    char utf8[8];
    put(b, utf8, (size_t)g_unichar_to_utf8((gunichar)c, utf8));
    return (size_t)(end + 1 - s);
}

/* from_xapian - Xapian's snippet read back: <b> opens a mark, </b> closes
 * it, entities become their characters */
static void from_xapian(const char *html, index_hit *h)
{
    snippet_builder b = builder();
    for (const char *s = html ? html : ""; *s;) {
        size_t n = 0;
        if (g_str_has_prefix(s, "<b>")) {
            mark_open(&b);
            n = 3;
        } else if (g_str_has_prefix(s, "</b>")) {
            mark_close(&b);
            n = 4;
        } else if (*s == '&') {
            n = put_entity(&b, s);
        }
        if (n == 0) {
            put(&b, s, 1);
            n = 1;
        }
        s += n;
    }
    finish(&b, h);
}

/* person_at - the index in roles (the document data's [position, role]
 * pairs) of the person whose name has the word at pos; -1 for none */
static int person_at(json_object *roles, unsigned pos)
{
    int found = -1;
    int64_t best = 0;
    for (size_t i = 0; i < json_object_array_length(roles); i++) {
        int64_t at = json_object_get_int64(
            json_object_array_get_idx(json_object_array_get_idx(roles, i), 0));
        if (at > 0 && at <= pos && pos < at + PERSON_SPAN && at >= best) {
            best = at;
            found = (int)i;
        }
    }
    return found;
}

/* matched_role - the role of the person of roles most of whose words
 * matched (counts[i]: person i's), the first in derive_role's order among
 * as many; NULL when none matched or it has none */
static const char *matched_role(json_object *roles, const GArray *counts)
{
    int most = 0, role = DERIVE_ROLE_OTHER;
    for (guint i = 0; i < counts->len; i++) {
        int n = g_array_index(counts, int, i);
        int r = derive_role_parse(json_object_get_string(
            json_object_array_get_idx(json_object_array_get_idx(roles, i), 1)));
        if (n == 0 || n < most || r < 0)
            continue;
        if (n > most || (r != DERIVE_ROLE_OTHER && (role == DERIVE_ROLE_OTHER || r < role)))
            role = r;
        most = n;
    }
    return role != DERIVE_ROLE_OTHER ? derive_role_name(role) : NULL;
}

/* key_snippet - h->matched: the distinct words of text that matched q, and
 * h->role; when a name matched by its key, 1 with h's snippet and marks
 * around the window of about chars characters with the most matches; else 0 */
static int key_snippet(const ix_query *q, ix_words *forms, const char *text, json_object *roles,
                       size_t chars, index_hit *h)
{
    GArray *hits = g_array_new(FALSE, FALSE, sizeof(hit_word));
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *stems = stems_of(q, ix_words_stemmer(forms));
    size_t at = 0;
    names_word w;
    int any_key = 0;
    unsigned pos = 0;
    size_t npersons = json_object_is_type(roles, json_type_array) ? json_object_array_length(roles)
                                                                  : 0;
    GArray *counts = g_array_new(FALSE, TRUE, sizeof(int)); /* matched words of each person */
    g_array_set_size(counts, npersons);
    while (text != NULL && names_next_word(text, &at, &w)) {
        int by_key = 0;
        pos++;
        if (!matches(q, forms, stems, text + w.start, w.len, &by_key))
            continue;
        int person = by_key && npersons > 0 ? person_at(roles, pos) : -1;
        if (person >= 0)
            g_array_index(counts, int, person)++;
        hit_word found = {w.start, w.start + w.len, by_key};
        g_array_append_val(hits, found);
        add_matched(words, text + w.start, w.len);
        any_key |= by_key;
    }
    h->role = npersons > 0 ? matched_role(roles, counts) : NULL;
    g_array_free(counts, TRUE);
    if (any_key)
        render(text, hits, best_window(text, hits, chars), chars, h);
    g_ptr_array_add(words, NULL);
    h->matched = (char **)g_ptr_array_free(words, FALSE);
    g_ptr_array_free(stems, TRUE);
    g_array_free(hits, TRUE);
    return any_key;
}

/* match_score - how many different words of text match q (its names'
 * keys and words, and the words and stems of the query built, stems: forms
 * of one word, by its stem or name key, once; a name by its key counting
 * twice), times 2^32, plus the longest run of matching words one after
 * another (a phrase), times 2^16, plus how many times words match (each at
 * most 2^16 - 1) */
static int64_t match_score(const ix_query *q, ix_words *forms, const GPtrArray *stems,
                           const char *text)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int64_t distinct = 0, times = 0, run = 0, longest = 0;
    size_t at = 0;
    names_word w;
    while (text != NULL && names_next_word(text, &at, &w)) {
        const ix_word *f = ix_words_get(forms, text + w.start, w.len, 1);
        int by_key = f->key[0] != '\0' && ix_query_has_key(q, f->key);
        if (!by_key && !asked(q, stems, f) && !ix_query_has_term(q, f->lower, f->stem)) {
            run = 0;
            continue;
        }
        char *same = g_strdup(by_key ? f->key : f->stem != NULL ? f->stem : f->lower);
        times += times < 0xFFFF;
        run += run < 0xFFFF;
        longest = run > longest ? run : longest;
        if (g_hash_table_add(seen, same))
            distinct += 1 + by_key;
    }
    g_hash_table_destroy(seen);
    return distinct << 32 | longest << 16 | times;
}

/* ix_match_best_page - the page of the highest match_score */
int ix_match_best_page(const ix_query *q, ix_words *forms, json_object *pages)
{
    GPtrArray *stems = stems_of(q, ix_words_stemmer(forms));
    int best = 0;
    int64_t best_score = -1;
    for (size_t k = 0; k < json_object_array_length(pages); k++) {
        json_object *text = json_object_object_get(json_object_array_get_idx(pages, k),
                                                   IX_DATA_TEXT);
        int64_t score = match_score(q, forms, stems, json_object_get_string(text));
        if (score > best_score) {
            best = (int)k;
            best_score = score;
        }
    }
    g_ptr_array_free(stems, TRUE);
    return best;
}

/* snippet_length - bytes for about SNIPPET_CHARS characters of this text:
 * Xapian measures snippets in bytes, and Cyrillic takes two per letter */
static size_t snippet_length(const char *text)
{
    size_t bytes = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++, bytes++)
        if ((*p & 0xC0) != 0x80)
            chars++;
    if (chars == 0)
        return SNIPPET_CHARS;
    return SNIPPET_CHARS * bytes / chars;
}

/* ix_snippet - ours around a name matched by its key, else Xapian's: the
 * best passage of the query's words, or where none is in the text (a field's
 * query) its start. Xapian's background model, which would pick the passage of
 * the rarest words instead, looks up every word of the page: half the CPU of a
 * search showing 20 hits. */
int ix_snippet(const ix_query *q, ix_words *words, const xc_mset *m, const char *text,
               json_object *roles, index_hit *h, char **err)
{
    if (key_snippet(q, words, text, roles, SNIPPET_CHARS, h))
        return 0;
    size_t length = snippet_length(text);
    char *html = xc_mset_snippet(m, text, length, IX_STEMMER,
                                 XC_SNIPPET_EXHAUSTIVE | XC_SNIPPET_EMPTY_WITHOUT_MATCH, "<b>",
                                 "</b>", "…", err);
    if (html != NULL && html[0] == '\0') {
        free(html);
        GArray *none = g_array_new(FALSE, FALSE, sizeof(hit_word));
        render(text, none, 0, SNIPPET_CHARS, h);
        g_array_free(none, TRUE);
        return 0;
    }
    if (html == NULL)
        return -1;
    from_xapian(html, h);
    free(html);
    return 0;
}
