/*
 * facts.c - the birthplace and the addresses a text writes next to a
 * person (see derive.h), as written.
 *
 * A birthplace follows "уроженец", "уроженки", "ураджэнец" (the place right
 * after), or "родившегося", "родилась", "нарадзіўся", "born" and then, within
 * LEAD_WORDS, "в", "ў", "у", "in" ("родившийся 12 марта 1986 года в г.
 * Бресте"). An address follows "зарегистрированный", "проживающего",
 * "зарэгістраваны", "пражываючы", "residing", "registered" and then, within
 * LEAD_WORDS, "по адресу", "па адрасе", "at" (or "в", "ў", "in" when a
 * capitalised word or a place's abbreviation follows). A court's
 * "расположенный по адресу" has no such word and gives no one an address.
 *
 * The place runs on over abbreviations' full stops (г., ул., д., кв.), over
 * commas when what follows is part of a place (a number, a capitalised word,
 * "ул.", "д.", "кв."; for a birthplace only a district or a region), and over
 * line breaks (a word broken by a hyphen is joined again), and over OCR's
 * ';' or ',' for an abbreviation's full stop ("г; Витебск", and "вг. Минск"
 * for "в г. Минск"); it ends at any
 * other full stop, a semicolon, a bracket, a blank line, the next person, or
 * DERIVE_PLACE_MAX (the next person: one with a role or a patronymic). It is the nearest person's before it, within
 * FACTS_BYTES of the person's first word and in the same sentence: in a list
 * of persons each with an address, each address is the one before it. A
 * lone capitalised word with no role (a street's "Ленина", "Гомеля") is no
 * person here: it neither ends a place nor takes one.
 *
 * Functions: derive_facts.
 */
#include "derive/derive_int.h"

#include <string.h>

#define FACTS_BYTES 320 /* from a person's first word to its fact's first word */
#define LEAD_WORDS 6    /* from the fact's word to "в", "по адресу" */

/* What a fact's word leads to. */
typedef enum {
    LEADS_PLACE,   /* the birthplace, right after the word */
    LEADS_BORN_IN, /* the birthplace, after "в", "ў", "in" */
    LEADS_ADDRESS  /* an address, after "по адресу", "в", "at" */
} leads;

/* Beginnings of lower-cased words that lead to a fact. */
static const struct {
    const char *stem;
    leads what;
} fact_words[] = {
    {"уроженец", LEADS_PLACE},          {"уроженц", LEADS_PLACE},
    {"уроженк", LEADS_PLACE},           {"ураджэн", LEADS_PLACE},
    {"native", LEADS_BORN_IN},          {"родивш", LEADS_BORN_IN},
    {"родил", LEADS_BORN_IN},           {"нарадзіў", LEADS_BORN_IN},
    {"нарадзіл", LEADS_BORN_IN},        {"born", LEADS_BORN_IN},
    {"зарегистрирован", LEADS_ADDRESS}, {"проживающ", LEADS_ADDRESS},
    {"проживает", LEADS_ADDRESS},       {"проживал", LEADS_ADDRESS},
    {"зарэгістраван", LEADS_ADDRESS},   {"пражываюч", LEADS_ADDRESS},
    {"пражывае", LEADS_ADDRESS},        {"residing", LEADS_ADDRESS},
    {"resides", LEADS_ADDRESS},         {"registered", LEADS_ADDRESS},
    {"living", LEADS_ADDRESS},
};

/* Words after which the place begins: "по адресу", "па адрасе", "at";
 * "в", "ў", "у", "in", "of" only before a capital or an abbreviation. */
static const char *const address_leads[] = {"адресу", "адрасе", "адрэсе", "at"};
static const char *const in_leads[] = {"в", "во", "ў", "у", "in", "of"};

/* "в г." that OCR read as one word: the place begins inside it, at "г". */
static const char *const joined_leads[] = {"вг", "ўг", "уг"};

/* Abbreviations a place's name or number follows: their full stop goes on. */
static const char *const leading_abbrs[] = {
    "г",  "гор", "д",   "дер",  "п",     "пос", "аг", "гп",  "рп", "с",
    "ул", "вул", "пр",  "пр-т", "просп", "пер", "пл", "б-р", "кв", "корп",
    "к",  "стр", "мкр", "м",    "вёс",   "в",   "st", "apt", "no",
};

/* Abbreviations that end a place's part ("Минского р-на", "обл."). */
static const char *const trailing_abbrs[] = {"обл", "р-на", "р-н", "р-не", "вобл", "р-ну"};

