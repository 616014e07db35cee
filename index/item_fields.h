/*
 * item_fields.h - private to index/: what the writer adds to a document beyond its
 * words: the name mentions of its words (mention_terms.c), and the fields of the
 * whole item it belongs to (item_fields.c), both as derive/ found them in the worker.
 *
 * Fields are item-level because a search combines them with words of any
 * page: "Иванов case:1-234/2024" must find page 3 of a verdict whose case
 * number is on page 1. The writer keeps the fields of the item being
 * indexed. Given all of them before its first page (ix_item_set_ahead: the
 * service does, from the first pass over the item's record), each document
 * is written once, complete. Otherwise each document gets what is known when
 * it is written, and when the item is done (another item starts, or a
 * commit) the documents written before the last news are read back and
 * brought up to date.
 */
#ifndef DOKAZ_INDEX_ITEM_H
#define DOKAZ_INDEX_ITEM_H

#include "index/xapian/xapian_c.h"
#include "derive/derive.h"

/* ix_index_mentions - add the page's name mentions (derive/) to doc: name
 * keys (XN), initials (XI, XIP) and name initials (XJ) at their positions
 * after `base` (where the page starts in the document), accused-role keys
 * (XR) without; p NULL adds nothing */
int ix_index_mentions(xc_doc *doc, const derived_page *p, unsigned base, char **err);

/* The fields of the item being indexed. */
typedef struct ix_item ix_item;

/* ix_item_new - an empty accumulator */
ix_item *ix_item_new(void);

/* ix_item_free - free it (NULL is fine) */
void ix_item_free(ix_item *it);

/* ix_item_sha - the SHA-256 of the item it holds, "" if none */
const char *ix_item_sha(const ix_item *it);

/* ix_item_start - forget the previous item; start item sha received at path */
void ix_item_start(ix_item *it, const char *sha, const char *path);

/* ix_item_set_ahead - note that the fields of all its pages are added
 * before its first page is written, so that no page can be stale */
void ix_item_set_ahead(ix_item *it);

/* ix_item_ahead - whether ix_item_set_ahead was called for this item */
int ix_item_ahead(const ix_item *it);

/* ix_item_docs_written - how many documents ix_item_written noted */
size_t ix_item_docs_written(const ix_item *it);

/* ix_item_first_page - the first page of the item's first document written
 * (whose data holds the item's, schema.h), -1 when none was */
int ix_item_first_page(const ix_item *it);

/* ix_item_add_fields - add one page's fields */
void ix_item_add_fields(ix_item *it, const fields_page *p);

/* ix_item_apply - give doc the item's terms, values and data fields as known
 * now (replacing what an earlier apply gave it); the data fields go into
 * `data` (lent: the JSON object the caller then stores as doc's data) when it
 * is not NULL, else into the data doc holds */
int ix_item_apply(const ix_item *it, xc_doc *doc, json_object *data, char **err);

/* ix_item_written - note that the document whose first page is `page` was
 * written with what is known now */
void ix_item_written(ix_item *it, int page);

/* ix_item_update - rewrite the documents written before the item's last news
 * (logged as a bug for an item whose fields were given ahead); the item is
 * kept */
int ix_item_update(ix_item *it, xc_wdb *db, char **err);

/* ix_item_finish - ix_item_update, then forget the item */
int ix_item_finish(ix_item *it, xc_wdb *db, char **err);

/* ix_note_courts - remember the names of a page's courts in the database
 * metadata (for facets), preferring a name in the nominative */
int ix_note_courts(xc_wdb *db, const fields_page *p, char **err);

#endif
