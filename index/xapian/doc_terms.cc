/*
 * doc_terms.cc - a Xapian document term by term, for the index writer: terms
 * with and without positions, values and data read back, and the document
 * that holds a term.
 *
 * The writer adds name keys at the positions of their words and brings an
 * item's fields onto its earlier pages, which it finds by their unique term
 * and reads back.
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_doc_add_term, xc_doc_add_posting, xc_doc_remove_term,
 * xc_doc_get_value, xc_doc_get_data, xc_wdb_find.
 */
#include "index/xapian/xapian_int.hh"

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
int xc_doc_add_posting(xc_doc *doc, const char *term, unsigned pos, unsigned wdf_inc, char **err)
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
        return dup_string(data);
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
        Xapian::docid did = first_posting(db->db, term);
        if (did == 0) {
            dk_fail(err, "no document has the term %s", term);
            return nullptr;
        }
        return new xc_doc{db->db.get_document(did)};
    } catch (...) {
        fail_current(err, std::string("cannot read the document of ") + term);
        return nullptr;
    }
}