/* Words that go on a place after a comma (its next part). */
static const char *const part_words[] = {
    "ул",    "вул",    "д",     "дом",  "кв",  "квартира",  "корп",   "корпус",   "пр",
    "пр-т",  "просп",  "пер",   "пл",   "г",   "аг",        "п",      "пос",      "мкр",
    "улица", "вуліца", "house", "flat", "apt", "apartment", "street", "district", "region",
};

/* Words of a district or region: a birthplace goes on over a comma to them. */
static const char *const region_words[] = {"район", "р-н",  "р-на",     "обл",    "област",
                                           "раён",  "вобл", "district", "region", "oblast"};

/* One word of the text with its byte span and lower-cased form. */
typedef struct {
    names_word w;
    char *lower;
} fact_word;

/* in_list - whether word is one of list */
static int in_list(const char *word, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(word, list[i]) == 0)
            return 1;
    return 0;
}

/* starts_list - whether word begins with one of list */
static int starts_list(const char *word, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (derive_has_prefix(word, list[i]))
            return 1;
    return 0;
}

/* word_before - the lower-cased letters and hyphens right before byte at
 * (g_free) */
static char *word_before(const char *text, size_t from, size_t at)
{
    size_t s = at;
    while (s > from) {
        const char *prev = g_utf8_find_prev_char(text + from, text + s);
        if (prev == NULL || !(names_is_alpha(g_utf8_get_char(prev)) || *prev == '-'))
            break;
        s = (size_t)(prev - text);
    }
    return names_lower(text + s, (size_t)(at - s));
}

/* word_after - the lower-cased letters and hyphens from byte at, after
 * white space (g_free); *first gets the first character */
static char *word_after(const char *text, size_t at, size_t to, gunichar *first)
{
    while (at < to && g_ascii_isspace(text[at]))
        at++;
    size_t e = at;
    *first = at < to ? g_utf8_get_char(text + at) : 0;
    while (e < to && (names_is_alpha(g_utf8_get_char(text + e)) || text[e] == '-'))
        e = (size_t)(g_utf8_next_char(text + e) - text);
    return names_lower(text + at, (size_t)(e - at));
}

/* region_ahead - whether the part after a comma at byte at, up to the next
 * comma or full stop, names a district or region */
static int region_ahead(const char *text, size_t at, size_t to)
{
    int found = 0;
    while (!found && at < to && text[at] != ',' && text[at] != ';') {
        gunichar c;
        char *w = word_after(text, at, to, &c);
        found = w[0] != '\0' && starts_list(w, region_words, G_N_ELEMENTS(region_words));
        size_t len = strlen(w);
        g_free(w);
        while (at < to && g_ascii_isspace(text[at]))
            at++;
        at += len ? len : 1;
    }
    return found;
}

/* goes_on_comma - whether a place goes on over the comma at byte at */
static int goes_on_comma(const char *text, size_t at, size_t to, int birthplace)
{
    if (birthplace)
        return region_ahead(text, at + 1, to);
    gunichar c;
    char *w = word_after(text, at + 1, to, &c);
    int on = g_unichar_isdigit(c) || g_unichar_isupper(c) ||
             in_list(w, part_words, G_N_ELEMENTS(part_words));
    g_free(w);
    return on;
}

/* ocr_stop - whether the ';' or ',' at byte i is OCR's reading of an
 * abbreviation's full stop: right after one ("г; Витебск", "ул, Ленина")
 * and before a capital */
static int ocr_stop(const char *text, size_t at, size_t i, size_t to)
{
    char *w = word_before(text, at, i);
    int lead = in_list(w, leading_abbrs, G_N_ELEMENTS(leading_abbrs));
    g_free(w);
    gunichar first;
    char *next = word_after(text, i + 1, to, &first);
    g_free(next);
    return lead && g_unichar_isupper(first);
}

/* place_end - the byte where a place from byte at ends, at most to: see the
 * rules above */
