/*
 * person_terms.c - a page's persons as terms (see person_terms.h); derive/
 * found them, in the worker.
 *
 * Each person gives, for each of its surname keys (the key, and the
 * nominative's key of a dative such as Вользе), one term per combination of
 * a given-name form (its key; the initials it may be written as, or the
 * initial written; any) and a patronymic form (its key; its initials, or the
 * initial written; none when it has none; any), with its sex; the surname
 * alone; and its given name with its patronymic. Terms have no positions:
 * agreement was decided when the person was read. A person the page names
 * as the accused has its combinations once more as accused terms.
 *
 * Functions: ix_person_term, ix_person_accused_term, ix_index_persons.
 */
#include "index/person_terms.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* ix_person_term - the parts joined by '|' */
void ix_person_term(char out[IX_PERSON_TERM_MAX], const char *surname, const char *given,
                    const char *patronymic, char sex)
{
    snprintf(out, IX_PERSON_TERM_MAX, IX_PREFIX_PERSON "%s|%s|%s|%c", surname, given, patronymic,
             sex);
}

/* ix_person_accused_term - the same parts after the accused prefix */
void ix_person_accused_term(char out[IX_PERSON_TERM_MAX], const char *term)
{
    snprintf(out, IX_PERSON_TERM_MAX, IX_PREFIX_PERSON_ACCUSED "%s",
             term + strlen(IX_PREFIX_PERSON));
}

/* add_form - one more form: mark + value */
static void add_form(GPtrArray *forms, char mark, const char *value)
{
    g_ptr_array_add(forms, g_strdup_printf("%c%s", mark, value));
}

/* add_initials - one form per initial symbol */
static void add_initials(GPtrArray *forms, char mark, const char *symbols)
{
    for (const char *s = symbols; *s; s++) {
        char one[2] = {*s, '\0'};
        add_form(forms, mark, one);
    }
}

/* given_forms - the forms a person's given name is asked by */
static GPtrArray *given_forms(const derive_person *p)
{
    GPtrArray *forms = g_ptr_array_new_with_free_func(g_free);
    for (size_t k = 0; k < DERIVE_PART_KEYS && p->given[k][0] != '\0'; k++)
        add_form(forms, IX_GIVEN_KEY, p->given[k]);
    add_initials(forms, p->given[0][0] != '\0' ? IX_GIVEN_OF_NAME : IX_GIVEN_TYPED,
                 p->given_initials);
    g_ptr_array_add(forms, g_strdup(IX_PART_ANY));
    return forms;
}

/* patronymic_forms - the forms a person's patronymic is asked by */
static GPtrArray *patronymic_forms(const derive_person *p)
{
    GPtrArray *forms = g_ptr_array_new_with_free_func(g_free);
    if (p->patronymic[0] != '\0')
        add_form(forms, IX_PATRONYMIC_KEY, p->patronymic);
    add_initials(forms, p->patronymic[0] != '\0' ? IX_PATRONYMIC_OF_NAME : IX_PATRONYMIC_TYPED,
                 p->patronymic_initials);
    if (forms->len == 0)
        g_ptr_array_add(forms, g_strdup(IX_PART_NONE));
    g_ptr_array_add(forms, g_strdup(IX_PART_ANY));
    return forms;
}

/* add - one term without position */
static int add(xc_doc *doc, const char *term, char **err)
{
    return xc_doc_add_term(doc, term, 1, err);
}

/* index_person - every combination of one person's forms */
static int index_person(xc_doc *doc, const derive_person *p, char **err)
{
    char term[IX_PERSON_TERM_MAX];
    char sex = p->sex != NAMES_SEX_UNKNOWN ? (char)p->sex : IX_SEX_UNKNOWN;
    GPtrArray *given = given_forms(p), *patronymic = patronymic_forms(p);
    int rc = 0;
    for (size_t s = 0; rc == 0 && s < DERIVE_PART_KEYS && p->surname[s][0] != '\0'; s++) {
        snprintf(term, sizeof term, IX_PREFIX_SURNAME "%s", p->surname[s]);
        rc = add(doc, term, err);
        for (guint g = 0; rc == 0 && g < given->len; g++)
            for (guint f = 0; rc == 0 && f < patronymic->len; f++) {
                const char *gf = g_ptr_array_index(given, g),
                           *pf = g_ptr_array_index(patronymic, f);
                if (strcmp(gf, IX_PART_ANY) == 0 && strcmp(pf, IX_PART_ANY) == 0)
                    continue; /* the surname alone is the term above */
                ix_person_term(term, p->surname[s], gf, pf, sex);
                rc = add(doc, term, err);
                if (rc == 0 && p->role == DERIVE_ROLE_ACCUSED) {
                    char accused[IX_PERSON_TERM_MAX];
                    ix_person_accused_term(accused, term);
                    rc = add(doc, accused, err);
                }
            }
    }
    for (size_t k = 0; rc == 0 && k < DERIVE_PART_KEYS && p->given[k][0] != '\0'; k++)
        if (p->patronymic[0] != '\0') {
            snprintf(term, sizeof term, IX_PREFIX_GIVEN_PATRONYMIC "%s|%s", p->given[k],
                     p->patronymic);
            rc = add(doc, term, err);
        }
    g_ptr_array_free(given, TRUE);
    g_ptr_array_free(patronymic, TRUE);
    return rc;
}

/* ix_index_persons - each person in turn */
int ix_index_persons(xc_doc *doc, const derived_page *p, char **err)
{
    for (size_t i = 0; p != NULL && i < p->npersons; i++)
        if (index_person(doc, &p->persons[i], err) < 0)
            return -1;
    return 0;
}
