/*
 * translit.c - a word, in Cyrillic or Latin letters, as symbols of the name
 * key alphabet (described in names_int.h).
 *
 * A word is read as Cyrillic when most of its letters are Cyrillic, else as
 * Latin. OCR mixes look-alike letters into words ("Ceргей" with a Latin C),
 * so a look-alike from the other script is first read as the letter it looks
 * like. Latin spellings of one Cyrillic name differ by system (Siarhei,
 * Siarhiej, Sergey, Siergiej), so the Latin reader knows the digraphs of all
 * of them; the one real ambiguity, "ch" (ч in English, х in Polish and
 * Łacinka), is settled by the word's other letters.
 *
 * Functions: names_translit, names_translit_ch, names_initial_symbol.
 */
#include "names/names_int.h"

#include <glib.h>
#include <string.h>

/* The output being built; overflow is set when it did not fit. */
typedef struct {
    char *out;
    size_t size, len;
    int overflow;
} sink;

/* vowel_sym - whether a symbol is one of the vowel classes a, i, u */
static int vowel_sym(char c)
{
    return c == 'a' || c == 'i' || c == 'u';
}

/* put_vowel - append vowel class v; a run of vowels keeps its last one's
 * class (ия, ia, ея -> a; ей, ey, ij -> i; ю, iu -> u) */
static void put_vowel(sink *k, char v)
{
    if (k->len > 0 && vowel_sym(k->out[k->len - 1]))
        k->out[k->len - 1] = v;
    else if (k->len + 1 < k->size)
        k->out[k->len++] = v;
    else
        k->overflow = 1;
}

/* put - append consonant symbols s, merging a symbol equal to the last one */
static void put(sink *k, const char *s)
{
    for (; *s; s++) {
        if (k->len > 0 && k->out[k->len - 1] == *s)
            continue;
        if (k->len + 1 >= k->size) {
            k->overflow = 1;
            return;
        }
        k->out[k->len++] = *s;
    }
}

/* is_cyrillic - a Cyrillic letter (after lower-casing) */
static int is_cyrillic(gunichar c)
{
    return c >= 0x0400 && c <= 0x04FF;
}

/* latin_to_cyrillic - a Latin letter that looks like a Cyrillic one, as that
 * letter (0 if none) */
