/*
 * xapian_c.cc - the core of the C wrapper over libxapian (see xapian_c.h):
 * the writable database, documents and the term generator; the read-only
 * database, the query parser, queries, searches and their result sets.
 *
 * Each handle is a small struct holding the Xapian object; Xapian objects are
 * reference-counted handles themselves, so copies share state and handles can
 * be freed in any order. Every entry point that can throw runs inside
 * try/catch, and fail_current() turns whatever was thrown into a dokaz error
 * message: a C caller must never see a C++ exception, since unwinding through
 * C frames is undefined behaviour.
 *
 * Functions: xc_wdb_open, xc_wdb_replace, xc_wdb_delete_term, xc_wdb_commit,
 * xc_wdb_close, xc_doc_new, xc_doc_add_boolean_term, xc_doc_add_value,
 * xc_doc_add_value_number, xc_doc_set_data, xc_doc_free, xc_termgen_new,
 * xc_termgen_set_document, xc_termgen_index_text, xc_termgen_increase_termpos,
 * xc_termgen_termpos, xc_termgen_set_termpos, xc_termgen_free, xc_db_open, xc_db_doccount, xc_db_value_freq, xc_db_reopen, xc_db_close,
 * xc_qp_new, xc_qp_set_database, xc_qp_set_stemmer,
 * xc_qp_set_stemming_strategy, xc_qp_set_default_op, xc_qp_add_prefix,
 * xc_qp_add_boolean_prefix, xc_qp_set_max_expansion, xc_qp_parse, xc_qp_free,
 * xc_query_combine, xc_query_describe, xc_query_free, xc_enquire_new,
 * xc_enquire_set_query, xc_enquire_set_collapse_key,
 * xc_enquire_set_sort_by_value, xc_enquire_get_mset, xc_enquire_free,
 * xc_mset_size, xc_mset_estimated, xc_mset_exact, xc_mset_docid, xc_mset_weight,
 * xc_mset_percent, xc_mset_collapse_count, xc_mset_collapse_key, xc_mset_data, xc_mset_snippet,
 * xc_mset_free.
 */
#include "index/xapian/xapian_int.hh"

/* Our flag values are documented as Xapian's own; keep them honest. */
static_assert(int(XC_QP_BOOLEAN) == int(Xapian::QueryParser::FLAG_BOOLEAN), "flag");
static_assert(int(XC_QP_PHRASE) == int(Xapian::QueryParser::FLAG_PHRASE), "flag");
static_assert(int(XC_QP_LOVEHATE) == int(Xapian::QueryParser::FLAG_LOVEHATE), "flag");
static_assert(int(XC_QP_BOOLEAN_ANY_CASE) == int(Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE),
              "flag");
static_assert(int(XC_QP_WILDCARD) == int(Xapian::QueryParser::FLAG_WILDCARD), "flag");
static_assert(int(XC_QP_PURE_NOT) == int(Xapian::QueryParser::FLAG_PURE_NOT), "flag");
static_assert(int(XC_QP_PARTIAL) == int(Xapian::QueryParser::FLAG_PARTIAL), "flag");
static_assert(int(XC_SNIPPET_BACKGROUND_MODEL) == int(Xapian::MSet::SNIPPET_BACKGROUND_MODEL),
              "flag");
static_assert(int(XC_SNIPPET_EXHAUSTIVE) == int(Xapian::MSet::SNIPPET_EXHAUSTIVE), "flag");
static_assert(int(XC_SNIPPET_EMPTY_WITHOUT_MATCH) == int(Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH),
              "flag");

/* to_strategy - our stemming strategy as TermGenerator's */
static bool tg_strategy(int strategy, Xapian::TermGenerator::stem_strategy *out)
{
    switch (strategy) {
    case XC_STEM_NONE: *out = Xapian::TermGenerator::STEM_NONE; return true;
    case XC_STEM_SOME: *out = Xapian::TermGenerator::STEM_SOME; return true;
    case XC_STEM_ALL: *out = Xapian::TermGenerator::STEM_ALL; return true;
    case XC_STEM_ALL_Z: *out = Xapian::TermGenerator::STEM_ALL_Z; return true;
    }
    return false;
}

