/*
 * page_search.c - the search page and /api/search.
 *
 * Parameters: q (the query, as for `dokaz search`), page (1-based result
 * page; the API takes offset and limit instead), sort (relevance, newest,
 * oldest), and filters that narrow by a facet's value: type, court, article,
 * year, lang, folder (several values of one field are ORed, fields ANDed).
 * The page shows facet counts beside the hits, each a link that adds or
 * removes that filter (marked ≈ when estimated from the first pages that
 * matched a broad query); the API answers with the JSON of `dokaz search
 * --json`, with "facets" when asked for (facets=1). Every hit shows its
 * name, where it was received, the containers it came out of, the best page,
 * its fields (type, case numbers, articles, court, date) and the snippet with
 * the matches marked. A query naming a person shows its possible matches
 * (namesakes) in a section of their own below the hits, not counted.
 *
 * Functions: page_search.
 */
#include "web/web_private.h"
#include "index/index.h"
#include "output/output.h"
#include "report/report.h"
#include "common/fsutil.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FILTERS 32

static const char *const filter_fields[] = {"type", "court", "article", "year", "lang", "folder"};
static const char *const sort_names[] = {"relevance", "newest", "oldest"};

/* What the page was asked for; links keep it, changing one thing. */
typedef struct {
    const char *q;
    index_sort sort;
    index_filter filters[MAX_FILTERS];
    size_t nfilters;
} search_state;

/* is_filter_field - one of the facets' fields */
static int is_filter_field(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(filter_fields); i++)
        if (strcmp(name, filter_fields[i]) == 0)
            return 1;
    return 0;
}

/* has_filter - is field=value among the filters? */
static int has_filter(const search_state *st, const char *field, const char *value)
{
    for (size_t i = 0; i < st->nfilters; i++)
        if (strcmp(st->filters[i].field, field) == 0 && strcmp(st->filters[i].value, value) == 0)
            return 1;
    return 0;
}

/* search_link - href for the state with field=value toggled (field NULL: as is),
 * at result page `page` */
static void search_link(GString *b, const search_state *st, const char *field, const char *value,
                        long page)
{
    g_string_append(b, "/search?q=");
    html_url(b, st->q);
    for (size_t i = 0; i < st->nfilters; i++) {
        if (field && strcmp(st->filters[i].field, field) == 0 &&
            strcmp(st->filters[i].value, value) == 0)
            continue;
        g_string_append_printf(b, "&amp;%s=", st->filters[i].field);
        html_url(b, st->filters[i].value);
    }
    if (field && !has_filter(st, field, value)) {
        g_string_append_printf(b, "&amp;%s=", field);
        html_url(b, value);
    }
    if (st->sort != INDEX_SORT_RELEVANCE)
        g_string_append_printf(b, "&amp;sort=%s", sort_names[st->sort]);
    if (page > 1)
        g_string_append_printf(b, "&amp;page=%ld", page);
}

/* search_form - the query box; filters and order ride along as hidden fields */
static void search_form(GString *b, const search_state *st)
{
    g_string_append(b, "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
                       "<input type=\"search\" name=\"q\" id=\"q\" aria-label=\"Search\" "
                       "placeholder=\"a name, a case number, words…\" value=\"");
    html_text(b, st->q);
    g_string_append(b, "\" autofocus>");
    for (size_t i = 0; i < st->nfilters; i++) {
        g_string_append_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"",
                               st->filters[i].field);
        html_text(b, st->filters[i].value);
        g_string_append(b, "\">");
    }
    g_string_append(b, "<select name=\"sort\" aria-label=\"Order\">");
    for (size_t i = 0; i < G_N_ELEMENTS(sort_names); i++)
        g_string_append_printf(b, "<option value=\"%s\"%s>%s</option>", sort_names[i],
                               (size_t)st->sort == i ? " selected" : "",
                               i == 0 ? "best match" : sort_names[i]);
    g_string_append(b, "</select><button type=\"submit\">Search</button></form>");
}

