/*
 * persons.c - the persons a text names: its name words grouped into
 * mentions, one person each (see derive.h).
 *
 * The words of a text are read in runs: capitalised name words and initials
 * (also one whose full stop OCR lost before a comma or a line break:
 * "Пашкевич Е,") with nothing but spaces and line breaks between them. A comma, a
 * semicolon, a colon, brackets, quotes, a dash, digits, a full stop that
 * ends no initial, a lower-case word or a word that is no name (Суд, Он,
 * арт., a role word: Судья, Свидетель) end a run. Within a run each word takes a part of the current
 * person: a word of the given-name table the given name, a patronymic the
 * patronymic (-вна always; -вич, which may be a surname, only where a given
 * name stands before it and a surname is there or follows), an initial the
 * given name's initial and then the patronymic's, any other word the
 * surname, or the given name where the surname is there and a patronymic
 * follows (a name the table lacks: Ковалёва Ксения Олеговна). A part that is taken already starts the next person: "Новикова
 * Юлия Макарова Светлана" is two persons, and "Юлия Макарова" is neither.
 * A patronymic never stands for a surname.
 *
 * A run of two words neither of which is a given name, a patronymic or an
 * initial ("Serafim Ivanenka", a given name the table lacks) is read both
 * ways: two persons, each with one of the words as its surname.
 *
 * The sex of a person is read from its patronymic, its given name (a Latin
 * one read as a nominative: English does not decline Siarhei), a surname
 * declined as an adjective (Савицкую, Савицкого) and a
 * gendered word right before or after it (гражданка, обвиняемая, родилась,
 * абвінавачаны, or after it a verb in the past tense: приняла, показал);
 * where these disagree it stays unknown.
 *
 * Functions: derive_persons.
 */
#include "derive/derive_int.h"

#include <string.h>

/* What a word of a run may be. */
typedef enum {
    WORD_INITIAL,          /* С. */
    WORD_GIVEN,            /* Сергей, Ганны */
    WORD_PATRONYMIC,       /* Сергеевна, Мікалаеўны: a woman's patronymic */
    WORD_MAYBE_PATRONYMIC, /* -вич: Николаевич or Лукашэвіч */
    WORD_OTHER             /* a surname, if anything */
} word_kind;

/* One word of a run. */
typedef struct {
    word_kind kind;
    unsigned pos;
    unsigned flags;  /* the word's NAMES_* */
    int line_before; /* a line break between the word and the one before */
    char keys[DERIVE_PART_KEYS][NAMES_KEY_MAX];
    char initials[DERIVE_INITIALS_MAX];
    names_sex sex;
} run_word;

/* The person being read, with the position of its last word. */
typedef struct {
    derive_person p;
    unsigned last;
    int empty;
} reading;

/* Gendered words that stand right before or after a person, lower-cased. */
static const struct {
    const char *word;
    names_sex sex;
} gendered[] = {
    {"гражданин", NAMES_SEX_MALE},
    {"гражданина", NAMES_SEX_MALE},
    {"гражданину", NAMES_SEX_MALE},
    {"гражданка", NAMES_SEX_FEMALE},
    {"гражданки", NAMES_SEX_FEMALE},
    {"гражданке", NAMES_SEX_FEMALE},
    {"грамадзянін", NAMES_SEX_MALE},
    {"грамадзяніна", NAMES_SEX_MALE},
    {"грамадзянка", NAMES_SEX_FEMALE},
    {"грамадзянкі", NAMES_SEX_FEMALE},
    {"обвиняемый", NAMES_SEX_MALE},
    {"обвиняемого", NAMES_SEX_MALE},
    {"обвиняемая", NAMES_SEX_FEMALE},
    {"обвиняемой", NAMES_SEX_FEMALE},
    {"абвінавачаны", NAMES_SEX_MALE},
    {"абвінавачанага", NAMES_SEX_MALE},
    {"абвінавачаная", NAMES_SEX_FEMALE},
    {"абвінавачанай", NAMES_SEX_FEMALE},
    {"осужденный", NAMES_SEX_MALE},
    {"осужденная", NAMES_SEX_FEMALE},
    {"подозреваемый", NAMES_SEX_MALE},
    {"подозреваемая", NAMES_SEX_FEMALE},
    {"свидетельница", NAMES_SEX_FEMALE},
    {"потерпевшая", NAMES_SEX_FEMALE},
    {"потерпевший", NAMES_SEX_MALE},
    {"родился", NAMES_SEX_MALE},
    {"родилась", NAMES_SEX_FEMALE},
    {"нарадзіўся", NAMES_SEX_MALE},
    {"нарадзілася", NAMES_SEX_FEMALE},
    {"проживающий", NAMES_SEX_MALE},
    {"проживающая", NAMES_SEX_FEMALE},
    {"зарегистрированный", NAMES_SEX_MALE},
    {"зарегистрированная", NAMES_SEX_FEMALE},
};

