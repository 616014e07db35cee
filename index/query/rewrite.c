/*
 * rewrite.c - a query as the user typed it, made ready for QueryParser:
 * name: values and runs of bare words are kept aside as entries of the
 * ix_query (see query.h), and a placeholder "name:dkzq<N>" stands for each,
 * which the name field processor (query.c) turns into name-key queries.
 *
 * Why a rewrite rather than a field processor alone: Xapian hands a free-text
 * field processor single lower-cased words and drops a quoted value, and it
 * has no hook for words without a prefix. So a bare word W becomes
 * "(W OR name:dkzq0)": W still matches as written and by its stem, the
 * placeholder by its name key; a run of two to four bare words
 * "Siarhei Ivanou" becomes "((Siarhei OR name:dkzq0) (Ivanou OR name:dkzq1)
 * OR name:dkzq2)", the last standing for the whole run as a name (words near
 * each other, initials). A run of capitalised words that reads as a person's
 * name ("Анна Василевич", "Василевич А. В.") becomes "name:dkzq0" alone: the
 * person, not its words anywhere on the page. Initials next to the words ("Иванову С.Н.") join
 * the run as name words only. Phrases, prefixed values, +/- words, wildcards and
 * operators pass unchanged; a word after NOT stays alone, so NOT excludes
 * that word only, as it did.
 *
 * Functions: ix_query_rewrite.
 */
#include "index/query/query.h"

#include <glib.h>
#include <string.h>

#define RUN_AS_NAME_MAX 4 /* longer runs are not asked as one name */

/* The rewrite in progress. */
typedef struct {
    GString *out;
    ix_query *q;
    GPtrArray *run; /* the bare words of the current run */
    int bare_words;
} rewriter;

/* placeholder - append " name:dkzq<N>" for a new entry holding text */
static void placeholder(rewriter *r, const char *text, int explicit_name)
{
    g_string_append_printf(r->out, "name:dkzq%zu", ix_query_entry(r->q, text, explicit_name));
}

/* capitalised - whether every word of the run starts with a capital */
static int capitalised(GPtrArray *run)
{
    for (guint i = 0; i < run->len; i++) {
        const char *w = g_ptr_array_index(run, i);
        if (!g_unichar_isupper(g_utf8_get_char(w)))
            return 0;
    }
    return 1;
}

/* person_run - a run of capitalised words that reads as a person's name is
 * asked only as that person (query.h); 0 for any other run */
static int person_run(rewriter *r)
{
    guint n = r->run->len;
    if (n < 2 || n > RUN_AS_NAME_MAX || !capitalised(r->run))
        return 0;
    g_ptr_array_add(r->run, NULL);
    char *all = g_strjoinv(" ", (char **)r->run->pdata);
    g_ptr_array_set_size(r->run, n);
    int person = ix_query_is_person(r->q, all);
    if (person) {
        placeholder(r, all, 0);
        g_string_append_c(r->out, ' ');
        g_ptr_array_set_size(r->run, 0);
    }
    g_free(all);
    return person;
}

/* flush_run - write the run of bare words with their name alternatives */
static void flush_run(rewriter *r)
{
    guint n = r->run->len;
    if (n == 0 || person_run(r))
        return;
    if (n > 1)
        g_string_append_c(r->out, '(');
    for (guint i = 0; i < n; i++) {
        const char *w = g_ptr_array_index(r->run, i);
        if (g_str_has_suffix(w, ".")) { /* an initial is no word to match as written */
            placeholder(r, w, 0);
            g_string_append_c(r->out, ' ');
            continue;
        }
        g_string_append_printf(r->out, "(%s OR ", w);
        placeholder(r, w, 0);
        g_string_append(r->out, i + 1 < n ? ") " : ")");
    }
    if (n > 1 && n <= RUN_AS_NAME_MAX) {
        g_ptr_array_add(r->run, NULL);
        char *all = g_strjoinv(" ", (char **)r->run->pdata);
        g_string_append(r->out, " OR ");
        placeholder(r, all, 0);
        g_free(all);
    }
    if (n > 1)
        g_string_append_c(r->out, ')');
    g_string_append_c(r->out, ' ');
    g_ptr_array_set_size(r->run, 0);
}

/* is_operator - a boolean operator of Xapian's syntax */
static int is_operator(const char *t)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (size_t i = 0; i < G_N_ELEMENTS(ops); i++) {
        size_t n = strlen(ops[i]);
        if (strncmp(t, ops[i], n) == 0 && (t[n] == '\0' || t[n] == '/'))
            return 1;
    }
    return 0;
}

/* is_bare_word - letters only, with apostrophes and hyphens between letters */
static int is_bare_word(const char *t)
{
    int prev_letter = 0;
    if (*t == '\0' || !g_utf8_validate(t, -1, NULL))
        return 0;
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        int letter = g_unichar_isalpha(c) || g_unichar_ismark(c);
        if (!letter) {
            const char *next = g_utf8_next_char(p);
            int joiner = c == '-' || c == '\'' || c == 0x2019 || c == 0x02BC;
            if (!joiner || !prev_letter || *next == '\0' ||
                !g_unichar_isalpha(g_utf8_get_char(next)))
                return 0;
        }
        prev_letter = letter;
    }
    return 1;
}

