/*
 * output_int.h - private to output/: what the results and the batch
 * formats share.
 */
#ifndef DOKAZ_OUTPUT_INT_H
#define DOKAZ_OUTPUT_INT_H

#include "index/index.h"

#include <json-c/json.h>
#include <stdio.h>

/* out_json_string - o as compact JSON without escaped slashes (malloc'd); o is released */
char *out_json_string(json_object *o);

/* out_estimates_json - add "total_approximate": true and
 * "possible_approximate": true to o where r's totals are estimates */
void out_estimates_json(json_object *o, const index_results *r);

/* out_put_clean - write s to f, control characters as spaces (a document must
 * not send escape sequences to a terminal) */
void out_put_clean(FILE *f, const char *s);

/* out_put_snippet_text - write a hit's snippet to f as plain text, the
 * matches in [[...]], control characters as spaces */
void out_put_snippet_text(FILE *f, const index_hit *hit);

/* out_snippet_text - out_put_snippet_text into a string (malloc'd) */
char *out_snippet_text(const index_hit *hit);

#endif
