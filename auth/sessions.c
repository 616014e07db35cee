/*
 * sessions.c - the web interface's sessions (see auth.h): a table from a
 * random 256-bit id to its user, CSRF token and times, behind one mutex.
 *
 * The id is the cookie's value; the CSRF token goes into every form the
 * session's pages hold and must come back with each POST. A session ends at
 * logout, after `idle` seconds unused, or `max` seconds after it began,
 * whichever comes first. At most AUTH_MAX_SESSIONS live at once: past that,
 * the timed-out ones are swept, then the oldest is ended.
 *
 * The table holds a hash of each id, never the id: so does the file it may be
 * kept in (auth_sessions_keep, session_file.c), written on every start and
 * end, at most once a minute for a session's last use, and when the table is
 * freed (so only a crash may bring a session's idle end up to a minute
 * closer).
 *
 * Functions: auth_sessions_new, auth_sessions_free, auth_sessions_keep,
 * auth_session_start, auth_session_find, auth_session_end,
 * auth_sessions_end_user, auth_csrf_check.
 */
#include "auth/auth_int.h"
#include "common/log.h"

#include <glib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define SAVE_USE_EVERY_S 60 /* a session's last use reaches the file this often */

typedef auth_session_entry session;

/* auth_sessions_new - an empty table */
auth_sessions *auth_sessions_new(long idle_s, long max_s)
{
    auth_sessions *s = g_new0(auth_sessions, 1);
    g_mutex_init(&s->lock);
    s->by_hash = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    s->idle = idle_s;
    s->max = max_s;
    return s;
}

/* save - write the table to its file, if it has one (locked) */
static void save(auth_sessions *s, long long now)
{
    char *err = NULL;
    if (s->path == NULL)
        return;
    s->saved = now;
    if (auth_session_file_save(s->path, s->by_hash, &err) != 0) {
        log_msg(LOG_WARN, "%s; a restart will log users out", err);
        free(err);
    }
}

/* auth_sessions_free - the last uses into the file, then the table and every session */
void auth_sessions_free(auth_sessions *s)
{
    if (s == NULL)
        return;
    save(s, s->saved);
    g_hash_table_destroy(s->by_hash);
    g_mutex_clear(&s->lock);
    g_free(s->path);
    g_free(s);
}

/* timed_out - past the idle or the absolute time-out */
static int timed_out(const auth_sessions *s, const session *e, long long now)
{
    return now - e->used >= s->idle || now - e->started >= s->max;
}

/* sweep - end timed-out sessions, then the oldest while there are too many (locked) */
static void sweep(auth_sessions *s, long long now)
{
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, s->by_hash);
    while (g_hash_table_iter_next(&it, &key, &value))
        if (timed_out(s, value, now))
            g_hash_table_iter_remove(&it);
    while (g_hash_table_size(s->by_hash) >= AUTH_MAX_SESSIONS) {
        gpointer oldest = NULL;
        long long when = 0;
        g_hash_table_iter_init(&it, s->by_hash);
        while (g_hash_table_iter_next(&it, &key, &value))
            if (oldest == NULL || ((session *)value)->started < when) {
                oldest = key;
                when = ((session *)value)->started;
            }
        g_hash_table_remove(s->by_hash, oldest);
    }
}

/* auth_sessions_keep - take in the file's live sessions, then keep it */
int auth_sessions_keep(auth_sessions *s, const char *path, long long now, char **err)
{
    g_mutex_lock(&s->lock);
    g_free(s->path);
    s->path = g_strdup(path);
    int rc = auth_session_file_load(path, s->by_hash, AUTH_MAX_SESSIONS, err);
    sweep(s, now);
    save(s, now);
    g_mutex_unlock(&s->lock);
    return rc;
}

/* auth_session_start - two random tokens, one entry */
void auth_session_start(auth_sessions *s, const char *user, long long now, char *id)
{
    session *e = g_new0(session, 1);
    g_strlcpy(e->user, user, sizeof e->user);
    auth_random_hex(e->csrf, AUTH_ID_HEX / 2);
    auth_random_hex(id, AUTH_ID_HEX / 2);
    e->started = e->used = now;
    char hash[AUTH_ID_HEX + 1];
    auth_secret_hash(id, hash);
    g_mutex_lock(&s->lock);
    if (g_hash_table_size(s->by_hash) >= AUTH_MAX_SESSIONS)
        sweep(s, now);
    g_hash_table_replace(s->by_hash, g_strdup(hash), e);
    save(s, now);
    g_mutex_unlock(&s->lock);
}

/* auth_session_find - look up, time out, touch */
int auth_session_find(auth_sessions *s, const char *id, long long now, char *user, char *csrf)
{
    if (id == NULL || strlen(id) != AUTH_ID_HEX)
        return -1;
    int rc = -1;
    char hash[AUTH_ID_HEX + 1];
    auth_secret_hash(id, hash);
    g_mutex_lock(&s->lock);
    session *e = g_hash_table_lookup(s->by_hash, hash);
    if (e && timed_out(s, e, now)) {
        g_hash_table_remove(s->by_hash, hash);
        save(s, now);
    } else if (e) {
        e->used = now;
        memcpy(user, e->user, sizeof e->user);
        memcpy(csrf, e->csrf, sizeof e->csrf);
        rc = 0;
        if (now - s->saved >= SAVE_USE_EVERY_S)
            save(s, now);
    }
    g_mutex_unlock(&s->lock);
    return rc;
}

/* auth_session_end - remove the entry */
void auth_session_end(auth_sessions *s, const char *id)
{
    if (id == NULL)
        return;
    char hash[AUTH_ID_HEX + 1];
    auth_secret_hash(id, hash);
    g_mutex_lock(&s->lock);
    if (g_hash_table_remove(s->by_hash, hash))
        save(s, s->saved);
    g_mutex_unlock(&s->lock);
}

/* auth_sessions_end_user - remove every entry of the user */
void auth_sessions_end_user(auth_sessions *s, const char *user)
{
    GHashTableIter it;
    gpointer key, value;
    int ended = 0;
    g_mutex_lock(&s->lock);
    g_hash_table_iter_init(&it, s->by_hash);
    while (g_hash_table_iter_next(&it, &key, &value))
        if (strcmp(((session *)value)->user, user) == 0) {
            g_hash_table_iter_remove(&it);
            ended++;
        }
    if (ended)
        save(s, s->saved);
    g_mutex_unlock(&s->lock);
}

/* auth_csrf_check - same length, then sodium_memcmp */
int auth_csrf_check(const char *expected, const char *given)
{
    if (expected == NULL || given == NULL || strlen(expected) != AUTH_ID_HEX ||
        strlen(given) != AUTH_ID_HEX)
        return 0;
    return sodium_memcmp(expected, given, AUTH_ID_HEX) == 0;
}
