/*
 * last_verified.c - the last "verified" event of the audit log, for `dokaz
 * status` and the status page (see custody.h).
 *
 * The log is walked back from its end to the offset where the last walk
 * ended, which DATA/cache/verified.json keeps with what that walk found: a
 * status call costs the lines written since, not the log's size (192 MB at
 * a million items). The cache is derived and may be deleted; a log shorter
 * than its offset is not the one it was taken from, and is walked whole.
 *
 * Functions: custody_last_verified.
 */
#include "custody/custody.h"
#include "ingest/audit.h"
#include "common/error.h"
#include "common/fsutil.h"

#include <assert.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* {"log_bytes":N,"last":{…}|null}: the last verification in the log's first N bytes */
#define VERIFIED_CACHE "cache/verified.json"
#define VERIFIED_CACHE_MIN ((off_t)1 << 20) /* bytes walked that are worth keeping the walk */

/* keep_verified - audit_each_backward callback (the walk asks only for
 * "verified" events): the first met, which is the last written, and stop */
static int keep_verified(const audit_event *e, void *ctx)
{
    json_object **last = ctx;
    assert(e->kind == AUDIT_VERIFIED);
    json_object *o = json_object_new_object();
    json_object_object_add(o, "time", json_object_new_string(e->time));
    json_object_object_add(o, "problems", json_object_new_int64((int64_t)e->problems));
    json_object_object_add(o, "bytes", json_object_new_int64((int64_t)e->size));
    json_object_object_add(o, "head", e->head ? json_object_new_string(e->head) : NULL);
    json_object_object_add(o, "summary", e->reason ? json_object_new_string(e->reason) : NULL);
    *last = o;
    return 1;
}

/* cached - the cache's offset (0: no cache) and, into *last, its last
 * verification (a new reference, or NULL when there was none) */
static off_t cached(const char *path, json_object **last)
{
    *last = NULL;
    json_object *c = json_object_from_file(path), *bytes = NULL, *l = NULL;
    off_t since = 0;
    if (c != NULL && json_object_object_get_ex(c, "log_bytes", &bytes) &&
        json_object_is_type(bytes, json_type_int) && json_object_get_int64(bytes) > 0 &&
        json_object_object_get_ex(c, "last", &l) &&
        (l == NULL || json_object_is_type(l, json_type_object))) {
        since = (off_t)json_object_get_int64(bytes);
        *last = json_object_get(l);
    }
    json_object_put(c);
    return since;
}

/* keep - replace the cache with the walk to `upto`; a failure only costs
 * the next call the walk again (a reader may not write here), so it is let go */
static void keep(const char *data_dir, const char *path, off_t upto, json_object *last)
{
    json_object *c = json_object_new_object();
    json_object_object_add(c, "log_bytes", json_object_new_int64((int64_t)upto));
    json_object_object_add(c, "last", json_object_get(last));
    const char *text = json_object_to_json_string_ext(c, JSON_C_TO_STRING_PLAIN);
    char *dir = fs_join(data_dir, "cache"), *why = NULL;
    if (fs_mkdirs(dir, 0755, &why) == 0)
        (void)fs_write_replace(path, text, strlen(text), &why);
    free(why);
    free(dir);
    json_object_put(c);
}

/* custody_last_verified - the cached last verification, or a newer one
 * written since */
json_object *custody_last_verified(const char *data_dir, char **err)
{
    char *path = fs_join(data_dir, VERIFIED_CACHE), *why = NULL;
    json_object *last = NULL, *newer = NULL;
    const audit_kind only = AUDIT_VERIFIED;
    off_t since = cached(path, &last), upto = 0;
    int rc = audit_each_backward(data_dir, &only, since, &upto, keep_verified, &newer, &why);
    if (rc != 0 && since > 0) { /* not the log the cache was taken from */
        free(why);
        why = NULL;
        json_object_put(last);
        last = NULL;
        since = 0;
        rc = audit_each_backward(data_dir, &only, 0, &upto, keep_verified, &newer, &why);
    }
    if (rc == 0 && newer != NULL) {
        json_object_put(last);
        last = newer;
    }
    if (rc == 0 && upto - since >= VERIFIED_CACHE_MIN)
        keep(data_dir, path, upto, last);
    if (rc != 0) {
        dk_fail(err, "%s", why);
        json_object_put(last);
        last = NULL;
    }
    free(why);
    free(path);
    return last;
}
