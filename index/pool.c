/*
 * pool.c - searchers kept open between searches, for a server answering
 * many at once (index_pool in index.h).
 *
 * Opening a search costs the database's tables and the name and field
 * tables; a server pays that once per searcher instead of once per request.
 * A search takes an idle searcher (or opens one when none is idle: at most
 * as many exist as searches run at once), catches it up with the latest
 * commit (Xapian's reopen, nothing to do when nothing was committed; a
 * replaced index directory or changed shards.conf opens it anew), runs, and
 * gives it back. A searcher is used by one thread at a time; the lock guards
 * only the list of idle ones. A search that failed closes its searcher
 * rather than keep one in a state nobody knows.
 *
 * Functions: index_pool_new, index_pool_search, index_pool_batch, index_pool_free.
 */
#include "index/index.h"
#include "index/searcher.h"
#include "common/error.h"

#include <glib.h>
#include <stdlib.h>

#define IDLE_MAX 16 /* searchers kept idle; more are closed when given back */

struct index_pool {
    char *dir;
    GMutex lock;     /* guards idle */
    GPtrArray *idle; /* ix_searcher *, free to take */
};

/* index_pool_new - a pool of dir's searchers, none open yet */
index_pool *index_pool_new(const char *dir)
{
    index_pool *p = g_new0(index_pool, 1);
    p->dir = g_strdup(dir);
    g_mutex_init(&p->lock);
    p->idle = g_ptr_array_new_with_free_func((GDestroyNotify)ix_searcher_close);
    return p;
}

/* take - for a search whose arguments are ok, an idle searcher caught up
 * with the latest commit, or a new one; NULL with *absent when there is no
 * index yet, else NULL with *err */
static ix_searcher *take(index_pool *p, int ok, int *absent, char **err)
{
    *absent = 0;
    if (!ok || p == NULL) {
        dk_fail(err, "search: no index, no query or nowhere to put the results");
        return NULL;
    }
    g_mutex_lock(&p->lock);
    ix_searcher *s = p->idle->len > 0 ? g_ptr_array_steal_index(p->idle, p->idle->len - 1) : NULL;
    g_mutex_unlock(&p->lock);
    if (s != NULL && ix_searcher_refresh(s) < 0) {
        ix_searcher_close(s);
        s = NULL;
    }
    return s != NULL ? s : ix_searcher_open(p->dir, absent, err);
}

/* give_back - s idle again; closed when it failed or enough are idle */
static void give_back(index_pool *p, ix_searcher *s, int failed)
{
    if (s == NULL)
        return;
    g_mutex_lock(&p->lock);
    if (!failed && p->idle->len < IDLE_MAX) {
        g_ptr_array_add(p->idle, s);
        s = NULL;
    }
    g_mutex_unlock(&p->lock);
    ix_searcher_close(s);
}

/* index_pool_search - index_search_ex with a pooled searcher */
int index_pool_search(index_pool *p, const char *query, const index_search_opts *opts,
                      index_results **out, char **err)
{
    int absent;
    if (out != NULL)
        *out = NULL;
    ix_searcher *s = take(p, out != NULL && query != NULL, &absent, err);
    if (s == NULL && !absent)
        return -1;
    int rc = ix_searcher_results(s, query, opts, out, err);
    give_back(p, s, rc < 0);
    return rc;
}

/* take_another - another searcher for a batch, or NULL */
static ix_searcher *take_another(void *ctx)
{
    int absent = 0;
    return take(ctx, 1, &absent, NULL);
}

/* give_another_back - give_back */
static void give_another_back(ix_searcher *s, void *ctx)
{
    give_back(ctx, s, 0);
}

/* index_pool_batch - index_batch_search with pooled searchers: one, and as
 * many more as the list is worth (ix_batch_run) */
int index_pool_batch(index_pool *p, const char *text, const index_search_opts *opts,
                     index_batch **out, char **err)
{
    int absent;
    if (out != NULL)
        *out = NULL;
    ix_searcher *s = take(p, out != NULL && text != NULL, &absent, err);
    if (s == NULL && !absent)
        return -1;
    ix_searcher_source more = {take_another, give_another_back, p};
    *out = ix_batch_run(s, &more, text, opts);
    give_back(p, s, 0);
    return 0;
}

/* index_pool_free - close every searcher (none may be taken) */
void index_pool_free(index_pool *p)
{
    if (p == NULL)
        return;
    g_ptr_array_free(p->idle, TRUE);
    g_mutex_clear(&p->lock);
    g_free(p->dir);
    g_free(p);
}
