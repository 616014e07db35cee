/*
 * page_search.c - the search page and /api/search.
 *
 * Functions: page_search.
 *
 * Parameters: q (the query, Xapian syntax as for `dokaz search`), page
 * (1-based result page; the API takes offset and limit instead) and type (a
 * MIME type to narrow to). The API answers with the JSON of `dokaz search
 * --json`. Every hit shows its name, where it was received, the containers it
 * came out of, the best page and the snippet with the matches marked.
 */
#include "web/web_private.h"
#include "index/index.h"
#include "report/report.h"
#include "common/fsutil.h"

#include <stdlib.h>
#include <string.h>

/* full_query - the user's query narrowed by the type filter (g_free) */
static char *full_query(const char *q, const char *type)
{
    if (type && *type)
        return g_strdup_printf("%s mime:%s", q, type);
    return g_strdup(q);
}

/* search_link - href of the search page for q, type and page */
static void search_link(GString *b, const char *q, const char *type, long page)
{
    g_string_append(b, "/search?q=");
    html_url(b, q);
    if (type && *type) {
        g_string_append(b, "&amp;type=");
        html_url(b, type);
    }
    if (page > 1)
        g_string_append_printf(b, "&amp;page=%ld", page);
}

/* search_form - the query box, keeping the filters */
static void search_form(GString *b, const char *q, const char *type)
{
    g_string_append(b, "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
                       "<input type=\"search\" name=\"q\" id=\"q\" aria-label=\"Search\" "
                       "placeholder=\"a name, a case number, words…\" value=\"");
    html_text(b, q);
    g_string_append(b, "\" autofocus>");
    if (type && *type) {
        g_string_append(b, "<input type=\"hidden\" name=\"type\" value=\"");
        html_text(b, type);
        g_string_append(b, "\">");
    }
    g_string_append(b, "<button type=\"submit\">Search</button></form>");
}

/* hit_html - one result */
static void hit_html(GString *b, const web_config *cfg, const facts *f, const index_hit *h,
                     const char *q)
{
    g_string_append(b, "<li class=\"hit\"><h2><a class=\"hit-link\" href=\"/item/");
    html_url(b, h->sha256);
    g_string_append(b, "?q=");
    html_url(b, q);
    if (h->page > 0)
        g_string_append_printf(b, "#p%d", h->page);
    g_string_append(b, "\">");
    html_text(b, *h->name ? h->name : h->sha256);
    g_string_append(b, "</a></h2><p class=\"meta\">");
    if (h->page > 0)
        g_string_append_printf(b, "<span class=\"page\">page %d</span> · ", h->page);
    html_wrap(b, "<span class=\"mime\">", h->mime, "</span> · ");
    g_string_append_printf(b, "<span class=\"score\">%d%%</span></p>", h->percent);
    facts_hit_html(f, b, cfg->data_dir, h->sha256, h->page);
    json_object *chain = report_parents(cfg->data_dir, h->sha256);
    if (web_array_len(chain) > 0) {
        g_string_append(b, "<p class=\"chain\">inside ");
        html_chain(b, chain);
        g_string_append(b, "</p>");
    }
    json_object_put(chain);
    html_wrap(b, "<p class=\"path\">received as <code>", h->path, "</code></p>");
    g_string_append(b, "<p class=\"snippet\">");
    html_snippet(b, h->snippet);
    g_string_append(b, "</p></li>\n");
}

/* pager - previous / next links */
static void pager(GString *b, const char *q, const char *type, long page, long total)
{
    long pages = (total + WEB_PAGE_SIZE - 1) / WEB_PAGE_SIZE;
    if (pages <= 1)
        return;
    g_string_append(b, "<nav class=\"pager\" aria-label=\"result pages\">");
    if (page > 1) {
        g_string_append(b, "<a rel=\"prev\" href=\"");
        search_link(b, q, type, page - 1);
        g_string_append(b, "\">← previous</a>");
    }
    g_string_append_printf(b, "<span>page %ld of %ld</span>", page, pages);
    if (page < pages) {
        g_string_append(b, "<a rel=\"next\" href=\"");
        search_link(b, q, type, page + 1);
        g_string_append(b, "\">next →</a>");
    }
    g_string_append(b, "</nav>");
}