/* Endings of the past tense of verbs, which say the sex of their subject
 * (приняла, показал, пояснила, прыняў); only for a lower-case word of five
 * letters or more right after a person. */
static const struct {
    const char *ending;
    names_sex sex;
} past_tense[] = {
    {"ла", NAMES_SEX_FEMALE}, {"лась", NAMES_SEX_FEMALE}, {"лася", NAMES_SEX_FEMALE},
    {"ал", NAMES_SEX_MALE},   {"ил", NAMES_SEX_MALE},     {"ял", NAMES_SEX_MALE},
    {"ался", NAMES_SEX_MALE}, {"ился", NAMES_SEX_MALE},   {"аў", NAMES_SEX_MALE},
    {"іў", NAMES_SEX_MALE},   {"яў", NAMES_SEX_MALE},
};

/* gendered_sex - the sex a gendered word shows, UNKNOWN for other words;
 * after: the word follows a person, where a verb's past tense says it too */
static names_sex gendered_sex(const char *word, size_t len, int after)
{
    char *lower = names_lower(word, len);
    names_sex sex = NAMES_SEX_UNKNOWN;
    for (size_t i = 0; sex == NAMES_SEX_UNKNOWN && i < G_N_ELEMENTS(gendered); i++)
        if (strcmp(lower, gendered[i].word) == 0)
            sex = gendered[i].sex;
    int verb = after && strlen(lower) == len && strncmp(lower, word, len) == 0 &&
               g_utf8_strlen(lower, -1) >= 5;
    for (size_t i = 0; verb && sex == NAMES_SEX_UNKNOWN && i < G_N_ELEMENTS(past_tense); i++)
        if (g_str_has_suffix(lower, past_tense[i].ending))
            sex = past_tense[i].sex;
    g_free(lower);
    return sex;
}

/* add_sex - what one more clue says: agreeing, new, or a contradiction
 * (which leaves the sex unknown for good, marked by the negative value) */
static int add_sex(int had, names_sex clue)
{
    if (clue == NAMES_SEX_UNKNOWN || had == (int)clue)
        return had;
    return had == NAMES_SEX_UNKNOWN ? (int)clue : -1;
}

/* breaks_run - whether the bytes between two words end a run: punctuation,
 * digits, a dash between spaces, a full stop (but the first one after an
 * initial, which is the initial's); not a line break, not even a blank
 * line, which OCR puts inside names ("Кірэева\n\nМікалая Сцяпанавіча") */
static int breaks_run(const char *gap, size_t len, int after_initial)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)gap[i];
        if (c == '.' && after_initial && i == 0)
            continue;
        if (strchr(".,;:()[]\"!?/", c) != NULL || g_ascii_isdigit(c))
            return 1;
        if (c == '-' && (i == 0 || g_ascii_isspace(gap[i - 1])))
            return 1;
        if (c >= 0x80 && (g_str_has_prefix(gap + i, "—") || g_str_has_prefix(gap + i, "–") ||
                          g_str_has_prefix(gap + i, "«") || g_str_has_prefix(gap + i, "»") ||
                          g_str_has_prefix(gap + i, "„") || g_str_has_prefix(gap + i, "“") ||
                          g_str_has_prefix(gap + i, "”") || g_str_has_prefix(gap + i, "№")))
            return 1;
    }
    return 0;
}

