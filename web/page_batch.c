/*
 * page_batch.c - batch search: a list of names (typed, or a text file
 * uploaded), one search per line, the results per line. /api/batch takes the
 * same form fields and answers {"lines":[{"line","query","total","hits"}]}
 * with hits as in /api/search.
 *
 * Functions: page_batch.
 *
 * Each line is searched as words (punctuation and operators dropped, so a
 * name list cannot hold query syntax), all of which must match, in their
 * inflected forms too.
 */
#include "web/web_private.h"
#include "index/index.h"
#include "report/report.h"
#include "common/fsutil.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_LINES = 500, MAX_LINE = 300, HITS_PER_LINE = 5 };

/* line_query - the words of a line, lower case, joined by spaces (g_free) */
static char *line_query(const char *line)
{
    char *lower = g_utf8_strdown(line, -1);
    GString *q = g_string_new(NULL);
    for (const char *p = lower; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalnum(c))
            g_string_append_unichar(q, c);
        else if (q->len && q->str[q->len - 1] != ' ')
            g_string_append_c(q, ' ');
    }
    g_free(lower);
    return g_strstrip(g_string_free(q, FALSE));
}

/* batch_form - the list box and the upload */
static void batch_form(GString *b, const char *names)
{
    g_string_append(b, "<form class=\"batch\" action=\"/batch\" method=\"post\" "
                       "enctype=\"multipart/form-data\"><label for=\"names\">One name per "
                       "line</label><textarea name=\"names\" id=\"names\" rows=\"8\">");
    html_text(b, names);
    g_string_append(b, "</textarea><label for=\"file\">or a text file with one name per "
                       "line</label><input type=\"file\" name=\"file\" id=\"file\" "
                       "accept=\".txt,.csv,text/plain\"><button type=\"submit\">Search "
                       "every line</button></form>");
}

/* line_html - one table row: the line, the count, the best hits */
static void line_html(GString *b, const char *line, const char *query, index_results *r,
                      const char *error)
{
    g_string_append(b, "<tr class=\"line\"><td>");
    html_text(b, line);
    g_string_append(b, "</td>");
    if (error) {
        html_wrap(b, "<td colspan=\"2\" class=\"error\">", error, "</td></tr>");
        return;
    }
    g_string_append(b, "<td class=\"total\"><a href=\"/search?q=");
    html_url(b, query);
    g_string_append_printf(b, "\">%ld</a></td><td><ul>", r->total);
    for (size_t i = 0; i < r->count; i++) {
        g_string_append(b, "<li><a href=\"/item/");
        html_url(b, r->hits[i].sha256);
        g_string_append(b, "?q=");
        html_url(b, query);
        if (r->hits[i].page > 0)
            g_string_append_printf(b, "#p%d", r->hits[i].page);
        g_string_append(b, "\">");
        html_text(b, *r->hits[i].name ? r->hits[i].name : r->hits[i].sha256);
        g_string_append(b, "</a> <span class=\"snippet\">");
        html_snippet(b, r->hits[i].snippet);
        g_string_append(b, "</span></li>");
    }
    g_string_append(b, "</ul></td></tr>");
}

/* line_json - {"line","query","total","hits"} or {"line","error"} */
static json_object *line_json(const char *data_dir, const char *line, const char *query,
                              index_results *r, const char *error)
{
    json_object *o = NULL;
    for (size_t i = 0; r && i < r->count; i++)
        r->hits[i].chain = report_chain(data_dir, r->hits[i].sha256);
    if (r) {
        char *text = index_results_json(r);
        o = text ? json_tokener_parse(text) : NULL;
        free(text);
    }
    if (o == NULL)
        o = json_object_new_object();
    json_object_object_add(o, "line", json_object_new_string(line));
    json_object_object_add(o, "query", json_object_new_string(query));
    if (error)
        json_object_object_add(o, "error", json_object_new_string(error));
    return o;
}

/* page_batch - the form (GET) or the results (POST) */
void page_batch(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    const char *names = web_param_get(req, "names"), *file = web_param_get(req, "file");
    GString *all = g_string_new(names ? names : "");
    if (file && *file)
        g_string_append_printf(all, "\n%s", file);
    if (!g_utf8_validate(all->str, (gssize)all->len, NULL)) {
        g_string_free(all, TRUE);
        web_error(resp, 400, json, "the list is not UTF-8 text");
        return;
    }
    char **lines = g_strsplit_set(all->str, "\r\n", -1);
    g_string_free(all, TRUE);
    size_t n = 0;
    for (char **l = lines; *l; l++)
        n += *g_strstrip(*l) != '\0';
    if (n > MAX_LINES) {
        g_strfreev(lines);
        web_error(resp, 400, json, "the list has %zu lines; at most %d at a time", n, MAX_LINES);
        return;
    }
    if (n == 0 && json) {
        g_strfreev(lines);
        web_error(resp, 400, json, "give names, one per line, in the field 'names' or 'file'");
        return;
    }
    char *index_dir = fs_join(cfg->data_dir, "index");
    GString *b = json ? NULL : html_begin("Batch search", "Batch");
    json_object *out = json ? json_object_new_array() : NULL;
    if (b) {
        g_string_append(b, "<h1>Batch search</h1>");
        batch_form(b, names);
        if (n)
            g_string_append(b, "<table class=\"batch-results\"><tr><th>line</th>"
                               "<th>documents</th><th>best matches</th></tr>");
    }
    for (char **l = lines; *l; l++) {
        if (**l == '\0')
            continue;
        char *line = g_utf8_substring(*l, 0, MIN(g_utf8_strlen(*l, -1), MAX_LINE));
        char *query = line_query(line), *err = NULL;
        index_results *r = NULL;
        if (*query == '\0')
            err = g_strdup("no words in this line");
        else if (index_search(index_dir, query, 0, HITS_PER_LINE, &r, &err) != 0 && err == NULL)
            err = g_strdup("the search failed");
        if (b)
            line_html(b, line, query, r, err);
        else
            json_object_array_add(out, line_json(cfg->data_dir, line, query, r, err));
        index_results_free(r);
        free(err);
        g_free(query);
        g_free(line);
    }
    if (b) {
        if (n)
            g_string_append(b, "</table>");
        html_finish(b, resp);
    } else {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "lines", out);
        web_json(resp, o);
    }
    free(index_dir);
    g_strfreev(lines);
}
