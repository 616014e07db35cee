/*
 * page_batch.c - batch search: a list of names or queries (typed, or a text
 * file uploaded), one search per line, the results per line; as a page, as
 * JSON (/api/batch: output_batch_json) or as CSV (format=csv: output_batch_csv,
 * one row per hit, for a spreadsheet).
 *
 * The index does the work (index_batch_search): blank lines and lines
 * starting with '#' are skipped, a line that fails records why and the others
 * still run. We bound the work: at most MAX_LINES lines, and at most MAX_HITS
 * hits in all (a long list gets fewer hits per line; each line's total still
 * says how many there are), so that one request cannot fill the server's
 * memory, and at most cfg->batch_time_s seconds: the lines done by then are
 * answered, marked "truncated: time limit" (OUTPUT_TRUNCATED_TIME) in the
 * page, the JSON and the CSV; the router lets each user run one batch at a
 * time, and few at once.
 *
 * Functions: page_batch.
 */
#include "web/web_private.h"
#include "index/index.h"
#include "output/output.h"
#include "report/report.h"
#include "common/fsutil.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_LINES = 500, HITS_PER_LINE = 5, MAX_HITS = 1000, MAX_LIMIT = 100 };

/* batch_form - the list box, the upload, and the two ways to get results */
static void batch_form(GString *b, const web_request *req, const char *lines)
{
    g_string_append(b, "<form class=\"batch\" action=\"/batch\" method=\"post\" "
                       "enctype=\"multipart/form-data\">");
    if (req->user && req->user->csrf[0])
        g_string_append_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                               req->user->csrf);
    g_string_append(b, "<label for=\"names\">One name or query "
                       "per line</label><textarea name=\"names\" id=\"names\" rows=\"8\">");
    html_text(b, lines);
    g_string_append(b, "</textarea><label for=\"file\">or a text file with one per line"
                       "</label><input type=\"file\" name=\"file\" id=\"file\" "
                       "accept=\".txt,.csv,text/plain\"><div class=\"buttons\">"
                       "<button type=\"submit\">Search every line</button> "
                       "<button type=\"submit\" name=\"format\" value=\"csv\" "
                       "formaction=\"/api/batch\">Download the results as CSV</button>"
                       "</div></form>");
}

/* line_html - one table row: the line, the count, the best hits */
static void line_html(GString *b, const index_batch_line *line)
{
    g_string_append(b, "<tr class=\"line\"><td>");
    html_text(b, line->query);
    g_string_append(b, "</td>");
    if (line->error || line->results == NULL) {
        html_wrap(b, "<td colspan=\"2\" class=\"error\">", line->error ? line->error : "failed",
                  "</td></tr>");
        return;
    }
    const index_results *r = line->results;
    g_string_append(b, "<td class=\"total\"><a href=\"/search?q=");
    html_url(b, line->query);
    g_string_append_printf(b, "\">%s%ld</a>", r->total_approximate ? "≈" : "", r->total);
    if (r->possible_total > 0) /* namesakes: counted apart, on the search page */
        g_string_append_printf(b, " <span class=\"possible\">+%s%ld possible</span>",
                               r->possible_approximate ? "≈" : "", r->possible_total);
    g_string_append(b, "</td><td><ul>");
    for (size_t i = 0; i < r->count; i++) {
        const index_hit *h = &r->hits[i];
        g_string_append(b, "<li><a href=\"/item/");
        html_url(b, h->sha256);
        g_string_append(b, "?q=");
        html_url(b, line->query);
        if (h->page > 0)
            g_string_append_printf(b, "#p%d", h->page);
        g_string_append(b, "\">");
        html_text(b, *h->name ? h->name : h->sha256);
        g_string_append(b, "</a>");
        if (h->cases && h->cases[0])
            html_wrap(b, " <span class=\"case\">", h->cases[0], "</span>");
        g_string_append(b, " <span class=\"snippet\">");
        html_snippet(b, h->snippet, h->marks, h->nmarks);
        g_string_append(b, "</span></li>");
    }
    g_string_append(b, "</ul></td></tr>");
}

/* set_chains - where each hit came from, as `dokaz search --json` has it */
static void set_chains(const char *data_dir, index_batch *batch)
{
    for (size_t l = 0; l < batch->count; l++)
        for (size_t i = 0; batch->lines[l].results && i < batch->lines[l].results->count; i++) {
            index_hit *h = &batch->lines[l].results->hits[i];
            if (h->chain == NULL) /* "" when visible_hits took another reception */
                h->chain = report_chain(data_dir, h->sha256);
        }
}

