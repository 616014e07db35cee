/*
 * page_status.c - the status page and /api/status: what is queued, being
 * processed, done and failed (with reasons), and how fast pages are read.
 *
 * Functions: page_status.
 */
#include "web/web_private.h"
#include "report/report.h"

#include <stdlib.h>

/* count - an integer member */
static long long count(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) ? (long long)json_object_get_int64(v) : 0;
}

/* item_list - a table of items with their reasons */
static void item_list(GString *b, json_object *o, const char *key, const char *title, int reasons)
{
    json_object *list = NULL;
    json_object_object_get_ex(o, key, &list);
    size_t n = web_array_len(list);
    g_string_append_printf(b, "<section id=\"%s\"><h2>%s (%zu)</h2>", key, title, n);
    if (n == 0) {
        g_string_append(b, "<p class=\"none\">none</p></section>");
        return;
    }
    g_string_append(b, "<table class=\"items\"><tr><th>name</th><th>type</th>");
    if (reasons)
        g_string_append(b, "<th>reason</th>");
    g_string_append(b, "</tr>");
    for (size_t i = 0; i < n; i++) {
        json_object *it = json_object_array_get_idx(list, i);
        const char *sha = report_string(it, "sha256"), *name = report_string(it, "name");
        g_string_append(b, "<tr><td><a href=\"/item/");
        html_url(b, sha);
        g_string_append(b, "\">");
        html_text(b, name ? name : sha);
        g_string_append(b, "</a>");
        html_wrap(b, "<br><small><code>", report_string(it, "path"), "</code></small></td>");
        html_wrap(b, "<td>", report_string(it, "mime"), "</td>");
        if (reasons)
            html_wrap(b, "<td class=\"reason\">", report_string(it, "reason"), "</td>");
        g_string_append(b, "</tr>");
    }
    g_string_append(b, "</table></section>");
}

/* page_status - report_status as a page or as JSON */
void page_status(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    (void)req;
    char *err = NULL;
    json_object *o = report_status(cfg->data_dir, &err);
    if (o == NULL) {
        web_error(resp, 500, json, "cannot read the queue: %s", err ? err : "unknown error");
        free(err);
        return;
    }
    if (json) {
        web_json(resp, o);
        return;
    }
    GString *b = html_begin("Status", "Status");
    g_string_append(b, "<h1>Status</h1><dl class=\"counts\">");
    static const char *const keys[] = {"queued",      "processing", "done",
                                       "unsupported", "encrypted",  "failed"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        g_string_append_printf(b, "<div class=\"count %s\"><dt>%s</dt><dd>%lld</dd></div>", keys[i],
                               keys[i], count(o, keys[i]));
    json_object *rate = NULL;
    json_object_object_get_ex(o, "pages_per_minute", &rate);
    g_string_append_printf(b,
                           "<div class=\"count rate\"><dt>pages per minute</dt><dd>%.1f</dd>"
                           "</div></dl><p class=\"note\">%lld pages made searchable in the "
                           "last 10 minutes.</p>",
                           json_object_get_double(rate), count(o, "pages_last_10min"));
    item_list(b, o, "processing_items", "Being processed", 0);
    item_list(b, o, "failed_items", "Failed", 1);
    item_list(b, o, "low_confidence_items", "Read with low OCR confidence (check the scans)", 1);
    item_list(b, o, "encrypted_items", "Encrypted (stored, need a password to be read)", 0);
    item_list(b, o, "unsupported_items", "Stored, type not readable (searchable by name)", 0);
    html_finish(b, resp);
    json_object_put(o);
}
