/*
 * markup.c - HTML, XHTML and XML files: their text, without markup.
 *
 * HTML goes through libxml2's forgiving HTML parser (real-world pages are
 * rarely valid); scripts, styles and other non-text elements are dropped,
 * block elements become line breaks and runs of white space one space, the
 * <title> is kept as the "title" field. The encoding is the one the page
 * declares (BOM, <meta charset>); a page that declares none is decoded like a
 * text file (extract_decode_text: windows-1251 and KOI8-R pages are common).
 * XML is parsed without network access and without substituting entities
 * (so a "billion laughs" file stays small); entity references are skipped.
 * extract_html_text also reads e-mail bodies (email.c), and extract_xml_walk
 * the parts of office documents (office.c).
 *
 * libxml2 stops at a nesting depth (256 levels without XML_PARSE_HUGE, which
 * is never asked for): what is nested deeper is dropped, and the file is
 * recorded done with "nesting deeper than 256 levels" said through the sink's
 * `unread`, never silently as a file with nothing in it.
 *
 * Functions: extract_xml_walk, extract_xml_too_deep, extract_emit_too_deep,
 * extract_html_text, extract_xml_find, extract_append_squeezed.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Elements whose content is not text for people. */
static const char *const dropped[] = {
    "script", "style", "noscript", "template", "head", "svg", "math", "object", "iframe",
};

/* Elements that start on a new line. */
static const char *const blocks[] = {
    "p",   "div",   "br",     "li",         "tr",      "h1",     "h2",     "h3",         "h4",
    "h5",  "h6",    "table",  "section",    "article", "header", "footer", "blockquote", "pre",
    "ul",  "ol",    "dl",     "dt",         "dd",      "hr",     "form",   "address",    "main",
    "nav", "aside", "figure", "figcaption", "caption", "title",  "body",   "html",
};

/* html_fragment - text that starts with an HTML block element or <!DOCTYPE
 * html> (a page's piece saved as .html: "<ul><li>…", "<p>…"), which libmagic
 * calls text/plain: read as HTML, not with its tags as words */
