/*
 * page_item.c - a document's page, its files and its page images.
 *
 * The document page shows the item's record (name, type, receptions, the
 * containers it came out of, status and reason) and every page's image next
 * to its text, with the words of the query (?q=) marked. /api/item/SHA is the
 * record of `dokaz show --json`.
 *
 * Page images are rendered once and kept in DATA/cache/web/ab/<sha>/<N>.png.
 * The rendering runs in a child process (`dokaz serve --render SHA:N`) with
 * limits on memory and CPU time, since decoders meet hostile files here too.
 *
 * Functions: page_item, page_item_file, page_image.
 */
#include "web/web_private.h"
#include "report/report.h"
#include "ingest/evidence.h"
#include "record/record.h"
#include "ocr/ocr.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

enum { RENDER_MEMORY_MB = 1024, RENDER_CPU_S = 30 };

/* item_exists - the item was received: it has records or a stored original */
static int item_exists(const char *data_dir, const char *sha)
{
    char *dir = item_dir(data_dir, sha), *stored = evidence_path(data_dir, sha);
    int yes = fs_exists(dir) || fs_exists(stored);
    free(dir);
    free(stored);
    return yes;
}

/* renderable - do we draw page images for this type? */
static int renderable(const char *mime)
{
    return mime && (strncmp(mime, "image/", 6) == 0 || strcmp(mime, "application/pdf") == 0);
}

/* row - one <tr> of the record table, value escaped */
static void row(GString *b, const char *label, const char *value)
{
    if (value == NULL)
        return;
    g_string_append_printf(b, "<tr><th>%s</th><td>", label);
    html_text(b, value);
    g_string_append(b, "</td></tr>");
}

/* item_link - <a href=/item/SHA>name</a> */
static void item_link(GString *b, const char *sha, const char *name)
{
    g_string_append(b, "<a href=\"/item/");
    html_url(b, sha);
    g_string_append(b, "\">");
    html_text(b, name ? name : sha);
    g_string_append(b, "</a>");
}

/* record_html - the table of facts about the item */
static void record_html(GString *b, json_object *rec)
{
    json_object *v = NULL, *receptions = NULL, *children = NULL, *parents = NULL;
    json_object *meta = NULL, *skipped = NULL;
    g_string_append(b, "<table class=\"record\">");
    row(b, "SHA-256", report_string(rec, "sha256"));
    row(b, "type", report_string(rec, "mime"));
    if (json_object_object_get_ex(rec, "size", &v) && v) {
        char size[48];
        snprintf(size, sizeof size, "%lld bytes", (long long)json_object_get_int64(v));
        row(b, "size", size);
    }
    row(b, "status", report_string(rec, "status"));
    row(b, "reason", report_string(rec, "reason"));
    json_object_object_get_ex(rec, "receptions", &receptions);
    for (size_t i = 0; i < web_array_len(receptions); i++) {
        json_object *r = json_object_array_get_idx(receptions, i);
        g_string_append(b, "<tr><th>received</th><td>");
        html_text(b, report_string(r, "time"));
        html_wrap(b, " from <code>", report_string(r, "path"), "</code>");
        if (report_string(r, "member"))
            html_wrap(b, " member <code>", report_string(r, "member"), "</code>");
        g_string_append(b, "</td></tr>");
    }
    json_object_object_get_ex(rec, "parents", &parents);
    if (web_array_len(parents) > 0) {
        g_string_append(b, "<tr><th>inside</th><td class=\"chain\">");
        html_chain(b, parents);
        g_string_append(b, "</td></tr>");
    }
    json_object_object_get_ex(rec, "children", &children);
    for (size_t i = 0; i < web_array_len(children); i++) {
        json_object *c = json_object_array_get_idx(children, i);
        const char *sha = json_object_is_type(c, json_type_string) ? json_object_get_string(c)
                                                                   : report_string(c, "sha256");
        const char *name = json_object_is_type(c, json_type_object)
                               ? (report_string(c, "member") ? report_string(c, "member")
                                                             : report_string(c, "name"))
                               : NULL;
        if (sha == NULL)
            continue;
        g_string_append(b, "<tr><th>contains</th><td>");
        item_link(b, sha, name);
        g_string_append(b, "</td></tr>");
    }
    json_object_object_get_ex(rec, "skipped", &skipped);
    for (size_t i = 0; i < web_array_len(skipped); i++) {
        json_object *sk = json_object_array_get_idx(skipped, i);
        g_string_append(b, "<tr><th>not stored</th><td>");
        html_wrap(b, "<code>", report_string(sk, "member"), "</code>");
        html_wrap(b, ": <span class=\"reason\">", report_string(sk, "reason"), "</span>");
        g_string_append(b, "</td></tr>");
    }
    json_object_object_get_ex(rec, "meta", &meta);
    if (meta && json_object_is_type(meta, json_type_object)) {
        json_object_object_foreach(meta, key, value)
        {
            if (value && json_object_is_type(value, json_type_string)) {
                g_string_append(b, "<tr><th>");
                html_text(b, key);
                g_string_append(b, "</th><td>");
                html_text(b, json_object_get_string(value));
                g_string_append(b, "</td></tr>");
            }
        }
    }
    g_string_append(b, "</table>");
}

