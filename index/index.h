/*
 * index.h - dokaz's full-text index: what is indexed for each page and how it
 * is searched. This is the whole public API of the index subsystem; the
 * Xapian C++ API is reached only through index/xapian/xapian_c.h, underneath.
 *
 * Schema: one Xapian document per file, or per run of its pages when their
 * text is long (page 0 stands for an item that has no pages, e.g. an
 * unsupported file, so that it is still found by name). The item's SHA-256
 * is the collapse key, so a search gives one hit per file, with the page on
 * which its words are. Text is indexed as exact words and, additionally, Russian-stemmed words;
 * the original file name is searchable as words and with the `file:` prefix.
 *
 * One writer at a time (the service); any number of readers.
 */
#ifndef DOKAZ_INDEX_H
#define DOKAZ_INDEX_H

#include "derive/derive.h"

#include <stddef.h>

/* The item a page belongs to; strings may be NULL where unknown. */
typedef struct {
    const char *sha256; /* 64 hex digits */
    const char *name;   /* original file name, e.g. "verdict.pdf" */
    const char *path;   /* where it was received, e.g. "/srv/inbox/verdict.pdf" */
    const char *member; /* path inside an archive or email, NULL otherwise */
    const char *mime;   /* libmagic MIME type */
    const char *status; /* "done", "failed", "unsupported" */
    const char *parent; /* sha256 of the archive or email it came out of, else NULL */
    /* Document metadata found by the extractor, as NULL-terminated name/value
     * pairs {"subject", "Re: documents", "from", "a@b", NULL} or NULL. Names:
     * from, to, cc, date, subject, message_id (emails); title, author, created,
     * modified (documents); encoding (text). */
    const char *const *fields;
    /* The collections it belongs to (ingest/collection.h), NULL-terminated,
     * or NULL: none. A search limited to collections finds only items of them. */
    const char *const *collections;
} index_item;

typedef struct index_writer index_writer;

/* index_writer_open - open (creating if needed) the database in directory `dir`.
 * Fails with a clear message if another writer holds it. */
index_writer *index_writer_open(const char *dir, char **err);

/* index_item_fields - before the pages of `item` are added: merge the
 * fields of one of its pages (derived->fields; nothing else of `derived` is
 * read; NULL adds none) into the item's, once for each page (or each
 * distinct fields of its pages, in the order of the pages), so that each
 * page is written once, with the fields of the whole item. The first call
 * for an item starts it. Without it, each page gets the fields known when
 * it is added, and the pages added before a later page brought more are
 * read back and rewritten when the item is done: results are the same,
 * slower. */
int index_item_fields(index_writer *w, const index_item *item, const derived_page *derived,
                      char **err);

/* index_add_page - add page `page` (0: an item without pages, found by its
 * name) of `item`, with what the worker derived from it (derive/derive.h:
 * its fields, merged into the item's, and its name mentions); NULL when
 * nothing was derived: then the page has no fields and no name keys. The
 * index derives nothing itself. Pages come in order; a page numbered as
 * one before it in the same document starts the item again, replacing the
 * document that started with that page. Item's strings are copied. */
int index_add_page(index_writer *w, const index_item *item, int page, const char *text,
                   const derived_page *derived, char **err);

/* index_end_item - write the pages of the item added last, which the
 * writer keeps to put several pages in one document (the next item, a
 * commit and closing write them too: call it to have a failure said of
 * this item) */
int index_end_item(index_writer *w, char **err);

/* index_remove_item - remove every page of the item (before re-indexing it) */
int index_remove_item(index_writer *w, const char *sha256, char **err);

/* index_set_anchor - keep `head` (the audit log's head hash, 64 hex digits)
 * in the index's metadata from the next commit on: a copy of the chain's
 * head outside the log, so that a truncated or rewritten log is noticed */
int index_set_anchor(index_writer *w, const char *head, char **err);

/* index_commit - make everything added so far visible to readers, durably */
int index_commit(index_writer *w, char **err);

/* index_writer_close - commit and close (NULL is fine) */
void index_writer_close(index_writer *w);

/* Where a match is in a snippet: bytes start..start+len-1 of its text. */
typedef struct {
    size_t start, len;
} index_span;

/* One search hit: a file, with its best page. sha256, name, path, mime and
 * snippet are never NULL ("" when unknown); member is NULL unless the file came
 * out of an archive or email. */
