/*
 * epub.c - e-books (EPUB 2 and 3): (X)HTML chapters inside a zip, read in
 * the order the package document's spine gives.
 *
 * Pages: one for each chapter of the spine that holds text, as the HTML
 * extractor reads it (markup.c); a chapter that is empty or only a picture
 * gives none. A book whose spine cannot be read gives its (X)HTML parts in
 * name order. Title, author, dates and subject come from the package's
 * Dublin Core metadata; images stored in the book become children, so a book
 * of scanned pages is OCRed. The parts are read whole, at most
 * EXTRACT_ZIP_PARTS_MAX bytes together, and XML is parsed without network
 * access or entity substitution. A book whose chapters are encrypted (DRM:
 * META-INF/encryption.xml names one) is EXTRACT_ENCRYPTED; encrypted fonts
 * (font obfuscation) do not matter.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#define EPUB_MIME "application/epub+zip"
#define EPUB_CONTAINER "META-INF/container.xml"
#define EPUB_ENCRYPTION "META-INF/encryption.xml"
#define EPUB_HEAD 128 /* the first member, "mimetype", lies within these bytes */

/* ends_with - name ends in one of the suffixes (ASCII case ignored) */
static bool ends_with(const char *name, const char *const *suffixes, size_t n)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(suffixes[i]);
        if (len >= k && g_ascii_strcasecmp(name + len - k, suffixes[i]) == 0)
            return true;
    }
    return false;
}

/* is_chapter - a name an (X)HTML chapter may have */
static bool is_chapter(const char *name)
{
    static const char *const kinds[] = {".xhtml", ".html", ".htm", ".xht"};
    return ends_with(name, kinds, sizeof kinds / sizeof kinds[0]);
}

/* is_part - the parts read: container, package, encryption list, chapters */
static bool is_part(const char *name)
{
    static const char *const kinds[] = {".opf", ".xml"};
    return is_chapter(name) || ends_with(name, kinds, sizeof kinds / sizeof kinds[0]);
}

/* is_media - an image stored in the book */
static bool is_media(const char *name)
{
    static const char *const kinds[] = {".jpg", ".jpeg", ".png",  ".gif",
                                        ".tif", ".tiff", ".webp", ".bmp"};
    return ends_with(name, kinds, sizeof kinds / sizeof kinds[0]);
}

/* epub_bid - libmagic's type, which it gives when the zip starts with the
 * "mimetype" member that says so at the offset the format fixes; or a zip
 * (or unknown bytes starting as one) whose first member is that one, stored,
 * after header fields of another length. A zip that only holds an EPUB's
 * parts further in stays the archive extractor's: every member is kept. */
static int epub_bid(const extract_input *in)
{
    if (in->mime == NULL)
        return 0;
    if (strcmp(in->mime, EPUB_MIME) == 0)
        return 60;
    size_t head = MIN(in->size, EPUB_HEAD);
    bool zip = (strcmp(in->mime, "application/zip") == 0 ||
                strcmp(in->mime, "application/octet-stream") == 0) &&
               head > 4 && memcmp(in->data, "PK\x03\x04", 4) == 0;
    return zip && memmem(in->data, head, "mimetype", 8) != NULL &&
                   memmem(in->data, head, EPUB_MIME, strlen(EPUB_MIME)) != NULL
               ? 60
               : 0;
}

/* parse - the part called name as an XML tree, NULL when there is none */
static xmlDoc *parse(GHashTable *parts, const char *name)
{
    return extract_xml_parse(name != NULL ? g_hash_table_lookup(parts, name) : NULL);
}

/* prop - an attribute's value (g_free), NULL when absent */
static char *prop(xmlNode *n, const char *name)
{
    xmlChar *v = n != NULL ? xmlGetProp(n, BAD_CAST name) : NULL;
    char *copy = v != NULL ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return copy;
}

/* resolve - href (percent-encoded, maybe with a #fragment) relative to the
 * folder `base` of the zip ("" for its root), as a member name (g_free) */
static char *resolve(const char *base, const char *href)
{
    char *path = g_strndup(href, strcspn(href, "#"));
    char *plain = g_uri_unescape_string(path, NULL);
    char *joined = g_build_filename("/", base, plain != NULL ? plain : path, NULL);
    char *canonical = g_canonicalize_filename(joined, "/");
    char *name = g_strdup(canonical + 1);
    g_free(path);
    g_free(plain);
    g_free(joined);
    g_free(canonical);
    return name;
}

/* package_path - the package document's member name, from the container (g_free) */
static char *package_path(GHashTable *parts)
{
    xmlDoc *doc = parse(parts, EPUB_CONTAINER);
    char *path = prop(extract_xml_find(doc ? xmlDocGetRootElement(doc) : NULL, "rootfile", 0),
                      "full-path");
    xmlFreeDoc(doc);
    return path;
}

