/*
 * xapian_c.h - a thin C wrapper over libxapian, the only C++ in dokaz.
 *
 * It knows nothing about dokaz's schema (that lives in index/schema.c and
 * index/search.c); it only turns the handful of Xapian classes we use into
 * opaque handles and C functions, by file:
 *
 *   xapian_c.cc      writing: xc_wdb_open, xc_wdb_replace, xc_wdb_delete_term,
 *                    xc_wdb_commit, xc_wdb_close; xc_doc_new,
 *                    xc_doc_add_boolean_term, xc_doc_add_value,
 *                    xc_doc_add_value_number, xc_doc_set_data, xc_doc_free;
 *                    xc_termgen_new, xc_termgen_set_document,
 *                    xc_termgen_index_text, xc_termgen_increase_termpos,
 *                    xc_termgen_termpos, xc_termgen_set_termpos,
 *                    xc_termgen_free
 *                    reading: xc_db_open, xc_db_doccount, xc_db_value_freq, xc_db_reopen,
 *                    xc_db_close; xc_qp_new, xc_qp_set_database,
 *                    xc_qp_set_stemmer, xc_qp_set_stemming_strategy,
 *                    xc_qp_set_default_op, xc_qp_add_prefix,
 *                    xc_qp_add_boolean_prefix, xc_qp_set_max_expansion,
 *                    xc_qp_parse, xc_qp_free; xc_query_combine,
 *                    xc_query_describe, xc_query_free; xc_enquire_new,
 *                    xc_enquire_set_query, xc_enquire_set_collapse_key,
 *                    xc_enquire_set_sort_by_value, xc_enquire_get_mset,
 *                    xc_enquire_free; xc_mset_size, xc_mset_estimated,
 *                    xc_mset_docid, xc_mset_weight, xc_mset_percent,
 *                    xc_mset_collapse_count, xc_mset_data, xc_mset_snippet,
 *                    xc_mset_free
 *   doc_terms.cc     xc_doc_add_term, xc_doc_add_posting, xc_doc_remove_term,
 *                    xc_doc_get_value, xc_doc_get_data, xc_wdb_find
 *   metadata.cc      xc_wdb_set_metadata, xc_wdb_get_metadata, xc_db_get_metadata
 *   term_queries.cc  xc_query_term, xc_query_list, xc_query_scale,
 *                    xc_query_each_term, xc_qp_add_field_processor
 *   facet_counts.cc  xc_facet_new, xc_enquire_add_facet, xc_facet_size,
 *                    xc_facet_value, xc_facet_free
 *   stemmer.cc       xc_stem_new, xc_stem_word, xc_stem_free
 *   exclusion.cc     xc_enquire_exclude
 *   remote.cc        xc_db_new_empty, xc_db_open_tcp, xc_db_open_program,
 *                    xc_db_add, xc_db_shards
 *   inventory.cc     xc_db_each_term, xc_db_term_freq, xc_db_collection_freq,
 *                    xc_db_check
 *   compact.cc       xc_db_compact
 *   mset_lookup.cc   xc_mset_value, xc_mset_number, xc_mset_term_data,
 *                    xc_mset_positions
 *
 * Conventions: every function that can fail follows common/error.h (returns
 * -1 or NULL and stores a malloc'd message in *err). Every C++ exception is
 * caught inside the wrapper and becomes such a message, naming the Xapian
 * error class ("DatabaseLockError: ..."), so no exception ever unwinds
 * through C frames. Strings are UTF-8 and NUL-terminated unless a length is
 * passed. Handles are independent: Xapian reference-counts what they share,
 * so they can be freed in any order. A handle is not thread-safe; use one
 * per thread. The *_free / *_close functions accept NULL.
 */
