/*
 * search.c - searching the index: one database opened for a search or a
 * batch (or kept open in a pool, pool.c), the query run with its filters,
 * sorting and facets, one hit per file.
 *
 * The query language is query/ (the text into one Xapian query); a hit is
 * filled from its document in hits.c, on the page hit_page.c finds, with
 * its snippet from match_snippet.c; facets and filters are facets.c.
 * Documents are collapsed on the item's key (a long file has several, an
 * index written before 2026-12-06 one a page), so each file appears once. Each search opens
 * the database afresh, or catches a pooled one up with the latest commit
 * (ix_searcher_refresh), so it sees the latest commit; should the writer
 * commit twice while we read (DatabaseModifiedError), we reopen and run the
 * search again. With DATA/shards.conf, the database is the shards that
 * answered (shards.c), and a shard that stops answering during a search
 * has the shards opened again once. A query naming a person is run a second time for its
 * possible matches (query.h), without the files the first run found: when
 * its hits do not hold them all, four times the possible hits are asked for
 * and the exact files among them left out (the weights are the same with or
 * without them); only when too few are left, or when its hits hold them all,
 * are the exact files (those an unweighed run of the same query finds) left
 * out by their SHA-256 value as the matcher meets each page
 * (xc_enquire_exclude), not by a query of their terms.
 * Both the collapse and the exclusion read a short key of the file
 * (IX_SLOT_FILE, schema.h) rather than its 64-digit SHA-256: a name search
 * reads it for thousands of pages, and the shorter the value, the fewer
 * blocks that takes (files.c). A batch line, which only counts its possible
 * matches, counts them among the first files found instead (ix_count_possible):
 * finding thousands of exact files first took 60% of a batch at a million pages.
 *
 * Functions: index_search, index_search_ex, index_item_visible, index_item_shard,
 * index_results_free,
 * ix_searcher_open, ix_searcher_refresh, ix_searcher_run, ix_searcher_results,
 * ix_searcher_close.
 */
#include "index/index.h"
#include "index/facets.h"
#include "index/files.h"
#include "index/hits.h"
#include "index/newest.h"
#include "index/query/query.h"
#include "index/schema.h"
#include "index/searcher.h"
#include "index/word_forms.h"
#include "index/shards.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <assert.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHECK_EXTRA 100 /* examine this many more documents for a better total */
#define SEARCH_TRIES 3
#define DEFAULT_LIMIT 20
/* Documents examined for facet counts unless the options say: at a million
 * pages 5,000 cost 1.5x the CPU of the search. */
#define FACET_CHECK 2000
#define POSSIBLE_COUNTED 100 /* possible matches counted (past it estimated) */
#define POSSIBLE_AHEAD 4     /* possible hits asked for before the exact files are left out */
#define WINDOW_PAGES 64      /* newest first: the latest days' pages first, this many a hit */
#define WINDOW_GROWTH 16     /* and this many times more when they were too few */

struct ix_searcher {
    xc_db *db;
    char *dir;               /* the index directory */
    struct stat opened;      /* of the directory, or of shards.conf, when opened */
    char *shards_conf;       /* DATA/shards.conf, or NULL: the index alone */
    ix_shards_status shards; /* what opening the shards found */
    names *names;
    xc_stem *stem;
    ix_words *words; /* the forms of the words snippets met */
};

/* What one run of a query takes besides the options. */
typedef struct {
    /* how the index tells files apart (the same for every run of a search) */
    ix_file_keys keys;
    /* the files left out (their keys, as mset_files gives), or NULL */
    const GByteArray *exclude;
    /* files asked of Xapian even past the hits: a total up to this many is
     * a count, not an estimate */
    size_t counted;
    /* not NULL: set to the keys of every file found when the run saw them
     * all, else to NULL */
    GByteArray **found;
    /* a run on a window of the latest days (newest.h): the lowest sort
     * date its hits must reach down to, and the whole query, whose total
     * and facets are counted apart; 0 and NULL otherwise */
    long since;
    const xc_query *whole;
    /* a run of possible matches asked for POSSIBLE_AHEAD times the hits,
     * then without the files this exact query matches among them; NULL
     * otherwise */
    const xc_query *exact_after;
} run_extras;

/* not_exact - the places in m of the hits whose files are not in exacts
 * (keys, as ix_mset_files gives them), into at; how many */
