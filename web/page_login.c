/*
 * page_login.c - the log-in page, and the session cookie it sets.
 *
 * The cookie is HttpOnly (no script reads it), SameSite=Strict (no other site
 * sends it) and, under TLS, Secure. Failed log-ins are limited per account
 * and per address (gate_login); the page says how long to wait. `next` brings
 * the user back where the log-in interrupted them, but only to a path of this
 * server.
 *
 * Functions: page_login.
 */
#include "web/web_private.h"

#include <string.h>

/* local_path - `next` if it is a path on this server, else "/" */
static const char *local_path(const char *next)
{
    if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
        strpbrk(next, "\r\n") != NULL)
        return "/";
    return next;
}

/* form - the page with the form and, if any, what went wrong */
static void form(const char *next, const char *name, const char *problem, int status,
                 web_response *resp)
{
    GString *b = html_begin("Log in", NULL);
    g_string_append(b, "<h1>Log in</h1>");
    if (problem)
        html_wrap(b, "<p class=\"error\" role=\"alert\">", problem, "</p>");
    g_string_append(b, "<form class=\"login\" action=\"/login\" method=\"post\">"
                       "<label for=\"name\">Name</label>"
                       "<input id=\"name\" name=\"name\" autocomplete=\"username\" required "
                       "value=\"");
    html_text(b, name);
    g_string_append(b, "\"><label for=\"password\">Password</label>"
                       "<input id=\"password\" name=\"password\" type=\"password\" "
                       "autocomplete=\"current-password\" required>"
                       "<input type=\"hidden\" name=\"next\" value=\"");
    html_text(b, local_path(next));
    g_string_append(b, "\"><div class=\"buttons\"><button type=\"submit\">Log in</button>"
                       "</div></form>");
    html_finish(b, resp);
    resp->status = status;
}

/* page_login - GET: the form; POST: check, then a session and back to `next` */
void page_login(const web_config *cfg, web_gate *gate, const web_caller *caller,
                const web_request *req, web_response *resp)
{
    const char *next = web_param_get(req, "next"), *name = web_param_get(req, "name");
    const char *password = web_param_get(req, "password");
    if (strcmp(req->method, "POST") != 0) {
        form(next, "", NULL, 200, resp);
        return;
    }
    if (name == NULL || password == NULL || !auth_name_valid(name)) {
        form(next, "", "Give your name and password.", 400, resp);
        return;
    }
    char id[AUTH_ID_HEX + 1];
    web_user user;
    long wait = gate_login(gate, name, password, caller->client ? caller->client : "", id, &user);
    if (wait > 0) {
        char *msg = g_strdup_printf("Too many failed log-ins for this account or from this "
                                    "address: try again in %ld minute%s.",
                                    (wait + 59) / 60, (wait + 59) / 60 == 1 ? "" : "s");
        form(next, name, msg, 429, resp);
        g_free(msg);
        return;
    }
    if (wait < 0) {
        form(next, name, "Wrong name or password.", 401, resp);
        return;
    }
    web_redirect(resp, local_path(next));
    resp->cookie = g_strdup_printf(WEB_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s",
                                   id, cfg->tls_cert ? "; Secure" : "");
}
