/*
 * words.c - finding the words of a page that may be names.
 *
 * Names in court papers are capitalised, so a document gets name keys only
 * for capitalised words; lower-case words and the capitalised words every
 * paper has (Суд, Республики, Он at the start of a sentence) would only add
 * keys that match nothing a person is called, or worse, match a short name
 * (Анна and "Она" share a key). A single capital letter followed by a full
 * stop is an initial ("Иванову С.Н.").
 *
 * Functions: names_next_word, names_indexable, names_is_stopword.
 */
#include "names/names.h"

#include <glib.h>
#include <string.h>

/* Capitalised words that are never names, lower-cased. Russian, Belarusian,
 * English and Polish function words and the words of court papers' headings. */
static const char *const stopwords[] = {
    /* Russian */
    "а",
    "без",
    "был",
    "была",
    "были",
    "было",
    "в",
    "вам",
    "вас",
    "во",
    "все",
    "всё",
    "вы",
    "да",
    "для",
    "до",
    "его",
    "ее",
    "её",
    "ей",
    "ему",
    "если",
    "за",
    "и",
    "из",
    "или",
    "им",
    "их",
    "к",
    "как",
    "когда",
    "ко",
    "который",
    "которая",
    "которые",
    "мы",
    "на",
    "над",
    "нам",
    "не",
    "но",
    "о",
    "об",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "по",
    "под",
    "при",
    "про",
    "с",
    "со",
    "так",
    "также",
    "те",
    "то",
    "тот",
    "ты",
    "у",
    "что",
    "это",
    "этот",
    "эта",
    "эти",
    "я",
    "суд",
    "суда",
    "суду",
    "судом",
    "суде",
    "судья",
    "судьи",
    "республика",
    "республики",
    "беларусь",
    "беларуси",
    "приговор",
    "приговорил",
    "установил",
    "постановил",
    "определил",
    "именем",
    "уголовного",
    "уголовный",
    "кодекса",
    "кодекс",
    "статья",
    "статьи",
    "дело",
    "дела",
    "город",
    "города",
    "улица",
    "область",
    "области",
    "район",
    "района",
    "прокуратура",
    "прокурор",
    "генеральная",
    "следственный",
    "комитет",
    "управление",
    "отдел",
    "председательствующий",
    "секретарь",
    "защитник",
    "обвиняемый",
    "обвиняемого",
    "осужденный",
    "осужденного",
    "гражданин",
    "гражданина",
    "гражданки",
    "повестка",
    "постановление",
    "протокол",
    "извещение",
    "уведомление",
    "согласно",
    "руководствуясь",
    "вина",
    "срок",
    "судебное",
    "специального",
    "производства",
    /* Belarusian */
    "ад",
    "але",
    "аб",
    "быў",
    "гэта",
    "гэты",
    "ён",
    "іх",
    "пад",
    "па",
    "пра",
    "пры",
    "са",
    "так",
    "усе",
    "ці",
    "што",
    "як",
    "яго",
    "яе",
    "яна",
    "яно",
    "яны",
    "рэспублікі",
    "рэспубліка",
    "прысуд",
    "імем",
    "крымінальнага",
    "кодэкса",
    "артыкула",
    "справа",
    "справы",
    "горада",
    "вобласці",
    "раёна",
    "пракуратура",
    "пракурор",
    "паведамленне",
    "пастанова",
    "пратакол",
    "абвінавачаны",
    "грамадзянін",
    "суддзя",
    /* English and Polish */
    "the",
    "of",
    "and",
    "to",
    "in",
    "on",
    "for",
    "by",
    "with",
    "from",
    "at",
    "as",
    "is",
    "was",
    "dear",
    "court",
    "case",
    "article",
    "republic",
    "belarus",
    "mr",
    "mrs",
    "ms",
    "we",
    "he",
    "she",
    "they",
    "it",
    "this",
    "that",
    "sąd",
    "oraz",
    "nie",
    "jest",
    "się",
    "і",
    "з",
    "ў",
    "an",
    "a",
    "or",
    "i",
    "w",
    "z",
    "na",
    "do",
    "od",
    "po",
    "ze",
};

/* Abbreviations of court papers, lower-cased, that are no name when a full
 * stop follows: "арт." (артыкул) is not Артём, "ст." not Стась. */
static const char *const abbreviations[] = {
    "арт", "ст", "ч", "п", "г", "д", "кв", "ул", "гр", "обл", "тел", "пр", "пл", "им", "р-н",
};

