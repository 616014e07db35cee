/*
 * namekeys.c - the name keys of a page's words (see item.h and schema.h).
 *
 * Functions: ix_index_names.
 *
 * Every capitalised word that may be a name gets its key as a term with the
 * word's position, so "Siarhei Ivanou" can be asked as two keys near each
 * other; an initial ("С.") gets its letter's key symbol at its position, so
 * "Иванову С.Н." is near enough to "Siarhei Ivanou", and so does a given
 * name or patronymic (Сергей also as С.), so that "Иванов С.Н." asked for
 * finds "Сергей Николаевич Иванов". A name next to a word
 * that makes its person the accused (обвиняемого Иванова, Абвінавачаны
 * Іваноў) or in a verdict's operative part (after ПРИГОВОРИЛ:) also gets its
 * key under XR: a search for the name ranks those documents above ones that
 * only mention the person.
 */
#include "index/item.h"
#include "index/schema.h"
#include "common/error.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define ROLE_BEFORE 6       /* "обвиняемого гражданина Республики Беларусь Иванова" */
#define ROLE_AFTER 4        /* "Иванов Сергей Николаевич, обвиняемый" */
#define OPERATIVE_WORDS 60  /* how far the operative part's names reach */

/* A name word: its key and position. */
typedef struct {
    char key[NAMES_KEY_MAX];
    unsigned pos;
} name_at;

/* is_operative - the word that opens a verdict's operative part */
static int is_operative(const char *word, size_t len)
{
    char *lower = g_utf8_strdown(word, (gssize)len);
    int yes = strcmp(lower, "приговорил") == 0 || strcmp(lower, "прыгаварыў") == 0;
    g_free(lower);
    return yes;
}

/* role_near - whether a role word stands within the window around pos */
static int role_near(const GArray *roles, unsigned pos)
{
    for (guint i = 0; i < roles->len; i++) {
        unsigned r = g_array_index(roles, unsigned, i);
        if ((r < pos && pos - r <= ROLE_BEFORE) || (r > pos && r - pos <= ROLE_AFTER))
            return 1;
    }
    return 0;
}

/* add_roles - XR for the names next to a role word or in the operative part */
static int add_roles(xc_doc *doc, const GArray *found, const GArray *roles, unsigned operative,
                     char **err)
{
    for (guint i = 0; i < found->len; i++) {
        const name_at *n = &g_array_index(found, name_at, i);
        int in_operative = operative > 0 && n->pos > operative &&
                           n->pos - operative <= OPERATIVE_WORDS;
        if (!in_operative && !role_near(roles, n->pos))
            continue;
        char term[NAMES_KEY_MAX + 8];
        snprintf(term, sizeof term, IX_PREFIX_ROLE "%s", n->key);
        if (xc_doc_add_term(doc, term, 1, err) < 0)
            return -1;
    }
    return 0;
}

/* add_initials - prefix + each initial the word may be written as, at pos:
 * an initial's own letter (XI), or a given name's and its other forms' first
 * letters (XJ), so that "С.Н." asked for finds "Сергей Николаевич" too */
static int add_initials(xc_doc *doc, const names *n, const char *prefix, const char *word,
                        size_t len, unsigned pos, char **err)
{
    char sym[8], term[8];
    names_initials(n, word, len, sym);
    for (const char *c = sym; *c; c++) {
        snprintf(term, sizeof term, "%s%c", prefix, *c);
        if (xc_doc_add_posting(doc, term, pos, 1, err) < 0)
            return -1;
    }
    return 0;
}

/* ix_index_names - one pass over the words, then the roles */
int ix_index_names(xc_doc *doc, const names *n, const char *text, unsigned *pos, char **err)
{
    GArray *found = g_array_new(FALSE, FALSE, sizeof(name_at));
    GArray *roles = g_array_new(FALSE, FALSE, sizeof(unsigned));
    unsigned operative = 0, last_initial = 0;
    size_t at = 0;
    names_word w;
    int rc = 0;
    while (rc == 0 && text != NULL && names_next_word(text, &at, &w)) {
        unsigned p = ++*pos;
        const char *word = text + w.start;
        char term[NAMES_KEY_MAX + 8];
        if (w.flags & NAMES_INITIAL) {      /* "С." then "Н.": the second is no given name */
            const char *prefix = last_initial + 1 == p ? IX_PREFIX_LATER_INITIAL : IX_PREFIX_INITIAL;
            rc = add_initials(doc, n, prefix, word, w.len, p, err);
            last_initial = p;
            continue;
        }
        if (fields_is_role(word, w.len))
            g_array_append_val(roles, p);
        if (operative == 0 && is_operative(word, w.len))
            operative = p;
        name_at found_name = {.pos = p};
        if (!names_indexable(text, &w) || names_key(n, word, w.len, found_name.key) == 0)
            continue;
        snprintf(term, sizeof term, IX_PREFIX_NAME "%s", found_name.key);
        rc = xc_doc_add_posting(doc, term, p, 1, err);
        g_array_append_val(found, found_name);
        if (rc == 0 && (names_is_given(n, found_name.key) || names_is_patronymic(found_name.key)))
            rc = add_initials(doc, n, IX_PREFIX_NAME_INITIAL, word, w.len, p, err);
    }
    if (rc == 0)
        rc = add_roles(doc, found, roles, operative, err);
    g_array_free(found, TRUE);
    g_array_free(roles, TRUE);
    return rc;
}
