/*
 * doctype.c - what kind of document a page is, its language, the words that
 * mark an accused person, and types and languages as typed in a query.
 *
 * The type is decided by points: a heading word (ПРИГОВОР, ПАВЕСТКА) near
 * the top of the page counts most, the words of a type's operative part
 * (ПРИГОВОРИЛ:, Вызываетесь) count wherever they are, and a type needs four
 * points; ties go to the type listed first. A verdict mentions its special
 * proceedings and its protocols, so those words count little on their own.
 *
 * Functions: fields_find_type, fields_find_lang, fields_is_role,
 * fields_parse_type, fields_parse_lang.
 */
#include "fields/fields_int.h"

#include <string.h>

#define TITLE_BYTES 600 /* about the first 300 letters: the heading */
#define MIN_POINTS 4
#define MIN_LETTERS 20 /* fewer letters tell no language */

/* A word (a prefix of words) and its points in the heading and elsewhere. */
static const struct {
    const char *type, *word;
    int title, body;
} rules[] = {
    {FIELDS_VERDICT, "приговор", 6, 1},
    {FIELDS_VERDICT, "приговорил", 4, 4},
    {FIELDS_VERDICT, "прысуд", 6, 1},
    {FIELDS_VERDICT, "прыгаварыў", 4, 4},
    {FIELDS_VERDICT, "именем республики беларусь", 4, 4},
    {FIELDS_VERDICT, "імем рэспублікі беларусь", 4, 4},
    {FIELDS_RULING, "постановление", 6, 1},
    {FIELDS_RULING, "пастанова", 6, 1},
    {FIELDS_RULING, "определение", 6, 1},
    {FIELDS_RULING, "вызначэнне", 6, 1},
    {FIELDS_RULING, "постановил", 3, 3},
    {FIELDS_RULING, "пастанавіў", 3, 3},
    {FIELDS_RULING, "определил", 3, 3},
    {FIELDS_RULING, "вызначыў", 3, 3},
    {FIELDS_NOTICE, "извещение", 5, 1},
    {FIELDS_NOTICE, "уведомление", 5, 1},
    {FIELDS_NOTICE, "паведамленне", 5, 1},
    {FIELDS_NOTICE, "апавяшчэнне", 5, 1},
    {FIELDS_NOTICE, "извещает", 2, 2},
    {FIELDS_NOTICE, "уведомляет", 2, 2},
    {FIELDS_NOTICE, "паведамляе", 2, 2},
    {FIELDS_NOTICE, "специального производства", 2, 2},
    {FIELDS_NOTICE, "специальном производстве", 2, 2},
    {FIELDS_NOTICE, "специальное производство", 2, 2},
    {FIELDS_NOTICE, "спецыяльнай вытворчасці", 2, 2},
    {FIELDS_NOTICE, "спецыяльная вытворчасць", 2, 2},
    {FIELDS_SUMMONS, "повестка", 6, 1},
    {FIELDS_SUMMONS, "павестка", 6, 1},
    {FIELDS_SUMMONS, "вызываетесь", 3, 3},
    {FIELDS_SUMMONS, "вызывает вас", 3, 3},
    {FIELDS_SUMMONS, "выклікаецеся", 3, 3},
    {FIELDS_SUMMONS, "выклікае вас", 3, 3},
    {FIELDS_SUMMONS, "о вызове", 2, 2},
    {FIELDS_SUMMONS, "аб выкліку", 2, 2},
    {FIELDS_PROTOCOL, "протокол", 6, 1},
    {FIELDS_PROTOCOL, "пратакол", 6, 1},
    {FIELDS_LETTER, "уважаем", 3, 3},
    {FIELDS_LETTER, "паважан", 3, 3},
    {FIELDS_LETTER, "dear", 3, 3},
    {FIELDS_LETTER, "с уважением", 2, 2},
    {FIELDS_LETTER, "з павагай", 2, 2},
    {FIELDS_LETTER, "sincerely", 2, 2},
    {FIELDS_LETTER, "regards", 2, 2},
};

/* The types in the order ties are settled. */
static const char *const types[] = {
    FIELDS_VERDICT, FIELDS_RULING, FIELDS_NOTICE, FIELDS_SUMMONS, FIELDS_PROTOCOL, FIELDS_LETTER,
};

/* find_word - the first offset where word starts a word of text, -1 if none */
static long find_word(const char *text, const char *word)
{
    for (const char *p = strstr(text, word); p != NULL; p = strstr(p + 1, word)) {
        if (p == text)
            return 0;
        const char *prev = g_utf8_find_prev_char(text, p);
        if (prev == NULL || !names_is_alpha(g_utf8_get_char(prev)))
            return p - text;
    }
    return -1;
}

