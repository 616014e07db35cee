/*
 * names.h - person names across scripts and spellings: the whole public API
 * of the names subsystem.
 *
 * An investigator has "Siarhei Ivanou"; the verdict says "Иванова Сергея
 * Николаевича", the prosecutor's notice "Іваноў Сяргей". Each word gets a
 * *name key*: a short ASCII string that is the same for the Russian and
 * Belarusian Cyrillic spellings, the Belarusian passport Latin, Łacinka,
 * Polish and the usual Russian Latin spellings, and for the Russian and
 * Belarusian case forms (Иванова, Иванову, Ивановым -> one key). Words are
 * transliterated into a phonetic alphabet where the letters that differ
 * between those spellings fall together (all vowels are one symbol, г = h,
 * ц = т = ts, дз = д, ў = в = w, ...), inflection endings are stripped, and
 * patronymics and given names whose stems differ between the languages
 * (Алесь/Александр, Ганна/Анна, Язэп/Иосиф) are mapped by a table shipped in
 * names/given_names.txt, compiled in. README.md describes the rules and
 * their known limits.
 */
#ifndef DOKAZ_NAMES_H
#define DOKAZ_NAMES_H

#include <stddef.h>

/* A key is at most this many bytes, NUL included; longer words have no key. */
#define NAMES_KEY_MAX 64

/* The given-name table, built once (names_new) and then only read: one per
 * deriver (derive/), search or highlighter, shared by nothing else. */
typedef struct names names;

/* names_new - build the given-name table from the compiled-in data */
names *names_new(char **err);

/* names_free - free the table (NULL is fine) */
void names_free(names *n);

/* names_key - the name key of the word at word[0..len) (UTF-8, any case, any
 * script) into out; returns its length, 0 when the word gives no key (no
 * letters, only one letter, or too long) */
size_t names_key(const names *n, const char *word, size_t len, char out[NAMES_KEY_MAX]);

/* names_key_variant - the key with the other reading of a Latin "ch" (х in
 * Łacinka and Polish, ч in English): a query's "Michail" may be Михаил or
 * Мичаил; 0 when the word has no "ch" its letters leave open */
size_t names_key_variant(const names *n, const char *word, size_t len, char out[NAMES_KEY_MAX]);

/* names_initials - the symbols an initial of this word may carry, one byte
 * each, into out (NUL-terminated): "s" for Siarhei/Сергей/С., a vowel by its
 * letter (А. "a", Е. "e", О. "o"), and for a given name those of its other
 * forms too ("ga" for Ганна, since Анна's initial is А; "mn" for
 * Мікалаевіч, Мікалай being Николай); returns how many */
size_t names_initials(const names *n, const char *word, size_t len, char out[8]);

/* names_initials_across - whether two initials' symbols (as names_initials
 * gives them) may stand for one given name written in two scripts: the same
 * symbol, or the first letters of two forms of one name of the table: "О."
 * in a Russian paper and "А." or "В." in a Belarusian one (Олег/Алег,
 * Ольга/Вольга), "Е." and "Я." (Евгений/Яўген) */
int names_initials_across(const names *n, char a, char b);

/* names_is_given - whether the key is that of a given name in the table */
int names_is_given(const names *n, const char *key);

/* names_is_patronymic - whether the key is that of a patronymic (Николаевич,
 * Мікалаеўна, Sergeyevich) */
int names_is_patronymic(const char *key);

/* The sex a word shows, where it shows one. */
typedef enum { NAMES_SEX_UNKNOWN = 0, NAMES_SEX_MALE = 'm', NAMES_SEX_FEMALE = 'f' } names_sex;

/* names_patronymic_sex - FEMALE for a female patronymic in any case
 * (Сергеевна, Сяргееўны, Siarhiejeŭna), MALE for a word ending in -вич in
 * any case (a male patronymic, or a surname: Лукашэвіч), UNKNOWN otherwise */
names_sex names_patronymic_sex(const char *word, size_t len);

/* names_given_sex - the sex a given name in the table shows: FEMALE for a
 * woman's name of the table (Анна, Ганны), MALE for a man's name written
 * without an ending (Сергей, Ян; not Александра, which may be either) or,
 * for a word known to be a nominative (nominative nonzero: what a user
 * types), a man's name not ending in а, я or a (Siarhei, Andrei), UNKNOWN
 * otherwise */