/* initials - the initials of a token such as "С.Н." or "Sh." as a list
 * ("С.", "Н."), NULL if the token is no initials */
static char **initials(const char *t)
{
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
    const char *p = t;
    while (*p != '\0' && g_utf8_validate(p, -1, NULL)) {
        const char *start = p;
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isupper(c))
            break;
        p = g_utf8_next_char(p);
        if (*p != '.' && *p != '\0' && g_unichar_islower(g_utf8_get_char(p)) && c < 0x80)
            p = g_utf8_next_char(p); /* a Latin two-letter initial: Sh. */
        if (*p != '.')
            break;
        p++;
        g_ptr_array_add(a, g_strndup(start, (gsize)(p - start)));
    }
    if (*p != '\0' || a->len == 0) {
        g_ptr_array_free(a, TRUE);
        return NULL;
    }
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, FALSE);
}

/* name_value - a name: value, quotes removed (g_free) */
static char *name_value(const char *v)
{
    size_t n = strlen(v);
    if (n >= 1 && v[0] == '"')
        return g_strndup(v + 1, n >= 2 && v[n - 1] == '"' ? n - 2 : n - 1);
    return g_strdup(v);
}

/* token_end - where the token at i ends: white space or a bracket outside quotes */
static size_t token_end(const char *text, size_t i)
{
    int quoted = 0;
    for (; text[i] != '\0'; i++) {
        if (text[i] == '"')
            quoted = !quoted;
        else if (!quoted && (g_ascii_isspace(text[i]) || text[i] == '(' || text[i] == ')'))
            break;
    }
    return i;
}

/* after_sign - where the field of a +/- token begins: Xapian's parser skips
 * the signs and marks ("+!", "-«", "+.-") between a sign and a word, so
 * "+!name:..." is name: loved too (a quoted value there crashes Xapian 1.4's
 * parser, so it must reach it only as a placeholder) */
static const char *after_sign(const char *t)
{
    if (*t != '+' && *t != '-')
        return t;
    const char *p = t + 1;
    while (*p != '\0' && *p != '"') {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            p++; /* a broken byte: no word begins there */
            continue;
        }
        if (g_unichar_isalnum(c) || g_unichar_ismark(c) || c == '_')
            break;
        p = g_utf8_next_char(p);
    }
    return p;
}

/* token - one token: an operator, a name: value, a bare word or anything else */
static void token(rewriter *r, const char *t, int *after_not)
{
    const char *name = after_sign(t);
    char **inits = NULL;
    if (is_operator(t)) {
        flush_run(r);
        g_string_append_printf(r->out, "%s ", t);
        *after_not = strcmp(t, "NOT") == 0;
    } else if (strncmp(name, "name:", 5) == 0 && name[5] != '\0' && name[5] != '(') {
        flush_run(r);
        char *v = name_value(name + 5);
        g_string_append_len(r->out, t, name - t);
        placeholder(r, v, 1);
        g_string_append_c(r->out, ' ');
        g_free(v);
    } else if (r->bare_words && (inits = initials(t)) != NULL) {
        for (char **i = inits; *i; i++) /* "Иванову С.Н.": part of the name */
            g_ptr_array_add(r->run, g_strdup(*i));
        g_strfreev(inits);
        *after_not = 0;
    } else if (r->bare_words && is_bare_word(t)) {
        g_ptr_array_add(r->run, g_strdup(t));
        if (*after_not)
            flush_run(r);
        *after_not = 0;
    } else {
        flush_run(r);
        g_string_append_printf(r->out, "%s ", t);
        *after_not = 0;
    }
}

/* ix_query_rewrite - token by token */
char *ix_query_rewrite(ix_query *q, const char *text, int bare_words)
{
    rewriter r = {g_string_new(NULL), q, g_ptr_array_new_with_free_func(g_free), bare_words};
    int after_not = 0;
    size_t i = 0;
    while (text != NULL && text[i] != '\0') {
        if (g_ascii_isspace(text[i])) {
            i++;
            continue;
        }
        if (text[i] == '(' || text[i] == ')') {
            flush_run(&r);
            g_string_append_c(r.out, text[i++]);
            g_string_append_c(r.out, ' ');
            continue;
        }
        size_t end = token_end(text, i);
        char *t = g_strndup(text + i, end - i);
        token(&r, t, &after_not);
        g_free(t);
        i = end;
    }
    flush_run(&r);
    g_ptr_array_free(r.run, TRUE);
    while (r.out->len > 0 && r.out->str[r.out->len - 1] == ' ')
        g_string_truncate(r.out, r.out->len - 1);
    return g_string_free(r.out, FALSE);
}
