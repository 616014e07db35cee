/*
 * fields_int.h - private to fields/: the normalised text the rules run on,
 * the compiled rules, and small list helpers shared by the extractors.
 */
#ifndef DOKAZ_FIELDS_INT_H
#define DOKAZ_FIELDS_INT_H

#include "fields/fields.h"

#include <glib.h>

/* A page's text as the rules read it: lower case, ё as е, Latin look-alikes
 * inside Cyrillic words as Cyrillic (and the other way round), every dash as
 * '-', superscript digits as "-N" (361¹ -> 361-1), white space as ' ', a
 * letter O between digits as 0. orig[i] is the byte offset in the original
 * text of the character that gave byte i (orig[len] = the original length),
 * so a match can be shown as it was written. */
typedef struct {
    char *text;
    size_t len;
    size_t *orig;
    int match_failed; /* a rule failed to run on it (fields_match) */
} fields_norm;

/* The compiled rules, JIT-compiled, and the same rules without the JIT for
 * the rare page on which the JIT runs out of stack (see fields_match). */
struct fields {
    const names *names;
    struct fields *plain; /* NULL in the plain rules themselves */
    GRegex *case_num;     /* № 1-234/2024 */
    GRegex *case_ctx;     /* дело 12-345/2024, справа № 1-2/24 */
    GRegex *case_long; /* уголовное дело № 22043100123, (следственный № ...) */
    GRegex *case_more;    /* the next of a list: "№№ 22043100123, 22043100124" */
    GRegex *article;      /* ч. 1 и ч. 3 ст. 130, арт. 361-1 */
    GRegex *code_after;   /* the code named after an article: УК, УПК, КоАП ... */
    GRegex *date_num;     /* 12.03.2024 */
    GRegex *date_iso;     /* 2024-03-12 */
    GRegex *date_word;    /* 12 марта 2024, «12» сакавіка 2024 */
    GRegex *date_en;      /* March 12, 2024 */
    GRegex *birth_after;  /* года рождения, г.р., гады нараджэння */
    GRegex *birth_before; /* родился, нарадзіўся, born, дата рождения */
    GRegex *birth_year;   /* 1986 г.р. */
};

/* fields_normalise - the normalised text of text into out */
void fields_normalise(const char *text, fields_norm *out);

/* fields_norm_free - free what fields_normalise made */
void fields_norm_free(fields_norm *n);

/* fields_unspace - a copy of normalised text with spaced-out words joined
 * ("п р и г о в о р" -> "приговор"), for headings (g_free) */
char *fields_unspace(const char *text);

/* fields_add - append a copy of s to a list unless it is there */
void fields_add(char ***list, size_t *n, const char *s);

/* fields_match - g_regex_match of re on text (t's text or a part of it), the
 * match in *m if m is not NULL (free it); a matching error sets
 * t->match_failed: PCRE2's JIT has a fixed stack, so a list thousands of
 * items long can fail to match, and fields_extract then reads the page again
 * with the plain rules */
int fields_match(const GRegex *re, const char *text, fields_norm *t, GMatchInfo **m);

/* fields_next - g_match_info_next, an error as in fields_match */
int fields_next(GMatchInfo *m, fields_norm *t);

/* Extractors, each adding to p from the normalised text. */
void fields_find_cases(const fields *f, fields_norm *t, fields_page *p);
void fields_find_articles(const fields *f, fields_norm *t, fields_page *p);
void fields_find_dates(const fields *f, fields_norm *t, fields_page *p);
void fields_find_courts(const fields *f, const char *text, const fields_norm *t, fields_page *p);
const char *fields_find_type(const fields_norm *t);
const char *fields_find_lang(const char *text);

/* fields_group_num - group g of a match as a number, -1 if it took no part */
long fields_group_num(GMatchInfo *m, int g);

/* fields_valid_date - whether y-m-d is a calendar date dokaz accepts (1900-2100) */
int fields_valid_date(int y, int m, int d);

/* fields_case_text - the indexed form of a court case number (2-digit years
 * become 20xx below 70, 19xx from 70) */
void fields_case_text(long cat, long num, long year, char *out, size_t size);

#endif
