/*
 * persons_cache.c - the persons table kept between requests: /persons,
 * /person/ID and every document page ask for it, and building it reads
 * every record. One table is kept, the last built, with the data directory
 * and collections it is of and the stamp of what it was built from
 * (persons_stamp_read); it is built again when the stamp has changed. A
 * table built from files changed in the last seconds is used once and not
 * kept (a change in the same tick would not show in the stamp).
 *
 * A table is used by one request at a time (derive/'s rules are one
 * thread's): persons_take waits for the one using it, persons_give_back
 * lets the next one in.
 *
 * Functions: persons_take, persons_give_back.
 */
#include "web/web_private.h"

#include <stdlib.h>
#include <string.h>

static GMutex lock;           /* held from persons_take to persons_give_back */
static persons *kept;         /* the table kept, NULL when none */
static char *kept_key;        /* its data directory and collections */
static persons_stamp kept_at; /* what it was built from */
static persons *lent_once;    /* the table lent now when it is not kept */

/* key_of - the data directory and the collections, one a line (g_free) */
static char *key_of(const char *data_dir, const char *const *granted)
{
    GString *k = g_string_new(data_dir);
    g_string_append(k, granted ? "\n+" : "\n*");
    for (size_t i = 0; granted && granted[i]; i++)
        g_string_append_printf(k, "\n%s", granted[i]);
    return g_string_free(k, FALSE);
}

/* drop - the kept table */
static void drop(void)
{
    persons_free(kept);
    kept = NULL;
    g_free(kept_key);
    kept_key = NULL;
}

/* persons_take - the kept table when it is of the same key and stamp, else
 * a new one, kept when its files have settled */
const persons *persons_take(const char *data_dir, const char *const *granted, char **err)
{
    persons_stamp now;
    char *key = key_of(data_dir, granted);
    g_mutex_lock(&lock);
    persons_stamp_read(data_dir, &now);
    if (kept != NULL && strcmp(kept_key, key) == 0 && memcmp(&now, &kept_at, sizeof now) == 0) {
        g_free(key);
        return kept;
    }
    drop();
    persons *t = persons_build(data_dir, granted, NULL, err);
    if (t == NULL) {
        g_free(key);
        g_mutex_unlock(&lock);
        return NULL;
    }
    if (!persons_stamp_settled(&now, g_get_real_time() / G_USEC_PER_SEC)) {
        g_free(key);
        return lent_once = t;
    }
    kept = t;
    kept_key = key;
    kept_at = now;
    return t;
}

/* persons_give_back - free the table if it is not kept, let the next in */
void persons_give_back(const persons *t)
{
    if (t == NULL)
        return;
    if (t == lent_once) {
        persons_free(lent_once);
        lent_once = NULL;
    }
    g_mutex_unlock(&lock);
}
