/*
 * dates.c - dates on a page (numeric and word forms, Russian, Belarusian,
 * English, Polish), which of them are birth dates, and dates as a user
 * types them in a query.
 *
 * A birth date is told by its words: "года рождения", "г.р.", "гады
 * нараджэння" right after it, or "родился", "нарадзіўся", "born" just
 * before. Birth dates are kept apart because a verdict's date says when the
 * document was made and a birth date says who it is about.
 *
 * Functions: fields_find_dates, fields_valid_date, fields_parse_dates.
 */
#include "fields/fields_int.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_MIN 1900
#define YEAR_MAX 2100

/* fields_valid_date - a real calendar day in dokaz's years */
int fields_valid_date(int y, int m, int d)
{
    return y >= YEAR_MIN && y <= YEAR_MAX && m >= 1 && m <= 12 && d >= 1 &&
           g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

/* month_of - the month a month word starts with (Russian, Belarusian, English,
 * Polish stems as the date_word rule captures them), 0 if none */
static int month_of(const char *stem)
{
    static const char *const stems[12][4] = {
        {"январ", "студзен", "januar", "stycz"},
        {"феврал", "лют", "february", "lut"},
        {"март", "сакавік", "march", "marc"},
        {"апрел", "красавік", "april", "kwie"},
        {"ма", "may", "maj", NULL},
        {"июн", "чэрвен", "june", "czerw"},
        {"июл", "ліпен", "july", "lip"},
        {"август", "жні", "august", "sierp"},
        {"сентябр", "верас", "september", "wrze"},
        {"октябр", "кастрычнік", "october", "pa"},
        {"ноябр", "лістапад", "november", "listopad"},
        {"декабр", "снеж", "december", "grud"},
    };
    for (int m = 0; m < 12; m++)
        for (int i = 0; i < 4 && stems[m][i]; i++)
            if (g_str_has_prefix(stem, stems[m][i]))
                return m + 1;
    return 0;
}

/* is_birth - whether the words around text[start..end) make it a birth date */
static int is_birth(const fields *f, fields_norm *t, int start, int end)
{
    if (fields_match(f->birth_after, t->text + end, t, NULL))
        return 1;
    int from = start > 40 ? start - 40 : 0;
    while (from < start && ((unsigned char)t->text[from] & 0xC0) == 0x80)
        from++; /* not inside a character */
    char *before = g_strndup(t->text + from, (gsize)(start - from));
    int birth = fields_match(f->birth_before, before, t, NULL);
    g_free(before);
    return birth;
}

/* add_date - add y-m-d unless it is there */
static void add_date(fields_page *p, int y, int m, int d, int birth)
{
    for (size_t i = 0; i < p->ndates; i++)
        if (p->dates[i].year == y && p->dates[i].month == m && p->dates[i].day == d &&
            p->dates[i].birth == birth)
            return;
    p->dates = xrealloc(p->dates, (p->ndates + 1) * sizeof *p->dates);
    p->dates[p->ndates++] = (fields_date){y, m, d, birth};
}

/* Which groups of a date rule hold the day, month and year (0: a word month). */
typedef struct {
    GRegex *re;
    int day, month, year;
} date_rule;

/* find_rule - every valid date one rule finds */
static void find_rule(const fields *f, fields_norm *t, const date_rule *r, fields_page *p)
{
    GMatchInfo *m = NULL;
    for (fields_match(r->re, t->text, t, &m); g_match_info_matches(m); fields_next(m, t)) {
        long d = fields_group_num(m, r->day), y = fields_group_num(m, r->year), mo;
        if (r->month > 0) {
            mo = fields_group_num(m, r->month);
        } else {
            char *word = g_match_info_fetch(m, -r->month);
            mo = month_of(word ? word : "");
            g_free(word);
        }
        if (y >= 0 && y < 100)
            y += y < 70 ? 2000 : 1900;
        if (!fields_valid_date((int)y, (int)mo, (int)d))
            continue;
        int start = 0, end = 0;
        g_match_info_fetch_pos(m, 0, &start, &end);
        add_date(p, (int)y, (int)mo, (int)d, is_birth(f, t, start, end));
    }
    g_match_info_free(m);
}

/* fields_find_dates - numeric, ISO, word and English dates, then birth years */
void fields_find_dates(const fields *f, fields_norm *t, fields_page *p)
{
    const date_rule rules[] = {
        {f->date_num, 1, 2, 3},
        {f->date_iso, 3, 2, 1},
        {f->date_word, 1, -2, 3},
        {f->date_en, 2, -1, 3},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++)
        find_rule(f, t, &rules[i], p);
    GMatchInfo *m = NULL;
    for (fields_match(f->birth_year, t->text, t, &m); g_match_info_matches(m); fields_next(m, t)) {
        long y = fields_group_num(m, 1);
        int known = 0; /* "12 мая 1986 года рождения" gave the whole date */
        for (size_t i = 0; i < p->ndates; i++)
            known |= p->dates[i].birth && p->dates[i].year == y;
        if (y >= YEAR_MIN && y <= YEAR_MAX && !known)
            add_date(p, (int)y, 0, 0, 1);
    }
    g_match_info_free(m);
}

/* parse_one - one date as typed: the first and last day it stands for */
static int parse_one(const char *s, long *lo, long *hi)
{
    int y = 0, m = 0, d = 0, n = 0;
    size_t len = strlen(s);
    if (len == 4 && sscanf(s, "%4d%n", &y, &n) == 1 && n == 4) {
        m = 0;
    } else if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && (size_t)n == len) {
    } else if (sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && (size_t)n == len) {
    } else if (sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 && (size_t)n == len && y > 999) {
    } else if (sscanf(s, "%2d.%4d%n", &m, &y, &n) == 2 && (size_t)n == len && y > 999) {
        d = 0; /* the attempts before may have set it */
    } else {
        return -1;
    }
    if (m == 0) {
        if (y < YEAR_MIN || y > YEAR_MAX)
            return -1;
        *lo = y * 10000L + 101;
        *hi = y * 10000L + 1231;
    } else if (d == 0) {
        if (!fields_valid_date(y, m, 1))
            return -1;
        *lo = y * 10000L + m * 100L + 1;
        *hi = y * 10000L + m * 100L + g_date_get_days_in_month((GDateMonth)m, (GDateYear)y);
    } else {
        if (!fields_valid_date(y, m, d))
            return -1;
        *lo = *hi = y * 10000L + m * 100L + d;
    }
    return 0;
}

/* fields_parse_dates - one date, or A..B with open ends */
int fields_parse_dates(const char *text, long *from, long *to)
{
    if (text == NULL)
        return -1;
    char *s = g_strstrip(g_strdup(text));
    char *dots = strstr(s, "..");
    long lo = 0, hi = 0, lo2 = 0, hi2 = 0;
    int rc = -1;
    if (dots == NULL) {
        rc = parse_one(s, &lo, &hi);
    } else {
        *dots = '\0';
        char *a = g_strstrip(s), *b = g_strstrip(dots + 2);
        lo = YEAR_MIN * 10000L + 101;
        hi = YEAR_MAX * 10000L + 1231;
        rc = (*a == '\0' && *b == '\0') ? -1 : 0;
        if (rc == 0 && *a != '\0')
            rc = parse_one(a, &lo, &hi2);
        if (rc == 0 && *b != '\0')
            rc = parse_one(b, &lo2, &hi);
        if (rc == 0 && *b == '\0')
            hi = YEAR_MAX * 10000L + 1231;
    }
    g_free(s);
    if (rc != 0 || lo > hi)
        return -1;
    *from = lo;
    *to = hi;
    return 0;
}