static size_t not_exact(const xc_mset *m, const GByteArray *exacts, ix_file_keys keys, guint *at)
{
    size_t kept = 0;
    for (size_t i = 0; i < xc_mset_size(m); i++) {
        size_t len = 0;
        char *key = xc_mset_collapse_key(m, i, &len);
        int exact = 0;
        for (guint k = 0; key != NULL && len == keys.len && k < exacts->len; k += (guint)len)
            exact |= memcmp(exacts->data + k, key, len) == 0;
        free(key);
        if (!exact)
            at[kept++] = (guint)i;
    }
    return kept;
}

/* enquire_on - an enquiry of q on db, one hit a file, without x's files
 * left out, in the order `sort` asks, counting facets into *facets when
 * facets is not NULL (NULL on failure) */
static xc_enquire *enquire_on(xc_db *db, const xc_query *q, const run_extras *x, int sort,
                              ix_facets **facets, char **why)
{
    xc_enquire *e = q != NULL ? xc_enquire_new(db, why) : NULL;
    if (e != NULL &&
        (xc_enquire_set_query(e, q, why) < 0 ||
         xc_enquire_set_collapse_key(e, x->keys.slot, 1, why) < 0 ||
         (sort != INDEX_SORT_RELEVANCE &&
          xc_enquire_set_sort_by_value(e, IX_SLOT_DATE, sort == INDEX_SORT_NEWEST, why) < 0) ||
         (facets != NULL && ix_facets_add(e, facets, why) < 0) ||
         (x->exclude != NULL && ix_exclude_files(e, x->keys, x->exclude, why) < 0))) {
        xc_enquire_free(e);
        return NULL;
    }
    return e;
}

/* count_files - r->total: the files `whole` matches, as a search by
 * relevance for the hits first..first+ask counts them (check pages or
 * more), with the facets of the pages it examines when o asks for them;
 * without facets unweighed, so that Xapian stops at check pages */
static int count_files(xc_db *db, const xc_query *whole, const run_extras *x, unsigned first,
                       unsigned ask, unsigned check, const index_search_opts *o, index_results *r,
                       char **why)
{
    xc_query *any = o->facets ? NULL : xc_query_scale(whole, 0.0, why);
    ix_facets *facets = NULL;
    xc_enquire *e = enquire_on(db, o->facets ? whole : any, x, INDEX_SORT_RELEVANCE,
                               o->facets ? &facets : NULL, why);
    xc_mset *m = e != NULL ? xc_enquire_get_mset(e, first, ask, check, why) : NULL;
    if (m != NULL) {
        r->total = (long)xc_mset_estimated(m);
        r->total_approximate = !xc_mset_exact(m);
    }
    if (m != NULL && facets != NULL) {
        r->facets_approximate = r->total_approximate;
        ix_facets_collect(facets, db, o->facet_limit, r->facets_approximate ? r->total : 0, r);
    }
    ix_facets_free(facets);
    xc_mset_free(m);
    xc_enquire_free(e);
    xc_query_free(any);
    return m != NULL ? 0 : -1;
}

/* search_once - run query q and fill r->hits, r->total and r->facets; 1
 * (nothing filled) when q is a window (x->since) whose hits do not reach
 * down to its lowest date */
