/*
 * export.c - `dokaz export`: a self-contained package of items for handing
 * over, and the "exported" lines that record it (see custody.h).
 *
 * Each item brings its original (byte for byte, hashed while copied), its
 * derived working copies (page texts, searchable PDF), and its custody
 * record as JSON and text; the package is then sealed (manifest, README,
 * SHA256SUMS), signed and zipped when asked, and every item gets an
 * "exported" line binding the package's SHA256SUMS hash. Names in
 * manifest.json (name, receptions, parent chain) are in the one safe form of
 * common/text.h, as in the audit log and everywhere else, so the manifest is
 * valid UTF-8 JSON; the original's own bytes are in originals/.
 *
 * Functions: custody_export, custody_export_result_free.
 */
#include "export_private.h"
#include "ingest/audit.h"
#include "ingest/evidence.h"
#include "ocr/ocr.h"
#include "record/record.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/text.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* How deep a parent chain is followed (archives in e-mails in archives…). */
enum { MAX_CHAIN = 32 };

/* safe_reception - a reception's JSON with its names in the safe form */
static json_object *safe_reception(const item_reception *r)
{
    char *path = r->path ? text_safe(r->path) : NULL, *name = r->name ? text_safe(r->name) : NULL;
    char *member = r->member ? text_safe(r->member) : NULL;
    item_reception safe = *r;
    safe.path = path;
    safe.name = name;
    safe.member = member;
    json_object *o = item_reception_json(&safe);
    free(path);
    free(name);
    free(member);
    return o;
}

/* parent_chain - where the item came out of: [{sha256, member, name}], innermost first */
static json_object *parent_chain(const char *data_dir, const char *sha256)
{
    json_object *chain = json_object_new_array();
    char *at = xstrdup(sha256);
    for (int depth = 0; depth < MAX_CHAIN; depth++) {
        item_receptions *rs = item_receptions_load(data_dir, at, NULL);
        const item_reception *first = item_receptions_first(rs);
        free(at);
        at = first && first->parent ? xstrdup(first->parent) : NULL;
        if (at != NULL) {
            json_object *o = json_object_new_object();
            json_object_object_add(o, "sha256", json_object_new_string(at));
            json_object_object_add(o, "member", text_safe_json(first->member));
            json_object_array_add(chain, o);
        }
        item_receptions_free(rs);
        if (at == NULL)
            break;
    }
    free(at);
    return chain;
}

/* add_derived - each page's text, and the searchable PDF if one was made */
static int add_derived(pkg *p, const char *data_dir, const char *sha, const char *base,
                       const item_result *r, json_object *files, char **err)
{
    for (size_t i = 0; r && i < r->npages; i++) {
        char *rel = xasprintf("derived/%s.page-%03d.%s.txt", base, r->pages[i].number,
                              item_source_name(r->pages[i].source));
        int rc = pkg_write(p, rel, r->pages[i].text, strlen(r->pages[i].text), "derived", sha, err);
        json_object_array_add(files, json_object_new_string(rel));
        free(rel);
        if (rc != 0)
            return -1;
    }
    char *pdf = ocr_searchable_pdf(data_dir, sha);
    int rc = 0;
    if (pdf != NULL) {
        char *rel = xasprintf("derived/%s.searchable.pdf", base);
        rc = pkg_copy(p, pdf, rel, "derived", sha, err);
        json_object_array_add(files, json_object_new_string(rel));
        free(rel);
    }
    free(pdf);
    return rc;
}

/* add_custody - the custody record as JSON and as text */
static int add_custody(pkg *p, const char *data_dir, const char *sha, json_object *files,
                       char **err)
{
    json_object *events = custody_events(data_dir, sha, err);
    if (events == NULL)
        return -1;
    pkg_valid_utf8(events);
    const char *text = json_object_to_json_string_ext(events, JSON_C_TO_STRING_PRETTY |
                                                                  JSON_C_TO_STRING_NOSLASHESCAPE);
    char *rel = xasprintf("custody/%.12s.json", sha);
    int rc = pkg_write(p, rel, text, strlen(text), "custody", sha, err);
    json_object_array_add(files, json_object_new_string(rel));
    free(rel);
    GString *lines = g_string_new(NULL);
    g_string_append_printf(lines, "Chain of custody of %s\n\n", sha);
    json_object *list = json_object_object_get(events, "events");
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        char *line = custody_event_line(json_object_array_get_idx(list, i));
        g_string_append_printf(lines, "%s\n", line);
        free(line);
    }
    rel = xasprintf("custody/%.12s.txt", sha);
    if (rc == 0)
        rc = pkg_write(p, rel, lines->str, lines->len, "custody", sha, err);
    json_object_array_add(files, json_object_new_string(rel));
    free(rel);
    g_string_free(lines, TRUE);
    json_object_put(events);
    return rc;
}

