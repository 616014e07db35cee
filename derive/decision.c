/*
 * decision.c - what a paper decides about the accused it names (see
 * derive.h): the prison term and its regime, a fine in base units, and
 * property seized, in Russian and Belarusian.
 *
 * The text is read as tokens, lower-cased: words (letters, with hyphens and
 * apostrophes inside: "колонии-поселении", "пазбаўленне") and numbers. A
 * number is digits, or number words in any case ("трём", "двадцати пяти",
 * "трох", "дваццаці"), summed; where both are written ("3 (трём)") the
 * digits count.
 *
 * - Prison: "лишени* свобод*" / "пазбаўлен* волі"; the term is the number
 *   of years (год, лет, гадоў...) and months (месяц*) nearest to it, within
 *   TERM_BEFORE tokens before ("к 3 годам лишения свободы") or TERM_AFTER
 *   after ("лишения свободы сроком на 2 года 6 месяцев"); the regime is the
 *   word before the first "режим*" / "рэжым*" within REGIME_AFTER tokens
 *   (общего, усиленного, строгого, особого; агульнага, узмоцненага...), or
 *   a colony-settlement or a prison named there.
 * - Fine: "штраф*" and, within FINE_AFTER tokens, a number before "базов*
 *   величин*" / "базав* велічын*".
 * - Seized: "арест" / "арышт" in a form ("ареста", "арышту") with, within
 *   SEIZE_NEAR tokens, "имуществ*" / "маёмасц*" or "налож*" / "наклад*" /
 *   "наклас*".
 *
 * Each is the decision of the nearest accused person before it, else of the
 * nearest after it (a seizure ruling names the owner after the words).
 *
 * Functions: derive_decisions, derive_decision_add, derive_regime_name,
 * derive_regime_parse.
 */
#include "derive/derive_int.h"

#include <stdlib.h>
#include <string.h>

#define TERM_BEFORE 6   /* "к трём годам шести месяцам лишения" */
#define TERM_AFTER 10   /* "лишения свободы сроком на 3 (три) года" */
#define REGIME_AFTER 20 /* "... с отбыванием наказания в исправительной колонии общего режима" */
#define FINE_AFTER 10 /* "штраф в размере 100 (ста) базовых величин" */
#define SEIZE_NEAR 4  /* "наложить арест на имущество" */
#define YEARS_MAX 30  /* a term longer is a year of a date ("2024 года") */
#define FINE_MAX 1000000 /* base units */
#define TOKEN_MAX 96     /* bytes of a word read; longer words are no decision's */

/* Beginnings of "deprivation" of liberty. */
static const char *const deprive[] = {"лишени", "пазбаўлен", "позбаўлен", NULL};

/* The regimes' names, in the order of derive_regime. */
static const char *const regime_names[] = {"",        "general",    "enhanced", "strict",
                                           "special", "settlement", "prison"};

/* One token of the text. */
typedef struct {
    size_t start;        /* byte offset */
    char low[TOKEN_MAX]; /* lower-cased; "" for a number or a word too long */
    long number;         /* digits' value, -1 for a word */
} token;

/* Number words' beginnings and values; the longest beginning that fits
 * wins, and the rest of the word is an ending of at most ENDING_MAX bytes. */
#define ENDING_MAX 8
static const struct {
    const char *stem;
    int value;
} numbers[] = {
    {"один", 1},
    {"одн", 1},
    {"адзін", 1},
    {"адн", 1},
    {"дв", 2},
    {"дзв", 2},
    {"тр", 3},
    {"четыр", 4},
    {"чатыр", 4},
    {"пят", 5},
    {"пяц", 5},
    {"шест", 6},
    {"шэсц", 6},
    {"шасц", 6},
    {"сем", 7},
    {"сям", 7},
    {"восем", 8},
    {"восьм", 8},
    {"васьм", 8},
    {"девят", 9},
    {"дзевяц", 9},
    {"десят", 10},
    {"дзесяц", 10},
    {"одиннадцат", 11},
    {"адзінаццац", 11},
    {"двенадцат", 12},
    {"дванаццац", 12},
    {"тринадцат", 13},
    {"трынаццац", 13},
    {"четырнадцат", 14},
    {"чатырнаццац", 14},
    {"пятнадцат", 15},
    {"пятнаццац", 15},
    {"шестнадцат", 16},
    {"шаснаццац", 16},
    {"семнадцат", 17},
    {"сямнаццац", 17},
    {"восемнадцат", 18},
    {"васямнаццац", 18},
    {"девятнадцат", 19},
    {"дзевятнаццац", 19},
    {"двадцат", 20},
    {"дваццац", 20},
    {"тридцат", 30},
    {"трыццац", 30},
    {"сорок", 40},
    {"саракт", 40},
    {"сорак", 40},
    {"пятьдесят", 50},
    {"пятидесят", 50},
    {"пяцьдзесят", 50},
    {"пяцідзесят", 50},
    {"сто", 100},
    {"ста", 100},
    {"двест", 200},
    {"двухсот", 200},
    {"дзвесц", 200},
    {"трист", 300},
    {"трехсот", 300},
    {"трёхсот", 300},
    {"пятьсот", 500},
    {"пятисот", 500},
    {"пяцьсот", 500},
};

