/*
 * msg_props.c - reading the MAPI properties of an Outlook message object.
 *
 * Strings come as UTF-16LE (PT_UNICODE) or as 8-bit text in the message's
 * code page (PT_STRING8); both become UTF-8 here, a bad sequence as U+FFFD.
 * Fixed-size values sit in the properties stream: after the object's header,
 * entries of a 32-bit tag (type in the low half, id in the high), 32-bit
 * flags and 8 value bytes. Every read is capped (MSG_MAX_VALUE).
 *
 * Functions: msg_storage, msg_prop_stream, msg_read_all, msg_prop_bytes, msg_prop_string,
 * msg_prop_fixed, msg_filetime.
 */
#include "extract/msg_private.h"

#include "extract/extract_private.h"

#include <glib.h>
#include <gsf/gsf-input.h>
#include <stdio.h>
#include <string.h>

/* msg_storage - a GsfInfile that can have children */
GsfInfile *msg_storage(GsfInput *in)
{
    if (in == NULL || !GSF_IS_INFILE(in) || gsf_infile_num_children(GSF_INFILE(in)) < 0)
        return NULL;
    return GSF_INFILE(in);
}

/* msg_prop_stream - "__substg1.0_" and the tag in hex */
GsfInput *msg_prop_stream(GsfInfile *dir, unsigned id, unsigned type)
{
    char name[40];
    snprintf(name, sizeof name, "__substg1.0_%04X%04X", id & 0xFFFF, type & 0xFFFF);
    GsfInput *in = gsf_infile_child_by_name(dir, name);
    if (msg_storage(in) != NULL) { /* a storage where a stream belongs */
        g_object_unref(in);
        return NULL;
    }
    return in;
}

/* msg_read_all - chunk by chunk into one buffer */
unsigned char *msg_read_all(GsfInput *in, size_t max, size_t *len)
{
    gsf_off_t size = gsf_input_remaining(in);
    if (size < 0 || (guint64)size > max)
        return NULL;
    unsigned char *buf = g_malloc0((size_t)size + 2); /* zeroed: the analyzer sees it filled */
    size_t done = 0;
    while (done < (size_t)size) {
        size_t n = (size_t)size - done < 65536 ? (size_t)size - done : 65536;
        if (gsf_input_read(in, n, buf + done) == NULL) {
            g_free(buf);
            return NULL;
        }
        done += n;
    }
    buf[done] = buf[done + 1] = 0; /* terminated as UTF-8 and as UTF-16 */
    *len = done;
    return buf;
}

/* msg_prop_bytes - the stream read whole */
unsigned char *msg_prop_bytes(GsfInfile *dir, unsigned id, unsigned type, size_t *len)
{
    GsfInput *in = msg_prop_stream(dir, id, type);
    if (in == NULL)
        return NULL;
    unsigned char *data = msg_read_all(in, MSG_MAX_VALUE, len);
    g_object_unref(in);
    return data;
}

/* utf16le - UTF-16LE bytes as UTF-8, up to the first zero unit */
static char *utf16le(const unsigned char *p, size_t len)
{
    size_t units = len / 2;
    gunichar2 *u = g_new(gunichar2, units + 1);
    size_t n = 0;
    for (; n < units; n++) {
        u[n] = (gunichar2)(p[2 * n] | p[2 * n + 1] << 8);
        if (u[n] == 0)
            break;
    }
    /* lone surrogates make g_utf16_to_utf8 fail: replace them first */
    for (size_t i = 0; i < n; i++) {
        bool high = u[i] >= 0xD800 && u[i] <= 0xDBFF, low = u[i] >= 0xDC00 && u[i] <= 0xDFFF;
        if (high && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF)
            i++;
        else if (high || low)
            u[i] = 0xFFFD;
    }
    char *s = g_utf16_to_utf8(u, (glong)n, NULL, NULL, NULL);
    g_free(u);
    return s;
}

/* string8 - 8-bit text in the code page, or guessed when there is none or
 * iconv does not know it */
static char *string8(const unsigned char *p, size_t len, int codepage)
{
    size_t n = strnlen((const char *)p, len);
    if (codepage > 0 && codepage != 1200) {
        char charset[24];
        snprintf(charset, sizeof charset, codepage == 65001 ? "UTF-8" : "CP%d", codepage);
        char *s = g_convert_with_fallback((const char *)p, (gssize)n, "UTF-8", charset,
                                          "\xEF\xBF\xBD", NULL, NULL, NULL);
        if (s != NULL)
            return s;
    }
    char *err = NULL;
    char *s = extract_decode_text(p, n, NULL, NULL, &err);
    g_free(err);
    return s;
}

/* msg_prop_string - Unicode first, then 8-bit; empty strings are absent */
char *msg_prop_string(GsfInfile *dir, unsigned id, int codepage)
{
    size_t len = 0;
    char *s = NULL;
    unsigned char *p = msg_prop_bytes(dir, id, MSG_PT_UNICODE, &len);
    if (p != NULL) {
        s = utf16le(p, len);
    } else if ((p = msg_prop_bytes(dir, id, MSG_PT_STRING8, &len)) != NULL) {
        s = string8(p, len, codepage);
    }
    g_free(p);
    if (s != NULL)
        g_strstrip(s);
    if (s != NULL && *s == '\0') {
        g_free(s);
        s = NULL;
    }
    return s;
}

/* msg_prop_fixed - find the entry by its tag */
bool msg_prop_fixed(GsfInfile *dir, size_t header, unsigned id, unsigned type, uint64_t *value)
{
    GsfInput *in = gsf_infile_child_by_name(dir, MSG_PROPERTIES);
    if (in == NULL)
        return false;
    size_t len = 0;
    unsigned char *p = msg_storage(in) ? NULL : msg_read_all(in, MSG_MAX_VALUE, &len);
    g_object_unref(in);
    bool found = false;
    uint32_t tag = (uint32_t)(id & 0xFFFF) << 16 | (type & 0xFFFF);
    for (size_t e = header; p != NULL && e + 16 <= len && !found; e += 16) {
        uint32_t t = (uint32_t)p[e] | (uint32_t)p[e + 1] << 8 | (uint32_t)p[e + 2] << 16 |
                     (uint32_t)p[e + 3] << 24;
        if (t != tag)
            continue;
        uint64_t v = 0;
        for (int i = 7; i >= 0; i--)
            v = v << 8 | p[e + 8 + (size_t)i];
        *value = v;
        found = true;
    }
    g_free(p);
    return found;
}

/* msg_filetime - seconds since 1601 moved to 1970, formatted in UTC */
char *msg_filetime(uint64_t filetime)
{
    const int64_t epoch_1601 = INT64_C(11644473600);
    int64_t unix_s = (int64_t)(filetime / 10000000) - epoch_1601;
    if (filetime == 0 || unix_s < -epoch_1601 || unix_s > INT64_C(253402300799))
        return NULL; /* before 1601 or after 9999 */
    GDateTime *t = g_date_time_new_from_unix_utc(unix_s);
    if (t == NULL)
        return NULL;
    char *s = g_date_time_format(t, "%Y-%m-%dT%H:%M:%S%:z");
    g_date_time_unref(t);
    return s;
}