/* pages_html - each page: image (when there is one) beside the marked text */
static void pages_html(GString *b, json_object *rec, const char *sha, const char *q)
{
    json_object *pages = NULL;
    json_object_object_get_ex(rec, "pages", &pages);
    size_t n = web_array_len(pages);
    int images = renderable(report_string(rec, "mime"));
    highlighter *h = highlighter_new(q);
    int marks = 0;
    g_string_append_printf(b, "<h2>%zu page%s</h2>", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(pages, i), *num = NULL, *conf = NULL;
        json_object *derived = NULL;
        json_object_object_get_ex(p, "number", &num);
        json_object_object_get_ex(p, "confidence", &conf);
        int number = json_object_get_int(num);
        g_string_append_printf(b, "<section class=\"page\" id=\"p%d\"><h3>page %d", number, number);
        html_wrap(b, " <small>(", report_string(p, "source"), "");
        json_object *low = NULL;
        if (conf)
            g_string_append_printf(b, ", OCR confidence %.0f%%", json_object_get_double(conf));
        g_string_append(b, ")</small>");
        if (json_object_object_get_ex(p, "low_confidence", &low) && json_object_get_boolean(low))
            g_string_append(b, " <span class=\"warn\">low OCR confidence: check the image</span>");
        g_string_append(b, "</h3>");
        json_object_object_get_ex(p, "derived", &derived);
        facts_html(b, derived);
        g_string_append(b, "<div class=\"page-body\">");
        if (images && number > 0) {
            g_string_append_printf(b,
                                   "<a class=\"page-image\" href=\"/item/%s/page/%d.png\">"
                                   "<img src=\"/item/%s/page/%d.png\" alt=\"page %d\" "
                                   "loading=\"lazy\"></a>",
                                   sha, number, sha, number, number);
        }
        g_string_append(b, "<pre class=\"text\">");
        marks += highlight_html(h, b, report_string(p, "text"));
        g_string_append(b, "</pre></div></section>\n");
    }
    highlighter_free(h);
    if (q && *q)
        g_string_append_printf(b,
                               "<p class=\"marks\" id=\"marks\" data-count=\"%d\">%d "
                               "match%s marked</p>",
                               marks, marks, marks == 1 ? "" : "es");
}

/* page_item - the document page or its JSON record */
void page_item(const web_config *cfg, const web_request *req, const char *sha, web_response *resp,
               int json)
{
    if (!item_exists(cfg->data_dir, sha)) {
        web_error(resp, 404, json, "no document with SHA-256 %s", sha);
        return;
    }
    json_object *rec = report_item(cfg->data_dir, sha);
    if (json) {
        web_json(resp, rec);
        return;
    }
    const char *q = web_param_get(req, "q");
    const char *name = report_string(rec, "name");
    GString *b = html_begin(name ? name : sha, NULL);
    if (q && *q) {
        g_string_append(b, "<p class=\"back\"><a href=\"/search?q=");
        html_url(b, q);
        g_string_append(b, "\">← results for ");
        html_wrap(b, "<b>", q, "</b></a></p>");
    }
    html_wrap(b, "<h1 class=\"doc-title\">", name ? name : sha, "</h1>");
    g_string_append(b, "<p class=\"downloads\"><a href=\"/item/");
    g_string_append(b, sha);
    g_string_append(b, "/original\" download>Download the original</a>");
    char *pdf = ocr_searchable_pdf(cfg->data_dir, sha);
    if (pdf)
        g_string_append_printf(b, " · <a href=\"/item/%s/pdf\" download>Searchable PDF</a>", sha);
    free(pdf);
    g_string_append_printf(b, " · <a href=\"/api/item/%s\">JSON</a></p>", sha);
    record_html(b, rec);
    pages_html(b, rec, sha, q);
    html_finish(b, resp);
    json_object_put(rec);
}

