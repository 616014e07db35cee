/*
 * auth_int.h - private to auth/: the session table's layout, shared by
 * sessions.c (the table) and session_file.c (the file it is kept in), and
 * the hash under which secrets (tokens, session ids) are kept.
 */
#ifndef DOKAZ_AUTH_INT_H
#define DOKAZ_AUTH_INT_H

#include "auth/auth.h"

#include <glib.h>

#define AUTH_MAX_SESSIONS 10000

/* One session; the table's key is the hash of its id (auth_secret_hash). */
typedef struct {
    char user[AUTH_NAME_MAX + 1];
    char csrf[AUTH_ID_HEX + 1];
    long long started, used;
} auth_session_entry;

struct auth_sessions {
    GMutex lock;
    GHashTable *by_hash; /* g_strdup'd hash of the id -> g_new'd auth_session_entry */
    long idle, max;
    char *path;      /* the file the table is kept in (g_free), or NULL */
    long long saved; /* when it was last written */
};

/* auth_secret_hash - BLAKE2b-256 of a secret, hex, into out (AUTH_ID_HEX + 1) */
void auth_secret_hash(const char *secret, char *out);

/* auth_session_file_load - add the sessions of the file at path to the table
 * (hash -> entry), at most `room` of them; a missing file adds nothing. Fails
 * on a damaged file, or one that others than its owner may read. */
int auth_session_file_load(const char *path, GHashTable *table, size_t room, char **err);

/* auth_session_file_save - write the table to path atomically, mode 0600 */
int auth_session_file_save(const char *path, GHashTable *table, char **err);

#endif
