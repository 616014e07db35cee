/*
 * result_json.c - an item's result as JSON: DATA/items/ab/<sha>.result.json.gz
 * (see record.h).
 *
 * The "derived" objects (per page and per item) belong to the derive step;
 * they are carried through load and save untouched, so that this module need
 * not change whenever derived data grows a field. A record is checked as it
 * is read: a status or a page source that dokaz never writes means the file
 * is damaged or not ours, and is refused with a message naming it.
 *
 * A record is saved through a stream, member by member and element by
 * element, in the layout item_result_json gives it: an archive's 100,000
 * members (from the member spool) never make a JSON tree or a string.
 *
 * Functions: rec_child_json, rec_skip_json, item_result_json, item_result_save,
 * item_result_write, item_result_write_spooled, item_result_load, item_result_version,
 * rec_parse_page, rec_parse_head.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/fsutil.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* page_json - {"number","text","source","confidence"[,"blank"][,"derived"]} */
static json_object *page_json(const item_page *p)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "number", json_object_new_int(p->number));
    json_object_object_add(o, "text", json_object_new_string(p->text ? p->text : ""));
    json_object_object_add(o, "source", json_object_new_string(item_source_name(p->source)));
    json_object_object_add(o, "confidence",
                           p->confidence >= 0 ? json_object_new_double(p->confidence) : NULL);
    if (p->blank)
        json_object_object_add(o, "blank", json_object_new_boolean(1));
    if (p->derived != NULL)
        json_object_object_add(o, "derived", json_object_get(p->derived));
    return o;
}

/* rec_child_json - one stored member */
json_object *rec_child_json(const char *sha256, const char *member, uint64_t size)
{
    json_object *c = json_object_new_object();
    rec_add_string(c, "sha256", sha256);
    rec_add_string(c, "member", member);
    json_object_object_add(c, "size", json_object_new_int64((int64_t)size));
    return c;
}

/* rec_skip_json - one member not stored */
json_object *rec_skip_json(const char *member, const char *reason)
{
    json_object *s = json_object_new_object();
    rec_add_string(s, "member", member);
    rec_add_string(s, "reason", reason);
    return s;
}

/* item_result_json - the record as it is saved; "version" comes first, which
 * saved_version relies on. write_record writes the same members in the same
 * order: a change here is a change there. */
json_object *item_result_json(const item_result *r)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "version", json_object_new_int(RECORD_VERSION));
    rec_add_string(o, "sha256", r->sha256);
    rec_add_string(o, "mime", r->mime);
    rec_add_string(o, "status", item_status_name(r->status));
    rec_add_string(o, "reason", r->reason);
    json_object *pages = json_object_new_array(), *children = json_object_new_array();
    for (size_t i = 0; i < r->npages; i++)
        json_object_array_add(pages, page_json(&r->pages[i]));
    for (size_t i = 0; i < r->nchildren; i++)
        json_object_array_add(children, rec_child_json(r->children[i].sha256, r->children[i].member,
                                                       r->children[i].size));
    json_object_object_add(o, "pages", pages);
    json_object_object_add(o, "children", children);
    if (r->nmeta > 0) {
        json_object *meta = json_object_new_object();
        for (size_t i = 0; i < r->nmeta; i++)
            rec_add_string(meta, r->meta[i].name, r->meta[i].value);
        json_object_object_add(o, "meta", meta);
    }
    if (r->nskipped > 0) {
        json_object *skipped = json_object_new_array();
        for (size_t i = 0; i < r->nskipped; i++)
            json_object_array_add(skipped,
                                  rec_skip_json(r->skipped[i].member, r->skipped[i].reason));
        json_object_object_add(o, "skipped", skipped);
    }
    if (r->derived != NULL)
        json_object_object_add(o, "derived", json_object_get(r->derived));
    return o;
}

/* put - `value` as json-c writes it into a plain record, then put; NULL is null */
static void put(FILE *f, const char *before, json_object *value)
{
    fputs(before, f);
    fputs(value ? json_object_to_json_string_ext(value, JSON_C_TO_STRING_PLAIN) : "null", f);
    json_object_put(value);
}

/* put_string - a string member, or null */
static void put_string(FILE *f, const char *before, const char *value)
{
    put(f, before, value ? json_object_new_string(value) : NULL);
}

/* write_record - item_result_json's record, member by member, element by
 * element, with the spool's lists after r's own; -1 with *err */