/* add_item - one item's files and its manifest object */
static json_object *add_item(pkg *p, const char *data_dir, const char *sha, char **err)
{
    char *from = evidence_path(data_dir, sha);
    item_receptions *rs = item_receptions_load(data_dir, sha, NULL);
    const item_reception *first = item_receptions_first(rs);
    item_result *r = item_result_load(data_dir, sha, NULL);
    char *safe = pkg_safe_name(first ? first->name : NULL);
    char *base = xasprintf("%.12s_%s", sha, safe);
    char *rel = xasprintf("originals/%s", base);
    json_object *o = json_object_new_object(), *files = json_object_new_array();
    int rc = pkg_copy(p, from, rel, "original", sha, err);
    if (rc == 0 && strcmp(pkg_last(p)->sha256, sha) != 0)
        rc = dk_fail(err, "%s does not match its hash: the original was altered; not exported",
                     from);
    json_object_object_add(o, "sha256", json_object_new_string(sha));
    json_object_object_add(o, "name", text_safe_json(first ? first->name : NULL));
    json_object_object_add(o, "original", json_object_new_string(rel));
    json_object_object_add(o, "size",
                           json_object_new_int64(rc == 0 ? (int64_t)pkg_last(p)->size : 0));
    json_object_object_add(o, "mime", r && r->mime ? json_object_new_string(r->mime) : NULL);
    json_object_object_add(o, "status",
                           r ? json_object_new_string(item_status_name(r->status)) : NULL);
    json_object *receptions = json_object_new_array();
    for (size_t i = 0; rs && i < rs->n; i++)
        json_object_array_add(receptions, safe_reception(&rs->list[i]));
    json_object_object_add(o, "receptions", receptions);
    json_object_object_add(o, "parent_chain", parent_chain(data_dir, sha));
    json_object_array_add(files, json_object_new_string(rel));
    if (rc == 0)
        rc = add_derived(p, data_dir, sha, base, r, files, err);
    if (rc == 0)
        rc = add_custody(p, data_dir, sha, files, err);
    json_object_object_add(o, "files", files);
    free(rel);
    free(base);
    free(safe);
    item_result_free(r);
    item_receptions_free(rs);
    free(from);
    if (rc != 0) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

/* record_export - one "exported" line per item */
static int record_export(const char *data_dir, const custody_export_opts *o, const pkg *p,
                         const char *sums, char **err)
{
    for (size_t i = 0; i < o->nshas; i++) {
        audit_event ev = {.kind = AUDIT_EXPORTED,
                          .sha256 = o->shas[i],
                          .path = p->dir,
                          .record_sha256 = sums,
                          .user = o->user};
        if (audit_append_event(data_dir, &ev, err) != 0)
            return -1;
    }
    return 0;
}

/* custody_export - items, seal, sign, zip, record */
int custody_export(const char *data_dir, const custody_export_opts *o, custody_export_result *out,
                   char **err)
{
    *out = (custody_export_result){0};
    char head[65];
    if (o->nshas == 0)
        return dk_fail(err, "nothing to export: no items given or found");
    if (audit_head(data_dir, head, err) != 0)
        return -1;
    pkg *p = pkg_new(o->out_dir, err);
    if (p == NULL)
        return -1;
    json_object *items = json_object_new_array();
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < o->nshas; i++) {
        json_object *item = add_item(p, data_dir, o->shas[i], err);
        if (item == NULL)
            rc = -1;
        else
            json_object_array_add(items, item);
    }
    if (rc == 0 && o->selection != NULL)
        rc = pkg_write(p, "selection.json", o->selection, strlen(o->selection), "package", NULL,
                       err);
    if (rc == 0) {
        out->files = p->files->len;
        rc = pkg_seal(p, items, head, out->sums_sha256, err);
    } else {
        json_object_put(items);
    }
    if (rc == 0 && o->sign_key)
        rc = pkg_sign(p, o->sign_key, err);
    if (rc == 0 && o->zip)
        rc = pkg_zip(p, &out->zip_path, err);
    if (rc == 0)
        rc = record_export(data_dir, o, p, out->sums_sha256, err);
    out->items = o->nshas;
    out->dir = xstrdup(p->dir);
    pkg_free(p);
    return rc;
}

/* custody_export_result_free - its strings */
void custody_export_result_free(custody_export_result *r)
{
    free(r->dir);
    free(r->zip_path);
    *r = (custody_export_result){0};
}
