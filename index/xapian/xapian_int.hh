/*
 * xapian_int.hh - private to the wrapper's C++ (index/xapian/): the handle
 * structs behind xapian_c.h and the helpers every wrapper file uses, so the
 * wrapper can be split into short files (xapian_c.cc: the databases,
 * documents, parser, matches; doc_terms.cc, metadata.cc, term_queries.cc,
 * facet_counts.cc, stemmer.cc, exclusion.cc: one concern each).
 */
#ifndef DOKAZ_XAPIAN_INT_HH
#define DOKAZ_XAPIAN_INT_HH

#include "index/xapian/xapian_c.h"

#include <xapian.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <unordered_set>
#include <vector>

extern "C" {
#include "common/error.h"
#include "common/xalloc.h"
}

struct xc_wdb {
    Xapian::WritableDatabase db;
    std::string dir;
};
struct xc_doc {
    Xapian::Document doc;
};
struct xc_termgen {
    Xapian::TermGenerator tg;
};
struct xc_db {
    Xapian::Database db;
    std::vector<Xapian::Database> shards; /* what xc_db_add added, in order */
};
struct xc_qp {
    Xapian::QueryParser qp;
};
struct xc_query {
    Xapian::Query q;
};
/* The documents a search leaves out: those whose value in slot is one of
 * values; each such document has a term beginning with one of starts too
 * (exclusion.cc). */
struct xc_exclusion : public Xapian::MatchDecider {
    Xapian::valueno slot = 0;
    std::unordered_set<std::string> values;
    std::vector<std::string> starts;

    /* operator() - whether the matcher keeps doc */
    bool operator()(const Xapian::Document &doc) const override
    {
        return values.count(doc.get_value(slot)) == 0;
    }
};
struct xc_enquire {
    Xapian::Enquire e;
    std::unique_ptr<xc_exclusion> exclusion; /* none: every match is kept */
    Xapian::Database db; /* what e searches, for the documents its results name */
    explicit xc_enquire(const Xapian::Database &db_) : e(db_), db(db_)
    {
    }
};
struct xc_mset {
    Xapian::MSet m;
    Xapian::Database db; /* the database searched (mset_lookup.cc) */
};

/* xc_exclusion_get_mset - e's mset without the documents e->exclusion
 * leaves out (exclusion.cc); throws what Xapian throws */
Xapian::MSet xc_exclusion_get_mset(xc_enquire *e, Xapian::doccount first, Xapian::doccount max,
                                   Xapian::doccount check_at_least);

/* fail_current - describe the exception being handled; call only inside a catch */
inline int fail_current(char **err, const std::string &what)
{
    try {
        throw;
    } catch (const Xapian::Error &e) {
        const char *sys = e.get_error_string();
        if (sys != nullptr && *sys != '\0')
            return dk_fail(err, "%s: %s: %s (%s)", what.c_str(), e.get_type(), e.get_msg().c_str(),
                           sys);
        return dk_fail(err, "%s: %s: %s", what.c_str(), e.get_type(), e.get_msg().c_str());
    } catch (const std::bad_alloc &) { /* Xapian's own allocation failed: it throws */
        return dk_fail(err, "%s: out of memory", what.c_str());
    } catch (const std::exception &e) {
        return dk_fail(err, "%s: %s", what.c_str(), e.what());
    } catch (...) {
        return dk_fail(err, "%s: unknown C++ exception", what.c_str());
    }
}

/* dup_string - a malloc'd, NUL-terminated copy of s (which may hold NULs) */
inline char *dup_string(const std::string &s)
{
    char *copy = static_cast<char *>(xmalloc(s.size() + 1));
    std::memcpy(copy, s.data(), s.size());
    copy[s.size()] = '\0';
    return copy;
}

/* first_posting - the first document holding term, 0 when none does (throws
 * what Xapian throws) */
inline Xapian::docid first_posting(const Xapian::Database &db, const char *term)
{
    Xapian::PostingIterator p = db.postlist_begin(term);
    return p == db.postlist_end(term) ? 0 : *p;
}

/* str - a C string as std::string, NULL as "" */
inline std::string str(const char *s)
{
    return s != nullptr ? std::string(s) : std::string();
}

/* to_op - our operator as Xapian's */
inline bool to_op(int op, Xapian::Query::op *out)
{
    switch (op) {
    case XC_OP_AND: *out = Xapian::Query::OP_AND; return true;
    case XC_OP_OR: *out = Xapian::Query::OP_OR; return true;
    case XC_OP_AND_NOT: *out = Xapian::Query::OP_AND_NOT; return true;
    case XC_OP_AND_MAYBE: *out = Xapian::Query::OP_AND_MAYBE; return true;
    case XC_OP_FILTER: *out = Xapian::Query::OP_FILTER; return true;
    case XC_OP_NEAR: *out = Xapian::Query::OP_NEAR; return true;
    case XC_OP_PHRASE: *out = Xapian::Query::OP_PHRASE; return true;
    case XC_OP_SYNONYM: *out = Xapian::Query::OP_SYNONYM; return true;
    }
    return false;
}

/* make_stem - a Stem for a language name, none for NULL or "" */
inline Xapian::Stem make_stem(const char *lang)
{
    if (lang == nullptr || *lang == '\0')
        return Xapian::Stem();
    return Xapian::Stem(lang);
}

#endif
