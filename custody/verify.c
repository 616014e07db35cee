/*
 * verify.c - `dokaz verify`: one run of every check, its summary line, and
 * the "verified" event it leaves in the audit log (see custody.h); the last
 * one is read back by last_verified.c.
 *
 * The checks run in the order that makes their facts available to the next:
 * the audit log first (what should exist), then the evidence store, the
 * queue, the item records and the index against it.
 *
 * Functions: vf_problem, vf_item_free, vf_report_unlisted, custody_verify,
 * custody_verify_line, custody_verify_record.
 */
#include "custody_private.h"
#include "ingest/audit.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* vf_problem - format the message and hand it to the caller's callback */
void vf_problem(vf_state *v, const char *sha256, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    custody_problem p = {sha256, file, what};
    v->sum->problems++;
    if (v->opts->problem)
        v->opts->problem(&p, v->opts->ctx);
    g_free(what);
}

/* vf_item_free - an item's facts */
void vf_item_free(gpointer data)
{
    vf_item *it = data;
    g_free(it->reception_bound);
    g_free(it->result_bound);
    g_free(it);
}

/* custody_verify - the checks in order, timed */
int custody_verify(const char *data_dir, const custody_verify_opts *opts,
                   custody_verify_summary *out, char **err)
{
    *out = (custody_verify_summary){0};
    vf_state v = {
        .data_dir = data_dir,
        .opts = opts,
        .sum = out,
        .items = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, vf_item_free),
        .line_hashes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        .stored = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        .queued = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        .running = vf_service_running(data_dir),
    };
    gint64 start = g_get_monotonic_time();
    vf_index_snapshot(&v);
    int rc = vf_snapshot(&v, err);
    if (rc == 0)
        rc = vf_queue_snapshot(&v, err);
    if (rc == 0)
        rc = vf_audit(&v, err);
    if (rc == 0) {
        vf_evidence(&v);
        vf_queue(&v);
        vf_records(&v);
        vf_index(&v);
        vf_tokens(&v);
        vf_rehash(&v); /* the long part last, after the quick checks have spoken */
    }
    out->seconds = (double)(g_get_monotonic_time() - start) / 1e6;
    g_hash_table_destroy(v.items);
    g_hash_table_destroy(v.line_hashes);
    g_hash_table_destroy(v.stored);
    g_hash_table_destroy(v.queued);
    vf_originals_free(v.originals);
    return rc;
}

/* vf_report_unlisted - items of the log missing from `listed`, looked for again */
void vf_report_unlisted(vf_state *v, GHashTable *listed,
                        bool (*still_there)(vf_state *v, const char *sha256), const char *what)
{
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, v->items);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        if (((vf_item *)value)->received > 0 && !g_hash_table_contains(listed, key) &&
            !still_there(v, key)) {
            char *rel = xasprintf("evidence/%.2s/%s", (char *)key, (char *)key);
            vf_problem(v, key, rel, "%s", what);
            free(rel);
        }
    }
}

/* custody_verify_line - counts, speed, verdict */
char *custody_verify_line(const custody_verify_summary *s)
{
    double mb = (double)s->bytes / 1e6;
    char speed[48] = ""; /* too few bytes say nothing about the speed */
    if (s->bytes >= 10000000u)
        snprintf(speed, sizeof speed, ", %.0f s/GB", s->seconds / ((double)s->bytes / 1e9));
    char verdict[64];
    if (s->problems == 0)
        snprintf(verdict, sizeof verdict, "no problems");
    else
        snprintf(verdict, sizeof verdict, "%zu problem%s", s->problems,
                 s->problems == 1 ? "" : "s");
    return xasprintf("verified %zu originals (%zu re-hashed, %.1f MB, %.1f s%s), "
                     "%zu audit lines, %zu indexed items, %zu time-stamp tokens: %s",
                     s->originals, s->rehashed, mb, s->seconds, speed, s->audit_lines,
                     s->index_items, s->tokens, verdict);
}

/* custody_verify_record - a "verified" line carrying the summary */
int custody_verify_record(const char *data_dir, const custody_verify_summary *s, char **err)
{
    char *line = custody_verify_line(s);
    audit_event ev = {
        .kind = AUDIT_VERIFIED,
        .size = s->bytes,
        .problems = s->problems,
        .head = s->head,
        .reason = line,
    };
    int rc = audit_append_event(data_dir, &ev, err);
    free(line);
    return rc;
}
