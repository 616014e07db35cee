/*
 * page_item.c - a document's page, its files and its page images.
 *
 * The document page shows the item's record (name, type, receptions, the
 * containers it came out of, status and reason) and every page's image next
 * to its text, with the words of the query (?q=) marked, and its chain of
 * custody. /api/item/SHA is the record of `dokaz show --json` with its
 * custody events ("custody").
 *
 * Page images are rendered once and kept in DATA/cache/web/ab/<sha>/<N>.png.
 * The rendering runs in a child process (`dokaz serve --render SHA:N`) with
 * limits on memory and CPU time, since decoders meet hostile files here too.
 *
 * An item of another shard (cfg->shard set) is read from its files fetched
 * into the cache (router.c): its page says which shard holds it, whose own
 * dokaz shows its custody, persons and access log.
 *
 * Functions: page_item, page_item_file, page_image.
 */
#include "web/web_private.h"
#include "custody/custody.h"
#include "fetch/fetch.h"
#include "report/report.h"
#include "ingest/evidence.h"
#include "record/record.h"
#include "ocr/ocr.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

enum { RENDER_MEMORY_MB = 1024, RENDER_CPU_S = 30 };

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
static void record_html(GString *b, const item_report *r)
{
    const item_result *result = r->result;
    g_string_append(b, "<table class=\"record\">");
    row(b, "SHA-256", r->sha256);
    row(b, "type", result ? result->mime : NULL);
    if (r->first) {
        char size[48];
        snprintf(size, sizeof size, "%lld bytes", (long long)r->first->size);
        row(b, "size", size);
    }
    row(b, "status", r->status);
    row(b, "reason", result ? result->reason : NULL);
    for (size_t i = 0; r->receptions && i < r->receptions->n; i++) {
        const item_reception *rec = &r->receptions->list[i];
        g_string_append(b, "<tr><th>received</th><td>");
        html_text(b, rec->time);
        html_wrap(b, " from <code>", rec->path, "</code>");
        if (rec->member)
            html_wrap(b, " member <code>", rec->member, "</code>");
        g_string_append(b, "</td></tr>");
    }
    if (r->parents.n > 0) {
        g_string_append(b, "<tr><th>inside</th><td class=\"chain\">");
        html_chain(b, &r->parents);
        g_string_append(b, "</td></tr>");
    }
    for (size_t i = 0; result && i < result->nchildren; i++) {
        g_string_append(b, "<tr><th>contains</th><td>");
        item_link(b, result->children[i].sha256, result->children[i].member);
        g_string_append(b, "</td></tr>");
    }
    for (size_t i = 0; result && i < result->nskipped; i++) {
        g_string_append(b, "<tr><th>not stored</th><td>");
        html_wrap(b, "<code>", result->skipped[i].member, "</code>");
        html_wrap(b, ": <span class=\"reason\">", result->skipped[i].reason, "</span>");
        g_string_append(b, "</td></tr>");
    }
    for (size_t i = 0; result && i < result->nmeta; i++) {
        g_string_append(b, "<tr><th>");
        html_text(b, result->meta[i].name);
        g_string_append(b, "</th><td>");
        html_text(b, result->meta[i].value);
        g_string_append(b, "</td></tr>");
    }
    g_string_append(b, "</table>");
}

/* pages_html - each page: image (when there is one) beside the text with
 * the query's words marked, or the person's mentions when marks are given */
