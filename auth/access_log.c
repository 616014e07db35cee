/*
 * access_log.c - who saw what: DATA/access.log (see auth.h), a hash-chained
 * JSON-lines file (common/chain.h) that only its owner may read.
 *
 * A line is not synced to disk on its own: the log is written on every
 * request, and a crash may lose its last lines, never break its chain.
 *
 * Functions: auth_access_append, auth_access_each, auth_access_verify.
 */
#include "auth/auth.h"
#include "common/chain.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_KEPT 2000 /* bytes of a query or batch text kept */

/* add_string - key: s, or null */
static void add_string(json_object *o, const char *key, const char *s)
{
    json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

/* auth_access_append - the line as JSON, chained */
int auth_access_append(const char *data_dir, const auth_access *a, char **err)
{
    char now[40];
    json_object *o = json_object_new_object();
    add_string(o, "time", log_utc_now(now, sizeof now));
    add_string(o, "user", a->user);
    add_string(o, "address", a->address);
    add_string(o, "action", a->action);
    add_string(o, "item", a->item);
    json_object_object_add(o, "page", json_object_new_int(a->page));
    char *query = NULL;
    if (a->query != NULL && strlen(a->query) > QUERY_KEPT) {
        const char *end = g_utf8_find_prev_char(a->query, a->query + QUERY_KEPT + 1);
        query = g_strdup_printf("%.*s…", (int)(end - a->query), a->query);
    }
    add_string(o, "query", query ? query : a->query);
    g_free(query);
    json_object_object_add(o, "status", json_object_new_int(a->status));
    char *path = fs_join(data_dir, AUTH_ACCESS_FILE);
    int rc = chain_append(path, o, 0600, 0, err);
    free(path);
    json_object_put(o);
    return rc;
}

/* text - a member's string, or NULL */
static const char *text(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

/* number - a member's integer, or 0 */
static int number(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_int)
               ? json_object_get_int(v)
               : 0;
}

typedef struct {
    auth_access_fn fn;
    void *ctx;
} each_state;

/* call - chain_each callback: a line with time, user and action, typed */
static int call(json_object *line, size_t n, void *ctx)
{
    (void)n;
    each_state *e = ctx;
    auth_access a = {
        .time = text(line, "time"),
        .user = text(line, "user"),
        .address = text(line, "address"),
        .action = text(line, "action"),
        .item = text(line, "item"),
        .page = number(line, "page"),
        .query = text(line, "query"),
        .status = number(line, "status"),
    };
    if (a.time == NULL || a.user == NULL || a.action == NULL)
        return 0;
    return e->fn(&a, e->ctx);
}

/* auth_access_each - every record */
int auth_access_each(const char *data_dir, auth_access_fn fn, void *ctx, char **err)
{
    each_state e = {fn, ctx};
    char *path = fs_join(data_dir, AUTH_ACCESS_FILE);
    int rc = chain_each(path, call, &e, NULL, err);
    free(path);
    return rc;
}

/* auth_access_verify - the chain */
int auth_access_verify(const char *data_dir, size_t *lines, char **err)
{
    char *path = fs_join(data_dir, AUTH_ACCESS_FILE);
    int rc = chain_verify(path, lines, err);
    free(path);
    return rc;
}
