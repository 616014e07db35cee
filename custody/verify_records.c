/*
 * verify_records.c - each item's receptions and result.json.gz against the
 * hashes the audit log bound them with, and the result record readable
 * (see custody_private.h).
 *
 * Lines written before the log bound records carry no hash: such a record
 * is only checked for being there and readable.
 *
 * Functions: vf_records.
 */
#include "custody_private.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* check_bound - one record file against the hash its last line bound; a
 * mismatch goes to `later` (when not NULL) instead of being reported */
static void check_bound(vf_state *v, const char *sha, item_record_file which, const char *bound,
                        bool required, GPtrArray *later)
{
    char hex[65], *why = NULL;
    char *rel = item_record_rel(v->data_dir, sha, which);
    int rc = item_record_sha256(v->data_dir, sha, which, hex, &why);
    bool differs = rc == 0 && bound != NULL && strcmp(hex, bound) != 0;
    if (rc < 0)
        vf_problem(v, sha, rel, "%s", why);
    else if (rc == 1 && (required || bound != NULL))
        vf_problem(v, sha, rel, "missing: the item is recorded but this record is gone");
    else if (differs && later != NULL)
        g_ptr_array_add(later, g_strdup(sha));
    else if (differs)
        vf_problem(v, sha, rel, "hash is %s, the audit log bound %s: the record was changed", hex,
                   bound);
    free(why);
    free(rel);
}

/* check_result - a result record that is there must read as one */
static void check_result(vf_state *v, const char *sha)
{
    char *why = NULL;
    if (item_result_version(v->data_dir, sha, &why) == 0)
        return; /* none: check_bound says whether one is missing */
    free(why);
    why = NULL;
    item_result *r = item_result_load(v->data_dir, sha, &why);
    if (r == NULL) {
        char *rel = item_record_rel(v->data_dir, sha, ITEM_RECORD_RESULT);
        vf_problem(v, sha, rel, "not a result record: %s", why);
        free(rel);
    }
    item_result_free(r);
    free(why);
}

/* vf_records - every item the log knows; a reception record that does not
 * match is looked at again after the log is read once more (a reception may
 * have been added meanwhile) */
void vf_records(vf_state *v)
{
    GPtrArray *later = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, v->items);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const char *sha = key;
        vf_item *item = value;
        if (item->received == 0)
            continue;
        int state = GPOINTER_TO_INT(g_hash_table_lookup(v->queued, sha)) - 1;
        bool finished = state == QUEUE_DONE || state == QUEUE_FAILED;
        check_bound(v, sha, ITEM_RECORD_RECEPTIONS, item->reception_bound, true, later);
        check_bound(v, sha, ITEM_RECORD_RESULT, finished ? item->result_bound : NULL, finished,
                    NULL);
        check_result(v, sha);
    }
    if (later->len > 0)
        vf_audit_again(v);
    for (guint i = 0; i < later->len; i++) {
        const char *sha = g_ptr_array_index(later, i);
        vf_item *item = g_hash_table_lookup(v->items, sha);
        check_bound(v, sha, ITEM_RECORD_RECEPTIONS, item ? item->reception_bound : NULL, true,
                    NULL);
    }
    g_ptr_array_free(later, TRUE);
}
