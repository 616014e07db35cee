/*
 * office.c - office documents: DOCX, XLSX, PPTX (Office Open XML) and ODT,
 * ODS, ODP, ODG and their templates (OpenDocument), which are XML files
 * inside a zip.
 *
 * Pages: a word-processing document is one page; a spreadsheet gives one page
 * per sheet (cells separated by tabs, rows by lines: cell text, shared strings
 * resolved); a presentation one page per slide, a drawing one per page.
 * Images stored in the document (word/media, ppt/media, xl/media, Pictures/)
 * become children, so scans pasted into a document are OCRed like any image.
 * The XML parts are parsed without network access or entity substitution;
 * together they may take at most EXTRACT_ZIP_PARTS_MAX bytes of memory. A
 * password-protected OpenDocument file (its manifest lists encryption data)
 * and an encrypted Office file (libmagic: application/encrypted, a compound
 * file holding the encrypted package) are EXTRACT_ENCRYPTED. A flat
 * OpenDocument file (.fodt .fods .fodp .fodg, one XML file) is read the same
 * way, its base64 pictures children too. The reading of a zipped document's
 * parts and its Dublin Core metadata is shared with epub.c
 * (extract_private.h).
 *
 * Functions: extract_zip_parts, extract_dc_meta, extract_xml_parse.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A flat OpenDocument file's root element and office:mimetype lie within
 * its first bytes (after some 40 namespace declarations). */
#define FLAT_HEAD 8192

typedef enum { KIND_DOCX, KIND_XLSX, KIND_PPTX, KIND_ODT, KIND_ODS, KIND_ODP, KIND_NONE } doc_kind;

static const struct {
    const char *mime;
    doc_kind kind;
} office_types[] = {
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", KIND_DOCX},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", KIND_XLSX},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", KIND_PPTX},
    {"application/vnd.oasis.opendocument.text", KIND_ODT},
    {"application/vnd.oasis.opendocument.text-template", KIND_ODT},
    {"application/vnd.oasis.opendocument.text-master", KIND_ODT},
    {"application/vnd.oasis.opendocument.spreadsheet", KIND_ODS},
    {"application/vnd.oasis.opendocument.spreadsheet-template", KIND_ODS},
    {"application/vnd.oasis.opendocument.presentation", KIND_ODP},
    {"application/vnd.oasis.opendocument.presentation-template", KIND_ODP},
    /* a drawing's pages are <draw:page>s, as a presentation's slides */
    {"application/vnd.oasis.opendocument.graphics", KIND_ODP},
    {"application/vnd.oasis.opendocument.graphics-template", KIND_ODP},
};

/* contains - is `what` among the bytes (member names are stored in clear)? */
static bool contains(const extract_input *in, const char *what)
{
    return memmem(in->data, in->size, what, strlen(what)) != NULL;
}

/* kind_of - which document this is, by MIME type or by the parts a zip holds */
static doc_kind kind_of(const extract_input *in)
{
    if (in->mime == NULL)
        return KIND_NONE;
    for (size_t i = 0; i < sizeof office_types / sizeof office_types[0]; i++)
        if (strcmp(in->mime, office_types[i].mime) == 0)
            return office_types[i].kind;
    if (strcmp(in->mime, "application/zip") != 0 &&
        strcmp(in->mime, "application/octet-stream") != 0)
        return KIND_NONE;
    if (contains(in, "word/document.xml"))
        return KIND_DOCX;
    if (contains(in, "xl/workbook.xml"))
        return KIND_XLSX;
    if (contains(in, "ppt/presentation.xml"))
        return KIND_PPTX;
    if (contains(in, "application/vnd.oasis.opendocument.text"))
        return KIND_ODT;
    if (contains(in, "application/vnd.oasis.opendocument.spreadsheet"))
        return KIND_ODS;
    if (contains(in, "application/vnd.oasis.opendocument.presentation") ||
        contains(in, "application/vnd.oasis.opendocument.graphics"))
        return KIND_ODP;
    return KIND_NONE;
}