/* count_lines - non-blank lines of the list */
static size_t count_lines(const char *text)
{
    size_t n = 0;
    int blank = 1;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            n += !blank;
            blank = 1;
        } else if (*p != ' ' && *p != '\t' && *p != '\r') {
            blank = 0;
        }
    }
    return n + !blank;
}

/* answer - the batch as CSV, JSON or a page */
static void answer(const web_config *cfg, const web_request *req, index_batch *batch,
                   const char *lines, int json, int csv, web_response *resp)
{
    if (csv) {
        char *text = output_batch_csv(batch);
        resp->status = 200;
        resp->type = "text/csv; charset=utf-8";
        resp->len = strlen(text);
        resp->body = g_strndup(text, resp->len);
        resp->filename = g_strdup("dokaz-batch.csv");
        free(text);
    } else if (json) {
        set_chains(cfg->data_dir, batch);
        char *text = output_batch_json(batch);
        resp->status = 200;
        resp->type = "application/json; charset=utf-8";
        resp->len = strlen(text);
        resp->body = g_strndup(text, resp->len);
        free(text);
    } else {
        GString *b = html_begin("Batch search", "Batch");
        g_string_append(b, "<h1>Batch search</h1>");
        batch_form(b, req, lines);
        if (batch->unsearched > 0)
            g_string_append_printf(b,
                                   "<p class=\"truncated\"><strong>" OUTPUT_TRUNCATED_TIME
                                   "</strong>: the last %zu lines were not searched (at most "
                                   "%g seconds per batch); search them in another batch.</p>",
                                   batch->unsearched, cfg->batch_time_s);
        g_string_append(b, "<table class=\"batch-results\"><tr><th>line</th><th>documents</th>"
                           "<th>best matches</th></tr>");
        for (size_t i = 0; i < batch->count; i++)
            line_html(b, &batch->lines[i]);
        g_string_append(b, "</table>");
        html_finish(b, resp);
    }
}

/* page_batch - the form (nothing given) or the results */
void page_batch(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    const char *lines = web_param_get(req, "names"), *file = web_param_get(req, "file");
    const char *format = web_param_get(req, "format");
    int csv = format && strcmp(format, "csv") == 0;
    long limit = 0;
    if (web_param_int(req, "limit", 1, MAX_LIMIT, json ? 20 : HITS_PER_LINE, &limit, resp, json) !=
        0)
        return;
    GString *all = g_string_new(lines ? lines : "");
    if (file && *file)
        g_string_append_printf(all, "\n%s", file);
    size_t n = count_lines(all->str);
    const char *problem = !g_utf8_validate(all->str, (gssize)all->len, NULL)
                              ? "the list is not UTF-8 text"
                          : n > MAX_LINES           ? "the list is too long"
                          : n == 0 && (json || csv) ? "give names, one per line, in the field "
                                                      "'names' or 'file'"
                                                    : NULL;
    if (problem) {
        web_error(resp, 400, json || csv, "%s (at most %d lines)", problem, MAX_LINES);
    } else if (n == 0) {
        GString *b = html_begin("Batch search", "Batch");
        g_string_append(b, "<h1>Batch search</h1><p>Every line is searched on its own, "
                           "as in the search box: a name in any spelling, a case number, "
                           "<code>case:</code> or <code>article:</code> and the rest.</p>");
        batch_form(b, req, lines);
        html_finish(b, resp);
    } else {
        index_search_opts opts = {.limit = (size_t)MAX(1, MIN(limit, (long)(MAX_HITS / n))),
                                  .collections = web_user_collections(req->user),
                                  .deadline_us = cfg->batch_time_s > 0
                                                     ? g_get_monotonic_time() +
                                                           (long long)(cfg->batch_time_s * 1e6)
                                                     : 0};
        char *index_dir = fs_join(cfg->data_dir, "index"), *err = NULL;
        index_batch *batch = NULL;
        int failed = (cfg->readers
                          ? index_pool_batch(cfg->readers, all->str, &opts, &batch, &err)
                          : index_batch_search(index_dir, all->str, &opts, &batch, &err)) != 0;
        for (size_t l = 0; !failed && l < batch->count; l++)
            if (batch->lines[l].results) {
                index_results *lr = batch->lines[l].results;
                visible_hits(cfg->data_dir, opts.collections, lr->hits, lr->count);
                visible_hits(cfg->data_dir, opts.collections, lr->possible, lr->npossible);
            }
        if (failed)
            web_error(resp, 400, json || csv, "%s", err ? err : "the batch search failed");
        else
            answer(cfg, req, batch, lines, json, csv, resp);
        index_batch_free(batch);
        free(err);
        free(index_dir);
    }
    g_string_free(all, TRUE);
}
