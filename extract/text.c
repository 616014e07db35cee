/*
 * text.c - plain text files: the whole file is one page (source plain).
 *
 * Functions:
 *   text_bid  - low bid on text/... (and on empty files): the fallback for
 *               anything textual that no specific extractor takes
 *   text_run  - decode to UTF-8 and emit one page
 *
 * Decoding, until a later stage adds real charset detection:
 *   - a byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE;
 *   - otherwise valid UTF-8 (without NULs) is taken as it is;
 *   - otherwise UTF-16 without a byte-order mark is recognised by its high
 *     bytes (see utf16_without_bom);
 *   - otherwise, if the bytes are still mostly UTF-8 (valid multi-byte
 *     sequences outnumber invalid bytes four to one: a truncated or slightly
 *     damaged UTF-8 file), each invalid byte becomes U+FFFD;
 *   - otherwise the file is read as windows-1251, the usual legacy encoding of
 *     Russian and Belarusian documents, through iconv; the one byte cp1251
 *     leaves undefined (0x98) becomes U+FFFD. KOI8-R or cp866 files will come
 *     out garbled until detection exists.
 * NUL bytes become U+FFFD, so the page text is never cut short. Nothing is
 * dropped silently: every undecodable byte leaves a visible U+FFFD.
 * An empty file (or one holding only a byte-order mark) gives zero pages.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <errno.h>
#include <glib.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD in UTF-8 */

/* text_bid - text/... and empty files, at the lowest useful bid */
static int text_bid(const extract_input *in)
{
    if (in->size == 0)
        return 5;
    if (in->mime == NULL)
        return 0;
    if (strncmp(in->mime, "text/", 5) == 0)
        return 10;
    if (strcmp(in->mime, "application/json") == 0 ||
        strcmp(in->mime, "application/x-empty") == 0)
        return 10;
    return 0;
}

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
static int append_iconv_lossy(GString *out, const char *charset, size_t unit,
                              const char *p, size_t n, char **reason)
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

/* decode - the file as UTF-8 (see the top of the file), or NULL with *reason */
static GString *decode(const unsigned char *data, size_t size, char **reason)
{
    const char *p = (const char *)data;
    GString *out = g_string_sized_new(size + 1);
    const char *utf16;
    int rc = 0;

    if (size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        append_utf8_lossy(out, p + 3, size - 3);
    } else if (size >= 2 && memcmp(p, "\xFF\xFE", 2) == 0) {
        rc = append_iconv_lossy(out, "UTF-16LE", 2, p + 2, size - 2, reason);
    } else if (size >= 2 && memcmp(p, "\xFE\xFF", 2) == 0) {
        rc = append_iconv_lossy(out, "UTF-16BE", 2, p + 2, size - 2, reason);
    } else if (g_utf8_validate_len(p, size, NULL)) {
        g_string_append_len(out, p, size);
    } else if ((utf16 = utf16_without_bom(data, size)) != NULL) {
        rc = append_iconv_lossy(out, utf16, 2, p, size, reason);
    } else if (mostly_utf8(p, size)) {
        append_utf8_lossy(out, p, size);
    } else {
        rc = append_iconv_lossy(out, "WINDOWS-1251", 1, p, size, reason);
    }
    if (rc != 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return replace_nuls(out);
}

/* text_run - one page with the whole decoded file */
static extract_status text_run(const extract_env *env, const extract_input *in,
                               extract_sink *sink, char **reason)
{
    (void)env;
    if (in->size == 0)
        return EXTRACT_DONE;
    GString *text = decode(in->data, in->size, reason);
    if (text == NULL)
        return EXTRACT_FAILED;
    extract_status st = EXTRACT_DONE;
    if (text->len > 0) {
        extract_page page = {
            .number = 1,
            .text = text->str,
            .source = PAGE_SOURCE_PLAIN,
            .confidence = -1.0,
        };
        st = extract_emit(sink, &page, reason);
    }
    g_string_free(text, TRUE);
    return st;
}

const extractor extractor_text = {
    .name = "text",
    .bid = text_bid,
    .run = text_run,
};
