/*
 * users.c - the users file, DATA/users.json (see auth.h):
 *
 *   {"version": 1,
 *    "users": [{"name": "anna", "role": "admin", "disabled": false,
 *               "password": "$argon2id$...", "collections": []}],
 *    "tokens": [{"id": "…16 hex…", "user": "anna", "hash": "…64 hex…",
 *                "created": 1767225600, "expires": 0}]}
 *
 * Mode 0600, replaced atomically (fs_write_private): a reader sees the old
 * file or the new one. A file that others may read is refused rather than
 * used, so that a copied or mis-restored file is noticed.
 *
 * Functions: auth_db_path, auth_db_load, auth_db_save, auth_db_lock, auth_db_unlock, auth_db_clear,
 * auth_db_user, auth_db_add_user, auth_db_check_password.
 */
#include "auth/auth.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define USERS_VERSION 1

/* checked when the name is unknown, so that a miss costs what a hit does */
static const char decoy_hash[] = "$argon2id$v=19$m=65536,t=2,p=1$iDLh48Ser4Cd+cA73AO+Fw$"
                                 "hfBVQswNJtSEbBCMbzxHI3s8cAM0JFAGQEx3PVCntI4";

/* auth_db_path - join */
char *auth_db_path(const char *data_dir)
{
    return fs_join(data_dir, AUTH_USERS_FILE);
}

/* str - a string member, "" when missing (malloc'd) */
static char *str(json_object *o, const char *key)
{
    json_object *v = NULL;
    return xstrdup(json_object_object_get_ex(o, key, &v) && json_object_get_string(v)
                       ? json_object_get_string(v)
                       : "");
}

/* num - an integer member, 0 when missing */
static long long num(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : 0;
}

/* load_user - one element of "users" */
static int load_user(json_object *o, auth_user *u, char **err)
{
    u->name = str(o, "name");
    u->password = str(o, "password");
    char *role = str(o, "role");
    int bad = auth_role_parse(role, &u->role) != 0 || !auth_name_valid(u->name);
    free(role);
    json_object *v = NULL;
    u->disabled = json_object_object_get_ex(o, "disabled", &v) && json_object_get_boolean(v);
    size_t n = json_object_object_get_ex(o, "collections", &v) &&
                       json_object_is_type(v, json_type_array)
                   ? json_object_array_length(v)
                   : 0;
    u->collections = xcalloc(n + 1, sizeof *u->collections);
    for (size_t i = 0; i < n; i++)
        u->collections[i] = xstrdup(json_object_get_string(json_object_array_get_idx(v, i)));
    return bad ? dk_fail(err, "a user without a valid name or role ('%s')", u->name) : 0;
}

/* load_token - one element of "tokens" */
static void load_token(json_object *o, auth_token *t)
{
    t->id = str(o, "id");
    t->user = str(o, "user");
    t->hash = str(o, "hash");
    t->created = num(o, "created");
    t->expires = num(o, "expires");
}

/* array - a member that must be an array (or missing) */
static size_t array(json_object *root, const char *key, json_object **arr)
{
    *arr = NULL;
    if (!json_object_object_get_ex(root, key, arr) || !json_object_is_type(*arr, json_type_array))
        return 0;
    return json_object_array_length(*arr);
}

/* parse - the whole file's text into db */
static int parse(const char *path, const char *text, auth_db *db, char **err)
{
    json_object *root = json_tokener_parse(text), *arr = NULL;
    if (root == NULL || !json_object_is_type(root, json_type_object)) {
        json_object_put(root);
        return dk_fail(err, "%s is damaged (not a JSON object)", path);
    }
    int rc = 0;
    size_t n = array(root, "users", &arr);
    db->users = xcalloc(n + 1, sizeof *db->users);
    for (size_t i = 0; i < n && rc == 0; i++, db->nusers++)
        if (load_user(json_object_array_get_idx(arr, i), &db->users[i], err) != 0)
            rc = -1;
    n = array(root, "tokens", &arr);
    db->tokens = xcalloc(n + 1, sizeof *db->tokens);
    for (size_t i = 0; i < n && rc == 0; i++, db->ntokens++)
        load_token(json_object_array_get_idx(arr, i), &db->tokens[i]);
    json_object_put(root);
    if (rc != 0)
        auth_db_clear(db);
    return rc;
}

/* auth_db_load - stat (the mode), read, parse */
int auth_db_load(const char *path, auth_db *db, char **err)
{
    memset(db, 0, sizeof *db);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        return dk_fail_errno(err, "cannot read %s", path);
    }
    if (st.st_mode & 077)
        return dk_fail(err, "%s may be read by others than its owner: chmod 600 it", path);
    char *text = NULL;
    size_t len = 0;
    if (fs_read_all(path, &text, &len, err) != 0)
        return -1;
    int rc = parse(path, text, db, err);
    free(text);
    return rc;
}

