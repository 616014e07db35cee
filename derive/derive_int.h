/*
 * derive_int.h - private to derive/: the name mentions of a text
 * (mentions.c), its persons (persons.c), their roles (roles.c), birthplaces and addresses
 * (facts.c) and what the
 * paper decides about them (decision.c), used by derive_page (derive.c),
 * and the persons' JSON (person_json.c), used by json.c.
 */
#ifndef DOKAZ_DERIVE_INT_H
#define DOKAZ_DERIVE_INT_H

#include "derive/derive.h"

#include <glib.h>

/* The words of a text, names_next_word's in order: found once by
 * derive_page and read by every pass below instead of each finding them
 * again. */
typedef struct {
    const names_word *w; /* NULL when there are none */
    size_t n;
} derive_words;

/* derive_has_prefix - g_str_has_prefix without its strlen and call: the
 * word lists are tried against every word of a page, and most stems differ
 * from the word in the first bytes */
static inline int derive_has_prefix(const char *s, const char *prefix)
{
    size_t i = 0;
    while (prefix[i] != '\0' && s[i] == prefix[i])
        i++;
    return prefix[i] == '\0';
}

/* derive_mentions - append the mentions of text's words (derive_mention) to
 * out; positions continue from *pos, which is moved past the text */
void derive_mentions(const names *n, const char *text, const derive_words *words, unsigned *pos,
                     GArray *out);

/* derive_persons - append the persons of text (derive_person) to out;
 * positions start after pos, as derive_mentions' did for the same text, and
 * mentions[0..n) (those of the same text) say which words are accused */
void derive_persons(const names *n, const char *text, const derive_words *words, unsigned pos,
                    const derive_mention *mentions, size_t nmentions, GArray *out);

/* derive_roles - the role and birth date of persons[0..n), those of text
 * (derive_persons' with the same pos), from the words around each */
void derive_roles(const names *n, const fields *f, const char *text, const derive_words *words,
                  unsigned pos, derive_person *persons, size_t npersons);

/* derive_facts - the birthplace and addresses text writes after each of
 * persons[0..n) (derive_persons' with the same pos, their roles set):
 * "уроженец г. Гомеля", "проживающий по адресу: ..." (facts.c) */
void derive_facts(const char *text, const derive_words *words, unsigned pos, derive_person *persons,
                  size_t n);

/* derive_decisions - what text decides about each accused of persons[0..n)
 * (derive_persons' with the same pos, their roles set): the nearest before
 * each decision, else after it (decision.c) */
void derive_decisions(const char *text, const derive_words *words, unsigned pos,
                      derive_person *persons, size_t n);

/* derive_decision_from_json - a person's "decision" (absent: none) from its
 * object o into d; -1 with *err when it is damaged */
int derive_decision_from_json(json_object *o, derive_decision *d, char **err);

/* derive_role_word - the role a word gives the person next to it
 * (судья, обвиняемого, witness), DERIVE_ROLE_OTHER for none: such a word
 * is never a name */
derive_role derive_role_word(const char *word, size_t len);

/* derive_persons_to_json - the "persons" list of the JSON form (a new array) */
json_object *derive_persons_to_json(const derive_person *persons, size_t n);

/* derive_persons_from_json - read o's "persons" list (absent: none) into
 * p->persons; -1 with *err when it is damaged (what was read stays in p, for
 * derived_page_free) */
int derive_persons_from_json(json_object *o, derived_page *p, char **err);

#endif
