/*
 * query_parse.c - a query as the user typed it into one Xapian query: rewritten
 * (rewrite.c), parsed twice with the field processors of query.c, and the
 * two parses combined.
 *
 * The query is parsed twice with the same syntax: once with Russian stemming
 * (STEM_SOME, which decides what matches: "приговор" finds "приговора") and
 * once without (which only adds weight: a page with the very word form the
 * user typed ranks above one with another form of it).
 *
 * Functions: ix_query_build.
 */
#include "index/query/query.h"
#include "index/schema.h"
#include "common/error.h"

#include <assert.h>
#include <glib.h>
#include <stdlib.h>

#define QUERY_FLAGS \
    (XC_QP_PHRASE | XC_QP_BOOLEAN | XC_QP_LOVEHATE | XC_QP_WILDCARD | XC_QP_PURE_NOT)
#define MAX_WILDCARD_TERMS 500 /* "а*" must not expand into the whole vocabulary */

/* parse_query - the parser set up for our schema, with the given stemming;
 * iq's field processors in the exact pass (STEM_NONE) or the stemmed one */
static xc_query *parse_query(xc_db *db, const char *text, int strategy, ix_query *iq, char **err)
{
    xc_query *q = NULL;
    xc_qp *qp = xc_qp_new(err);
    if (qp == NULL)
        return NULL;
    xc_qp_set_database(qp, db);
    xc_qp_set_stemming_strategy(qp, strategy);
    xc_qp_set_max_expansion(qp, MAX_WILDCARD_TERMS);
    if (xc_qp_set_stemmer(qp, IX_STEMMER, err) == 0 &&
        xc_qp_set_default_op(qp, XC_OP_AND, err) == 0 &&
        xc_qp_add_prefix(qp, IX_FIELD_FILE, IX_PREFIX_FILE, err) == 0 &&
        xc_qp_add_boolean_prefix(qp, IX_FIELD_SHA, IX_PREFIX_ITEM, err) == 0 &&
        xc_qp_add_boolean_prefix(qp, IX_FIELD_MIME, IX_PREFIX_MIME, err) == 0 &&
        ix_query_add_fields(iq, qp, strategy == XC_STEM_NONE, err) == 0) {
        int rc = 0;
        for (size_t k = 0; k < IX_META_FIELD_COUNT && rc == 0; k++)
            rc = xc_qp_add_prefix(qp, ix_meta_fields[k].field, ix_meta_fields[k].prefix, err);
        if (rc == 0)
            q = xc_qp_parse(qp, text, QUERY_FLAGS, err);
    }
    xc_qp_free(qp);
    return q;
}

/* ix_query_build - the rewritten text: stemmed query AND_MAYBE exact query
 * (the one query weighed twice when they are the same) */
xc_query *ix_query_build(xc_db *db, const char *query, ix_query *iq, int use_names, char **err)
{
    /* Xapian 1.4.22's QueryParser reads past what it parsed on some bytes
     * that are not UTF-8 (found by fuzz_query: a null Query in operator&=) */
    if (query == NULL || !g_utf8_validate(query, -1, NULL)) {
        dk_fail(err, "the query is not UTF-8 text");
        return NULL;
    }
    char *text = ix_query_rewrite(iq, query, use_names);
    assert(g_utf8_validate(text, -1, NULL)); /* the rewriting keeps whole characters */
    xc_query *stemmed = parse_query(db, text, XC_STEM_SOME, iq, err);
    xc_query *exact = stemmed ? parse_query(db, text, XC_STEM_NONE, iq, NULL) : NULL;
    g_free(text);
    if (stemmed != NULL && ix_query_error(iq) != NULL) { /* a field value it cannot read */
        dk_fail(err, "%s", ix_query_error(iq));
        xc_query_free(stemmed);
        xc_query_free(exact);
        return NULL;
    }
    if (stemmed == NULL)
        return NULL;
    if (exact == NULL && ix_query_note_terms(iq, stemmed, err) < 0) {
        xc_query_free(stemmed);
        return NULL;
    }
    if (exact == NULL) /* same syntax, so not expected; the stems still work */
        return stemmed;
    char *a = xc_query_describe(stemmed), *b = xc_query_describe(exact);
    int same = a != NULL && b != NULL && strcmp(a, b) == 0; /* nothing stemmed: a phrase */
    free(a);
    free(b);
    /* q AND_MAYBE q weighs each match twice: the same, without matching twice */
    xc_query *q = same ? xc_query_scale(stemmed, 2.0, err)
                       : xc_query_combine(XC_OP_AND_MAYBE, stemmed, exact, err);
    xc_query_free(stemmed);
    xc_query_free(exact);
    if (q != NULL && ix_query_note_terms(iq, q, err) < 0) {
        xc_query_free(q);
        return NULL;
    }
    return q;
}
