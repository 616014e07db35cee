/*
 * query.h - private to index/: dokaz's query language on top of Xapian's
 * QueryParser: query.c (the field processors, and what a query asked for),
 * rewrite.c (bare words and name: values before Xapian parses), query_parse.c
 * (the text into one Xapian query), person.c (a person's name asked for).
 *
 * A bare word matches as written, by its Russian stem (as before), and by
 * its name key; a run of two to four bare words ("Siarhei Ivanou") may also
 * match as a name: the words near each other in any order, given names also
 * as initials ("Иванову С.Н."), patronymics optional. A run of capitalised
 * words and initials that reads as a person's name ("Анна Василевич",
 * "Василевич А.В.") and a name: value that does match only as that person:
 * its words must agree with one person a page names (person.c). Such a
 * query has possible matches too, asked apart (ix_query_set_possible). name:WORDS matches
 * names only. case: article: court: type: date: year: born: lang: folder:
 * filter by the fields of index/item_fields.h; a value they cannot read fails the
 * query with a message saying what they take.
 */
#ifndef DOKAZ_INDEX_QUERY_H
#define DOKAZ_INDEX_QUERY_H

#include "index/xapian/xapian_c.h"
#include "fields/fields.h"
#include "names/names.h"

/* What one query asks and what its parse found (name keys and words, for
 * snippets and the matched words of a hit). */
typedef struct ix_query ix_query;

/* ix_query_new - for one search; the names table must outlive it */
ix_query *ix_query_new(const names *n);

/* ix_query_free - free it (NULL is fine) */
void ix_query_free(ix_query *q);

/* ix_query_rewrite - text with name: values moved aside and, if bare_words,
 * every bare word given its name alternative (g_free), for QueryParser with
 * the field processors of ix_query_add_fields */
char *ix_query_rewrite(ix_query *q, const char *text, int bare_words);

/* ix_query_entry - keep a name: value (or a run of bare words, explicit 0)
 * aside; its placeholder, "dkzq<N>", stands for it in the rewritten text */
size_t ix_query_entry(ix_query *q, const char *text, int explicit_name);

/* ix_query_add_fields - register the field processors on qp; in the exact
 * pass name: matches nothing (names add no weight twice) */
int ix_query_add_fields(ix_query *q, xc_qp *qp, int exact_pass, char **err);

/* ix_query_set_possible - ask, for each person's name, its possible matches
 * (pages naming its surname, or its given name and patronymic, but no
 * person agreeing with it) instead of its exact ones; before the build */
void ix_query_set_possible(ix_query *q);

/* ix_query_npersons - how many persons' names the last build asked for */
size_t ix_query_npersons(const ix_query *q);

/* ix_query_is_person - whether text reads as a person's name (names the
 * query was made with) */
int ix_query_is_person(const ix_query *q, const char *text);

/* ix_person_is_name - whether text reads as a person's name: two words or
 * more, one of which may be a surname and the others fit as a given name
 * or its initial and a patronymic or its initial */
int ix_person_is_name(const names *n, const char *text);

/* ix_person_is_guess - whether text reads as a person's name only by
 * guessing: none of its words is a known given name, a patronymic or an
 * initial ("Sequence Recorder", "Oxnard Street"), so that it may as well be
 * no name at all */
int ix_person_is_guess(const names *n, const char *text);

/* ix_person_query - the person text names as a query: the pages naming a
 * person that agrees with it, or (possible) those naming its surname or its
 * given name and patronymic but none that agrees; NULL (with *err unset)
 * when text is no person's name */
xc_query *ix_person_query(const names *n, const char *text, int possible, char **err);

/* ix_query_error - the message of the first field value the processors could
 * not read in the last parse (the parse itself goes on), NULL if none */
const char *ix_query_error(const ix_query *q);

/* ix_query_note_terms - keep the words and stems of `built`, the query
 * ix_query_build made, and the name keys asked for (a page of a hit is the
 * one with most of them) */
int ix_query_note_terms(ix_query *q, const xc_query *built, char **err);

/* ix_query_has_term - whether a word (lower case) or its stem (NULL: none)
 * is one of the terms ix_query_note_terms kept */
int ix_query_has_term(const ix_query *q, const char *lower, const char *stem);

/* ix_query_by_stem - whether a word may match q by its stem alone (a
 * word's stem noted, or a name's words asked for), where no position says */
int ix_query_by_stem(const ix_query *q);

/* ix_query_placed - the i-th term ix_query_note_terms kept that a document
 * holds with positions (a word, a name key, an initial), NULL past the end */
const char *ix_query_placed(const ix_query *q, size_t i);

/* ix_query_has_key - whether a name key was asked for */
int ix_query_has_key(const ix_query *q, const char *key);

/* ix_query_nkeys - how many name keys were asked for */
size_t ix_query_nkeys(const ix_query *q);

/* ix_query_word - the i-th word asked for (lower case), NULL past the end */
const char *ix_query_word(const ix_query *q, size_t i);

/* ix_query_range - the OR of prefix + YYYY / YYYYMM / YYYYMMDD terms that
 * cover the days from..to (YYYYMMDD numbers) */
xc_query *ix_query_range(const char *prefix, long from, long to, char **err);

/* ix_query_build - the query text rewritten (ix_query_rewrite; bare words
 * also as names if use_names) and parsed for db: stemmed, AND_MAYBE as
 * written (query_parse.c) */
xc_query *ix_query_build(xc_db *db, const char *query, ix_query *iq, int use_names, char **err);

#endif
