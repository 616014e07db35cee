/*
 * exclusion.cc - documents left out of a search by their value in a slot: a
 * person's possible matches without the files another search found
 * (index/search.c).
 *
 * A match decider looks each candidate's value up in a hash set, one value
 * read per candidate. The query that says the same, AND_NOT the OR of one
 * term per value, opens a posting list for every value (thousands of B-tree
 * look-ups for a common name) and merges them all, which made up most of a
 * name's search. A remote shard cannot run a match decider (Xapian throws
 * UnimplementedError before the search starts): there, and only there, the
 * query is run instead: AND_NOT the terms that begin with the start each
 * value's documents share (a wildcard, since the value may be a short key of
 * the term). The documents left out, the weights and the order are the same
 * either way; only the estimated count is reckoned differently.
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_enquire_exclude, xc_exclusion_get_mset.
 */
#include "index/xapian/xapian_int.hh"

#include <vector>

/* xc_enquire_exclude - the keys and terms, into e's exclusion */
int xc_enquire_exclude(xc_enquire *e, unsigned slot, const char *keys, size_t key_len,
                       const char *prefix, char *const *starts, size_t n, char **err)
{
    if (e == nullptr || prefix == nullptr || ((keys == nullptr || starts == nullptr) && n > 0))
        return dk_fail(err, "exclude: missing search, keys, prefix or term starts");
    try {
        auto x = std::make_unique<xc_exclusion>();
        x->slot = slot;
        x->starts.reserve(n);
        for (size_t i = 0; i < n; i++) {
            x->values.emplace(keys + i * key_len, key_len);
            x->starts.emplace_back(std::string(prefix) + starts[i]);
        }
        e->exclusion = n > 0 ? std::move(x) : nullptr;
        return 0;
    } catch (...) {
        return fail_current(err, "cannot leave documents out of a search");
    }
}

/* without_terms - q AND_NOT the OR of the terms beginning with x's starts */
static Xapian::Query without_terms(const Xapian::Query &q, const xc_exclusion &x)
{
    std::vector<Xapian::Query> terms;
    terms.reserve(x.starts.size());
    for (const std::string &s : x.starts)
        terms.emplace_back(Xapian::Query::OP_WILDCARD, s);
    return Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

/* xc_exclusion_get_mset - the decider; the query where it cannot run */
Xapian::MSet xc_exclusion_get_mset(xc_enquire *e, Xapian::doccount first, Xapian::doccount max,
                                   Xapian::doccount check_at_least)
{
    if (e->exclusion == nullptr)
        return e->e.get_mset(first, max, check_at_least);
    try {
        return e->e.get_mset(first, max, check_at_least, nullptr, e->exclusion.get());
    } catch (const Xapian::UnimplementedError &) {
        /* a remote shard: the same documents left out by their terms, below */
    }
    Xapian::Query asked = e->e.get_query();
    e->e.set_query(without_terms(asked, *e->exclusion));
    try {
        Xapian::MSet m = e->e.get_mset(first, max, check_at_least);
        e->e.set_query(asked);
        return m;
    } catch (...) {
        e->e.set_query(asked);
        throw;
    }
}
