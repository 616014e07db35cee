/*
 * names_int.h - private to names/: the steps of a name key, shared by
 * translit.c (letters to phonetic symbols) and key.c (endings, table).
 *
 * The key alphabet (all lower-case ASCII, one byte per sound):
 *   a i u  a run of vowels, by the class of its last vowel: a for а е ё о э
 *      я (a e o), i for и і ы й (i y j), u for у ю (u). The classes are what
 *      Russian, Belarusian and their Latin spellings agree on: akanye turns
 *      о into а and е into я, never into и or у; "ia", "ie", "ya" are я and е
 *      after a soft consonant, so the last vowel of a run decides
 *   y  iotation at the start of a word (Я, Ю, Ё, Й; Ya, Ju, Ia...)
 *   b v g x d z w k l m n p r s t f c q   consonants, where
 *      v = в ў w ŭ (and Latin u after a, e, o: Ivanou; Cyrillic у after a
 *      vowel is vu: Науменко = Навуменка), g = г h, x = х kh, w = ж zh ž ż,
 *      t = т ц ts c ć, d = д дз dz, c = ч ch cz č, q = ш sh sz š,
 *      щ = qc, дж = dw, x (Latin) = ks
 * Equal neighbouring consonants are written once (Анна -> ana). Two sound
 * changes are undone: l after a vowel and before a consonant is v (Волков =
 * Ваўкоў), and "vu" between a vowel and a consonant is v (Науменко =
 * Навуменка = Naumenko).
 */
#ifndef DOKAZ_NAMES_INT_H
#define DOKAZ_NAMES_INT_H

#include <stddef.h>

#include "names/names.h"

/* Most code points a word may have to get a key. */
#define NAMES_WORD_MAX 48

/* names_translit - the phonetic symbols of a word, equal neighbours merged,
 * into out (NUL-terminated); returns the length, 0 if none or too long */
size_t names_translit(const char *word, size_t len, char *out, size_t size);

/* names_translit_ch - names_translit, but with other_ch a Latin word's "ch"
 * is read as х where the word's letters say ч (Michail is Łacinka, Mikhail
 * is not, and the word alone cannot tell); 0 for a word with no such "ch" */
size_t names_translit_ch(const char *word, size_t len, char *out, size_t size, int other_ch);

/* names_initial_symbol - the symbol an initial of this word is indexed by:
 * its first key symbol, a vowel by its letter (a e i o u) */
char names_initial_symbol(const char *word, size_t len);

/* names_stem - strip case endings and fleeting vowels from a transliterated
 * key in place (Ивановым -> Иванов, Павла -> Павел) */
void names_stem(char *key);

/* names_vowel - whether a key symbol is a vowel (a, i, u) */
int names_vowel(char c);

/* names_consonants - how many of the first len symbols of key are not vowels */
size_t names_consonants(const char *key, size_t len);

#endif