/* qp_strategy - our stemming strategy as QueryParser's */
static bool qp_strategy(int strategy, Xapian::QueryParser::stem_strategy *out)
{
    switch (strategy) {
    case XC_STEM_NONE: *out = Xapian::QueryParser::STEM_NONE; return true;
    case XC_STEM_SOME: *out = Xapian::QueryParser::STEM_SOME; return true;
    case XC_STEM_ALL: *out = Xapian::QueryParser::STEM_ALL; return true;
    case XC_STEM_ALL_Z: *out = Xapian::QueryParser::STEM_ALL_Z; return true;
    }
    return false;
}

/* ---- writing ---- */

/* xc_wdb_open - open or create; a held lock gets its own plain message */
xc_wdb *xc_wdb_open(const char *dir, int *locked, char **err)
{
    if (locked != nullptr)
        *locked = 0;
    if (dir == nullptr || *dir == '\0') {
        dk_fail(err, "cannot open database for writing: no directory given");
        return nullptr;
    }
    xc_wdb *w = nullptr;
    try {
        w = new xc_wdb{Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OPEN), dir};
        return w;
    } catch (const Xapian::DatabaseLockError &e) {
        if (locked != nullptr)
            *locked = 1;
        dk_fail(err,
                "cannot open database %s for writing: it is locked by another writer "
                "(DatabaseLockError: %s)",
                dir, e.get_msg().c_str());
    } catch (...) {
        fail_current(err, std::string("cannot open database ") + dir + " for writing");
    }
    return nullptr;
}

/* xc_wdb_replace - replace_document by unique term; add_document when no
 * document has the term (what replace_document does then, without its cost:
 * glass opens the term's posting list, which first writes every position
 * list buffered since the last commit into the table, once per call, while
 * term_exists only reads the term's frequency, the buffered changes included) */
int xc_wdb_replace(xc_wdb *db, const char *unique_term, const xc_doc *doc, char **err)
{
    if (db == nullptr || doc == nullptr || unique_term == nullptr || *unique_term == '\0')
        return dk_fail(err, "replace document: missing database, document or unique term");
    try {
        if (db->db.term_exists(unique_term))
            db->db.replace_document(unique_term, doc->doc);
        else
            db->db.add_document(doc->doc);
        return 0;
    } catch (...) {
        return fail_current(err,
                            std::string("cannot store document ") + unique_term + " in " + db->dir);
    }
}

/* xc_wdb_delete_term - delete_document by term, when a document has it
 * (term_exists is cheap where delete_document is not: see xc_wdb_replace) */
int xc_wdb_delete_term(xc_wdb *db, const char *term, char **err)
{
    if (db == nullptr || term == nullptr || *term == '\0')
        return dk_fail(err, "delete documents: missing database or term");
    try {
        if (db->db.term_exists(term))
            db->db.delete_document(term);
        return 0;
    } catch (...) {
        return fail_current(err,
                            std::string("cannot delete documents ") + term + " from " + db->dir);
    }
}

/* xc_wdb_commit - commit */
int xc_wdb_commit(xc_wdb *db, char **err)
{
    if (db == nullptr)
        return dk_fail(err, "commit: no database");
    try {
        db->db.commit();
        return 0;
    } catch (...) {
        return fail_current(err, "cannot commit " + db->dir);
    }
}

/* xc_wdb_close - commit, close, free */
int xc_wdb_close(xc_wdb *db, char **err)
{
    if (db == nullptr)
        return 0;
    int rc = 0;
    try {
        db->db.commit();
    } catch (...) {
        rc = fail_current(err, "cannot commit " + db->dir);
    }
    try {
        db->db.close();
    } catch (...) {
        if (rc == 0)
            rc = fail_current(err, "cannot close " + db->dir);
    }
    delete db;
    return rc;
}

/* xc_doc_new - empty document */
xc_doc *xc_doc_new(char **err)
{
    try {
        return new xc_doc{};
    } catch (...) {
        fail_current(err, "cannot create document");
        return nullptr;
    }
}