/* flat_kind - a flat OpenDocument file (.fodt .fods .fodp .fodg: the whole
 * document as one XML file, which libmagic calls XML), by its root element
 * and its office:mimetype (one of office_types) near the top */
static doc_kind flat_kind(const extract_input *in)
{
    if (in->mime == NULL ||
        (strcmp(in->mime, "text/xml") != 0 && strcmp(in->mime, "application/xml") != 0))
        return KIND_NONE;
    size_t head = MIN(in->size, FLAT_HEAD);
    if (head == 0 || memmem(in->data, head, "<office:document ", 17) == NULL)
        return KIND_NONE;
    for (size_t i = 0; i < sizeof office_types / sizeof office_types[0]; i++) {
        char *type = g_strdup_printf("office:mimetype=\"%s\"", office_types[i].mime);
        bool found = memmem(in->data, head, type, strlen(type)) != NULL;
        g_free(type);
        if (found)
            return office_types[i].kind;
    }
    return KIND_NONE;
}

/* office_bid - above the archive and XML extractors; encrypted Office files too */
static int office_bid(const extract_input *in)
{
    if (in->mime != NULL && strcmp(in->mime, "application/encrypted") == 0)
        return 50;
    return kind_of(in) != KIND_NONE || flat_kind(in) != KIND_NONE ? 60 : 0;
}

/* ---- walking XML ---- */

typedef struct {
    GString *out;                         /* text of the current page */
    GPtrArray *pages;                     /* finished pages (ODS sheets, ODP slides) */
    GPtrArray *shared;                    /* XLSX shared strings */
    int in_text;                          /* inside an element whose text counts */
    int cell_shared;                      /* XLSX: the current cell holds a shared string index */
    GString *value;                       /* XLSX: the current <v> */
    void (*enter)(void *ctx, xmlNode *n); /* the format's enter callback */
    bool too_deep;                        /* a part reached the parser's depth limit */
} walk_state;

typedef void (*walk_fn)(void *ctx, xmlNode *n);

/* is - the element's local name is `name` */
static bool is(const xmlNode *n, const char *name)
{
    return strcmp((const char *)n->name, name) == 0;
}

/* end_line - a line break, not at the start and not twice */
static void end_line(GString *out)
{
    if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c(out, '\n');
}

/* OOXML (DOCX, PPTX): text in <t>, paragraphs <p>, <tab>, <br>/<cr> */
static void ooxml_enter(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if (is(n, "t"))
        s->in_text++;
    else if (is(n, "tab"))
        g_string_append_c(s->out, '\t');
    else if (is(n, "br") || is(n, "cr"))
        g_string_append_c(s->out, '\n');
}

static void ooxml_leave(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if (is(n, "t") && s->in_text > 0)
        s->in_text--;
    else if (is(n, "p") || is(n, "tr") || is(n, "comment")) /* an XLSX comment has no <p> */
        end_line(s->out);
    else if (is(n, "tc")) {
        if (s->out->len > 0 && s->out->str[s->out->len - 1] == '\n')
            g_string_truncate(s->out, s->out->len - 1);
        g_string_append_c(s->out, '\t');
    }
}

static void any_text(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if (s->in_text > 0 && n->content != NULL)
        g_string_append(s->out, (const char *)n->content);
}

/* XLSX shared strings: each <si> is one string, its <t>s joined */
static void shared_leave(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if (is(n, "t") && s->in_text > 0) {
        s->in_text--;
    } else if (is(n, "si")) {
        g_ptr_array_add(s->shared, g_strdup(s->out->str));
        g_string_truncate(s->out, 0);
    }
}

/* XLSX sheet: rows of cells; <v> is a number, a formula's value or a shared string index */
static void sheet_enter(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if (is(n, "c")) {
        xmlChar *t = xmlGetProp(n, BAD_CAST "t");
        s->cell_shared = t != NULL && xmlStrcmp(t, BAD_CAST "s") == 0;
        xmlFree(t);
    } else if (is(n, "v") || is(n, "t")) {
        s->in_text++;
        g_string_truncate(s->value, 0);
    }
}