typedef struct {
    char *sha256, *name, *path, *member, *mime;
    int page;          /* best page, 0 when the item has no pages */
    double score;      /* Xapian weight */
    int percent;       /* relevance 0..100 */
    char *snippet;     /* text around the match as plain text from the document (not
                          escaped; white space as single spaces, "…" where cut) */
    index_span *marks; /* the matches in snippet, in order, apart; NULL when nmarks is 0 */
    size_t nmarks;
    char *shard; /* with DATA/shards.conf, the name of the shard that holds it
                    (malloc'd), whose own dokaz has the original and page images */
    char *chain; /* where it came from ("scan.jpg in case.zip in email 'Re: x'
                          received 2025-03-01"): NULL from index_search, set (malloc'd)
                          by a caller that reads the item records; freed with the results */
    /* The item's fields (fields/fields.h), found on any of its pages: */
    char *type;   /* "verdict", "notice", "summons", "ruling", "protocol", "letter",
                          "other"; "" for items indexed before fields existed */
    char *date;   /* the document's date "2024-03-14" (its latest date that is no
                          birth date), NULL if none */
    char **cases; /* case numbers ("1-234/2024"), NULL-terminated, never NULL */
    char **courts; /* courts as written ("Суд Заречного района г. Минска"), ditto */
    char **articles;  /* Criminal Code articles ("342", "361-1"), ditto */
    char **matched;   /* the words of this page that matched, as written ("Иванова",
                          "Сергея"), NULL-terminated, never NULL */
    const char *role; /* the role in this page of the person whose name matched
                          ("accused", "witness": derive_role_name, static), the first
                          in that order when several did; NULL when none did or the
                          page gives them none */
} index_hit;

/* One value of a facet: value is what a filter takes (index_filter), label
 * what to show ("Минский городской суд" for court "gor minsk"). */
typedef struct {
    char *value, *label;
    long count; /* matching files with this value */
} index_facet_value;

/* A facet: "type", "court", "article", "year", "lang" or "folder", its
 * values by count, highest first. */
typedef struct {
    char *name;
    size_t count;
    index_facet_value *values;
} index_facet;

typedef struct {
    char *query;
    long total;            /* number of matching files, estimated if total_approximate */
    int total_approximate; /* nonzero: total is Xapian's estimate from the pages
                            * it examined, not a count of every file */
    size_t count;
    index_hit *hits;
    /* Possible matches of a person's name asked for: files naming a person
     * with its surname (and another given name, or none), or with its given
     * name and patronymic, but none that agrees with the name; never among
     * hits nor in total. The first `limit` of them, from the first; none
     * listed (only counted) with possible_count_only; 0 and NULL when the
     * query names no person. */
    long possible_total;
    int possible_approximate; /* nonzero: possible_total is an estimate */
    size_t npossible;
    index_hit *possible;
    size_t nfacets; /* 0 unless index_search_ex was asked for facets */
    index_facet *facets;
    int facets_approximate; /* nonzero: more documents matched than the facets
                             * examined (facet_check): their counts are those
                             * of the files examined, scaled to the total */
    /* With DATA/shards.conf (README, "Several machines"): the shards named
     * and those that answered (0 and 0 without shards), and what the others
     * said ("shard B: ...; shard C: ..."), NULL when all answered. */
    int shards_named, shards_answered;
    char *shards_failed;
} index_results;

/* index_search - run `query` (Xapian query syntax: words, "phrases", AND/OR/NOT,
 * +word/-word, prefix*, file:NAME, and the filters sha:SHA256 and mime:TYPE;
 * words are ANDed by default and match Russian inflections) over the database
 * in `dir`; hits offset..offset+limit-1. A malformed query fails with a
 * readable message ("Syntax: <expression> AND <expression>"). An absent
 * database gives 0 hits. On failure *out is NULL. */
int index_search(const char *dir, const char *query, size_t offset, size_t limit,
                 index_results **out, char **err);

/* How hits are ordered. */
typedef enum {
    INDEX_SORT_RELEVANCE = 0, /* best first */
    INDEX_SORT_NEWEST,        /* latest document date first, then by relevance */
    INDEX_SORT_OLDEST
} index_sort;

/* A filter: field "type", "court", "article", "year", "lang", "folder" with a
 * value as a facet gives it, or "case", "date", "born" with a value as the
 * query language takes it (1-234/2024, 2023..2024). Values of one field are
 * ORed, different fields ANDed, and all of it ANDed with the query. */
typedef struct {
    const char *field, *value;
} index_filter;

/* Options of index_search_ex; all zero is index_search's behaviour. */
typedef struct {
    size_t offset; /* skip this many hits */
    size_t limit;  /* at most this many hits (0: 20) */
    index_sort sort;
    const index_filter *filters;
    size_t nfilters;
    int facets;              /* nonzero: count type, court, article, year, lang, folder */
    size_t facet_limit;      /* values kept per facet (0: 20) */
    size_t facet_check;      /* documents (files, or runs of a file's pages)
                                examined for facet counts, at most (0: 2,000);
                                past it the counts are approximate */
    int exact;               /* nonzero: words match as written and by stem only,
                                   not by name key (name: still works) */
    int possible_count_only; /* nonzero: possible matches counted, not listed
                                (index_batch_search always) */
    /* The collections the asker may see, NULL-terminated: every hit, count,
     * facet and batch line is limited to items of them (a boolean filter of
     * the query itself; an empty list finds nothing). NULL: every item (the
     * operator, an admin). */
    const char *const *collections;
    /* index_batch_search only: when g_get_monotonic_time() (microseconds)
     * passes this, the lines not yet searched are left out (0: never) */
    long long deadline_us;
} index_search_opts;

