/*
 * xapian_more.cc - the rest of the C wrapper over libxapian (see the "more"
 * part of xapian_c.h): terms with positions, metadata, queries built term by
 * term, field processors, sorting by value, facet counts and stemming.
 *
 * Like xapian_c.cc, every entry point catches what Xapian throws. Two pieces
 * call back into C: a field processor calls a C function while Xapian parses
 * (its failure becomes a QueryParserError, which the parse reports), and a
 * facet counter is a MatchSpy owned by Xapian whose counts live in a shared
 * object the C handle also holds, so either can be freed first.
 */
#include "index/xapian/xapian_int.hh"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

struct xc_stem { Xapian::Stem stem; };

/* xc_doc_add_term - add_term */
int xc_doc_add_term(xc_doc *doc, const char *term, unsigned wdf_inc, char **err)
{
    if (doc == nullptr || term == nullptr || *term == '\0')
        return dk_fail(err, "add term: missing document or term");
    try {
        doc->doc.add_term(term, wdf_inc);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot add term ") + term);
    }
}

/* xc_doc_add_posting - add_posting */
int xc_doc_add_posting(xc_doc *doc, const char *term, unsigned pos, unsigned wdf_inc,
                       char **err)
{
    if (doc == nullptr || term == nullptr || *term == '\0')
        return dk_fail(err, "add posting: missing document or term");
    try {
        doc->doc.add_posting(term, pos, wdf_inc);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot add term ") + term);
    }
}

/* xc_doc_remove_term - remove_term, ignoring an absent term */
void xc_doc_remove_term(xc_doc *doc, const char *term)
{
    if (doc == nullptr || term == nullptr || *term == '\0')
        return;
    try {
        doc->doc.remove_term(term);
    } catch (...) {
        /* InvalidArgumentError: the term is not there, which is what we want */
    }
}

/* xc_doc_get_value - get_value */
char *xc_doc_get_value(const xc_doc *doc, unsigned slot, size_t *len)
{
    try {
        std::string v = doc != nullptr ? doc->doc.get_value(slot) : std::string();
        if (len != nullptr)
            *len = v.size();
        return dup_string(v);
    } catch (...) {
        if (len != nullptr)
            *len = 0;
        return dup_string(std::string());
    }
}

/* xc_doc_get_data - get_data */
char *xc_doc_get_data(const xc_doc *doc, size_t *len, char **err)
{
    if (doc == nullptr) {
        dk_fail(err, "document data: no document");
        return nullptr;
    }
    try {
        std::string data = doc->doc.get_data();
        if (len != nullptr)
            *len = data.size();
        char *copy = dup_string(data);
        if (copy == nullptr)
            dk_fail(err, "document data: out of memory");
        return copy;
    } catch (...) {
        fail_current(err, "cannot read document data");
        return nullptr;
    }
}

/* xc_wdb_find - the first posting of term, then get_document */
xc_doc *xc_wdb_find(xc_wdb *db, const char *term, char **err)
{
    if (db == nullptr || term == nullptr) {
        dk_fail(err, "find document: missing database or term");
        return nullptr;
    }
    try {
        Xapian::PostingIterator p = db->db.postlist_begin(term);
        if (p == db->db.postlist_end(term)) {
            dk_fail(err, "no document has the term %s", term);
            return nullptr;
        }
        return new xc_doc{db->db.get_document(*p)};
    } catch (...) {
        fail_current(err, std::string("cannot read the document of ") + term);
        return nullptr;
    }
}

/* xc_wdb_set_metadata - set_metadata */
int xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value, char **err)
{
    if (db == nullptr || key == nullptr || *key == '\0')
        return dk_fail(err, "set metadata: missing database or key");
    try {
        db->db.set_metadata(key, str(value));
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot set metadata ") + key);
    }
}

/* get_metadata - shared by the reader and the writer */
static char *get_metadata(const Xapian::Database &db, const char *key, char **err)
{
    if (key == nullptr || *key == '\0') {
        dk_fail(err, "get metadata: no key");
        return nullptr;
    }
    try {
        return dup_string(db.get_metadata(key));
    } catch (...) {
        fail_current(err, std::string("cannot read metadata ") + key);
        return nullptr;
    }
}

/* xc_wdb_get_metadata - get_metadata on the writer */
char *xc_wdb_get_metadata(xc_wdb *db, const char *key, char **err)
{
    if (db == nullptr) {
        dk_fail(err, "get metadata: no database");
        return nullptr;
    }
    return get_metadata(db->db, key, err);
}

/* xc_db_get_metadata - get_metadata on a reader */
char *xc_db_get_metadata(xc_db *db, const char *key, char **err)
{
    if (db == nullptr) {
        dk_fail(err, "get metadata: no database");
        return nullptr;
    }
    return get_metadata(db->db, key, err);
}

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