/* read_word - what a word may be in a person's name; 0 when it is no name
 * word (it then ends the run) */
static int read_word(const names *n, const char *text, const names_word *w, run_word *rw)
{
    const char *word = text + w->start;
    memset(rw->keys, 0, sizeof rw->keys);
    rw->sex = NAMES_SEX_UNKNOWN;
    if (w->flags & NAMES_INITIAL) {
        rw->kind = WORD_INITIAL;
        names_initials(n, word, w->len, rw->initials);
        return rw->initials[0] != '\0';
    }
    if (!names_indexable(text, w) || fields_is_role(word, w->len) ||
        derive_role_word(word, w->len) != DERIVE_ROLE_OTHER ||
        names_key(n, word, w->len, rw->keys[0]) == 0)
        return 0;
    names_key_alternate(n, word, w->len, rw->keys[1]);
    if (strcmp(rw->keys[0], rw->keys[1]) == 0)
        rw->keys[1][0] = '\0';
    names_initials(n, word, w->len, rw->initials);
    names_sex psex = names_patronymic_sex(word, w->len);
    if (psex == NAMES_SEX_FEMALE) {
        rw->kind = WORD_PATRONYMIC;
        rw->sex = NAMES_SEX_FEMALE;
    } else if (psex == NAMES_SEX_MALE) {
        rw->kind = WORD_MAYBE_PATRONYMIC;
    } else if (names_is_given(n, rw->keys[0]) || names_is_given(n, rw->keys[1])) {
        rw->kind = WORD_GIVEN;
        rw->sex = names_given_sex(n, word, w->len, (w->flags & NAMES_LATIN) != 0);
    } else {
        rw->kind = WORD_OTHER;
        rw->sex = names_adjective_surname_sex(word, w->len); /* Савицкую, Савицкого */
    }
    return 1;
}

/* lost_stop - an initial whose full stop OCR lost ("Пашкевич Е,", "Лужиной
 * И В,"): one capital letter right after a name word (after_name), with a
 * comma, a semicolon, a bracket, a line break, the end or another lone
 * capital letter right after it, which a preposition (В, К, О, С) never has */
static int lost_stop(const names *n, const char *text, const names_word *w, int after_name,
                     run_word *rw)
{
    size_t at = w->start + w->len;
    names_word next;
    const char *end = text + at;
    while (*end == ' ' || *end == '\t')
        end++;
    int before_letter = *end != '\0' && names_next_word(text, &at, &next) &&
                        text + next.start == end && (next.flags & NAMES_CAPITAL) &&
                        g_utf8_strlen(end, (gssize)next.len) == 1; /* "И В," */
    if (!after_name || !(w->flags & NAMES_CAPITAL) ||
        g_utf8_strlen(text + w->start, (gssize)w->len) != 1 ||
        (strchr(",;)\n\r", *end) == NULL && !before_letter))
        return 0;
    rw->kind = WORD_INITIAL;
    memset(rw->keys, 0, sizeof rw->keys);
    rw->sex = NAMES_SEX_UNKNOWN;
    return names_initials(n, text + w->start, w->len, rw->initials) > 0;
}

/* given_not_pronoun - a given name that is also a function word (Яна, the
 * Belarusian "she", and Ян's genitive) where only a name can be: after a
 * name word (after_name) and right before a patronymic ("Кравца Яна
 * Олеговича") */
static int given_not_pronoun(const names *n, const char *text, const names_word *w, int after_name,
                             run_word *rw)
{
    size_t at = w->start + w->len;
    names_word next;
    memset(rw->keys, 0, sizeof rw->keys);
    if (!after_name || !(w->flags & NAMES_CAPITAL) ||
        names_key(n, text + w->start, w->len, rw->keys[0]) == 0 ||
        !names_is_given(n, rw->keys[0]) || !names_next_word(text, &at, &next) ||
        names_patronymic_sex(text + next.start, next.len) == NAMES_SEX_UNKNOWN)
        return 0;
    rw->kind = WORD_GIVEN;
    rw->sex = names_given_sex(n, text + w->start, w->len, 0);
    return names_initials(n, text + w->start, w->len, rw->initials) > 0;
}