#ifndef DOKAZ_XAPIAN_C_H
#define DOKAZ_XAPIAN_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xc_wdb xc_wdb;         /* Xapian::WritableDatabase */
typedef struct xc_doc xc_doc;         /* Xapian::Document */
typedef struct xc_termgen xc_termgen; /* Xapian::TermGenerator */
typedef struct xc_db xc_db;           /* Xapian::Database (read-only) */
typedef struct xc_qp xc_qp;           /* Xapian::QueryParser */
typedef struct xc_query xc_query;     /* Xapian::Query */
typedef struct xc_enquire xc_enquire; /* Xapian::Enquire */
typedef struct xc_mset xc_mset;       /* Xapian::MSet */

/* Stemming strategies (TermGenerator and QueryParser share them). */
enum xc_stem_strategy {
    XC_STEM_NONE, /* no stemming */
    XC_STEM_SOME, /* unstemmed terms plus "Z"-prefixed stems */
    XC_STEM_ALL,  /* stems only, no "Z" */
    XC_STEM_ALL_Z /* stems only, with "Z" */
};

/* Query operators for xc_qp_set_default_op and xc_query_combine. */
enum xc_op {
    XC_OP_AND,
    XC_OP_OR,
    XC_OP_AND_NOT,
    XC_OP_AND_MAYBE, /* left side decides the match, right side only adds weight */
    XC_OP_FILTER,    /* left side's weight, filtered by the right side */
    XC_OP_NEAR,      /* all within a window of positions, any order (xc_query_list) */
    XC_OP_PHRASE,    /* all within a window, in order (xc_query_list) */
    XC_OP_SYNONYM    /* like OR, weighted as one term */
};

/* QueryParser flags: same values as Xapian::QueryParser::FLAG_* (checked at compile time). */
enum {
    XC_QP_BOOLEAN = 1,
    XC_QP_PHRASE = 2,
    XC_QP_LOVEHATE = 4,
    XC_QP_BOOLEAN_ANY_CASE = 8,
    XC_QP_WILDCARD = 16,
    XC_QP_PURE_NOT = 32,
    XC_QP_PARTIAL = 64
};

/* MSet::snippet flags: same values as Xapian::MSet::SNIPPET_*. */
enum {
    XC_SNIPPET_BACKGROUND_MODEL = 1,
    XC_SNIPPET_EXHAUSTIVE = 2,
    XC_SNIPPET_EMPTY_WITHOUT_MATCH = 4
};

/* ---- writing ---- */

/* xc_wdb_open - open the database in `dir` for writing, creating it if needed.
 * If another writer (in this or another process) holds the lock, the message
 * says so plainly ("... is locked by another writer ...") and *locked (if not
 * NULL) is set to 1. */
xc_wdb *xc_wdb_open(const char *dir, int *locked, char **err);

/* xc_wdb_replace - add `doc`, replacing every document indexed by `unique_term`
 * (if there is none, the document is simply added) */
int xc_wdb_replace(xc_wdb *db, const char *unique_term, const xc_doc *doc, char **err);

/* xc_wdb_delete_term - delete every document indexed by `term` (none is fine) */
int xc_wdb_delete_term(xc_wdb *db, const char *term, char **err);

/* xc_wdb_commit - make the changes so far durable and visible to readers */
int xc_wdb_commit(xc_wdb *db, char **err);

/* xc_wdb_close - commit pending changes, release the lock and free the handle;
 * the handle is freed even when the final commit fails (-1) */
int xc_wdb_close(xc_wdb *db, char **err);

/* xc_doc_new - an empty document */
xc_doc *xc_doc_new(char **err);

/* xc_doc_add_boolean_term - add a term without wdf or positions (a filter) */
int xc_doc_add_boolean_term(xc_doc *doc, const char *term, char **err);

/* xc_doc_add_value - set value slot `slot` to `len` bytes */
int xc_doc_add_value(xc_doc *doc, unsigned slot, const void *value, size_t len, char **err);

/* xc_doc_add_value_number - set value slot `slot` to sortable_serialise(number) */
int xc_doc_add_value_number(xc_doc *doc, unsigned slot, double number, char **err);

/* xc_doc_set_data - set the document data to `len` bytes */
int xc_doc_set_data(xc_doc *doc, const void *data, size_t len, char **err);

/* xc_doc_free - free the handle */
void xc_doc_free(xc_doc *doc);

