/*
 * court.c - courts named on a page, and the words of a court as typed in a
 * query.
 *
 * Belarusian courts are named by a place: "суд Центрального района
 * г. Минска", "Минский городской суд", "Брестский областной суд",
 * "Верховный Суд". The name is declined ("Минского городского суда") and
 * written in either language ("Мінскі гарадскі суд"), so a court is known by
 * a key built from its words: the words that say what kind of court it is
 * (городской, раённы, областной) become fixed tokens, the place words get
 * their name keys (names/), which already survive case and language. A
 * "суд" with no place ("в суд", "районный суд") names no court.
 *
 * Functions: fields_find_courts, fields_court_words.
 */
#include "fields/fields_int.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A word of the normalised text; brk: something other than white space and
 * one full stop stands between it and the word before. */
typedef struct {
    size_t start, end;
    int brk;
} token;

/* Words that say what kind of court, or what kind of area, and their tokens
 * (as normalised: ё is е). */
static const struct {
    const char *prefix, *key;
} kind_words[] = {
    {"районн", "rai"},       {"раенн", "rai"},       {"городск", "gor"},
    {"гарадск", "gor"},      {"областн", "obl"},     {"абласн", "obl"},
    {"военн", "mil"},        {"ваенн", "mil"},       {"межгарнизонн", "mil"},
    {"міжгарнізонн", "mil"}, {"экономическ", "eco"}, {"эканамічн", "eco"},
    {"хозяйственн", "eco"},  {"гаспадарч", "eco"},   {"верховн", "sup"},
    {"вярхоўн", "sup"},      {"района", "rn"},       {"раена", "rn"},
    {"области", "oblast"},   {"вобласці", "oblast"}, {"гарнизона", "garn"},
    {"гарнізона", "garn"},
};

/* Words that are no part of a court's key. */
static const char *const skip_words[] = {
    "суд",
    "суда",
    "суду",
    "судом",
    "суде",
    "судзе",
    "г",
    "гор",
    "города",
    "горада",
    "республики",
    "рэспублікі",
    "беларусь",
    "данный",
    "данного",
    "данному",
    "данным",
    "указанный",
    "указанного",
    "настоящий",
    "настоящего",
    "названный",
    "вышеуказанный",
    "вышестоящий",
    "вышестоящего",
    "нижестоящий",
    "апелляционный",
    "апелляционного",
    "иной",
    "другой",
    "другого",
    "этот",
    "этого",
    "который",
    "которого",
    "дадзены",
    "дадзенага",
    "гэты",
    "гэтага",
    "згаданы",
    "той",
    "таго",
};

/* Adjective endings, checked on words of four letters or more. */
static const char *const adj_endings[] = {
    "ий", "ый", "ой",  "ого", "его", "ому", "ему", "ым", "им", "ая", "яя", "ую",
    "юю", "ей", "ага", "яга", "аму", "яму", "ім",  "ы",  "і",  "ае", "яе",
};

/* tok_is - whether token k is the word w */
static int tok_is(const char *text, const token *k, const char *w)
{
    size_t n = strlen(w);
    return k->end - k->start == n && memcmp(text + k->start, w, n) == 0;
}

/* in_list - whether token k is one of the words of list */
static int in_list(const char *text, const token *k, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (tok_is(text, k, list[i]))
            return 1;
    return 0;
}

/* kind_of - the kind token of a word, NULL if it is none */
static const char *kind_of(const char *text, const token *k)
{
    for (size_t i = 0; i < G_N_ELEMENTS(kind_words); i++) {
        size_t n = strlen(kind_words[i].prefix);
        if (k->end - k->start >= n && memcmp(text + k->start, kind_words[i].prefix, n) == 0)
            return kind_words[i].key;
    }
    return NULL;
}

/* is_court_word - суд in any case, Russian or Belarusian */
static int is_court_word(const char *text, const token *k)
{
    return in_list(text, k, skip_words, 6);
}

/* is_adjective - four letters or more, an adjective's ending, not a skip word */
static int is_adjective(const char *text, const token *k)
{
    if (g_utf8_strlen(text + k->start, (gssize)(k->end - k->start)) < 4 ||
        in_list(text, k, skip_words, G_N_ELEMENTS(skip_words)))
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(adj_endings); i++) {
        size_t n = strlen(adj_endings[i]);
        if (k->end - k->start > n && memcmp(text + k->end - n, adj_endings[i], n) == 0)
            return 1;
    }
    return 0;
}

