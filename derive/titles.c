/*
 * titles.c - a capitalised adjective of an official's title or of an
 * institution's name, not a surname (see derive.h).
 *
 * A line of a hearing's record or a signature opens with the official's
 * title, its adjective capitalised: "Государственный обвинитель — ...",
 * "Старший следователь ...", "Дзяржаўны абвінаваўца ...". Read alone, the
 * adjective would be a surname that takes the role word after it. A reader
 * knows it by its adjective's ending right before a lower-case role word;
 * a surname stands before a role word only with a comma between ("Иванов,
 * обвиняемый") or as the subject of a verb ("Иванов обвиняется"), and
 * surnames with an adjective's ending (Белый, Савицкий) are read as
 * adjectives only there: not before a role word that is a verb. So is an
 * adjective before a district, a region or an office ("Прокурор
 * Московского района", "Минского областного суда").
 *
 * Functions: derive_titles_role.
 */
#include "derive/derive_int.h"

#include <string.h>

/* Endings of adjectives, lower-cased: Russian and Belarusian, any case. */
static const char *const adjective_endings[] = {
    "ый", "ий", "ой", "ая", "яя",  "ого", "его", "ому", "ему", "ым", "им",
    "ую", "ны", "шы", "кі", "ага", "аму", "ай",  "ыя",  "ія",  "ые", "ие",
};

/* is_adjective - whether the lower-cased word ends as an adjective */
static int is_adjective(const char *lower)
{
    for (size_t i = 0; i < G_N_ELEMENTS(adjective_endings); i++)
        if (g_str_has_suffix(lower, adjective_endings[i]))
            return 1;
    return 0;
}

/* is_institution - whether a lower-case word names a district, a region or
 * an office, which an adjective before it names ("Московского района",
 * "Минского областного суда", "Брэсцкай вобласці") */
static int is_institution(const char *word, size_t len)
{
    static const char *const stems[] = {"район",   "раён",    "област",     "вобласц",
                                        "округ",   "суд",     "прокуратур", "пракуратур",
                                        "комитет", "камітэт", "управлени",  "упраўленн",
                                        "отдел",   "аддзел"};
    char *lower = names_lower(word, len);
    int yes = 0;
    for (size_t i = 0; !yes && i < G_N_ELEMENTS(stems); i++)
        yes = derive_has_prefix(lower, stems[i]);
    g_free(lower);
    return yes;
}

/* is_verb - whether a lower-case word ends as a verb in the present
 * ("обвиняется", "обвиняет"): a role word that is a verb has a subject */
static int is_verb(const char *word, size_t len)
{
    static const char *const endings[] = {"ся", "цца", "ет", "ит", "ют", "ят", "уць", "аць"};
    char *lower = names_lower(word, len);
    int verb = 0;
    for (size_t i = 0; !verb && i < G_N_ELEMENTS(endings); i++)
        verb = g_str_has_suffix(lower, endings[i]);
    g_free(lower);
    return verb;
}

/* derive_titles_role - a capitalised word with an adjective's ending and
 * only spaces between it and a lower-case role word or institution after it */
int derive_titles_role(const char *text, const names_word *w)
{
    size_t at = w->start + w->len;
    names_word next;
    if (!(w->flags & NAMES_CAPITAL) || (w->flags & NAMES_INITIAL) ||
        !names_next_word(text, &at, &next) || (next.flags & NAMES_CAPITAL))
        return 0;
    for (size_t i = w->start + w->len; i < next.start; i++)
        if (text[i] != ' ' && text[i] != '\t')
            return 0;
    if ((derive_role_word(text + next.start, next.len) == DERIVE_ROLE_OTHER &&
         !is_institution(text + next.start, next.len)) ||
        is_verb(text + next.start, next.len))
        return 0;
    char *lower = names_lower(text + w->start, w->len);
    int adjective = g_utf8_strlen(lower, -1) >= 4 && is_adjective(lower);
    g_free(lower);
    return adjective;
}