static size_t place_end(const char *text, size_t at, size_t to, int birthplace)
{
    size_t i = at;
    while (i < to) {
        char c = text[i];
        if ((c == ';' || c == ',') && ocr_stop(text, at, i, to)) {
            i++; /* "г; Витебск": OCR's full stop */
            continue;
        }
        if (c == ';' || c == '(' || c == ')' || c == '"' || (unsigned char)c == 0xC2 /* « » */)
            break;
        if (c == '\n' && i + 1 < to && text[i + 1] == '\n')
            break;
        if (c == '.') {
            char *w = word_before(text, at, i);
            int lead = in_list(w, leading_abbrs, G_N_ELEMENTS(leading_abbrs));
            int trail = in_list(w, trailing_abbrs, G_N_ELEMENTS(trailing_abbrs));
            g_free(w);
            size_t next = i + 1;
            while (next < to && (text[next] == ' ' || text[next] == '\n'))
                next++;
            if (trail && (next >= to || text[next] != ','))
                return i + 1;
            if (!lead && !trail)
                break;
        }
        if (c == ',' && !goes_on_comma(text, i, to, birthplace))
            break;
        i++;
    }
    return i;
}

/* copy_place - text[from, to) as written into out: white space as one
 * space, a word broken by a hyphen at a line's end joined, no trailing
 * comma or space, cut at a character within DERIVE_PLACE_MAX */
static void copy_place(const char *text, size_t from, size_t to, char out[DERIVE_PLACE_MAX])
{
    size_t n = 0;
    for (size_t i = from; i < to && n + 1 < DERIVE_PLACE_MAX; i++) {
        if (text[i] == '-' && i + 1 < to && text[i + 1] == '\n' && i + 2 < to &&
            g_unichar_islower(g_utf8_get_char(text + i + 2))) {
            i++; /* "Ле-\nнина" */
            continue;
        }
        if (g_ascii_isspace(text[i])) {
            if (n > 0 && out[n - 1] != ' ')
                out[n++] = ' ';
            continue;
        }
        out[n++] = text[i];
    }
    while (n > 0 && !g_utf8_validate(out, (gssize)n, NULL))
        n--; /* a character cut by the limit */
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == ',' || out[n - 1] == ':'))
        n--;
    out[n] = '\0';
}

/* sentence_ends - whether a sentence ends in text[from, to): a full stop
 * after a word of three letters or more, before a capital */
static int sentence_ends(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (text[i] == '\n' && i + 1 < to && text[i + 1] == '\n')
            return 1;
        if (text[i] != '.' || i + 2 >= to || !g_ascii_isspace(text[i + 1]))
            continue;
        char *w = word_before(text, from, i);
        int word = g_utf8_strlen(w, -1) >= 3 &&
                   !in_list(w, trailing_abbrs, G_N_ELEMENTS(trailing_abbrs));
        g_free(w);
        size_t next = i + 1;
        while (next < to && g_ascii_isspace(text[next]))
            next++;
        if (word && next < to && g_unichar_isupper(g_utf8_get_char(text + next)))
            return 1;
    }
    return 0;
}

/* is_someone - a person who may take a fact and ends one: more than a lone
 * capitalised word, or one with a role */
static int is_someone(const derive_person *p)
{
    return p->role != DERIVE_ROLE_OTHER || p->given[0][0] != '\0' || p->given_initials[0] != '\0' ||
           p->patronymic[0] != '\0' || p->patronymic_initials[0] != '\0';
}

/* place_start - the index of the word a fact's place begins at, after the
 * fact word k leads there; -1 when none within LEAD_WORDS ("в" only before
 * a capital or an abbreviation, and for an address only right after) */
static long place_start(const fact_word *ws, long nw, long k, leads what)
{
    if (what == LEADS_PLACE)
        return k + 1 < nw ? k + 1 : -1;
    for (long j = k + 1; j + 1 < nw && j <= k + LEAD_WORDS; j++) {
        const char *w = ws[j].lower;
        int capital_next = (ws[j + 1].w.flags & NAMES_CAPITAL) ||
                           in_list(ws[j + 1].lower, leading_abbrs, G_N_ELEMENTS(leading_abbrs));
        if (what == LEADS_ADDRESS && in_list(w, address_leads, G_N_ELEMENTS(address_leads)))
            return j + 1;
        if (in_list(w, joined_leads, G_N_ELEMENTS(joined_leads)) &&
            (what != LEADS_ADDRESS || j <= k + 2))
            return j; /* "проживающая вг. Минск" */
        if (in_list(w, in_leads, G_N_ELEMENTS(in_leads)) && capital_next &&
            (what != LEADS_ADDRESS || j <= k + 2))
            return j + 1;
    }
    return -1;
}

/* owner - the person a fact whose word starts at byte at is about: the
 * last someone before it, near and in the same sentence; -1 for none */
static long owner(const char *text, const size_t *starts, const derive_person *persons, size_t n,
                  size_t at)
{
    long best = -1;
    for (size_t k = 0; k < n; k++)
        if (starts[k] < at && is_someone(&persons[k]))
            best = (long)k;
    if (best < 0 || at - starts[best] > FACTS_BYTES || sentence_ends(text, starts[best], at))
        return -1;
    return best;
}

