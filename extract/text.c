/*
 * text.c - plain text files: the whole file is one page (source plain), in
 * whatever encoding it came, converted to UTF-8; the encoding found is kept
 * as the "encoding" metadata field.
 *
 * Decoding:
 *   - a byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE;
 *   - otherwise valid UTF-8 (without NULs) is taken as it is;
 *   - otherwise UTF-16 without a byte-order mark is recognised by its high
 *     bytes (see utf16_without_bom);
 *   - otherwise, if the bytes are still mostly UTF-8 (valid multi-byte
 *     sequences outnumber invalid bytes four to one: a truncated or slightly
 *     damaged UTF-8 file), each invalid byte becomes U+FFFD;
 *   - otherwise it is an 8-bit encoding. uchardet proposes one; since the
 *     Cyrillic ones are easily confused (windows-1251 read as KOI8-R is still
 *     Cyrillic, only with the case of every letter flipped), each candidate
 *     (windows-1251, KOI8-R, ISO-8859-5, CP866, windows-1252 and uchardet's
 *     answer) is decoded and scored by how much the result looks like words:
 *     letters of one script, in lower case, Capitalised or UPPER case, few
 *     stray symbols. The best wins; on a tie, uchardet's answer.
 * NUL bytes become U+FFFD, so the page text is never cut short. Nothing is
 * dropped silently: every undecodable byte leaves a visible U+FFFD.
 * An empty file (or one holding only a byte-order mark) gives zero pages.
 *
 * Functions: extract_decode_text.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <errno.h>
#include <glib.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchardet/uchardet.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD in UTF-8 */

/* append_utf8_lossy - append UTF-8, replacing invalid bytes and NULs by U+FFFD */
static void append_utf8_lossy(GString *out, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end) {
        const char *bad = NULL;
        /* the longest valid run; stops before an invalid byte or a NUL */
        g_utf8_validate_len(p, (gsize)(end - p), &bad);
        g_string_append_len(out, p, bad - p);
        if (bad == end)
            break;
        g_string_append(out, REPLACEMENT);
        p = bad + 1;
    }
}

/* mostly_utf8 - valid multi-byte sequences outnumber invalid bytes 4:1
 *
 * A sequence cut short by the end of the file is truncation, not a sign of
 * another charset, and is not counted. */
static bool mostly_utf8(const char *p, size_t n)
{
    const char *end = p + n;
    size_t good = 0, bad = 0;
    while (p < end) {
        gunichar c = g_utf8_get_char_validated(p, (gssize)(end - p));
        if (c == (gunichar)-2) { /* a sequence cut off by the end of the file */
            break;
        } else if (c == (gunichar)-1) {
            bad++;
            p++;
        } else {
            if ((unsigned char)*p >= 0x80)
                good++;
            p = g_utf8_next_char(p);
        }
    }
    return good >= 4 * bad;
}

/* append_iconv_lossy - convert from `charset` to UTF-8, undecodable units -> U+FFFD
 *
 * `unit` is the code unit size to skip past a bad sequence (1 for cp1251,
 * 2 for UTF-16). NULs in the result are replaced afterwards by the caller. */
static int append_iconv_lossy(GString *out, const char *charset, size_t unit, const char *p,
                              size_t n, char **reason)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1) {
        dk_fail_errno(reason, "cannot convert text from %s", charset);
        return -1;
    }
    char buf[8192];
    char *in = (char *)p;
    size_t inleft = n;
    while (inleft > 0) {
        char *o = buf;
        size_t oleft = sizeof buf;
        size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
        g_string_append_len(out, buf, o - buf);
        if (rc != (size_t)-1 || errno == E2BIG)
            continue;
        /* EILSEQ: an invalid unit; EINVAL: a truncated one at the end */
        g_string_append(out, REPLACEMENT);
        size_t skip = inleft < unit ? inleft : unit;
        in += skip;
        inleft -= skip;
    }
    iconv_close(cd);
    return 0;
}

/* replace_nuls - NUL bytes in decoded text become U+FFFD (one linear pass) */
static GString *replace_nuls(GString *s)
{
    if (memchr(s->str, '\0', s->len) == NULL)
        return s;
    GString *out = g_string_sized_new(s->len + 16);
    for (gsize i = 0; i < s->len; i++) {
        if (s->str[i] == '\0')
            g_string_append(out, REPLACEMENT);
        else
            g_string_append_c(out, s->str[i]);
    }
    g_string_free(s, TRUE);
    return out;
}

