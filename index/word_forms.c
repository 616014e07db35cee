/*
 * word_forms.c - the name key, lower-case form and stem of a page's words,
 * worked out once and remembered: a snippet reads every word of each hit's
 * page, and the same words ("суд", "дела", the names) come again and again
 * within a page, across the hits of a search and across the searches a
 * pooled searcher answers. A word's forms do not depend on the query, so
 * what is remembered never goes stale; the memory is bounded (WORDS_MAX
 * words, then it starts afresh).
 *
 * Functions: ix_words_new, ix_words_get, ix_words_stemmer, ix_words_free.
 */
#include "index/word_forms.h"

#include <glib.h>
#include <stdlib.h>

#define WORDS_MAX 50000 /* words remembered at most, a few MB */

struct ix_words {
    const names *names;
    const xc_stem *stem;
    GHashTable *seen; /* the word as written (g_free) -> ix_word * */
};

/* word_free - an ix_word and its strings */
static void word_free(gpointer p)
{
    ix_word *f = p;
    g_free(f->lower);
    free(f->stem);
    g_free(f);
}

/* ix_words_new - no word yet */
ix_words *ix_words_new(const names *n, const xc_stem *stem)
{
    ix_words *c = g_new0(ix_words, 1);
    c->names = n;
    c->stem = stem;
    c->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, word_free);
    return c;
}

/* ix_words_get - remembered, or worked out and remembered */
const ix_word *ix_words_get(ix_words *c, const char *w, size_t len, int want_stem)
{
    char *word = g_strndup(w, len);
    ix_word *f = g_hash_table_lookup(c->seen, word);
    if (f == NULL) {
        if (g_hash_table_size(c->seen) >= WORDS_MAX)
            g_hash_table_remove_all(c->seen);
        f = g_new0(ix_word, 1);
        if (names_key(c->names, w, len, f->key) == 0)
            f->key[0] = '\0';
        f->lower = g_utf8_strdown(w, (gssize)len);
        g_hash_table_insert(c->seen, word, f);
    } else {
        g_free(word);
    }
    if (want_stem && !f->stemmed) {
        f->stem = c->stem != NULL ? xc_stem_word(c->stem, f->lower) : NULL;
        f->stemmed = 1;
    }
    return f;
}

/* ix_words_stemmer - the stemmer */
const xc_stem *ix_words_stemmer(const ix_words *c)
{
    return c->stem;
}

/* ix_words_free - the table and every word */
void ix_words_free(ix_words *c)
{
    if (c == NULL)
        return;
    g_hash_table_destroy(c->seen);
    g_free(c);
}