static void pages_html(GString *b, const item_report *r, const char *q, const GArray *mentions)
{
    const item_result *result = r->result;
    size_t n = result ? result->npages : 0;
    int images = renderable(result ? result->mime : NULL);
    highlighter *h = highlighter_new(q);
    int marks = 0;
    g_string_append_printf(b, "<h2>%zu page%s</h2>", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const item_page *p = &result->pages[i];
        int number = p->number;
        g_string_append_printf(b, "<section class=\"page\" id=\"p%d\"><h3>page %d", number, number);
        html_wrap(b, " <small>(", item_source_name(p->source), "");
        if (p->confidence >= 0)
            g_string_append_printf(b, ", OCR confidence %.0f%%", p->confidence);
        g_string_append(b, ")</small>");
        if (r->low_confidence[i])
            g_string_append(b, " <span class=\"warn\">low OCR confidence: check the image</span>");
        g_string_append(b, "</h3>");
        facts_html(b, p->derived);
        g_string_append(b, "<div class=\"page-body\">");
        if (images && number > 0) {
            g_string_append_printf(b,
                                   "<a class=\"page-image\" href=\"/item/%s/page/%d.png\">"
                                   "<img src=\"/item/%s/page/%d.png\" alt=\"page %d\" "
                                   "loading=\"lazy\"></a>",
                                   r->sha256, number, r->sha256, number, number);
        }
        g_string_append(b, "<pre class=\"text\">");
        if (mentions)
            marks += mention_marks_html(b, p->text, p->derived, number, mentions);
        else
            marks += highlight_html(h, b, p->text);
        g_string_append(b, "</pre></div></section>\n");
    }
    highlighter_free(h);
    if (mentions)
        g_string_append_printf(b,
                               "<p class=\"marks\" id=\"marks\" data-count=\"%d\">%d "
                               "mention%s marked</p>",
                               marks, marks, marks == 1 ? "" : "s");
    else if (q && *q)
        g_string_append_printf(b,
                               "<p class=\"marks\" id=\"marks\" data-count=\"%d\">%d "
                               "match%s marked</p>",
                               marks, marks, marks == 1 ? "" : "es");
}

/* page_item - the document page or its JSON record */
void page_item(const web_config *cfg, const web_request *req, const char *sha, web_response *resp,
               int json)
{
    if (!fetch_held_here(cfg->data_dir, sha)) {
        web_error(resp, 404, json, "no document with SHA-256 %s", sha);
        return;
    }
    item_report *report = item_report_load(cfg->data_dir, sha);
    visible_receptions(cfg->data_dir, web_user_collections(req->user), report);
    if (cfg->shard != NULL) { /* the original is fetched when asked for, not kept for good */
        free(report->stored);
        report->stored = xasprintf("on shard %s", cfg->shard);
    }
    if (json) {
        json_object *o = report_item_json(report);
        json_object *custody = cfg->shard
                                   ? NULL
                                   : visible_custody(cfg->data_dir, sha,
                                                     web_user_collections(req->user), report, NULL);
        json_object_object_add(o, "custody",
                               json_object_get(json_object_object_get(custody, "events")));
        json_object_object_add(o, "shard", cfg->shard ? json_object_new_string(cfg->shard) : NULL);
        json_object_put(custody);
        web_json(resp, o);
        item_report_free(report);
        return;
    }
    const char *q = web_param_get(req, "q"), *mark = web_param_get(req, "mark");
    GArray *mentions = mark ? mention_marks_parse(mark) : NULL;
    if (mark && mentions == NULL) {
        web_error(resp, 400, json, "mark is PAGE.POSITION,... (at most %d)", MENTION_MARKS_MAX);
        item_report_free(report);
        return;
    }
    const char *name = report->first ? report->first->name : NULL;
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
    if (report->searchable_pdf)
        g_string_append_printf(b, " · <a href=\"/item/%s/pdf\" download>Searchable PDF</a>", sha);
    g_string_append_printf(b, " · <a href=\"/api/item/%s\">JSON</a></p>", sha);
    record_html(b, report);
    if (cfg->shard != NULL) /* its audit log, persons and access log are the shard's */
        html_wrap(b, "<p class=\"shard\">Held by shard <b>", cfg->shard,
                  "</b>: its chain of custody and persons are shown by that shard's dokaz.</p>");
    else {
        custody_html(b, cfg->data_dir, sha, web_user_collections(req->user), report);
        persons_html(b, cfg, req, sha);
    }
    pages_html(b, report, q, mentions);
    if (mentions)
        g_array_free(mentions, TRUE);
    if (req->user != NULL && req->user->role >= AUTH_ADMIN && cfg->shard == NULL)
        access_html(b, cfg->data_dir, sha);
    html_finish(b, resp);
    item_report_free(report);
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
    item_receptions *receptions = item_receptions_load(cfg->data_dir, sha, NULL);
    const item_reception *first = item_receptions_first(receptions);
    const char *name = first ? first->name : NULL;
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
    item_receptions_free(receptions);
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
        if (!fetch_held_here(cfg->data_dir, sha))
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
