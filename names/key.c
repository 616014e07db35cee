/*
 * key.c - name keys: endings stripped, patronymics and given names mapped
 * through the table; and the table itself.
 *
 * Stripping works on the transliterated key, so that a Russian, Belarusian,
 * Polish or Latin form loses the same ending: a final vowel (Иванова,
 * Іванову, Ivanova), -ым/-ом/-ем/-ам (Ивановым, Сергеем), -ого/-ага
 * (Ковальского, Кавальскага) — each only while the rest keeps enough
 * consonants to stay a name — and a fleeting vowel before a final ц or л
 * (Кравец/Кравца, Павел/Павла). What is stripped from a query word is also
 * stripped from the words of documents, so two forms match exactly when
 * their keys are equal; the cost is that some different names fall together
 * (Иванов and Иванова always do). The given-name table maps every member of
 * a line to the key of its first name, and is checked when it is built: a
 * key claimed by two lines is a mistake in the data, reported as an error.
 *
 * A word starting with Ё whose key without the iotation is a name of the
 * table is read as that name: OCR puts dots on Е (Ёлена for Елена).
 *
 * The table's lines under "# Women" are women's names, those under "# Men"
 * men's: names_given_sex reads the sex there.
 *
 * Functions: names_new, names_free, names_key, names_key_variant,
 * names_key_alternate, names_initials, names_initials_across, names_is_given, names_is_patronymic,
 * names_patronymic_sex, names_given_sex, names_stem, names_consonants,
 * names_vowel.
 */
#include "names/names.h"
#include "names/names_int.h"
#include "common/error.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* The table's text, generated from names/given_names.txt by meson. */
extern const char names_given_data[];

struct names {
    GHashTable *canonical;          /* key of a member -> key of its line's first name */
    GHashTable *initials;           /* key of a first name -> initials of its line's members */
    GHashTable *female;             /* keys of the first names of women's lines */
    unsigned char across[128][128]; /* [a][b]: a and b begin forms of one name */
};

/* names_vowel - one of the vowel classes a, i, u */
int names_vowel(char c)
{
    return c == 'a' || c == 'i' || c == 'u';
}

/* names_consonants - symbols that are not vowels */
size_t names_consonants(const char *key, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += !names_vowel(key[i]);
    return n;
}

/* has_vowel - whether the first len symbols hold a vowel */
static int has_vowel(const char *key, size_t len)
{
    return names_consonants(key, len) < len;
}

/* ends - whether the key's first len bytes end with suffix */
static int ends(const char *key, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(key + len - n, suffix, n) == 0;
}

/* names_stem - strip endings while enough of the word is left */
void names_stem(char *key)
{
    size_t len = strlen(key);
    for (;;) {
        if (len >= 3 && names_vowel(key[len - 1]) && names_consonants(key, len - 1) >= 1)
            len -= 1; /* -а -у -ы -е -ой -ий ... */
        else if (len >= 3 && key[len - 1] == 'm' && names_vowel(key[len - 2]) &&
                 names_consonants(key, len - 2) >= 2)
            len -= 2; /* -ым -ом -ем -ами */
        else if (ends(key, len, "ag") && len >= 3 && !names_vowel(key[len - 3]) &&
                 names_consonants(key, len - 2) >= 2)
            len -= 2; /* -ого -его -ага */
        else
            break;
    }
    /* A fleeting vowel before a final ц or л, when another vowel remains. */
    if (len >= 4 && (key[len - 1] == 't' || key[len - 1] == 'l') && names_vowel(key[len - 2]) &&
        !names_vowel(key[len - 3]) && has_vowel(key, len - 3)) {
        key[len - 2] = key[len - 1];
        len--;
    }
    key[len] = '\0';
}

/* plain_key - transliterated and stemmed, without the table; 0 if none;
 * other_ch: the other reading of a Latin "ch" (names_translit_ch) */
static size_t plain_key(const char *word, size_t len, char out[NAMES_KEY_MAX], int other_ch)
{
    if (names_translit_ch(word, len, out, NAMES_KEY_MAX, other_ch) == 0)
        return 0;
    names_stem(out);
    return strlen(out);
}

/* stem_is_patronymic - a stemmed key ending in -ович/-евич/-овна/-евна */
static int stem_is_patronymic(const char *key)
{
    size_t len = strlen(key);
    return (ends(key, len, "avic") && names_consonants(key, len - 4) >= 1) ||
           (ends(key, len, "avn") && names_consonants(key, len - 3) >= 1);
}

/* names_patronymic_sex - -вна (any case) a woman's, -вич a man's */
names_sex names_patronymic_sex(const char *word, size_t len)
{
    char key[NAMES_KEY_MAX];
    if (word == NULL || plain_key(word, len, key, 0) == 0 || !stem_is_patronymic(key))
        return NAMES_SEX_UNKNOWN;
    return ends(key, strlen(key), "avn") ? NAMES_SEX_FEMALE : NAMES_SEX_MALE;
}

