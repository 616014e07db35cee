/*
 * sex.c - the sex a surname's nominative shows, as a user types it.
 *
 * Russian and Belarusian surnames in -ов/-ев/-ин and -ский have a female
 * form in -ова/-ева/-ина and -ская (Іваноў/Іванова, Ковальский/Ковальская),
 * and so do their Latin and Polish spellings (Ivanou/Ivanova,
 * Kowalski/Kowalska). Surnames in -ук, -енко, -ич have one form for both.
 *
 * In a document the case is not known, so -ова says nothing (Иванова is
 * also Иванов's genitive); but a surname declined as an adjective (-ский,
 * -цкий) keeps its sex in every case: Савицкая, Савицкую, Савіцкай are a
 * woman's, Савицкого, Савицкому, Савіцкага a man's. -ской is left out
 * (Луговской is a man's nominative, Савицкой a woman's genitive).
 *
 * Functions: names_surname_sex, names_adjective_surname_sex.
 */
#include "names/names.h"

#include <glib.h>
#include <string.h>

/* Endings of the nominative, lower-cased; female ones are tried first, as
 * "-ина" ends in "-на", not "-ин". */
static const char *const female_endings[] = {
    "ова", "ева", "ёва", "ава", "ина", "ына", "іна", "ая",  "ova",  "eva",
    "ava", "ina", "yna", "aya", "aja", "aia", "ska", "cka", "dzka",
};
static const char *const male_endings[] = {
    "ов", "ев", "ёв", "ин", "ын", "ін", "ий", "ый",  "ой",  "оў",   "еў",   "ёў",   "аў",  "ou",
    "ov", "ev", "in", "yn", "ow", "ew", "au", "ski", "sky", "skiy", "skij", "skii", "cki",
};

/* ends_with - whether the lower-cased word ends with one of list[0..n) */
static int ends_with(const char *word, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (g_str_has_suffix(word, list[i]))
            return 1;
    return 0;
}

/* Endings that say a sex, female ones tried first. */
typedef struct {
    const char *const *female, *const *male;
    size_t nfemale, nmale;
    long min_letters; /* shorter words say nothing */
} sex_endings;

/* sex_by - the sex the word's ending shows by the endings e */
static names_sex sex_by(const char *word, size_t len, const sex_endings *e)
{
    if (word == NULL || !g_utf8_validate(word, (gssize)len, NULL) ||
        g_utf8_strlen(word, (gssize)len) < e->min_letters)
        return NAMES_SEX_UNKNOWN;
    char *lower = names_lower(word, len);
    names_sex sex = NAMES_SEX_UNKNOWN;
    if (ends_with(lower, e->female, e->nfemale))
        sex = NAMES_SEX_FEMALE;
    else if (ends_with(lower, e->male, e->nmale))
        sex = NAMES_SEX_MALE;
    g_free(lower);
    return sex;
}

/* names_surname_sex - by the ending, for words of four letters or more */
names_sex names_surname_sex(const char *word, size_t len)
{
    static const sex_endings nominative = {female_endings, male_endings,
                                           G_N_ELEMENTS(female_endings), G_N_ELEMENTS(male_endings),
                                           4};
    return sex_by(word, len, &nominative);
}

/* Forms of surnames declined as adjectives, in any case, lower-cased. */
static const char *const female_forms[] = {
    "ская", "цкая", "скую", "цкую", "скай", "цкай", "скаю", "цкаю", "skaya", "skaja", "ska",
};
static const char *const male_forms[] = {
    "ский", "цкий", "ского", "цкого", "скому", "цкому", "ским",  "цким",  "ском",
    "цком", "скі",  "цкі",   "скага", "цкага", "скаму", "цкаму", "скім",  "цкім",
    "ski",  "sky",  "skiy",  "skij",  "skogo", "skomu", "skim",  "skaha", "skamu",
};

/* names_adjective_surname_sex - by the form, for words of five letters or
 * more */
names_sex names_adjective_surname_sex(const char *word, size_t len)
{
    static const sex_endings any_case = {female_forms, male_forms, G_N_ELEMENTS(female_forms),
                                         G_N_ELEMENTS(male_forms), 5};
    return sex_by(word, len, &any_case);
}