/* xc_doc_add_boolean_term - add_boolean_term */
int xc_doc_add_boolean_term(xc_doc *doc, const char *term, char **err)
{
    if (doc == nullptr || term == nullptr || *term == '\0')
        return dk_fail(err, "add boolean term: missing document or term");
    try {
        doc->doc.add_boolean_term(term);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot add term ") + term);
    }
}

/* xc_doc_add_value - add_value */
int xc_doc_add_value(xc_doc *doc, unsigned slot, const void *value, size_t len, char **err)
{
    if (doc == nullptr || (value == nullptr && len > 0))
        return dk_fail(err, "add value: missing document or value");
    try {
        doc->doc.add_value(slot, std::string(static_cast<const char *>(value), len));
        return 0;
    } catch (...) {
        return fail_current(err, "cannot set value slot " + std::to_string(slot));
    }
}

/* xc_doc_add_value_number - add_value(sortable_serialise) */
int xc_doc_add_value_number(xc_doc *doc, unsigned slot, double number, char **err)
{
    if (doc == nullptr)
        return dk_fail(err, "add value: missing document");
    try {
        doc->doc.add_value(slot, Xapian::sortable_serialise(number));
        return 0;
    } catch (...) {
        return fail_current(err, "cannot set value slot " + std::to_string(slot));
    }
}

/* xc_doc_set_data - set_data */
int xc_doc_set_data(xc_doc *doc, const void *data, size_t len, char **err)
{
    if (doc == nullptr || (data == nullptr && len > 0))
        return dk_fail(err, "set data: missing document or data");
    try {
        doc->doc.set_data(std::string(static_cast<const char *>(data), len));
        return 0;
    } catch (...) {
        return fail_current(err, "cannot set document data");
    }
}

/* xc_doc_free - delete */
void xc_doc_free(xc_doc *doc)
{
    delete doc;
}

/* xc_termgen_new - TermGenerator with stemmer and strategy */
xc_termgen *xc_termgen_new(const char *stem_lang, int strategy, char **err)
{
    Xapian::TermGenerator::stem_strategy s;
    if (!tg_strategy(strategy, &s)) {
        dk_fail(err, "term generator: unknown stemming strategy %d", strategy);
        return nullptr;
    }
    xc_termgen *tg = nullptr;
    try {
        tg = new xc_termgen{};
        tg->tg.set_stemmer(make_stem(stem_lang));
        tg->tg.set_stemming_strategy(s);
        return tg;
    } catch (...) {
        delete tg;
        fail_current(err, "cannot create term generator for stemmer " + str(stem_lang));
        return nullptr;
    }
}

/* xc_termgen_set_document - set_document (shares the document's state) */
int xc_termgen_set_document(xc_termgen *tg, xc_doc *doc, char **err)
{
    if (tg == nullptr || doc == nullptr)
        return dk_fail(err, "term generator: missing generator or document");
    try {
        tg->tg.set_document(doc->doc);
        return 0;
    } catch (...) {
        return fail_current(err, "term generator: cannot set document");
    }
}

/* xc_termgen_index_text - index_text */
int xc_termgen_index_text(xc_termgen *tg, const char *text, unsigned wdf_inc, const char *prefix,
                          char **err)
{
    if (tg == nullptr)
        return dk_fail(err, "index text: no term generator");
    if (text == nullptr || *text == '\0')
        return 0;
    try {
        tg->tg.index_text(text, wdf_inc, str(prefix));
        return 0;
    } catch (...) {
        return fail_current(err, "cannot index text");
    }
}

/* xc_termgen_increase_termpos - increase_termpos */
void xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta)
{
    if (tg == nullptr)
        return;
    try {
        tg->tg.increase_termpos(delta);
    } catch (...) {
        /* only arithmetic; nothing to report */
    }
}

/* xc_termgen_termpos - get_termpos */
unsigned xc_termgen_termpos(const xc_termgen *tg)
{
    if (tg == nullptr)
        return 0;
    try {
        return tg->tg.get_termpos();
    } catch (...) {
        return 0; /* a getter; nothing to report */
    }
}

