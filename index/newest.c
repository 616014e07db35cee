/*
 * newest.c - the latest days of an index, so that a newest-first search can
 * look at their pages first instead of sorting every page that matches (at
 * a million pages, "суд" newest first sorted half a million pages).
 *
 * A page's sort date (IX_SLOT_DATE) is the latest of its item's dates that
 * has a month, is no birth date and is not beyond next year (item_fields.c),
 * and every such date is also a term XD<yyyymmdd> of each of the item's
 * pages (day 00 when the paper gives none). So the pages whose sort date is
 * D or later are among those with a term XD<d> for a day d from D on: a
 * search filtered by those terms finds all of them (and perhaps pages with
 * an older sort date, which sort after them). Its hits are the search's own
 * as far as they reach back to D; the caller checks that they do
 * (ix_days_cutoff). The days are looked for back from the latest, one term
 * frequency each (a year or month that no page has is passed over whole),
 * only as far as a window needs them.
 *
 * Functions: ix_days_new, ix_days_window, ix_days_cutoff, ix_days_free.
 */
#include "index/newest.h"
#include "index/schema.h"
#include "common/xalloc.h"

#include <assert.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char term[24]; /* XD<yyyymmdd> */
    unsigned long pages;
} day;

struct ix_days {
    xc_db *db;
    GArray *days;        /* of day: those found so far, newest first */
    int year, mon, mday; /* the next day to look for, going back */
    int oldest;          /* the year of the oldest date term: no day before it */
    long cutoff;         /* yyyymmdd of the last window's oldest day */
};

/* oldest_year - the year of the first date term (xc_term_fn: stops there) */
static int oldest_year(const char *term, unsigned long docs, void *ctx)
{
    (void)docs;
    *(int *)ctx = atoi(term + strlen(IX_PREFIX_DATE));
    return 1;
}

/* ix_days_new - the days of db, found as a window asks for them, back from
 * next year's last day (later dates are typing errors, item_fields.c) */
ix_days *ix_days_new(xc_db *db, char **err)
{
    ix_days *ds = xcalloc(1, sizeof *ds);
    ds->db = db;
    ds->days = g_array_new(FALSE, FALSE, sizeof(day));
    GDateTime *now = g_date_time_new_now_utc();
    ds->year = g_date_time_get_year(now) + 1;
    ds->mon = 12;
    ds->mday = 31;
    g_date_time_unref(now);
    ds->oldest = ds->year + 1; /* no date term: no day */
    if (xc_db_each_term(db, IX_PREFIX_DATE, oldest_year, &ds->oldest, err) < 0) {
        ix_days_free(ds);
        return NULL;
    }
    return ds;
}

/* pages_of - how many pages carry the date term (-1 on failure) */
static long pages_of(const ix_days *ds, const char *term, char **err)
{
    unsigned long docs = 0;
    return xc_db_term_freq(ds->db, term, &docs, err) < 0 ? -1 : (long)docs;
}

/* next_day - the next day back that pages carry, onto ds->days: 1; 0 when
 * there is none; -1 on failure */
static int next_day(ix_days *ds, char **err)
{
    char term[24];
    for (; ds->year >= ds->oldest; ds->year--, ds->mon = 12, ds->mday = 31) {
        long pages = 1; /* a year, month or day begun: pages carry it */
        if (ds->mon == 12 && ds->mday == 31) {
            snprintf(term, sizeof term, IX_PREFIX_DATE "%04d", ds->year);
            pages = pages_of(ds, term, err);
        }
        if (pages <= 0) {
            if (pages < 0)
                return -1;
            continue;
        }
        for (; ds->mon >= 1; ds->mon--, ds->mday = 31) {
            if (ds->mday == 31) {
                snprintf(term, sizeof term, IX_PREFIX_DATE "%04d%02d", ds->year, ds->mon);
                if ((pages = pages_of(ds, term, err)) < 0)
                    return -1;
            }
            while (pages > 0 && ds->mday >= 0) {
                day d = {.pages = 0};
                snprintf(d.term, sizeof d.term, IX_PREFIX_DATE "%04d%02d%02d", ds->year, ds->mon,
                         ds->mday--);
                long held = pages_of(ds, d.term, err);
                if (held < 0)
                    return -1;
                if (held > 0) {
                    d.pages = (unsigned long)held;
                    g_array_append_val(ds->days, d);
                    return 1;
                }
            }
        }
    }
    return 0;
}

/* ix_days_window - q filtered by the latest days that hold at least
 * `pages` pages between them; NULL when that is every day (or on failure,
 * with *err set) */
xc_query *ix_days_window(ix_days *ds, const xc_query *q, unsigned long pages, char **err)
{
    guint n = 0;
    for (unsigned long held = 0; held < pages; held += g_array_index(ds->days, day, n++).pages)
        if (n == ds->days->len && next_day(ds, err) != 1)
            return NULL; /* every day (or a failure): no narrower window */
    GPtrArray *terms = g_ptr_array_new_with_free_func((GDestroyNotify)xc_query_free);
    xc_query *window = NULL, *filtered = NULL;
    for (guint i = 0; i < n; i++) {
        xc_query *t = xc_query_term(g_array_index(ds->days, day, i).term, 1, 0, err);
        if (t == NULL)
            break;
        g_ptr_array_add(terms, t);
    }
    if (terms->len == n &&
        (window = xc_query_list(XC_OP_OR, (xc_query **)terms->pdata, n, 0, err)) != NULL)
        filtered = xc_query_combine(XC_OP_FILTER, q, window, err);
    g_ptr_array_free(terms, TRUE);
    xc_query_free(window);
    if (filtered != NULL)
        ds->cutoff = atol(g_array_index(ds->days, day, n - 1).term + strlen(IX_PREFIX_DATE));
    return filtered;
}

/* ix_days_cutoff - the lowest sort date (yyyymmdd) down to which the last
 * window's hits are sure to be the search's own */
long ix_days_cutoff(const ix_days *ds)
{
    assert(ds->cutoff > 0);
    return ds->cutoff;
}

/* ix_days_free - everything */
void ix_days_free(ix_days *ds)
{
    if (ds == NULL)
        return;
    g_array_free(ds->days, TRUE);
    free(ds);
}