/* A FieldProcessor that asks a C function. */
struct CFieldProcessor : Xapian::FieldProcessor {
    xc_field_fn fn;
    void *ctx;
    CFieldProcessor(xc_field_fn f, void *c) : fn(f), ctx(c) {}

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
int xc_qp_add_field_processor(xc_qp *qp, const char *field, int boolean, xc_field_fn fn,
                              void *ctx, char **err)
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

/* xc_enquire_set_sort_by_value - set_sort_by_value_then_relevance */
int xc_enquire_set_sort_by_value(xc_enquire *e, unsigned slot, int reverse, char **err)
{
    if (e == nullptr)
        return dk_fail(err, "sort: no search");
    try {
        e->e.set_sort_by_value_then_relevance(slot, reverse != 0);
        return 0;
    } catch (...) {
        return fail_current(err, "cannot sort by value");
    }
}

/* The counts of a facet, shared by the C handle and the MatchSpy. */
struct FacetCounts {
    Xapian::valueno slot;
    int dedupe_slot;
    char sep;
    std::map<std::string, unsigned long> counts;
    std::set<std::string> seen;        /* dedupe value + '\0' + value, counted already */
    std::vector<std::pair<std::string, unsigned long>> sorted;
    bool dirty = true;

    /* count - one value of one document */
    void count(const std::string &value, const std::string &dedupe)
    {
        if (value.empty())
            return;
        if (dedupe_slot >= 0 && !seen.insert(dedupe + '\0' + value).second)
            return;
        counts[value]++;
        dirty = true;
    }

    /* order - sort by count, highest first, then by value */
    void order()
    {
        if (!dirty)
            return;
        sorted.assign(counts.begin(), counts.end());
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const std::pair<std::string, unsigned long> &a,
                            const std::pair<std::string, unsigned long> &b) {
                             return a.second > b.second;
                         });
        dirty = false;
    }
};

/* The MatchSpy that fills FacetCounts. */
struct FacetSpy : Xapian::MatchSpy {
    std::shared_ptr<FacetCounts> c;
    explicit FacetSpy(std::shared_ptr<FacetCounts> counts) : c(std::move(counts)) {}

    void operator()(const Xapian::Document &doc, double) override
    {
        std::string value = doc.get_value(c->slot);
        std::string dedupe = c->dedupe_slot >= 0 ? doc.get_value(Xapian::valueno(c->dedupe_slot))
                                                 : std::string();
        if (c->sep == '\0') {
            c->count(value, dedupe);
            return;
        }
        size_t start = 0;
        for (size_t at; (at = value.find(c->sep, start)) != std::string::npos; start = at + 1)
            c->count(value.substr(start, at - start), dedupe);
        c->count(value.substr(start), dedupe);
    }
};

struct xc_facet { std::shared_ptr<FacetCounts> c; };

/* xc_facet_new - the shared counts */
xc_facet *xc_facet_new(unsigned slot, int dedupe_slot, char sep, char **err)
{
    try {
        auto c = std::make_shared<FacetCounts>();
        c->slot = slot;
        c->dedupe_slot = dedupe_slot;
        c->sep = sep;
        return new xc_facet{c};
    } catch (...) {
        fail_current(err, "cannot count facets");
        return nullptr;
    }
}

/* xc_enquire_add_facet - add_matchspy, Xapian owning the spy */
int xc_enquire_add_facet(xc_enquire *e, xc_facet *f, char **err)
{
    if (e == nullptr || f == nullptr)
        return dk_fail(err, "facets: missing search or facet");
    try {
        Xapian::MatchSpy *spy = new FacetSpy(f->c);
        e->e.add_matchspy(spy->release());
        return 0;
    } catch (...) {
        return fail_current(err, "cannot count facets");
    }
}

/* xc_facet_size - distinct values */
size_t xc_facet_size(const xc_facet *f)
{
    return f != nullptr ? f->c->counts.size() : 0;
}

/* xc_facet_value - by rank */
const char *xc_facet_value(const xc_facet *f, size_t i, unsigned long *count)
{
    if (f == nullptr || i >= f->c->counts.size())
        return nullptr;
    try {
        f->c->order();
    } catch (...) {
        return nullptr;
    }
    if (count != nullptr)
        *count = f->c->sorted[i].second;
    return f->c->sorted[i].first.c_str();
}

/* xc_facet_free - drop our share of the counts */
void xc_facet_free(xc_facet *f)
{
    delete f;
}

/* xc_stem_new - Stem(lang) */
xc_stem *xc_stem_new(const char *lang, char **err)
{
    try {
        return new xc_stem{make_stem(lang)};
    } catch (...) {
        fail_current(err, "cannot use stemmer " + str(lang));
        return nullptr;
    }
}

/* xc_stem_word - stem(word) */
char *xc_stem_word(const xc_stem *s, const char *word)
{
    if (s == nullptr || word == nullptr)
        return nullptr;
    try {
        return dup_string(s->stem(word));
    } catch (...) {
        return nullptr;
    }
}

/* xc_stem_free - delete */
void xc_stem_free(xc_stem *s)
{
    delete s;
}
