/*
 * term_queries.cc - queries built term by term, and field processors: the
 * C functions QueryParser calls back for a prefix while it parses.
 *
 * A field processor calls a C function while Xapian parses; the C function
 * reports failure as a message, which becomes a QueryParserError, which the
 * parse reports (xc_qp_parse).
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_query_term, xc_query_list, xc_query_scale, xc_query_each_term,
 * xc_qp_add_field_processor.
 */
#include "index/xapian/xapian_int.hh"

#include <vector>

/* xc_query_term - Query(term, wqf, pos) */
xc_query *xc_query_term(const char *term, unsigned wqf, unsigned pos, char **err)
{
    if (term == nullptr || *term == '\0') {
        dk_fail(err, "term query: no term");
        return nullptr;
    }
    try {
        return new xc_query{Xapian::Query(term, wqf, pos)};
    } catch (...) {
        fail_current(err, std::string("cannot make a query for ") + term);
        return nullptr;
    }
}

/* xc_query_list - Query(op, begin, end, window) */
xc_query *xc_query_list(int op, xc_query *const *qs, size_t n, unsigned window, char **err)
{
    Xapian::Query::op xop;
    if (!to_op(op, &xop)) {
        dk_fail(err, "combine queries: unknown operator %d", op);
        return nullptr;
    }
    try {
        std::vector<Xapian::Query> subs;
        for (size_t i = 0; i < n; i++)
            if (qs[i] != nullptr)
                subs.push_back(qs[i]->q);
        if (subs.empty())
            return new xc_query{Xapian::Query::MatchNothing};
        return new xc_query{Xapian::Query(xop, subs.begin(), subs.end(), window)};
    } catch (...) {
        fail_current(err, "cannot combine queries");
        return nullptr;
    }
}

/* xc_query_scale - OP_SCALE_WEIGHT */
xc_query *xc_query_scale(const xc_query *q, double factor, char **err)
{
    if (q == nullptr || factor < 0) {
        dk_fail(err, "scale query: no query or a negative factor");
        return nullptr;
    }
    try {
        return new xc_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor)};
    } catch (...) {
        fail_current(err, "cannot scale a query");
        return nullptr;
    }
}

/* xc_query_each_term - get_unique_terms_begin..end */
int xc_query_each_term(const xc_query *q, xc_query_term_fn fn, void *ctx, char **err)
{
    if (q == nullptr || fn == nullptr)
        return dk_fail(err, "query terms: no query or no function");
    try {
        for (auto t = q->q.get_unique_terms_begin(); t != q->q.get_unique_terms_end(); ++t)
            fn((*t).c_str(), ctx);
        return 0;
    } catch (...) {
        return fail_current(err, "cannot list the query's terms");
    }
}

/* A FieldProcessor that asks a C function. */
struct CFieldProcessor : Xapian::FieldProcessor {
    xc_field_fn fn;
    void *ctx;
    CFieldProcessor(xc_field_fn f, void *c) : fn(f), ctx(c)
    {
    }

    Xapian::Query operator()(const std::string &value) override
    {
        char *err = nullptr;
        xc_query *q = fn(ctx, value.c_str(), &err);
        if (q == nullptr) {
            std::string msg = err != nullptr ? err : "cannot read \"" + value + "\"";
            std::free(err);
            throw Xapian::QueryParserError(msg);
        }
        Xapian::Query result = q->q;
        delete q;
        return result;
    }
};

/* xc_qp_add_field_processor - add_prefix / add_boolean_prefix with a processor */
int xc_qp_add_field_processor(xc_qp *qp, const char *field, int boolean, xc_field_fn fn, void *ctx,
                              char **err)
{
    if (qp == nullptr || field == nullptr || fn == nullptr)
        return dk_fail(err, "field processor: missing parser, field or function");
    try {
        Xapian::FieldProcessor *proc = new CFieldProcessor(fn, ctx);
        if (boolean)
            qp->qp.add_boolean_prefix(field, proc->release());
        else
            qp->qp.add_prefix(field, proc->release());
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot add field ") + field);
    }
}
