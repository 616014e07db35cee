/*
 * facet_counts.cc - facet counts: the distinct values of a value slot among
 * the documents a search examines, and how many documents had each.
 *
 * A facet counter is Xapian's ValueCountMatchSpy, shared (reference-counted)
 * by the C handle and the Enquire, so either can be freed first. It
 * serialises, so remote shards (xapian-tcpsrv, xapian-progsrv) count their
 * own matches and Xapian merges the counts, where a home-made MatchSpy fails
 * ("MatchSpy not suitable for use with remote searches"). Like every file of
 * the wrapper, every entry point catches what Xapian throws (fail_current,
 * xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_facet_new, xc_enquire_add_facet, xc_facet_size,
 * xc_facet_value, xc_facet_free.
 */
#include "index/xapian/xapian_int.hh"

#include <string>
#include <utility>
#include <vector>

/* A facet: the spy, and its counts copied out once read. */
struct xc_facet {
    Xapian::Internal::opt_intrusive_ptr<Xapian::ValueCountMatchSpy> spy;
    std::vector<std::pair<std::string, unsigned long>> values;
    bool read = false;

    /* read_counts - copy the spy's values and counts, in value order */
    void read_counts()
    {
        if (read)
            return;
        for (auto v = spy->values_begin(); v != spy->values_end(); ++v)
            values.emplace_back(*v, v.get_termfreq());
        read = true;
    }
};

/* xc_facet_new - a ValueCountMatchSpy on slot */
xc_facet *xc_facet_new(unsigned slot, char **err)
{
    try {
        auto *f = new xc_facet{};
        auto *spy = new Xapian::ValueCountMatchSpy(slot);
        spy->release(); /* reference-counted from now on */
        f->spy = spy;
        return f;
    } catch (...) {
        fail_current(err, "cannot count facets");
        return nullptr;
    }
}

/* xc_enquire_add_facet - add_matchspy, shared with the handle */
int xc_enquire_add_facet(xc_enquire *e, xc_facet *f, char **err)
{
    if (e == nullptr || f == nullptr)
        return dk_fail(err, "facets: missing search or facet");
    try {
        e->e.add_matchspy(f->spy.get());
        return 0;
    } catch (...) {
        return fail_current(err, "cannot count facets");
    }
}

/* xc_facet_size - distinct values */
size_t xc_facet_size(xc_facet *f)
{
    if (f == nullptr)
        return 0;
    try {
        f->read_counts();
    } catch (...) {
        return 0;
    }
    return f->values.size();
}

/* xc_facet_value - by value order */
const char *xc_facet_value(xc_facet *f, size_t i, size_t *len, unsigned long *count)
{
    if (i >= xc_facet_size(f))
        return nullptr;
    if (len != nullptr)
        *len = f->values[i].first.size();
    if (count != nullptr)
        *count = f->values[i].second;
    return f->values[i].first.c_str();
}

/* xc_facet_free - drop our share of the spy */
void xc_facet_free(xc_facet *f)
{
    delete f;
}
