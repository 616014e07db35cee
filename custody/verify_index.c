/*
 * verify_index.c - the index against the queue and the records: whole
 * (Xapian's own check of every table), every processed item in it with
 * every page, no document of an unknown item, and the audit head it
 * anchors still in the log (see custody_private.h).
 *
 * Functions: vf_index_snapshot, vf_index.
 */
#include "custody_private.h"
#include "index/index.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char index_rel[] = "index";

/* note_item - index_each_item callback: remember each item's page count */
static int note_item(const char *sha256, unsigned long pages, void *ctx)
{
    g_hash_table_insert(ctx, g_strdup(sha256), GSIZE_TO_POINTER((gsize)pages));
    return 0;
}

/* check_item - a processed item is in the index with every page */
static void check_item(vf_state *v, const char *sha, GHashTable *indexed)
{
    char *why = NULL;
    item_result *r = item_result_load(v->data_dir, sha, &why);
    free(why);
    if (r == NULL)
        return; /* its record is missing or broken: vf_records said so */
    gsize want = r->npages > 0 ? r->npages : 1;
    gpointer pages = NULL;
    if (!g_hash_table_lookup_extended(indexed, sha, NULL, &pages))
        vf_problem(v, sha, index_rel, "%s, but not in the index: it cannot be found",
                   item_status_name(r->status));
    else if (GPOINTER_TO_SIZE(pages) != want)
        vf_problem(v, sha, index_rel, "the index has %zu of its pages, its result has %zu",
                   (size_t)GPOINTER_TO_SIZE(pages), (size_t)want);
    item_result_free(r);
}

/* vf_index_snapshot - index_anchor, quietly: vf_index reports an unreadable index */
void vf_index_snapshot(vf_state *v)
{
    char *dir = fs_join(v->data_dir, index_rel);
    if (index_anchor(dir, v->anchor, NULL) != 0)
        v->anchor[0] = '\0';
    free(dir);
}

/* check_anchor - the head the index was committed with must be a line of the log */
static void check_anchor(vf_state *v)
{
    if (v->anchor[0] != '\0' && !g_hash_table_contains(v->line_hashes, v->anchor))
        vf_problem(v, NULL, "audit.log",
                   "the index was committed when the log's head was %.16s…, a line the log "
                   "no longer has: the log was truncated or rewritten",
                   v->anchor);
}

/* vf_index - check, inventory, compare both ways, anchor */
void vf_index(vf_state *v)
{
    char *dir = fs_join(v->data_dir, index_rel), *why = NULL;
    GHashTable *indexed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int absent = 0;
    if (index_each_item(dir, note_item, indexed, &absent, &why) != 0) {
        vf_problem(v, NULL, index_rel, "cannot be read: %s", why);
    } else if (!absent && index_check(dir, !v->running, &why) != 0) {
        vf_problem(v, NULL, index_rel, "%s", why);
    } else {
        v->sum->index_items = g_hash_table_size(indexed);
        GHashTableIter it;
        gpointer key, value;
        g_hash_table_iter_init(&it, v->queued);
        while (g_hash_table_iter_next(&it, &key, &value)) {
            int state = GPOINTER_TO_INT(value) - 1;
            if (state == QUEUE_DONE || state == QUEUE_FAILED)
                check_item(v, key, indexed);
        }
        g_hash_table_iter_init(&it, indexed);
        while (g_hash_table_iter_next(&it, &key, &value))
            if (!g_hash_table_contains(v->items, key))
                vf_problem(v, key, index_rel, "indexed, but the audit log has no such item");
        check_anchor(v);
    }
    free(why);
    g_hash_table_destroy(indexed);
    free(dir);
}
