/*
 * correct.c - after recognition: the few confusions tesseract makes in
 * every court paper, put right.
 *
 * With the bel+rus+eng models loaded together, tesseract reads the digit 3
 * standing alone as the Cyrillic letter З ("ч. З ст. 342", "№ З"), the
 * number sign № as "Ме", "Мо" or a lone "М" ("Ме 1-234/2024"), and drops the
 * point of the abbreviation "г." before a town ("г Минск"). The benchmark
 * shows these three as most of what is left wrong on a well-prepared page,
 * and they are exactly the words people search for: case numbers, articles,
 * towns. Each rule looks at a whole token and its neighbours and only where
 * the reading cannot be meant: a lone З after "ч.", "№", "п." or before
 * "ст."/"арт." or a digit is not a letter in legal text, "Ме" before a
 * number is not a word (a lone "М" only before a case number such as
 * "1-234/2024").
 *
 * Initials: the English model also reads a Cyrillic initial with Latin
 * letters, the look-alikes (А as A, В as B, Н as H) and Ю, a bar joined to
 * an O, as "FO" or "IO" ("Мінска FO. В. Сёмкін"). Names are what people
 * search for, so an initial next to a Cyrillic initial ("В.") is made
 * Cyrillic; a Latin initial between Latin words is left alone.
 * Switched by the `corrections` key of DATA/ocr.conf (on by default).
 *
 * Functions: ocr_correct_legal.
 */
#include "ocr/ocr_private.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* token_is - the token (len bytes) is one of the NULL-terminated words */
static bool token_is(const char *tok, size_t len, const char *const *words)
{
    for (; *words != NULL; words++)
        if (strlen(*words) == len && memcmp(tok, *words, len) == 0)
            return true;
    return false;
}

/* starts_digit - the token begins with 0-9 */
static bool starts_digit(const char *tok, size_t len)
{
    return len > 0 && tok[0] >= '0' && tok[0] <= '9';
}

/* is_case_number - digits first, with a dash or slash: "1-234/2024" */
static bool is_case_number(const char *tok, size_t len)
{
    return starts_digit(tok, len) &&
           (memchr(tok, '-', len) != NULL || memchr(tok, '/', len) != NULL);
}

/* cyrillic_initial - one capital Cyrillic letter and a point ("В.", "В.,") */
static bool cyrillic_initial(const char *tok, size_t len)
{
    if (tok == NULL || len < 3)
        return false;
    gunichar c = g_utf8_get_char_validated(tok, (gssize)len);
    if (c < 0x0400 || c > 0x04FF || !g_unichar_isupper(c))
        return false;
    const char *rest = g_utf8_next_char(tok);
    size_t n = len - (size_t)(rest - tok);
    return rest[0] == '.' && strspn(rest + 1, ",;:") == n - 1;
}

/* latin_initial - the Cyrillic letter that the Latin reading `core` of an
 * initial stands for, or NULL when it is no look-alike */
static const char *latin_initial(const char *core, size_t len)
{
    /* Latin reading, Cyrillic letter; Ю is a bar joined to an O */
    static const char *const alike[][2] = {
        {"A", "А"},  {"B", "В"},  {"C", "С"},  {"E", "Е"},  {"H", "Н"},  {"K", "К"},
        {"M", "М"},  {"O", "О"},  {"P", "Р"},  {"T", "Т"},  {"X", "Х"},  {"Y", "У"},
        {"IO", "Ю"}, {"FO", "Ю"}, {"lO", "Ю"}, {"1O", "Ю"}, {"I0", "Ю"},
    };
    for (size_t i = 0; i < sizeof alike / sizeof alike[0]; i++)
        if (strlen(alike[i][0]) == len && memcmp(core, alike[i][0], len) == 0)
            return alike[i][1];
    return NULL;
}

/* starts_upper_cyrillic - the token begins with a capital Cyrillic letter */
static bool starts_upper_cyrillic(const char *tok, size_t len)
{
    if (len < 2)
        return false;
    gunichar c = g_utf8_get_char_validated(tok, (gssize)len);
    return c >= 0x0400 && c <= 0x04FF && g_unichar_isupper(c);
}

/* ocr_correct_legal - tokens are runs of non-space; spaces are kept as they are */
char *ocr_correct_legal(const char *text)
{
    static const char *const before_number[] = {"ч.", "ч", "№", "п.", "пп.", "ст.", "арт.", NULL};
    static const char *const after_number[] = {"ст.", "арт.", "статьи", "артыкула", NULL};
    static const char *const ze[] = {"З", NULL};
    static const char *const number_sign[] = {"Ме", "Мо", "Ne", NULL};
    static const char *const lone_m[] = {"М", NULL};
    static const char *const town[] = {"г", NULL};
    GString *out = g_string_sized_new(strlen(text) + 16);
    const char *prev = NULL, *p = text;
    size_t prev_len = 0;
    while (*p != '\0') {
        size_t space = strspn(p, " \t\r\n\f\v");
        g_string_append_len(out, p, (gssize)space);
        p += space;
        if (*p == '\0')
            break;
        size_t len = strcspn(p, " \t\r\n\f\v");
        /* the next token, for the rules that look ahead */
        const char *next = p + len + strspn(p + len, " \t\r\n\f\v");
        size_t next_len = strcspn(next, " \t\r\n\f\v");
        /* a token's core: without trailing punctuation ("З." "З,") */
        size_t core = len;
        while (core > 0 && strchr(".,;:)", p[core - 1]) != NULL)
            core--;
        const char *fix = NULL;
        if (token_is(p, core, ze) &&
            ((prev && token_is(prev, prev_len, before_number)) ||
             token_is(next, next_len, after_number) || starts_digit(next, next_len)))
            fix = "3";
        else if (core == len && token_is(p, len, number_sign) && starts_digit(next, next_len))
            fix = "№";
        else if (core == len && token_is(p, len, lone_m) && is_case_number(next, next_len))
            fix = "№";
        else if (core == len && token_is(p, len, town) && starts_upper_cyrillic(next, next_len))
            fix = "г.";
        else if (core < len && p[core] == '.' &&
                 (cyrillic_initial(prev, prev_len) || cyrillic_initial(next, next_len)))
            fix = latin_initial(p, core);
        if (fix != NULL) {
            g_string_append(out, fix);
            g_string_append_len(out, p + core, (gssize)(len - core));
        } else {
            g_string_append_len(out, p, (gssize)len);
        }
        prev = p;
        prev_len = len;
        p += len;
    }
    char *result = xstrdup(out->str);
    g_string_free(out, TRUE);
    return result;
}