/* xc_termgen_new - a TermGenerator; `stem_lang` is a Snowball language name
 * ("russian") or NULL for none, used with `strategy` (enum xc_stem_strategy) */
xc_termgen *xc_termgen_new(const char *stem_lang, int strategy, char **err);

/* xc_termgen_set_document - direct the terms into `doc` and restart term positions at 0 */
int xc_termgen_set_document(xc_termgen *tg, xc_doc *doc, char **err);

/* xc_termgen_index_text - split `text` into words and add them with `prefix`
 * ("" for none), each occurrence adding `wdf_inc` to the term's wdf */
int xc_termgen_index_text(xc_termgen *tg, const char *text, unsigned wdf_inc, const char *prefix,
                          char **err);

/* xc_termgen_increase_termpos - leave a gap of `delta` positions (so phrases
 * do not match across the end of one field and the start of the next) */
void xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta);

/* xc_termgen_termpos - the position of the last word indexed (0 for none) */
unsigned xc_termgen_termpos(const xc_termgen *tg);

/* xc_termgen_set_termpos - the next word indexed goes at pos + 1 */
void xc_termgen_set_termpos(xc_termgen *tg, unsigned pos);

/* xc_termgen_free - free the handle */
void xc_termgen_free(xc_termgen *tg);

/* ---- reading ---- */

/* xc_db_open - open the database in `dir` read-only. When there is no
 * database there (no directory, or a directory without one) *absent (if not
 * NULL) is set to 1 besides the error, so callers can treat that as empty. */
xc_db *xc_db_open(const char *dir, int *absent, char **err);

/* xc_db_new_empty - a database without shards, for xc_db_add */
xc_db *xc_db_new_empty(char **err);

/* xc_db_open_tcp - the database xapian-tcpsrv serves on host:port; connecting
 * and every later exchange time out after timeout_ms */
xc_db *xc_db_open_tcp(const char *host, unsigned port, unsigned timeout_ms, char **err);

/* xc_db_open_program - the database xapian-progsrv serves on the far end of
 * a pipe to `program args` (args split on spaces, e.g. "node3 xapian-progsrv
 * /srv/dokaz/index" for ssh); exchanges time out after timeout_ms */
xc_db *xc_db_open_program(const char *program, const char *args, unsigned timeout_ms, char **err);

/* xc_db_add - search shard as part of db (shard may be closed afterwards) */
int xc_db_add(xc_db *db, const xc_db *shard, char **err);

/* xc_db_shards - how many shards xc_db_add added to db */
size_t xc_db_shards(const xc_db *db);

/* xc_db_doccount - number of documents (0 on NULL) */
unsigned long xc_db_doccount(const xc_db *db);

/* xc_db_value_freq - how many documents have a value in slot (0 on NULL or error) */
unsigned long xc_db_value_freq(const xc_db *db, unsigned slot);

/* xc_db_reopen - catch up with the latest commit: 1 if the database may have
 * changed since it was opened or last reopened, 0 if not, -1 on error */
int xc_db_reopen(xc_db *db, char **err);

/* xc_db_close - free the handle */
void xc_db_close(xc_db *db);

/* xc_qp_new - a QueryParser (default operator OR, no stemmer, no prefixes) */
xc_qp *xc_qp_new(char **err);

/* xc_qp_set_database - use `db` to expand wildcards (db must outlive its use by qp) */
void xc_qp_set_database(xc_qp *qp, xc_db *db);

/* xc_qp_set_stemmer - Snowball language name, or NULL for none */
int xc_qp_set_stemmer(xc_qp *qp, const char *stem_lang, char **err);

/* xc_qp_set_stemming_strategy - enum xc_stem_strategy */
void xc_qp_set_stemming_strategy(xc_qp *qp, int strategy);

/* xc_qp_set_default_op - operator between words not joined by an explicit one
 * (XC_OP_AND or XC_OP_OR) */
int xc_qp_set_default_op(xc_qp *qp, int op, char **err);