/* has_given - whether the person has a given name or its initial */
static int has_given(const derive_person *p)
{
    return p->given[0][0] != '\0' || p->given_initials[0] != '\0';
}

/* has_patronymic - whether the person has a patronymic or its initial */
static int has_patronymic(const derive_person *p)
{
    return p->patronymic[0] != '\0' || p->patronymic_initials[0] != '\0';
}

/* set_keys - copy a word's keys into a part */
static void set_keys(char dst[DERIVE_PART_KEYS][NAMES_KEY_MAX], const run_word *w)
{
    memcpy(dst, w->keys, sizeof w->keys);
}

/* take - give the word a part of person p; 0 when the part it would take is
 * taken (the word then starts the next person); next is the following word
 * of the run, NULL at its end */
static int take(derive_person *p, const run_word *w, const run_word *prev, const run_word *next)
{
    int surname = p->surname[0][0] != '\0';
    switch (w->kind) {
    case WORD_INITIAL:
        if (!has_given(p) && !has_patronymic(p)) {
            memcpy(p->given_initials, w->initials, sizeof p->given_initials);
            return 1;
        }
        if (!has_patronymic(p) && prev != NULL &&
            (prev->kind == WORD_INITIAL || prev->kind == WORD_GIVEN)) {
            memcpy(p->patronymic_initials, w->initials, sizeof p->patronymic_initials);
            return 1;
        }
        return 0;
    case WORD_GIVEN:
        if (!has_given(p) && !has_patronymic(p)) {
            set_keys(p->given, w);
            memcpy(p->given_initials, w->initials, sizeof p->given_initials);
            return 1;
        }
        if (surname)
            return 0;
        set_keys(p->surname, w);
        return 1;
    case WORD_MAYBE_PATRONYMIC:
        if (has_given(p) && !has_patronymic(p) &&
            (surname ||
             (next != NULL && (next->kind == WORD_OTHER || next->kind == WORD_MAYBE_PATRONYMIC)))) {
            memcpy(p->patronymic, w->keys[0], NAMES_KEY_MAX);
            memcpy(p->patronymic_initials, w->initials, sizeof p->patronymic_initials);
            return 1;
        }
        if (surname)
            return 0;
        set_keys(p->surname, w);
        return 1;
    case WORD_PATRONYMIC:
        if (has_patronymic(p))
            return 0;
        memcpy(p->patronymic, w->keys[0], NAMES_KEY_MAX);
        memcpy(p->patronymic_initials, w->initials, sizeof p->patronymic_initials);
        return 1;
    case WORD_OTHER:
        if (!surname) {
            set_keys(p->surname, w);
            return 1;
        }
        if (has_given(p) || has_patronymic(p) || next == NULL ||
            (next->kind != WORD_PATRONYMIC && next->kind != WORD_MAYBE_PATRONYMIC))
            return 0;
        set_keys(p->given, w); /* a given name the table lacks, before a patronymic */
        memcpy(p->given_initials, w->initials, sizeof p->given_initials);
        return 1;
    }
    return 0;
}

/* accused_between - whether a name mention from first to last is accused */
static int accused_between(const derive_mention *m, size_t n, unsigned first, unsigned last)
{
    for (size_t i = 0; i < n; i++)
        if (m[i].kind == DERIVE_NAME && m[i].accused && m[i].pos >= first && m[i].pos <= last)
            return 1;
    return 0;
}

/* A run being read: its words, the person being read, where persons go. */
typedef struct {
    GArray *words; /* run_word */
    const derive_mention *mentions;
    size_t nmentions;
    GArray *out;
    names_sex before;  /* a gendered word right before the run */
    int after_article; /* "the" right before the run */
    int cyrillic;      /* most of the text's letters are Cyrillic */
} run;

