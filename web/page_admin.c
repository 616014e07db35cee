/*
 * page_admin.c - the admin page: the team's users and API tokens, and forms
 * to add a user, disable one, make a token (shown once) and revoke one.
 *
 * It changes DATA/users.json as `dokaz user` and `dokaz token` do: load,
 * change and save under the file's lock, so that neither loses the other's
 * change; the gate reads the file again at the next request. Only admins
 * reach it (the router), and its forms carry the session's CSRF token.
 *
 * Functions: page_admin.
 */
#include "web/web_private.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIN_PASSWORD 10

/* hidden_csrf - the session's token as a hidden field */
static void hidden_csrf(GString *b, const web_user *user)
{
    g_string_append_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", user->csrf);
}

/* action_button - a one-button form posting action=what, name=value */
static void action_button(GString *b, const web_user *user, const char *what, const char *name,
                          const char *value, const char *label)
{
    g_string_append_printf(b,
                           "<form method=\"post\" action=\"/admin\">"
                           "<input type=\"hidden\" name=\"action\" value=\"%s\">"
                           "<input type=\"hidden\" name=\"%s\" value=\"",
                           what, name);
    html_text(b, value);
    g_string_append(b, "\">");
    hidden_csrf(b, user);
    g_string_append_printf(b, "<button type=\"submit\">%s</button></form>", label);
}

/* users_html - the users table */
static void users_html(GString *b, const auth_db *db, const web_user *user)
{
    g_string_append(b, "<h2>Users</h2><table class=\"users\"><tr><th>name</th><th>role</th>"
                       "<th>state</th><th></th></tr>");
    for (size_t i = 0; i < db->nusers; i++) {
        const auth_user *u = &db->users[i];
        html_wrap(b, "<tr><td class=\"name\">", u->name, "</td>");
        html_wrap(b, "<td>", auth_role_name(u->role), "</td>");
        html_wrap(b, "<td>", u->disabled ? "disabled" : "enabled", "</td><td>");
        if (!u->disabled && strcmp(u->name, user->name) != 0)
            action_button(b, user, "disable", "name", u->name, "Disable");
        g_string_append(b, "</td></tr>");
    }
    g_string_append(b, "</table><h3>Add a user</h3><form class=\"login\" method=\"post\" "
                       "action=\"/admin\"><input type=\"hidden\" name=\"action\" value=\"add\">");
    hidden_csrf(b, user);
    g_string_append(b, "<label for=\"new-name\">Name</label><input id=\"new-name\" name=\"name\" "
                       "required><label for=\"new-role\">Role</label><select id=\"new-role\" "
                       "name=\"role\"><option>reader</option><option>investigator</option>"
                       "<option>admin</option></select><label for=\"new-password\">Password (at "
                       "least 10 characters)</label><input id=\"new-password\" name=\"password\" "
                       "type=\"password\" autocomplete=\"new-password\" required><div "
                       "class=\"buttons\"><button type=\"submit\">Add</button></div></form>");
}

/* tokens_html - the tokens table and the form for a new one */
static void tokens_html(GString *b, const auth_db *db, const web_user *user)
{
    g_string_append(b, "<h2>API tokens</h2><table class=\"tokens\"><tr><th>id</th><th>user</th>"
                       "<th>expires</th><th></th></tr>");
    for (size_t i = 0; i < db->ntokens; i++) {
        const auth_token *t = &db->tokens[i];
        char when[AUTH_TIME_TEXT];
        auth_token_expiry(t, when);
        html_wrap(b, "<tr><td class=\"id\">", t->id, "</td>");
        html_wrap(b, "<td>", t->user, "</td>");
        html_wrap(b, "<td>", when, "</td><td>");
        action_button(b, user, "revoke", "id", t->id, "Revoke");
        g_string_append(b, "</td></tr>");
    }
    g_string_append(b, "</table><h3>Make a token</h3><form class=\"login\" method=\"post\" "
                       "action=\"/admin\"><input type=\"hidden\" name=\"action\" value=\"token\">");
    hidden_csrf(b, user);
    g_string_append(b, "<label for=\"token-user\">For the user</label><input id=\"token-user\" "
                       "name=\"name\" required><label for=\"token-days\">Days until it expires "
                       "(0: never)</label><input id=\"token-days\" name=\"days\" value=\"90\">"
                       "<div class=\"buttons\"><button type=\"submit\">Make</button></div></form>");
}

/* change - one action on the db; a message for the page; *token when one was made */
static char *change(const web_request *req, auth_db *db, char **token)
{
    const char *action = web_param_get(req, "action"), *name = web_param_get(req, "name");
    const char *password = web_param_get(req, "password"), *role = web_param_get(req, "role");
    char *err = NULL;
    auth_role r = AUTH_READER;
    auth_user *u = auth_db_user(db, name);
    long days = 0;
    const char *d = web_param_get(req, "days");
    if (g_strcmp0(action, "add") == 0) {
        if (password == NULL || strlen(password) < MIN_PASSWORD || auth_role_parse(role, &r) != 0)
            return g_strdup("A user needs a role and a password of at least 10 characters.");
        if (auth_db_add_user(db, name ? name : "", r, password, &err) != 0)
            goto failed;
        return g_strdup_printf("Added %s.", name);
    } else if (g_strcmp0(action, "disable") == 0 && u) {
        if (strcmp(u->name, req->user->name) == 0)
            return g_strdup("You cannot disable yourself.");
        u->disabled = 1;
        return g_strdup_printf("Disabled %s.", name);
    } else if (g_strcmp0(action, "token") == 0) {
        days = d ? strtol(d, NULL, 10) : 0;
        if (auth_db_add_token(db, name ? name : "", days > 0 ? days : 0, (long long)time(NULL),
                              token, &err) != 0)
            goto failed;
        return g_strdup_printf("A token for %s: copy it now, it is shown only once.", name);
    } else if (g_strcmp0(action, "revoke") == 0) {
        if (auth_db_revoke_token(db, web_param_get(req, "id") ? web_param_get(req, "id") : "",
                                 &err) != 0)
            goto failed;
        return g_strdup("Revoked the token.");
    }
    return g_strdup("Nothing to do.");
failed:;
    char *msg = g_strdup(err ? err : "failed");
    free(err);
    return msg;
}

/* page_admin - GET: the lists; POST: one change, then the lists */
void page_admin(const web_config *cfg, const web_request *req, web_response *resp)
{
    char *path = auth_db_path(cfg->data_dir), *err = NULL, *msg = NULL, *token = NULL;
    int lock = auth_db_lock(path, &err);
    auth_db db;
    if (lock < 0 || auth_db_load(path, &db, &err) != 0) {
        web_error(resp, 500, 0, "%s", err ? err : "cannot read the users file");
        free(err);
        auth_db_unlock(lock);
        free(path);
        return;
    }
    if (strcmp(req->method, "POST") == 0) {
        msg = change(req, &db, &token);
        if (auth_db_save(path, &db, &err) != 0) {
            g_free(msg);
            msg = g_strdup(err);
            free(err);
        }
    }
    auth_db_unlock(lock);
    GString *b = html_begin("Users and tokens", NULL);
    g_string_append(b, "<h1>Users and tokens</h1>");
    if (msg)
        html_wrap(b, "<p class=\"message\" role=\"status\">", msg, "</p>");
    if (token)
        html_wrap(b, "<p><code class=\"token\">", token, "</code></p>");
    users_html(b, &db, req->user);
    tokens_html(b, &db, req->user);
    html_finish(b, resp);
    g_free(msg);
    free(token);
    auth_db_clear(&db);
    free(path);
}