/* utf16_without_bom - "UTF-16LE"/"UTF-16BE" if the high bytes say so, else NULL
 *
 * Text saved as UTF-16 without a byte-order mark (some Windows tools do it)
 * is Latin, digits and Cyrillic: the high byte of nearly every code unit is
 * 0x00 (U+0000..U+00FF) or 0x04 (U+0400..U+04FF, Cyrillic). We want at least
 * 90% of the units to look like that, and at least one NUL high byte (a
 * space, a digit) so that a file is not taken for UTF-16 on 0x04 bytes alone.
 * No 8-bit text encoding has NULs or 0x04 bytes in every other position. */
static const char *utf16_without_bom(const unsigned char *p, size_t n)
{
    if (n < 4 || n % 2 != 0)
        return NULL;
    size_t units = n / 2, le = 0, be = 0, le_nul = 0, be_nul = 0;
    for (size_t i = 0; i < n; i += 2) {
        le += p[i + 1] == 0x00 || p[i + 1] == 0x04;
        be += p[i] == 0x00 || p[i] == 0x04;
        le_nul += p[i + 1] == 0x00;
        be_nul += p[i] == 0x00;
    }
    if (le * 10 >= units * 9 && le_nul > 0 && be_nul * 20 <= units)
        return "UTF-16LE";
    if (be * 10 >= units * 9 && be_nul > 0 && le_nul * 20 <= units)
        return "UTF-16BE";
    return NULL;
}

/* Plain text that libmagic names application/...: JSON, subtitles (.srt),
 * Windows .ini and .inf files, and JavaScript, which is also what it calls
 * any text with a few lines of it (a Markdown note with a code example). */
static const char *const text_applications[] = {
    "application/json",
    "application/x-empty",
    "application/javascript",
    "application/x-subrip",
    "application/x-wine-extension-ini",
    "application/x-setupscript",
};

/* text_bid - text/... and empty files, at the lowest useful bid; UTF-16
 * without a byte-order mark, which libmagic calls application/octet-stream */
static int text_bid(const extract_input *in)
{
    if (in->size == 0)
        return 5;
    if (in->mime == NULL)
        return 0;
    if (strncmp(in->mime, "text/", 5) == 0)
        return 10;
    for (size_t i = 0; i < sizeof text_applications / sizeof *text_applications; i++)
        if (strcmp(in->mime, text_applications[i]) == 0)
            return 10;
    if (strcmp(in->mime, "application/octet-stream") == 0 &&
        utf16_without_bom(in->data, in->size) != NULL)
        return 5;
    return 0;
}

/* letter_script - 1 Latin, 2 Cyrillic, 0 other or not a letter */
static int letter_script(gunichar c)
{
    if (!g_unichar_isalpha(c))
        return 0;
    GUnicodeScript sc = g_unichar_get_script(c);
    return sc == G_UNICODE_SCRIPT_LATIN ? 1 : sc == G_UNICODE_SCRIPT_CYRILLIC ? 2 : 0;
}

/* word_score - one word (a run of letters) of `n` letters, `high` of them not ASCII */
static long word_score(int scripts, int upper, int lower, int first_upper, long high)
{
    if (scripts == 3) /* Latin and Cyrillic in one word: wrong charset */
        return -2L * (upper + lower);
    int good_case = upper == 0 || lower == 0 || (first_upper && upper == 1);
    return good_case ? high : -high;
}

/* cyrillic_score - how much decoded text looks like words (higher is better) */
static long cyrillic_score(const char *s, size_t len)
{
    long score = 0, high = 0;
    int scripts = 0, upper = 0, lower = 0, first_upper = 0, in_word = 0;
    const char *end = s + len;
    for (const char *p = s; p < end; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        int script = letter_script(c);
        if (script) {
            if (!in_word)
                first_upper = g_unichar_isupper(c);
            in_word = 1;
            scripts |= script;
            upper += g_unichar_isupper(c) != 0;
            lower += g_unichar_islower(c) != 0;
            high += c >= 0x80;
            continue;
        }
        if (in_word)
            score += word_score(scripts, upper, lower, first_upper, high);
        in_word = scripts = upper = lower = 0;
        high = 0;
        if (c >= 0x80 && !g_unichar_isalpha(c) && c != 0x2116 /* № */ && c != 0xAB && c != 0xBB &&
            c != 0xA0 && c != 0x2013 && c != 0x2014 && c != 0x201C && c != 0x201D && c != 0x201E &&
            c != 0x2019)
            score -= 3; /* box drawing, symbols, U+FFFD: not text */
    }
    if (in_word)
        score += word_score(scripts, upper, lower, first_upper, high);
    return score;
}