static void sheet_leave(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if ((is(n, "v") || is(n, "t")) && s->in_text > 0) {
        s->in_text--;
        if (s->cell_shared && is(n, "v")) {
            char *end = NULL;
            unsigned long i = strtoul(s->value->str, &end, 10);
            if (end != s->value->str && i < s->shared->len)
                g_string_append(s->out, g_ptr_array_index(s->shared, i));
        } else {
            g_string_append(s->out, s->value->str);
        }
    } else if (is(n, "c")) {
        g_string_append_c(s->out, '\t');
    } else if (is(n, "row")) {
        while (s->out->len > 0 && s->out->str[s->out->len - 1] == '\t')
            g_string_truncate(s->out, s->out->len - 1);
        end_line(s->out);
    }
}

static void sheet_text(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if (s->in_text > 0 && n->content != NULL)
        g_string_append(s->value, (const char *)n->content);
}

/* finish_page - the current text becomes a page (kept even when empty: page numbers hold) */
static void finish_page(walk_state *s)
{
    while (s->out->len > 0 && g_ascii_isspace(s->out->str[s->out->len - 1]))
        g_string_truncate(s->out, s->out->len - 1);
    g_ptr_array_add(s->pages, g_strdup(s->out->str));
    g_string_truncate(s->out, 0);
}

/* is_sheet - an ODS sheet: a <table:table> right in <office:spreadsheet> */
static bool is_sheet(const xmlNode *n)
{
    return is(n, "table") && n->ns && n->ns->href &&
           strstr((const char *)n->ns->href, ":table:") != NULL && n->parent &&
           is(n->parent, "spreadsheet");
}

/* ODF: text in <text:p>/<text:h>; <text:s> spaces, tabs, line breaks; tables;
 * ODS sheets (<table:table>, whose page starts with the sheet's name) and
 * ODP slides (<draw:page>) end a page */
static void odf_enter(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if (s->pages != NULL && is_sheet(n)) {
        xmlChar *name = xmlGetNsProp(n, BAD_CAST "name", n->ns->href);
        if (name != NULL && *name != '\0') {
            g_string_append(s->out, (const char *)name);
            end_line(s->out);
        }
        xmlFree(name);
    } else if (is(n, "p") || is(n, "h")) {
        s->in_text++;
    } else if (is(n, "s")) {
        xmlChar *c = xmlGetProp(n, BAD_CAST "c");
        int count = c ? atoi((const char *)c) : 1;
        xmlFree(c);
        for (int i = 0; i < count && i < 64; i++)
            g_string_append_c(s->out, ' ');
    } else if (is(n, "tab")) {
        g_string_append_c(s->out, '\t');
    } else if (is(n, "line-break")) {
        g_string_append_c(s->out, '\n');
    } else if (is(n, "note")) {
        end_line(s->out); /* a footnote's text on its own line, not joined to the word */
    }
}

static void odf_leave(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if ((is(n, "p") || is(n, "h")) && s->in_text > 0) {
        s->in_text--;
        end_line(s->out);
    } else if (is(n, "table-cell")) {
        if (s->out->len > 0 && s->out->str[s->out->len - 1] == '\n')
            g_string_truncate(s->out, s->out->len - 1);
        g_string_append_c(s->out, '\t');
    } else if (is(n, "table-row")) {
        while (s->out->len > 0 && s->out->str[s->out->len - 1] == '\t')
            g_string_truncate(s->out, s->out->len - 1);
        end_line(s->out);
    } else if (s->pages != NULL && (is(n, "page") || is_sheet(n))) {
        finish_page(s);
    }
}

/* extract_xml_parse - (extract_private.h) a part as an XML tree */
xmlDoc *extract_xml_parse(GBytes *part)
{
    gsize len = 0;
    const char *data = part != NULL ? g_bytes_get_data(part, &len) : NULL;
    return data == NULL ? NULL
                        : xmlReadMemory(data, (int)MIN(len, G_MAXINT), NULL, NULL,
                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                            XML_PARSE_RECOVER);
}

