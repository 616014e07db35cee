/*
 * snippet.c - where in a page a query matched, for a hit: the words that
 * matched and a snippet around them.
 *
 * Functions: ix_snippet.
 *
 * Xapian's own snippets mark the words of a query as written and by their
 * stem; a name found by its name key ("Іваноў" for "Ivanou") is invisible to
 * them. So the page's words are read again here: a word matches when its
 * name key, its lower-case form or its stem is one the query asked for. When
 * a name matched by its key, the snippet is made here, around the place with
 * the most matches; otherwise the caller keeps Xapian's.
 */
#include "index/query.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MATCHED_MAX 16
#define LEAD_CHARS 40       /* text shown before the first match of the window */

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

/* matches - whether a word matches; *by_key set when through its name key */
static int matches(const ix_query *q, const names *n, const xc_stem *stem, const GPtrArray *stems,
                   const char *w, size_t len, int *by_key)
{
    char key[NAMES_KEY_MAX];
    *by_key = names_key(n, w, len, key) > 0 && ix_query_has_key(q, key);
    if (*by_key)
        return 1;
    char *lower = g_utf8_strdown(w, (gssize)len);
    int found = 0;
    for (size_t i = 0; !found && ix_query_word(q, i) != NULL; i++)
        found = strcmp(lower, ix_query_word(q, i)) == 0;
    char *s = !found && stems->len > 0 ? xc_stem_word(stem, lower) : NULL;
    for (guint i = 0; s != NULL && !found && i < stems->len; i++)
        found = strcmp(s, g_ptr_array_index(stems, i)) == 0;
    free(s);
    g_free(lower);
    return found;
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

/* put_escaped - text[from..to) HTML-escaped */
static void put_escaped(GString *s, const char *text, size_t from, size_t to)
{
    char *e = g_markup_escape_text(text + from, (gssize)(to - from));
    g_string_append(s, e);
    g_free(e);
}

/* render - the window, escaped, matches marked */
static char *render(const char *text, const GArray *hits, size_t start, size_t chars)
{
    size_t end = char_end(text, start, chars);
    for (int i = 0; i < 40 && text[end] != '\0' && !g_ascii_isspace(text[end]); i++)
        end = (size_t)(g_utf8_next_char(text + end) - text);    /* to the word's end */
    GString *s = g_string_new(start > 0 ? "…" : "");
    size_t at = start;
    for (guint i = 0; i < hits->len; i++) {
        const hit_word *h = &g_array_index(hits, hit_word, i);
        if (h->start < start || h->end > end)
            continue;
        put_escaped(s, text, at, h->start);
        g_string_append(s, "<b>");
        put_escaped(s, text, h->start, h->end);
        g_string_append(s, "</b>");
        at = h->end;
    }
    put_escaped(s, text, at, end);
    if (text[end] != '\0')
        g_string_append(s, "…");
    return g_string_free(s, FALSE);
}

/* ix_snippet - find the matches, then the window */
char *ix_snippet(const ix_query *q, const names *n, const xc_stem *stem, const char *text,
                 size_t chars, char ***matched)
{
    GArray *hits = g_array_new(FALSE, FALSE, sizeof(hit_word));
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *stems = stems_of(q, stem);
    size_t at = 0;
    names_word w;
    int any_key = 0;
    while (text != NULL && names_next_word(text, &at, &w)) {
        int by_key = 0;
        if (!matches(q, n, stem, stems, text + w.start, w.len, &by_key))
            continue;
        hit_word h = {w.start, w.start + w.len, by_key};
        g_array_append_val(hits, h);
        add_matched(words, text + w.start, w.len);
        any_key |= by_key;
    }
    char *snippet = any_key ? render(text, hits, best_window(text, hits, chars), chars) : NULL;
    if (matched != NULL) {
        g_ptr_array_add(words, NULL);
        *matched = (char **)g_ptr_array_free(words, FALSE);
    } else {
        g_ptr_array_free(words, TRUE);
    }
    g_ptr_array_free(stems, TRUE);
    g_array_free(hits, TRUE);
    return snippet;
}
