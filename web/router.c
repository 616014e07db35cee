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
 *   /login, /logout         with accounts: the log-in page, the end of a session
 *   /admin                  with accounts, for admins: users and API tokens
 *
 * With accounts (web_dispatch's gate holds users), everything but /login and
 * /static/ needs a session or an API token: pages send the browser to the
 * log-in page, the API answers 401. A POST made with a session must carry
 * the session's CSRF token (field `csrf`). Roles: originals, searchable PDFs
 * and batch search need an investigator. Every page shows who is logged in
 * and a log-out button (user_bar), and every handler gets the user in
 * req->user. A user sees only the collections granted: searches, facets,
 * counts and batches are filtered in the index, and an item outside them
 * (its page, images, original, PDF) answers 404, as one that does not exist.
 * With DATA/shards.conf, an item only a shard holds is read from that
 * shard's files, fetched into the cache (fetch/fetch.h); a shard whose files
 * cannot be read answers 502 with the shard named.
 *
 * Functions: web_handle, web_dispatch, web_redirect, web_response_clear.
 */
#include "web/web_private.h"
#include "fetch/fetch.h"
#include "ingest/evidence.h"
#include "common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* web_response_clear - free body and name, close the file */
void web_response_clear(web_response *resp)
{
    g_free(resp->body);
    g_free(resp->filename);
    g_free(resp->location);
    g_free(resp->cookie);
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

/* visible - 1 if the asker may see the item: with collections, only an
 * item the index holds in one of them (asked of the index, as a search is);
 * the operator and admins see every stored item */
static int visible(const web_config *cfg, const web_request *req, const char *sha)
{
    const char *const *mine = web_user_collections(req->user);
    if (mine == NULL)
        return 1;
    char *dir = g_build_filename(cfg->data_dir, "index", NULL), *err = NULL;
    int rc = index_item_visible(dir, sha, mine, &err);
    if (rc < 0)
        log_msg(LOG_WARN, "cannot check %.12s's collections: %s", sha, err);
    free(err);
    g_free(dir);
    return rc == 1;
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
    if (!visible(cfg, req, sha)) {
        web_error(resp, 404, json, "no such document");
        return;
    }
    int page = page_png(tail), whole = *tail == '\0' || strcmp(tail, "/") == 0;
    int original = !json && strcmp(tail, "/original") == 0;
    if (!whole && !original && !(!json && strcmp(tail, "/pdf") == 0) && !(!json && page > 0)) {
        web_error(resp, 404, json, "no such page of a document");
        return;
    }
    fetch_place place; /* here, or fetched from the shard that holds it */
    char *why = NULL;
    if (fetch_item(cfg->data_dir, sha, original || page > 0 ? FETCH_ORIGINAL : FETCH_RECORDS,
                   &place, &why) < 0) {
        web_error(resp, 502, json, "%s", why);
        free(why);
        fetch_place_clear(&place);
        return;
    }
    web_config at = *cfg;
    at.data_dir = place.data_dir;
    at.shard = place.shard;
    if (whole)
        page_item(&at, req, sha, resp, json);
    else if (page > 0)
        page_image(&at, sha, page, resp);
    else
        page_item_file(&at, sha, tail + 1, resp);
    fetch_place_clear(&place);
}

/* route - dispatch on the path */
static void route(const web_config *cfg, const web_request *req, web_response *resp)
{
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
    else if (strcmp(p, "/persons") == 0)
        page_persons(cfg, req, resp, api);
    else if (strncmp(p, "/person/", 8) == 0 && p[8] != '\0')
        page_person(cfg, req, p + 8, resp, api);
    else if (!api && strncmp(p, "/static/", 8) == 0)
        page_asset(p + 8, resp);
    else
        web_error(resp, 404, api, "nothing here: try the search page");
}

/* web_redirect - 303 See Other, with a short page for clients that do not follow */
void web_redirect(web_response *resp, const char *location)
{
    web_error(resp, 303, 0, "see %s", location);
    resp->location = g_strdup(location);
}

/* needed_role - the role a path needs */
static auth_role needed_role(const char *path)
{
    const char *p = strncmp(path, "/api/", 5) == 0 ? path + 4 : path;
    size_t n = strlen(p);
    if (strcmp(path, "/admin") == 0)
        return AUTH_ADMIN;
    if (strcmp(p, "/batch") == 0 ||
        (strncmp(p, "/item/", 6) == 0 && ((n > 9 && strcmp(p + n - 9, "/original") == 0) ||
                                          (n > 4 && strcmp(p + n - 4, "/pdf") == 0))))
        return AUTH_INVESTIGATOR;
    return AUTH_READER;
}

/* user_bar - the user's name and a log-out button, into the page's header */
static void user_bar(const web_user *user, web_response *resp)
{
    const char *end = resp->body && resp->type && strncmp(resp->type, "text/html", 9) == 0
                          ? g_strstr_len(resp->body, (gssize)resp->len, "</header>")
                          : NULL;
    if (end == NULL)
        return;
    GString *b = g_string_new_len(resp->body, end - resp->body);
    html_wrap(b, "<div class=\"user\"><span class=\"who\">", user->name, "</span> ");
    html_wrap(b, "<span class=\"role\">", auth_role_name(user->role), "</span>");
    if (user->role >= AUTH_ADMIN)
        g_string_append(b, "<a href=\"/admin\">Users</a>");
    if (user->csrf[0])
        g_string_append_printf(b,
                               "<form action=\"/logout\" method=\"post\"><input type=\"hidden\" "
                               "name=\"csrf\" value=\"%s\"><button type=\"submit\">Log out"
                               "</button></form>",
                               user->csrf);
    g_string_append(b, "</div>");
    g_string_append_len(b, end, (gssize)(resp->len - (size_t)(end - resp->body)));
    g_free(resp->body);
    resp->len = b->len;
    resp->body = g_string_free(b, FALSE);
}

/* logout - end the session; the browser forgets the cookie and its cache */
static void logout(const web_config *cfg, web_gate *gate, const web_caller *caller,
                   web_response *resp)
{
    gate_logout(gate, caller->cookie);
    web_redirect(resp, "/login");
    resp->cookie = g_strdup_printf(WEB_SESSION_COOKIE
                                   "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
                                   cfg->tls_cert ? "; Secure" : "");
    resp->logout = 1;
}

/* in_turn - route once the gate gives a turn: a batch search one of the
 * batches' turns (and only one a user at a time), anything else one of the
 * others' */
static void in_turn(const web_config *cfg, web_gate *gate, const web_request *req,
                    web_response *resp, int api)
{
    const char *path = req->path ? req->path : "/";
    int batch = req->method && strcmp(req->method, "POST") == 0 &&
                strcmp(api ? path + 4 : path, "/batch") == 0;
    const char *user = batch && req->user ? req->user->name : NULL;
    if (user && gate_batch_begin(gate, user) != 0) {
        web_error(resp, 429, api, "a batch search is running already: wait for it to end");
        return;
    }
    turns *t = gate_turns(gate, batch);
    turn_take(t);
    route(cfg, req, resp);
    turn_give(t);
    if (user)
        gate_batch_end(gate, user);
}

/* dispatch - the gate, then route, as `user` once identified */
static void dispatch(const web_config *cfg, web_gate *gate, const web_caller *caller,
                     const web_request *req, web_response *resp, web_user *out)
{
    memset(resp, 0, sizeof *resp);
    resp->fd = -1;
    const char *path = req->path ? req->path : "/";
    int api = strncmp(path, "/api/", 5) == 0;
    if (gate == NULL || strncmp(path, "/static/", 8) == 0) {
        route(cfg, req, resp);
        return;
    }
    if (!gate_accounts(gate)) {
        in_turn(cfg, gate, req, resp, api);
        return;
    }
    if (strcmp(path, "/login") == 0) { /* a password's hash is work too */
        turns *t = gate_turns(gate, 0);
        turn_take(t);
        page_login(cfg, gate, caller, req, resp);
        turn_give(t);
        return;
    }
    if (gate_identify(gate, caller->cookie, caller->bearer, out) != 0) {
        if (api) {
            web_error(resp, 401, 1, "log in, or send an API token (Authorization: Bearer)");
        } else {
            GString *to = g_string_new("/login?next=");
            html_url(to, path);
            web_redirect(resp, to->str);
            g_string_free(to, TRUE);
        }
        return;
    }
    web_user user = *out; /* a copy; out keeps the collections to free */
    int post = req->method && strcmp(req->method, "POST") == 0;
    if (post && user.csrf[0] && !auth_csrf_check(user.csrf, web_param_get(req, "csrf"))) {
        web_error(resp, 403, api, "this form is stale or came from elsewhere: reload the page");
        return;
    }
    if (strcmp(path, "/logout") == 0) {
        if (post)
            logout(cfg, gate, caller, resp);
        else
            web_error(resp, 405, 0, "log out with the button at the top of every page");
        return;
    }
    if (user.role < needed_role(path)) {
        web_error(resp, 403, api, "your role (%s) may not do this", auth_role_name(user.role));
        return;
    }
    web_request mine = *req;
    mine.user = &user;
    if (strcmp(path, "/admin") == 0)
        page_admin(cfg, &mine, resp);
    else
        in_turn(cfg, gate, &mine, resp, api);
    user_bar(&user, resp);
}

/* web_dispatch - the gate, then route; what was seen into the access log */
void web_dispatch(const web_config *cfg, web_gate *gate, const web_caller *caller,
                  const web_request *req, web_response *resp)
{
    web_user user = {0};
    dispatch(cfg, gate, caller, req, resp, &user);
    if (gate != NULL && resp->status != 401 && resp->status != 303)
        access_record(cfg, user.name[0] ? user.name : "-", caller->client, req,
                      resp->status ? resp->status : 200);
    web_user_clear(&user);
}

/* web_handle - no gate: the operator alone */
void web_handle(const web_config *cfg, const web_request *req, web_response *resp)
{
    web_dispatch(cfg, NULL, NULL, req, resp);
}