/* enter_all - office XML: every element is looked into but those of a flat
 * OpenDocument file that are not its body: styles (whose page headers and
 * master slides hold placeholder text), settings, scripts, and base64
 * pictures (their own children, flat_run) */
static bool enter_all(void *ctx, xmlNode *n)
{
    /* besides ODF's styles and settings: an ODF footnote's number, which
     * would join the words around it, and OOXML's Fallback, the same text
     * again for old readers */
    static const char *const not_body[] = {
        "master-styles",   "styles",      "automatic-styles", "settings", "scripts",
        "font-face-decls", "binary-data", "note-citation",    "Fallback",
    };
    walk_state *s = ctx;
    for (size_t i = 0; i < sizeof not_body / sizeof not_body[0]; i++)
        if (is(n, not_body[i]))
            return false;
    s->enter(ctx, n);
    return true;
}

/* tree_text - walk a parsed part (NULL: none) into s->out */
static void tree_text(xmlNode *root, walk_fn enter, walk_fn leave, walk_fn text, walk_state *s)
{
    s->enter = enter;
    s->too_deep = s->too_deep || extract_xml_too_deep(root);
    if (root != NULL)
        extract_xml_walk(root, enter_all, leave, text, s);
}

/* part_text - parse one part and walk it into s->out */
static void part_text(GBytes *part, walk_fn enter, walk_fn leave, walk_fn text, walk_state *s)
{
    if (part == NULL)
        return;
    xmlDoc *doc = extract_xml_parse(part);
    tree_text(doc ? xmlDocGetRootElement(doc) : NULL, enter, leave, text, s);
    xmlFreeDoc(doc);
}

/* ---- metadata ---- */

/* tree_dc_meta - extract_dc_meta of a parsed part (root NULL: none) */
static extract_status tree_dc_meta(xmlNode *n, extract_sink *sink, char **reason)
{
    static const struct {
        const char *element, *field;
    } fields[] = {
        {"title", "title"},     {"creator", "author"},        {"initial-creator", "author"},
        {"created", "created"}, {"creation-date", "created"}, {"modified", "modified"},
        {"date", "modified"},   {"subject", "subject"},
    };
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    extract_status st = EXTRACT_DONE;
    /* metadata is flat: root, (office:meta or an EPUB's metadata), fields */
    for (int level = 0; level < 2 && n != NULL; level++) {
        xmlNode *child = n->children;
        for (xmlNode *c = child; c != NULL && st == EXTRACT_DONE; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if ((is(c, "meta") || is(c, "metadata")) && level == 0)
                n = c;
            for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
                if (!is(c, fields[i].element) || g_hash_table_contains(seen, fields[i].field))
                    continue;
                xmlChar *v = xmlNodeGetContent(c);
                if (v != NULL && *v != '\0') {
                    g_hash_table_add(seen, (gpointer)fields[i].field);
                    st = extract_emit_meta(sink, fields[i].field, (const char *)v, reason);
                }
                xmlFree(v);
            }
        }
        if (n == NULL || !(is(n, "meta") || is(n, "metadata")))
            break;
    }
    g_hash_table_destroy(seen);
    return st;
}

/* extract_dc_meta - (extract_private.h) <dc:title>, creator, created,
 * modified, subject (docProps/core.xml, meta.xml, an EPUB's package) */
extract_status extract_dc_meta(GBytes *part, extract_sink *sink, char **reason)
{
    if (part == NULL)
        return EXTRACT_DONE;
    xmlDoc *doc = extract_xml_parse(part);
    extract_status st = tree_dc_meta(doc ? xmlDocGetRootElement(doc) : NULL, sink, reason);
    xmlFreeDoc(doc);
    return st;
}

/* ---- reading the zip ---- */