/* index_search_ex - index_search with options: filters, sorting by date and
 * facet counts over all matching files. The query language is index_search's
 * plus names and fields: a bare word also matches by its name key (Іваноў
 * for Ivanou; documents naming the person as the accused rank first, exact
 * spellings above normalised ones), and a run of 2-4 bare words also as a
 * name (near each other, given names as initials), or, when the run is
 * capitalised words that read as a person's name ("Анна Василевич",
 * "Василевич А.В."), only as that person: a page naming a person whose
 * surname, given name (or initial) and patronymic (or initial) agree, the
 * rest being possible matches; name:"..." names only (a person likewise);
 * case: article: court: type: date: year: born: lang: folder:. A filter
 * with an unknown field or a value it cannot read fails with a message. */
int index_search_ex(const char *dir, const char *query, const index_search_opts *opts,
                    index_results **out, char **err);

/* One line of a batch search: the query, and its results or why it failed. */
typedef struct {
    char *query;
    index_results *results; /* NULL when error is set */
    char *error;
} index_batch_line;

typedef struct {
    size_t count;
    index_batch_line *lines;
    size_t unsearched; /* lines left out: the options' deadline passed */
} index_batch;

/* index_batch_search - run every line of text (one name or query per line,
 * like Datashare's batch search; blank lines and lines starting with '#'
 * skipped; in a line with no ':' or '"' commas and semicolons are spaces)
 * over the database in dir with opts (limit 0: 50 hits per line); a line's
 * possible matches are counted apart, not listed. A line that fails records
 * its error and the others still run. Past opts->deadline_us, the remaining
 * lines are counted in `unsearched`, not searched. */
int index_batch_search(const char *dir, const char *text, const index_search_opts *opts,
                       index_batch **out, char **err);

/* A pool of searchers of one index directory kept open between searches,
 * for a server answering many at once: each search takes one (opening one
 * when none is idle), catches it up with the latest commit and gives it
 * back. Thread-safe; owned by its creator (index_pool_free, once no search
 * runs). */
typedef struct index_pool index_pool;

/* index_pool_new - a pool of the index in dir (opened at the first search) */
index_pool *index_pool_new(const char *dir);

/* index_pool_search - index_search_ex with one of the pool's searchers */
int index_pool_search(index_pool *p, const char *query, const index_search_opts *opts,
                      index_results **out, char **err);

/* index_pool_batch - index_batch_search with one of the pool's searchers */
int index_pool_batch(index_pool *p, const char *text, const index_search_opts *opts,
                     index_batch **out, char **err);

/* index_pool_free - close the pool's searchers (NULL is fine) */
void index_pool_free(index_pool *p);

/* index_item_visible - 1 if the item is in the index and in one of
 * `collections` (NULL: any item in the index), 0 if not, -1 with *err when
 * the index cannot be searched */
int index_item_visible(const char *dir, const char *sha256, const char *const *collections,
                       char **err);

/* index_item_shard - index_item_visible that also names the shard that
 * holds the item (*shard malloc'd, NULL without DATA/shards.conf; shard may
 * be NULL); an item that is in no shard that answered while some did not
 * is -1 with *err naming those ("shard B: ..."), as it may be there */
int index_item_shard(const char *dir, const char *sha256, const char *const *collections,
                     char **shard, char **err);

/* index_batch_free - free a batch (NULL is fine) */
void index_batch_free(index_batch *batch);

/* index_item_fn - an item in the index and how many pages it has there */
typedef int (*index_item_fn)(const char *sha256, unsigned long pages, void *ctx);

/* index_each_item - call fn for every item the database in dir holds, in hash
 * order; nonzero from fn stops. *absent (may be NULL) is set when there is no
 * database (then fn is never called and it succeeds). */
int index_each_item(const char *dir, index_item_fn fn, void *ctx, int *absent, char **err);

/* index_check - one document read through every table of the database in
 * dir and, when full (only while no writer commits: it reads the files as
 * they are), Xapian's consistency check of every table; -1 with a message
 * when a table is missing or damaged */
int index_check(const char *dir, int full, char **err);

/* index_compact - a compacted copy of the database in dir written to the new
 * directory out (what xapian-compact does; document ids kept); dir is only
 * read, so the caller keeps writers away while it runs */
int index_compact(const char *dir, const char *out, char **err);

/* index_anchor - the audit head kept by index_set_anchor into head[65] ("" when
 * none was kept, or there is no database) */
int index_anchor(const char *dir, char head[65], char **err);

/* index_results_free - free results (NULL is fine) */
void index_results_free(index_results *results);

#endif