/* xc_qp_add_prefix - `field:words` searches free text indexed with `prefix` */
int xc_qp_add_prefix(xc_qp *qp, const char *field, const char *prefix, char **err);

/* xc_qp_add_boolean_prefix - `field:value` filters on the boolean term prefix+value */
int xc_qp_add_boolean_prefix(xc_qp *qp, const char *field, const char *prefix, char **err);

/* xc_qp_set_max_expansion - a wildcard expands to at most `max` terms, the
 * most frequent ones (0 = no limit) */
void xc_qp_set_max_expansion(xc_qp *qp, unsigned max);

/* xc_qp_parse - parse `text` with `flags` (XC_QP_*); a syntax error gives
 * Xapian's readable message alone ("Syntax: <expression> AND <expression>") */
xc_query *xc_qp_parse(xc_qp *qp, const char *text, unsigned flags, char **err);

/* xc_qp_free - free the handle */
void xc_qp_free(xc_qp *qp);

/* xc_query_combine - a new query `a op b` (enum xc_op); a and b stay owned by the caller */
xc_query *xc_query_combine(int op, const xc_query *a, const xc_query *b, char **err);

/* xc_query_describe - Xapian's description of the query, for logs and tests (malloc'd) */
char *xc_query_describe(const xc_query *q);

/* xc_query_free - free the handle */
void xc_query_free(xc_query *q);

/* xc_enquire_new - a search session over `db` */
xc_enquire *xc_enquire_new(xc_db *db, char **err);

/* xc_enquire_set_query - the query to run (copied; q may be freed afterwards) */
int xc_enquire_set_query(xc_enquire *e, const xc_query *q, char **err);

/* xc_enquire_set_collapse_key - keep at most `max` hits per distinct value in `slot` */
int xc_enquire_set_collapse_key(xc_enquire *e, unsigned slot, unsigned max, char **err);

/* xc_enquire_exclude - leave out of e's msets every document whose value
 * in slot is one of the n keys of key_len bytes each at keys (copied; n 0:
 * leave nothing out). Where Xapian cannot look at values during the match
 * (remote shards), the documents with a term that begins with prefix +
 * starts[i] are left out instead: every document with key i, and only
 * those, must have one. */
int xc_enquire_exclude(xc_enquire *e, unsigned slot, const char *keys, size_t key_len,
                       const char *prefix, char *const *starts, size_t n, char **err);

/* xc_enquire_get_mset - hits first..first+max-1, ranked; at least
 * `check_at_least` documents are examined so the estimate is better */
xc_mset *xc_enquire_get_mset(xc_enquire *e, unsigned first, unsigned max, unsigned check_at_least,
                             char **err);

/* xc_enquire_free - free the handle */
void xc_enquire_free(xc_enquire *e);

/* xc_mset_size - number of hits in the set */
size_t xc_mset_size(const xc_mset *m);

/* xc_mset_estimated - estimated total number of matches (after collapsing) */
unsigned long xc_mset_estimated(const xc_mset *m);

/* xc_mset_exact - 1 when every match was examined (the count is exact, and
 * a match spy saw them all), 0 when the match stopped early */
int xc_mset_exact(const xc_mset *m);

/* xc_mset_docid - document id of hit i (0 if i is out of range) */
unsigned xc_mset_docid(const xc_mset *m, size_t i);

/* xc_mset_weight - weight of hit i */
double xc_mset_weight(const xc_mset *m, size_t i);

/* xc_mset_percent - relevance of hit i, 0..100 */
int xc_mset_percent(const xc_mset *m, size_t i);

/* xc_mset_collapse_count - lower bound on the other documents collapsed into hit i */
unsigned long xc_mset_collapse_count(const xc_mset *m, size_t i);

/* xc_mset_collapse_key - the value hit i was collapsed on (malloc'd, NUL
 * added; *len its length, which may hold NULs), NULL when i is out of range */
char *xc_mset_collapse_key(const xc_mset *m, size_t i, size_t *len);

/* xc_mset_data - the data of hit i's document (malloc'd, NUL-terminated; *len
 * set if len is not NULL) */
