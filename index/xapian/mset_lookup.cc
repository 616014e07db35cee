/*
 * mset_lookup.cc - what a search hit needs beyond its own document's data: a
 * value of it, where a term is in it, and the data of another document of
 * the database searched, found by a term (a document's data names the one
 * that holds its item's data).
 *
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_mset_value, xc_mset_number, xc_mset_term_data, xc_mset_positions.
 */
#include "index/xapian/xapian_int.hh"

/* xc_mset_value - m[i].get_document().get_value(slot) */
char *xc_mset_value(const xc_mset *m, size_t i, unsigned slot)
{
    try {
        if (m != nullptr && i < m->m.size())
            return dup_string(m->m[Xapian::doccount(i)].get_document().get_value(slot));
    } catch (...) {
        /* unreadable: no value, as documented */
    }
    return dup_string(std::string());
}

/* xc_mset_number - sortable_unserialise of m[i]'s value in slot */
double xc_mset_number(const xc_mset *m, size_t i, unsigned slot)
{
    try {
        if (m != nullptr && i < m->m.size()) {
            std::string v = m->m[Xapian::doccount(i)].get_document().get_value(slot);
            if (!v.empty())
                return Xapian::sortable_unserialise(v);
        }
    } catch (...) {
        /* unreadable: no value, as documented */
    }
    return -1.0;
}

/* xc_mset_term_data - the data of term's first document */
char *xc_mset_term_data(const xc_mset *m, const char *term, char **err)
{
    if (m == nullptr || term == nullptr) {
        dk_fail(err, "document by term: missing results or term");
        return nullptr;
    }
    try {
        Xapian::docid did = first_posting(m->db, term);
        if (did != 0)
            return dup_string(m->db.get_document(did).get_data());
        dk_fail(err, "no document has the term %s", term);
        return nullptr;
    } catch (...) {
        fail_current(err, std::string("cannot read the document of ") + term);
        return nullptr;
    }
}

/* xc_mset_positions - positionlist_begin..end of m[i]'s document */
int xc_mset_positions(const xc_mset *m, size_t i, const char *term, xc_position_fn fn, void *ctx,
                      char **err)
{
    if (m == nullptr || term == nullptr || fn == nullptr || i >= m->m.size())
        return dk_fail(err, "positions: missing results, entry, term or function");
    try {
        Xapian::docid did = *m->m[Xapian::doccount(i)];
        for (auto p = m->db.positionlist_begin(did, term); p != m->db.positionlist_end(did, term);
             ++p)
            fn(*p, ctx);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot read the positions of ") + term);
    }
}
