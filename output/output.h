/*
 * output.h - search results and batch searches (index/index.h) as JSON, CSV
 * and text for a terminal. This is the whole public API of the output
 * subsystem; cli/ and web/ use it, index/ only searches and returns structs.
 *
 * Every function returns a malloc'd string the caller frees. Text from
 * documents is untrusted: JSON and HTML escape it, terminal text replaces its
 * control characters, CSV defuses spreadsheet formulas.
 */
#ifndef DOKAZ_OUTPUT_H
#define DOKAZ_OUTPUT_H

#include "index/index.h"

#include <stdio.h>

/* How a hit matched a query naming a person: "exact" (a person on the page
 * agrees with the name; every hit of another query too) or "possible" (its
 * surname, or its given name and patronymic, only). */
#define OUTPUT_MATCH_EXACT "exact"
#define OUTPUT_MATCH_POSSIBLE "possible"

/* output_results_json - the results as one JSON object (NULL for NULL):
 * {"query":…, "total":N, "possible_total":N,
 *  "hits":[{"match":"exact"|"possible", "sha256":…, "name":…, "path":…, "member":…|null,
 *   "page":N, "score":…, "percent":N, "snippet":…, "mime":…, "chain":…|null,
 *   "type":…, "date":…|null, "cases":[…], "courts":[…], "articles":[…],
 *   "matched":[…]}], "facets":[…] (only when counted)}; "snippet" is
 *   output_snippet_html's; the exact hits ("total" of them) come first,
 *   then the possible matches ("possible_total" of them) */
char *output_results_json(const index_results *results);

/* output_results_facets_json - the facets as a JSON array ("[]" when none):
 * [{"name":"court","values":[{"value":…,"label":…,"count":N}]}] */
char *output_results_facets_json(const index_results *results);

/* output_results_text - the results for a terminal (NULL for NULL): one block
 * per hit with name, page, path and the snippet, matches marked with [[...]],
 * then the possible matches under a heading of their own; control
 * characters from documents are replaced by spaces */
char *output_results_text(const index_results *results);

/* output_snippet_html - a hit's snippet as HTML: the text escaped (& < > " '
 * and control characters), each match in <b>...</b> */
char *output_snippet_html(const index_hit *hit);

/* output_csv_cell - one CSV cell of untrusted text to f: in quotes, quotes
 * doubled, line breaks as spaces, a leading = + - @ defused with an
 * apostrophe (NULL is ""); then sep (',', or '\n' at a row's end) */
void output_csv_cell(FILE *f, const char *s, char sep);

/* What a batch cut short by its time limit (index_batch's unsearched) says:
 * JSON "truncated" and a last CSV row's error, with how many lines were left. */
#define OUTPUT_TRUNCATED_TIME "truncated: time limit"

/* output_batch_csv - one CSV row per hit (a line without hits gets one row
 * with found 0): line,query,found,possible,rank,file,page,cases,type,date,
 * courts,matched,snippet,sha256,path,error (RFC 4180 quoting; snippets as
 * plain text, matches in [[...]]; found counts the exact hits, possible the
 * possible matches, which have no rows) */
char *output_batch_csv(const index_batch *batch);

/* output_batch_json - {"lines":[{"query","error","total","possible_total",
 * "hits":[...]}]}, hits as output_results_json gives them; a batch cut short
 * adds "truncated":"time limit" and "unsearched":N */
char *output_batch_json(const index_batch *batch);

/* output_batch_text - for a terminal: each line with its count and its hits
 * (file, page, case number, snippet) */
char *output_batch_text(const index_batch *batch);

#endif
