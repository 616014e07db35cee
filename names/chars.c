/*
 * chars.c - the characters of a UTF-8 text as the name rules see them:
 * glib's answers, found without glib for the letters court papers are
 * mostly written in.
 *
 * Walking a page character by character (names_next_word, the derive
 * passes) asked glib's Unicode tables about every character; for ASCII and
 * the basic Cyrillic block (U+0400-U+045F, all letters, U+0400-U+042F the
 * capitals) the answer is known without them, and every other code point
 * still goes to glib, so the answers are glib's for every code point (the
 * unit test compares them all).
 *
 * Functions: names_char, names_is_alpha, names_is_letter, names_is_upper, names_to_lower,
 * names_lower.
 */
#include "names/names.h"

#include <glib.h>
#include <string.h>

/* The basic Cyrillic block: Ѐ..я..џ; below CYRILLIC_SMALL the capitals. */
enum { CYRILLIC_FIRST = 0x0400, CYRILLIC_SMALL = 0x0430, CYRILLIC_END = 0x0460 };

/* is_basic_cyrillic - whether c is in U+0400-U+045F */
static int is_basic_cyrillic(unsigned c)
{
    return c - CYRILLIC_FIRST < CYRILLIC_END - CYRILLIC_FIRST;
}

/* is_ascii_alpha - A-Z, a-z */
static int is_ascii_alpha(unsigned c)
{
    return (c | 0x20) - 'a' < 26;
}

/* names_char - ASCII and two-byte sequences led by 0xD0/0xD1 decoded here,
 * anything else by glib */
unsigned names_char(const char *s, size_t *clen)
{
    unsigned char b = (unsigned char)s[0];
    if (b != 0 && b < 0x80) {
        *clen = 1;
        return b;
    }
    if ((b == 0xD0 || b == 0xD1) && ((unsigned char)s[1] & 0xC0) == 0x80) {
        *clen = 2;
        return ((unsigned)(b & 0x1F) << 6) | ((unsigned char)s[1] & 0x3F);
    }
    gunichar c = g_utf8_get_char_validated(s, -1);
    if (c == (gunichar)-1 || c == (gunichar)-2) {
        *clen = 1;
        return NAMES_BAD_CHAR;
    }
    *clen = (size_t)(g_utf8_next_char(s) - s);
    return c;
}

/* names_is_alpha - g_unichar_isalpha */
int names_is_alpha(unsigned c)
{
    if (c < 0x80)
        return is_ascii_alpha(c);
    return is_basic_cyrillic(c) || g_unichar_isalpha(c);
}

/* names_is_letter - g_unichar_isalpha or g_unichar_ismark, not NAMES_BAD_CHAR */
int names_is_letter(unsigned c)
{
    if (c < 0x80)
        return is_ascii_alpha(c);
    if (is_basic_cyrillic(c))
        return 1;
    return c != NAMES_BAD_CHAR && (g_unichar_isalpha(c) || g_unichar_ismark(c));
}

/* names_is_upper - g_unichar_isupper or g_unichar_istitle */
int names_is_upper(unsigned c)
{
    if (c < 0x80)
        return c - 'A' < 26;
    if (is_basic_cyrillic(c))
        return c < CYRILLIC_SMALL;
    return g_unichar_isupper(c) || g_unichar_istitle(c);
}

/* names_to_lower - g_unichar_tolower */
unsigned names_to_lower(unsigned c)
{
    if (c < 0x80)
        return c - 'A' < 26 ? c + 0x20 : c;
    if (is_basic_cyrillic(c) && c < CYRILLIC_SMALL)
        return c < 0x410 ? c + 0x50 : c + 0x20; /* Ѐ..Џ -> ѐ..џ, А..Я -> а..я */
    if (is_basic_cyrillic(c))
        return c;
    return g_unichar_tolower(c);
}

/* lower_fast - word[0..len) lower-cased into out (len bytes), as
 * g_utf8_strdown would, if every character is ASCII other than 'I' (which
 * a Turkic locale lowers to ı) or basic Cyrillic; 0 otherwise */
static int lower_fast(const char *word, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)word[i];
        if (b < 0x80 && b != 'I') {
            out[i] = (char)((unsigned)b - 'A' < 26 ? b + 0x20 : b);
            continue;
        }
        unsigned char b2 = i + 1 < len ? (unsigned char)word[i + 1] : 0;
        if (b == 0xD0 && b2 >= 0x80 && b2 <= 0xBF) { /* U+0400..U+043F */
            if (b2 < 0x90) {                         /* Ѐ..Џ -> ѐ..џ */
                out[i] = (char)0xD1;
                out[i + 1] = (char)(b2 + 0x10);
            } else if (b2 < 0xA0) { /* А..П -> а..п */
                out[i] = (char)0xD0;
                out[i + 1] = (char)(b2 + 0x20);
            } else if (b2 < 0xB0) { /* Р..Я -> р..я */
                out[i] = (char)0xD1;
                out[i + 1] = (char)(b2 - 0x20);
            } else {
                out[i] = (char)b;
                out[i + 1] = (char)b2;
            }
        } else if (b == 0xD1 && b2 >= 0x80 && b2 <= 0x9F) { /* U+0440..U+045F */
            out[i] = (char)b;
            out[i + 1] = (char)b2;
        } else
            return 0;
        i++;
    }
    return 1;
}

/* names_lower - the fast path, else glib's */
char *names_lower(const char *word, size_t len)
{
    len = strnlen(word, len);
    char *out = g_malloc(len + 1);
    if (!lower_fast(word, len, out)) {
        g_free(out);
        return g_utf8_strdown(word, (gssize)len);
    }
    out[len] = '\0';
    return out;
}