/* tokenize - the words of normalised text into toks (a GArray of token) */
static void tokenize(const char *text, GArray *toks)
{
    size_t i = 0;
    int brk = 1, dots = 0;
    while (text[i] != '\0') {
        gunichar c = g_utf8_get_char(text + i);
        size_t next = (size_t)(g_utf8_next_char(text + i) - text);
        if (!names_is_alpha(c)) {
            if (c == '.')
                dots++;
            if ((c != ' ' && c != '.') || dots > 1)
                brk = 1;
            i = next;
            continue;
        }
        size_t start = i;
        while (text[i] != '\0' && names_is_alpha(g_utf8_get_char(text + i)))
            i = (size_t)(g_utf8_next_char(text + i) - text);
        token t = {start, i, brk};
        g_array_append_val(toks, t);
        brk = 0;
        dots = 0;
    }
}

/* word_key - a word's part of a court key: its kind token or its name key */
static int word_key(const names *n, const char *text, const token *k, char out[NAMES_KEY_MAX])
{
    const char *kind = kind_of(text, k);
    if (kind != NULL) {
        snprintf(out, NAMES_KEY_MAX, "%s", kind);
        return 1;
    }
    return names_key(n, text + k->start, k->end - k->start, out) > 0;
}

/* compare_keys - order of two elements of a GPtrArray of strings */
static int compare_keys(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ends_with - whether the word w (l bytes) ends with suffix */
static int ends_with(const char *w, size_t l, const char *suffix)
{
    size_t n = strlen(suffix);
    return l > n && memcmp(w + l - n, suffix, n) == 0;
}

/* join_keys - the sorted, distinct keys of tokens toks[0..n) (g_free), and
 * whether one of them names a place or the Supreme Court */
static char *join_keys(const names *table, const char *text, const token *toks, size_t n,
                       int *specific)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    *specific = 0;
    for (size_t i = 0; i < n; i++) {
        char k[NAMES_KEY_MAX];
        if (in_list(text, &toks[i], skip_words, G_N_ELEMENTS(skip_words)) ||
            !word_key(table, text, &toks[i], k))
            continue;
        const char *kind = kind_of(text, &toks[i]);
        if (kind == NULL || strcmp(kind, "sup") == 0)
            *specific = 1;
        int seen = 0;
        for (guint j = 0; j < keys->len; j++)
            seen |= strcmp(g_ptr_array_index(keys, j), k) == 0;
        if (!seen)
            g_ptr_array_add(keys, g_strdup(k));
    }
    g_ptr_array_sort(keys, compare_keys);
    g_ptr_array_add(keys, NULL);
    char *joined = g_strjoinv(" ", (char **)keys->pdata);
    g_ptr_array_free(keys, TRUE);
    return joined;
}

/* tail_length - how many words after the court word name its place:
 * "г. Минска", "Центрального района (г. Минска)", "Минской области",
 * "Минского гарнизона", "Республики Беларусь" */
static size_t tail_length(const char *text, const token *t, size_t n)
{
    static const char *const city[] = {"г", "гор", "города", "горада"};
    if (n >= 2 && !t[0].brk && !t[1].brk && in_list(text, &t[0], city, 4))
        return 2;
    if (n >= 2 && !t[0].brk && !t[1].brk && is_adjective(text, &t[0]) && kind_of(text, &t[1]) &&
        (strcmp(kind_of(text, &t[1]), "rn") == 0 || strcmp(kind_of(text, &t[1]), "oblast") == 0 ||
         strcmp(kind_of(text, &t[1]), "garn") == 0))
        return n >= 4 && !t[2].brk && !t[3].brk && in_list(text, &t[2], city, 4) ? 4 : 2;
    if (n >= 2 && !t[0].brk && !t[1].brk &&
        (tok_is(text, &t[0], "республики") || tok_is(text, &t[0], "рэспублікі")) &&
        tok_is(text, &t[1], "беларусь"))
        return 2;
    return 0;
}

/* squeeze - the original text of a label, white space runs as one space */
static char *squeeze(const char *s, size_t len)
{
    GString *g = g_string_new(NULL);
    for (size_t i = 0; i < len; i++) {
        if (g_ascii_isspace(s[i])) {
            if (g->len > 0 && g->str[g->len - 1] != ' ')
                g_string_append_c(g, ' ');
        } else {
            g_string_append_c(g, s[i]);
        }
    }
    while (g->len > 0 && g->str[g->len - 1] == ' ')
        g_string_truncate(g, g->len - 1);
    return g_string_free(g, FALSE);
}