/* page_item_file - the original or the searchable PDF, as a download */
void page_item_file(const web_config *cfg, const char *sha, const char *what, web_response *resp)
{
    int original = strcmp(what, "original") == 0;
    char *path = original ? evidence_path(cfg->data_dir, sha)
                          : ocr_searchable_pdf(cfg->data_dir, sha);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        web_error(resp, 404, 0,
                  original ? "no stored original for %s" : "no searchable PDF has been made for %s",
                  sha);
        free(path);
        return;
    }
    free(path);
    json_object *rec = report_item(cfg->data_dir, sha);
    const char *name = report_string(rec, "name");
    resp->status = 200;
    resp->fd = fd;
    resp->size = (uint64_t)st.st_size;
    resp->immutable = 1;
    if (original) {
        resp->type = "application/octet-stream"; /* never rendered by the browser */
        resp->filename = g_strdup(name ? name : sha);
    } else {
        resp->type = "application/pdf";
        resp->filename = g_strdup_printf("%s.searchable.pdf", name ? name : sha);
    }
    json_object_put(rec);
}

/* limit_child - g_spawn child setup: bound the renderer's memory and CPU */
static void limit_child(gpointer unused)
{
    (void)unused;
    struct rlimit mem = {(rlim_t)RENDER_MEMORY_MB << 20, (rlim_t)RENDER_MEMORY_MB << 20};
    struct rlimit cpu = {RENDER_CPU_S, RENDER_CPU_S};
    struct rlimit nocore = {0, 0};
#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer reserves terabytes of address space */
    setrlimit(RLIMIT_AS, &mem);
#endif
    (void)mem;
    setrlimit(RLIMIT_CPU, &cpu);
    setrlimit(RLIMIT_CORE, &nocore);
}

/* render_child - run `dokaz serve --render SHA:N`, which fills the cache */
static int render_child(const web_config *cfg, const char *sha, int page, char **why)
{
    char target[96];
    snprintf(target, sizeof target, "%s:%d", sha, page);
    char *argv[] = {(char *)cfg->render_exe,
                    "serve",
                    "--data",
                    (char *)cfg->data_dir,
                    "--render",
                    target,
                    NULL};
    char *errout = NULL;
    gint status = 0;
    GError *gerr = NULL;
    if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, limit_child, NULL, NULL,
                      &errout, &status, &gerr)) {
        *why = g_strdup(gerr->message);
        g_error_free(gerr);
        return -1;
    }
    int rc = 0;
    if (!g_spawn_check_wait_status(status, NULL)) {
        *why = g_strdup(errout && *g_strstrip(errout)
                            ? errout
                            : "the renderer stopped (too much memory or time?)");
        rc = -1;
    }
    g_free(errout);
    return rc;
}

/* page_image - page N as PNG: from the cache, else rendered into it first */
void page_image(const web_config *cfg, const char *sha, int page, web_response *resp)
{
    char *path = web_page_cache_path(cfg->data_dir, sha, page), *why = NULL;
    int rc = 0;
    if (!fs_exists(path)) {
        if (!item_exists(cfg->data_dir, sha))
            rc = -1, why = g_strdup("no such document");
        else if (cfg->render_exe)
            rc = render_child(cfg, sha, page, &why);
        else
            rc = web_render_cached(cfg->data_dir, sha, page, &why);
    }
    int fd = rc == 0 ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0) {
        resp->status = 200;
        resp->type = "image/png";
        resp->fd = fd;
        resp->size = (uint64_t)st.st_size;
        resp->immutable = 1;
    } else {
        if (fd >= 0)
            close(fd);
        web_error(resp, 404, 0, "no image of page %d: %s", page, why ? why : "cannot read it");
    }
    g_free(why);
    g_free(path);
}