/* spine - the member names of the chapters in reading order */
static GPtrArray *spine(GHashTable *parts, const char *package)
{
    GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
    xmlDoc *doc = parse(parts, package);
    xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    xmlNode *manifest = extract_xml_find(root, "manifest", 0),
            *reading = extract_xml_find(root, "spine", 0);
    char *base = package != NULL ? g_path_get_dirname(package) : g_strdup(".");
    GHashTable *hrefs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (xmlNode *i = manifest != NULL ? manifest->children : NULL; i != NULL; i = i->next) {
        char *id = i->type == XML_ELEMENT_NODE ? prop(i, "id") : NULL;
        char *href = id != NULL ? prop(i, "href") : NULL;
        if (href != NULL)
            g_hash_table_replace(hrefs, id, resolve(strcmp(base, ".") == 0 ? "" : base, href));
        else
            g_free(id);
        g_free(href);
    }
    for (xmlNode *r = reading != NULL ? reading->children : NULL; r != NULL; r = r->next) {
        char *idref = r->type == XML_ELEMENT_NODE ? prop(r, "idref") : NULL;
        const char *name = idref != NULL ? g_hash_table_lookup(hrefs, idref) : NULL;
        if (name != NULL)
            g_ptr_array_add(order, g_strdup(name));
        g_free(idref);
    }
    g_hash_table_destroy(hrefs);
    g_free(base);
    xmlFreeDoc(doc);
    return order;
}

/* name_compare - g_ptr_array_sort's order of member names */
static gint name_compare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* by_name - every (X)HTML part, in name order: a book whose spine is lost */
static GPtrArray *by_name(GHashTable *parts)
{
    GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, parts);
    while (g_hash_table_iter_next(&it, &key, NULL))
        if (is_chapter(key))
            g_ptr_array_add(order, g_strdup(key));
    g_ptr_array_sort(order, name_compare);
    return order;
}

/* locked - EXTRACT_ENCRYPTED (with *reason) when META-INF/encryption.xml
 * lists a chapter of `order` as encrypted, else EXTRACT_DONE */
static extract_status locked(GHashTable *parts, const GPtrArray *order, char **reason)
{
    GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    xmlDoc *doc = parse(parts, EPUB_ENCRYPTION);
    xmlNode *n = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    for (xmlNode *d = n != NULL ? n->children : NULL; d != NULL; d = d->next) {
        /* within this entry only: find goes on to the siblings of where it starts */
        xmlNode *ref = d->type == XML_ELEMENT_NODE
                           ? extract_xml_find(d->children, "CipherReference", 0)
                           : NULL;
        char *uri = prop(ref, "URI");
        if (uri != NULL)
            g_hash_table_add(names, resolve("", uri));
        g_free(uri);
    }
    xmlFreeDoc(doc);
    guint shut = 0;
    for (guint i = 0; i < order->len; i++)
        shut += g_hash_table_contains(names, g_ptr_array_index(order, i));
    g_hash_table_destroy(names);
    if (shut == 0)
        return EXTRACT_DONE;
    dk_fail(reason, "encrypted e-book (DRM): %u of its %u chapters cannot be read", shut,
            order->len);
    return EXTRACT_ENCRYPTED;
}

/* chapter_pages - the text of each chapter in order that has any, to the sink */
static extract_status chapter_pages(GHashTable *parts, GPtrArray *order, extract_sink *sink,
                                    bool *too_deep, char **reason)
{
    extract_status st = EXTRACT_DONE;
    int number = 0;
    for (guint i = 0; st == EXTRACT_DONE && i < order->len; i++) {
        GBytes *part = g_hash_table_lookup(parts, g_ptr_array_index(order, i));
        gsize len = 0;
        const char *data = part != NULL ? g_bytes_get_data(part, &len) : NULL;
        if (data == NULL)
            continue;
        bool deep = false;
        char *text = extract_html_text(data, len, NULL, NULL, NULL, &deep);
        *too_deep = *too_deep || deep;
        if (*g_strstrip(text) != '\0') {
            extract_page page = {++number, text, PAGE_SOURCE_PLAIN, -1.0};
            st = extract_emit(sink, &page, reason);
        }
        g_free(text);
    }
    return st;
}

/* epub_run - one pass over the zip, then the chapters in reading order */
static extract_status epub_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                               char **reason)
{
    (void)env;
    GHashTable *parts = NULL;
    extract_status st = extract_zip_parts(in, is_part, is_media, sink, &parts, reason);
    if (st != EXTRACT_DONE) {
        g_hash_table_destroy(parts);
        return st;
    }
    char *package = package_path(parts);
    GPtrArray *order = spine(parts, package);
    if (order->len == 0) {
        g_ptr_array_free(order, TRUE);
        order = by_name(parts);
    }
    st = locked(parts, order, reason);
    if (st == EXTRACT_DONE)
        st = extract_dc_meta(package != NULL ? g_hash_table_lookup(parts, package) : NULL, sink,
                             reason);
    bool too_deep = false;
    if (st == EXTRACT_DONE)
        st = chapter_pages(parts, order, sink, &too_deep, reason);
    if (st == EXTRACT_DONE && too_deep)
        st = extract_emit_too_deep(sink, reason);
    g_ptr_array_free(order, TRUE);
    g_free(package);
    g_hash_table_destroy(parts);
    return st;
}

const extractor extractor_epub = {
    .name = "epub",
    .bid = epub_bid,
    .run = epub_run,
};
