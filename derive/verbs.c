/*
 * verbs.c - a capitalised word that opens a line or a sentence and is a
 * verb, not a surname (see derive.h).
 *
 * Court papers open lines with a verb in the first person or the past tense:
 * the resolution of a prosecutor who sanctions ("Санкционирую: прокурор
 * ..."), a head who approves ("Утверждаю"), a notice ("Извещаем",
 * "Паведамляем"), the signature of the one who questioned ("Допросил
 * следователь ..."). Capitalised only by their place, they would be read as
 * surnames and take the role word after them. A reader knows them by their
 * endings: the first person singular -ую, -юю, -аю, -яю, the plural -аем,
 * -яем, -уем, -юем, the past tense -ил, -ал, -ял, -ел, -ыл, -ла, -ли, -лі,
 * -іў, -ыў, and by where they stand: first in the line or the sentence,
 * with no name word after them (a lower-case word, a role word or
 * punctuation follows).
 * A surname with such an ending is kept where a name word stands beside it
 * ("Гайдаю А.В.", "Шаповал Виктор Юрьевич") or where it is too short to be
 * such a verb form: endings that surnames have in their oblique cases
 * (Гайдаю, Бугаю; Шаповал, Коновала) count only in words of MIN_VERB
 * letters or more, and -скую, -цкую (Козловскую) never. A word that
 * continues a name from the line before ("Анну\nКозловскую знаю") is no
 * opening: derive/persons.c asks only where no given name or initial
 * awaits its surname.
 *
 * Functions: derive_opens_with_verb.
 */
#include "derive/derive_int.h"

#include <string.h>

#define MIN_VERB 8 /* letters: Утверждаю, Допросил, Извещаем; not Гайдаю, Шаповал */

/* Endings of finite verb forms, lower-cased. */
static const char *const verb_endings[] = {
    "ую",  "юю",  "аю",  "яю",  /* санкционирую, утверждаю */
    "аем", "яем", "уем", "юем", /* извещаем, паведамляем */
    "ил",  "ал",  "ял",  "ел",  "ыл", "ла", "ли", "лі", "іў", "ыў", /* допросил, пастанавіў */
};

/* Endings of surnames' forms that end as a verb's: Козловскую, Белицкую. */
static const char *const surname_endings[] = {"скую", "цкую"};

/* has_verb_ending - whether the lower-cased word ends as a verb form */
static int has_verb_ending(const char *lower)
{
    for (size_t i = 0; i < G_N_ELEMENTS(surname_endings); i++)
        if (g_str_has_suffix(lower, surname_endings[i]))
            return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(verb_endings); i++)
        if (g_str_has_suffix(lower, verb_endings[i]))
            return 1;
    return 0;
}

/* opens - whether only white space, or a full stop, "!", "?" or ":" and
 * white space, stands between the previous line or sentence and the word */
static int opens(const char *text, size_t start)
{
    size_t i = start;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
        i--;
    return i == 0 || strchr("\n\r.!?:", text[i - 1]) != NULL;
}

/* alone - whether no name word follows the word: the text ends, or
 * punctuation, a lower-case word or a role word ("Утверждаю\nНачальник
 * отдела") comes next */
static int alone(const char *text, const names_word *w)
{
    size_t at = w->start + w->len;
    names_word next;
    if (!names_next_word(text, &at, &next))
        return 1;
    for (size_t i = w->start + w->len; i < next.start; i++)
        if (strchr(",;:()\"", text[i]) != NULL)
            return 1;
    return !(next.flags & (NAMES_CAPITAL | NAMES_INITIAL)) ||
           derive_role_word(text + next.start, next.len) != DERIVE_ROLE_OTHER;
}

/* derive_opens_with_verb - a capitalised word of MIN_VERB letters or more
 * with a verb's ending, first in its line or sentence, alone */
int derive_opens_with_verb(const char *text, const names_word *w)
{
    if (!(w->flags & NAMES_CAPITAL) || (w->flags & (NAMES_UPPER | NAMES_INITIAL)) ||
        !opens(text, w->start) || !alone(text, w))
        return 0;
    char *lower = names_lower(text + w->start, w->len);
    int verb = g_utf8_strlen(lower, -1) >= MIN_VERB && has_verb_ending(lower);
    g_free(lower);
    return verb;
}
