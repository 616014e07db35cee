/*
 * router.c - which page answers a request (see web_handle in web.h).
 *
 *   /                       search form; /search?q=… results (HTML)
 *   /item/SHA               a document: page images beside their text
 *   /item/SHA/original      the original bytes, as a download
 *   /item/SHA/pdf           the searchable PDF, when the OCR made one
 *   /item/SHA/page/N.png    page N as an image
 *   /status, /batch         queue status, batch search
 *   /api/search, /api/item/SHA, /api/status, /api/batch   the same as JSON
 *   /static/dokaz.css, /static/dokaz.js
 *
 * Functions: web_handle, web_response_clear, web_default_config.
 */
#include "web/web_private.h"
#include "ingest/evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* web_default_config - loopback only: the collection is sensitive */
void web_default_config(web_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->listen = "127.0.0.1:8080";
    cfg->threads = 4;
}

/* web_response_clear - free body and name, close the file */
void web_response_clear(web_response *resp)
{
    g_free(resp->body);
    g_free(resp->filename);
    if (resp->fd >= 0)
        close(resp->fd);
    memset(resp, 0, sizeof *resp);
    resp->fd = -1;
}

/* page_png - N from "/page/N.png" (1..99999), else 0 */
static int page_png(const char *tail)
{
    int n = 0, digits = 0;
    if (strncmp(tail, "/page/", 6) != 0)
        return 0;
    const char *p = tail + 6;
    for (; *p >= '0' && *p <= '9' && digits < 5; p++, digits++)
        n = n * 10 + (*p - '0');
    return digits > 0 && strcmp(p, ".png") == 0 ? n : 0;
}

/* route_item - /item/SHA[/original|/pdf|/page/N.png] (rest is after "/item/") */
static void route_item(const web_config *cfg, const web_request *req, const char *rest,
                       web_response *resp, int json)
{
    char sha[65];
    size_t n = strcspn(rest, "/");
    if (n != 64) {
        web_error(resp, 404, json, "no such document: an item is named by its 64-digit SHA-256");
        return;
    }
    memcpy(sha, rest, 64);
    sha[64] = '\0';
    if (!evidence_is_sha256(sha)) {
        web_error(resp, 404, json, "no such document: an item is named by its 64-digit SHA-256");
        return;
    }
    const char *tail = rest + 64;
    int page = page_png(tail);
    if (*tail == '\0' || strcmp(tail, "/") == 0)
        page_item(cfg, req, sha, resp, json);
    else if (!json && (strcmp(tail, "/original") == 0 || strcmp(tail, "/pdf") == 0))
        page_item_file(cfg, sha, tail + 1, resp);
    else if (!json && page > 0)
        page_image(cfg, sha, page, resp);
    else
        web_error(resp, 404, json, "no such page of a document");
}

/* web_handle - dispatch on the path */
void web_handle(const web_config *cfg, const web_request *req, web_response *resp)
{
    memset(resp, 0, sizeof *resp);
    resp->fd = -1;
    const char *path = req->path ? req->path : "/";
    int api = strncmp(path, "/api/", 5) == 0;
    const char *p = api ? path + 4 : path;
    int post = req->method && strcmp(req->method, "POST") == 0;
    int get = req->method && (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0);
    int batch = strcmp(p, "/batch") == 0;
    if (!get && !(post && batch)) {
        web_error(resp, 405, api, "this address answers GET%s only", batch ? " and POST" : "");
        return;
    }
    if (!api && (strcmp(p, "/") == 0 || strcmp(p, "/search") == 0))
        page_search(cfg, req, resp, 0);
    else if (api && strcmp(p, "/search") == 0)
        page_search(cfg, req, resp, 1);
    else if (strncmp(p, "/item/", 6) == 0)
        route_item(cfg, req, p + 6, resp, api);
    else if (strcmp(p, "/status") == 0)
        page_status(cfg, req, resp, api);
    else if (batch)
        page_batch(cfg, req, resp, api);
    else if (!api && strncmp(p, "/static/", 8) == 0)
        page_asset(p + 8, resp);
    else
        web_error(resp, 404, api, "nothing here: try the search page");
}
