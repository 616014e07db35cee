/*
 * fields.h - structured fields found in a page's text: the whole public API
 * of the fields subsystem.
 *
 * From the text of one page (as OCR or a text layer gives it, Russian,
 * Belarusian, English or Polish) it finds the document type by rules over
 * the words, case numbers (№ 1-234/2024, уголовное дело № 22043100123),
 * Criminal Code articles with their parts (ч. 1 ст. 342 УК, ст. 361-1,
 * ч.1 и ч.3 ст.130, арт. 361¹ КК), courts (суд Центрального района г. Минска,
 * Мінскі гарадскі суд), dates in numeric and word forms (12.03.2024,
 * «12» марта 2024 г., 12 сакавіка 2024 г.), which of them are birth dates,
 * and the page's language. OCR noise seen in scans is tolerated: "№" read
 * as "Ме", "No" or "N", "ст." without its full stop, Latin letters inside
 * Cyrillic words, spaced-out headings (П Р И Г О В О Р).
 *
 * The same normalisation serves queries (case:, article:, court:, type:,
 * lang:, date:), so that what a user types matches what was indexed.
 */
#ifndef DOKAZ_FIELDS_H
#define DOKAZ_FIELDS_H

#include "names/names.h"

#include <stddef.h>

/* Document types, as indexed and as the type: filter takes them. */
#define FIELDS_VERDICT "verdict" /* приговор, прысуд */
#define FIELDS_NOTICE "notice" /* извещение / паведамленне about special proceedings */
#define FIELDS_SUMMONS "summons" /* повестка, павестка */
#define FIELDS_RULING "ruling" /* постановление, определение, пастанова */
#define FIELDS_PROTOCOL "protocol" /* протокол, пратакол */
#define FIELDS_LETTER "letter"     /* письмо, ліст, letters and emails */
#define FIELDS_OTHER "other"

/* A date; month and day are 0 when only the year is known (1986 г.р.). */
typedef struct {
    int year, month, day;
    int birth; /* a birth date ("12 мая 1986 года рождения", "1986 г.р.") */
} fields_date;

/* A court: its key (the same for its Russian and Belarusian names in any
 * case: "gor minsk" for Минский городской суд / Мінскага гарадскога суда),
 * its name as written, and whether that name is in the nominative. */
typedef struct {
    char *key;
    char *label;
    int nominative;
} fields_court;

/* What one page says. Strings are malloc'd; lists hold no duplicates. */
typedef struct {
    const char *type; /* FIELDS_* (static) */
    const char *lang; /* "be", "ru", "en", "pl", or NULL when too little text */
    char **cases;     /* "1-234/2024", "22043100123" */
    size_t ncases;
    char **articles; /* "342", "361-1" */
    size_t narticles;
    char **parts; /* "342/1": part 1 of article 342 */
    size_t nparts;
    fields_court *courts;
    size_t ncourts;
    fields_date *dates;
    size_t ndates;
} fields_page;

/* The compiled rules; one per deriver (derive/) or search, used by one thread. */
typedef struct fields fields;

/* fields_new - compile the rules; names (kept, not owned) gives court keys */
fields *fields_new(const names *n, char **err);

/* fields_free - free the rules (NULL is fine) */
void fields_free(fields *f);

/* fields_extract - what the text of one page says (never NULL; an empty or
 * NULL text gives type "other" and empty lists) */
fields_page *fields_extract(const fields *f, const char *text);

/* fields_extract_dates - the dates fields_extract finds in the text, and
 * nothing else (the other lists empty, the type not looked for): what a
 * person's birth date is read from, without the cost of the other rules */
fields_page *fields_extract_dates(const fields *f, const char *text);

/* fields_page_free - free a page's fields (NULL is fine) */
void fields_page_free(fields_page *p);

/* fields_parse_case - a case number as typed ("1-234/2024", "№ 1 - 234 / 24")
 * in its indexed form into out; 0, or -1 if it is none */
int fields_parse_case(const char *text, char *out, size_t size);

/* fields_parse_article - an article as typed: "342", "361-1", "361¹",
 * "ч.1 ст.342", "342ч1", "342/1"; the article into art ("342", "361-1") and
 * its part into *part (0 for any); 0, or -1 if it is none */
int fields_parse_article(const char *text, char *art, size_t size, int *part);

/* fields_court_words - the keys of the words of a court's name as typed
 * ("Минский городской", "Центрального района") as a NULL-terminated,
 * malloc'd list (free with g_strfreev); NULL if no word counts. Only the
 * names table, not the rules: a search asks for courts without compiling them. */
char **fields_court_words(const names *n, const char *text);

/* fields_parse_type - FIELDS_* for a type as typed (verdict, приговор,
 * прысуд, notice, повестка, ...), NULL if unknown */
const char *fields_parse_type(const char *text);

/* fields_parse_lang - "be", "ru", "en" or "pl" for a language as typed (be,
 * bel, беларуская, ru, русский, ...), NULL if unknown */
const char *fields_parse_lang(const char *text);

/* fields_parse_dates - a date or range as typed: 2024, 2024-03, 2024-03-12,
 * 12.03.2024, 03.2024, and A..B with either side left out; the first and
 * last day as YYYYMMDD numbers; 0, or -1 if it is none */
int fields_parse_dates(const char *text, long *from, long *to);

/* fields_is_role - whether a word marks the person next to it as the accused
 * (обвиняемого, осужденный, абвінавачаны, подсудимый, признать, the accused) */
int fields_is_role(const char *word, size_t len);

#endif