static int search_once(const ix_searcher *s, const ix_query *iq, const xc_query *q,
                       const char *query, const index_search_opts *o, const run_extras *x,
                       index_results *r, char **err)
{
    int rc = -1;
    char *why = NULL;
    xc_enquire *e = NULL;
    xc_mset *m = NULL;
    ix_facets *facets = NULL;
    GByteArray *exacts = NULL; /* with exact_after: the exact files among the hits */
    guint *at = NULL;          /* the places in m of the hits shown */
    xc_db *db = s->db;
    size_t offset = o->offset, limit = o->limit;

    unsigned long docs = xc_db_doccount(db);
    unsigned first = offset > docs ? (unsigned)docs : (unsigned)offset;
    unsigned max = limit > docs - first ? (unsigned)(docs - first) : (unsigned)limit;
    unsigned ask = MAX(max, (unsigned)MIN(x->counted, docs - first));
    if (x->exact_after != NULL)
        ask = (unsigned)MIN((unsigned long)max * POSSIBLE_AHEAD, docs - first);
    unsigned long long want = (unsigned long long)first + max + CHECK_EXTRA;
    unsigned check = want > UINT_MAX ? UINT_MAX : MAX((unsigned)want, first + ask);
    size_t facet_check = MIN(docs, o->facet_check ? o->facet_check : FACET_CHECK);
    if (o->facets) /* the matches the counts are of: all, or this many (scaled) */
        check = MAX(check, (unsigned)MIN(facet_check, UINT_MAX));

    /* a window's facets are counted apart, on the whole query (count_files) */
    if ((e = enquire_on(db, q, x, o->sort, o->facets && x->whole == NULL ? &facets : NULL, &why)) ==
            NULL ||
        (m = xc_enquire_get_mset(e, first, ask, check, &why)) == NULL)
        goto out;
    if (x->since > 0 && (max == 0 || xc_mset_size(m) < max ||
                         xc_mset_number(m, max - 1, IX_SLOT_DATE) < (double)x->since)) {
        rc = 1;
        goto out;
    }
    size_t seen = xc_mset_size(m);
    at = g_new(guint, seen + 1);
    for (size_t i = 0; i < seen; i++)
        at[i] = (guint)i;
    double share = 1.0; /* of the files found, those shown */
    if (x->exact_after != NULL) {
        if ((exacts = ix_files_matching(db, x->exact_after, m, x->keys, &why)) == NULL)
            goto out;
        size_t kept = not_exact(m, exacts, x->keys, at);
        if (kept < max && seen == ask) { /* too few, and more not looked at */
            rc = 1;
            goto out;
        }
        share = seen > 0 ? (double)kept / (double)seen : 1.0;
        seen = kept;
    }

    size_t n = MIN(seen, max);
    if (n > 0)
        r->hits = xcalloc(n, sizeof *r->hits);
    for (r->count = 0; r->count < n; r->count++)
        if (ix_hit_fill(iq, s->words, m, at[r->count], &r->hits[r->count], &why) < 0) {
            r->count++; /* so the partly filled hit is freed too */
            goto out;
        }
    for (size_t i = 0; s->shards.answered > 0 && i < r->count; i++) /* shards interleave ids */
        r->hits[i].shard = xstrdup(
            s->shards.names[(xc_mset_docid(m, at[i]) - 1) % (unsigned)s->shards.answered]);
    r->total = (long)((double)xc_mset_estimated(m) * share);
    r->total_approximate = !xc_mset_exact(m);
    if (x->whole != NULL && count_files(db, x->whole, x, first, ask, check, o, r, &why) < 0)
        goto out;
    if (r->total < (long)(offset + seen)) /* an estimate: never below what we saw */
        r->total = (long)(offset + seen);
    if (x->found != NULL)
        *x->found = first == 0 && !r->total_approximate && r->total == (long)seen
                        ? ix_mset_files(m, x->keys)
                        : NULL;
    if (facets != NULL) {
        r->facets_approximate = !xc_mset_exact(m);
        ix_facets_collect(facets, db, o->facet_limit, r->facets_approximate ? r->total : 0, r);
    }
    rc = 0;
out:
    if (rc < 0)
        dk_fail(err, "search for \"%s\" failed: %s", query, why ? why : "unknown error");
    free(why);
    g_free(at);
    if (exacts != NULL)
        g_byte_array_free(exacts, TRUE);
    xc_mset_free(m);
    xc_enquire_free(e);
    ix_facets_free(facets);
    return rc;
}

/* search_sorted - search_once; newest first, on the latest days' pages
 * first, in windows of growing size, until one holds the hits asked for
 * (sorting every page that matches a common word takes long) */
static int search_sorted(const ix_searcher *s, const ix_query *iq, const xc_query *q,
                         const char *query, const index_search_opts *o, const run_extras *x,
                         index_results *r, char **err)
{
    unsigned long want = o->offset + o->limit;
    if (o->sort != INDEX_SORT_NEWEST || want == 0)
        return search_once(s, iq, q, query, o, x, r, err);
    char *why = NULL;
    ix_days *ds = ix_days_new(s->db, &why);
    int rc = ds != NULL ? 1 : -1;
    for (unsigned long pages = WINDOW_PAGES * want; rc == 1; pages *= WINDOW_GROWTH) {
        xc_query *w = ix_days_window(ds, q, pages, &why);
        if (w == NULL) {
            rc = why != NULL ? -1 : 1;
            break;
        }
        run_extras wx = *x;
        wx.since = ix_days_cutoff(ds);
        wx.whole = q;
        wx.found = NULL; /* a window does not see every file */
        rc = search_once(s, iq, w, query, o, &wx, r, err);
        xc_query_free(w);
    }
    ix_days_free(ds);
    if (rc == 1)
        rc = search_once(s, iq, q, query, o, x, r, err);
    else if (rc < 0 && why != NULL)
        dk_fail(err, "search for \"%s\" failed: %s", query, why);
    free(why);
    return rc;
}

