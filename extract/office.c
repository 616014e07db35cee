/*
 * office.c - office documents: DOCX, XLSX, PPTX (Office Open XML) and ODT,
 * ODS, ODP (OpenDocument), which are XML files inside a zip.
 *
 * Pages: a word-processing document is one page; a spreadsheet gives one page
 * per sheet (cells separated by tabs, rows by lines: cell text, shared strings
 * resolved); a presentation one page per slide. Images stored in the document
 * (word/media, ppt/media, xl/media, Pictures/) become children, so scans
 * pasted into a document are OCRed like any image. The XML parts are parsed
 * without network access or entity substitution; together they may take at
 * most OFFICE_MAX_XML bytes of memory. A password-protected OpenDocument file
 * (its manifest lists encryption data) and an encrypted Office file (libmagic:
 * application/encrypted, a compound file holding the encrypted package) are
 * EXTRACT_ENCRYPTED.
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

/* All XML parts of one document together may not exceed this (a zip bomb
 * inside a .docx is stopped here; images go through the sink's limits). */
#define OFFICE_MAX_XML (256u << 20)

typedef enum { KIND_DOCX, KIND_XLSX, KIND_PPTX, KIND_ODT, KIND_ODS, KIND_ODP, KIND_NONE } doc_kind;

static const struct {
    const char *mime;
    doc_kind kind;
} office_types[] = {
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", KIND_DOCX},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", KIND_XLSX},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", KIND_PPTX},
    {"application/vnd.oasis.opendocument.text", KIND_ODT},
    {"application/vnd.oasis.opendocument.spreadsheet", KIND_ODS},
    {"application/vnd.oasis.opendocument.presentation", KIND_ODP},
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
    if (contains(in, "application/vnd.oasis.opendocument.presentation"))
        return KIND_ODP;
    return KIND_NONE;
}

/* office_bid - above the archive extractor; encrypted Office files too */
static int office_bid(const extract_input *in)
{
    if (in->mime != NULL && strcmp(in->mime, "application/encrypted") == 0)
        return 50;
    return kind_of(in) != KIND_NONE ? 60 : 0;
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
    else if (is(n, "p") || is(n, "tr"))
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
    while (s->out->len > 0 &&
           (s->out->str[s->out->len - 1] == '\n' || s->out->str[s->out->len - 1] == '\t'))
        g_string_truncate(s->out, s->out->len - 1);
    g_ptr_array_add(s->pages, g_strdup(s->out->str));
    g_string_truncate(s->out, 0);
}

/* ODF: text in <text:p>/<text:h>; <text:s> spaces, tabs, line breaks; tables;
 * ODS sheets (<table:table>) and ODP slides (<draw:page>) end a page */
static void odf_enter(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    if (is(n, "p") || is(n, "h")) {
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
    } else if (s->pages != NULL &&
               (is(n, "page") || (is(n, "table") && n->ns && n->ns->href &&
                                  strstr((const char *)n->ns->href, ":table:") != NULL &&
                                  n->parent && is(n->parent, "spreadsheet")))) {
        finish_page(s);
    }
}

/* parse - a part as an XML tree, never fetching or expanding entities */
static xmlDoc *parse(GBytes *part)
{
    gsize len = 0;
    const char *data = g_bytes_get_data(part, &len);
    return xmlReadMemory(data, (int)len, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_RECOVER);
}

/* enter_all - office XML: every element is looked into */
static bool enter_all(void *ctx, xmlNode *n)
{
    walk_state *s = ctx;
    s->enter(ctx, n);
    return true;
}

/* part_text - walk one part into s->out */
static void part_text(GBytes *part, walk_fn enter, walk_fn leave, walk_fn text, walk_state *s)
{
    if (part == NULL)
        return;
    xmlDoc *doc = parse(part);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    s->enter = enter;
    s->too_deep = s->too_deep || extract_xml_too_deep(root);
    if (root != NULL)
        extract_xml_walk(root, enter_all, leave, text, s);
    xmlFreeDoc(doc);
}

/* ---- metadata ---- */

