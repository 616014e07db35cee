/*
 * session_file.c - the file the web interface's sessions are kept in,
 * DATA/sessions.json (see auth_sessions_keep in auth.h), so that a restart
 * of the server (a reload, an upgrade) logs nobody out.
 *
 * {"sessions":[{"id_hash","user","csrf","started","used"}]}: a session's id
 * is never written, only its BLAKE2b hash, so the file opens no session; the
 * CSRF token is kept as is (it is worth nothing without the id). Mode 0600,
 * replaced atomically. An entry that is not what we write is refused with
 * the whole file: the server then starts with no sessions.
 *
 * Functions: auth_session_file_load, auth_session_file_save.
 */
#include "auth/auth_int.h"
#include "common/error.h"
#include "common/fsutil.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* hex64 - a string of AUTH_ID_HEX lowercase hex digits */
static int hex64(const char *s)
{
    return s && strlen(s) == AUTH_ID_HEX && strspn(s, "0123456789abcdef") == AUTH_ID_HEX;
}

/* entry_of - one object of the file as a session, or NULL if it is none */
static auth_session_entry *entry_of(json_object *o, const char **hash)
{
    json_object *v[5] = {NULL};
    const char *keys[] = {"id_hash", "user", "csrf", "started", "used"};
    for (int i = 0; i < 5; i++)
        if (!json_object_object_get_ex(o, keys[i], &v[i]))
            return NULL;
    const char *user = json_object_get_string(v[1]), *csrf = json_object_get_string(v[2]);
    *hash = json_object_get_string(v[0]);
    if (!hex64(*hash) || !hex64(csrf) || !auth_name_valid(user) ||
        !json_object_is_type(v[3], json_type_int) || !json_object_is_type(v[4], json_type_int))
        return NULL;
    auth_session_entry *e = g_new0(auth_session_entry, 1);
    g_strlcpy(e->user, user, sizeof e->user);
    g_strlcpy(e->csrf, csrf, sizeof e->csrf);
    e->started = json_object_get_int64(v[3]);
    e->used = json_object_get_int64(v[4]);
    return e;
}

/* auth_session_file_load - stat (the mode), read, parse every entry */
int auth_session_file_load(const char *path, GHashTable *table, size_t room, char **err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return errno == ENOENT ? 0 : dk_fail_errno(err, "cannot read %s", path);
    if (st.st_mode & 077)
        return dk_fail(err, "%s may be read by others than its owner", path);
    char *text = NULL;
    size_t len = 0;
    if (fs_read_all(path, &text, &len, err) != 0)
        return -1;
    json_object *root = json_tokener_parse(text), *list = NULL;
    free(text);
    int rc = 0;
    if (!json_object_object_get_ex(root, "sessions", &list) ||
        !json_object_is_type(list, json_type_array))
        rc = dk_fail(err, "%s is damaged: no list of sessions", path);
    GHashTable *read = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (size_t i = 0; rc == 0 && i < json_object_array_length(list); i++) {
        const char *hash = NULL;
        auth_session_entry *e = entry_of(json_object_array_get_idx(list, i), &hash);
        if (e == NULL)
            rc = dk_fail(err, "%s is damaged: session %zu is not one", path, i + 1);
        else if (g_hash_table_size(read) < room)
            g_hash_table_replace(read, g_strdup(hash), e);
        else
            g_free(e);
    }
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, read);
    while (rc == 0 && g_hash_table_iter_next(&it, &key, &value)) {
        g_hash_table_replace(table, key, value);
        g_hash_table_iter_steal(&it);
    }
    g_hash_table_destroy(read);
    json_object_put(root);
    return rc;
}

/* auth_session_file_save - every entry, then fs_write_private */
int auth_session_file_save(const char *path, GHashTable *table, char **err)
{
    json_object *root = json_object_new_object(), *list = json_object_new_array();
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, table);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const auth_session_entry *e = value;
        json_object *o = json_object_new_object();
        json_object_object_add(o, "id_hash", json_object_new_string(key));
        json_object_object_add(o, "user", json_object_new_string(e->user));
        json_object_object_add(o, "csrf", json_object_new_string(e->csrf));
        json_object_object_add(o, "started", json_object_new_int64(e->started));
        json_object_object_add(o, "used", json_object_new_int64(e->used));
        json_object_array_add(list, o);
    }
    json_object_object_add(root, "sessions", list);
    const char *text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN);
    int rc = fs_write_private(path, text, strlen(text), err);
    json_object_put(root);
    return rc;
}
