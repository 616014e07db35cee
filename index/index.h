/*
 * index.h - dokaz's full-text index: what is indexed for each page and how it
 * is searched. This is the whole public API of the index subsystem; the
 * Xapian C++ API is reached only through index/xapian_c.h, underneath.
 *
 * Schema: one Xapian document per page (page 0 stands for an item that has no
 * pages, e.g. an unsupported file, so that it is still found by name). The item's
 * SHA-256 is the collapse key, so a search gives one hit per file with its best
 * page. Text is indexed as exact words and, additionally, Russian-stemmed words;
 * the original file name is searchable as words and with the `file:` prefix.
 *
 * One writer at a time (the service); any number of readers.
 */
#ifndef DOKAZ_INDEX_H
#define DOKAZ_INDEX_H

#include <stddef.h>

/* The item a page belongs to; strings may be NULL where unknown. */
typedef struct {
    const char *sha256;   /* 64 hex digits */
    const char *name;     /* original file name, e.g. "verdict.pdf" */
    const char *path;     /* where it was received, e.g. "/srv/inbox/verdict.pdf" */
    const char *member;   /* path inside an archive or email, NULL otherwise */
    const char *mime;     /* libmagic MIME type */
    const char *status;   /* "done", "failed", "unsupported" */
    const char *parent;   /* sha256 of the archive or email it came out of, else NULL */
    /* Document metadata found by the extractor, as NULL-terminated name/value
     * pairs {"subject", "Re: documents", "from", "a@b", NULL} or NULL. Names:
     * from, to, cc, date, subject, message_id (emails); title, author, created,
     * modified (documents); encoding (text). */
    const char *const *fields;
} index_item;

typedef struct index_writer index_writer;

/* index_writer_open - open (creating if needed) the database in directory `dir`.
 * Fails with a clear message if another writer holds it. */
index_writer *index_writer_open(const char *dir, char **err);

/* index_add_page - add or replace page `page` (0 = name-only document) of `item` */
int index_add_page(index_writer *w, const index_item *item, int page,
                   const char *text, char **err);

/* index_remove_item - remove every page of the item (before re-indexing it) */
int index_remove_item(index_writer *w, const char *sha256, char **err);

/* index_commit - make everything added so far visible to readers, durably */
int index_commit(index_writer *w, char **err);

/* index_writer_close - commit and close (NULL is fine) */
void index_writer_close(index_writer *w);

/* One search hit: a file, with its best page. sha256, name, path, mime and
 * snippet are never NULL ("" when unknown); member is NULL unless the file came
 * out of an archive or email. */
typedef struct {
    char *sha256, *name, *path, *member, *mime;
    int page;          /* best page, 0 when the item has no pages */
    double score;      /* Xapian weight */
    int percent;       /* relevance 0..100 */
    char *snippet;     /* text around the match, matches wrapped in <b>...</b>, HTML-escaped */
    char *chain;       /* where it came from ("scan.jpg in case.zip in email 'Re: x'
                          received 2025-03-01"): NULL from index_search, set (malloc'd)
                          by a caller that reads the item records; freed with the results */
} index_hit;

typedef struct {
    char *query;
    long total;        /* estimated number of matching files */
    size_t count;
    index_hit *hits;
} index_results;

/* index_search - run `query` (Xapian query syntax: words, "phrases", AND/OR/NOT,
 * +word/-word, prefix*, file:NAME, and the filters sha:SHA256 and mime:TYPE;
 * words are ANDed by default and match Russian inflections) over the database
 * in `dir`; hits offset..offset+limit-1. A malformed query fails with a
 * readable message ("Syntax: <expression> AND <expression>"). An absent
 * database gives 0 hits. On failure *out is NULL. */
int index_search(const char *dir, const char *query, size_t offset, size_t limit,
                 index_results **out, char **err);

/* index_results_free - free results (NULL is fine) */
void index_results_free(index_results *results);

/* index_results_json - the results as one JSON object (malloc'd string; NULL for NULL):
 * {"query":…, "total":N, "hits":[{"sha256":…, "name":…, "path":…, "member":…|null,
 *   "page":N, "score":…, "percent":N, "snippet":…, "mime":…, "chain":…|null}]} */
char *index_results_json(const index_results *results);

/* index_results_text - the results for a terminal (malloc'd string; NULL for NULL):
 * one block per hit with name, page, path and the snippet, matches marked with
 * [[...]]; control characters from documents are replaced by spaces */
char *index_results_text(const index_results *results);

#endif