static bool html_fragment(const extract_input *in)
{
    size_t i = 0;
    if (in->size >= 3 && memcmp(in->data, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a UTF-8 byte order mark */
    while (i < in->size && g_ascii_isspace(in->data[i]))
        i++;
    if (i + 1 >= in->size || in->data[i] != '<')
        return false;
    if (in->size - i >= 14 &&
        g_ascii_strncasecmp((const char *)in->data + i, "<!doctype html", 14) == 0)
        return true;
    for (size_t k = 0; k < G_N_ELEMENTS(blocks); k++) {
        size_t len = strlen(blocks[k]);
        if (in->size - i > len + 1 &&
            g_ascii_strncasecmp((const char *)in->data + i + 1, blocks[k], len) == 0 &&
            strchr(" \t\r\n>/", in->data[i + 1 + len]) != NULL)
            return true;
    }
    return false;
}

/* html_bid - HTML and XHTML at 50, other XML at 30 (above plain text) */
static int html_bid(const extract_input *in)
{
    if (in->mime == NULL || in->size == 0)
        return 0;
    if (strcmp(in->mime, "text/html") == 0 || strcmp(in->mime, "application/xhtml+xml") == 0 ||
        (strcmp(in->mime, "text/plain") == 0 && html_fragment(in)))
        return 50;
    if (strcmp(in->mime, "text/xml") == 0 || strcmp(in->mime, "application/xml") == 0) {
        /* XHTML that libmagic calls XML: an <html> root near the top */
        size_t head = in->size < 2048 ? in->size : 2048;
        return memmem(in->data, head, "<html", 5) != NULL ? 50 : 30;
    }
    return 0;
}

/* in_list - is the element's name (case-insensitive) in list? */
static bool in_list(const xmlNode *n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (g_ascii_strcasecmp((const char *)n->name, list[i]) == 0)
            return true;
    return false;
}

/* append_text - append a text node, white space squeezed (HTML) or kept (XML, <pre>) */
static void append_text(GString *out, const char *s, bool squeeze)
{
    if (!squeeze) {
        g_string_append(out, s);
        return;
    }
    bool space = out->len > 0 && !g_ascii_isspace(out->str[out->len - 1]) ? false : true;
    for (const char *p = s; *p; p++) {
        if (g_ascii_isspace(*p)) {
            if (!space)
                g_string_append_c(out, ' ');
            space = true;
        } else {
            g_string_append_c(out, *p);
            space = false;
        }
    }
}

/* extract_append_squeezed - append_text, white space squeezed */
void extract_append_squeezed(GString *out, const char *s)
{
    append_text(out, s, true);
}

/* newline - end the current line, never more than one empty line in a row */
static void newline(GString *out)
{
    while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate(out, out->len - 1);
    if (out->len == 0 ||
        (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n'))
        return;
    g_string_append_c(out, '\n');
}

/* extract_xml_walk - enter, text, leave; no recursion, entity references skipped */
void extract_xml_walk(xmlNode *root, extract_xml_enter_fn enter, extract_xml_fn leave,
                      extract_xml_fn text, void *ctx)
{
    xmlNode *n = root;
    while (n != NULL) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE)
            descend = enter(ctx, n);
        else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
            text(ctx, n);
        else if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
            descend = true;
        /* entity references are skipped: their expansion could be a bomb */
        if (descend && n->children != NULL) {
            n = n->children;
            continue;
        }
        /* leave n, then every parent whose last child we just left */
        for (;;) {
            if (n->type == XML_ELEMENT_NODE)
                leave(ctx, n);
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next != NULL) {
                n = n->next;
                break;
            }
            n = n->parent;
            if (n == NULL)
                break;
        }
    }
}

/* Nesting depth while walking: the current and the deepest seen. */
typedef struct {
    unsigned now, most;
} depth_count;

/* depth_enter - one level deeper */
static bool depth_enter(void *ctx, xmlNode *n)
{
    (void)n;
    depth_count *d = ctx;
    if (++d->now > d->most)
        d->most = d->now;
    return true;
}

/* depth_leave - one level up */
static void depth_leave(void *ctx, xmlNode *n)
{
    (void)n;
    ((depth_count *)ctx)->now--;
}

/* depth_text - text does not nest */
static void depth_text(void *ctx, xmlNode *n)
{
    (void)ctx;
    (void)n;
}

/* extract_xml_too_deep - the tree's depth reaches xmlParserMaxDepth */
bool extract_xml_too_deep(xmlNode *root)
{
    depth_count d = {0, 0};
    if (root != NULL)
        extract_xml_walk(root, depth_enter, depth_leave, depth_text, &d);
    return d.most >= xmlParserMaxDepth;
}

/* extract_emit_too_deep - the sink is told what the parser's depth limit dropped */
extract_status extract_emit_too_deep(extract_sink *sink, char **reason)
{
    char *why = g_strdup_printf("nesting deeper than %u levels: libxml2 stops there, the text "
                                "nested deeper was not read",
                                xmlParserMaxDepth);
    extract_status st = extract_emit_unread(sink, why, reason);
    g_free(why);
    return st;
}

/* What markup_text collects. */
typedef struct {
    GString *out;
    bool html;
    int pre; /* inside <pre>: white space kept */
} markup_state;

/* attribute_values - an XML element's attribute values on a line of their
 * own: data exported as XML often holds everything in attributes (<person
 * name="…" born="…"/>). Only their text nodes: an entity is never expanded. */
static void attribute_values(GString *out, const xmlNode *n)
{
    bool any = false;
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
        for (const xmlNode *t = a->children; t != NULL; t = t->next) {
            if (t->type != XML_TEXT_NODE || t->content == NULL || t->content[0] == '\0')
                continue;
            if (!any && out->len > 0 && out->str[out->len - 1] != '\n')
                newline(out);
            else if (any)
                g_string_append_c(out, ' ');
            any = true;
            append_text(out, (const char *)t->content, true);
        }
    if (any)
        newline(out);
}

/* is_mark - what marks a footnote: <sup>, <sub> ("word<sup>1</sup>"), a
 * link within the page (LibreOffice's "<a href="#sdfootnote1sym">1</a>") */
static bool is_mark(const xmlNode *n)
{
    if (xmlStrcasecmp(n->name, BAD_CAST "sup") == 0 || xmlStrcasecmp(n->name, BAD_CAST "sub") == 0)
        return true;
    if (xmlStrcasecmp(n->name, BAD_CAST "a") != 0)
        return false;
    xmlChar *href = xmlGetProp(n, BAD_CAST "href");
    bool within = href != NULL && href[0] == '#';
    xmlFree(href);
    return within;
}

/* apart - a space, so that a footnote's mark is not joined to the word */
static void apart(GString *out)
{
    if (out->len > 0 && !g_ascii_isspace(out->str[out->len - 1]))
        g_string_append_c(out, ' ');
}

/* markup_enter - blocks start lines, cells tabs; dropped elements are not
 * entered; in XML, attribute values are text too */
static bool markup_enter(void *ctx, xmlNode *n)
{
    markup_state *m = ctx;
    if (!m->html) {
        attribute_values(m->out, n);
        return true;
    }
    if (in_list(n, dropped, sizeof dropped / sizeof dropped[0]))
        return false; /* and left without a line break */
    if (in_list(n, blocks, sizeof blocks / sizeof blocks[0]))
        newline(m->out);
    else if (xmlStrcasecmp(n->name, BAD_CAST "td") == 0 ||
             xmlStrcasecmp(n->name, BAD_CAST "th") == 0)
        g_string_append_c(m->out, '\t');
    else if (is_mark(n))
        apart(m->out);
    if (xmlStrcasecmp(n->name, BAD_CAST "pre") == 0)
        m->pre++;
    return true;
}

/* markup_leave - blocks (every element, in XML) end their line */
static void markup_leave(void *ctx, xmlNode *n)
{
    markup_state *m = ctx;
    if (m->html && in_list(n, dropped, sizeof dropped / sizeof dropped[0]))
        return;
    if (m->html && xmlStrcasecmp(n->name, BAD_CAST "pre") == 0 && m->pre > 0)
        m->pre--;
    if (m->html && is_mark(n))
        apart(m->out);
    if (!m->html || in_list(n, blocks, sizeof blocks / sizeof blocks[0]))
        newline(m->out);
}

/* markup_text_node - text, white space squeezed outside <pre> in HTML */
static void markup_text_node(void *ctx, xmlNode *n)
{
    markup_state *m = ctx;
    if (n->content != NULL)
        append_text(m->out, (const char *)n->content, m->html && m->pre == 0);
}

/* markup_text - the text under root */
static void markup_text(xmlNode *root, bool html, GString *out)
{
    markup_state m = {out, html, 0};
    extract_xml_walk(root, markup_enter, markup_leave, markup_text_node, &m);
    while (out->len > 0 && g_ascii_isspace(out->str[out->len - 1]))
        g_string_truncate(out, out->len - 1);
}

/* extract_xml_find - (extract_private.h) the first element called name
 * (case-insensitive), depth first, at or below n or its later siblings */
xmlNode *extract_xml_find(xmlNode *n, const char *name, int depth)
{
    for (; n != NULL && depth < 64; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, BAD_CAST name) == 0)
            return n;
        xmlNode *found = extract_xml_find(n->children, name, depth + 1);
        if (found != NULL)
            return found;
    }
    return NULL;
}