/* user_json - one user as the file has it */
static json_object *user_json(const auth_user *u)
{
    json_object *o = json_object_new_object(), *c = json_object_new_array();
    json_object_object_add(o, "name", json_object_new_string(u->name));
    json_object_object_add(o, "role", json_object_new_string(auth_role_name(u->role)));
    json_object_object_add(o, "disabled", json_object_new_boolean(u->disabled));
    json_object_object_add(o, "password", json_object_new_string(u->password));
    for (char **p = u->collections; p && *p; p++)
        json_object_array_add(c, json_object_new_string(*p));
    json_object_object_add(o, "collections", c);
    return o;
}

/* token_json - one token as the file has it */
static json_object *token_json(const auth_token *t)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "id", json_object_new_string(t->id));
    json_object_object_add(o, "user", json_object_new_string(t->user));
    json_object_object_add(o, "hash", json_object_new_string(t->hash));
    json_object_object_add(o, "created", json_object_new_int64(t->created));
    json_object_object_add(o, "expires", json_object_new_int64(t->expires));
    return o;
}

/* auth_db_save - JSON, then fs_write_private */
int auth_db_save(const char *path, const auth_db *db, char **err)
{
    json_object *root = json_object_new_object(), *users = json_object_new_array(),
                *tokens = json_object_new_array();
    json_object_object_add(root, "version", json_object_new_int(USERS_VERSION));
    for (size_t i = 0; i < db->nusers; i++)
        json_object_array_add(users, user_json(&db->users[i]));
    for (size_t i = 0; i < db->ntokens; i++)
        json_object_array_add(tokens, token_json(&db->tokens[i]));
    json_object_object_add(root, "users", users);
    json_object_object_add(root, "tokens", tokens);
    const char *text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY);
    int rc = fs_write_private(path, text, strlen(text), err);
    json_object_put(root);
    return rc;
}

/* auth_db_lock - open the lock file, flock it */
int auth_db_lock(const char *path, char **err)
{
    char *lock = xasprintf("%s.lock", path);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
        dk_fail_errno(err, "cannot lock %s", lock);
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    free(lock);
    return fd;
}

/* auth_db_unlock - closing releases the flock */
void auth_db_unlock(int lock)
{
    if (lock >= 0)
        close(lock);
}

/* auth_db_clear - free users, their collections, tokens */
void auth_db_clear(auth_db *db)
{
    for (size_t i = 0; i < db->nusers; i++) {
        free(db->users[i].name);
        free(db->users[i].password);
        for (char **p = db->users[i].collections; p && *p; p++)
            free(*p);
        free(db->users[i].collections);
    }
    for (size_t i = 0; i < db->ntokens; i++) {
        free(db->tokens[i].id);
        free(db->tokens[i].user);
        free(db->tokens[i].hash);
    }
    free(db->users);
    free(db->tokens);
    memset(db, 0, sizeof *db);
}

/* auth_db_user - linear search: a team is tens of people */
auth_user *auth_db_user(const auth_db *db, const char *name)
{
    for (size_t i = 0; name && i < db->nusers; i++)
        if (strcmp(db->users[i].name, name) == 0)
            return &db->users[i];
    return NULL;
}

/* auth_db_add_user - append */
int auth_db_add_user(auth_db *db, const char *name, auth_role role, const char *password,
                     char **err)
{
    if (!auth_name_valid(name))
        return dk_fail(err, "'%s' cannot be a user name (letters, digits, . _ - @; at most %d)",
                       name, AUTH_NAME_MAX);
    if (auth_db_user(db, name))
        return dk_fail(err, "there is a user '%s' already", name);
    char *hash = NULL;
    if (password && auth_password_hash(password, &hash, err) != 0)
        return -1;
    db->users = xrealloc(db->users, (db->nusers + 1) * sizeof *db->users);
    db->users[db->nusers++] = (auth_user){.name = xstrdup(name),
                                          .role = role,
                                          .password = hash ? hash : xstrdup(""),
                                          .collections = xcalloc(1, sizeof(char *))};
    return 0;
}

/* auth_db_check_password - verify against the user's hash, or the decoy */
const auth_user *auth_db_check_password(const auth_db *db, const char *name, const char *password)
{
    const auth_user *u = auth_db_user(db, name);
    int ok = auth_password_check(u && *u->password ? u->password : decoy_hash, password);
    return ok && u && *u->password && !u->disabled ? u : NULL;
}