/* ix_searcher_open - the database and the tables of names and stems (not the
 * field rules, which only reading pages needs: a query's court: reads the
 * names table) */
ix_searcher *ix_searcher_open(const char *dir, int *absent, char **err)
{
    char *why = NULL;
    ix_searcher *s = g_new0(ix_searcher, 1);
    *absent = 0;
    s->dir = g_strdup(dir);
    s->shards_conf = ix_shards_conf(dir);
    stat(s->shards_conf ? s->shards_conf : dir, &s->opened); /* before: a swap shows later */
    s->db = s->shards_conf != NULL ? ix_shards_open(s->shards_conf, &s->shards, &why)
                                   : xc_db_open(dir, absent, &why);
    if (s->db == NULL) {
        if (!*absent)
            dk_fail(err, "cannot search the index in %s: %s", dir, why ? why : "unknown error");
    } else if ((s->names = names_new(&why)) == NULL ||
               (s->stem = xc_stem_new(IX_STEMMER, &why)) == NULL) {
        dk_fail(err, "cannot search the index in %s: %s", dir, why ? why : "unknown error");
    } else {
        s->words = ix_words_new(s->names, s->stem);
        free(why);
        return s;
    }
    free(why);
    ix_searcher_close(s);
    return NULL;
}

/* ix_searcher_close - everything */
void ix_searcher_close(ix_searcher *s)
{
    if (s == NULL)
        return;
    ix_words_free(s->words);
    xc_stem_free(s->stem);
    names_free(s->names);
    xc_db_close(s->db);
    free(s->shards.failed);
    g_strfreev(s->shards.names);
    free(s->shards_conf);
    g_free(s->dir);
    g_free(s);
}

/* collections_query - any of the collections' terms; one no document has
 * when the list is empty */
static xc_query *collections_query(const char *const *collections, char **err)
{
    GPtrArray *ors = g_ptr_array_new_with_free_func((GDestroyNotify)xc_query_free);
    xc_query *q = NULL;
    for (const char *const *c = collections; *c; c++) {
        char *term = g_strconcat(IX_PREFIX_COLLECTION, *c, NULL);
        q = xc_query_term(term, 1, 0, err);
        g_free(term);
        if (q == NULL)
            break;
        g_ptr_array_add(ors, q);
    }
    if (collections[0] == NULL)
        q = xc_query_term(IX_PREFIX_COLLECTION, 1, 0, err); /* no collection is named "" */
    else if (q != NULL)
        q = xc_query_list(XC_OP_OR, (xc_query **)ors->pdata, ors->len, 0, err);
    g_ptr_array_free(ors, TRUE);
    return q;
}

/* filter_by - q filtered by f (both freed; f NULL: a filter that failed);
 * NULL on failure */
static xc_query *filter_by(xc_query *q, xc_query *f, char **err)
{
    xc_query *both = f ? xc_query_combine(XC_OP_FILTER, q, f, err) : NULL;
    xc_query_free(f);
    xc_query_free(q);
    return both;
}

/* reconnect - open the shards again, after one stopped answering during a
 * search: 1 when reopened, 0 when the index is not sharded, -1 on error */
static int reconnect(ix_searcher *s, char **err)
{
    if (s->shards_conf == NULL)
        return 0;
    ix_shards_status st;
    xc_db *db = ix_shards_open(s->shards_conf, &st, err);
    if (db == NULL)
        return -1;
    xc_db_close(s->db);
    free(s->shards.failed);
    g_strfreev(s->shards.names);
    s->db = db;
    s->shards = st;
    return 1;
}

/* same_file - a and b are the same file, unchanged in size and time */
static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* ix_searcher_refresh - catch s up with the latest commit: 0 when done, -1
 * when s must be opened anew (the index directory was replaced, shards.conf
 * appeared, went or changed, or the database cannot be reopened) */
int ix_searcher_refresh(ix_searcher *s)
{
    char *conf = ix_shards_conf(s->dir);
    struct stat now;
    int same = (conf != NULL) == (s->shards_conf != NULL) &&
               stat(conf ? conf : s->dir, &now) == 0 &&
               (conf ? same_file(&now, &s->opened)
                     : now.st_dev == s->opened.st_dev && now.st_ino == s->opened.st_ino);
    free(conf);
    if (!same)
        return -1;
    if (s->shards_conf != NULL && s->shards.answered < s->shards.named)
        return reconnect(s, NULL) == 1 ? 0 : -1; /* a shard that was down may be back */
    return xc_db_reopen(s->db, NULL) < 0 ? -1 : 0;
}

