/*
 * trim.c - the shards' cache kept bounded: when the fetched originals
 * under DATA/cache/shards hold more than the bound, the least recently used
 * go (fetch.c notes a use in the original's mtime), each with its records
 * and its page images (the web's DATA/cache/web/ab/<sha>/ inside the
 * shard's folder, which serves as that shard's data directory).
 *
 * Functions: fetch_trim.
 */
#include "fetch/fetch_private.h"
#include "ingest/evidence.h"
#include "record/record.h"
#include "common/fsutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

/* One original in the cache. */
typedef struct {
    char *shard_dir, *sha; /* g_free */
    long long size;
    gint64 used;
} cached;

/* by_use - oldest use first */
static gint by_use(gconstpointer a, gconstpointer b)
{
    const cached *x = a, *y = b;
    return x->used < y->used ? -1 : x->used > y->used;
}

/* add_folder - the originals of one evidence/ab folder into list; their bytes */
static long long add_folder(GArray *list, const char *shard_dir, const char *ab)
{
    char *folder = g_build_filename(shard_dir, "evidence", ab, NULL);
    GDir *d = g_dir_open(folder, 0, NULL);
    const char *name;
    long long total = 0;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        char *path = g_build_filename(folder, name, NULL);
        GStatBuf st;
        if (evidence_is_sha256(name) && g_stat(path, &st) == 0) {
            cached c = {g_strdup(shard_dir), g_strdup(name), (long long)st.st_size,
                        (gint64)st.st_mtime};
            g_array_append_val(list, c);
            total += c.size;
        }
        g_free(path);
    }
    if (d)
        g_dir_close(d);
    g_free(folder);
    return total;
}

/* add_shard - every original of one shard's folder */
static long long add_shard(GArray *list, const char *shard_dir)
{
    char *evidence = g_build_filename(shard_dir, "evidence", NULL);
    GDir *d = g_dir_open(evidence, 0, NULL);
    const char *ab;
    long long total = 0;
    while (d != NULL && (ab = g_dir_read_name(d)) != NULL)
        total += add_folder(list, shard_dir, ab);
    if (d)
        g_dir_close(d);
    g_free(evidence);
    return total;
}

/* drop_records - the records fetch.c copies, and the item's folder if it
 * has one */
static void drop_records(const cached *c)
{
    const char *const names[] = {item_record_name(ITEM_RECORD_RECEPTIONS),
                                 item_record_name(ITEM_RECORD_RESULT), RECORD_RESULT_UNCOMPRESSED};
    if (item_in_folder(c->shard_dir, c->sha)) {
        char *folder = item_files_dir(c->shard_dir, c->sha);
        fs_remove_tree(folder);
        free(folder);
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *path = item_file(c->shard_dir, c->sha, names[i]);
        g_unlink(path);
        free(path);
    }
}

/* drop - an original, its records and its page images */
static void drop(const cached *c)
{
    char *original = evidence_path(c->shard_dir, c->sha);
    char *images = g_strdup_printf("%s/cache/web/%.2s/%s", c->shard_dir, c->sha, c->sha);
    g_unlink(original);
    drop_records(c);
    fs_remove_tree(images);
    g_free(images);
    free(original);
}

/* fetch_trim - list, sort by use, drop the oldest while over max */
void fetch_trim(const char *root, const char *keep, long long max)
{
    GArray *list = g_array_new(FALSE, TRUE, sizeof(cached));
    GDir *d = g_dir_open(root, 0, NULL);
    const char *name;
    long long total = 0;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        char *shard_dir = g_build_filename(root, name, NULL);
        total += add_shard(list, shard_dir);
        g_free(shard_dir);
    }
    if (d)
        g_dir_close(d);
    g_array_sort(list, by_use);
    for (guint i = 0; i < list->len; i++) {
        cached *c = &g_array_index(list, cached, i);
        char *path = evidence_path(c->shard_dir, c->sha);
        if (total > max && strcmp(path, keep) != 0) {
            drop(c);
            total -= c->size;
        }
        free(path);
        g_free(c->shard_dir);
        g_free(c->sha);
    }
    g_array_free(list, TRUE);
}
