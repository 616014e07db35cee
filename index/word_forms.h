/*
 * word_forms.h - private to index/: what a snippet asks of each word of a
 * page (its name key, lower-case form and stem), remembered between pages
 * and searches (word_forms.c).
 */
#ifndef DOKAZ_INDEX_WORD_FORMS_H
#define DOKAZ_INDEX_WORD_FORMS_H

#include "index/xapian/xapian_c.h"
#include "names/names.h"

#include <stddef.h>

/* The forms of words met so far; one thread's at a time (a searcher's). */
typedef struct ix_words ix_words;

/* The forms of one word: key "" when it has no name key; stem NULL unless
 * asked for (or the stemmer gave none). Valid until the next ix_words_get. */
typedef struct {
    char key[NAMES_KEY_MAX];
    char *lower;
    char *stem;
    int stemmed; /* stem was asked for */
} ix_word;

/* ix_words_new - an empty memory of the forms by n's keys and stem's stems
 * (both borrowed: they outlive it) */
ix_words *ix_words_new(const names *n, const xc_stem *stem);

/* ix_words_get - the forms of the len bytes at w, with its stem if want_stem */
const ix_word *ix_words_get(ix_words *c, const char *w, size_t len, int want_stem);

/* ix_words_stemmer - the stemmer the forms are made with */
const xc_stem *ix_words_stemmer(const ix_words *c);

/* ix_words_free - forget every form (NULL is fine) */
void ix_words_free(ix_words *c);

#endif