/* note_shards - which shards answered, into r */
static void note_shards(const ix_searcher *s, index_results *r)
{
    r->shards_named = s->shards.named;
    r->shards_answered = s->shards.answered;
    free(r->shards_failed);
    r->shards_failed = s->shards.failed ? xstrdup(s->shards.failed) : NULL;
}

/* with_filters - q filtered by the options' filters and collections (q
 * itself if none) */
static xc_query *with_filters(xc_query *q, const index_search_opts *o, char **err)
{
    char *why = NULL;
    xc_query *f = ix_filters_query(o, &why);
    if (f != NULL || why != NULL)
        q = filter_by(q, f, &why);
    if (q != NULL && o->collections != NULL)
        q = filter_by(q, collections_query(o->collections, &why), &why);
    if (q == NULL)
        dk_fail(err, "%s", why ? why : "cannot apply the filters");
    free(why);
    return q;
}

/* unweighed - q matching as it does, every match weighing 0 (q freed;
 * NULL on failure): what matches, not how well, which Xapian finds faster */
static xc_query *unweighed(xc_query *q, char **err)
{
    xc_query *u = xc_query_scale(q, 0.0, err);
    xc_query_free(q);
    return u;
}

/* possible_once - the possible matches of the persons' names in query: their
 * own query, filtered, without the files the exact query matches (files:
 * all of them, or NULL to find them), into r->possible (or only counted) */
static int possible_once(const ix_searcher *s, const char *query, const index_search_opts *o,
                         const xc_query *exact, ix_file_keys keys, const GByteArray *files,
                         index_results *r, char **err)
{
    ix_query *iq = ix_query_new(s->names);
    ix_query_set_possible(iq);
    index_search_opts po = {.limit = o->possible_count_only ? 0 : o->limit, .sort = o->sort};
    index_results found = {0};
    xc_query *q = ix_query_build(s->db, query, iq, 1, err);
    GByteArray *found_files = NULL;
    if (q != NULL && (q = with_filters(q, o, err)) != NULL && o->possible_count_only)
        q = unweighed(q, err); /* counted, not ranked: Xapian stops once it has enough */
    int rc = 1;                /* 1: not found yet */
    int counted = 0;           /* counted into r, without hits */
    if (q != NULL && files == NULL && o->possible_count_only) {
        rc = ix_count_possible(s->db, q, exact, keys, r, err);
        counted = rc == 0;
    } else if (q != NULL && files == NULL && o->sort == INDEX_SORT_RELEVANCE) {
        run_extras x = {.keys = keys, .exact_after = exact}; /* the exact files among them */
        rc = search_once(s, iq, q, query, &po, &x, &found, err);
    }
    if (rc == 1 && q != NULL &&
        (files != NULL ||
         (files = found_files = ix_exact_files(s->db, exact, keys, err)) != NULL)) {
        run_extras x = {.keys = keys,
                        .exclude = files,
                        .counted = o->possible_count_only ? POSSIBLE_COUNTED : 0};
        rc = search_sorted(s, iq, q, query, &po, &x, &found, err);
    }
    if (rc == 1) /* no query, or the exact files not found: *err says why */
        rc = -1;
    if (rc == 0 && !counted) {
        r->possible_total = found.total;
        r->possible_approximate = found.total_approximate;
        r->possible = found.hits;
        r->npossible = found.count;
    }
    if (found_files != NULL)
        g_byte_array_free(found_files, TRUE);
    xc_query_free(q);
    ix_query_free(iq);
    return rc;
}