/* is_media - an image stored in the document */
static bool is_media(const char *name)
{
    return g_str_has_prefix(name, "word/media/") || g_str_has_prefix(name, "ppt/media/") ||
           g_str_has_prefix(name, "xl/media/") || g_str_has_prefix(name, "Pictures/");
}

/* is_part - an XML part we read */
static bool is_part(const char *name)
{
    return strcmp(name, "word/document.xml") == 0 || strcmp(name, "docProps/core.xml") == 0 ||
           ((g_str_has_prefix(name, "word/header") || g_str_has_prefix(name, "word/footer")) &&
            g_str_has_suffix(name, ".xml")) ||
           strcmp(name, "word/footnotes.xml") == 0 || strcmp(name, "word/endnotes.xml") == 0 ||
           strcmp(name, "word/comments.xml") == 0 || strcmp(name, "styles.xml") == 0 ||
           (g_str_has_prefix(name, "ppt/slides/_rels/slide") && g_str_has_suffix(name, ".rels")) ||
           (g_str_has_prefix(name, "ppt/notesSlides/notesSlide") &&
            g_str_has_suffix(name, ".xml")) ||
           strcmp(name, "xl/sharedStrings.xml") == 0 || strcmp(name, "xl/workbook.xml") == 0 ||
           strcmp(name, "xl/_rels/workbook.xml.rels") == 0 ||
           (g_str_has_prefix(name, "xl/worksheets/") &&
            (g_str_has_suffix(name, ".xml") || g_str_has_suffix(name, ".xml.rels"))) ||
           (g_str_has_prefix(name, "xl/comments") && g_str_has_suffix(name, ".xml")) ||
           (g_str_has_prefix(name, "ppt/slides/slide") && g_str_has_suffix(name, ".xml")) ||
           strcmp(name, "content.xml") == 0 || strcmp(name, "meta.xml") == 0 ||
           strcmp(name, "META-INF/manifest.xml") == 0;
}

/* read_part - a whole XML part into memory, within the total */
static GBytes *read_part(struct archive *a, const char *name, size_t *total, char **reason)
{
    GByteArray *buf = g_byte_array_new();
    char chunk[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, chunk, sizeof chunk)) > 0) {
        *total += (size_t)n;
        if (*total > EXTRACT_ZIP_PARTS_MAX) {
            dk_fail(reason, "the document's XML is larger than %u MB (a zip bomb?)",
                    EXTRACT_ZIP_PARTS_MAX >> 20);
            g_byte_array_free(buf, TRUE);
            return NULL;
        }
        g_byte_array_append(buf, (const guint8 *)chunk, (guint)n);
    }
    if (n < 0) {
        const char *why = archive_error_string(a);
        dk_fail(reason, "'%s' in the document cannot be read: %s", name, why ? why : "damaged");
        g_byte_array_free(buf, TRUE);
        return NULL;
    }
    return g_byte_array_free_to_bytes(buf);
}

/* extract_zip_parts - (extract_private.h) one pass over a zipped document */
extract_status extract_zip_parts(const extract_input *in, bool (*read_whole)(const char *name),
                                 bool (*emit_child)(const char *name), extract_sink *sink,
                                 GHashTable **parts_out, char **reason)
{
    struct archive *a = archive_read_new();
    archive_read_support_format_zip(a);
    GHashTable *parts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_bytes_unref);
    *parts_out = parts;
    extract_status st = EXTRACT_DONE;
    size_t total = 0;
    if (archive_read_open_memory(a, in->data, in->size) != ARCHIVE_OK) {
        dk_fail(reason, "cannot read the document's zip: %s", archive_error_string(a));
        st = EXTRACT_FAILED;
    }
    struct archive_entry *e;
    int r = ARCHIVE_OK;
    while (st == EXTRACT_DONE &&
           ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
        const char *name = archive_entry_pathname(e);
        if (name == NULL || archive_entry_filetype(e) != AE_IFREG)
            continue;
        if (read_whole(name)) {
            GBytes *part = read_part(a, name, &total, reason);
            if (part == NULL)
                st = EXTRACT_FAILED;
            else
                g_hash_table_insert(parts, g_strdup(name), part);
        } else if (emit_child(name) && !archive_entry_is_data_encrypted(e)) {
            char *member = extract_utf8_name(name);
            extract_archive_member src = {a, member};
            extract_child child = {.member = member,
                                   .size = archive_entry_size(e),
                                   .read = extract_archive_read,
                                   .src = &src};
            st = extract_emit_child(sink, &child, reason);
            free(member);
        }
    }
    if (st == EXTRACT_DONE && r != ARCHIVE_EOF) {
        dk_fail(reason, "the document is damaged: %s", archive_error_string(a));
        st = EXTRACT_FAILED;
    }
    archive_read_free(a);
    return st;
}