/* help_html - what the query syntax allows, for the empty search page */
static void help_html(GString *b)
{
    g_string_append(b,
        "<section class=\"help\"><h2>How to search</h2><ul>"
        "<li><code>Иванов</code> – a word finds its other forms too (Иванова, Иванову)</li>"
        "<li><code>\"Иванов Сергей\"</code> – a phrase, words in this order</li>"
        "<li><code>a OR b</code>, <code>a NOT b</code>, <code>-word</code> – boolean operators</li>"
        "<li><code>приговор*</code> – words starting with…</li>"
        "<li><code>file:verdict</code>, <code>mime:application/pdf</code> – file name, type</li>"
        "</ul></section>");
}

/* page_search - run the query and show (or return) a page of hits */
void page_search(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    const char *q = web_param_get(req, "q"), *type = web_param_get(req, "type");
    long page = 1, offset = 0, limit = WEB_PAGE_SIZE;
    if (web_param_int(req, "page", 1, 100000, 1, &page, resp, json) != 0 ||
        web_param_int(req, "offset", 0, 10000000, (page - 1) * WEB_PAGE_SIZE, &offset, resp,
                      json) != 0 ||
        web_param_int(req, "limit", 1, 1000, WEB_PAGE_SIZE, &limit, resp, json) != 0)
        return;
    if (q == NULL)
        q = "";
    if (strlen(q) > WEB_MAX_QUERY || (type && strlen(type) > 200) ||
        !g_utf8_validate(q, -1, NULL) || (type && !g_utf8_validate(type, -1, NULL))) {
        web_error(resp, 400, json, "the query is too long or not valid UTF-8");
        return;
    }
    if (*q == '\0' && json) {
        web_error(resp, 400, json, "give a query: /api/search?q=words");
        return;
    }
    if (*q == '\0') {
        GString *b = html_begin("Search", "Search");
        g_string_append(b, "<h1>Search the documents</h1>");
        search_form(b, q, type);
        help_html(b);
        html_finish(b, resp);
        return;
    }
    char *index_dir = fs_join(cfg->data_dir, "index");
    char *query = full_query(q, type);
    index_results *r = NULL;
    char *err = NULL;
    if (index_search(index_dir, query, (size_t)offset, (size_t)limit, &r, &err) != 0) {
        web_error(resp, 400, json, "%s", err ? err : "the search failed");
    } else if (json) {
        for (size_t i = 0; i < r->count; i++)   /* as `dokaz search --json` */
            r->hits[i].chain = report_chain(cfg->data_dir, r->hits[i].sha256);
        char *text = index_results_json(r);
        resp->type = "application/json; charset=utf-8";
        resp->status = 200;
        resp->len = strlen(text);
        resp->body = g_strndup(text, resp->len);
        free(text);
    } else {
        GString *b = html_begin(q, "Search");
        search_form(b, q, type);
        if (type && *type)
            html_wrap(b, "<p class=\"filters\">narrowed to type <b>", type, "</b></p>");
        g_string_append_printf(b, "<p class=\"total\" id=\"total\">%ld document%s</p>", r->total,
                               r->total == 1 ? "" : "s");
        if (r->count == 0)
            g_string_append(b, "<p class=\"none\">Nothing found. Fewer words, or a word's "
                               "beginning with <code>*</code>, may find more.</p>");
        g_string_append(b, "<ol class=\"hits\">");
        facts *f = facts_new();
        for (size_t i = 0; i < r->count; i++)
            hit_html(b, cfg, f, &r->hits[i], q);
        facts_free(f);
        g_string_append(b, "</ol>");
        pager(b, q, type, offset / WEB_PAGE_SIZE + 1, r->total);
        html_finish(b, resp);
    }
    index_results_free(r);
    free(err);
    g_free(query);
    free(index_dir);
}