/* ix_searcher_run - parse, filter, search, retry if the writer overtook us */
int ix_searcher_run(ix_searcher *s, const char *query, const index_search_opts *opts,
                    index_results *r, char **err)
{
    index_search_opts o = opts ? *opts : (index_search_opts){0};
    if (o.limit == 0)
        o.limit = DEFAULT_LIMIT;
    ix_query *iq = ix_query_new(s->names);
    char *why = NULL;
    int rc = -1;
    xc_query *q = ix_query_build(s->db, query, iq, !o.exact, &why);
    if (q == NULL)
        dk_fail(err, "cannot understand the query \"%s\": %s", query, why ? why : "unknown error");
    else if ((q = with_filters(q, &o, &why)) == NULL)
        dk_fail(err, "cannot filter the search for \"%s\": %s", query, why ? why : "?");
    if (q != NULL && s->shards_conf != NULL && s->shards.answered == 0)
        rc = 0; /* no shard answered: no hits, and note_shards says why */
    for (int tries = 0; q != NULL && rc < 0 && tries < SEARCH_TRIES; tries++) {
        int persons = !o.exact && ix_query_npersons(iq) > 0; /* known after the build */
        GByteArray *files = NULL; /* the exact files, when the hits hold them all */
        run_extras x = {.keys = ix_file_keys_of(s->db), .found = persons ? &files : NULL};
        rc = search_sorted(s, iq, q, query, &o, &x, r, &why);
        if (rc == 0 && persons)
            rc = possible_once(s, query, &o, q, x.keys, files, r, &why);
        if (files != NULL)
            g_byte_array_free(files, TRUE);
        if (rc == 0)
            break;
        ix_hits_clear(r);
        /* a shard stopped answering, or the writer overtook us; else the failure is real */
        if (reconnect(s, NULL) != 1 && xc_db_reopen(s->db, NULL) != 1)
            break;
    }
    note_shards(s, r);
    if (q != NULL && rc < 0)
        dk_fail(err, "%s", why ? why : "search failed");
    free(why);
    xc_query_free(q);
    ix_query_free(iq);
    return rc;
}

/* ix_searcher_results - run query on s into a new *out; s NULL (nothing
 * indexed yet) gives an empty answer, not an error */
int ix_searcher_results(ix_searcher *s, const char *query, const index_search_opts *opts,
                        index_results **out, char **err)
{
    index_results *r = xcalloc(1, sizeof *r);
    r->query = xstrdup(query);
    if (s != NULL && ix_searcher_run(s, query, opts, r, err) < 0) {
        index_results_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

/* index_search_ex - open, run, close */
int index_search_ex(const char *dir, const char *query, const index_search_opts *opts,
                    index_results **out, char **err)
{
    if (out == NULL)
        return dk_fail(err, "search: nowhere to put the results");
    *out = NULL;
    if (dir == NULL || query == NULL)
        return dk_fail(err, "search: no index directory or no query");
    int absent = 0;
    ix_searcher *s = ix_searcher_open(dir, &absent, err);
    if (s == NULL && !absent)
        return -1;
    int rc = ix_searcher_results(s, query, opts, out, err);
    ix_searcher_close(s);
    return rc;
}

/* index_search - index_search_ex with offset and limit only */
int index_search(const char *dir, const char *query, size_t offset, size_t limit,
                 index_results **out, char **err)
{
    index_search_opts o = {.offset = offset, .limit = limit};
    if (limit == 0) /* no hits asked for, only the total */
        o.limit = 1;
    int rc = index_search_ex(dir, query, &o, out, err);
    if (rc == 0 && limit == 0 && *out != NULL && (*out)->count + (*out)->npossible > 0) {
        long total = (*out)->total, possible = (*out)->possible_total;
        ix_hits_clear(*out);
        (*out)->total = total;
        (*out)->possible_total = possible;
    }
    return rc;
}

/* index_item_shard - a search for the item's term within the collections */
int index_item_shard(const char *dir, const char *sha256, const char *const *collections,
                     char **shard, char **err)
{
    if (shard != NULL)
        *shard = NULL;
    if (strlen(sha256) != IX_SHA_LEN || strspn(sha256, "0123456789abcdef") != IX_SHA_LEN)
        return 0;
    char *query = g_strconcat(IX_FIELD_SHA ":", sha256, NULL);
    index_search_opts o = {.limit = 1, .collections = collections};
    index_results *r = NULL;
    int rc = index_search_ex(dir, query, &o, &r, err);
    g_free(query);
    if (rc == 0)
        rc = r != NULL && r->count > 0;
    if (rc == 0 && r != NULL && r->shards_failed != NULL) { /* it may be on a shard that is down */
        dk_fail(err, "%s", r->shards_failed);
        rc = -1;
    }
    if (rc == 1 && shard != NULL && r->hits[0].shard != NULL)
        *shard = xstrdup(r->hits[0].shard);
    index_results_free(r);
    return rc;
}

/* index_item_visible - index_item_shard without the shard */
int index_item_visible(const char *dir, const char *sha256, const char *const *collections,
                       char **err)
{
    return index_item_shard(dir, sha256, collections, NULL, err);
}

/* index_results_free - free everything */
void index_results_free(index_results *results)
{
    if (results == NULL)
        return;
    ix_hits_clear(results);
    free(results->shards_failed);
    free(results->query);
    free(results);
}
