/*
 * inventory.c - what the index holds, for `dokaz verify`: its items with
 * their page counts, its own consistency, and the audit head it anchors;
 * and its compaction, for `dokaz index compact` (see index.h).
 *
 * Functions: index_each_item, index_check, index_compact, index_anchor.
 */
#include "index/index.h"
#include "index/schema.h"
#include "index/xapian/xapian_c.h"
#include "common/error.h"

#include <stdlib.h>
#include <string.h>

/* open_reader - the database, or NULL: *absent when there is none (not an
 * error), else a failure with *err */
static xc_db *open_reader(const char *dir, int *absent, char **err)
{
    char *why = NULL;
    xc_db *db = xc_db_open(dir, absent, &why);
    if (db == NULL && !*absent)
        dk_fail(err, "%s", why);
    free(why);
    return db;
}

typedef struct {
    xc_db *db;
    index_item_fn fn;
    void *ctx;
    char **err;
    int failed;
} item_walk;

/* item_term - xc_db_each_term callback: strip the prefix, pass the item on
 * with its pages: each document counts each of its pages in the term's
 * within-document frequency (schema.h), a page document of an older index
 * none, being its one page */
static int item_term(const char *term, unsigned long docs, void *ctx)
{
    item_walk *w = ctx;
    unsigned long pages = 0;
    if (xc_db_collection_freq(w->db, term, &pages, w->err) < 0)
        return w->failed = 1;
    return w->fn(term + strlen(IX_PREFIX_ITEM), pages > 0 ? pages : docs, w->ctx);
}

/* index_each_item - the XS<sha> terms and their pages */
int index_each_item(const char *dir, index_item_fn fn, void *ctx, int *absent, char **err)
{
    int none = 0;
    xc_db *db = open_reader(dir, &none, err);
    if (absent)
        *absent = none;
    if (db == NULL)
        return none ? 0 : -1;
    item_walk w = {db, fn, ctx, err, 0};
    int rc = xc_db_each_term(db, IX_PREFIX_ITEM, item_term, &w, err);
    xc_db_close(db);
    return w.failed ? -1 : rc;
}

/* index_check - the wrapper's check */
int index_check(const char *dir, int full, char **err)
{
    return xc_db_check(dir, full, err);
}

/* index_compact - the wrapper's compaction */
int index_compact(const char *dir, const char *out, char **err)
{
    return xc_db_compact(dir, out, err);
}

/* index_anchor - read the metadata key */
int index_anchor(const char *dir, char head[65], char **err)
{
    int none = 0;
    head[0] = '\0';
    xc_db *db = open_reader(dir, &none, err);
    if (db == NULL)
        return none ? 0 : -1;
    char *value = xc_db_get_metadata(db, IX_META_ANCHOR, err);
    xc_db_close(db);
    if (value == NULL)
        return -1;
    if (strlen(value) == 64)
        memcpy(head, value, 65);
    free(value);
    return 0;
}