/* numbered_compare - "slide2.xml" before "slide10.xml" */
static gint numbered_compare(gconstpointer a, gconstpointer b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    size_t lx = strlen(x), ly = strlen(y);
    return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

/* sorted_parts - names of the parts starting with prefix, in number order */
static GPtrArray *sorted_parts(GHashTable *parts, const char *prefix)
{
    GPtrArray *names = g_ptr_array_new();
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, parts);
    while (g_hash_table_iter_next(&it, &key, NULL))
        if (g_str_has_prefix(key, prefix))
            g_ptr_array_add(names, key);
    g_ptr_array_sort(names, numbered_compare);
    return names;
}

/* odt_headers - the headers and footers of a text document's master pages
 * (styles.xml, or a flat file's <office:master-styles>): the case number of
 * a court paper is often only there. Not a presentation's: its master
 * slides hold placeholder text. */
static void odt_headers(xmlNode *styles, walk_state *s)
{
    static const char *const kinds[] = {"header",      "footer",       "header-left",
                                        "footer-left", "header-first", "footer-first"};
    xmlNode *master = styles ? extract_xml_find(styles->children, "master-styles", 0) : NULL;
    for (xmlNode *page = master ? master->children : NULL; page != NULL; page = page->next)
        for (xmlNode *h = page->children; h != NULL; h = h->next)
            for (size_t k = 0; h->type == XML_ELEMENT_NODE && k < G_N_ELEMENTS(kinds); k++)
                if (is(h, kinds[k]))
                    tree_text(h, odf_enter, odf_leave, any_text, s);
}

/* odf_pages - an OpenDocument file's pages, from its content (content.xml,
 * or the whole of a flat file: only text in <text:p>/<text:h> counts, so
 * its settings and styles give none), a text's headers and footers first */
static void odf_pages(xmlNode *content, xmlNode *styles, doc_kind kind, walk_state *s)
{
    if (kind == KIND_ODT)
        odt_headers(styles, s);
    tree_text(content, odf_enter, odf_leave, any_text, s);
    if (kind == KIND_ODT || s->pages->len == 0 || s->out->len > 0)
        finish_page(s);
}

/* related_text - the text of the OOXML part that part's relationship of a
 * Type ending in type_suffix names (a slide's notes, a sheet's comments) */
static void related_text(GHashTable *parts, const char *part, const char *type_suffix,
                         walk_state *s)
{
    char *related = extract_ooxml_related(parts, part, type_suffix);
    part_text(related ? g_hash_table_lookup(parts, related) : NULL, ooxml_enter, ooxml_leave,
              any_text, s);
    g_free(related);
}

/* xlsx_sheets - an XLSX workbook's pages: each sheet's name, its cells, then
 * its comments; in the workbook's tab order, or in the order of the sheet
 * parts' numbers when the workbook does not say */
