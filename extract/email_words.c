/*
 * email_words.c - RFC 2047 encoded words that GMime 3.2.13 (Debian 12)
 * decodes wrongly. It decodes a run of adjacent base64 words in one charset
 * as one base64 text, which ends at the first word's padding: the subject
 * "=?UTF-8?B?0J/RgNC40LPQvtCy0L7RgA==?= =?UTF-8?B?INGB0YPQtNCw?=" became
 * "Приговор" without " суда", and a long Cyrillic subject or sender's name,
 * which mail programs split into such words, lost all but its first part.
 * A run with padding before its last word is rewritten as one word holding
 * the same bytes, which GMime decodes whole; anything else is left as it is.
 *
 * Functions: extract_merge_encoded_words.
 */
#include "extract/extract_private.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

/* A base64 encoded word "=?charset?B?text?=" found in a header value. */
typedef struct {
    const char *charset, *text, *end; /* charset and text start; end: after "?=" */
    size_t charset_len, text_len;
} b_word;

/* b_word_at - whether p starts a base64 encoded word, filled into *w */
static bool b_word_at(const char *p, b_word *w)
{
    if (p[0] != '=' || p[1] != '?')
        return false;
    w->charset = p + 2;
    w->charset_len = strcspn(w->charset, "? \t\r\n");
    const char *q = w->charset + w->charset_len;
    if (w->charset_len == 0 || q[0] != '?' || (q[1] != 'B' && q[1] != 'b') || q[2] != '?')
        return false;
    w->text = q + 3;
    w->text_len = strcspn(w->text, "? \t\r\n");
    if (w->text[w->text_len] != '?' || w->text[w->text_len + 1] != '=')
        return false;
    w->end = w->text + w->text_len + 2;
    return true;
}

/* append_decoded - the bytes of w's base64 text appended to bytes */
static void append_decoded(GByteArray *bytes, const b_word *w)
{
    char *text = g_strndup(w->text, w->text_len);
    gsize len = 0;
    guchar *data = g_base64_decode(text, &len);
    g_byte_array_append(bytes, data, (guint)len);
    g_free(data);
    g_free(text);
}

/* extract_merge_encoded_words - (extract_private.h) */
char *extract_merge_encoded_words(const char *raw)
{
    if (raw == NULL || strstr(raw, "?=") == NULL)
        return NULL;
    GString *out = g_string_new(NULL);
    bool merged = false;
    const char *p = raw;
    while (*p != '\0') {
        b_word first;
        if (!b_word_at(p, &first)) {
            g_string_append_c(out, *p++);
            continue;
        }
        /* the run: words in first's charset with only white space between */
        GByteArray *bytes = g_byte_array_new();
        append_decoded(bytes, &first);
        const char *after = first.end;
        bool padded = false; /* a word before the last ends in padding */
        b_word last = first, next;
        for (;;) {
            const char *q = after + strspn(after, " \t\r\n");
            if (!b_word_at(q, &next) || next.charset_len != first.charset_len ||
                g_ascii_strncasecmp(next.charset, first.charset, first.charset_len) != 0)
                break;
            padded |= last.text_len > 0 && last.text[last.text_len - 1] == '=';
            append_decoded(bytes, &next);
            last = next;
            after = next.end;
        }
        if (padded) {
            char *b64 = g_base64_encode(bytes->data, bytes->len);
            g_string_append_printf(out, "=?%.*s?B?%s?=", (int)first.charset_len, first.charset,
                                   b64);
            g_free(b64);
            merged = true;
        } else {
            g_string_append_len(out, p, after - p);
        }
        g_byte_array_free(bytes, TRUE);
        p = after;
    }
    return g_string_free(out, !merged);
}