/* number_word - the value of a number word, 0 for none */
static int number_word(const char *w)
{
    size_t best = 0, len = strlen(w);
    int value = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(numbers); i++) {
        size_t n = strlen(numbers[i].stem);
        if (n > best && n <= len && len - n <= ENDING_MAX && strncmp(w, numbers[i].stem, n) == 0) {
            best = n;
            value = numbers[i].value;
        }
    }
    if (value == 100 && len > 6) /* "стороны", "статьи": сто and ста take short endings */
        return 0;
    return value;
}

/* char_at - the character at c, or -1 for bytes that are no UTF-8 (OCR
 * text and a damaged file may hold any) */
static gunichar char_at(const char *c)
{
    return c != NULL && *c ? g_utf8_get_char_validated(c, -1) : (gunichar)-1;
}

/* step - the next character after c: one byte on for bytes that are no
 * UTF-8 */
static const char *step(const char *c)
{
    return (gint32)char_at(c) < 0 ? c + 1 : g_utf8_next_char(c);
}

/* is_letter - whether c holds a letter */
static int is_letter(const char *c)
{
    gunichar u = char_at(c);
    return (gint32)u >= 0 && names_is_alpha(u);
}

/* word_char - whether the character at c belongs to a word: a letter, or
 * an apostrophe or hyphen between letters */
static int word_char(const char *text, const char *c)
{
    if (is_letter(c))
        return 1;
    gunichar u = char_at(c);
    return (u == '-' || u == '\'' || u == 0x2019) && is_letter(g_utf8_find_prev_char(text, c)) &&
           is_letter(step(c));
}

/* tokenize - the text's words and numbers */
static GArray *tokenize(const char *text)
{
    GArray *tokens = g_array_new(FALSE, FALSE, sizeof(token));
    const char *c = text;
    while (*c) {
        token t = {.start = (size_t)(c - text), .number = -1};
        const char *end = c;
        if (g_ascii_isdigit(*c)) {
            long v = 0;
            while (g_ascii_isdigit(*end)) {
                v = v < FINE_MAX * 10L ? v * 10 + (*end - '0') : v;
                end++;
            }
            t.number = v;
        } else if (word_char(text, c)) {
            while (*end && word_char(text, end))
                end = step(end);
            if ((size_t)(end - c) < TOKEN_MAX / 2) { /* lower case may grow a little */
                char *low = names_lower(c, (size_t)(end - c));
                g_strlcpy(t.low, low, sizeof t.low);
                g_free(low);
            }
        } else {
            c = step(c);
            continue;
        }
        g_array_append_val(tokens, t);
        c = end;
    }
    return tokens;
}

/* starts - whether token i exists and begins with one of the stems
 * (NULL-terminated) */
static int starts(const GArray *ts, long i, const char *const *stems)
{
    if (i < 0 || i >= (long)ts->len)
        return 0;
    const char *w = g_array_index(ts, token, i).low;
    for (; *stems; stems++)
        if (strncmp(w, *stems, strlen(*stems)) == 0)
            return 1;
    return 0;
}

/* number_before - the number written right before token i: digits, else
 * the sum of the number words there ("двадцати пяти"); -1 for none */
static long number_before(const GArray *ts, long i)
{
    long sum = 0, k = i - 1;
    for (; k >= 0 && g_array_index(ts, token, k).number < 0; k--) {
        int v = number_word(g_array_index(ts, token, k).low);
        if (v == 0)
            break;
        sum += v;
    }
    if (k >= 0 && g_array_index(ts, token, k).number >= 0 && (k == i - 1 || sum > 0))
        return g_array_index(ts, token, k).number; /* "3 (трём) годам": the digits */
    return sum > 0 ? sum : -1;
}