/* is_apostrophe - ' ’ ʼ, which may stand inside a word (Вераб'ёў) */
static int is_apostrophe(unsigned c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* word_flags - capitals, initial, script of text[start..end) */
static unsigned word_flags(const char *text, size_t start, size_t end)
{
    size_t letters = 0, upper = 0, latin = 0, clen;
    int first_upper = 0, second_lower = 0;
    for (size_t i = start; i < end; i += clen) {
        unsigned c = names_char(text + i, &clen);
        if (!names_is_alpha(c))
            continue;
        int up = names_is_upper(c);
        if (letters == 0)
            first_upper = up;
        else if (letters == 1)
            second_lower = !up;
        letters++;
        upper += up;
        latin += c < 0x0250;
    }
    unsigned flags = 0;
    if (first_upper)
        flags |= NAMES_CAPITAL;
    if (letters >= 2 && upper == letters)
        flags |= NAMES_UPPER;
    if (latin * 2 > letters)
        flags |= NAMES_LATIN;
    /* С. or a Latin two-letter initial: Sh. Zh. Ch. Kh. Yu. Ya. */
    if (first_upper && text[end] == '.' &&
        (letters == 1 || (letters == 2 && second_lower && latin == 2)))
        flags |= NAMES_INITIAL;
    return flags;
}

/* names_next_word - skip to a letter, take letters and inner apostrophes */
int names_next_word(const char *text, size_t *pos, names_word *w)
{
    size_t i = *pos, clen;
    if (text == NULL)
        return 0;
    while (text[i] != '\0') {
        unsigned c = names_char(text + i, &clen);
        if (!names_is_letter(c)) {
            i += clen;
            continue;
        }
        int digit_before = i > 0 && g_ascii_isdigit(text[i - 1]);
        size_t start = i, end = i;
        while (text[end] != '\0') {
            unsigned d = names_char(text + end, &clen);
            if (names_is_letter(d)) {
                end += clen;
                continue;
            }
            size_t alen;
            if (is_apostrophe(d) && names_is_letter(names_char(text + end + clen, &alen))) {
                end += clen;
                continue;
            }
            break;
        }
        i = end;
        if (digit_before || g_ascii_isdigit(text[end])) {
            while (text[i] != '\0') { /* "2024г", "1а": a code, not a word */
                unsigned d = names_char(text + i, &clen);
                if (!names_is_letter(d) && !g_unichar_isdigit(d))
                    break;
                i += clen;
            }
            continue;
        }
        w->start = start;
        w->len = end - start;
        w->flags = word_flags(text, start, end);
        *pos = end;
        return 1;
    }
    *pos = i;
    return 0;
}

/* in_list - whether word is one of list[0..n) */
static int in_list(const char *word, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(word, list[i]) == 0)
            return 1;
    return 0;
}

/* is_stopword - whether the lower-cased word is one of stopwords: a set
 * built on first use and kept for the process, as every capitalised word of
 * a page is looked up in it */
static int is_stopword(const char *lower)
{
    static gsize built = 0;
    static GHashTable *set = NULL;
    if (g_once_init_enter(&built)) {
        set = g_hash_table_new(g_str_hash, g_str_equal);
        for (size_t i = 0; i < G_N_ELEMENTS(stopwords); i++)
            g_hash_table_add(set, (gpointer)stopwords[i]);
        g_once_init_leave(&built, 1);
    }
    return g_hash_table_contains(set, lower);
}

/* names_indexable - capitalised, two letters or more, not a stop word, not
 * an abbreviation with its full stop */
int names_indexable(const char *text, const names_word *w)
{
    if (!(w->flags & NAMES_CAPITAL) || (w->flags & NAMES_INITIAL))
        return 0;
    if (g_utf8_strlen(text + w->start, (gssize)w->len) < 2)
        return 0;
    char *lower = names_lower(text + w->start, w->len);
    int stop = is_stopword(lower) || (text[w->start + w->len] == '.' &&
                                      in_list(lower, abbreviations, G_N_ELEMENTS(abbreviations)));
    g_free(lower);
    return !stop;
}

/* names_is_stopword - lower-cased, looked up */
int names_is_stopword(const char *word, size_t len)
{
    char *lower = names_lower(word, len);
    int stop = is_stopword(lower);
    g_free(lower);
    return stop;
}
