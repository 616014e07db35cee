/*
 * person.c - a person's name asked for (see query.h): its words read as a
 * surname, a given name or its initial and a patronymic or its initial, and
 * turned into the person terms of index/person_terms.h.
 *
 * Which word is the surname the words cannot always say ("Анна Василевич",
 * "Василевич А.В.", "Hanna Vasilevich"), so every reading is asked, ORed: a
 * word that is neither in the given-name table nor a patronymic may be the
 * surname; only where there is none, a -вич word (Лукашэвіч), and only
 * where there is none of those either, a given name. A woman's patronymic
 * is never the surname. The other words must fit: one given name or
 * initial, one patronymic or initial.
 *
 * A reading's exact query asks for its surname with its given name (as a
 * key, or as an initial written in the paper, or, for an initial asked, a
 * given name with that initial) and its patronymic (likewise, or none), and
 * a sex that is not the other one (the sex of the query from its
 * patronymic, its given name, or without one the surname's form: a user
 * types "Иванова А.С." in the nominative, but "Иванова Сергея" may be a
 * genitive). Its possible query asks for the
 * surname alone or the given name with the patronymic, without the exact.
 * The exact query adds, boosted, the weight of the same terms of a person
 * who is the accused in the page (IX_PREFIX_PERSON_ACCUSED), so that the
 * papers about the person rank above those that only name them.
 *
 * Functions: ix_person_is_name, ix_person_is_guess, ix_person_query.
 */
#include "index/query/query.h"
#include "index/person_terms.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define PERSON_WORDS_MAX 5 /* words of a person's name asked for */
#define ACCUSED_BOOST 3.0  /* the accused terms' weight, times the exact terms' */

/* What a word asked for may be. */
typedef enum { Q_INITIAL, Q_GIVEN, Q_PATRONYMIC, Q_MAYBE_PATRONYMIC, Q_OTHER } qkind;

/* One word asked for. */
typedef struct {
    qkind kind;
    char key[NAMES_KEY_MAX], variant[NAMES_KEY_MAX]; /* variant: Latin "ch" read the other way */
    char initials[8];
    names_sex sex, surname_sex; /* as a given name or patronymic; as a surname */
} qword;

/* One reading: which word is which part (-1: none). */
typedef struct {
    int surname, given, patronymic; /* full words */
    int given_initial, patronymic_initial;
} reading;

/* read_words - the words of text; how many (0 when one cannot be read) */
static size_t read_words(const names *n, const char *text, qword *ws)
{
    size_t count = 0, at = 0;
    names_word w;
    while (names_next_word(text, &at, &w)) {
        const char *word = text + w.start;
        if (count == PERSON_WORDS_MAX)
            return 0;
        qword *q = &ws[count];
        memset(q, 0, sizeof *q);
        if (names_initials(n, word, w.len, q->initials) == 0)
            return 0;
        if ((w.flags & NAMES_INITIAL) || g_utf8_strlen(word, (gssize)w.len) == 1) {
            q->kind = Q_INITIAL;
            count++;
            continue;
        }
        if (names_is_stopword(word, w.len) || names_key(n, word, w.len, q->key) == 0)
            return 0; /* "The Tropics" names nobody: no page has "The" as a name */
        names_key_variant(n, word, w.len, q->variant);
        names_sex psex = names_patronymic_sex(word, w.len);
        q->surname_sex = names_surname_sex(word, w.len);
        if (psex == NAMES_SEX_FEMALE) {
            q->kind = Q_PATRONYMIC;
            q->sex = NAMES_SEX_FEMALE;
        } else if (psex == NAMES_SEX_MALE) {
            q->kind = Q_MAYBE_PATRONYMIC;
        } else if (names_is_given(n, q->key)) {
            q->kind = Q_GIVEN;
            q->sex = names_given_sex(n, word, w.len, 1);
        } else {
            q->kind = Q_OTHER;
        }
        count++;
    }
    return count;
}

/* fit - give the other words their parts around surname s; 0 if they do not fit */
static int fit(const qword *ws, size_t n, int s, reading *r)
{
    *r = (reading){s, -1, -1, -1, -1};
    for (int i = 0; i < (int)n; i++) {
        if (i == s)
            continue;
        int given_free = r->given < 0 && r->given_initial < 0;
        int patronymic_free = r->patronymic < 0 && r->patronymic_initial < 0;
        if (ws[i].kind == Q_INITIAL && given_free)
            r->given_initial = i;
        else if (ws[i].kind == Q_INITIAL && patronymic_free)
            r->patronymic_initial = i;
        else if ((ws[i].kind == Q_GIVEN || ws[i].kind == Q_OTHER) && given_free)
            r->given = i;
        else if ((ws[i].kind == Q_PATRONYMIC || ws[i].kind == Q_MAYBE_PATRONYMIC) &&
                 patronymic_free)
            r->patronymic = i;
        else
            return 0;
    }
    return r->given >= 0 || r->given_initial >= 0 || r->patronymic >= 0;
}

