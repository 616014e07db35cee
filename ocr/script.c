/*
 * script.c - after recognition: every word in one script, Latin or Cyrillic.
 *
 * With Cyrillic and Latin models loaded together, tesseract mixes the two
 * scripts' look-alike letters inside a word: "а lot" with a Cyrillic а,
 * "Іvanou" with a Cyrillic І, "Мінcк" with a Latin c. Such a word is found by
 * no search in either script. The rule, per word (a run of letters):
 *
 *  - a word holding letters of both scripts is made all of its majority
 *    script, when every minority letter has a look-alike there (А/A, В/B,
 *    С/C, Е/E, Н/H, І/I, К/K, М/M, О/O, Р/P, Т/T, Х/X, У/Y and the small
 *    ones); a tie goes to the script of the neighbouring words, and without
 *    one the word stays as read;
 *  - a short word (up to 3 letters) made only of look-alikes of one script, between
 *    two words of the other script on its line, takes their script ("а" in
 *    "a lot of а house", "В" in "Мінск В Гродна" stays: its neighbours are
 *    Cyrillic);
 *  - a letter without a look-alike (Belarusian ў, Polish ł) is never
 *    changed, so a Belarusian word with і and ў stays as it is, and a Latin
 *    letter is made Cyrillic only inside a Cyrillic word or between Cyrillic
 *    words, never elsewhere.
 *
 * script_plausible tells a word that is plausible text from what tesseract
 * reads into pictures: a number, or two letters or more all of one script.
 *
 * Functions: ocr_script_consistent, script_plausible.
 */
#include "ocr/ocr_private.h"

#include "common/xalloc.h"

#include <glib.h>
#include <string.h>

/* Latin letter, its Cyrillic look-alike. */
static const gunichar look_alikes[][2] = {
    {'A', 0x0410}, {'B', 0x0412}, {'C', 0x0421}, {'E', 0x0415}, {'H', 0x041D}, {'I', 0x0406},
    {'K', 0x041A}, {'M', 0x041C}, {'O', 0x041E}, {'P', 0x0420}, {'T', 0x0422}, {'X', 0x0425},
    {'Y', 0x0423}, {'a', 0x0430}, {'c', 0x0441}, {'e', 0x0435}, {'i', 0x0456}, {'o', 0x043E},
    {'p', 0x0440}, {'x', 0x0445}, {'y', 0x0443},
};

/* Only words this short are read in their neighbours' script: tesseract
 * misreads short words whole ("а" for "a", "В" for "B"); a longer word of
 * look-alikes between words of the other script is more likely meant. */
#define SHORT_WORD 3

typedef enum { SCRIPT_NONE, SCRIPT_LATIN, SCRIPT_CYRILLIC } script;

/* script_of - the script of one letter (SCRIPT_NONE for digits, signs, others) */
static script script_of(gunichar c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7))
        return SCRIPT_LATIN;
    if (c >= 0x0400 && c <= 0x04FF)
        return SCRIPT_CYRILLIC;
    return SCRIPT_NONE;
}

/* counterpart - the look-alike of c in script `to`, 0 when there is none */
static gunichar counterpart(gunichar c, script to)
{
    for (size_t i = 0; i < G_N_ELEMENTS(look_alikes); i++) {
        if (to == SCRIPT_CYRILLIC && look_alikes[i][0] == c)
            return look_alikes[i][1];
        if (to == SCRIPT_LATIN && look_alikes[i][1] == c)
            return look_alikes[i][0];
    }
    return 0;
}

/* A word of the text: its letters as code points, where it lies. */
typedef struct {
    gunichar *letters;
    glong n;
    int latin, cyrillic; /* letters of each script */
    script own;          /* its script: the one of all its letters, else NONE */
    int line;            /* which line of the text it is on */
} word;

/* split - the text's words (runs of letters and marks), *n of them (g_free each) */
static word *split(const gunichar *text, glong len, glong **starts, size_t *n)
{
    GArray *words = g_array_new(FALSE, TRUE, sizeof(word));
    GArray *at = g_array_new(FALSE, FALSE, sizeof(glong));
    int line = 0;
    for (glong i = 0; i < len;) {
        if (text[i] == '\n')
            line++;
        if (!g_unichar_isalpha(text[i])) {
            i++;
            continue;
        }
        word w = {.line = line};
        glong start = i;
        while (i < len && (g_unichar_isalpha(text[i]) || g_unichar_ismark(text[i])))
            i++;
        w.n = i - start;
        w.letters = g_memdup2(text + start, (gsize)w.n * sizeof(gunichar));
        for (glong k = 0; k < w.n; k++) {
            script s = script_of(w.letters[k]);
            w.latin += s == SCRIPT_LATIN;
            w.cyrillic += s == SCRIPT_CYRILLIC;
        }
        w.own = w.latin && !w.cyrillic   ? SCRIPT_LATIN
                : w.cyrillic && !w.latin ? SCRIPT_CYRILLIC
                                         : SCRIPT_NONE;
        g_array_append_val(words, w);
        g_array_append_val(at, start);
    }
    *n = words->len;
    *starts = (glong *)(void *)g_array_free(at, FALSE);
    return (word *)(void *)g_array_free(words, FALSE);
}