/* is - whether token i exists and is one of the words (NULL-terminated) */
static int is(const GArray *ts, long i, const char *const *words)
{
    if (i < 0 || i >= (long)ts->len)
        return 0;
    for (; *words; words++)
        if (strcmp(g_array_index(ts, token, i).low, *words) == 0)
            return 1;
    return 0;
}

/* The forms of "year" and "month" a term is written with. */
static const char *const year_words[] = {"год", "года",  "году", "годам", "годами", "годах", "годы",
                                         "лет", "гадоў", "гады", "гадам", "гадамі", "гадах", NULL};
static const char *const month_words[] = {"месяц",    "месяца",  "месяцу",  "месяцам",
                                          "месяцами", "месяцах", "месяцев", "месяцы",
                                          "месяцаў",  "мес",     NULL};

/* term_at - the months of a term whose years or months word is token i
 * ("3 годам 6 месяцам", "6 месяцев"); 0 for none */
static int term_at(const GArray *ts, long i)
{
    if (i < 0 || i >= (long)ts->len)
        return 0;
    long n = number_before(ts, i);
    if (n <= 0)
        return 0;
    if (is(ts, i, month_words)) /* the months of "3 годам 6 месяцам" are the years' */
        return n < 12L * YEARS_MAX && !is(ts, i - 2, year_words) && !is(ts, i - 3, year_words)
                   ? (int)n
                   : 0;
    if (!is(ts, i, year_words) || n > YEARS_MAX)
        return 0;
    for (long k = i + 2; k <= i + 3; k++) {
        long m = is(ts, k, month_words) ? number_before(ts, k) : -1;
        if (m > 0 && m < 12)
            return (int)(n * 12 + m);
    }
    return (int)n * 12;
}

/* prison - the term nearest a "лишения свободы" at token i, and the regime
 * after it */
static void prison(const GArray *ts, long i, derive_decision *d)
{
    for (long off = 1; off <= TERM_AFTER && d->prison_months == 0; off++) {
        int m = off <= TERM_BEFORE ? term_at(ts, i - off) : 0;
        d->prison_months = m ? m : term_at(ts, i + 1 + off);
    }
    static const char *const regime_word[] = {"режим", "рэжым", NULL};
    static const struct {
        const char *stem;
        derive_regime regime;
        int alone; /* the word names the regime by itself, with no "режима" */
    } kinds[] = {
        {"общ", DERIVE_REGIME_GENERAL, 0},
        {"агульн", DERIVE_REGIME_GENERAL, 0},
        {"усилен", DERIVE_REGIME_ENHANCED, 0},
        {"узмоцнен", DERIVE_REGIME_ENHANCED, 0},
        {"ўзмоцнен", DERIVE_REGIME_ENHANCED, 0},
        {"строг", DERIVE_REGIME_STRICT, 0},
        {"особ", DERIVE_REGIME_SPECIAL, 0},
        {"асаблів", DERIVE_REGIME_SPECIAL, 0},
        {"колонии-поселен", DERIVE_REGIME_SETTLEMENT, 1},
        {"калоніі-пасялен", DERIVE_REGIME_SETTLEMENT, 1},
        {"поселен", DERIVE_REGIME_SETTLEMENT, 1},
        {"пасялен", DERIVE_REGIME_SETTLEMENT, 1},
        {"тюрьм", DERIVE_REGIME_PRISON, 1},
        {"турм", DERIVE_REGIME_PRISON, 1},
    };
    for (long k = i + 2; k <= i + REGIME_AFTER && k < (long)ts->len; k++) {
        if (starts(ts, k, deprive))
            return; /* another sentence's */
        int named = starts(ts, k, regime_word);
        const char *w = g_array_index(ts, token, named ? k - 1 : k).low;
        for (size_t r = 0; r < G_N_ELEMENTS(kinds); r++)
            if ((named || kinds[r].alone) &&
                strncmp(w, kinds[r].stem, strlen(kinds[r].stem)) == 0) {
                d->regime = kinds[r].regime;
                return;
            }
    }
}

