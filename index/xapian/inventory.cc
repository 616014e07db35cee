/*
 * inventory.cc - what a database holds, for checking it: the terms with a
 * prefix and how many documents carry each, and Xapian's own consistency
 * check of every table.
 *
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_db_each_term, xc_db_term_freq, xc_db_collection_freq, xc_db_check.
 */
#include "index/xapian/xapian_int.hh"

/* xc_db_each_term - walk allterms(prefix) with each term's frequency */
int xc_db_each_term(xc_db *db, const char *prefix, xc_term_fn fn, void *ctx, char **err)
{
    if (db == nullptr)
        return dk_fail(err, "list terms: no database");
    try {
        std::string p = str(prefix);
        for (auto t = db->db.allterms_begin(p); t != db->db.allterms_end(p); ++t) {
            std::string term = *t;
            if (fn(term.c_str(), t.get_termfreq(), ctx) != 0)
                break;
        }
        return 0;
    } catch (...) {
        return fail_current(err, "cannot list the index's terms");
    }
}

/* xc_db_term_freq - get_termfreq */
int xc_db_term_freq(xc_db *db, const char *term, unsigned long *docs, char **err)
{
    if (db == nullptr || term == nullptr)
        return dk_fail(err, "term frequency: no database or no term");
    try {
        *docs = db->db.get_termfreq(term);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot read how many documents have ") + term);
    }
}

/* xc_db_collection_freq - get_collection_freq */
int xc_db_collection_freq(xc_db *db, const char *term, unsigned long *total, char **err)
{
    if (db == nullptr || term == nullptr)
        return dk_fail(err, "collection frequency: no database or no term");
    try {
        *total = db->db.get_collection_freq(term);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot read how often documents have ") + term);
    }
}

/* xc_db_check - Database::check on the directory (full); any error found fails. Glass
 * treats a missing termlist, position or docdata table as a database built
 * without it, so one document is also read through each of them. */
int xc_db_check(const char *dir, int full, char **err)
{
    try {
        size_t errors = full ? Xapian::Database::check(str(dir), 0, nullptr) : 0;
        if (errors != 0)
            return dk_fail(err, "the index has %zu inconsistencies", errors);
        Xapian::Database db(str(dir));
        auto first = db.postlist_begin("");
        if (first == db.postlist_end(""))
            return 0;
        if (!db.has_positions())
            return dk_fail(err, "the index has no positions: its position table is missing");
        if (db.get_document(*first).get_data().empty())
            return dk_fail(err, "the index's documents have no data: its docdata table is missing");
        (void)db.termlist_begin(*first); /* throws when there is no termlist table */
        return 0;
    } catch (...) {
        return fail_current(err, "the index is damaged");
    }
}