static int write_record(FILE *f, const item_result *r, item_member_spool *spool, char **err)
{
    fprintf(f, "{\"version\":%d", RECORD_VERSION);
    put_string(f, ",\"sha256\":", r->sha256);
    put_string(f, ",\"mime\":", r->mime);
    put_string(f, ",\"status\":", item_status_name(r->status));
    put_string(f, ",\"reason\":", r->reason);
    fputs(",\"pages\":[", f);
    for (size_t i = 0; i < r->npages; i++)
        put(f, i ? "," : "", page_json(&r->pages[i]));
    fputs("],\"children\":[", f);
    for (size_t i = 0; i < r->nchildren; i++)
        put(f, i ? "," : "",
            rec_child_json(r->children[i].sha256, r->children[i].member, r->children[i].size));
    bool any = r->nchildren > 0;
    if (spool != NULL && rec_spool_copy(spool, false, f, &any, err) != 0)
        return -1;
    fputs("]", f);
    if (r->nmeta > 0) {
        json_object *meta = json_object_new_object();
        for (size_t i = 0; i < r->nmeta; i++)
            rec_add_string(meta, r->meta[i].name, r->meta[i].value);
        put(f, ",\"meta\":", meta);
    }
    if (r->nskipped > 0 || rec_spool_has(spool, true)) {
        fputs(",\"skipped\":[", f);
        for (size_t i = 0; i < r->nskipped; i++)
            put(f, i ? "," : "", rec_skip_json(r->skipped[i].member, r->skipped[i].reason));
        any = r->nskipped > 0;
        if (spool != NULL && rec_spool_copy(spool, true, f, &any, err) != 0)
            return -1;
        fputs("]", f);
    }
    if (r->derived != NULL)
        put(f, ",\"derived\":", json_object_get(r->derived));
    fputs("}", f);
    return 0;
}

/* drop_uncompressed - the result.json an older dokaz saved, once the
 * compressed one stands in its place (a crash between the two leaves both:
 * the compressed one is read) */
static int drop_uncompressed(const char *data_dir, const char *sha256, char **err)
{
    char *old = item_file(data_dir, sha256, RECORD_RESULT_UNCOMPRESSED);
    int rc = unlink(old) == 0 || errno == ENOENT ? 0 : dk_fail_errno(err, "cannot remove %s", old);
    free(old);
    return rc;
}

/* save - replace result.json.gz, synced or not, writing it through a
 * compressing stream so that neither its JSON tree nor its text is ever
 * held whole */
static int save(const char *data_dir, const item_result *r, item_member_spool *spool, bool sync,
                char **err)
{
    assert(r->sha256 != NULL);
    char *tmp = NULL;
    char *path = item_file_made(data_dir, r->sha256, item_record_name(ITEM_RECORD_RESULT), 0755,
                                err);
    if (path == NULL)
        return -1;
    int fd = fs_replace_open(path, 0644, &tmp, err);
    if (fd < 0) {
        free(path);
        return -1;
    }
    int copy = dup(fd); /* the stream's own: fs_replace_close closes fd */
    FILE *f = copy >= 0 ? rec_gzip_writer(copy) : NULL;
    bool ok = f != NULL;
    if (!ok) {
        dk_fail_errno(err, "cannot write %s", tmp);
    } else {
        ok = write_record(f, r, spool, err) == 0;
        int failed = ferror(f);
        if ((fclose(f) != 0 || failed) && ok) {
            dk_fail_errno(err, "cannot write %s", tmp);
            ok = false;
        }
    }
    int rc = fs_replace_close(path, fd, tmp, ok, sync, err);
    if (rc == 0)
        rc = drop_uncompressed(data_dir, r->sha256, err);
    free(path);
    return rc;
}

/* item_result_save - atomic replace of result.json.gz, synced */
int item_result_save(const char *data_dir, const item_result *r, char **err)
{
    return save(data_dir, r, NULL, true, err);
}

/* item_result_write - atomic replace of result.json.gz, not synced */
int item_result_write(const char *data_dir, const item_result *r, char **err)
{
    return save(data_dir, r, NULL, false, err);
}

/* item_result_write_spooled - item_result_write with the spool's lists */
int item_result_write_spooled(const char *data_dir, const item_result *r, item_member_spool *spool,
                              char **err)
{
    return save(data_dir, r, spool, false, err);
}

/* member - o[key] when it has the type, else NULL */
static json_object *member(json_object *o, const char *key, json_type type)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || v == NULL || !json_object_is_type(v, type))
        return NULL;
    return v;
}

/* rec_parse_page - one element of "pages", checked; the page's text and
 * derived data stay p's */
int rec_parse_page(json_object *p, size_t index, item_page *page, const char *path, char **err)
{
    json_object *v = NULL;
    *page = (item_page){.confidence = -1};
    const char *source = rec_string(p, "source");
    if (json_object_object_get_ex(p, "number", &v))
        page->number = json_object_get_int(v);
    if (!json_object_is_type(p, json_type_object) || source == NULL ||
        item_source_parse(source, &page->source) != 0 || page->number < 0)
        return dk_fail(err, "%s: page %zu is not a page record (source '%s', number %d)", path,
                       index + 1, source ? source : "none", page->number);
    if (json_object_object_get_ex(p, "confidence", &v) && v != NULL)
        page->confidence = json_object_get_double(v);
    page->blank = json_object_object_get_ex(p, "blank", &v) && json_object_get_boolean(v);
    page->text = (char *)rec_string(p, "text");
    json_object_object_get_ex(p, "derived", &page->derived);
    return 0;
}