/* list_facts - "label a, b" from a NULL-terminated list */
static void list_facts(GString *b, const char *cls, const char *label, char **values)
{
    if (values == NULL || values[0] == NULL)
        return;
    g_string_append_printf(b, "<span class=\"%s\">%s", cls, label);
    for (size_t i = 0; values[i] && i < 4; i++) {
        g_string_append(b, i ? ", " : " ");
        html_text(b, values[i]);
    }
    g_string_append(b, values[1] && values[2] && values[3] && values[4] ? ", …</span>" : "</span>");
}

/* hit_html - one result */
static void hit_html(GString *b, const web_config *cfg, const index_hit *h, const char *q)
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
    size_t before = b->len;
    g_string_append(b, "<p class=\"facts\">");
    size_t start = b->len;
    if (h->role != NULL)
        html_wrap(b, "<span class=\"person-role\">", h->role, "</span>");
    if (h->type && *h->type && strcmp(h->type, "other") != 0)
        html_wrap(b, "<span class=\"doctype\">", h->type, "</span>");
    list_facts(b, "case", "case", h->cases);
    list_facts(b, "article", "art.", h->articles);
    list_facts(b, "court", "", h->courts);
    if (h->date)
        html_wrap(b, "<span class=\"date\">", h->date, "</span>");
    if (b->len == start)
        g_string_truncate(b, before);
    else
        g_string_append(b, "</p>");
    report_parents chain = {0}; /* a chain set already ("") is not shown */
    if (h->chain == NULL)
        chain = report_parents_load(cfg->data_dir, h->sha256);
    if (chain.n > 0) {
        g_string_append(b, "<p class=\"chain\">inside ");
        html_chain(b, &chain);
        g_string_append(b, "</p>");
    }
    report_parents_free(&chain);
    html_wrap(b, "<p class=\"path\">received as <code>", h->path, "</code></p>");
    g_string_append(b, "<p class=\"snippet\">");
    html_snippet(b, h->snippet, h->marks, h->nmarks);
    g_string_append(b, "</p></li>\n");
}

/* facets_html - counts per facet value, each a link toggling that filter */
static void facets_html(GString *b, const search_state *st, const index_results *r)
{
    g_string_append(b, "<aside class=\"facets\" aria-label=\"Narrow the results\">");
    if (r->facets_approximate && r->nfacets > 0)
        g_string_append(b, "<p class=\"note approximate\">Counts are estimates (≈): too many "
                           "pages matched to count them all.</p>");
    for (size_t i = 0; i < r->nfacets; i++) {
        const index_facet *f = &r->facets[i];
        if (f->count == 0)
            continue;
        g_string_append_printf(b, "<section class=\"facet\" data-facet=\"%s\"><h3>", f->name);
        html_text(b, f->name);
        g_string_append(b, "</h3><ul>");
        for (size_t k = 0; k < f->count; k++) {
            const index_facet_value *v = &f->values[k];
            int on = has_filter(st, f->name, v->value);
            g_string_append(b, "<li><a href=\"");
            search_link(b, st, f->name, v->value, 1);
            g_string_append(b, on ? "\" aria-current=\"true\">" : "\">");
            html_text(b, v->label && *v->label ? v->label : v->value);
            g_string_append_printf(b, "</a><span class=\"n\">%s%ld</span></li>",
                                   r->facets_approximate ? "≈" : "", v->count);
        }
        g_string_append(b, "</ul></section>");
    }
    g_string_append(b, "</aside>");
}

/* active_filters - what narrows the results, each with a link to remove it */
static void active_filters(GString *b, const search_state *st)
{
    if (st->nfilters == 0)
        return;
    g_string_append(b, "<p class=\"filters\">narrowed to ");
    for (size_t i = 0; i < st->nfilters; i++) {
        g_string_append_printf(b, "<span class=\"filter\">%s <b>", st->filters[i].field);
        html_text(b, st->filters[i].value);
        g_string_append(b, "</b> <a class=\"remove\" title=\"remove this filter\" href=\"");
        search_link(b, st, st->filters[i].field, st->filters[i].value, 1);
        g_string_append(b, "\">×</a></span> ");
    }
    g_string_append(b, "</p>");
}

