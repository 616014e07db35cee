/*
 * page_status.c - the status page and /api/status: what is queued, being
 * processed, done and failed (with reasons), how fast pages are read, and
 * the last verification; for a user limited to collections, only their items.
 *
 * Functions: page_status.
 */
#include "web/web_private.h"
#include "custody/custody.h"
#include "report/report.h"
#include "ingest/collection.h"
#include "ingest/queue.h"

#include <stdlib.h>

/* keep_visible - drop the items outside the collections (their strings are
 * malloc'd, report.h); how many are left */
static size_t keep_visible(queue_items *items, const char *data_dir, const char *const *granted)
{
    size_t kept = 0;
    for (size_t i = 0; i < items->n; i++) {
        queue_item *it = &items->list[i];
        if (collection_member_of(data_dir, it->sha256, granted)) {
            items->list[kept++] = *it;
            continue;
        }
        free(it->sha256);
        free(it->name);
        free(it->path);
        free(it->mime);
        free(it->reason);
    }
    items->n = kept;
    return kept;
}

/* count_visible - the items of a queue state inside the collections */
static size_t count_visible(const char *data_dir, queue_state state, const char *const *granted)
{
    char **shas = NULL;
    size_t n = 0, in = 0;
    if (queue_list(data_dir, state, &shas, &n, NULL) != 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        in += (size_t)collection_member_of(data_dir, shas[i], granted);
    queue_list_free(shas, n);
    return in;
}

/* limit_to - the report as a user of these collections sees it: their items
 * and counts (found by each item's receptions: a queued item is not indexed
 * yet; the summary keeps no counts per collection, so done is counted from
 * the queue, and the other counts are those of the items listed); the pace
 * of the whole service stays, it names no item */
static void limit_to(queue_report *q, const char *data_dir, const char *const *granted)
{
    q->failed = keep_visible(&q->failed_items, data_dir, granted);
    q->unsupported = keep_visible(&q->unsupported_items, data_dir, granted);
    q->processing = keep_visible(&q->processing_items, data_dir, granted);
    q->encrypted = keep_visible(&q->encrypted_items, data_dir, granted);
    q->low_confidence = keep_visible(&q->low_confidence_items, data_dir, granted);
    q->queued = count_visible(data_dir, QUEUE_INCOMING, granted);
    q->done = count_visible(data_dir, QUEUE_DONE, granted);
}

/* item_list - a table of items with their reasons */
static void item_list(GString *b, const queue_items *items, size_t total, const char *key,
                      const char *title, int reasons)
{
    size_t n = items->n;
    g_string_append_printf(b, "<section id=\"%s\"><h2>%s (%zu)</h2>", key, title, total);
    if (n == 0) {
        g_string_append(b, "<p class=\"none\">none</p></section>");
        return;
    }
    g_string_append(b, "<table class=\"items\"><tr><th>name</th><th>type</th>");
    if (reasons)
        g_string_append(b, "<th>reason</th>");
    g_string_append(b, "</tr>");
    for (size_t i = 0; i < n; i++) {
        const queue_item *it = &items->list[i];
        const char *sha = it->sha256, *name = it->name;
        g_string_append(b, "<tr><td><a href=\"/item/");
        html_url(b, sha);
        g_string_append(b, "\">");
        html_text(b, name ? name : sha);
        g_string_append(b, "</a>");
        html_wrap(b, "<br><small><code>", it->path, "</code></small></td>");
        html_wrap(b, "<td>", it->mime, "</td>");
        if (reasons)
            html_wrap(b, "<td class=\"reason\">", it->reason, "</td>");
        g_string_append(b, "</tr>");
    }
    g_string_append(b, "</table>");
    if (total > n)
        g_string_append_printf(b, "<p class=\"more\">and %zu more</p>", total - n);
    g_string_append(b, "</section>");
}

/* page_status - queue_report_load as a page or as JSON */
void page_status(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    char *err = NULL;
    queue_report *q = queue_report_load(cfg->data_dir, false, &err);
    if (q == NULL) {
        web_error(resp, 500, json, "cannot read the queue: %s", err ? err : "unknown error");
        free(err);
        return;
    }
    const char *const *granted = web_user_collections(req->user);
    if (granted != NULL)
        limit_to(q, cfg->data_dir, granted);
    json_object *last = custody_last_verified(cfg->data_dir, NULL);
    if (json) {
        json_object *o = report_status_json(q);
        json_object_object_add(o, "last_verification", last);
        web_json(resp, o);
        queue_report_free(q);
        return;
    }
    GString *b = html_begin("Status", "Status");
    g_string_append(b, "<h1>Status</h1>");
    if (q->condition) /* paused (a full disk), an inbox gone, folders not watched */
        html_wrap(b, "<p class=\"error condition\" role=\"alert\">Service: ", q->condition, "</p>");
    if (q->nothing_received)
        html_wrap(b, "<p class=\"note nothing\">", REPORT_NOTHING_RECEIVED, "</p>");
    g_string_append(b, "<dl class=\"counts\">");
    for (int i = 0; i < QUEUE_REPORT_NCOUNTS; i++) {
        const char *name = NULL;
        size_t n = queue_report_count(q, i, &name);
        g_string_append_printf(b, "<div class=\"count %s\"><dt>%s</dt><dd>%zu</dd></div>", name,
                               name, n);
    }
    g_string_append_printf(b,
                           "<div class=\"count rate\"><dt>pages per minute</dt><dd>%.1f</dd>"
                           "</div></dl><p class=\"note\">%ld pages made searchable in the "
                           "last 10 minutes.</p>",
                           q->pages_per_minute, q->pages_last_10min);
    g_string_append_printf(b, "<p class=\"note\">%llu pages searchable.</p>", q->pages);
    if (q->scanned)
        html_wrap(b, "<p class=\"note\">Counted from every record: ", q->scanned, "</p>");
    verified_html(b, last);
    json_object_put(last);
    item_list(b, &q->processing_items, q->processing, "processing_items", "Being processed", 0);
    item_list(b, &q->failed_items, q->failed, "failed_items", "Failed", 1);
    item_list(b, &q->low_confidence_items, q->low_confidence, "low_confidence_items",
              "Read with low OCR confidence (check the scans)", 1);
    item_list(b, &q->encrypted_items, q->encrypted, "encrypted_items",
              "Encrypted (stored, need a password to be read)", 0);
    item_list(b, &q->unsupported_items, q->unsupported, "unsupported_items",
              "Stored, type not readable (searchable by name)", 0);
    html_finish(b, resp);
    queue_report_free(q);
}