/* names_is_patronymic - names_key gives patronymics the ending "vic" */
int names_is_patronymic(const char *key)
{
    size_t len = key ? strlen(key) : 0;
    return len > 3 && ends(key, len, "vic");
}

/* letters - how many letters the first len bytes of word have */
static size_t letters(const char *word, size_t len)
{
    size_t n = 0;
    for (const char *p = word; p < word + len && *p; p = g_utf8_next_char(p))
        n += names_is_alpha(g_utf8_get_char(p)) != 0;
    return n;
}

/* map - the table's key for key, or key itself */
static const char *map(const names *n, const char *key)
{
    const char *to = n ? g_hash_table_lookup(n->canonical, key) : NULL;
    return to ? to : key;
}

/* starts_with_yo - whether the word starts with Ё or ё */
static int starts_with_yo(const char *word)
{
    return strncmp(word, "Ё", strlen("Ё")) == 0 || strncmp(word, "ё", strlen("ё")) == 0;
}

/* key_of - plain key; a patronymic becomes its father's name's key + "vic" */
static size_t key_of(const names *n, const char *word, size_t len, char out[NAMES_KEY_MAX],
                     int other_ch)
{
    char key[NAMES_KEY_MAX];
    if (word == NULL || plain_key(word, len, key, other_ch) == 0 || letters(word, len) < 2 ||
        names_consonants(key, strlen(key)) == 0) {
        out[0] = '\0';
        return 0;
    }
    if (stem_is_patronymic(key)) {
        size_t klen = strlen(key);
        key[klen - (ends(key, klen, "avic") ? 3 : 2)] = '\0'; /* keep the linking vowel */
        names_stem(key);
        if (snprintf(out, NAMES_KEY_MAX, "%svic", map(n, key)) >= NAMES_KEY_MAX) {
            out[0] = '\0';
            return 0;
        }
        return strlen(out);
    }
    if (key[0] == 'y' && starts_with_yo(word) && n != NULL &&
        g_hash_table_contains(n->canonical, key + 1))
        memmove(key, key + 1, strlen(key)); /* OCR's Ёлена for Елена */
    snprintf(out, NAMES_KEY_MAX, "%s", map(n, key));
    return strlen(out);
}

/* names_key - the key, "ch" read as the word's letters suggest */
size_t names_key(const names *n, const char *word, size_t len, char out[NAMES_KEY_MAX])
{
    return key_of(n, word, len, out, 0);
}

/* names_key_variant - the key with the other reading of "ch" */
size_t names_key_variant(const names *n, const char *word, size_t len, char out[NAMES_KEY_MAX])
{
    return key_of(n, word, len, out, 1);
}

/* dative_ending - whether the word ends in the vowel of a dative or
 * locative that follows an alternated consonant (Вользе, руцэ, кніжцы,
 * Oldze, Volzie) */
static int dative_ending(const char *word, size_t len)
{
    if (word == NULL || len == 0 || !g_utf8_validate(word, (gssize)len, NULL))
        return 0;
    gunichar last = names_to_lower(g_utf8_get_char(g_utf8_find_prev_char(word, word + len)));
    return last == 0x435 || last == 0x44D || last == 0x456 || last == 0x44B || last == 'e' ||
           last == 'i' || last == 'y'; /* е э і ы (кніжцы) */
}

/* names_key_alternate - the last consonant of the stem alternated back:
 * з (and Polish dz) to г, ц to к, с to х */
size_t names_key_alternate(const names *n, const char *word, size_t len, char out[NAMES_KEY_MAX])
{
    static const char from[] = "ztds", to[] = "gkgx";
    char key[NAMES_KEY_MAX];
    out[0] = '\0';
    if (!dative_ending(word, len) || plain_key(word, len, key, 0) == 0 || letters(word, len) < 3)
        return 0;
    size_t klen = strlen(key);
    const char *at = strchr(from, key[klen - 1]);
    if (at == NULL || stem_is_patronymic(key))
        return 0;
    key[klen - 1] = to[at - from];
    names_stem(key); /* Сапега's -ага is stripped too */
    snprintf(out, NAMES_KEY_MAX, "%s", map(n, key));
    return strlen(out);
}

/* add_initial - add symbol c to the set s (at most 7) */
static void add_initial(char s[8], char c)
{
    size_t len = strlen(s);
    if (c != '\0' && strchr(s, c) == NULL && len < 7) {
        s[len] = c;
        s[len + 1] = '\0';
    }
}

/* names_initials - the key's first symbol, and those of the line's members
 * (for a patronymic, those of its father's name's line; for a dative such
 * as Вользе, those of its nominative's line) */
size_t names_initials(const names *n, const char *word, size_t len, char out[8])
{
    char key[NAMES_KEY_MAX];
    out[0] = '\0';
    add_initial(out, names_initial_symbol(word, len));
    size_t klen = names_key(n, word, len, key);
    if (names_is_patronymic(key)) /* Мікалаевіч: Мікалай's initials, Н too */
        key[klen - 3] = '\0';
    if (klen > 0 && n != NULL) {
        const char *more = g_hash_table_lookup(n->initials, key);
        char alt[NAMES_KEY_MAX];
        if (more == NULL && names_key_alternate(n, word, len, alt) > 0) /* Вользе: Вольга's */
            more = g_hash_table_lookup(n->initials, alt);
        for (; more && *more; more++)
            add_initial(out, *more);
    }
    return strlen(out);
}