/* pager - previous / next links */
static void pager(GString *b, const search_state *st, long page, long total)
{
    long pages = (total + WEB_PAGE_SIZE - 1) / WEB_PAGE_SIZE;
    if (pages <= 1)
        return;
    g_string_append(b, "<nav class=\"pager\" aria-label=\"result pages\">");
    if (page > 1) {
        g_string_append(b, "<a rel=\"prev\" href=\"");
        search_link(b, st, NULL, NULL, page - 1);
        g_string_append(b, "\">← previous</a>");
    }
    g_string_append_printf(b, "<span>page %ld of %ld</span>", page, pages);
    if (page < pages) {
        g_string_append(b, "<a rel=\"next\" href=\"");
        search_link(b, st, NULL, NULL, page + 1);
        g_string_append(b, "\">next →</a>");
    }
    g_string_append(b, "</nav>");
}

/* help_html - what the query syntax allows, for the empty search page */
static void help_html(GString *b)
{
    g_string_append(
        b,
        "<section class=\"help\"><h2>How to search</h2><ul>"
        "<li><code>Иванов</code>, <code>Ivanou</code>, <code>Іваноў</code> – a name in any "
        "spelling and case form</li>"
        "<li><code>\"Иванов Сергей\"</code> – a phrase, words in this order</li>"
        "<li><code>a OR b</code>, <code>a NOT b</code>, <code>-word</code> – boolean operators</li>"
        "<li><code>приговор*</code> – words starting with…</li>"
        "<li><code>case:1-234/2024</code>, <code>article:342</code>, <code>court:минский</code>, "
        "<code>type:verdict</code>, <code>year:2024</code>, <code>lang:be</code></li>"
        "<li><code>file:verdict</code>, <code>mime:application/pdf</code> – file name, type</li>"
        "</ul></section>");
}

/* read_state - q, sort and filters from the parameters; -1 (resp filled) if bad */
static int read_state(const web_request *req, search_state *st, web_response *resp, int json)
{
    memset(st, 0, sizeof *st);
    st->q = web_param_get(req, "q");
    if (st->q == NULL)
        st->q = "";
    const char *sort = web_param_get(req, "sort");
    for (size_t i = 0; sort && *sort && i <= G_N_ELEMENTS(sort_names); i++) {
        if (i == G_N_ELEMENTS(sort_names)) {
            web_error(resp, 400, json, "sort is relevance, newest or oldest");
            return -1;
        }
        if (strcmp(sort, sort_names[i]) == 0) {
            st->sort = (index_sort)i;
            break;
        }
    }
    for (size_t i = 0; i < req->nparams; i++) {
        const web_param *p = &req->params[i];
        if (p->name == NULL || !is_filter_field(p->name) || p->value == NULL || !*p->value)
            continue;
        if (st->nfilters == MAX_FILTERS || strlen(p->value) > 200 ||
            !g_utf8_validate(p->value, -1, NULL)) {
            web_error(resp, 400, json, "too many filters, or a filter value that is too long");
            return -1;
        }
        st->filters[st->nfilters++] = (index_filter){p->name, p->value};
    }
    if (strlen(st->q) > WEB_MAX_QUERY || !g_utf8_validate(st->q, -1, NULL)) {
        web_error(resp, 400, json, "the query is too long or not valid UTF-8");
        return -1;
    }
    return 0;
}

/* answer_json - hits (with where they came from) and, if asked, facets */
static void answer_json(const web_config *cfg, index_results *r, web_response *resp)
{
    for (size_t i = 0; i < r->count; i++) /* as `dokaz search --json` */
        if (r->hits[i].chain == NULL)
            r->hits[i].chain = report_chain(cfg->data_dir, r->hits[i].sha256);
    for (size_t i = 0; i < r->npossible; i++)
        if (r->possible[i].chain == NULL)
            r->possible[i].chain = report_chain(cfg->data_dir, r->possible[i].sha256);
    char *text = output_results_json(r);
    resp->type = "application/json; charset=utf-8";
    resp->status = 200;
    resp->len = strlen(text);
    resp->body = g_strndup(text, resp->len);
    free(text);
}

/* possible_html - the possible matches of a person's name, apart from the
 * hits and not counted with them */