/* readings - every reading of the words, best surname candidates only */
static size_t readings(const qword *ws, size_t n, reading *out)
{
    static const qkind order[] = {Q_OTHER, Q_MAYBE_PATRONYMIC, Q_GIVEN};
    for (size_t k = 0; k < G_N_ELEMENTS(order); k++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            if (ws[i].kind == order[k] && fit(ws, n, (int)i, &out[count]))
                count++;
        if (count > 0)
            return count;
    }
    return 0;
}

/* agree - one more clue to a sex: unknown on a contradiction (-1 for good) */
static int agree(int had, names_sex clue)
{
    if (clue == NAMES_SEX_UNKNOWN || had == (int)clue)
        return had;
    return had == NAMES_SEX_UNKNOWN ? (int)clue : -1;
}

/* reading_sex - the sex its words show, IX_SEX_UNKNOWN if none or mixed */
static char reading_sex(const qword *ws, const reading *r)
{
    int sex = NAMES_SEX_UNKNOWN;
    if (r->given >= 0) /* "Иванова Сергея": the surname's form may be a genitive */
        sex = agree(sex, ws[r->given].sex);
    else
        sex = agree(sex, ws[r->surname].surname_sex);
    if (r->patronymic >= 0)
        sex = agree(sex,
                    ws[r->patronymic].kind == Q_PATRONYMIC ? NAMES_SEX_FEMALE : NAMES_SEX_MALE);
    return sex > 0 ? (char)sex : IX_SEX_UNKNOWN;
}

/* add_form - mark + value, once */
static void add_form(GPtrArray *forms, char mark, const char *value)
{
    char *f = g_strdup_printf("%c%s", mark, value);
    for (guint i = 0; i < forms->len; i++)
        if (strcmp(g_ptr_array_index(forms, i), f) == 0) {
            g_free(f);
            return;
        }
    g_ptr_array_add(forms, f);
}

/* add_initials - mark + each initial symbol */
static void add_initials(GPtrArray *forms, char mark, const char *symbols)
{
    for (const char *s = symbols; *s; s++) {
        char one[2] = {*s, '\0'};
        add_form(forms, mark, one);
    }
}

/* part_forms - the forms of a page's person a query part agrees with:
 * a word (its key, variant, or an initial written for it), an initial (the
 * initial written, or a name with that initial), or nothing asked; with
 * none, a person without the part agrees too (a patronymic) */
static GPtrArray *part_forms(const qword *ws, int word, int initial, const char marks[3], int none)
{
    GPtrArray *forms = g_ptr_array_new_with_free_func(g_free);
    if (word >= 0) {
        add_form(forms, marks[0], ws[word].key);
        if (ws[word].variant[0] != '\0')
            add_form(forms, marks[0], ws[word].variant);
        add_initials(forms, marks[1], ws[word].initials);
    } else if (initial >= 0) {
        add_initials(forms, marks[1], ws[initial].initials);
        add_initials(forms, marks[2], ws[initial].initials);
    } else {
        g_ptr_array_add(forms, g_strdup(IX_PART_ANY));
        return forms;
    }
    if (none)
        g_ptr_array_add(forms, g_strdup(IX_PART_NONE));
    return forms;
}

/* add_term - the query for term, into qs */
static void add_term(GPtrArray *qs, const char *term, char **err)
{
    xc_query *q = xc_query_term(term, 1, 0, err);
    if (q != NULL)
        g_ptr_array_add(qs, q);
}

/* exact_terms - the person terms one reading agrees with, into qs, and
 * their accused forms into accused */
static void exact_terms(const qword *ws, const reading *r, GPtrArray *qs, GPtrArray *accused,
                        char **err)
{
    static const char given_marks[3] = {IX_GIVEN_KEY, IX_GIVEN_TYPED, IX_GIVEN_OF_NAME};
    static const char patronymic_marks[3] = {IX_PATRONYMIC_KEY, IX_PATRONYMIC_TYPED,
                                             IX_PATRONYMIC_OF_NAME};
    GPtrArray *given = part_forms(ws, r->given, r->given_initial, given_marks, 0);
    GPtrArray *patronymic = part_forms(ws, r->patronymic, r->patronymic_initial, patronymic_marks,
                                       1);
    char sex = reading_sex(ws, r), term[IX_PERSON_TERM_MAX], as_accused[IX_PERSON_TERM_MAX];
    const char *sexes = sex == IX_SEX_UNKNOWN ? "mfu" : (sex == 'm' ? "mu" : "fu");
    const char *surnames[2] = {ws[r->surname].key, ws[r->surname].variant};
    for (size_t s = 0; s < 2 && surnames[s][0] != '\0'; s++)
        for (guint g = 0; g < given->len; g++)
            for (guint p = 0; p < patronymic->len; p++)
                for (const char *x = sexes; *x; x++) {
                    ix_person_term(term, surnames[s], g_ptr_array_index(given, g),
                                   g_ptr_array_index(patronymic, p), *x);
                    add_term(qs, term, err);
                    ix_person_accused_term(as_accused, term);
                    add_term(accused, as_accused, err);
                }
    g_ptr_array_free(given, TRUE);
    g_ptr_array_free(patronymic, TRUE);
}