/* core_meta - <dc:title>, creator, created, modified (docProps/core.xml, meta.xml) */
static extract_status core_meta(GBytes *part, extract_sink *sink, char **reason)
{
    static const struct {
        const char *element, *field;
    } fields[] = {
        {"title", "title"},     {"creator", "author"},        {"initial-creator", "author"},
        {"created", "created"}, {"creation-date", "created"}, {"modified", "modified"},
        {"date", "modified"},   {"subject", "subject"},
    };
    if (part == NULL)
        return EXTRACT_DONE;
    xmlDoc *doc = parse(part);
    xmlNode *n = doc ? xmlDocGetRootElement(doc) : NULL;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    extract_status st = EXTRACT_DONE;
    /* metadata is flat: root, (office:meta), fields */
    for (int level = 0; level < 2 && n != NULL; level++) {
        xmlNode *child = n->children;
        for (xmlNode *c = child; c != NULL && st == EXTRACT_DONE; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (is(c, "meta") && level == 0)
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
        if (n == NULL || !is(n, "meta"))
            break;
    }
    g_hash_table_destroy(seen);
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
           strcmp(name, "xl/sharedStrings.xml") == 0 ||
           (g_str_has_prefix(name, "xl/worksheets/sheet") && g_str_has_suffix(name, ".xml")) ||
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
        if (*total > OFFICE_MAX_XML) {
            dk_fail(reason, "the document's XML is larger than %u MB (a zip bomb?)",
                    OFFICE_MAX_XML >> 20);
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

/* build_pages - the document's pages, from its parts */
static void build_pages(doc_kind kind, GHashTable *parts, walk_state *s)
{
    if (kind == KIND_DOCX) {
        part_text(g_hash_table_lookup(parts, "word/document.xml"), ooxml_enter, ooxml_leave,
                  any_text, s);
        finish_page(s);
    } else if (kind == KIND_PPTX || kind == KIND_XLSX) {
        if (kind == KIND_XLSX) {
            part_text(g_hash_table_lookup(parts, "xl/sharedStrings.xml"), ooxml_enter, shared_leave,
                      any_text, s);
            g_string_truncate(s->out, 0);
        }
        GPtrArray *names = sorted_parts(parts, kind == KIND_PPTX ? "ppt/slides/slide"
                                                                 : "xl/worksheets/sheet");
        for (guint i = 0; i < names->len; i++) {
            GBytes *part = g_hash_table_lookup(parts, g_ptr_array_index(names, i));
            if (kind == KIND_PPTX)
                part_text(part, ooxml_enter, ooxml_leave, any_text, s);
            else
                part_text(part, sheet_enter, sheet_leave, sheet_text, s);
            finish_page(s);
        }
        g_ptr_array_free(names, TRUE);
    } else {
        part_text(g_hash_table_lookup(parts, "content.xml"), odf_enter, odf_leave, any_text, s);
        if (kind == KIND_ODT || s->pages->len == 0 || s->out->len > 0)
            finish_page(s);
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

/* office_run - one pass over the zip, then the text */
static extract_status office_run(const extract_env *env, const extract_input *in,
                                 extract_sink *sink, char **reason)
{
    (void)env;
    if (strcmp(in->mime, "application/encrypted") == 0) {
        dk_fail(reason, "encrypted document: it needs a password");
        return EXTRACT_ENCRYPTED;
    }
    doc_kind kind = kind_of(in);
    struct archive *a = archive_read_new();
    archive_read_support_format_zip(a);
    GHashTable *parts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_bytes_unref);
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
        if (is_part(name)) {
            GBytes *part = read_part(a, name, &total, reason);
            if (part == NULL)
                st = EXTRACT_FAILED;
            else
                g_hash_table_insert(parts, g_strdup(name), part);
        } else if (is_media(name) && !archive_entry_is_data_encrypted(e)) {
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
    if (st == EXTRACT_DONE && odf_encrypted(parts)) {
        dk_fail(reason, "encrypted document: it needs a password");
        st = EXTRACT_ENCRYPTED;
    }
    if (st == EXTRACT_DONE) {
        bool odf = kind == KIND_ODT || kind == KIND_ODS || kind == KIND_ODP;
        st = core_meta(g_hash_table_lookup(parts, odf ? "meta.xml" : "docProps/core.xml"), sink,
                       reason);
    }
    walk_state s = {
        .out = g_string_new(NULL),
        .pages = g_ptr_array_new_with_free_func(g_free),
        .shared = g_ptr_array_new_with_free_func(g_free),
        .value = g_string_new(NULL),
    };
    if (st == EXTRACT_DONE)
        build_pages(kind, parts, &s);
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
    g_hash_table_destroy(parts);
    return st;
}

const extractor extractor_office = {
    .name = "office",
    .bid = office_bid,
    .run = office_run,
};