/* convert_sample - the first 64 KiB converted from charset, lossily (g_free) */
static gchar *convert_sample(const char *p, size_t n, const char *charset, gsize *out_len)
{
    GString *out = g_string_new(NULL);
    if (append_iconv_lossy(out, charset, 1, p, n < 65536 ? n : 65536, NULL) != 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    *out_len = out->len;
    return g_string_free(out, FALSE);
}

/* guess_8bit - the 8-bit encoding of p (a static name) */
static const char *guess_8bit(const char *p, size_t n)
{
    static const char *const candidates[] = {
        "WINDOWS-1251", "KOI8-R", "ISO-8859-5", "IBM866", "WINDOWS-1252",
    };
    char proposed[64] = "";
    uchardet_t ud = uchardet_new();
    if (ud != NULL) {
        if (uchardet_handle_data(ud, p, n < 262144 ? n : 262144) == 0) {
            uchardet_data_end(ud);
            const char *cs = uchardet_get_charset(ud);
            if (cs != NULL)
                snprintf(proposed, sizeof proposed, "%s", cs);
        }
        uchardet_delete(ud);
    }
    /* uchardet says ISO-8859-1 for Western text; windows-1252 is its superset */
    if (strcmp(proposed, "ISO-8859-1") == 0)
        snprintf(proposed, sizeof proposed, "WINDOWS-1252");
    const char *best = NULL;
    long best_score = 0;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        gsize len = 0;
        gchar *u = convert_sample(p, n, candidates[i], &len);
        if (u == NULL)
            continue;
        long score = cyrillic_score(u, len);
        if (g_ascii_strcasecmp(candidates[i], proposed) == 0)
            score += 2; /* uchardet's answer wins a tie */
        g_free(u);
        if (best == NULL || score > best_score) {
            best = candidates[i];
            best_score = score;
        }
    }
    return best ? best : "WINDOWS-1251";
}

/* extract_decode_text - the bytes as UTF-8 (see the top of the file), or NULL with *reason */
char *extract_decode_text(const unsigned char *data, size_t size, const char **encoding,
                          size_t *out_len, char **reason)
{
    const char *p = (const char *)data;
    GString *out = g_string_sized_new(size + 1);
    const char *utf16, *enc = "UTF-8";
    int rc = 0;

    if (size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        append_utf8_lossy(out, p + 3, size - 3);
    } else if (size >= 2 && memcmp(p, "\xFF\xFE", 2) == 0) {
        enc = "UTF-16LE";
        rc = append_iconv_lossy(out, enc, 2, p + 2, size - 2, reason);
    } else if (size >= 2 && memcmp(p, "\xFE\xFF", 2) == 0) {
        enc = "UTF-16BE";
        rc = append_iconv_lossy(out, enc, 2, p + 2, size - 2, reason);
    } else if (g_utf8_validate_len(p, size, NULL)) {
        g_string_append_len(out, p, size);
    } else if ((utf16 = utf16_without_bom(data, size)) != NULL) {
        enc = utf16;
        rc = append_iconv_lossy(out, utf16, 2, p, size, reason);
    } else if (mostly_utf8(p, size)) {
        append_utf8_lossy(out, p, size);
    } else {
        enc = guess_8bit(p, size);
        rc = append_iconv_lossy(out, enc, 1, p, size, reason);
    }
    if (rc != 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    out = replace_nuls(out);
    if (encoding != NULL)
        *encoding = enc;
    if (out_len != NULL)
        *out_len = out->len;
    return g_string_free(out, FALSE);
}

/* text_run - one page with the whole decoded file, and its encoding */
static extract_status text_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                               char **reason)
{
    (void)env;
    if (in->size == 0)
        return EXTRACT_DONE;
    const char *encoding = NULL;
    size_t len = 0;
    char *text = extract_decode_text(in->data, in->size, &encoding, &len, reason);
    if (text == NULL)
        return EXTRACT_FAILED;
    extract_status st = extract_emit_meta(sink, "encoding", encoding, reason);
    if (st == EXTRACT_DONE && len > 0) {
        extract_page page = {
            .number = 1,
            .text = text,
            .source = PAGE_SOURCE_PLAIN,
            .confidence = -1.0,
        };
        st = extract_emit(sink, &page, reason);
    }
    g_free(text);
    return st;
}

const extractor extractor_text = {
    .name = "text",
    .bid = text_bid,
    .run = text_run,
};
