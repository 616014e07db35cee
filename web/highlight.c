/*
 * highlight.c - marking a query's words in a page's text on the document page.
 *
 * The index decides what matches (Xapian, Russian stems); here we only show
 * where, for a whole page, so an approximation that agrees in the common
 * cases is enough: a text word matches a query word when they are equal
 * ignoring case, when it starts with the query word and adds at most a few
 * letters (an ending: Иванов -> Иванову), or when both share a stem of at
 * least four letters that leaves at most two of the query word's letters out,
 * the text word being no more than one letter shorter (Іваноў -> Іванова,
 * not Іван). `prefix*` matches every word starting with prefix. Excluded words
 * (-word, NOT word), operators and field filters (file:, mime:) are not marked.
 * A capitalised word also matches when it has the same name key (names/) as a
 * query word, as the index finds names: "Siarhei Ivanou" marks Сергея Иванова.
 *
 * Functions: highlighter_new, highlighter_free, highlight_html.
 */
#include "web/web_private.h"
#include "names/names.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_ENDING = 4, MIN_STEM = 4, MAX_WORDS = 32 };

typedef struct {
    char *folded; /* case-folded UTF-8 */
    long chars;
    int prefix;              /* from "word*" */
    char key[NAMES_KEY_MAX]; /* its name key, "" if none */
} query_word;

struct highlighter {
    query_word words[MAX_WORDS];
    int count;
    names *names; /* NULL if the table could not be built: no name matching */
};

/* is_operator - the query parser's upper-case operators */
static int is_operator(const char *token)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strcmp(token, ops[i]) == 0)
            return 1;
    return 0;
}

/* add_words - the letter-and-digit runs of one query token */
static void add_words(highlighter *h, const char *token)
{
    const char *p = token;
    while (*p && h->count < MAX_WORDS) {
        while (*p && !g_unichar_isalnum(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        const char *start = p;
        while (*p && g_unichar_isalnum(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        if (p == start)
            break;
        query_word *w = &h->words[h->count++];
        w->folded = g_utf8_casefold(start, p - start);
        w->chars = g_utf8_strlen(w->folded, -1);
        w->prefix = *p == '*';
        if (h->names && w->chars >= 3 && !w->prefix)
            names_key(h->names, start, (size_t)(p - start), w->key);
    }
}

/* highlighter_new - split the query into tokens and keep the positive words */
highlighter *highlighter_new(const char *query)
{
    highlighter *h = g_new0(highlighter, 1);
    if (query == NULL || !g_utf8_validate(query, -1, NULL))
        return h;
    char *err = NULL;
    h->names = names_new(&err);
    free(err);
    char **tokens = g_strsplit_set(query, " \t\r\n", -1);
    int negate_next = 0;
    for (char **t = tokens; *t; t++) {
        const char *tok = *t;
        if (*tok == '\0')
            continue;
        if (is_operator(tok)) {
            negate_next = strcmp(tok, "NOT") == 0;
            continue;
        }
        int excluded = negate_next || *tok == '-';
        negate_next = 0;
        while (*tok == '+' || *tok == '(' || *tok == '"')
            tok++;
        const char *colon = strchr(tok, ':');
        if (excluded || (colon && colon[1] != '\0' && colon > tok))
            continue; /* excluded word or a field filter */
        add_words(h, tok);
    }
    g_strfreev(tokens);
    return h;
}

/* highlighter_free - the words and the struct */
void highlighter_free(highlighter *h)
{
    if (h == NULL)
        return;
    for (int i = 0; i < h->count; i++)
        g_free(h->words[i].folded);
    names_free(h->names);
    g_free(h);
}

/* common_prefix - how many characters two folded words share at the start */
static long common_prefix(const char *a, const char *b)
{
    long n = 0;
    while (*a && *b && g_utf8_get_char(a) == g_utf8_get_char(b)) {
        a = g_utf8_next_char(a);
        b = g_utf8_next_char(b);
        n++;
    }
    return n;
}

/* same_name - a capitalised text word whose name key is a query word's */
static int same_name(const highlighter *h, const char *word, size_t len)
{
    char key[NAMES_KEY_MAX];
    if (h->names == NULL || !g_unichar_isupper(g_utf8_get_char(word)) ||
        names_key(h->names, word, len, key) == 0)
        return 0;
    for (int i = 0; i < h->count; i++)
        if (h->words[i].key[0] && strcmp(h->words[i].key, key) == 0)
            return 1;
    return 0;
}

/* matches - does the text word (folded) match any query word? */
static int matches(const highlighter *h, const char *folded)
{
    long chars = g_utf8_strlen(folded, -1);
    for (int i = 0; i < h->count; i++) {
        const query_word *w = &h->words[i];
        long cp = common_prefix(w->folded, folded);
        if (w->prefix ? cp == w->chars
                      : (cp == w->chars && chars == cp) ||
                            (w->chars >= 3 && cp == w->chars && chars - cp <= MAX_ENDING) ||
                            (cp >= MIN_STEM && cp >= w->chars - 2 && chars >= w->chars - 1 &&
                             chars - cp <= MAX_ENDING))
            return 1;
    }
    return 0;
}

/* highlight_html - escape the text, wrapping matching words in <mark> */
int highlight_html(const highlighter *h, GString *b, const char *text)
{
    int found = 0;
    if (text == NULL)
        return 0;
    if (h == NULL || h->count == 0 || !g_utf8_validate(text, -1, NULL)) {
        html_text(b, text);
        return 0;
    }
    const char *p = text;
    while (*p) {
        const char *start = p;
        while (*p && !g_unichar_isalnum(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        html_textn(b, start, (size_t)(p - start));
        start = p;
        while (*p && g_unichar_isalnum(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        if (p == start)
            continue;
        char *folded = g_utf8_casefold(start, p - start);
        int hit = matches(h, folded) || same_name(h, start, (size_t)(p - start));
        g_free(folded);
        if (hit) {
            g_string_append(b, "<mark>");
            found++;
        }
        html_textn(b, start, (size_t)(p - start));
        if (hit)
            g_string_append(b, "</mark>");
    }
    return found;
}
