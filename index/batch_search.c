/*
 * batch_search.c - a list of names or queries searched in one go, like Datashare's
 * batch search: an investigator's list of 300 people, one per line.
 *
 * The database and the name and field tables are opened once for the whole
 * list (or taken from a pool, pool.c). Each line is searched as a query of its own (index_search_ex's
 * language: a line "Siarhei Ivanou" finds "Иванова Сергея" and "Іваноў
 * Сяргей"); a line that fails keeps its error and the others still run. A
 * list pasted from a spreadsheet has commas ("Ivanou, Siarhei"): in a line
 * without query syntax (no ':' or '"') commas and semicolons are spaces.
 * A deadline (the web's time limit per request) is checked before each line.
 * A long list runs on several searchers at once, one thread each (Xapian's
 * databases are not shared between threads), which take the lines in turn:
 * at a million pages a name's line costs about 18 ms of CPU, so a list of
 * 100 took 1.8 s on one core of two. The lines keep their order.
 *
 * Functions: ix_batch_threads, ix_batch_run, index_batch_search, index_batch_free.
 */
#include "index/index.h"
#include "index/searcher.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <assert.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_LIMIT 50   /* hits per line unless the options say */
#define LINES_A_THREAD 8 /* a shorter list is not worth another searcher */

/* One list being searched: its lines, and the next one to take. */
typedef struct {
    char **queries;                /* the cleaned lines, in order */
    size_t n;                      /* how many */
    index_batch_line *lines;       /* lines[i]: queries[i]'s results */
    unsigned char *late;           /* late[i]: not searched, the deadline passed */
    const index_search_opts *opts; /* limit set, possible matches counted */
    gint next;                     /* the next line to take */
} batch_run;

/* One thread's part: its searcher and the list. */
typedef struct {
    ix_searcher *s;
    batch_run *run;
} batch_part;

/* clean_line - a line as a query (g_free): trimmed, runs of spaces as one;
 * commas and semicolons as spaces unless the line uses query syntax */
static char *clean_line(const char *line)
{
    char *s = g_strstrip(g_strdup(line)), *out = s;
    int plain = strchr(s, ':') == NULL && strchr(s, '"') == NULL;
    for (char *p = s; *p; p++) {
        char c = plain && (*p == ',' || *p == ';') ? ' ' : *p;
        if (!(c == ' ' && out > s && out[-1] == ' '))
            *out++ = c;
    }
    *out = '\0';
    return g_strstrip(s);
}

/* run_line - search one line into l */
static void run_line(ix_searcher *s, const char *query, const index_search_opts *o,
                     index_batch_line *l)
{
    l->query = xstrdup(query);
    index_results *r = xcalloc(1, sizeof *r);
    r->query = xstrdup(query);
    char *err = NULL;
    if (s != NULL && ix_searcher_run(s, query, o, r, &err) < 0) {
        index_results_free(r);
        l->error = err ? err : xstrdup("search failed");
        return;
    }
    l->results = r; /* no database yet: no hits */
}

/* queries_of - the lines of text to search, cleaned (g_strfreev) */
static char **queries_of(const char *text, size_t *n)
{
    char **lines = g_strsplit(text, "\n", -1);
    GPtrArray *qs = g_ptr_array_new();
    for (char **line = lines; *line != NULL; line++) {
        char *q = clean_line(*line);
        if (*q == '\0' || *q == '#')
            g_free(q);
        else
            g_ptr_array_add(qs, q);
    }
    g_strfreev(lines);
    *n = qs->len;
    g_ptr_array_add(qs, NULL);
    return (char **)g_ptr_array_free(qs, FALSE);
}

/* ix_batch_threads - one searcher for a few lines, at most one a core and
 * IX_BATCH_THREADS_MAX */
size_t ix_batch_threads(size_t lines)
{
    size_t by_lines = lines / LINES_A_THREAD, cores = (size_t)g_get_num_processors();
    return MAX(1, MIN(MIN(by_lines, cores), IX_BATCH_THREADS_MAX));
}