/* keep - add the person read to out if it names someone: a surname, or a
 * given name with a patronymic; sex is its clues' verdict */
static void keep(run *r, reading *cur, int sex)
{
    derive_person *p = &cur->p;
    if (!cur->empty &&
        (p->surname[0][0] != '\0' || (p->given[0][0] != '\0' && p->patronymic[0] != '\0'))) {
        p->sex = sex > 0 ? (names_sex)sex : NAMES_SEX_UNKNOWN;
        p->accused = accused_between(r->mentions, r->nmentions, p->pos, cur->last);
        g_array_append_val(r->out, *p);
    }
    memset(cur, 0, sizeof *cur);
    cur->empty = 1;
}

/* both_ways - whether the run is two words neither of which the tables
 * know ("Serafim Ivanenka": a given name the table lacks), read both ways;
 * not a pair split over two lines ("Regards" above a signature), in
 * capitals (a heading), after "the" ("the Criminal Code"), or in Latin
 * letters in a Cyrillic text (Volkswagen Passat): two words that say
 * nothing of a person besides their capitals */
static int both_ways(const run *r)
{
    const run_word *ws = (const run_word *)(const void *)r->words->data;
    if (r->words->len != 2 || ws[0].kind != WORD_OTHER || ws[1].kind != WORD_OTHER ||
        ws[1].line_before || r->after_article)
        return 0;
    unsigned both = ws[0].flags & ws[1].flags;
    return !(both & NAMES_UPPER) && !((both & NAMES_LATIN) && r->cyrillic);
}

/* keep_pair - a two-word run as surname and given name, both ways */
static void keep_pair(run *r, int sex)
{
    const run_word *ws = (const run_word *)(const void *)r->words->data;
    for (int first = 0; first < 2; first++) {
        reading cur = {.p.pos = ws[0].pos, .last = ws[1].pos};
        set_keys(cur.p.surname, &ws[first]);
        set_keys(cur.p.given, &ws[!first]);
        memcpy(cur.p.given_initials, ws[!first].initials, sizeof cur.p.given_initials);
        keep(r, &cur, sex);
    }
}

/* flush - the run's words into persons; after is a gendered word right
 * after the run */
static void flush(run *r, names_sex after)
{
    if (both_ways(r)) {
        keep_pair(r, add_sex(add_sex(NAMES_SEX_UNKNOWN, r->before), after));
        g_array_set_size(r->words, 0);
        r->before = NAMES_SEX_UNKNOWN;
        r->after_article = 0;
        return;
    }
    reading cur = {.empty = 1};
    int sex = add_sex(NAMES_SEX_UNKNOWN, r->before);
    run_word *ws = (run_word *)(void *)r->words->data;
    for (guint i = 0; i < r->words->len; i++) {
        const run_word *prev = i > 0 ? &ws[i - 1] : NULL;
        const run_word *next = i + 1 < r->words->len ? &ws[i + 1] : NULL;
        if (!cur.empty && !take(&cur.p, &ws[i], prev, next)) {
            keep(r, &cur, sex);
            sex = NAMES_SEX_UNKNOWN;
            prev = NULL;
        }
        if (cur.empty) {
            cur.empty = 0;
            cur.p.pos = ws[i].pos;
            take(&cur.p, &ws[i], prev, next);
        }
        cur.last = ws[i].pos;
        if (ws[i].kind == WORD_MAYBE_PATRONYMIC && cur.p.patronymic[0] != '\0' &&
            strcmp(cur.p.patronymic, ws[i].keys[0]) == 0)
            sex = add_sex(sex, NAMES_SEX_MALE);
        sex = add_sex(sex, ws[i].sex);
    }
    keep(r, &cur, add_sex(sex, after));
    g_array_set_size(r->words, 0);
    r->before = NAMES_SEX_UNKNOWN;
    r->after_article = 0;
}

