/*
 * match_snippet.h - private to index/: where in a page a query matched, for a hit
 * (match_snippet.c): the words that matched and a snippet around them.
 */
#ifndef DOKAZ_INDEX_SNIPPET_H
#define DOKAZ_INDEX_SNIPPET_H

#include "index/index.h"
#include "index/query/query.h"
#include "index/word_forms.h"

#include <json-c/json.h>
#include <stdint.h>

/* ix_match_best_page - the index in pages (the document data's, schema.h)
 * of the page whose words match q best: different words matched first,
 * then the longest run of them (a phrase), then how many times; the first
 * of as many, 0 when none matches */
int ix_match_best_page(const ix_query *q, ix_words *words, json_object *pages);

/* ix_snippet - for page text that matched q (an entry of m): h->matched, the
 * distinct words of text that matched, NULL-terminated (g_strfreev); and
 * h->snippet (plain text, about 200 characters, white space squeezed, "…"
 * where cut), h->marks and h->nmarks (freed with the results), around its
 * best match: the place with most matches of a name matched by its key, or
 * else Xapian's choice; h->role, the role of the person (of roles, the
 * document data's [position, role] pairs, or NULL) a name matched by its
 * key stands in; words: the searcher's memory of word forms */
int ix_snippet(const ix_query *q, ix_words *words, const xc_mset *m, const char *text,
               json_object *roles, index_hit *h, char **err);

#endif