/* element_text - the squeezed text of an element (g_free), NULL if empty */
static char *element_text(xmlNode *n)
{
    if (n == NULL)
        return NULL;
    GString *s = g_string_new(NULL);
    markup_text(n, true, s);
    if (s->len == 0) {
        g_string_free(s, TRUE);
        return NULL;
    }
    return g_string_free(s, FALSE);
}

/* meta_author - <meta name="author" content="..."> (g_free), or NULL */
static char *meta_author(xmlNode *head)
{
    for (xmlNode *n = head ? head->children : NULL; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || xmlStrcasecmp(n->name, BAD_CAST "meta") != 0)
            continue;
        xmlChar *name = xmlGetProp(n, BAD_CAST "name");
        bool author = name != NULL && xmlStrcasecmp(name, BAD_CAST "author") == 0;
        xmlFree(name);
        if (author) {
            xmlChar *content = xmlGetProp(n, BAD_CAST "content");
            char *value = content ? g_strdup((const char *)content) : NULL;
            xmlFree(content);
            return value;
        }
    }
    return NULL;
}

/* declares_charset - a BOM, or "charset=" / "encoding=" near the top */
static bool declares_charset(const char *p, size_t n)
{
    if (n >= 2 && ((p[0] == '\xFF' && p[1] == '\xFE') || (p[0] == '\xFE' && p[1] == '\xFF')))
        return true;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        return true;
    gchar *head = g_ascii_strdown(p, (gssize)(n < 4096 ? n : 4096));
    bool found = strstr(head, "charset") != NULL || strstr(head, "encoding=") != NULL;
    g_free(head);
    return found;
}