/* mostly_cyrillic - whether most letters of text are Cyrillic; a byte that
 * starts no character is stepped over alone (never past the end: a cut
 * character's lead byte would make g_utf8_next_char jump over the NUL) */
static int mostly_cyrillic(const char *text)
{
    long balance = 0;
    for (const char *c = text; c != NULL && *c;) {
        gunichar u = g_utf8_get_char_validated(c, -1);
        if (u == (gunichar)-1 || u == (gunichar)-2) {
            c++;
            continue;
        }
        c = g_utf8_next_char(c);
        if (names_is_alpha(u))
            balance += g_unichar_get_script(u) == G_UNICODE_SCRIPT_CYRILLIC ? 1 : -1;
    }
    return balance > 0;
}

/* awaits_surname - whether the run has a given name or initials and no
 * word that may be a surname yet, so that the next word may be its surname
 * ("Анну\nКозловскую знаю", not "Тарасов Е.И.\nСанкционирую") */
static int awaits_surname(const run *r)
{
    for (guint i = 0; i < r->words->len; i++) {
        word_kind k = g_array_index(r->words, run_word, i).kind;
        if (k == WORD_OTHER || k == WORD_MAYBE_PATRONYMIC)
            return 0;
    }
    return r->words->len > 0;
}

/* city_abbreviation - "Г." before a word in capitals ("ПРОКУРАТУРА Г.
 * МИНСКА"): the abbreviation of город in a heading, no initial */
static int city_abbreviation(const char *text, const names_word *w)
{
    size_t at = w->start + w->len;
    names_word next;
    return (w->flags & NAMES_INITIAL) && g_str_has_prefix(text + w->start, "Г") &&
           names_next_word(text, &at, &next) && (next.flags & NAMES_UPPER);
}

/* is_word - whether the word is the lower-case ASCII word */
static int is_word(const char *text, const names_word *w, const char *word)
{
    return w->len == strlen(word) && g_ascii_strncasecmp(text + w->start, word, w->len) == 0;
}

/* derive_persons - word by word: a name word joins the run, anything else
 * (or a gap that breaks) flushes it */
void derive_persons(const names *n, const char *text, const derive_words *words, unsigned pos,
                    const derive_mention *mentions, size_t nmentions, GArray *out)
{
    run r = {g_array_new(FALSE, FALSE, sizeof(run_word)),
             mentions,
             nmentions,
             out,
             NAMES_SEX_UNKNOWN,
             0,
             mostly_cyrillic(text)};
    size_t prev_end = 0;
    int prev_initial = 0;
    for (size_t i = 0; text != NULL && i < words->n; i++) {
        names_word w = words->w[i];
        run_word rw = {.pos = ++pos,
                       .flags = w.flags,
                       .line_before = memchr(text + prev_end, '\n', w.start - prev_end) != NULL};
        if (breaks_run(text + prev_end, w.start - prev_end, prev_initial)) {
            if (r.words->len > 0)
                flush(&r, NAMES_SEX_UNKNOWN);
            r.before = NAMES_SEX_UNKNOWN; /* "обвиняемого — Иванова Анна": not hers */
        }
        prev_end = w.start + w.len;
        prev_initial = (w.flags & NAMES_INITIAL) != 0;
        int not_name = (!awaits_surname(&r) && derive_opens_with_verb(text, &w)) ||
                       derive_titles_role(text, &w) || city_abbreviation(text, &w);
        if (!not_name &&
            (read_word(n, text, &w, &rw) || lost_stop(n, text, &w, r.words->len > 0, &rw) ||
             given_not_pronoun(n, text, &w, r.words->len > 0, &rw))) {
            g_array_append_val(r.words, rw);
            continue;
        }
        if (r.words->len > 0)
            flush(&r, gendered_sex(text + w.start, w.len, 1));
        r.before = gendered_sex(text + w.start, w.len, 0);
        r.after_article = is_word(text, &w, "the");
    }
    if (r.words->len > 0)
        flush(&r, NAMES_SEX_UNKNOWN);
    g_array_free(r.words, TRUE);
}