/* fine - the base units of a "штраф" at token i */
static void fine(const GArray *ts, long i, derive_decision *d)
{
    static const char *const base[] = {"базов", "базав", NULL};
    static const char *const unit[] = {"величин", "велічын", NULL};
    for (long k = i + 1; k <= i + FINE_AFTER; k++)
        if (starts(ts, k, base) && starts(ts, k + 1, unit)) {
            long n = number_before(ts, k);
            if (n > 0 && n <= FINE_MAX)
                d->fine_base_units = (int)n;
            return;
        }
}

/* seized - whether an "арест" at token i seizes property */
static int seized(const GArray *ts, long i)
{
    static const char *const near[] = {"имуществ", "маёмасц", "маемасц", "налож",
                                       "наклад",   "наклас",  NULL};
    for (long k = i - SEIZE_NEAR; k <= i + SEIZE_NEAR; k++)
        if (k != i && starts(ts, k, near))
            return 1;
    return 0;
}

/* decision_at - what token i decides, if anything */
static int decision_at(const GArray *ts, long i, derive_decision *d)
{
    static const char *const freedom[] = {"свобод", "волі", "воли", NULL};
    static const char *const fine_word[] = {"штраф", NULL};
    static const char *const arrest[] = {"арест", "арышт", "арешт", NULL};
    memset(d, 0, sizeof *d);
    if (starts(ts, i, deprive) && starts(ts, i + 1, freedom))
        prison(ts, i, d);
    else if (starts(ts, i, fine_word))
        fine(ts, i, d);
    else if (starts(ts, i, arrest) && strlen(g_array_index(ts, token, i).low) <= 14)
        d->seized = seized(ts, i);
    return d->prison_months > 0 || d->regime != DERIVE_REGIME_NONE || d->fine_base_units > 0 ||
           d->seized;
}

/* derive_decision_add - the first term, regime and fine said, and any
 * seizure */
void derive_decision_add(derive_decision *to, const derive_decision *d)
{
    if (to->prison_months == 0)
        to->prison_months = d->prison_months;
    if (to->regime == DERIVE_REGIME_NONE)
        to->regime = d->regime;
    if (to->fine_base_units == 0)
        to->fine_base_units = d->fine_base_units;
    to->seized |= d->seized;
}

/* starts_of - each person's first byte in text (SIZE_MAX for one not in
 * it: a sender's), from the word positions after pos */
static size_t *starts_of(const derive_words *words, unsigned pos, const derive_person *persons,
                         size_t n)
{
    size_t *at = g_new(size_t, n ? n : 1), k = 0;
    for (size_t i = 0; i < n; i++)
        at[i] = SIZE_MAX;
    for (size_t i = 0; k < n && i < words->n; i++) {
        const names_word w = words->w[i];
        pos++;
        while (k < n && persons[k].pos < pos)
            k++;
        if (k < n && persons[k].pos == pos)
            at[k++] = w.start;
    }
    return at;
}

/* owner - the accused person a decision at byte b is of: the nearest before,
 * else the nearest after; -1 for none */
static long owner(const derive_person *persons, const size_t *at, size_t n, size_t b)
{
    long before = -1, after = -1;
    for (size_t i = 0; i < n; i++) {
        if (at[i] == SIZE_MAX || persons[i].role != DERIVE_ROLE_ACCUSED)
            continue;
        if (at[i] <= b)
            before = (long)i;
        else if (after < 0)
            after = (long)i;
    }
    return before >= 0 ? before : after;
}

/* derive_decisions - every decision of the text, to its accused */
void derive_decisions(const char *text, const derive_words *words, unsigned pos,
                      derive_person *persons, size_t n)
{
    if (text == NULL || n == 0)
        return;
    GArray *ts = tokenize(text);
    size_t *at = starts_of(words, pos, persons, n);
    for (long i = 0; i < (long)ts->len; i++) {
        derive_decision d;
        if (!decision_at(ts, i, &d))
            continue;
        long who = owner(persons, at, n, g_array_index(ts, token, i).start);
        if (who >= 0)
            derive_decision_add(&persons[who].decision, &d);
    }
    g_free(at);
    g_array_free(ts, TRUE);
}

/* derive_regime_name - its JSON name */
const char *derive_regime_name(derive_regime r)
{
    return (size_t)r < G_N_ELEMENTS(regime_names) ? regime_names[r] : "";
}

/* derive_regime_parse - the regime a JSON name stands for; -1 for none */
int derive_regime_parse(const char *name)
{
    for (size_t i = 1; i < G_N_ELEMENTS(regime_names); i++)
        if (strcmp(name, regime_names[i]) == 0)
            return (int)i;
    return -1;
}