/* run_part - take lines in turn until none is left */
static gpointer run_part(gpointer data)
{
    batch_part *p = data;
    batch_run *r = p->run;
    for (;;) {
        size_t i = (size_t)g_atomic_int_add(&r->next, 1);
        if (i >= r->n)
            break;
        if (r->opts->deadline_us > 0 && g_get_monotonic_time() > r->opts->deadline_us)
            r->late[i] = 1;
        else
            run_line(p->s, r->queries[i], r->opts, &r->lines[i]);
    }
    return NULL;
}

/* ix_batch_run - the lines, taken in turn by one thread for each searcher:
 * s, the caller's, and as many more from `more` as the list is worth (when
 * one cannot be had, the others take its lines); the lines left out by the
 * deadline kept out of the batch */
index_batch *ix_batch_run(ix_searcher *s, const ix_searcher_source *more, const char *text,
                          const index_search_opts *opts)
{
    index_search_opts o = opts ? *opts : (index_search_opts){0};
    if (o.limit == 0)
        o.limit = BATCH_LIMIT;
    o.possible_count_only = 1; /* a line's count is the person's files */
    batch_run r = {.opts = &o};
    r.queries = queries_of(text, &r.n);
    r.lines = xcalloc(r.n + 1, sizeof *r.lines);
    r.late = xcalloc(r.n + 1, 1);
    batch_part parts[IX_BATCH_THREADS_MAX] = {{.s = s, .run = &r}};
    GThread *threads[IX_BATCH_THREADS_MAX] = {NULL};
    size_t ns = 1, want = s != NULL ? ix_batch_threads(r.n) : 1;
    for (; ns < want && (parts[ns].s = more->take(more->ctx)) != NULL; ns++) {
        parts[ns].run = &r;
        threads[ns] = g_thread_new("batch", run_part, &parts[ns]);
    }
    assert(ns <= IX_BATCH_THREADS_MAX);
    run_part(&parts[0]);
    for (size_t t = 1; t < ns; t++) {
        g_thread_join(threads[t]);
        more->give_back(parts[t].s, more->ctx);
    }
    index_batch *b = xcalloc(1, sizeof *b);
    b->lines = r.lines;
    for (size_t i = 0; i < r.n; i++) {
        if (r.late[i])
            b->unsearched++;
        else
            b->lines[b->count++] = r.lines[i]; /* i >= count: never overwrites a later line */
    }
    free(r.late);
    g_strfreev(r.queries);
    return b;
}

/* open_another - a searcher of the index directory ctx, or NULL */
static ix_searcher *open_another(void *ctx)
{
    int absent = 0;
    return ix_searcher_open(ctx, &absent, NULL);
}

/* close_another - ix_searcher_close */
static void close_another(ix_searcher *s, void *ctx)
{
    (void)ctx;
    ix_searcher_close(s);
}

/* index_batch_search - open, run every line, close */
int index_batch_search(const char *dir, const char *text, const index_search_opts *opts,
                       index_batch **out, char **err)
{
    if (out == NULL)
        return dk_fail(err, "batch search: nowhere to put the results");
    *out = NULL;
    if (dir == NULL || text == NULL)
        return dk_fail(err, "batch search: no index directory or no list");
    int absent = 0;
    ix_searcher *s = ix_searcher_open(dir, &absent, err);
    if (s == NULL && !absent)
        return -1;
    ix_searcher_source more = {open_another, close_another, (void *)dir};
    *out = ix_batch_run(s, &more, text, opts);
    ix_searcher_close(s);
    return 0;
}

/* index_batch_free - every line */
void index_batch_free(index_batch *batch)
{
    if (batch == NULL)
        return;
    for (size_t i = 0; i < batch->count; i++) {
        free(batch->lines[i].query);
        free(batch->lines[i].error);
        index_results_free(batch->lines[i].results);
    }
    free(batch->lines);
    free(batch);
}