/* fields_find_type - points per type over the heading-joined text */
const char *fields_find_type(const fields_norm *t)
{
    char *text = fields_unspace(t->text);
    int points[G_N_ELEMENTS(types)] = {0};
    for (size_t r = 0; r < G_N_ELEMENTS(rules); r++) {
        long at = find_word(text, rules[r].word);
        if (at < 0)
            continue;
        for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
            if (strcmp(types[i], rules[r].type) == 0)
                points[i] += at < TITLE_BYTES ? rules[r].title : rules[r].body;
    }
    g_free(text);
    size_t best = 0;
    for (size_t i = 1; i < G_N_ELEMENTS(types); i++)
        if (points[i] > points[best])
            best = i;
    return points[best] >= MIN_POINTS ? types[best] : FIELDS_OTHER;
}

/* fields_find_lang - by the letters only one language has */
const char *fields_find_lang(const char *text)
{
    long cyr = 0, lat = 0, be = 0, ru = 0, pl = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2)
            break;
        if (!names_is_alpha(c))
            continue;
        c = names_to_lower(c);
        if (c >= 0x400 && c <= 0x4FF)
            cyr++;
        else if (c < 0x250)
            lat++;
        be += c == 0x456 || c == 0x45E;               /* і ў */
        ru += c == 0x438 || c == 0x449 || c == 0x44A; /* и щ ъ */
        pl += c == 0x105 || c == 0x119 || c == 0x142 || c == 0x15B || c == 0x17A || c == 0x17C ||
              c == 0x107 || c == 0x144 || c == 0xF3;
    }
    if (cyr >= MIN_LETTERS && cyr >= lat)
        return be > ru ? "be" : "ru";
    if (lat >= MIN_LETTERS)
        return pl >= 2 ? "pl" : "en";
    return NULL;
}

/* fields_is_role - by the lower-cased word's beginning */
int fields_is_role(const char *word, size_t len)
{
    static const char *const roles[] = {
        "обвиняем", "обвинен", "обвинён",   "осужд",     "подсудим",  "подозреваем",
        "признать", "признал", "абвінавач", "асуджан",   "падсудн",   "падазраван",
        "прызнаць", "прызнаў", "accused",   "defendant", "convicted", "oskarż",
    };
    char *lower = names_lower(word, len);
    int role = 0;
    for (size_t i = 0; !role && i < G_N_ELEMENTS(roles); i++)
        role = g_str_has_prefix(lower, roles[i]);
    g_free(lower);
    return role;
}

/* lookup - the canonical name for a word typed in a query, by table; none
 * for text that is not UTF-8 (g_utf8_strdown would read past its end) */
static const char *lookup(const char *text, const char *const (*table)[2], size_t n)
{
    if (text == NULL || !g_utf8_validate(text, -1, NULL))
        return NULL;
    char *lower = g_utf8_strdown(text, -1);
    g_strstrip(lower);
    const char *found = NULL;
    for (size_t i = 0; found == NULL && i < n; i++)
        if (strcmp(lower, table[i][0]) == 0)
            found = table[i][1];
    g_free(lower);
    return found;
}

/* fields_parse_type - English names, and Russian and Belarusian words */
const char *fields_parse_type(const char *text)
{
    static const char *const table[][2] = {
        {"verdict", FIELDS_VERDICT},      {"приговор", FIELDS_VERDICT},
        {"прысуд", FIELDS_VERDICT},       {"notice", FIELDS_NOTICE},
        {"извещение", FIELDS_NOTICE},     {"уведомление", FIELDS_NOTICE},
        {"паведамленне", FIELDS_NOTICE},  {"summons", FIELDS_SUMMONS},
        {"повестка", FIELDS_SUMMONS},     {"павестка", FIELDS_SUMMONS},
        {"ruling", FIELDS_RULING},        {"decision", FIELDS_RULING},
        {"постановление", FIELDS_RULING}, {"определение", FIELDS_RULING},
        {"пастанова", FIELDS_RULING},     {"protocol", FIELDS_PROTOCOL},
        {"протокол", FIELDS_PROTOCOL},    {"пратакол", FIELDS_PROTOCOL},
        {"letter", FIELDS_LETTER},        {"письмо", FIELDS_LETTER},
        {"ліст", FIELDS_LETTER},          {"email", FIELDS_LETTER},
        {"other", FIELDS_OTHER},
    };
    return lookup(text, table, G_N_ELEMENTS(table));
}

/* fields_parse_lang - codes, English names, and the languages' own names */
const char *fields_parse_lang(const char *text)
{
    static const char *const table[][2] = {
        {"be", "be"},         {"bel", "be"},         {"by", "be"},         {"belarusian", "be"},
        {"беларуская", "be"}, {"белорусский", "be"}, {"ru", "ru"},         {"rus", "ru"},
        {"russian", "ru"},    {"русский", "ru"},     {"руская", "ru"},     {"en", "en"},
        {"eng", "en"},        {"english", "en"},     {"английский", "en"}, {"pl", "pl"},
        {"pol", "pl"},        {"polish", "pl"},      {"польский", "pl"},   {"польская", "pl"},
    };
    return lookup(text, table, G_N_ELEMENTS(table));
}
