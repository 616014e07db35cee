/*
 * person_terms.h - private to index/: the terms a page's persons are indexed
 * by (person_terms.c) and a name query asks for (query/person.c).
 *
 * A person term is IX_PREFIX_PERSON + surname|given|patronymic|sex, each
 * part one of the forms below, so that one term says "this page names a
 * person with this surname, this given name (or initial) and this
 * patronymic (or none)": a query's words must agree with one mention, never
 * with words of two. A page has one term for each combination of its
 * persons' forms; a query asks for the OR of the combinations it agrees
 * with. IX_PREFIX_SURNAME + surname (any person of that surname) and
 * IX_PREFIX_GIVEN_PATRONYMIC + given|patronymic (a person with that given
 * name and patronymic, whatever the surname) give the possible matches.
 */
#ifndef DOKAZ_INDEX_PERSON_TERMS_H
#define DOKAZ_INDEX_PERSON_TERMS_H

#include "derive/derive.h"
#include "index/xapian/xapian_c.h"

#define IX_PREFIX_PERSON "XM"
#define IX_PREFIX_SURNAME "XK"
#define IX_PREFIX_GIVEN_PATRONYMIC "XG"
/* The person terms of a person who is the accused in the page, once more
 * with this prefix for IX_PREFIX_PERSON: a name query adds their weight,
 * boosted, so that the papers about the person rank above passing mentions. */
#define IX_PREFIX_PERSON_ACCUSED "XMA"

/* The forms of a given name and a patronymic part: a mark, then a key or an
 * initial symbol. */
#define IX_PART_ANY "*"      /* any or none: the query does not ask */
#define IX_PART_NONE "0"     /* the person has none (a query's patronymic agrees) */
#define IX_GIVEN_KEY 'g'     /* the given name's key */
#define IX_GIVEN_TYPED 'i'   /* an initial written as an initial ("С.") */
#define IX_GIVEN_OF_NAME 'j' /* an initial the given name may be written as */
#define IX_PATRONYMIC_KEY 'p'
#define IX_PATRONYMIC_TYPED 'q'
#define IX_PATRONYMIC_OF_NAME 'r'
#define IX_SEX_UNKNOWN 'u' /* the sex part of a person whose sex is not known */

/* Longest term: three keys, their marks, separators and the prefix. */
#define IX_PERSON_TERM_MAX (3 * NAMES_KEY_MAX + 16)

/* ix_person_term - prefix + surname|given|patronymic|sex into out, given
 * and patronymic in the forms above (e.g. "gsirgi", "q" "n", "0") */
void ix_person_term(char out[IX_PERSON_TERM_MAX], const char *surname, const char *given,
                    const char *patronymic, char sex);

/* ix_person_accused_term - a person term (IX_PREFIX_PERSON...) with
 * IX_PREFIX_PERSON_ACCUSED instead */
void ix_person_accused_term(char out[IX_PERSON_TERM_MAX], const char *term);

/* ix_index_persons - the person terms of every person of p (NULL: none),
 * an accused person's also as IX_PREFIX_PERSON_ACCUSED terms */
int ix_index_persons(xc_doc *doc, const derived_page *p, char **err);

#endif
