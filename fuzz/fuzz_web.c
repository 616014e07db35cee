/*
 * fuzz_web.c - feeds arbitrary requests to the web interface's request
 * handling (web_handle: routing on the path, the search form's and the API's
 * query parameters, the batch form's list of names, item addresses), on a
 * data directory with one indexed document made once. The input is
 * "METHOD\nPATH\nname=value&name=value..." with the values raw (a value may
 * hold newlines, as a batch list does); what libmicrohttpd does before
 * (percent-decoding, forms, multipart) is fuzz_http's. Must hold: no crash,
 * leak or undefined behaviour; a known status; every /api/ answer is JSON;
 * nothing the request said comes back as markup ("<fuzz" never appears in an
 * HTML page unescaped; JSON, sent as such with nosniff, may carry it).
 */
#include "harness.h"
#include "index/index.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "web/web.h"

#include <glib.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#define SHA "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define TEXT "ПРИГОВОР по делу № 1-234/2024. Иванов Сергей осуждён по ч. 1 ст. 342 УК."

static web_config cfg;

/* add_document - one received, processed and indexed text document */
static void add_document(const char *dir)
{
    item_reception r = {.path = "/inbox/verdict.txt", .name = "verdict.txt", .size = 10};
    item_result *result = item_result_new(SHA);
    item_page page = {.number = 1, .text = TEXT, .source = ITEM_SOURCE_PLAIN, .confidence = -1};
    item_result_add_page(result, &page);
    item_result_set_outcome(result, "text/plain", ITEM_DONE, NULL);
    char *index_dir = g_build_filename(dir, "index", NULL);
    index_writer *w = index_writer_open(index_dir, NULL);
    index_item item = {.sha256 = SHA,
                       .name = "verdict.txt",
                       .path = "/inbox/verdict.txt",
                       .mime = "text/plain",
                       .status = "done"};
    if (queue_init(dir, NULL) != 0 || item_reception_add(dir, SHA, &r, NULL) != 0 ||
        item_result_save(dir, result, NULL) != 0 || w == NULL ||
        index_add_page(w, &item, 1, TEXT, NULL, NULL) != 0 || index_commit(w, NULL) != 0)
        abort();
    index_writer_close(w);
    item_result_free(result);
    g_free(index_dir);
}

/* LLVMFuzzerInitialize - the data directory and the configuration */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = fuzz_data_dir("web");
    add_document(dir);
    web_default_config(&cfg);
    cfg.data_dir = dir;
    return 0;
}

/* split_params - "a=b&c" into name/value pairs (in place; value "" without '=') */
static web_param *split_params(char *s, size_t *n)
{
    size_t cap = 1;
    for (char *p = s; *p; p++)
        cap += *p == '&';
    web_param *params = g_new0(web_param, cap);
    *n = 0;
    for (char *tok = s, *next; tok != NULL; tok = next) {
        next = strchr(tok, '&');
        if (next != NULL)
            *next++ = '\0';
        char *eq = strchr(tok, '=');
        if (eq != NULL)
            *eq = '\0';
        params[(*n)++] = (web_param){tok, eq ? eq + 1 : ""};
    }
    return params;
}

/* check_response - the properties in the header */
static void check_response(const web_response *resp, int api)
{
    static const int known[] = {200, 400, 404, 405, 413, 421, 500};
    int ok = 0;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        ok |= resp->status == known[i];
    if (!ok || (resp->len > 0 && resp->body == NULL))
        abort();
    if (resp->body == NULL || resp->fd >= 0)
        return;
    char *body = g_strndup(resp->body, resp->len);
    if (resp->type != NULL && strstr(resp->type, "html") != NULL && strstr(body, "<fuzz") != NULL)
        abort(); /* the request's own markup in a page */
    if (api) {
        json_object *o = json_tokener_parse(body);
        if (o == NULL)
            abort();
        json_object_put(o);
    }
    g_free(body);
}

/* LLVMFuzzerTestOneInput - one request through web_handle */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    char *method = text, *path = strchr(method, '\n'), *query = NULL;
    if (path != NULL) {
        *path++ = '\0';
        query = strchr(path, '\n');
        if (query != NULL)
            *query++ = '\0';
    }
    char none[1] = "";
    size_t n = 0;
    web_param *params = split_params(query ? query : none, &n);
    web_request req = {.method = method, .path = path, .params = params, .nparams = n};
    web_response resp;
    web_handle(&cfg, &req, &resp);
    check_response(&resp, path != NULL && strncmp(path, "/api/", 5) == 0);
    web_response_clear(&resp);
    g_free(params);
    free(text);
    return 0;
}
