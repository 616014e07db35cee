/*
 * facet_counts.cc - facet counts: how many matching files have each value of
 * a value slot, counted while Xapian matches.
 *
 * A facet counter is a MatchSpy owned by Xapian whose counts live in a
 * shared object the C handle also holds, so either can be freed first.
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_facet_new, xc_enquire_add_facet, xc_facet_size,
 * xc_facet_value, xc_facet_free.
 */
#include "index/xapian/xapian_int.hh"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

/* The counts of a facet, shared by the C handle and the MatchSpy. */
struct FacetCounts {
    Xapian::valueno slot;
    int dedupe_slot;
    char sep;
    std::map<std::string, unsigned long> counts;
    std::set<std::string> seen; /* dedupe value + '\0' + value, counted already */
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
    explicit FacetSpy(std::shared_ptr<FacetCounts> counts) : c(std::move(counts))
    {
    }

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

struct xc_facet {
    std::shared_ptr<FacetCounts> c;
};

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