static void possible_html(GString *b, const web_config *cfg, const index_results *r, const char *q)
{
    if (r->possible_total == 0)
        return;
    g_string_append_printf(b,
                           "<h2 class=\"possible\" id=\"possible\">Possible matches: %s%ld "
                           "document%s</h2><p class=\"note\">These name the surname, or the "
                           "given name and patronymic, but no person that agrees with the whole "
                           "name asked for: a namesake or a relative, perhaps.</p>",
                           r->possible_approximate ? "≈" : "", r->possible_total,
                           r->possible_total == 1 ? "" : "s");
    g_string_append(b, "<ol class=\"hits possible\">");
    for (size_t i = 0; i < r->npossible; i++)
        hit_html(b, cfg, &r->possible[i], q);
    g_string_append(b, "</ol>");
}

/* answer_html - the results page */
static void answer_html(const web_config *cfg, const search_state *st, index_results *r,
                        long offset, web_response *resp)
{
    GString *b = html_begin(st->q, "Search");
    search_form(b, st);
    g_string_append(b, "<div class=\"layout\">");
    facets_html(b, st, r);
    g_string_append(b, "<div class=\"results\">");
    active_filters(b, st);
    g_string_append_printf(b, "<p class=\"total\" id=\"total\">%s%ld document%s</p>",
                           r->total_approximate ? "≈" : "", r->total, r->total == 1 ? "" : "s");
    if (r->count == 0)
        g_string_append(b, "<p class=\"none\">Nothing found. Fewer words or filters, or a "
                           "word's beginning with <code>*</code>, may find more.</p>");
    g_string_append(b, "<ol class=\"hits\">");
    for (size_t i = 0; i < r->count; i++)
        hit_html(b, cfg, &r->hits[i], st->q);
    g_string_append(b, "</ol>");
    pager(b, st, offset / WEB_PAGE_SIZE + 1, r->total);
    possible_html(b, cfg, r, st->q);
    g_string_append(b, "</div></div>");
    html_finish(b, resp);
}

/* page_search - run the query and show (or return) a page of hits */
void page_search(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    search_state st;
    long page = 1, offset = 0, limit = WEB_PAGE_SIZE, facets = 0;
    if (read_state(req, &st, resp, json) != 0 ||
        web_param_int(req, "page", 1, 100000, 1, &page, resp, json) != 0 ||
        web_param_int(req, "offset", 0, 10000000, (page - 1) * WEB_PAGE_SIZE, &offset, resp,
                      json) != 0 ||
        web_param_int(req, "limit", 1, 1000, WEB_PAGE_SIZE, &limit, resp, json) != 0 ||
        web_param_int(req, "facets", 0, 1, json ? 0 : 1, &facets, resp, json) != 0)
        return;
    if (*st.q == '\0') { /* filters narrow a search; alone they match nothing */
        if (json) {
            web_error(resp, 400, json, "give a query: /api/search?q=words");
            return;
        }
        GString *b = html_begin("Search", "Search");
        g_string_append(b, "<h1>Search the documents</h1>");
        search_form(b, &st);
        help_html(b);
        html_finish(b, resp);
        return;
    }
    index_search_opts opts = {.offset = (size_t)offset,
                              .limit = (size_t)limit,
                              .sort = st.sort,
                              .filters = st.filters,
                              .nfilters = st.nfilters,
                              .facets = (int)facets,
                              .collections = web_user_collections(req->user)};
    char *index_dir = fs_join(cfg->data_dir, "index"), *err = NULL;
    index_results *r = NULL;
    int failed = (cfg->readers ? index_pool_search(cfg->readers, st.q, &opts, &r, &err)
                               : index_search_ex(index_dir, st.q, &opts, &r, &err)) != 0;
    if (!failed) {
        visible_hits(cfg->data_dir, opts.collections, r->hits, r->count);
        visible_hits(cfg->data_dir, opts.collections, r->possible, r->npossible);
        visible_facets(opts.collections, r);
    }
    if (failed)
        web_error(resp, 400, json, "%s", err ? err : "the search failed");
    else if (json)
        answer_json(cfg, r, resp);
    else
        answer_html(cfg, &st, r, offset, resp);
    index_results_free(r);
    free(err);
    free(index_dir);
}
