/*
 * files.c - the files a search finds, told apart by a short key of each
 * (IX_SLOT_FILE, schema.h): the keys of a run's hits, files left out of a
 * run, the files an exact query matches, and a batch line's possible
 * matches counted among the first files found (see search.c).
 *
 * Functions: ix_file_keys_of, ix_mset_files, ix_exclude_files, ix_exact_files, ix_files_matching,
 * ix_count_possible.
 */
#include "index/files.h"
#include "index/schema.h"
#include "common/hex.h"
#include "common/xalloc.h"

#include <assert.h>
#include <glib.h>
#include <stdlib.h>

#define EXACT_ITEMS_MAX 10000 /* exact files kept out of the possible matches, at most */
#define POSSIBLE_LOOKED 200   /* a batch line's files looked at for possible ones */

/* ix_file_keys_of - the keys db's pages all have */
ix_file_keys ix_file_keys_of(const xc_db *db)
{
    if (xc_db_value_freq(db, IX_SLOT_FILE) == xc_db_doccount(db))
        return (ix_file_keys){IX_SLOT_FILE, IX_FILE_KEY_LEN};
    return (ix_file_keys){IX_SLOT_SHA, IX_SHA_LEN};
}

/* ix_mset_files - the keys m's hits were collapsed on, one after another (a
 * page without one, which no writer of ours leaves, is skipped) */
GByteArray *ix_mset_files(const xc_mset *m, ix_file_keys keys)
{
    GByteArray *files = g_byte_array_new();
    for (size_t i = 0; i < xc_mset_size(m); i++) {
        size_t len = 0;
        char *key = xc_mset_collapse_key(m, i, &len);
        if (key != NULL && len == keys.len)
            g_byte_array_append(files, (const guint8 *)key, (guint)len);
        free(key);
    }
    return files;
}

/* ix_exclude_files - leave the files (keys, as ix_mset_files gives) out of e's
 * results; where Xapian cannot, by their terms: the item's term begins with
 * the key in hex (the key itself when it is the SHA-256 in hex) */
int ix_exclude_files(xc_enquire *e, ix_file_keys keys, const GByteArray *files, char **err)
{
    size_t n = files->len / keys.len;
    assert(files->len % keys.len == 0);
    char **starts = xcalloc(n + 1, sizeof *starts);
    for (size_t i = 0; i < n; i++) {
        const guint8 *key = files->data + i * keys.len;
        if (keys.slot == IX_SLOT_SHA) {
            starts[i] = g_strndup((const char *)key, keys.len);
            continue;
        }
        starts[i] = g_malloc(2 * keys.len + 1);
        hex_encode(key, keys.len, starts[i]);
    }
    int rc = xc_enquire_exclude(e, keys.slot, (const char *)files->data, keys.len, IX_PREFIX_ITEM,
                                starts, n, err);
    g_strfreev(starts);
    return rc;
}

/* collapsed_run - the files q matches on db, a hit each, up to max of them,
 * counting at least check pages (NULL on failure) */
static xc_mset *collapsed_run(xc_db *db, const xc_query *q, ix_file_keys keys, unsigned max,
                              unsigned check, char **err)
{
    xc_enquire *e = q != NULL ? xc_enquire_new(db, err) : NULL;
    xc_mset *m = NULL;
    if (e != NULL && xc_enquire_set_query(e, q, err) == 0 &&
        xc_enquire_set_collapse_key(e, keys.slot, 1, err) == 0)
        m = xc_enquire_get_mset(e, 0, max, check, err);
    xc_enquire_free(e);
    return m;
}

/* ix_exact_files - the keys of the files q matches (at most EXACT_ITEMS_MAX),
 * found without weighing their pages (NULL on failure) */
GByteArray *ix_exact_files(xc_db *db, const xc_query *q, ix_file_keys keys, char **err)
{
    xc_query *any = xc_query_scale(q, 0.0, err); /* which files, not how well */
    xc_mset *m = collapsed_run(db, any, keys, EXACT_ITEMS_MAX, 0, err);
    GByteArray *files = m != NULL ? ix_mset_files(m, keys) : NULL;
    xc_mset_free(m);
    xc_query_free(any);
    return files;
}

/* within_files - q, unweighed, filtered to the files of m's hits (their
 * item terms); NULL on failure */
static xc_query *within_files(const xc_query *q, const xc_mset *m, char **err)
{
    GPtrArray *terms = g_ptr_array_new_with_free_func((GDestroyNotify)xc_query_free);
    xc_query *any = NULL, *files = NULL, *both = NULL;
    for (size_t i = 0; i < xc_mset_size(m); i++) {
        char *sha = xc_mset_value(m, i, IX_SLOT_SHA);
        char *term = g_strconcat(IX_PREFIX_ITEM, sha, NULL);
        xc_query *t = *sha != '\0' ? xc_query_term(term, 1, 0, err) : NULL;
        int failed = *sha != '\0' && t == NULL; /* a page without a hash has no item term */
        g_free(term);
        free(sha);
        if (failed)
            goto out;
        if (t != NULL)
            g_ptr_array_add(terms, t);
    }
    if ((any = xc_query_scale(q, 0.0, err)) != NULL &&
        (files = xc_query_list(XC_OP_OR, (xc_query **)terms->pdata, terms->len, 0, err)) != NULL)
        both = xc_query_combine(XC_OP_FILTER, any, files, err);
out:
    g_ptr_array_free(terms, TRUE);
    xc_query_free(any);
    xc_query_free(files);
    return both;
}

/* ix_files_matching - the keys of those of m's files (of its hits) that
 * q matches, as ix_mset_files gives them (NULL on failure) */
GByteArray *ix_files_matching(xc_db *db, const xc_query *q, const xc_mset *m, ix_file_keys keys,
                              char **err)
{
    xc_query *both = within_files(q, m, err);
    unsigned n = (unsigned)xc_mset_size(m);
    xc_mset *em = collapsed_run(db, both, keys, n, n, err);
    GByteArray *files = em != NULL ? ix_mset_files(em, keys) : NULL;
    xc_mset_free(em);
    xc_query_free(both);
    return files;
}

/* ix_count_possible - a batch line's possible matches when its exact files
 * are too many to find first: of the first POSSIBLE_LOOKED files q (made
 * unweighed) finds, those the exact query does not match, and past them the
 * estimate of q's files scaled by their share; 1 (r untouched) when none of
 * those is possible and q finds more, which only leaving every exact file
 * out can count */
int ix_count_possible(xc_db *db, const xc_query *q, const xc_query *exact, ix_file_keys keys,
                      index_results *r, char **err)
{
    xc_mset *m = collapsed_run(db, q, keys, POSSIBLE_LOOKED, POSSIBLE_LOOKED, err);
    GByteArray *exacts = m != NULL ? ix_files_matching(db, exact, m, keys, err) : NULL;
    int rc = -1;
    if (exacts != NULL) {
        size_t looked = xc_mset_size(m), possible = looked - exacts->len / keys.len;
        assert(exacts->len / keys.len <= looked);
        rc = 1;
        if (possible > 0 || xc_mset_exact(m)) {
            r->possible_approximate = !xc_mset_exact(m);
            r->possible_total = r->possible_approximate
                                    ? MAX((long)possible,
                                          (long)(xc_mset_estimated(m) * possible / looked))
                                    : (long)possible;
            rc = 0;
        }
        g_byte_array_free(exacts, TRUE);
    }
    xc_mset_free(m);
    return rc;
}