/* possible_terms - the surname alone; the given name with the patronymic */
static void possible_terms(const qword *ws, const reading *r, GPtrArray *qs, char **err)
{
    char term[IX_PERSON_TERM_MAX];
    snprintf(term, sizeof term, IX_PREFIX_SURNAME "%s", ws[r->surname].key);
    add_term(qs, term, err);
    if (ws[r->surname].variant[0] != '\0') {
        snprintf(term, sizeof term, IX_PREFIX_SURNAME "%s", ws[r->surname].variant);
        add_term(qs, term, err);
    }
    if (r->given >= 0 && r->patronymic >= 0) {
        snprintf(term, sizeof term, IX_PREFIX_GIVEN_PATRONYMIC "%s|%s", ws[r->given].key,
                 ws[r->patronymic].key);
        add_term(qs, term, err);
    }
}

/* join_all - qs joined by op, freeing them */
static xc_query *join_all(int op, GPtrArray *qs, char **err);

/* or_all - the OR of qs, freeing them */
static xc_query *or_all(GPtrArray *qs, char **err)
{
    return join_all(XC_OP_OR, qs, err);
}

/* join_all - qs joined by op, freeing them */
static xc_query *join_all(int op, GPtrArray *qs, char **err)
{
    xc_query *q = xc_query_list(op, (xc_query **)qs->pdata, qs->len, 0, err);
    for (guint i = 0; i < qs->len; i++)
        xc_query_free(g_ptr_array_index(qs, i));
    g_ptr_array_free(qs, TRUE);
    return q;
}

/* boost_accused - e, with the weight of a added, boosted; takes both */
static xc_query *boost_accused(xc_query *e, xc_query *a, char **err)
{
    xc_query *boosted = e != NULL && a != NULL ? xc_query_scale(a, ACCUSED_BOOST, err) : NULL;
    xc_query *q = boosted != NULL ? xc_query_combine(XC_OP_AND_MAYBE, e, boosted, err) : NULL;
    xc_query_free(boosted);
    xc_query_free(a);
    if (q == NULL)
        return e;
    xc_query_free(e);
    return q;
}

/* ix_person_is_name - two words or more with a reading */
int ix_person_is_name(const names *n, const char *text)
{
    qword ws[PERSON_WORDS_MAX];
    reading rs[PERSON_WORDS_MAX];
    size_t count = text != NULL ? read_words(n, text, ws) : 0;
    return count >= 2 && readings(ws, count, rs) > 0;
}

/* ix_person_is_guess - a name of two words or more none of which the tables
 * know as a given name, a patronymic or an initial */
int ix_person_is_guess(const names *n, const char *text)
{
    qword ws[PERSON_WORDS_MAX];
    size_t count = text != NULL ? read_words(n, text, ws) : 0;
    for (size_t i = 0; i < count; i++)
        if (ws[i].kind != Q_OTHER)
            return 0;
    return count >= 2;
}

/* ix_person_query - the ORed readings, exact or possible */
xc_query *ix_person_query(const names *n, const char *text, int possible, char **err)
{
    qword ws[PERSON_WORDS_MAX];
    reading rs[PERSON_WORDS_MAX];
    size_t count = text != NULL ? read_words(n, text, ws) : 0;
    size_t nr = count >= 2 ? readings(ws, count, rs) : 0;
    if (nr == 0)
        return NULL;
    GPtrArray *exact = g_ptr_array_new(), *maybe = g_ptr_array_new(), *accused = g_ptr_array_new();
    for (size_t i = 0; i < nr; i++) {
        exact_terms(ws, &rs[i], exact, accused, err);
        if (possible)
            possible_terms(ws, &rs[i], maybe, err);
    }
    /* The accused forms as one term: a form written rarely (initials)
     * weighs no more than a common one. */
    xc_query *e = or_all(exact, err), *a = join_all(XC_OP_SYNONYM, accused, err);
    if (!possible) {
        g_ptr_array_free(maybe, TRUE);
        return boost_accused(e, a, err);
    }
    xc_query_free(a);
    xc_query *m = or_all(maybe, err);
    xc_query *q = e != NULL && m != NULL ? xc_query_combine(XC_OP_AND_NOT, m, e, err) : NULL;
    xc_query_free(e);
    xc_query_free(m);
    return q;
}
