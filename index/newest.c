/*
 * newest.c - the latest months of an index, so that a newest-first search
 * can look at their pages first instead of sorting every page that matches
 * (at a million pages, "суд" newest first sorted half a million pages).
 *
 * A page's sort date (IX_SLOT_DATE) is the latest of its item's dates that
 * has a month, is no birth date and is not beyond next year (item_fields.c),
 * and every such date is also a term XD<yyyymm> of each of the item's pages.
 * So the pages whose sort date is in month M or later are among those with
 * a term XD<m> for a month m from M on: a search filtered by those terms
 * finds all of them (and perhaps pages with an older sort date, which sort
 * after them). Its hits are the search's own as far as they reach back to
 * M; the caller checks that they do (ix_months_cutoff).
 *
 * Functions: ix_months_new, ix_months_window, ix_months_cutoff, ix_months_free.
 */
#include "index/newest.h"
#include "index/schema.h"
#include "common/xalloc.h"

#include <assert.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MONTH_DIGITS 6 /* yyyymm */

typedef struct {
    char term[sizeof IX_PREFIX_DATE + MONTH_DIGITS];
    unsigned long pages;
} month;

struct ix_months {
    GArray *months; /* of month, oldest first */
    long last_year; /* later months are typing errors */
    long cutoff;    /* yyyymm00 of the last window's oldest month */
};

/* is_month - XD followed by six digits */
static int is_month(const char *term)
{
    size_t p = strlen(IX_PREFIX_DATE);
    return strlen(term) == p + MONTH_DIGITS && strspn(term + p, "0123456789") == MONTH_DIGITS;
}

/* add_month - collect a month term no later than next year */
static int add_month(const char *term, unsigned long docs, void *ctx)
{
    ix_months *ms = ctx;
    if (is_month(term) && atol(term + strlen(IX_PREFIX_DATE)) / 100 <= ms->last_year) {
        month m = {.pages = docs};
        g_strlcpy(m.term, term, sizeof m.term);
        g_array_append_val(ms->months, m);
    }
    return 0;
}

/* ix_months_new - the month terms of db, with their pages */
ix_months *ix_months_new(xc_db *db, char **err)
{
    ix_months *ms = xcalloc(1, sizeof *ms);
    ms->months = g_array_new(FALSE, FALSE, sizeof(month));
    GDateTime *now = g_date_time_new_now_utc();
    ms->last_year = g_date_time_get_year(now) + 1;
    g_date_time_unref(now);
    if (xc_db_each_term(db, IX_PREFIX_DATE, add_month, ms, err) < 0) {
        ix_months_free(ms);
        return NULL;
    }
    return ms;
}

/* ix_months_window - q filtered by the latest months that hold at least
 * `pages` pages between them; NULL when that is every month (or on failure,
 * with *err set) */
xc_query *ix_months_window(ix_months *ms, const xc_query *q, unsigned long pages, char **err)
{
    guint n = 0;
    unsigned long held = 0;
    while (n < ms->months->len && held < pages)
        held += g_array_index(ms->months, month, ms->months->len - 1 - n++).pages;
    if (n == 0 || n == ms->months->len)
        return NULL; /* no window narrower than everything */
    GPtrArray *terms = g_ptr_array_new_with_free_func((GDestroyNotify)xc_query_free);
    xc_query *window = NULL, *filtered = NULL;
    for (guint i = 0; i < n; i++) {
        const month *m = &g_array_index(ms->months, month, ms->months->len - 1 - i);
        xc_query *t = xc_query_term(m->term, 1, 0, err);
        if (t == NULL)
            break;
        g_ptr_array_add(terms, t);
    }
    if (terms->len == n &&
        (window = xc_query_list(XC_OP_OR, (xc_query **)terms->pdata, n, 0, err)) != NULL)
        filtered = xc_query_combine(XC_OP_FILTER, q, window, err);
    g_ptr_array_free(terms, TRUE);
    xc_query_free(window);
    if (filtered != NULL) {
        const char *oldest = g_array_index(ms->months, month, ms->months->len - n).term;
        ms->cutoff = atol(oldest + strlen(IX_PREFIX_DATE)) * 100;
    }
    return filtered;
}

/* ix_months_cutoff - the lowest sort date (yyyymmdd) the last window's
 * hits are sure to be the search's own down to */
long ix_months_cutoff(const ix_months *ms)
{
    assert(ms->cutoff > 0);
    return ms->cutoff;
}

/* ix_months_free - everything */
void ix_months_free(ix_months *ms)
{
    if (ms == NULL)
        return;
    g_array_free(ms->months, TRUE);
    free(ms);
}
