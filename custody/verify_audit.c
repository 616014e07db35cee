/*
 * verify_audit.c - the audit log end to end: every link of the chain, and
 * what each item's lines say should exist (see custody_private.h).
 *
 * A broken link is reported and the walk goes on from the line as it is, so
 * one edited, deleted or inserted line is one problem, not one per line
 * after it.
 *
 * Functions: vf_audit, vf_audit_again.
 */
#include "custody_private.h"
#include "ingest/audit.h"

#include <string.h>

/* item_of - the facts of an item, made on first sight */
static vf_item *item_of(GHashTable *items, const char *sha256)
{
    vf_item *it = g_hash_table_lookup(items, sha256);
    if (it == NULL) {
        it = g_new0(vf_item, 1);
        g_hash_table_insert(items, g_strdup(sha256), it);
    }
    return it;
}

/* note_event - what a line says about its item (an audit_each callback too) */
static int note_event(const audit_event *e, void *items)
{
    if (e->sha256 == NULL)
        return 0;
    if (e->kind == AUDIT_RECEIVED) {
        vf_item *it = item_of(items, e->sha256);
        if (it->received++ == 0)
            it->size = e->size;
        g_free(it->reception_bound);
        it->reception_bound = g_strdup(e->record_sha256);
    } else if (e->kind == AUDIT_PROCESSED || e->kind == AUDIT_FAILED) {
        vf_item *it = item_of(items, e->sha256);
        it->outcome = true;
        g_free(it->result_bound);
        it->result_bound = g_strdup(e->record_sha256);
    }
    return 0;
}

/* check_line - audit_walk callback: the link, the event, the hash kept */
static int check_line(const audit_line *line, void *ctx)
{
    vf_state *v = ctx;
    if (line->prev == NULL)
        vf_problem(v, NULL, "audit.log", "line %zu is not a chained audit line", line->number);
    else if (strcmp(line->prev, line->expected) != 0)
        vf_problem(v, NULL, "audit.log",
                   "chain broken at line %zu: it links to %.16s…, but the line before it "
                   "hashes to %.16s… (a line was edited, deleted or inserted there, or lines "
                   "were reordered)",
                   line->number, line->prev, line->expected);
    else if (line->event == NULL)
        vf_problem(v, NULL, "audit.log", "line %zu is chained but holds no event dokaz knows",
                   line->number);
    if (line->event)
        note_event(line->event, v->items);
    g_hash_table_insert(v->line_hashes, g_strdup(line->hash), GSIZE_TO_POINTER(line->number));
    v->sum->audit_lines = line->number;
    memcpy(v->sum->head, line->hash, 65);
    return 0;
}

/* vf_audit - walk the log; an empty or missing log has the genesis head */
int vf_audit(vf_state *v, char **err)
{
    memset(v->sum->head, '0', 64);
    v->sum->head[64] = '\0';
    return audit_walk(v->data_dir, check_line, v, err);
}

/* vf_audit_again - the events into a fresh table that replaces the first */
void vf_audit_again(vf_state *v)
{
    if (v->read_again)
        return;
    v->read_again = true;
    GHashTable *items = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, vf_item_free);
    if (audit_each(v->data_dir, note_event, items, NULL, NULL) != 0) {
        g_hash_table_destroy(items);
        return;
    }
    g_hash_table_destroy(v->items);
    v->items = items;
}
