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
 *
 * Functions: ix_batch_run, index_batch_search, index_batch_free.
 */
#include "index/index.h"
#include "index/searcher.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_LIMIT 50 /* hits per line unless the options say */

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

/* ix_batch_run - lines, one search each */
index_batch *ix_batch_run(ix_searcher *s, const char *text, const index_search_opts *opts)
{
    index_search_opts o = opts ? *opts : (index_search_opts){0};
    if (o.limit == 0)
        o.limit = BATCH_LIMIT;
    o.possible_count_only = 1; /* a line's count is the person's files */
    index_batch *b = xcalloc(1, sizeof *b);
    char **lines = g_strsplit(text, "\n", -1);
    b->lines = xcalloc(g_strv_length(lines) + 1, sizeof *b->lines);
    for (char **line = lines; *line != NULL; line++) {
        char *q = clean_line(*line);
        if (*q == '\0' || *q == '#')
            ;
        else if (o.deadline_us > 0 && g_get_monotonic_time() > o.deadline_us)
            b->unsearched++;
        else
            run_line(s, q, &o, &b->lines[b->count++]);
        g_free(q);
    }
    g_strfreev(lines);
    return b;
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
    *out = ix_batch_run(s, text, opts);
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