static void xlsx_sheets(GHashTable *parts, walk_state *s)
{
    GPtrArray *sheets = extract_ooxml_sheets(parts); /* part, name, part, name... */
    if (sheets->len == 0) {
        GPtrArray *names = sorted_parts(parts, "xl/worksheets/sheet");
        for (guint i = 0; i < names->len; i++) {
            g_ptr_array_add(sheets, g_strdup(g_ptr_array_index(names, i)));
            g_ptr_array_add(sheets, g_strdup(""));
        }
        g_ptr_array_free(names, TRUE);
    }
    for (guint i = 0; i + 1 < sheets->len; i += 2) {
        const char *part = g_ptr_array_index(sheets, i), *name = g_ptr_array_index(sheets, i + 1);
        if (*name != '\0') {
            g_string_append(s->out, name);
            end_line(s->out);
        }
        part_text(g_hash_table_lookup(parts, part), sheet_enter, sheet_leave, sheet_text, s);
        related_text(parts, part, "/comments", s);
        finish_page(s);
    }
    g_ptr_array_free(sheets, TRUE);
}

/* build_pages - the document's pages, from its parts */
static void build_pages(doc_kind kind, GHashTable *parts, walk_state *s)
{
    if (kind == KIND_DOCX) {
        /* the page as it reads: headers, body, notes, footers, then comments */
        static const char *const docx[] = {"word/header",        "word/document.xml",
                                           "word/footnotes.xml", "word/endnotes.xml",
                                           "word/footer",        "word/comments.xml"};
        for (size_t i = 0; i < G_N_ELEMENTS(docx); i++) {
            GPtrArray *names = sorted_parts(parts, docx[i]);
            for (guint k = 0; k < names->len; k++)
                part_text(g_hash_table_lookup(parts, g_ptr_array_index(names, k)), ooxml_enter,
                          ooxml_leave, any_text, s);
            g_ptr_array_free(names, TRUE);
        }
        finish_page(s);
    } else if (kind == KIND_PPTX) {
        GPtrArray *names = sorted_parts(parts, "ppt/slides/slide");
        for (guint i = 0; i < names->len; i++) {
            const char *slide = g_ptr_array_index(names, i);
            part_text(g_hash_table_lookup(parts, slide), ooxml_enter, ooxml_leave, any_text, s);
            related_text(parts, slide, "/notesSlide", s); /* the speaker's notes */
            finish_page(s);
        }
        g_ptr_array_free(names, TRUE);
    } else if (kind == KIND_XLSX) {
        part_text(g_hash_table_lookup(parts, "xl/sharedStrings.xml"), ooxml_enter, shared_leave,
                  any_text, s);
        g_string_truncate(s->out, 0);
        xlsx_sheets(parts, s);
    } else {
        xmlDoc *content = extract_xml_parse(g_hash_table_lookup(parts, "content.xml"));
        xmlDoc *styles = kind == KIND_ODT /* only a text's headers are read */
                             ? extract_xml_parse(g_hash_table_lookup(parts, "styles.xml"))
                             : NULL;
        odf_pages(content ? xmlDocGetRootElement(content) : NULL,
                  styles ? xmlDocGetRootElement(styles) : NULL, kind, s);
        xmlFreeDoc(styles);
        xmlFreeDoc(content);
    }
}

/* odf_encrypted - the manifest lists encryption data (a password-protected file) */
static bool odf_encrypted(GHashTable *parts)
{
    GBytes *m = g_hash_table_lookup(parts, "META-INF/manifest.xml");
    if (m == NULL)
        return false;
    gsize len = 0;
    const char *data = g_bytes_get_data(m, &len); /* NULL when the part is empty */
    return data != NULL && memmem(data, len, "encryption-data", 15) != NULL;
}

/* emit_pages - the document's pages, from its parts or the parsed XML of
 * a flat OpenDocument file, to the sink */
