/*
 * persons_cache.c - the persons table kept between requests: /persons,
 * /person/ID and every document page ask for it, and building it reads
 * every record. One table is kept, the last built, with the data directory
 * and collections it is of and the stamp of what it was built from
 * (persons_stamp_read); it is built again when the stamp has changed. A
 * table built from files changed in the last seconds is used once and not
 * kept (a change in the same tick would not show in the stamp).
 *
 * Building takes seconds to minutes on a large archive (30 s at 200,000
 * pages), and while items are processed the stamp changes all the time.
 * So once a build has taken SLOW_BUILD_US or more, a changed table is
 * built again in the background, one build at a time: requests wait for
 * it until it has run BEHIND_WAIT_US, and are then given the table kept,
 * as it stood at the last build, rather than a page that does not come. A small
 * archive's table is built while the request waits, as before.
 *
 * A table is used by one request at a time (derive/'s rules are one
 * thread's): persons_take waits for the one using it, persons_give_back
 * lets the next one in. A build in the background has rules of its own.
 *
 * Functions: persons_take, persons_give_back, persons_cache_timing.
 */
#include "web/web_private.h"
#include "common/log.h"

#include <stdlib.h>
#include <string.h>

/* A build this long makes the next one a build in the background;
 * requests wait for that until it has run this long. */
#define SLOW_BUILD_US (G_GINT64_CONSTANT(3) * G_USEC_PER_SEC)
#define BEHIND_WAIT_US (G_GINT64_CONSTANT(2) * G_USEC_PER_SEC)

static gint64 slow_build_us = SLOW_BUILD_US, behind_wait_us = BEHIND_WAIT_US;

static GMutex lock;           /* held from persons_take to persons_give_back */
static persons *kept;         /* the table kept, NULL when none */
static char *kept_key;        /* its data directory and collections */
static persons_stamp kept_at; /* what it was built from */
static persons *lent_once;    /* the table lent now when it is not kept */
static unsigned long kept_n;  /* which build made it */

static GMutex build_lock;      /* guards what follows */
static gint64 last_build_us;   /* how long the last build took */
static unsigned long started;  /* builds started: a build's number */
static GCond build_done;       /* a build in the background ended */
static int building;           /* one runs */
static gint64 building_since;  /* since when (monotonic) */
static persons *fresh;         /* the table it built, not yet kept; NULL when none */
static char *fresh_key;        /* its key */
static persons_stamp fresh_at; /* its stamp (zeros: not settled, so never current) */
static unsigned long fresh_n;  /* which build made it */

/* What a build in the background is of. */
typedef struct {
    char *data_dir, **granted, *key;
    persons_stamp at;
    unsigned long n;
} build_job;

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

/* next_build - the next build's number */
static unsigned long next_build(void)
{
    g_mutex_lock(&build_lock);
    unsigned long n = ++started;
    g_mutex_unlock(&build_lock);
    return n;
}

/* timed_build - persons_build, its time into last_build_us */
static persons *timed_build(const char *data_dir, const char *const *granted, char **err)
{
    gint64 start = g_get_monotonic_time();
    persons *t = persons_build(data_dir, granted, NULL, err);
    g_mutex_lock(&build_lock);
    last_build_us = g_get_monotonic_time() - start;
    g_mutex_unlock(&build_lock);
    return t;
}

/* build_behind - a build_job's table, left in fresh for the next request */
static gpointer build_behind(gpointer data)
{
    build_job *j = data;
    char *err = NULL;
    persons *t = timed_build(j->data_dir, (const char *const *)j->granted, &err);
    if (t == NULL) /* the kept table stays; the next change tries again */
        log_msg(LOG_WARN, "cannot bring the persons up to date: %s", err ? err : "unknown error");
    free(err);
    g_mutex_lock(&build_lock);
    persons_free(fresh);
    g_free(fresh_key);
    fresh = t;
    fresh_key = j->key;
    fresh_n = j->n;
    fresh_at = persons_stamp_settled(&j->at, g_get_real_time() / G_USEC_PER_SEC)
                   ? j->at
                   : (persons_stamp){0};
    building = 0;
    g_cond_broadcast(&build_done);
    g_mutex_unlock(&build_lock);
    g_free(j->data_dir);
    g_strfreev(j->granted);
    g_free(j);
    return NULL;
}

/* keep_fresh - the table built in the background kept, when it is of key
 * and started after the kept one (else dropped); build_lock held */
static void keep_fresh(const char *key)
{
    if (fresh == NULL)
        return;
    if (strcmp(fresh_key, key) == 0 && (kept == NULL || fresh_n > kept_n)) {
        drop();
        kept = fresh;
        kept_key = fresh_key;
        kept_at = fresh_at;
        kept_n = fresh_n;
    } else {
        persons_free(fresh);
        g_free(fresh_key);
    }
    fresh = NULL;
    fresh_key = NULL;
}

/* catch_up - the kept table (of key) brought up to now in the background:
 * a build started unless one runs, waited for until it has run a while,
 * kept if done */
static void catch_up(const char *data_dir, const char *const *granted, const char *key,
                     const persons_stamp *now)
{
    g_mutex_lock(&build_lock);
    if (!building) {
        build_job *j = g_new0(build_job, 1);
        j->data_dir = g_strdup(data_dir);
        j->granted = g_strdupv((char **)granted);
        j->key = g_strdup(key);
        j->at = *now;
        j->n = ++started;
        building = 1;
        building_since = g_get_monotonic_time();
        g_thread_unref(g_thread_new("persons", build_behind, j));
    }
    gint64 until = building_since + behind_wait_us; /* only the first requests wait */
    while (building && g_cond_wait_until(&build_done, &build_lock, until))
        ;
    keep_fresh(key);
    g_mutex_unlock(&build_lock);
}

/* persons_take - the kept table when it is of the same key and stamp; when
 * only the stamp differs and builds are slow, the kept one brought up to
 * date in the background (or as it stands); else a new one, kept when its
 * files have settled */
const persons *persons_take(const char *data_dir, const char *const *granted, char **err)
{
    persons_stamp now;
    char *key = key_of(data_dir, granted);
    g_mutex_lock(&lock);
    persons_stamp_read(data_dir, &now);
    g_mutex_lock(&build_lock);
    keep_fresh(key);
    int slow = last_build_us >= slow_build_us;
    g_mutex_unlock(&build_lock);
    int same_key = kept != NULL && strcmp(kept_key, key) == 0;
    int current = same_key && memcmp(&now, &kept_at, sizeof now) == 0;
    if (same_key && !current && slow)
        catch_up(data_dir, granted, key, &now);
    if (current || (same_key && slow)) {
        g_free(key);
        return kept;
    }
    drop();
    unsigned long n = next_build();
    persons *t = timed_build(data_dir, granted, err);
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
    kept_n = n;
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

/* persons_cache_timing - the thresholds set, or their defaults, once a
 * build in the background has ended */
void persons_cache_timing(gint64 slow_us, gint64 wait_us)
{
    g_mutex_lock(&lock);
    slow_build_us = slow_us < 0 ? SLOW_BUILD_US : slow_us;
    behind_wait_us = wait_us < 0 ? BEHIND_WAIT_US : wait_us;
    g_mutex_lock(&build_lock);
    while (building)
        g_cond_wait(&build_done, &build_lock);
    g_mutex_unlock(&build_lock);
    g_mutex_unlock(&lock);
}
