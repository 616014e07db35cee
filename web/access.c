/*
 * access.c - the web's side of the access log (auth.h): what each request
 * let its user see, recorded after it is answered, and the "looked at by"
 * list an admin sees on a document's page.
 *
 * Functions: access_record, access_html.
 */
#include "web/web_private.h"
#include "ingest/evidence.h"
#include "common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOOKS_SHOWN 50 /* the latest lines shown on a document's page */

/* item_action - the action and page of /item/SHA[/…]; NULL for anything else */
static const char *item_action(const char *p, char sha[65], int *page)
{
    if (strncmp(p, "/item/", 6) != 0 || strlen(p + 6) < 64)
        return NULL;
    memcpy(sha, p + 6, 64);
    sha[64] = '\0';
    if (!evidence_is_sha256(sha))
        return NULL;
    const char *tail = p + 70;
    if (*tail == '\0' || strcmp(tail, "/") == 0)
        return AUTH_SEEN_ITEM;
    if (strcmp(tail, "/original") == 0)
        return AUTH_SEEN_ORIGINAL;
    if (strcmp(tail, "/pdf") == 0)
        return AUTH_SEEN_PDF;
    if (sscanf(tail, "/page/%d.png", page) == 1)
        return AUTH_SEEN_IMAGE;
    return NULL;
}

/* access_record - one line for a search, document, image, download or
 * batch; other requests (status, static files, log-in) leave none */
void access_record(const web_config *cfg, const char *user, const char *client,
                   const web_request *req, int status)
{
    const char *path = req->path ? req->path : "/";
    const char *p = strncmp(path, "/api/", 5) == 0 ? path + 4 : path;
    int post = req->method && strcmp(req->method, "POST") == 0;
    const char *q = web_param_get(req, "q"), *format = web_param_get(req, "format");
    char sha[65] = "";
    auth_access a = {.user = user, .address = client, .status = status};
    if ((strcmp(p, "/search") == 0 || strcmp(path, "/") == 0) && q && *q) {
        a.action = AUTH_SEEN_SEARCH;
        a.query = q;
    } else if (post && strcmp(p, "/batch") == 0) {
        int csv = format && strcmp(format, "csv") == 0;
        a.action = csv ? AUTH_SEEN_EXPORT : AUTH_SEEN_BATCH;
        a.query = web_param_get(req, "names");
        if (a.query == NULL || *a.query == '\0')
            a.query = web_param_get(req, "file");
    } else if ((a.action = item_action(p, sha, &a.page)) != NULL) {
        a.item = sha;
    } else {
        return;
    }
    char *err = NULL;
    if (auth_access_append(cfg->data_dir, &a, &err) != 0) {
        log_msg(LOG_ERROR, "access log: %s", err);
        free(err);
    }
}

typedef struct {
    const char *sha;
    GPtrArray *lines; /* "time user action" of each look, g_malloc'd */
} looks;

/* add_look - auth_access_each callback: a look at the item */
static int add_look(const auth_access *a, void *ctx)
{
    looks *l = ctx;
    if (a->item == NULL || strcmp(a->item, l->sha) != 0 || a->status != 200)
        return 0;
    g_ptr_array_add(l->lines, g_strdup_printf("%s\t%s\t%s", a->time, a->user, a->action));
    return 0;
}

/* access_html - who has looked at the item, latest first (for admins) */
void access_html(GString *b, const char *data_dir, const char *sha)
{
    looks l = {sha, g_ptr_array_new_with_free_func(g_free)};
    char *err = NULL;
    if (auth_access_each(data_dir, add_look, &l, &err) != 0) {
        html_wrap(b, "<p class=\"error\">", err, "</p>");
        free(err);
    }
    g_string_append_printf(b, "<section class=\"looks\"><h2>Looked at by (%u)</h2>", l.lines->len);
    g_string_append(b, "<table class=\"items\"><tr><th>when</th><th>who</th><th>what</th></tr>");
    for (guint i = l.lines->len; i > 0 && l.lines->len - i < LOOKS_SHOWN; i--) {
        char **f = g_strsplit(g_ptr_array_index(l.lines, i - 1), "\t", 3);
        html_wrap(b, "<tr><td>", f[0], "</td>");
        html_wrap(b, "<td>", f[1], "</td>");
        html_wrap(b, "<td>", f[2], "</td></tr>");
        g_strfreev(f);
    }
    g_string_append(b, "</table></section>");
    g_ptr_array_free(l.lines, TRUE);
}
