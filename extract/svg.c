/*
 * svg.c - SVG drawings: the text they show and the pictures they carry.
 *
 * SVG is XML. Its text is in <text> elements, each a line, whose <tspan>s
 * stay on that line (some writers put every word, or every letter, in a
 * tspan of its own), and in <title> and <desc>. What is never drawn by
 * itself is left out: <defs> (where LibreOffice keeps its master slides'
 * placeholder text), <script>, <style>, <metadata>. Pictures embedded as
 * base64 data: URIs (<image href="data:image/png;base64,...">: a scan pasted
 * into an Inkscape or LibreOffice drawing) are children, recognised as any
 * picture is (take_pictures); a linked picture is only a name and is never
 * fetched.
 *
 * Extractor: extractor_svg (registry.c).
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <glib.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <string.h>

/* svg_bid - image/svg+xml, above plain XML */
static int svg_bid(const extract_input *in)
{
    return in->mime != NULL && in->size > 0 && strcmp(in->mime, "image/svg+xml") == 0 ? 40 : 0;
}

/* named - the element's local name is `name` */
static bool named(const xmlNode *n, const char *name)
{
    return xmlStrcmp(n->name, BAD_CAST name) == 0;
}

/* line_end - the text ends its line, once */
static void line_end(GString *out)
{
    while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
        g_string_truncate(out, out->len - 1);
    if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c(out, '\n');
}

/* data_picture - the base64 text of a data: URI of a picture (at v, n
 * bytes), else NULL; *len its length */
static const char *data_picture(const char *v, size_t n, size_t *len)
{
    const char *comma = memchr(v, ',', n);
    if (n < 11 || g_ascii_strncasecmp(v, "data:image/", 11) != 0 || comma == NULL ||
        g_strstr_len(v, comma - v, ";base64") == NULL)
        return NULL;
    *len = n - (size_t)(comma + 1 - v);
    return comma + 1;
}

/* take_pictures - every href="data:image/...;base64,..." in the drawing's
 * bytes decoded and handed to the sink; the bytes without those values
 * appended to `kept`. Taken from the bytes rather than from libxml2's tree,
 * because a scan's base64 easily passes the 10 MB libxml2 allows one
 * attribute, after which it reads the rest of the file as text. A value
 * with character references (&...;) is left to libxml2 as it is. */
static extract_status take_pictures(const char *data, size_t n, GString *kept, extract_sink *sink,
                                    char **reason)
{
    extract_status st = EXTRACT_DONE;
    unsigned count = 0;
    const char *end = data + n, *p = data, *from = data; /* from: not yet kept */
    while (st == EXTRACT_DONE && (p = memmem(p, (size_t)(end - p), "href", 4)) != NULL) {
        p += 4;
        const char *q = p;
        while (q < end && g_ascii_isspace(*q))
            q++;
        if (q >= end || *q++ != '=')
            continue;
        while (q < end && g_ascii_isspace(*q))
            q++;
        if (q >= end || (*q != '"' && *q != '\''))
            continue;
        const char *value = q + 1, *close = memchr(value, *q, (size_t)(end - value));
        size_t len = 0;
        const char *b64 = close != NULL ? data_picture(value, (size_t)(close - value), &len) : NULL;
        if (b64 == NULL || memchr(value, '&', (size_t)(close - value)) != NULL)
            continue;
        st = extract_emit_base64(sink, "image", &count, b64, len, reason);
        g_string_append_len(kept, from, value - from);
        from = close;
        p = close + 1;
    }
    g_string_append_len(kept, from, end - from);
    return st;
}

/* svg_enter - what is never drawn by itself is not looked into */
static bool svg_enter(void *ctx, xmlNode *n)
{
    (void)ctx;
    return !named(n, "defs") && !named(n, "script") && !named(n, "style") && !named(n, "metadata");
}

/* svg_leave - a line ends with every element but a tspan (or a link in text) */
static void svg_leave(void *ctx, xmlNode *n)
{
    if (!named(n, "tspan") && !named(n, "a") && !named(n, "textPath"))
        line_end(ctx);
}

/* svg_text - text as it is, white space squeezed to one space */
static void svg_text(void *ctx, xmlNode *n)
{
    if (n->content != NULL)
        extract_append_squeezed(ctx, (const char *)n->content);
}

/* svg_run - the pictures as children, then the text as one page */
static extract_status svg_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                              char **reason)
{
    GString *kept = g_string_sized_new(in->size);
    extract_status st = take_pictures((const char *)in->data, in->size, kept, sink, reason);
    GBytes *drawing = g_string_free_to_bytes(kept);
    xmlDoc *doc = st == EXTRACT_DONE ? extract_xml_parse(drawing) : NULL;
    g_bytes_unref(drawing);
    xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    if (st == EXTRACT_DONE && root == NULL) {
        /* no XML at all: text that libmagic took for a drawing because it
         * names one ("<!DOCTYPE svg" in a list of image loaders): read as text */
        xmlFreeDoc(doc);
        return extractor_text.run(env, in, sink, reason);
    }
    GString *text = g_string_new(NULL);
    bool too_deep = st == EXTRACT_DONE && extract_xml_too_deep(root);
    if (st == EXTRACT_DONE)
        extract_xml_walk(root, svg_enter, svg_leave, svg_text, text);
    xmlFreeDoc(doc);
    line_end(text);
    g_strstrip(text->str);
    if (st == EXTRACT_DONE && text->str[0] != '\0') {
        extract_page page = {1, text->str, PAGE_SOURCE_PLAIN, -1.0};
        st = extract_emit(sink, &page, reason);
    }
    if (st == EXTRACT_DONE && too_deep)
        st = extract_emit_too_deep(sink, reason);
    g_string_free(text, TRUE);
    return st;
}

const extractor extractor_svg = {
    .name = "svg",
    .bid = svg_bid,
    .run = svg_run,
};
