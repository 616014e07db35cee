/*
 * limiter.c - the log-in rate limiter (see auth.h): failures counted per key
 * (the web interface uses one key per account and one per address) within a
 * window that starts at the first failure. At `max` failures the key waits
 * for the rest of the window; a success forgets the key.
 *
 * At most MAX_KEYS keys are held: when full, finished windows are swept, and
 * if that frees nothing a new key is not counted (keys already counted, such
 * as the accounts under attack, still are).
 *
 * Functions: auth_limiter_new, auth_limiter_free, auth_limiter_wait,
 * auth_limiter_fail, auth_limiter_forget.
 */
#include "auth/auth.h"

#include <glib.h>

#define MAX_KEYS 65536

typedef struct {
    int failures;
    long long first;
} tally;

struct auth_limiter {
    GMutex lock;
    GHashTable *keys; /* g_strdup'd key -> g_new'd tally */
    int max;
    long window;
};

/* auth_limiter_new - an empty table */
auth_limiter *auth_limiter_new(int max_failures, long window_s)
{
    auth_limiter *l = g_new0(auth_limiter, 1);
    g_mutex_init(&l->lock);
    l->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    l->max = max_failures;
    l->window = window_s;
    return l;
}

/* auth_limiter_free - the table */
void auth_limiter_free(auth_limiter *l)
{
    if (l == NULL)
        return;
    g_hash_table_destroy(l->keys);
    g_mutex_clear(&l->lock);
    g_free(l);
}

/* current - the key's tally if its window is still open, else NULL (locked) */
static tally *current(auth_limiter *l, const char *key, long long now)
{
    tally *t = g_hash_table_lookup(l->keys, key);
    if (t && now - t->first >= l->window) {
        g_hash_table_remove(l->keys, key);
        return NULL;
    }
    return t;
}

/* auth_limiter_wait - the rest of the window once max is reached */
long auth_limiter_wait(auth_limiter *l, const char *key, long long now)
{
    g_mutex_lock(&l->lock);
    tally *t = current(l, key, now);
    long wait = t && t->failures >= l->max ? (long)(t->first + l->window - now) : 0;
    g_mutex_unlock(&l->lock);
    return wait;
}

/* sweep - drop tallies whose window has passed (locked) */
static void sweep(auth_limiter *l, long long now)
{
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, l->keys);
    while (g_hash_table_iter_next(&it, &key, &value))
        if (now - ((tally *)value)->first >= l->window)
            g_hash_table_iter_remove(&it);
}

/* auth_limiter_fail - count one, opening a window if none is */
void auth_limiter_fail(auth_limiter *l, const char *key, long long now)
{
    g_mutex_lock(&l->lock);
    tally *t = current(l, key, now);
    if (t == NULL && g_hash_table_size(l->keys) >= MAX_KEYS)
        sweep(l, now);
    if (t == NULL && g_hash_table_size(l->keys) < MAX_KEYS) {
        t = g_new0(tally, 1);
        t->first = now;
        g_hash_table_replace(l->keys, g_strdup(key), t);
    }
    if (t)
        t->failures++;
    g_mutex_unlock(&l->lock);
}

/* auth_limiter_forget - remove the key */
void auth_limiter_forget(auth_limiter *l, const char *key)
{
    g_mutex_lock(&l->lock);
    g_hash_table_remove(l->keys, key);
    g_mutex_unlock(&l->lock);
}
