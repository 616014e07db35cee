/*
 * test_names_chars.c - names_char, names_is_alpha, names_is_letter,
 * names_is_upper, names_to_lower and names_lower give glib's answers for every code point
 * from 0 to 0x10FFFF and for every pair of bytes, valid UTF-8 or not: their
 * fast paths for ASCII and basic Cyrillic change no answer.
 */
#include "names/names.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <string.h>

/* The last code point. */
#define LAST_CHAR 0x10FFFF

/* reference_char - the old way: glib's code point at s and its length */
static gunichar reference_char(const char *s, size_t *clen)
{
    gunichar c = g_utf8_get_char_validated(s, -1);
    if (c == (gunichar)-1 || c == (gunichar)-2) {
        *clen = 1;
        return NAMES_BAD_CHAR;
    }
    *clen = (size_t)(g_utf8_next_char(s) - s);
    return c;
}

/* check_decoded - names_char and glib agree on s */
static void check_decoded(const char *s, unsigned what)
{
    size_t len = 0, want_len = 0;
    unsigned c = names_char(s, &len);
    gunichar want = reference_char(s, &want_len);
    if (c != want || len != want_len) /* ck_abort_msg: no mark point per character */
        ck_abort_msg("%#x: %#x/%zu, glib %#x/%zu", what, c, len, want, want_len);
}

/* check_lower - names_lower and g_utf8_strdown agree on s[0..len) */
static void check_lower(const char *s, size_t len, unsigned what)
{
    char *got = names_lower(s, len);
    char *want = g_utf8_strdown(s, (gssize)len);
    if (strcmp(got, want) != 0)
        ck_abort_msg("%#x (%zu bytes): \"%s\", glib \"%s\"", what, len, got, want);
    g_free(got);
    g_free(want);
}

START_TEST(every_code_point_is_classified_as_glib_does)
{
    for (gunichar c = 0; c <= LAST_CHAR; c++) {
        if (names_is_alpha(c) != !!g_unichar_isalpha(c))
            ck_abort_msg("%#x alpha", c);
        if (names_is_letter(c) != (g_unichar_isalpha(c) || g_unichar_ismark(c)))
            ck_abort_msg("%#x letter", c);
        if (names_is_upper(c) != (g_unichar_isupper(c) || g_unichar_istitle(c)))
            ck_abort_msg("%#x upper", c);
        if (names_to_lower(c) != g_unichar_tolower(c))
            ck_abort_msg("%#x to lower: %#x, glib %#x", c, names_to_lower(c), g_unichar_tolower(c));
    }
    ck_assert(!names_is_alpha(NAMES_BAD_CHAR) && !names_is_letter(NAMES_BAD_CHAR) &&
              !names_is_upper(NAMES_BAD_CHAR));
}
END_TEST

START_TEST(every_code_point_decodes_and_lowers_as_glib_does)
{
    for (gunichar c = 0; c <= LAST_CHAR; c++) {
        char s[16] = {0};
        int n = g_unichar_to_utf8(c, s);
        check_decoded(s, c);
        check_lower(s, (size_t)n, c);
        /* inside a word, and cut before its last byte */
        char word[24] = "Жы";
        size_t at = strlen(word);
        memcpy(word + at, s, (size_t)n);
        memcpy(word + at + n, "Ё", sizeof "Ё");
        check_lower(word, strlen(word), c);
        check_lower(word, at + (size_t)n - 1, c);
    }
}
END_TEST

START_TEST(every_byte_pair_decodes_and_lowers_as_glib_does)
{
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++) {
            char s[8] = {(char)a, (char)b, 0};
            check_decoded(s, a << 8 | b);
            check_lower(s, 2, a << 8 | b);
            check_lower(s, 1, a << 8 | b);
        }
}
END_TEST

START_TEST(basic_cyrillic_and_ascii_words)
{
    const char *words[] = {"ЁЖИК",   "Ўладзімір", "ІВАНОЎ",  "Ѓ Ќ Џ Ѐ Ѝ",
                           "IVANOU", "Siarhei",   "İstanbul"};
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
        check_lower(words[i], strlen(words[i]), (unsigned)i);
    char *lower = names_lower("ЁЖИК Ўладзімір", 100);
    ck_assert_str_eq(lower, "ёжик ўладзімір");
    g_free(lower);
}
END_TEST

/* names_chars_suite - the tests */
static Suite *names_chars_suite(void)
{
    Suite *s = suite_create("names_chars");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, every_code_point_is_classified_as_glib_does);
    tcase_add_test(tc, every_code_point_decodes_and_lowers_as_glib_does);
    tcase_add_test(tc, every_byte_pair_decodes_and_lowers_as_glib_does);
    tcase_add_test(tc, basic_cyrillic_and_ascii_words);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(names_chars_suite());
}