/* convert - every letter of w not of script `to` to its look-alike there;
 * false (w unchanged) when one has none */
static bool convert(word *w, script to)
{
    for (glong k = 0; k < w->n; k++) {
        script s = script_of(w->letters[k]);
        if (s != SCRIPT_NONE && s != to && counterpart(w->letters[k], to) == 0)
            return false;
    }
    for (glong k = 0; k < w->n; k++) {
        script s = script_of(w->letters[k]);
        if (s != SCRIPT_NONE && s != to)
            w->letters[k] = counterpart(w->letters[k], to);
    }
    return true;
}

/* neighbours - the script both neighbouring words on w's line share
 * (SCRIPT_NONE when they differ, are mixed or missing) */
static script neighbours(const word *words, size_t n, size_t i)
{
    if (i == 0 || i + 1 >= n || words[i - 1].line != words[i].line ||
        words[i + 1].line != words[i].line)
        return SCRIPT_NONE;
    script a = words[i - 1].own, b = words[i + 1].own;
    return a == b ? a : SCRIPT_NONE;
}

/* settle - the script word i should be in, SCRIPT_NONE to leave it */
static script settle(const word *words, size_t n, size_t i)
{
    const word *w = &words[i];
    script around = neighbours(words, n, i);
    if (w->latin && w->cyrillic) {
        if (w->latin != w->cyrillic)
            return w->latin > w->cyrillic ? SCRIPT_LATIN : SCRIPT_CYRILLIC;
        return around;
    }
    if (w->n <= SHORT_WORD && w->own != SCRIPT_NONE && around != SCRIPT_NONE && around != w->own)
        return around;
    return SCRIPT_NONE;
}

/* ocr_script_consistent - each word in one script (see the header comment) */
char *ocr_script_consistent(const char *text)
{
    glong len = 0;
    gunichar *u = g_utf8_to_ucs4(text, -1, NULL, &len, NULL);
    if (u == NULL)
        return xstrdup(text);
    glong *starts = NULL;
    size_t n = 0;
    word *words = split(u, len, &starts, &n);
    /* decide on the words as read, then change them: a decision never
     * depends on a neighbour this pass has changed */
    script *to = g_new0(script, n + 1);
    for (size_t i = 0; i < n; i++)
        to[i] = settle(words, n, i);
    for (size_t i = 0; i < n; i++) {
        if (to[i] != SCRIPT_NONE && convert(&words[i], to[i]))
            memcpy(u + starts[i], words[i].letters, (size_t)words[i].n * sizeof(gunichar));
        g_free(words[i].letters);
    }
    char *utf8 = g_ucs4_to_utf8(u, len, NULL, NULL, NULL);
    char *out = xstrdup(utf8 ? utf8 : text);
    g_free(utf8);
    g_free(to);
    g_free(words);
    g_free(starts);
    g_free(u);
    return out;
}

/* script_plausible - letters and digits of a plausible word (a number, or
 * at least two letters all Latin or all Cyrillic), its letters added to
 * *latin or *cyrillic; 0 for anything else (lone letters, look-alikes of
 * both scripts, letters of other scripts among signs) */
long script_plausible(const char *text, int *latin, int *cyrillic)
{
    int lat = 0, cyr = 0, other = 0, digits = 0;
    if (!g_utf8_validate(text, -1, NULL))
        return 0;
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        script s = script_of(c);
        lat += s == SCRIPT_LATIN;
        cyr += s == SCRIPT_CYRILLIC;
        digits += g_unichar_isdigit(c);
        other += s == SCRIPT_NONE && g_unichar_isalpha(c);
    }
    int letters = lat + cyr + other;
    bool plausible = letters == 0 ? digits > 0 : letters >= 2 && (lat == letters || cyr == letters);
    if (!plausible)
        return 0;
    *latin += lat;
    *cyrillic += cyr;
    return letters + digits;
}
