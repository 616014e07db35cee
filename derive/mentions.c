/*
 * mentions.c - the name mentions of a text (see derive.h).
 *
 * Every capitalised word that may be a name is mentioned by its key with the
 * word's position, so "Siarhei Ivanou" can be asked as two keys near each
 * other; an initial ("С.") by its letter's key symbol at its position, so
 * "Иванову С.Н." is near enough to "Siarhei Ivanou", and so is a given name
 * or patronymic (Сергей also as С.), so that "Иванов С.Н." asked for finds
 * "Сергей Николаевич Иванов". A name next to a word that makes its person
 * the accused (обвиняемого Иванова, Абвінавачаны Іваноў) or in a verdict's
 * operative part (after ПРИГОВОРИЛ:) is marked accused: a search for the
 * name ranks those documents above ones that only mention the person.
 *
 * Functions: derive_mentions.
 */
#include "derive/derive_int.h"

#include <stdio.h>
#include <string.h>

#define ROLE_BEFORE 6 /* "обвиняемого гражданина Республики Беларусь Иванова" */
#define ROLE_AFTER 4  /* "Иванов Сергей Николаевич, обвиняемый" */
#define OPERATIVE_WORDS 60 /* how far the operative part's names reach */

/* is_operative - the word that opens a verdict's operative part */
static int is_operative(const char *word, size_t len)
{
    char *lower = names_lower(word, len);
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

/* mark_accused - the names (from index first on) next to a role word or in
 * the operative part */
static void mark_accused(GArray *out, guint first, const GArray *roles, unsigned operative)
{
    for (guint i = first; i < out->len; i++) {
        derive_mention *m = &g_array_index(out, derive_mention, i);
        if (m->kind != DERIVE_NAME)
            continue;
        int in_operative = operative > 0 && m->pos > operative &&
                           m->pos - operative <= OPERATIVE_WORDS;
        m->accused = in_operative || role_near(roles, m->pos);
    }
}

/* add_initials - one mention of kind for each initial the word may be
 * written as, at pos: an initial's own letter, or a given name's and its
 * other forms' first letters, so that "С.Н." asked for finds "Сергей
 * Николаевич" too */
static void add_initials(GArray *out, const names *n, derive_kind kind, const char *word,
                         size_t len, unsigned pos)
{
    char sym[8];
    names_initials(n, word, len, sym);
    for (const char *c = sym; *c; c++) {
        derive_mention m = {.pos = pos, .kind = kind, .key = {*c, '\0'}};
        g_array_append_val(out, m);
    }
}

/* derive_mentions - one pass over the words, then the roles */
void derive_mentions(const names *n, const char *text, const derive_words *words, unsigned *pos,
                     GArray *out)
{
    GArray *roles = g_array_new(FALSE, FALSE, sizeof(unsigned));
    guint first = out->len;
    unsigned operative = 0, last_initial = 0;
    for (size_t i = 0; text != NULL && i < words->n; i++) {
        names_word w = words->w[i];
        unsigned p = ++*pos;
        const char *word = text + w.start;
        if (w.flags & NAMES_INITIAL) { /* "С." then "Н.": the second is no given name */
            add_initials(out, n, last_initial + 1 == p ? DERIVE_NEXT_INITIAL : DERIVE_INITIAL, word,
                         w.len, p);
            last_initial = p;
            continue;
        }
        if (fields_is_role(word, w.len))
            g_array_append_val(roles, p);
        if (operative == 0 && is_operative(word, w.len))
            operative = p;
        derive_mention m = {.pos = p, .kind = DERIVE_NAME};
        if (!names_indexable(text, &w) || names_key(n, word, w.len, m.key) == 0)
            continue;
        g_array_append_val(out, m);
        if (names_is_given(n, m.key) || names_is_patronymic(m.key))
            add_initials(out, n, DERIVE_NAME_INITIAL, word, w.len, p);
    }
    mark_accused(out, first, roles, operative);
    g_array_free(roles, TRUE);
}