names_sex names_given_sex(const names *n, const char *word, size_t len, int nominative);

/* names_surname_sex - the sex the nominative of a surname shows, as a user
 * types it: FEMALE for Иванова, Ivanova, Ковальская, Kowalska; MALE for
 * Иванов, Іваноў, Ivanou, Kowalski; UNKNOWN for Шевчук or Лукашэвіч. In a
 * document the case is not known (Иванова is also Иванов's genitive), so
 * there only patronymics, given names and gendered words say it. */
names_sex names_surname_sex(const char *word, size_t len);

/* names_key_alternate - the key of the nominative a dative or locative form
 * may come from through a consonant alternation before its ending: г/з, к/ц,
 * х/с (Вользе -> Вольга, as рука/руцэ, кніжка/кніжцы, муха/мусе; Polish
 * Oldze -> Olga);
 * returns its length, 0 when the word has no such form (Вольга, Лізе is
 * also Ліза's: both keys then stand for it) */
size_t names_key_alternate(const names *n, const char *word, size_t len, char out[NAMES_KEY_MAX]);

/* names_adjective_surname_sex - the sex a surname declined as an adjective
 * shows in any case, as a document writes it: FEMALE for Савицкая,
 * Савицкую, Савіцкай, Kazlouskaya; MALE for Савицкий, Савицкого, Савіцкага,
 * Kowalski; UNKNOWN for other surnames and for -ской (Луговской, Савицкой) */
names_sex names_adjective_surname_sex(const char *word, size_t len);

/* Flags of a word found in a text. */
enum {
    NAMES_CAPITAL = 1, /* starts with a capital letter */
    NAMES_UPPER = 2,   /* all letters are capitals (and there are two or more) */
    NAMES_INITIAL = 4, /* one capital letter (or a Latin digraph such as Sh)
                            followed by '.', as in "С.Н." */
    NAMES_LATIN = 8    /* mostly Latin letters */
};

/* A word in a text: letters, with apostrophes inside (Вераб'ёў); hyphens,
 * digits and punctuation separate words, and a run of letters and digits
 * ("2024г") is no word. */
typedef struct {
    size_t start;   /* byte offset in the text */
    size_t len;     /* bytes */
    unsigned flags; /* NAMES_* */
} names_word;

/* names_next_word - the first word at or after byte *pos of text into *w and
 * *pos moved past it; 0 at the end of the text */
int names_next_word(const char *text, size_t *pos, names_word *w);

/* names_indexable - whether a word of a document may be a name: capitalised,
 * two letters or more, not a common capitalised word (Суд, Республики, Он,
 * An) and not an abbreviation of court papers with its full stop ("Арт.",
 * "Ст.") */
int names_indexable(const char *text, const names_word *w);

/* names_is_stopword - whether a word, in any case, is one of the common
 * words names_indexable never takes for a name ("The", "Он"): asked for as
 * a name, it could only match other words that share its key */
int names_is_stopword(const char *word, size_t len);

/* The characters of a text as the name rules see them: glib's answers
 * (g_utf8_get_char_validated, g_unichar_isalpha...), found without glib for
 * ASCII and basic Cyrillic, the letters of almost every page. */

/* What names_char gives for a byte that starts no valid character (or NUL). */
#define NAMES_BAD_CHAR 0xFFFFFFFFu

/* names_char - the code point at s[0] and its length in bytes into *clen;
 * NAMES_BAD_CHAR and 1 for NUL or a byte that starts no valid UTF-8
 * character */
unsigned names_char(const char *s, size_t *clen);

/* names_is_alpha - whether c is a letter (g_unichar_isalpha) */
int names_is_alpha(unsigned c);

/* names_is_letter - whether c is a letter or a combining mark, as a word's
 * characters are; 0 for NAMES_BAD_CHAR */
int names_is_letter(unsigned c);

/* names_is_upper - whether c is a capital or a title-case letter
 * (g_unichar_isupper or g_unichar_istitle) */
int names_is_upper(unsigned c);

/* names_to_lower - the lower-case letter of c (g_unichar_tolower) */
unsigned names_to_lower(unsigned c);

/* names_lower - word[0..len) (up to a NUL) lower-cased exactly as
 * g_utf8_strdown does it; a new string: g_free it */
char *names_lower(const char *word, size_t len);

#endif