static extract_status emit_pages(doc_kind kind, GHashTable *parts, xmlNode *flat,
                                 extract_sink *sink, char **reason)
{
    walk_state s = {
        .out = g_string_new(NULL),
        .pages = g_ptr_array_new_with_free_func(g_free),
        .shared = g_ptr_array_new_with_free_func(g_free),
        .value = g_string_new(NULL),
    };
    if (parts == NULL) /* a flat file (its XML NULL when it did not parse) */
        odf_pages(flat, flat, kind, &s);
    else
        build_pages(kind, parts, &s);
    extract_status st = EXTRACT_DONE;
    for (guint i = 0; st == EXTRACT_DONE && i < s.pages->len; i++) {
        extract_page page = {(int)i + 1, g_ptr_array_index(s.pages, i), PAGE_SOURCE_PLAIN, -1.0};
        st = extract_emit(sink, &page, reason);
    }
    if (st == EXTRACT_DONE && s.too_deep)
        st = extract_emit_too_deep(sink, reason);
    g_string_free(s.out, TRUE);
    g_string_free(s.value, TRUE);
    g_ptr_array_free(s.pages, TRUE);
    g_ptr_array_free(s.shared, TRUE);
    return st;
}

/* ---- flat OpenDocument: one XML file ---- */

/* Pictures of a flat file, in base64, handed to the sink as they are met. */
typedef struct {
    extract_sink *sink;
    char **reason;
    extract_status st;
    unsigned count;
} flat_pictures;

/* picture_enter - an <office:binary-data> of a <draw:image>: decoded, a child */
static bool picture_enter(void *ctx, xmlNode *n)
{
    flat_pictures *p = ctx;
    if (p->st != EXTRACT_DONE)
        return false;
    if (!is(n, "binary-data") || n->parent == NULL || !is(n->parent, "image"))
        return true;
    xmlChar *text = xmlNodeGetContent(n);
    if (text != NULL)
        p->st = extract_emit_base64(p->sink, "Pictures/image", &p->count, (const char *)text,
                                    strlen((const char *)text), p->reason);
    xmlFree(text);
    return false;
}

static void picture_nothing(void *ctx, xmlNode *n)
{
    (void)ctx;
    (void)n;
}

/* flat_run - metadata, pictures and pages of a flat OpenDocument file */
static extract_status flat_run(const extract_input *in, doc_kind kind, extract_sink *sink,
                               char **reason)
{
    GBytes *whole = g_bytes_new_static(in->data, in->size);
    xmlDoc *doc = extract_xml_parse(whole); /* once, for all three */
    g_bytes_unref(whole);
    xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    extract_status st = tree_dc_meta(root, sink, reason);
    flat_pictures pictures = {sink, reason, EXTRACT_DONE, 0};
    if (st == EXTRACT_DONE && root != NULL && !extract_xml_too_deep(root)) {
        extract_xml_walk(root, picture_enter, picture_nothing, picture_nothing, &pictures);
        st = pictures.st;
    }
    if (st == EXTRACT_DONE)
        st = emit_pages(kind, NULL, root, sink, reason);
    xmlFreeDoc(doc);
    return st;
}

/* office_run - one pass over the zip, then the text */
static extract_status office_run(const extract_env *env, const extract_input *in,
                                 extract_sink *sink, char **reason)
{
    (void)env;
    if (strcmp(in->mime, "application/encrypted") == 0) {
        dk_fail(reason, "encrypted document: it needs a password");
        return EXTRACT_ENCRYPTED;
    }
    doc_kind kind = flat_kind(in);
    if (kind != KIND_NONE)
        return flat_run(in, kind, sink, reason);
    kind = kind_of(in);
    GHashTable *parts = NULL;
    extract_status st = extract_zip_parts(in, is_part, is_media, sink, &parts, reason);
    if (st == EXTRACT_DONE && odf_encrypted(parts)) {
        dk_fail(reason, "encrypted document: it needs a password");
        st = EXTRACT_ENCRYPTED;
    }
    if (st == EXTRACT_DONE) {
        bool odf = kind == KIND_ODT || kind == KIND_ODS || kind == KIND_ODP;
        st = extract_dc_meta(g_hash_table_lookup(parts, odf ? "meta.xml" : "docProps/core.xml"),
                             sink, reason);
    }
    if (st == EXTRACT_DONE)
        st = emit_pages(kind, parts, NULL, sink, reason);
    g_hash_table_destroy(parts);
    return st;
}

const extractor extractor_office = {
    .name = "office",
    .bid = office_bid,
    .run = office_run,
};
