/*
 * text.c - untrusted text made safe to print (see text.h).
 *
 * GLib's UTF-8 validator decides what is valid; everything else is one
 * "\xNN" per byte, so the original bytes can be read back from the shown
 * form.
 *
 * Functions: text_safe, text_is_safe, text_safe_json.
 */
#include "text.h"
#include "xalloc.h"

#include <glib.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

/* plain - a byte that stands for itself in valid text */
static int plain(unsigned char c)
{
    return c >= 0x20 && c != 0x7f;
}

/* text_is_safe - valid UTF-8 without control characters */
int text_is_safe(const char *s)
{
    if (s == NULL)
        return 1;
    if (!g_utf8_validate(s, -1, NULL))
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80 && !plain(*p))
            return 0;
    return 1;
}

/* text_safe - copy valid characters, escape the rest byte by byte */
char *text_safe(const char *s)
{
    if (s == NULL)
        return xstrdup("");
    GString *out = g_string_sized_new(strlen(s));
    const char *p = s;
    while (*p) {
        const char *end = NULL;
        g_utf8_validate(p, -1, &end); /* p..end is valid */
        for (; p < end; p++) {
            unsigned char c = (unsigned char)*p;
            if (c >= 0x80 || plain(c))
                g_string_append_c(out, (char)c);
            else
                g_string_append_printf(out, "\\x%02x", c);
        }
        if (*p) /* a byte that starts no valid character */
            g_string_append_printf(out, "\\x%02x", (unsigned char)*p++);
    }
    char *result = xstrdup(out->str);
    g_string_free(out, TRUE);
    return result;
}

/* text_safe_json - the safe form as a JSON string */
json_object *text_safe_json(const char *s)
{
    if (s == NULL)
        return NULL;
    char *safe = text_safe(s);
    json_object *o = json_object_new_string(safe);
    free(safe);
    return o;
}