/* parse_children - "children": objects, or bare hashes in old records */
static void parse_children(item_result *r, json_object *children)
{
    for (size_t i = 0; children && i < json_object_array_length(children); i++) {
        json_object *c = json_object_array_get_idx(children, i), *size = NULL;
        if (json_object_is_type(c, json_type_string)) {
            item_result_add_child(r, json_object_get_string(c), NULL, 0);
            continue;
        }
        const char *sha = rec_string(c, "sha256");
        json_object_object_get_ex(c, "size", &size);
        if (sha != NULL)
            item_result_add_child(r, sha, rec_string(c, "member"),
                                  (uint64_t)json_object_get_int64(size));
    }
}

/* parse_meta - "meta": its string members, in order */
static void parse_meta(item_result *r, json_object *meta)
{
    if (meta == NULL)
        return;
    json_object_object_foreach(meta, key, value)
    {
        if (value && json_object_is_type(value, json_type_string))
            item_result_add_meta(r, key, json_object_get_string(value));
    }
}

/* parse_skipped - "skipped": the entries that name a member and a reason */
static void parse_skipped(item_result *r, json_object *skipped)
{
    for (size_t i = 0; skipped && i < json_object_array_length(skipped); i++) {
        json_object *s = json_object_array_get_idx(skipped, i);
        const char *member = rec_string(s, "member"), *reason = rec_string(s, "reason");
        if (member != NULL && reason != NULL)
            item_result_add_skipped(r, member, reason);
    }
}

/* rec_parse_head - the typed record of a result.json's members but "pages" */
item_result *rec_parse_head(json_object *o, const char *sha256, const char *path, char **err)
{
    item_status status;
    const char *word = rec_string(o, "status");
    json_object *version = member(o, "version", json_type_int), *derived = NULL;
    if (word == NULL || item_status_parse(word, &status) != 0) {
        dk_fail(err, "%s: unknown status '%s'", path, word ? word : "none");
        return NULL;
    }
    if (version != NULL &&
        (json_object_get_int(version) < 1 || json_object_get_int(version) > RECORD_VERSION)) {
        dk_fail(err, "%s: record version %d is not one this dokaz reads (1 to %d)", path,
                json_object_get_int(version), RECORD_VERSION);
        return NULL;
    }
    const char *sha = rec_string(o, "sha256");
    item_result *r = item_result_new(sha ? sha : sha256);
    r->version = version ? json_object_get_int(version) : 1;
    item_result_set_outcome(r, rec_string(o, "mime"), status, rec_string(o, "reason"));
    parse_children(r, member(o, "children", json_type_array));
    parse_meta(r, member(o, "meta", json_type_object));
    parse_skipped(r, member(o, "skipped", json_type_array));
    json_object_object_get_ex(o, "derived", &derived);
    r->derived = json_object_get(derived);
    return r;
}

/* item_result_load - the head and every page, read as item_result_open reads them */
item_result *item_result_load(const char *data_dir, const char *sha256, char **err)
{
    item_page_reader *pages = NULL;
    item_result *r = rec_open(data_dir, sha256, true, &pages, err);
    const item_page *page;
    int rc = 0;
    while (r != NULL && (rc = item_page_reader_next(pages, &page, err)) == 1) {
        item_page copy = *page;
        copy.derived = json_object_get(page->derived);
        item_result_add_page(r, &copy);
    }
    item_page_reader_free(pages);
    if (rc < 0) {
        item_result_free(r);
        return NULL;
    }
    return r;
}

/* saved_version - N when `path` starts as item_result_save writes it,
 * {"version":N, ; 0 when it does not; -1 when it cannot be opened (errno set) */
static int saved_version(const char *path)
{
    gzFile gz = gzopen(path, "rbe");
    if (gz == NULL)
        return -1;
    char head[32];
    int n = gzread(gz, head, sizeof head - 1);
    gzclose_r(gz);
    int version = 0;
    char after = '\0';
    if (n > 0) {
        head[n] = '\0';
        if (sscanf(head, "{\"version\":%d%c", &version, &after) != 2 || version < 1 ||
            (after != ',' && after != '}'))
            version = 0;
    }
    return version;
}

/* item_result_version - the first bytes of a saved record tell its version;
 * a record written otherwise (before records had versions, or by hand) is
 * loaded whole, which checks it too. So a start over many up-to-date records
 * reads a few bytes of each, and only the old ones are parsed. */
int item_result_version(const char *data_dir, const char *sha256, char **err)
{
    char *path = item_file(data_dir, sha256,
                           item_record_found(data_dir, sha256, ITEM_RECORD_RESULT));
    int version = saved_version(path);
    if (version < 0) {
        int missing = errno == ENOENT;
        if (!missing)
            dk_fail_errno(err, "cannot read %s", path);
        free(path);
        return missing ? 0 : -1;
    }
    free(path);
    if (version > 0)
        return version;
    item_result *r = item_result_load(data_dir, sha256, err);
    version = r ? r->version : -1;
    item_result_free(r);
    return version;
}
