/*
 * hit_page.c - which page of its document a hit is on: the page with most
 * of the query's different terms, then the longest run of them one after
 * another (a phrase), then the most matches, the first of as many.
 *
 * Where the terms are is read from the document's positions, for the terms
 * that have them (words as written, name keys, initials): a page's words
 * and name keys come after its "at" (schema.h), before the next page's. A
 * name key or initial where a word of the query is counts as that word (a
 * query's words are also asked as names), elsewhere as a term of its own. A
 * document none of whose positions says has its pages' words read again
 * (ix_match_best_page), which costs more, when the query has words that match
 * by their stems alone; else (a field, the file name, a wildcard) its
 * first page is the hit's.
 *
 * Functions: ix_hit_page.
 */
#include "index/hits.h"
#include "index/match_snippet.h"
#include "index/schema.h"

#include <glib.h>
#include <stdint.h>

/* What one term's positions are being added to. */
typedef struct {
    const unsigned *starts; /* each page's "at", ascending */
    size_t npages;
    size_t term;       /* the term's number, from 1 */
    size_t *last_term; /* per page: the last term seen on it */
    int64_t *distinct; /* per page: different terms on it */
    int64_t *times;    /* per page: matches on it */
    GArray *positions; /* every position matched, of unsigned */
    GHashTable *words; /* the positions of the query's words matched */
    int names;         /* adding a name key or initial, not a word */
} tally;

/* page_at - the page whose words include position pos; npages for none
 * (the file name and metadata come before the first page) */
static size_t page_at(const tally *t, unsigned pos)
{
    size_t lo = 0, hi = t->npages; /* the first page starting at or after pos */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->starts[mid] < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? t->npages : lo - 1;
}

/* add_position - xc_mset_positions callback */
static void add_position(unsigned pos, void *ctx)
{
    tally *t = ctx;
    size_t k = page_at(t, pos);
    if (k == t->npages)
        return;
    if (!t->names)
        g_hash_table_add(t->words, GUINT_TO_POINTER(pos));
    else if (g_hash_table_contains(t->words, GUINT_TO_POINTER(pos)))
        return; /* the word it is the name of */
    if (t->last_term[k] != t->term) {
        t->last_term[k] = t->term;
        t->distinct[k]++;
    }
    t->times[k]++;
    g_array_append_val(t->positions, pos);
}

/* compare_positions - for g_array_sort */
static gint compare_positions(gconstpointer a, gconstpointer b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

/* longest_runs - per page, the longest run of positions one after another */
static void longest_runs(const tally *t, int64_t *longest)
{
    g_array_sort(t->positions, compare_positions);
    int64_t run = 0;
    for (guint i = 0; i < t->positions->len; i++) {
        unsigned p = g_array_index(t->positions, unsigned, i);
        if (i > 0 && p == g_array_index(t->positions, unsigned, i - 1))
            continue; /* a name key where its word is */
        run = i > 0 && p == g_array_index(t->positions, unsigned, i - 1) + 1 ? run + 1 : 1;
        size_t k = page_at(t, p);
        if (run > longest[k])
            longest[k] = run;
    }
}

/* by_positions - the best page by positions; -1 when none matched or the
 * data has no page starts */
static int by_positions(const ix_query *iq, const xc_mset *m, size_t i, json_object *pages,
                        char **err)
{
    size_t n = json_object_array_length(pages);
    unsigned *starts = g_new(unsigned, n);
    for (size_t k = 0; k < n; k++) {
        json_object *at = json_object_object_get(json_object_array_get_idx(pages, k), IX_DATA_AT);
        starts[k] = (unsigned)json_object_get_int64(at);
        if (at == NULL || (k > 0 && starts[k] <= starts[k - 1])) {
            g_free(starts);
            return -1; /* damaged: the words tell */
        }
    }
    tally t = {.starts = starts,
               .npages = n,
               .last_term = g_new0(size_t, n),
               .distinct = g_new0(int64_t, n),
               .times = g_new0(int64_t, n),
               .positions = g_array_new(FALSE, FALSE, sizeof(unsigned)),
               .words = g_hash_table_new(g_direct_hash, g_direct_equal)};
    int rc = 0;
    for (t.names = 0; rc == 0 && t.names < 2; t.names++) { /* words first */
        const char *term;
        for (size_t j = 0; rc == 0 && (term = ix_query_placed(iq, j)) != NULL; j++) {
            if (g_ascii_isupper(term[0]) != t.names)
                continue;
            t.term = j + 1;
            rc = xc_mset_positions(m, i, term, add_position, &t, err);
        }
    }
    int best = -1;
    if (rc == 0 && t.positions->len > 0) {
        int64_t *longest = g_new0(int64_t, n);
        longest_runs(&t, longest);
        for (size_t k = 0; k < n; k++)
            if (best < 0 || t.distinct[k] > t.distinct[best] ||
                (t.distinct[k] == t.distinct[best] &&
                 (longest[k] > longest[best] ||
                  (longest[k] == longest[best] && t.times[k] > t.times[best]))))
                best = (int)k;
        g_free(longest);
    }
    g_array_free(t.positions, TRUE);
    g_hash_table_destroy(t.words);
    g_free(t.last_term);
    g_free(t.distinct);
    g_free(t.times);
    g_free(starts);
    return rc < 0 ? -2 : best;
}

/* ix_hit_page - by positions, else by the pages' words */
int ix_hit_page(const ix_query *iq, ix_words *words, const xc_mset *m, size_t i, json_object *pages,
                char **err)
{
    size_t n = json_object_array_length(pages);
    if (n < 2)
        return 0;
    int best = by_positions(iq, m, i, pages, err);
    if (best == -2)
        return -1;
    if (best >= 0)
        return best;
    if (!ix_query_by_stem(iq))
        return 0; /* on no page: a field, the file name */
    return ix_match_best_page(iq, words, pages);
}