char *xc_mset_data(const xc_mset *m, size_t i, size_t *len, char **err);

/* xc_mset_snippet - about `length` bytes of `text` around the best match of
 * this set's query, HTML-escaped, matches wrapped in hi_start..hi_end, `omit`
 * where text was cut; `stem_lang` must be the query's stemmer (or NULL);
 * flags XC_SNIPPET_* (malloc'd) */
char *xc_mset_snippet(const xc_mset *m, const char *text, size_t length, const char *stem_lang,
                      unsigned flags, const char *hi_start, const char *hi_end, const char *omit,
                      char **err);

/* xc_mset_free - free the handle */
void xc_mset_free(xc_mset *m);

/* xc_mset_value - the value in slot of hit i's document (malloc'd, "" if
 * none or i is out of range) */
char *xc_mset_value(const xc_mset *m, size_t i, unsigned slot);

/* xc_mset_number - the number in slot of hit i's document, as
 * xc_doc_add_value_number put it; -1 if none or i is out of range */
double xc_mset_number(const xc_mset *m, size_t i, unsigned slot);

/* xc_mset_term_data - the data of the first document of the searched
 * database that has term (malloc'd, NUL-terminated); NULL with *err when
 * none has it or it cannot be read */
char *xc_mset_term_data(const xc_mset *m, const char *term, char **err);

/* A position of a term in a document, for xc_mset_positions. */
typedef void (*xc_position_fn)(unsigned pos, void *ctx);

/* xc_mset_positions - call fn for each position of term in the document of
 * entry i of m, in order (none when the document lacks it or has it
 * without positions); -1 with *err when they cannot be read */
int xc_mset_positions(const xc_mset *m, size_t i, const char *term, xc_position_fn fn, void *ctx,
                      char **err);

/* ---- more: terms with positions (doc_terms.cc), metadata (metadata.cc),
 * built queries and field processors (term_queries.cc), sorting
 * (xapian_c.cc), facets (facet_counts.cc), stemming (stemmer.cc) ---- */

/* xc_doc_add_term - add a term without positions, adding wdf_inc to its wdf */
int xc_doc_add_term(xc_doc *doc, const char *term, unsigned wdf_inc, char **err);

/* xc_doc_add_posting - add a term at position pos, adding wdf_inc to its wdf */
int xc_doc_add_posting(xc_doc *doc, const char *term, unsigned pos, unsigned wdf_inc, char **err);

/* xc_doc_remove_term - remove a term with all its positions (absent is fine) */
void xc_doc_remove_term(xc_doc *doc, const char *term);

/* xc_doc_get_value - the value in slot (malloc'd, "" if none; *len set if len) */
char *xc_doc_get_value(const xc_doc *doc, unsigned slot, size_t *len);

/* xc_doc_get_data - the document data (malloc'd; *len set if len) */
char *xc_doc_get_data(const xc_doc *doc, size_t *len, char **err);

/* xc_wdb_find - the first document indexed by term, as it is in this writer
 * (uncommitted changes included); NULL with a message if there is none */
xc_doc *xc_wdb_find(xc_wdb *db, const char *term, char **err);

/* xc_wdb_set_metadata - store value under key ("" removes it) */
int xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value, char **err);

/* xc_wdb_get_metadata - the value under key (malloc'd, "" if none) */
char *xc_wdb_get_metadata(xc_wdb *db, const char *key, char **err);

/* xc_db_get_metadata - the value under key (malloc'd, "" if none) */
char *xc_db_get_metadata(xc_db *db, const char *key, char **err);

/* xc_query_term - a query for one term, with query frequency wqf and
 * position pos in the query (0 for none) */
xc_query *xc_query_term(const char *term, unsigned wqf, unsigned pos, char **err);

/* xc_query_list - qs[0] op qs[1] op ... (enum xc_op); window is the span
 * for XC_OP_NEAR and XC_OP_PHRASE (0: the number of subqueries); no
 * subqueries give a query that matches nothing. qs stay the caller's. */
