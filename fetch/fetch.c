/*
 * fetch.c - where to read an item: DATA, or the cache of the shard that
 * holds it, filled from the shard's files (see fetch.h).
 *
 * The index says which shard holds the item (index_item_shard: a search
 * for its hash across the shards), unless a shard's cache has it already
 * (an item is named by its content: a shard that held it holds it);
 * shards.conf says where that shard's
 * files are (source.c). Records are fetched again when older than
 * FETCH_FRESH_S (a shard may process the item again); an original, named
 * by its content, once.
 *
 * Functions: fetch_item, fetch_held_here, fetch_place_clear.
 */
#include "fetch/fetch.h"
#include "fetch/fetch_private.h"
#include "index/index.h"
#include "ingest/evidence.h"
#include "record/record.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>

#define SHARDS_CONF "shards.conf" /* index/shards.h's IX_SHARDS_CONF, beside DATA/index */
#define SHARD_NAME_MAX 64
#define RECORD_MAX (256LL << 20) /* bytes of one record, at most */

/* fetch_held_here - its receptions or its original */
int fetch_held_here(const char *data_dir, const char *sha)
{
    char *stored = evidence_path(data_dir, sha);
    int yes = item_received(data_dir, sha) || fs_exists(stored);
    free(stored);
    return yes;
}