/* extract_html_text - HTML bytes as text (g_free); *title, *author (g_free) if found */
char *extract_html_text(const char *data, size_t len, const char *encoding, char **title,
                        char **author, bool *too_deep)
{
    char *decoded = NULL;
    if (encoding == NULL && !declares_charset(data, len)) {
        size_t dlen = 0;
        decoded = extract_decode_text((const unsigned char *)data, len, NULL, &dlen, NULL);
        if (decoded != NULL) {
            data = decoded;
            len = dlen;
            encoding = "UTF-8";
        }
    }
    htmlDocPtr doc = htmlReadMemory(data, (int)(len > INT32_MAX ? INT32_MAX : len), NULL, encoding,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET);
    g_free(decoded);
    if (title)
        *title = NULL;
    if (author)
        *author = NULL;
    if (too_deep)
        *too_deep = false;
    if (doc == NULL)
        return g_strdup("");
    xmlNode *root = xmlDocGetRootElement(doc);
    if (too_deep)
        *too_deep = extract_xml_too_deep(root);
    if (title)
        *title = element_text(extract_xml_find(root, "title", 0));
    if (author)
        *author = meta_author(extract_xml_find(root, "head", 0));
    GString *out = g_string_new(NULL);
    if (root != NULL)
        markup_text(root, true, out);
    xmlFreeDoc(doc);
    return g_string_free(out, FALSE);
}

/* xml_text - an XML document's text (g_free), or NULL with *reason;
 * *too_deep: extract_xml_too_deep */
static char *xml_text(const extract_input *in, bool *too_deep, char **reason)
{
    xmlDocPtr doc = xmlReadMemory((const char *)in->data,
                                  (int)(in->size > INT32_MAX ? INT32_MAX : in->size), NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                      XML_PARSE_RECOVER);
    if (doc == NULL) {
        const xmlError *e = xmlGetLastError();
        dk_fail(reason, "cannot parse the XML: %s",
                e && e->message ? g_strstrip(e->message) : "unknown error");
        return NULL;
    }
    GString *out = g_string_new(NULL);
    xmlNode *root = xmlDocGetRootElement(doc);
    *too_deep = extract_xml_too_deep(root);
    if (root != NULL)
        markup_text(root, false, out);
    xmlFreeDoc(doc);
    return g_string_free(out, FALSE);
}

/* html_run - one page of text, title and author as metadata */
static extract_status html_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                               char **reason)
{
    (void)env;
    char *title = NULL, *author = NULL, *text;
    bool html = html_bid(in) == 50, too_deep = false;
    if (html)
        text = extract_html_text((const char *)in->data, in->size, NULL, &title, &author,
                                 &too_deep);
    else
        text = xml_text(in, &too_deep, reason);
    if (text == NULL)
        return EXTRACT_FAILED;
    extract_status st = extract_emit_meta(sink, "title", title, reason);
    if (st == EXTRACT_DONE)
        st = extract_emit_meta(sink, "author", author, reason);
    if (st == EXTRACT_DONE && *text != '\0') {
        extract_page page = {1, text, PAGE_SOURCE_PLAIN, -1.0};
        st = extract_emit(sink, &page, reason);
    }
    if (st == EXTRACT_DONE && too_deep)
        st = extract_emit_too_deep(sink, reason);
    g_free(title);
    g_free(author);
    g_free(text);
    return st;
}

const extractor extractor_html = {
    .name = "html",
    .bid = html_bid,
    .run = html_run,
};