/* xc_termgen_set_termpos - set_termpos */
void xc_termgen_set_termpos(xc_termgen *tg, unsigned pos)
{
    if (tg == nullptr)
        return;
    try {
        tg->tg.set_termpos(pos);
    } catch (...) {
        /* only arithmetic; nothing to report */
    }
}

/* xc_termgen_free - delete */
void xc_termgen_free(xc_termgen *tg)
{
    delete tg;
}

/* ---- reading ---- */

/* xc_db_open - read-only Database; "not found" flagged in *absent */
xc_db *xc_db_open(const char *dir, int *absent, char **err)
{
    if (absent != nullptr)
        *absent = 0;
    if (dir == nullptr || *dir == '\0') {
        dk_fail(err, "cannot open database: no directory given");
        return nullptr;
    }
    try {
        return new xc_db{Xapian::Database(dir), {}};
    } catch (const Xapian::DatabaseNotFoundError &e) {
        if (absent != nullptr)
            *absent = 1;
        dk_fail(err, "no database in %s (DatabaseNotFoundError: %s)", dir, e.get_msg().c_str());
    } catch (...) {
        fail_current(err, std::string("cannot open database ") + dir);
    }
    return nullptr;
}

/* xc_db_doccount - get_doccount */
unsigned long xc_db_doccount(const xc_db *db)
{
    if (db == nullptr)
        return 0;
    try {
        return db->db.get_doccount();
    } catch (...) {
        return 0;
    }
}

/* xc_db_value_freq - get_value_freq */
unsigned long xc_db_value_freq(const xc_db *db, unsigned slot)
{
    if (db == nullptr)
        return 0;
    try {
        return db->db.get_value_freq(slot);
    } catch (...) {
        return 0;
    }
}

/* xc_db_reopen - reopen */
int xc_db_reopen(xc_db *db, char **err)
{
    if (db == nullptr)
        return dk_fail(err, "reopen: no database");
    try {
        return db->db.reopen() ? 1 : 0;
    } catch (...) {
        return fail_current(err, "cannot reopen database");
    }
}

/* xc_db_close - delete */
void xc_db_close(xc_db *db)
{
    delete db;
}

/* xc_qp_new - QueryParser */
xc_qp *xc_qp_new(char **err)
{
    try {
        return new xc_qp{};
    } catch (...) {
        fail_current(err, "cannot create query parser");
        return nullptr;
    }
}

/* xc_qp_set_database - set_database */
void xc_qp_set_database(xc_qp *qp, xc_db *db)
{
    if (qp == nullptr || db == nullptr)
        return;
    try {
        qp->qp.set_database(db->db);
    } catch (...) {
        /* a handle copy; cannot fail in practice */
    }
}

/* xc_qp_set_stemmer - set_stemmer */
int xc_qp_set_stemmer(xc_qp *qp, const char *stem_lang, char **err)
{
    if (qp == nullptr)
        return dk_fail(err, "set stemmer: no query parser");
    try {
        qp->qp.set_stemmer(make_stem(stem_lang));
        return 0;
    } catch (...) {
        return fail_current(err, "cannot use stemmer " + str(stem_lang));
    }
}

/* xc_qp_set_stemming_strategy - set_stemming_strategy (unknown values ignored) */
void xc_qp_set_stemming_strategy(xc_qp *qp, int strategy)
{
    Xapian::QueryParser::stem_strategy s;
    if (qp == nullptr || !qp_strategy(strategy, &s))
        return;
    qp->qp.set_stemming_strategy(s);
}