/* next_someone - the first byte of the first person after byte at with a
 * role or a patronymic (a street's "Lenin Street" has neither), or to */
static size_t next_someone(const size_t *starts, const derive_person *persons, size_t n, size_t at,
                           size_t to)
{
    for (size_t k = 0; k < n; k++)
        if (starts[k] > at && starts[k] < to &&
            (persons[k].role != DERIVE_ROLE_OTHER || persons[k].patronymic[0] != '\0' ||
             persons[k].patronymic_initials[0] != '\0'))
            return starts[k];
    return to;
}

/* give - a place to person p as its birthplace or one more address */
static void give(derive_person *p, leads what, const char *place)
{
    if (place[0] == '\0')
        return;
    if (what != LEADS_ADDRESS) {
        if (p->born_place[0] == '\0')
            g_strlcpy(p->born_place, place, DERIVE_PLACE_MAX);
        return;
    }
    for (size_t i = 0; i < DERIVE_ADDRESSES; i++) {
        if (strcmp(p->addresses[i], place) == 0)
            return;
        if (p->addresses[i][0] == '\0') {
            g_strlcpy(p->addresses[i], place, DERIVE_PLACE_MAX);
            return;
        }
    }
}

/* fact_of - what a lower-cased word leads to; -1 for nothing */
static int fact_of(const char *lower)
{
    for (size_t i = 0; i < G_N_ELEMENTS(fact_words); i++)
        if (derive_has_prefix(lower, fact_words[i].stem))
            return (int)fact_words[i].what;
    return -1;
}

/* has_fact_word - whether a fact word's stem stands anywhere in text: most
 * pages have none, and need no word-by-word reading */
static int has_fact_word(const char *text)
{
    char *lower = g_utf8_strdown(text, -1);
    int found = 0;
    for (size_t i = 0; !found && i < G_N_ELEMENTS(fact_words); i++)
        found = strstr(lower, fact_words[i].stem) != NULL;
    g_free(lower);
    return found;
}

/* derive_facts - each fact word's place, given to its person */
void derive_facts(const char *text, const derive_words *all, unsigned pos, derive_person *persons,
                  size_t n)
{
    if (text == NULL || n == 0 || !g_utf8_validate(text, -1, NULL) || !has_fact_word(text))
        return; /* OCR writes UTF-8; bytes that are not have no places */
    GArray *words = g_array_new(FALSE, FALSE, sizeof(fact_word));
    fact_word fw;
    size_t len = strlen(text);
    for (size_t i = 0; i < all->n; i++) {
        fw.w = all->w[i];
        fw.lower = names_lower(text + fw.w.start, fw.w.len);
        g_array_append_val(words, fw);
    }
    const fact_word *ws = (const fact_word *)(const void *)words->data;
    long nw = (long)words->len;
    size_t *starts = g_new0(size_t, n);
    for (size_t k = 0; k < n; k++) {
        long i = (long)persons[k].pos - (long)pos - 1;
        starts[k] = i >= 0 && i < nw ? ws[i].w.start : len;
    }
    for (long k = 0; k < nw; k++) {
        int what = fact_of(ws[k].lower);
        long first = what < 0 ? -1 : place_start(ws, nw, k, (leads)what);
        long who = first < 0 ? -1 : owner(text, starts, persons, n, ws[k].w.start);
        if (who < 0)
            continue;
        size_t from = ws[first - 1].w.start + ws[first - 1].w.len; /* "at 5 Lenin Street" */
        if (in_list(ws[first].lower, joined_leads, G_N_ELEMENTS(joined_leads)))
            from = (size_t)(g_utf8_next_char(text + ws[first].w.start) - text); /* "вг." */
        while (from < len && (g_ascii_isspace(text[from]) || text[from] == ':'))
            from++;
        size_t limit = next_someone(starts, persons, n, from,
                                    MIN(len, from + 2 * (size_t)DERIVE_PLACE_MAX));
        size_t end = place_end(text, from, limit, what != LEADS_ADDRESS);
        char place[DERIVE_PLACE_MAX];
        copy_place(text, from, end, place);
        give(&persons[who], (leads)what, place);
    }
    g_free(starts);
    for (guint i = 0; i < words->len; i++)
        g_free(g_array_index(words, fact_word, i).lower);
    g_array_free(words, TRUE);
}