/* add_court - add or improve (nominative label) the court with this key */
static void add_court(fields_page *p, char *key, char *label, int nominative)
{
    for (size_t i = 0; i < p->ncourts; i++)
        if (strcmp(p->courts[i].key, key) == 0) {
            if (nominative && !p->courts[i].nominative) {
                free(p->courts[i].label);
                p->courts[i].label = xstrdup(label);
                p->courts[i].nominative = 1;
            }
            return;
        }
    p->courts = xrealloc(p->courts, (p->ncourts + 1) * sizeof *p->courts);
    p->courts[p->ncourts++] = (fields_court){xstrdup(key), xstrdup(label), nominative};
}

/* russian_plural - on a Russian page, a word ending in a bare "ы" with no
 * letter only Belarusian has: a plural noun ("доводы защиты суд находит
 * несостоятельными"), not a Belarusian adjective ("Вярхоўны", "раённы") */
static int russian_plural(const char *text, const token *k, const fields_page *p)
{
    const char *w = text + k->start;
    size_t l = k->end - k->start;
    return p->lang != NULL && strcmp(p->lang, "ru") == 0 && ends_with(w, l, "ы") &&
           !g_strstr_len(w, (gssize)l, "і") && !g_strstr_len(w, (gssize)l, "ў") &&
           !g_strstr_len(w, (gssize)l, "э");
}

/* court_at - the court whose "суд" is token c, if it names one */
static void court_at(const fields *f, const char *orig, const fields_norm *t, const token *toks,
                     size_t ntoks, size_t c, fields_page *p)
{
    size_t first = c;
    while (first > 0 && c - first < 3 && !toks[first].brk &&
           is_adjective(t->text, &toks[first - 1]) && !russian_plural(t->text, &toks[first - 1], p))
        first--;
    size_t tail = c + 1 < ntoks ? tail_length(t->text, toks + c + 1, ntoks - c - 1) : 0;
    int specific = 0;
    char *key = join_keys(f->names, t->text, toks + first, c + 1 + tail - first, &specific);
    if (specific && *key != '\0') {
        int nominative = tok_is(t->text, &toks[c], "суд");
        for (size_t i = first; i < c; i++) {
            const char *w = t->text + toks[i].start;
            size_t l = toks[i].end - toks[i].start;
            nominative &= ends_with(w, l, "ий") || ends_with(w, l, "ый") || ends_with(w, l, "ой") ||
                          ends_with(w, l, "ы") || ends_with(w, l, "і");
        }
        size_t from = t->orig[toks[first].start], to = t->orig[toks[c + tail].end];
        char *label = squeeze(orig + from, to - from);
        add_court(p, key, label, nominative);
        g_free(label);
    }
    g_free(key);
}

/* fields_find_courts - every "суд" that names its place (p->lang is set) */
void fields_find_courts(const fields *f, const char *text, const fields_norm *t, fields_page *p)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(token));
    tokenize(t->text, a);
    const token *toks = (const token *)(void *)a->data;
    for (size_t i = 0; i < a->len; i++)
        if (is_court_word(t->text, &toks[i]))
            court_at(f, text, t, toks, a->len, i, p);
    g_array_free(a, TRUE);
}

/* fields_court_words - the keys of every word that counts, in order */
char **fields_court_words(const names *n, const char *text)
{
    fields_norm t;
    if (n == NULL || text == NULL)
        return NULL;
    fields_normalise(text, &t);
    GArray *a = g_array_new(FALSE, FALSE, sizeof(token));
    tokenize(t.text, a);
    const token *toks = (const token *)(void *)a->data;
    GPtrArray *keys = g_ptr_array_new();
    for (size_t i = 0; i < a->len; i++) {
        char k[NAMES_KEY_MAX];
        if (!in_list(t.text, &toks[i], skip_words, G_N_ELEMENTS(skip_words)) &&
            word_key(n, t.text, &toks[i], k))
            g_ptr_array_add(keys, g_strdup(k));
    }
    fields_norm_free(&t);
    g_array_free(a, TRUE);
    if (keys->len == 0) {
        g_ptr_array_free(keys, TRUE);
        return NULL;
    }
    g_ptr_array_add(keys, NULL);
    return (char **)g_ptr_array_free(keys, FALSE);
}