/* names_is_given - the key is a line's first name's key */
int names_is_given(const names *n, const char *key)
{
    return n != NULL && key != NULL && g_hash_table_contains(n->initials, key);
}

/* names_initials_across - the same symbol, or the first symbols of two
 * forms of one name of the table */
int names_initials_across(const names *n, char a, char b)
{
    if (a == b)
        return a != '\0';
    return n != NULL && ((unsigned char)a | (unsigned char)b) < 0x80 &&
           n->across[(unsigned char)a][(unsigned char)b];
}

/* ends_in - whether a word's last letter (lower-cased) is one of letters
 * (UTF-8); a word that is no UTF-8 ends in all of them */
static int ends_in(const char *word, size_t len, const char *letters)
{
    if (len == 0 || !g_utf8_validate(word, (gssize)len, NULL))
        return 1;
    gunichar last = names_to_lower(g_utf8_get_char(g_utf8_find_prev_char(word, word + len)));
    char *s = g_ucs4_to_utf8(&last, 1, NULL, NULL, NULL);
    int in = s == NULL || strstr(letters, s) != NULL;
    g_free(s);
    return in;
}

/* names_given_sex - a woman's line, or a man's name in its nominative */
names_sex names_given_sex(const names *n, const char *word, size_t len, int nominative)
{
    char key[NAMES_KEY_MAX];
    if (n == NULL || names_key(n, word, len, key) == 0 || !names_is_given(n, key))
        return NAMES_SEX_UNKNOWN;
    if (g_hash_table_contains(n->female, key))
        return NAMES_SEX_FEMALE;
    int male = nominative ? !ends_in(word, len, "аяa") : !ends_in(word, len, "аеёиоуыэюяіaeiouy");
    return male ? NAMES_SEX_MALE : NAMES_SEX_UNKNOWN;
}

/* add_line - map every name of one line of the table to its first name */
static int add_line(names *n, char *line, int lineno, int women, char **err)
{
    char canon[NAMES_KEY_MAX] = "", key[NAMES_KEY_MAX];
    char initials[8] = "";
    for (char *save = NULL, *w = strtok_r(line, " \t,;", &save); w;
         w = strtok_r(NULL, " \t,;", &save)) {
        if (plain_key(w, strlen(w), key, 0) == 0)
            return dk_fail(err, "given-name table, line %d: \"%s\" gives no name key", lineno, w);
        if (canon[0] == '\0')
            memcpy(canon, key, sizeof canon);
        add_initial(initials, names_initial_symbol(w, strlen(w)));
        const char *had = g_hash_table_lookup(n->canonical, key);
        if (had != NULL && strcmp(had, canon) != 0)
            return dk_fail(err,
                           "given-name table, line %d: \"%s\" (key %s) already belongs "
                           "to the name with key %s",
                           lineno, w, key, had);
        g_hash_table_insert(n->canonical, g_strdup(key), g_strdup(canon));
    }
    if (canon[0] != '\0') {
        char *had = g_hash_table_lookup(n->initials, canon);
        char merged[8] = "";
        for (const char *p = had ? had : ""; *p; p++)
            add_initial(merged, *p);
        for (const char *p = initials; *p; p++)
            add_initial(merged, *p);
        g_hash_table_insert(n->initials, g_strdup(canon), g_strdup(merged));
        for (const char *a = merged; *a; a++)
            for (const char *b = merged; *b; b++)
                n->across[*a & 0x7f][*b & 0x7f] = 1;
        if (women)
            g_hash_table_add(n->female, g_strdup(canon));
    }
    return 0;
}

/* names_new - parse the compiled-in table line by line */
names *names_new(char **err)
{
    names *n = g_new0(names, 1);
    n->canonical = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    n->initials = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    n->female = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char **lines = g_strsplit(names_given_data, "\n", -1);
    int rc = 0, women = 0;
    for (int i = 0; rc == 0 && lines[i] != NULL; i++) {
        if (g_str_has_prefix(lines[i], "# Women") || g_str_has_prefix(lines[i], "# Men"))
            women = g_str_has_prefix(lines[i], "# Women");
        char *hash = strchr(lines[i], '#');
        if (hash != NULL)
            *hash = '\0';
        rc = add_line(n, lines[i], i + 1, women, err);
    }
    g_strfreev(lines);
    if (rc != 0) {
        names_free(n);
        return NULL;
    }
    return n;
}

/* names_free - free both tables */
void names_free(names *n)
{
    if (n == NULL)
        return;
    g_hash_table_destroy(n->canonical);
    g_hash_table_destroy(n->initials);
    g_hash_table_destroy(n->female);
    g_free(n);
}
