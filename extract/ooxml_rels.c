/*
 * ooxml_rels.c - how the parts of an Office Open XML package point to each
 * other: a part's relationships ("xl/worksheets/_rels/sheet1.xml.rels" for
 * "xl/worksheets/sheet1.xml"), each an Id, a Type and a Target relative to
 * the part's folder. Through them office.c finds a slide's speaker's notes, a
 * sheet's comments, and a workbook's sheets in the order and under the names
 * its user sees (PowerPoint numbers notes in the order they were made, and a
 * workbook's sheet parts need not be numbered in tab order).
 *
 * Functions: extract_ooxml_related, extract_ooxml_sheets.
 */
#include "extract/extract_private.h"

#include <glib.h>
#include <libxml/tree.h>
#include <string.h>

/* resolve - the part name a Target names, seen from the part `from`
 * ("xl/worksheets/sheet1.xml" + "../comments1.xml" -> "xl/comments1.xml";
 * "/xl/comments1.xml" is from the package's root), g_free */
static char *resolve(const char *from, const char *target)
{
    char *dir = target[0] == '/' ? g_strdup("") : g_path_get_dirname(from);
    char *joined = g_strconcat(strcmp(dir, ".") == 0 ? "" : dir, "/", target, NULL);
    gchar **segments = g_strsplit(joined, "/", -1);
    GPtrArray *kept = g_ptr_array_new();
    for (gchar **s = segments; *s != NULL; s++) {
        if (strcmp(*s, "..") == 0) {
            if (kept->len > 0)
                g_ptr_array_remove_index(kept, kept->len - 1);
        } else if (**s != '\0' && strcmp(*s, ".") != 0) {
            g_ptr_array_add(kept, *s);
        }
    }
    g_ptr_array_add(kept, NULL);
    char *name = g_strjoinv("/", (gchar **)kept->pdata);
    g_ptr_array_free(kept, TRUE);
    g_strfreev(segments);
    g_free(joined);
    g_free(dir);
    return name;
}

/* relationships - the parsed relationships part of `part`, or NULL */
static xmlDoc *relationships(GHashTable *parts, const char *part)
{
    char *dir = g_path_get_dirname(part), *base = g_path_get_basename(part);
    char *name = strcmp(dir, ".") == 0 ? g_strdup_printf("_rels/%s.rels", base)
                                       : g_strdup_printf("%s/_rels/%s.rels", dir, base);
    xmlDoc *rels = extract_xml_parse(g_hash_table_lookup(parts, name));
    g_free(name);
    g_free(base);
    g_free(dir);
    return rels;
}

/* attribute_is - whether n's attribute `name` ends with `suffix` (equals
 * it when whole) */
static bool attribute_is(xmlNode *n, const char *name, const char *suffix, bool whole)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    bool yes = v != NULL && (whole ? strcmp((const char *)v, suffix) == 0
                                   : g_str_has_suffix((const char *)v, suffix));
    xmlFree(v);
    return yes;
}

/* related - the part named by the first of rels' relationships whose Type
 * ends with type_suffix (NULL: any) and whose Id is id (NULL: any), seen
 * from `from`; NULL when there is none (g_free) */
static char *related(xmlDoc *rels, const char *from, const char *type_suffix, const char *id)
{
    xmlNode *root = rels ? xmlDocGetRootElement(rels) : NULL;
    for (xmlNode *r = root ? root->children : NULL; r != NULL; r = r->next) {
        if (r->type != XML_ELEMENT_NODE || strcmp((const char *)r->name, "Relationship") != 0 ||
            (type_suffix && !attribute_is(r, "Type", type_suffix, false)) ||
            (id && !attribute_is(r, "Id", id, true)) ||
            attribute_is(r, "TargetMode", "External", true))
            continue;
        xmlChar *target = xmlGetProp(r, BAD_CAST "Target");
        char *name = target && *target ? resolve(from, (const char *)target) : NULL;
        xmlFree(target);
        if (name != NULL)
            return name;
    }
    return NULL;
}

/* extract_ooxml_related - (extract_private.h) */
char *extract_ooxml_related(GHashTable *parts, const char *part, const char *type_suffix)
{
    xmlDoc *rels = relationships(parts, part);
    char *name = related(rels, part, type_suffix, NULL);
    xmlFreeDoc(rels);
    return name;
}

/* extract_ooxml_sheets - (extract_private.h) */
GPtrArray *extract_ooxml_sheets(GHashTable *parts)
{
    static const char book[] = "xl/workbook.xml";
    GPtrArray *sheets = g_ptr_array_new_with_free_func(g_free);
    xmlDoc *doc = extract_xml_parse(g_hash_table_lookup(parts, book));
    xmlDoc *rels = doc ? relationships(parts, book) : NULL;
    xmlNode *list = doc ? extract_xml_find(xmlDocGetRootElement(doc), "sheets", 0) : NULL;
    GHashTable *taken = g_hash_table_new(g_str_hash, g_str_equal); /* each part once */
    for (xmlNode *n = list ? list->children : NULL; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "sheet") != 0)
            continue;
        xmlChar *id = NULL;
        for (xmlAttr *a = n->properties; a != NULL && id == NULL; a = a->next)
            if (strcmp((const char *)a->name, "id") == 0 && a->ns != NULL) /* r:id */
                id = xmlNodeGetContent((xmlNode *)a);
        char *part = id ? related(rels, book, "/worksheet", (const char *)id) : NULL;
        xmlFree(id);
        if (part == NULL || !g_hash_table_contains(parts, part) ||
            g_hash_table_contains(taken, part)) {
            g_free(part);
            continue;
        }
        xmlChar *name = xmlGetProp(n, BAD_CAST "name");
        g_ptr_array_add(sheets, part);
        g_ptr_array_add(sheets, g_strdup(name ? (const char *)name : ""));
        g_hash_table_add(taken, part);
        xmlFree(name);
    }
    g_hash_table_destroy(taken);
    xmlFreeDoc(rels);
    xmlFreeDoc(doc);
    return sheets;
}