static gunichar latin_to_cyrillic(gunichar c)
{
    static const gunichar map[][2] = {
        {'a', 0x430}, {'b', 0x432}, {'c', 0x441}, {'e', 0x435}, {'h', 0x43D},
        {'i', 0x456}, {'k', 0x43A}, {'m', 0x43C}, {'o', 0x43E}, {'p', 0x440},
        {'t', 0x442}, {'x', 0x445}, {'y', 0x443},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
        if (map[i][0] == c)
            return map[i][1];
    return 0;
}

/* cyrillic_to_latin - a Cyrillic letter that looks like a Latin one, as that
 * letter (0 if none) */
static gunichar cyrillic_to_latin(gunichar c)
{
    static const gunichar map[][2] = {
        {0x430, 'a'}, {0x432, 'b'}, {0x435, 'e'}, {0x43A, 'k'}, {0x43C, 'm'},
        {0x43D, 'h'}, {0x43E, 'o'}, {0x440, 'p'}, {0x441, 'c'}, {0x442, 't'},
        {0x443, 'y'}, {0x445, 'x'}, {0x456, 'i'},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
        if (map[i][0] == c)
            return map[i][1];
    return 0;
}

/* latin_base - a Latin letter without diacritics, except those the reader
 * knows (č š ž ż ć ś ź ń ł ŭ), which are kept */
static gunichar latin_base(gunichar c)
{
    static const gunichar keep[] = {0x10D, 0x161, 0x17E, 0x17C, 0x107, 0x15B,
                                    0x17A, 0x144, 0x142, 0x16D, 0x13A, 0x13E};
    for (size_t i = 0; i < G_N_ELEMENTS(keep); i++)
        if (keep[i] == c)
            return c;
    gunichar d[4];
    if (c > 0x7F && g_unichar_fully_decompose(c, FALSE, d, 4) > 0 && d[0] < 0x80)
        return d[0];
    return c;
}

/* decode - the word's letters, lower-cased, look-alikes of the other script
 * replaced; *cyr says which script the word is read in. Returns the count,
 * 0 if there are no letters or too many. */
static size_t decode(const char *word, size_t len, gunichar *cp, int *cyr)
{
    size_t n = 0, ncyr = 0, nlat = 0;
    for (const char *p = word; p < word + len && *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char_validated(p, (gssize)(word + len - p));
        if (c == (gunichar)-1 || c == (gunichar)-2)
            return 0;
        if (!names_is_alpha(c))
            continue; /* apostrophes, combining marks */
        if (n == NAMES_WORD_MAX)
            return 0;
        c = names_to_lower(c);
        if (is_cyrillic(c))
            ncyr++;
        else
            nlat++;
        cp[n++] = c;
    }
    *cyr = ncyr >= nlat;
    for (size_t i = 0; i < n; i++) {
        gunichar other = *cyr ? (is_cyrillic(cp[i]) ? 0 : latin_to_cyrillic(latin_base(cp[i])))
                              : (is_cyrillic(cp[i]) ? cyrillic_to_latin(cp[i]) : 0);
        if (other != 0)
            cp[i] = other;
        else if (!*cyr)
            cp[i] = latin_base(cp[i]);
    }
    return n;
}

/* cyr_vowel - а е ё и і о у ы э ю я (й is a glide, see below) */
static int cyr_vowel(gunichar c)
{
    return c == 0x430 || c == 0x435 || c == 0x451 || c == 0x438 || c == 0x456 || c == 0x43E ||
           c == 0x443 || c == 0x44B || c == 0x44D || c == 0x44E || c == 0x44F || c == 0x457 ||
           c == 0x454;
}

/* cyr_class - the vowel class of а е ё о э я є (a), и і ы й ї (i), у ю (u) */
static char cyr_class(gunichar c)
{
    if (c == 0x438 || c == 0x456 || c == 0x44B || c == 0x439 || c == 0x457)
        return 'i';
    if (c == 0x443 || c == 0x44E)
        return 'u';
    return 'a';
}

/* cyr_consonant - the symbols of a Cyrillic consonant, NULL if c is none */
static const char *cyr_consonant(gunichar c)
{
    switch (c) {
    case 0x431: return "b"; /* б */
    case 0x432:
    case 0x45E: return "v"; /* в ў */
    case 0x433:
    case 0x491: return "g"; /* г ґ */
    case 0x434: return "d"; /* д */
    case 0x436: return "w"; /* ж */
    case 0x437: return "z"; /* з */
    case 0x43A: return "k"; /* к */
    case 0x43B: return "l"; /* л */
    case 0x43C: return "m"; /* м */
    case 0x43D: return "n"; /* н */
    case 0x43F: return "p"; /* п */
    case 0x440: return "r"; /* р */
    case 0x441: return "s"; /* с */
    case 0x442:
    case 0x446: return "t";  /* т ц */
    case 0x444: return "f";  /* ф */
    case 0x445: return "x";  /* х */
    case 0x447: return "c";  /* ч */
    case 0x448: return "q";  /* ш */
    case 0x449: return "qc"; /* щ */
    }
    return NULL;
}

/* read_cyrillic - the symbols of a Cyrillic word */
static void read_cyrillic(const gunichar *cp, size_t n, sink *k)
{
    for (size_t i = 0; i < n; i++) {
        gunichar c = cp[i], next = i + 1 < n ? cp[i + 1] : 0;
        gunichar prev = i > 0 ? cp[i - 1] : 0;
        if (i == 0 && (c == 0x44F || c == 0x44E || c == 0x451 || c == 0x439 || c == 0x457)) {
            put(k, "y"); /* я ю ё й ї at the start */
            if (c != 0x439)
                put_vowel(k, cyr_class(c));
            continue;
        }
        if (i == 0 && (c == 0x438 || c == 0x456) &&
            (next == 0x430 || next == 0x43E || next == 0x443)) {
            put(k, "y"); /* Иосиф, Іаан */
            continue;
        }
        if (c == 0x443 &&
            (prev == 0x430 || prev == 0x435 || prev == 0x43E || prev == 0x44D || prev == 0x44B ||
             prev == 0x44F || prev == 0x451) &&
            !cyr_vowel(next)) {
            put(k, "v"); /* Науменко = Навуменка */
            put_vowel(k, 'u');
            continue;
        }
        if (cyr_vowel(c) || c == 0x439) {
            put_vowel(k, cyr_class(c));
            continue;
        }
        if (c == 0x434 && next == 0x437) { /* дз = д */
            put(k, "d");
            i++;
            continue;
        }
        if (c == 0x434 && next == 0x436) { /* дж */
            put(k, "dw");
            i++;
            continue;
        }
        const char *s = cyr_consonant(c);
        if (s != NULL)
            put(k, s);
        /* ь ъ and letters of other alphabets give nothing */
    }
}

/* lat_vowel - a e i o u y (and j, a glide, is read like them) */
static int lat_vowel(gunichar c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 0x105 ||
           c == 0x119; /* ą ę */
}

/* polish_or_lacinka - whether the word has letters of Polish or Łacinka
 * spelling, in which "ch" is х rather than ч */
static int polish_or_lacinka(const gunichar *cp, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        gunichar c = cp[i];
        if (c == 'w' || c > 0x7F)
            return 1;
        if (i + 1 < n && (c == 'c' || c == 's' || c == 'r') && cp[i + 1] == 'z')
            return 1;
    }
    return 0;
}

/* Latin letter groups, longest first, with their symbols. */
static const struct {
    const char *letters;
    const char *sym;
} latin_groups[] = {
    {"shch", "qc"}, {"szcz", "qc"}, {"tsch", "c"}, {"sch", "q"}, {"tch", "c"}, {"dzh", "dw"},
    {"zh", "w"},    {"kh", "x"},    {"sh", "q"},   {"sz", "q"},  {"cz", "c"},  {"ts", "t"},
    {"tz", "t"},    {"dz", "d"},    {"ph", "f"},   {"th", "t"},  {"gh", "g"},
};

/* match_group - the index in latin_groups of the group at cp[i], -1 if none */
static int match_group(const gunichar *cp, size_t n, size_t i)
{
    for (size_t g = 0; g < G_N_ELEMENTS(latin_groups); g++) {
        const char *l = latin_groups[g].letters;
        size_t m = strlen(l), j = 0;
        while (j < m && i + j < n && cp[i + j] == (gunichar)l[j])
            j++;
        if (j == m)
            return (int)g;
    }
    return -1;
}

/* lat_letter - the symbols of one Latin consonant letter, NULL if none */
static const char *lat_letter(gunichar c)
{
    static const char plain[] = "bdfgklmnprstvz";
    static const char *const one[] = {"b", "d", "f", "g", "k", "l", "m",
                                      "n", "p", "r", "s", "t", "v", "z"};
    if (c < 0x80 && c != 0 && strchr(plain, (int)c) != NULL)
        return one[strchr(plain, (int)c) - plain];
    switch (c) {
    case 'w': return "v";
    case 'h': return "g"; /* Belarusian г: Siarhei, Hanna */
    case 'x': return "ks";
    case 'q': return "k";
    case 'c':
    case 0x107: return "t"; /* c ć = ц */
    case 0x10D: return "c"; /* č */
    case 0x161: return "q"; /* š */
    case 0x17E:
    case 0x17C: return "w"; /* ž ż */
    case 0x15B: return "s"; /* ś */
    case 0x17A: return "z"; /* ź */
    case 0x144: return "n"; /* ń */
    case 0x142:
    case 0x13A:
    case 0x13E: return "l"; /* ł ĺ ľ */
    case 0x16D: return "v"; /* ŭ */
    }
    return NULL;
}

/* has_ch - whether the letters hold "ch" */
static int has_ch(const gunichar *cp, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (cp[i] == 'c' && cp[i + 1] == 'h')
            return 1;
    return 0;
}

/* read_latin - the symbols of a Latin word; "ch" is х when ch_is_x */
static void read_latin(const gunichar *cp, size_t n, int ch_is_x, sink *k)
{
    for (size_t i = 0; i < n; i++) {
        gunichar c = cp[i], next = i + 1 < n ? cp[i + 1] : 0;
        gunichar prev = i > 0 ? cp[i - 1] : 0;
        if (i == 0 && (c == 'y' || c == 'j' || c == 'i') &&
            (next == 'a' || next == 'o' || next == 'u')) {
            put(k, "y"); /* Yauhen, Jury, Iosif */
            continue;
        }
        if (c == 'u' && (prev == 'a' || prev == 'e' || prev == 'o') && !lat_vowel(next)) {
            put(k, "v"); /* Ivanou = Іваноў */
            continue;
        }
        if (lat_vowel(c) || c == 'j') {
            put_vowel(k, c == 'i' || c == 'y' || c == 'j' ? 'i' : c == 'u' ? 'u' : 'a');
            continue;
        }
        if (c == 'c' && next == 'h') {
            put(k, ch_is_x ? "x" : "c");
            i++;
            continue;
        }
        if (c == 'd' && (next == 0x17E || next == 0x17C)) { /* dž dż */
            put(k, "dw");
            i++;
            continue;
        }
        if (c == 'd' && next == 0x17A) { /* dź */
            put(k, "d");
            i++;
            continue;
        }
        int g = match_group(cp, n, i);
        if (g >= 0) {
            put(k, latin_groups[g].sym);
            i += strlen(latin_groups[g].letters) - 1;
            continue;
        }
        const char *s = lat_letter(c);
        if (s != NULL)
            put(k, s);
    }
}

/* is_consonant - a consonant symbol (not a vowel class, not the end) */
static int is_consonant(char c)
{
    return c != '\0' && c != 'a' && c != 'i' && c != 'u';
}

/* merge_sounds - in place, the two sound changes between Russian and
 * Belarusian spelling that are letters apart: a hard л after a vowel and
 * before a consonant is ў in Belarusian (Волков = Ваўкоў: "alk" -> "avk"),
 * and в fills a gap between vowels (Науменко = Навуменка: "avum" -> "avm") */
static void merge_sounds(char *s)
{
    size_t out = 0;
    for (size_t i = 0; s[i] != '\0'; i++) {
        char c = s[i];
        int after_vowel = out > 0 && !is_consonant(s[out - 1]);
        if (c == 'l' && after_vowel && is_consonant(s[i + 1]))
            c = 'v';
        if (c == 'u' && out >= 2 && s[out - 1] == 'v' && !is_consonant(s[out - 2]) &&
            is_consonant(s[i + 1]))
            continue;
        if (out > 0 && s[out - 1] == c && is_consonant(c))
            continue;
        s[out++] = c;
    }
    s[out] = '\0';
}

/* names_initial_symbol - the key symbol of a word's initial: its first
 * symbol, but a vowel by its own letter (А. is not Е. or О.), since
 * initials keep the letter as written */
char names_initial_symbol(const char *word, size_t len)
{
    char raw[NAMES_KEY_MAX];
    if (names_translit(word, len, raw, sizeof raw) == 0)
        return '\0';
    gunichar cp[NAMES_WORD_MAX];
    int cyr = 0;
    size_t n = decode(word, len, cp, &cyr);
    int i_letter = n > 0 && cyr && (cp[0] == 0x438 || cp[0] == 0x456);
    if (is_consonant(raw[0]) && !i_letter) /* Иосиф is И. (not Ю.) */
        return raw[0];
    if (n == 0)
        return raw[0];
    gunichar first = (cp[0] == 'j' || cp[0] == 'y') && n > 1 ? cp[1] : cp[0]; /* Je, Ye: Е */
    switch (first) {
    case 0x43E:
    case 'o': return 'o'; /* о o */
    case 0x435:
    case 0x44D:
    case 0x451:
    case 0x454:
    case 'e': return 'e'; /* е э ё є e */
    case 0x438:
    case 0x456:
    case 0x44B:
    case 0x457:
    case 'i':
    case 'y': return 'i';
    case 0x443:
    case 'u': return 'u';
    }
    return 'a';
}

/* names_translit - decode, read in the word's script */
size_t names_translit(const char *word, size_t len, char *out, size_t size)
{
    return names_translit_ch(word, len, out, size, 0);
}

/* names_translit_ch - decode, read in the word's script; with other_ch a
 * Latin "ch" is read the other way than the word's letters suggest, and a
 * word without an unsettled "ch" gives nothing */
size_t names_translit_ch(const char *word, size_t len, char *out, size_t size, int other_ch)
{
    gunichar cp[NAMES_WORD_MAX];
    int cyr = 0;
    if (out == NULL || size == 0)
        return 0;
    out[0] = '\0';
    size_t n = decode(word, len, cp, &cyr);
    if (n == 0 || (other_ch && (cyr || !has_ch(cp, n) || polish_or_lacinka(cp, n))))
        return 0;
    sink k = {out, size, 0, 0};
    if (cyr)
        read_cyrillic(cp, n, &k);
    else
        read_latin(cp, n, other_ch || polish_or_lacinka(cp, n), &k);
    if (k.overflow) {
        out[0] = '\0';
        return 0;
    }
    out[k.len] = '\0';
    merge_sounds(out);
    return strlen(out);
}
