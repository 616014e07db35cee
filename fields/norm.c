/*
 * norm.c - the text the field rules read (see fields_norm in fields_int.h).
 *
 * Normalising once lets every rule be written for one spelling: the rules
 * say "ст" and "№", and still find "Ст.", "CТ." with a Latin C, and "361¹".
 * Each output byte remembers where it came from, so what is found can be
 * shown as the document wrote it (a court's name in its own letters).
 *
 * Functions: fields_normalise, fields_norm_free, fields_unspace, fields_add.
 */
#include "fields/fields_int.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The output being built. */
typedef struct {
    GString *s;
    GArray *orig; /* size_t per byte of s */
} out_buf;

/* emit - append the UTF-8 of c, every byte coming from original offset at */
static void emit(out_buf *o, gunichar c, size_t at)
{
    if (c < 0x80) { /* most characters of most pages */
        g_string_append_c(o->s, (char)c);
        g_array_append_val(o->orig, at);
        return;
    }
    char utf8[6];
    int n = g_unichar_to_utf8(c, utf8);
    g_string_append_len(o->s, utf8, n);
    for (int i = 0; i < n; i++)
        g_array_append_val(o->orig, at);
}

/* look_alike - a letter of the other script that looks like c, 0 if none;
 * to_cyrillic says which way */
static gunichar look_alike(gunichar c, int to_cyrillic)
{
    static const gunichar pairs[][2] = {
        /* Latin, Cyrillic (lower case) */
        {'a', 0x430}, {'b', 0x432}, {'c', 0x441}, {'e', 0x435}, {'h', 0x43D},
        {'i', 0x456}, {'k', 0x43A}, {'m', 0x43C}, {'o', 0x43E}, {'p', 0x440},
        {'t', 0x442}, {'x', 0x445}, {'y', 0x443},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++)
        if (pairs[i][to_cyrillic ? 0 : 1] == c)
            return pairs[i][to_cyrillic ? 1 : 0];
    return 0;
}

/* superscript - the digit a superscript digit stands for, -1 if c is none */
static int superscript(gunichar c)
{
    if (c == 0xB9)
        return 1;
    if (c == 0xB2 || c == 0xB3)
        return (int)(c - 0xB0);
    if (c == 0x2070 || (c >= 0x2074 && c <= 0x2079))
        return (int)(c - 0x2070);
    return -1;
}

/* is_dash - hyphens, dashes and the minus sign */
static int is_dash(gunichar c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* word - emit the letters text[start..end), lower case, in one script */
static void word(out_buf *o, const char *text, size_t start, size_t end)
{
    size_t cyr = 0, lat = 0;
    size_t clen;
    for (size_t i = start; i < end; i += clen) { /* letters: valid UTF-8 */
        gunichar c = names_to_lower(names_char(text + i, &clen));
        if (c >= 0x400 && c <= 0x4FF)
            cyr++;
        else if (c < 0x250)
            lat++;
    }
    int to_cyrillic = cyr >= lat;
    for (size_t i = start; i < end; i += clen) {
        gunichar c = names_to_lower(names_char(text + i, &clen));
        gunichar other = look_alike(c, to_cyrillic);
        if (other != 0 && !(to_cyrillic && c >= 0x400 && c <= 0x4FF))
            c = other;
        if (c == 0x451)
            c = 0x435; /* ё -> е */
        emit(o, c, i);
    }
}

/* letter_run_end - the end of the run of letters starting at i */
static size_t letter_run_end(const char *text, size_t i)
{
    size_t clen;
    while (text[i] != '\0' && names_is_letter(names_char(text + i, &clen)))
        i += clen;
    return i;
}

/* fields_normalise - one pass over the text: letters by words, the rest by character */
void fields_normalise(const char *text, fields_norm *out)
{
    if (text == NULL)
        text = "";
    size_t size = strlen(text) + 1; /* the output is about as long as the text */
    out_buf o = {g_string_sized_new(size),
                 g_array_sized_new(FALSE, FALSE, sizeof(size_t), (guint)size)};
    size_t i = 0;
    int prev_super = 0;
    while (text[i] != '\0') {
        size_t clen;
        gunichar c = names_char(text + i, &clen);
        if (c == NAMES_BAD_CHAR) {
            emit(&o, ' ', i); /* a broken byte is a gap */
            i++;
            continue;
        }
        size_t next = i + clen;
        int sup = superscript(c);
        if (names_is_alpha(c)) {
            size_t end = letter_run_end(text, i);
            int between_digits = o.s->len > 0 && g_ascii_isdigit(o.s->str[o.s->len - 1]) &&
                                 g_ascii_isdigit(text[end]);
            gunichar l = names_to_lower(c);
            if (between_digits && next == end && (l == 'o' || l == 0x43E))
                emit(&o, '0', i); /* 2О24 */
            else
                word(&o, text, i, end);
            i = end;
            prev_super = 0;
            continue;
        }
        if (sup >= 0) {
            if (!prev_super && o.s->len > 0 && g_ascii_isdigit(o.s->str[o.s->len - 1]))
                emit(&o, '-', i); /* 361¹ -> 361-1 */
            emit(&o, (gunichar)('0' + sup), i);
        } else if (is_dash(c)) {
            emit(&o, '-', i);
        } else if (c == 0xAD) {
            /* a soft hyphen is nothing */
        } else if (g_unichar_isspace(c) || c == 0xA0 || c == 0x202F) {
            emit(&o, ' ', i);
        } else {
            emit(&o, c, i);
        }
        prev_super = sup >= 0;
        i = next;
    }
    g_array_append_val(o.orig, i);
    out->len = o.s->len;
    out->text = g_string_free(o.s, FALSE);
    out->orig = (size_t *)(void *)g_array_free(o.orig, FALSE);
    out->match_failed = 0;
}

/* fields_norm_free - free both arrays */
void fields_norm_free(fields_norm *n)
{
    if (n == NULL)
        return;
    g_free(n->text);
    g_free(n->orig);
    n->text = NULL;
    n->orig = NULL;
}

/* single_letter_at - length of a one-letter word at s followed by a space or
 * the end, 0 otherwise */
static size_t single_letter_at(const char *s)
{
    gunichar c = g_utf8_get_char(s);
    if (!names_is_alpha(c))
        return 0;
    const char *n = g_utf8_next_char(s);
    return *n == ' ' || *n == '\0' ? (size_t)(n - s) : 0;
}

/* fields_unspace - join runs of four or more one-letter words */
char *fields_unspace(const char *text)
{
    GString *s = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        int at_word_start = p == text || p[-1] == ' ';
        const char *q = p;
        size_t run = 0, l;
        while (at_word_start && (l = single_letter_at(q)) > 0) {
            run++;
            q += l;
            if (*q == ' ' && single_letter_at(q + 1) > 0)
                q++;
            else
                break;
        }
        if (run >= 4) {
            for (const char *r = p; r < q; r++)
                if (*r != ' ')
                    g_string_append_c(s, *r);
            p = q;
            continue;
        }
        g_string_append_c(s, *p);
        p++;
    }
    return g_string_free(s, FALSE);
}

/* fields_add - append unless present */
void fields_add(char ***list, size_t *n, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i], s) == 0)
            return;
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = xstrdup(s);
}