/* xc_qp_set_default_op - set_default_op, AND or OR */
int xc_qp_set_default_op(xc_qp *qp, int op, char **err)
{
    if (qp == nullptr)
        return dk_fail(err, "set default operator: no query parser");
    if (op != XC_OP_AND && op != XC_OP_OR)
        return dk_fail(err, "default operator must be AND or OR, not %d", op);
    try {
        qp->qp.set_default_op(op == XC_OP_AND ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
        return 0;
    } catch (...) {
        return fail_current(err, "cannot set default operator");
    }
}

/* xc_qp_add_prefix - add_prefix */
int xc_qp_add_prefix(xc_qp *qp, const char *field, const char *prefix, char **err)
{
    if (qp == nullptr || field == nullptr || prefix == nullptr)
        return dk_fail(err, "add prefix: missing parser, field or prefix");
    try {
        qp->qp.add_prefix(field, prefix);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot add prefix ") + field);
    }
}

/* xc_qp_add_boolean_prefix - add_boolean_prefix */
int xc_qp_add_boolean_prefix(xc_qp *qp, const char *field, const char *prefix, char **err)
{
    if (qp == nullptr || field == nullptr || prefix == nullptr)
        return dk_fail(err, "add boolean prefix: missing parser, field or prefix");
    try {
        qp->qp.add_boolean_prefix(field, prefix);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot add boolean prefix ") + field);
    }
}

/* xc_qp_set_max_expansion - set_max_expansion, keeping the most frequent terms */
void xc_qp_set_max_expansion(xc_qp *qp, unsigned max)
{
    if (qp == nullptr)
        return;
    qp->qp.set_max_expansion(max, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PARTIAL);
}

/* xc_qp_parse - parse_query */
xc_query *xc_qp_parse(xc_qp *qp, const char *text, unsigned flags, char **err)
{
    if (qp == nullptr || text == nullptr) {
        dk_fail(err, "parse query: missing parser or text");
        return nullptr;
    }
    try {
        return new xc_query{qp->qp.parse_query(text, flags)};
    } catch (const Xapian::QueryParserError &e) {
        dk_fail(err, "%s", e.get_msg().c_str());
    } catch (...) {
        fail_current(err, "cannot parse query");
    }
    return nullptr;
}

/* xc_qp_free - delete */
void xc_qp_free(xc_qp *qp)
{
    delete qp;
}

/* xc_query_combine - Query(op, a, b) */
xc_query *xc_query_combine(int op, const xc_query *a, const xc_query *b, char **err)
{
    Xapian::Query::op xop;
    if (a == nullptr || b == nullptr) {
        dk_fail(err, "combine queries: missing query");
        return nullptr;
    }
    if (!to_op(op, &xop)) {
        dk_fail(err, "combine queries: unknown operator %d", op);
        return nullptr;
    }
    try {
        return new xc_query{Xapian::Query(xop, a->q, b->q)};
    } catch (...) {
        fail_current(err, "cannot combine queries");
        return nullptr;
    }
}

/* xc_query_describe - get_description */
char *xc_query_describe(const xc_query *q)
{
    if (q == nullptr)
        return nullptr;
    try {
        return dup_string(q->q.get_description());
    } catch (...) {
        return nullptr;
    }
}

/* xc_query_free - delete */
void xc_query_free(xc_query *q)
{
    delete q;
}

/* xc_enquire_new - Enquire over db */
xc_enquire *xc_enquire_new(xc_db *db, char **err)
{
    if (db == nullptr) {
        dk_fail(err, "enquire: no database");
        return nullptr;
    }
    try {
        return new xc_enquire(db->db);
    } catch (...) {
        fail_current(err, "cannot start a search");
        return nullptr;
    }
}

/* xc_enquire_set_query - set_query */
int xc_enquire_set_query(xc_enquire *e, const xc_query *q, char **err)
{
    if (e == nullptr || q == nullptr)
        return dk_fail(err, "set query: missing search or query");
    try {
        e->e.set_query(q->q);
        return 0;
    } catch (...) {
        return fail_current(err, "cannot set query");
    }
}

/* xc_enquire_set_collapse_key - set_collapse_key */
int xc_enquire_set_collapse_key(xc_enquire *e, unsigned slot, unsigned max, char **err)
{
    if (e == nullptr)
        return dk_fail(err, "set collapse key: no search");
    try {
        e->e.set_collapse_key(slot, max);
        return 0;
    } catch (...) {
        return fail_current(err, "cannot set collapse key");
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

/* xc_enquire_get_mset - get_mset */
xc_mset *xc_enquire_get_mset(xc_enquire *e, unsigned first, unsigned max, unsigned check_at_least,
                             char **err)
{
    if (e == nullptr) {
        dk_fail(err, "get results: no search");
        return nullptr;
    }
    try {
        return new xc_mset{xc_exclusion_get_mset(e, first, max, check_at_least), e->db};
    } catch (...) {
        fail_current(err, "search failed");
        return nullptr;
    }
}

/* xc_enquire_free - delete */
void xc_enquire_free(xc_enquire *e)
{
    delete e;
}

/* xc_mset_size - size */
size_t xc_mset_size(const xc_mset *m)
{
    return m != nullptr ? m->m.size() : 0;
}

/* xc_mset_estimated - get_matches_estimated */
unsigned long xc_mset_estimated(const xc_mset *m)
{
    return m != nullptr ? m->m.get_matches_estimated() : 0;
}

/* xc_mset_exact - the bounds of the match count agree */
int xc_mset_exact(const xc_mset *m)
{
    return m != nullptr && m->m.get_matches_lower_bound() == m->m.get_matches_upper_bound();
}

/* xc_mset_docid - *m[i] */
unsigned xc_mset_docid(const xc_mset *m, size_t i)
{
    if (m == nullptr || i >= m->m.size())
        return 0;
    try {
        return *m->m[Xapian::doccount(i)];
    } catch (...) {
        return 0;
    }
}

/* xc_mset_weight - m[i].get_weight() */
double xc_mset_weight(const xc_mset *m, size_t i)
{
    if (m == nullptr || i >= m->m.size())
        return 0.0;
    try {
        return m->m[Xapian::doccount(i)].get_weight();
    } catch (...) {
        return 0.0;
    }
}

/* xc_mset_percent - m[i].get_percent() */
int xc_mset_percent(const xc_mset *m, size_t i)
{
    if (m == nullptr || i >= m->m.size())
        return 0;
    try {
        return m->m[Xapian::doccount(i)].get_percent();
    } catch (...) {
        return 0;
    }
}

/* xc_mset_collapse_count - m[i].get_collapse_count() */
unsigned long xc_mset_collapse_count(const xc_mset *m, size_t i)
{
    if (m == nullptr || i >= m->m.size())
        return 0;
    try {
        return m->m[Xapian::doccount(i)].get_collapse_count();
    } catch (...) {
        return 0;
    }
}

/* xc_mset_collapse_key - m[i].get_collapse_key() */
char *xc_mset_collapse_key(const xc_mset *m, size_t i, size_t *len)
{
    if (m == nullptr || i >= m->m.size())
        return nullptr;
    try {
        std::string key = m->m[Xapian::doccount(i)].get_collapse_key();
        *len = key.size();
        return dup_string(key);
    } catch (...) {
        return nullptr;
    }
}

/* xc_mset_data - m[i].get_document().get_data() */
char *xc_mset_data(const xc_mset *m, size_t i, size_t *len, char **err)
{
    if (m == nullptr || i >= m->m.size()) {
        dk_fail(err, "document data: hit %zu out of range", i);
        return nullptr;
    }
    try {
        std::string data = m->m[Xapian::doccount(i)].get_document().get_data();
        char *copy = dup_string(data);
        if (len != nullptr)
            *len = data.size();
        return copy;
    } catch (...) {
        fail_current(err, "cannot read document data");
        return nullptr;
    }
}

/* xc_mset_snippet - MSet::snippet */
char *xc_mset_snippet(const xc_mset *m, const char *text, size_t length, const char *stem_lang,
                      unsigned flags, const char *hi_start, const char *hi_end, const char *omit,
                      char **err)
{
    if (m == nullptr) {
        dk_fail(err, "snippet: no result set");
        return nullptr;
    }
    try {
        std::string s = m->m.snippet(str(text), length, make_stem(stem_lang), flags, str(hi_start),
                                     str(hi_end), str(omit));
        return dup_string(s);
    } catch (...) {
        fail_current(err, "cannot make snippet");
        return nullptr;
    }
}

/* xc_mset_free - delete */
void xc_mset_free(xc_mset *m)
{
    delete m;
}