/* name_safe - a shard's name that is one plain folder name */
static int name_safe(const char *name)
{
    size_t n = strlen(name);
    return n > 0 && n <= SHARD_NAME_MAX && name[0] != '.' &&
           strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

/* fresh - the file was written less than FETCH_FRESH_S ago */
static int fresh(const char *path)
{
    GStatBuf st;
    return g_stat(path, &st) == 0 && time(NULL) - st.st_mtime < FETCH_FRESH_S;
}

/* where - the source in words, for messages (g_free) */
static char *where(const fetch_source *src)
{
    return src->kind == SOURCE_SSH ? g_strdup_printf("%s:%s", src->host, src->dir)
                                   : g_strdup(src->dir);
}

/* fetch_record - one record file of the item, by its name, where the
 * shard keeps it: beside the others, or in the item's folder (an item an
 * older dokaz recorded); 1 when the shard has none */
static int fetch_record(const fetch_source *src, const char *cache, const char *sha,
                        const char *name, char **err)
{
    char *to = item_file_made(cache, sha, name, 0700, err);
    if (to == NULL)
        return -1;
    char *flat = item_file_rel(sha, name, false), *folder = item_file_rel(sha, name, true);
    int rc = fetch_copy(src, flat, to, NULL, RECORD_MAX, err);
    if (rc == 1) /* an item an older dokaz recorded */
        rc = fetch_copy(src, folder, to, NULL, RECORD_MAX, err);
    if (rc == 1) /* not (or no longer) there: neither here */
        g_unlink(to);
    free(folder);
    free(flat);
    free(to);
    return rc;
}

/* fetch_log - the log that holds the item's receptions on a shard that
 * keeps them in logs, copied whole (a later copy holds all an earlier one
 * did); 1 when it has no line of the item */
static int fetch_log(const fetch_source *src, const char *cache, const char *sha, char **err)
{
    char *rel = item_reception_log_rel(sha);
    char *to = g_build_filename(cache, rel, NULL), *folder = g_path_get_dirname(to);
    int rc = fs_mkdirs(folder, 0700, err);
    if (rc == 0)
        rc = fetch_copy(src, rel, to, NULL, RECORD_MAX, err);
    if (rc == 0 && !item_received(cache, sha))
        rc = 1;
    g_free(folder);
    g_free(to);
    free(rel);
    return rc;
}

/* receptions_fresh - the cache holds the item's receptions, fetched less
 * than FETCH_FRESH_S ago */
static int receptions_fresh(const char *cache, const char *sha)
{
    if (!item_received(cache, sha))
        return 0;
    char *rel = item_record_rel(cache, sha, ITEM_RECORD_RECEPTIONS);
    char *path = g_build_filename(cache, rel, NULL);
    int yes = fresh(path);
    g_free(path);
    free(rel);
    return yes;
}

/* fetch_records - receptions (there are always some) and the result (once processed) */
static int fetch_records(const fetch_source *src, const char *cache, const char *sha, char **err)
{
    int rc = 0;
    if (!receptions_fresh(cache, sha)) {
        rc = fetch_record(src, cache, sha, item_record_name(ITEM_RECORD_RECEPTIONS), err);
        if (rc == 1)
            rc = fetch_log(src, cache, sha, err);
        if (rc == 1) {
            char *at = where(src);
            rc = dk_fail(err, "%s has no records of the item", at);
            g_free(at);
        }
        int result = rc == 0
                         ? fetch_record(src, cache, sha, item_record_name(ITEM_RECORD_RESULT), err)
                         : rc;
        if (result == 1) /* a shard whose dokaz saves results uncompressed */
            result = fetch_record(src, cache, sha, RECORD_RESULT_UNCOMPRESSED, err);
        if (result < 0)
            rc = -1;
    }
    return rc;
}

/* recorded_size - the original's size as its reception says: no more is
 * read from the shard (one that streams on cannot fill our disk); the hash
 * is checked either way */
static int64_t recorded_size(const char *cache, const char *sha)
{
    item_receptions *list = item_receptions_load(cache, sha, NULL);
    const item_reception *first = item_receptions_first(list);
    int64_t size = first != NULL && first->size > 0 && first->size <= INT64_MAX
                       ? (int64_t)first->size
                       : INT64_MAX; /* 0: a record that did not say */
    item_receptions_free(list);
    return size;
}

/* fetch_original - the original, once; its use noted (mtime) for the trim */
static int fetch_original(const fetch_source *src, const char *data_dir, const char *cache,
                          const char *sha, char **err)
{
    char *to = evidence_path(cache, sha), *member = evidence_path(".", sha);
    char *dir = g_path_get_dirname(to);
    int rc = 0;
    memmove(member, member + 2, strlen(member + 2) + 1); /* "./evidence/..." made relative */
    if (fs_exists(to)) {
        g_utime(to, NULL); /* now: a use, for the trim */
    } else if ((rc = fs_mkdirs(dir, 0700, err)) == 0 &&
               (rc = fetch_copy(src, member, to, sha, recorded_size(cache, sha), err)) == 1) {
        char *at = where(src);
        rc = dk_fail(err, "%s has no original of the item", at);
        g_free(at);
    }
    if (rc == 0) {
        char *root = g_build_filename(data_dir, FETCH_CACHE, NULL);
        fetch_trim(root, to, FETCH_CACHE_MAX);
        g_free(root);
    }
    g_free(dir);
    free(member);
    free(to);
    return rc;
}

/* from_shard - the shard's source, its records and the original into its cache */
static int from_shard(const char *data_dir, const char *conf, const char *shard, const char *sha,
                      fetch_what what, fetch_place *out, char **err)
{
    if (!name_safe(shard))
        return dk_fail(err, "shard %s: its name cannot name a folder (letters, digits, _ . -)",
                       shard);
    fetch_source src;
    char *why = NULL;
    int rc = fetch_source_find(conf, shard, &src, &why);
    char *cache = g_build_filename(data_dir, FETCH_CACHE, shard, NULL);
    if (rc == 0 && src.kind == SOURCE_NONE)
        rc = dk_fail(&why,
                     "%s does not say where its files are (a line \"files %s = local DIR\" or "
                     "\"files %s = ssh HOST DATA\")",
                     conf, shard, shard);
    if (rc == 0)
        rc = fetch_records(&src, cache, sha, &why);
    if (rc == 0 && what == FETCH_ORIGINAL)
        rc = fetch_original(&src, data_dir, cache, sha, &why);
    if (rc == 0) {
        out->data_dir = xstrdup(cache);
        out->shard = xstrdup(shard);
    } else {
        dk_fail(err, "shard %s: %s", shard, why ? why : "cannot read its files");
    }
    free(why);
    g_free(cache);
    fetch_source_clear(&src);
    return rc;
}

/* cached_shard - the shard whose cache holds the item's records already
 * (malloc'd), or NULL: asking the index again costs opening every shard */
static char *cached_shard(const char *data_dir, const char *sha)
{
    char *root = g_build_filename(data_dir, FETCH_CACHE, NULL), *found = NULL;
    GDir *d = g_dir_open(root, 0, NULL);
    const char *name;
    while (d != NULL && found == NULL && (name = g_dir_read_name(d)) != NULL) {
        char *shard_dir = g_build_filename(root, name, NULL);
        if (name_safe(name) && item_received(shard_dir, sha))
            found = xstrdup(name);
        g_free(shard_dir);
    }
    if (d)
        g_dir_close(d);
    g_free(root);
    return found;
}

/* fetch_item - here, else on the shard the index names */
int fetch_item(const char *data_dir, const char *sha256, fetch_what what, fetch_place *out,
               char **err)
{
    *out = (fetch_place){0};
    if (!evidence_is_sha256(sha256))
        return dk_fail(err, "'%s' is not a SHA-256", sha256);
    char *conf = g_build_filename(data_dir, SHARDS_CONF, NULL);
    if (fetch_held_here(data_dir, sha256) || !fs_exists(conf)) {
        out->data_dir = xstrdup(data_dir);
        g_free(conf);
        return 0;
    }
    char *index = g_build_filename(data_dir, "index", NULL), *why = NULL;
    char *shard = cached_shard(data_dir, sha256);
    int rc = shard != NULL ? 1 : index_item_shard(index, sha256, NULL, &shard, &why);
    if (rc < 0)
        dk_fail(err, "the item may be on a shard that did not answer: %s", why ? why : "?");
    else if (rc == 0 || shard == NULL)
        out->data_dir = xstrdup(data_dir);
    else
        rc = from_shard(data_dir, conf, shard, sha256, what, out, err);
    free(why);
    free(shard);
    g_free(index);
    g_free(conf);
    return rc < 0 ? -1 : 0;
}

/* fetch_place_clear - both strings */
void fetch_place_clear(fetch_place *p)
{
    free(p->data_dir);
    free(p->shard);
    *p = (fetch_place){0};
}