xc_query *xc_query_list(int op, xc_query *const *qs, size_t n, unsigned window, char **err);

/* xc_query_scale - q with its weights multiplied by factor (>= 0) */
xc_query *xc_query_scale(const xc_query *q, double factor, char **err);

/* A term of a query, for xc_query_each_term. */
typedef void (*xc_query_term_fn)(const char *term, void *ctx);

/* xc_query_each_term - call fn for each different term of q (its words,
 * stems and prefixed terms; not what a wildcard would expand to) */
int xc_query_each_term(const xc_query *q, xc_query_term_fn fn, void *ctx, char **err);

/* A field processor: the query for the text after "field:" (a boolean
 * field's value unchanged, quotes removed; a free-text field's word lower-
 * cased), or NULL with a message, which the parse fails with. */
typedef xc_query *(*xc_field_fn)(void *ctx, const char *value, char **err);

/* xc_qp_add_field_processor - `field:value` is fn(ctx, value); boolean: a
 * filter (no weight), else a free-text field. ctx must outlive qp's parses. */
int xc_qp_add_field_processor(xc_qp *qp, const char *field, int boolean, xc_field_fn fn, void *ctx,
                              char **err);

/* xc_enquire_set_sort_by_value - order hits by the value in slot (highest
 * first if reverse), then by relevance */
int xc_enquire_set_sort_by_value(xc_enquire *e, unsigned slot, int reverse, char **err);

/* Counts of the values in one slot over the documents a search examines
 * (before collapsing); it works on remote shards, whose counts Xapian merges. */
typedef struct xc_facet xc_facet;

/* xc_facet_new - count the distinct values of slot */
xc_facet *xc_facet_new(unsigned slot, char **err);

/* xc_enquire_add_facet - count over the documents of e's next get_mset */
int xc_enquire_add_facet(xc_enquire *e, xc_facet *f, char **err);

/* xc_facet_size - how many distinct values were counted (read once the search ran) */
size_t xc_facet_size(xc_facet *f);

/* xc_facet_value - the i-th distinct value in byte order, valid until the
 * facet is freed (NUL-terminated; *len set if len); *count (if count) the
 * documents that had it */
const char *xc_facet_value(xc_facet *f, size_t i, size_t *len, unsigned long *count);

/* xc_facet_free - free the handle */
void xc_facet_free(xc_facet *f);

/* A Snowball stemmer. */
typedef struct xc_stem xc_stem;

/* xc_stem_new - the stemmer of a language ("russian") */
xc_stem *xc_stem_new(const char *lang, char **err);

/* xc_stem_word - the stem of a lower-case word (malloc'd, NULL on failure) */
char *xc_stem_word(const xc_stem *s, const char *word);

/* xc_stem_free - free the handle */
void xc_stem_free(xc_stem *s);

/* xc_term_fn - a term and the number of documents that carry it; nonzero stops */
typedef int (*xc_term_fn)(const char *term, unsigned long docs, void *ctx);

/* xc_db_each_term - call fn for every term starting with prefix, in order */
int xc_db_each_term(xc_db *db, const char *prefix, xc_term_fn fn, void *ctx, char **err);

/* xc_db_term_freq - how many documents carry term, into *docs */
int xc_db_term_freq(xc_db *db, const char *term, unsigned long *docs, char **err);

/* xc_db_collection_freq - the sum of term's within-document frequencies over
 * every document, into *total */
int xc_db_collection_freq(xc_db *db, const char *term, unsigned long *total, char **err);

/* xc_db_check - Xapian's consistency check of the database in dir (only with
 * full: it reads the files as they are, so not while a writer commits), and
 * one document read through every table: 0 when nothing is wrong, -1 with a
 * message (a missing or damaged table) */
int xc_db_check(const char *dir, int full, char **err);

/* xc_db_compact - write a compacted copy of the database in dir to the new
 * directory out (document ids kept); dir is only read */
int xc_db_compact(const char *dir, const char *out, char **err);

#ifdef __cplusplus
}
#endif

#endif
