/*
 * roles.c - the role of each person a text names and the birth date written
 * next to it (see derive.h), from the words around the person.
 *
 * A role word (обвиняемого, в отношении, суддзя, председательствующий,
 * следователь, адвокат, свидетель, the accused, Judge...) in any case and in
 * Russian, Belarusian or English gives the person its role when it stands
 * before the person, within ROLE_BEFORE words (BARE_BEFORE for a bare
 * surname, which is as often a place: "г. Минска"; one right after "г.",
 * "уроженца", "in" is a place and has none), in the same sentence
 * and with no other person in between (the nearest wins: "защитник обвиняемого
 * Иванова" makes Иванова the accused), or right after it ("Иванов С.Н.,
 * обвиняемый", "Петров признать виновным"). A person with no role word of
 * its own that follows another with only a comma or "и", "і", "and"
 * between takes its role (a list of accused or witnesses; a bare surname
 * only after a comma, a semicolon or such a word); one still
 * without a role (but a bare surname) is the accused when its name stands in a verdict's
 * operative part (within OPERATIVE_WORDS after ПРИГОВОРИЛ, ПРЫГАВАРЫЎ),
 * else "other". OCR's Latin letters inside Cyrillic words
 * (сyдья) are read as the Cyrillic ones they look like.
 *
 * The birth date is the first one fields/ calls a birth date between the
 * person's first word and the next person, at most BIRTH_BYTES after the
 * person ("Иванов С.Н., 12.03.1986 г.р.", "родившийся 12 марта 1986 года").
 *
 * Functions: derive_roles, derive_role_word, derive_role_name,
 * derive_role_parse.
 */
#include "derive/derive_int.h"

#include <string.h>

#define ROLE_BEFORE 12 /* "следователь по особо важным делам ... Республики Беларусь Петров" */
#define BARE_BEFORE 2 /* for a bare surname: "судья Петров", "свидетеля гражданина Жука" */
#define BIRTH_BYTES 160
#define NAME_WORDS 5       /* words of one person at most */
#define OPERATIVE_WORDS 60 /* how far a verdict's operative part reaches */

/* The roles' names, in the order of derive_role. */
static const char *const role_names[] = {
    "other", "accused",    "victim",       "witness",        "lawyer",
    "judge", "prosecutor", "investigator", "other_official",
};

/* Beginnings of lower-cased role words; the first that fits decides, so a
 * prosecutor's "обвинител" comes before the accused's "обвин". */
static const struct {
    const char *stem;
    derive_role role;
} role_words[] = {
    {"председательствующ", DERIVE_ROLE_JUDGE},
    {"старшынствуюч", DERIVE_ROLE_JUDGE},
    {"судья", DERIVE_ROLE_JUDGE},
    {"судьи", DERIVE_ROLE_JUDGE},
    {"судье", DERIVE_ROLE_JUDGE},
    {"судьей", DERIVE_ROLE_JUDGE},
    {"судьёй", DERIVE_ROLE_JUDGE},
    {"суддз", DERIVE_ROLE_JUDGE},
    {"judge", DERIVE_ROLE_JUDGE},
    {"presiding", DERIVE_ROLE_JUDGE},
    {"прокурор", DERIVE_ROLE_PROSECUTOR},
    {"пракурор", DERIVE_ROLE_PROSECUTOR},
    {"гособвинител", DERIVE_ROLE_PROSECUTOR},
    {"обвинител", DERIVE_ROLE_PROSECUTOR},
    {"абвінаваўц", DERIVE_ROLE_PROSECUTOR},
    {"prosecutor", DERIVE_ROLE_PROSECUTOR},
    {"следовател", DERIVE_ROLE_INVESTIGATOR},
    {"следчы", DERIVE_ROLE_INVESTIGATOR},
    {"следчаг", DERIVE_ROLE_INVESTIGATOR},
    {"следчам", DERIVE_ROLE_INVESTIGATOR},
    {"следчым", DERIVE_ROLE_INVESTIGATOR},
    {"дознавател", DERIVE_ROLE_INVESTIGATOR},
    {"дазнаваўц", DERIVE_ROLE_INVESTIGATOR},
    {"investigator", DERIVE_ROLE_INVESTIGATOR},
    {"адвокат", DERIVE_ROLE_LAWYER},
    {"адвакат", DERIVE_ROLE_LAWYER},
    {"защитник", DERIVE_ROLE_LAWYER},
    {"абаронц", DERIVE_ROLE_LAWYER},
    {"lawyer", DERIVE_ROLE_LAWYER},
    {"counsel", DERIVE_ROLE_LAWYER},
    {"attorney", DERIVE_ROLE_LAWYER},
    {"потерпевш", DERIVE_ROLE_VICTIM},
    {"пацярпел", DERIVE_ROLE_VICTIM},
    {"victim", DERIVE_ROLE_VICTIM},
    {"пострадавш", DERIVE_ROLE_VICTIM},
    {"избит", DERIVE_ROLE_VICTIM}, /* "Семёнов А.В. был избит": not избил */
    {"збіт", DERIVE_ROLE_VICTIM},
    {"свидетел", DERIVE_ROLE_WITNESS},
    {"сведк", DERIVE_ROLE_WITNESS},
    {"сведак", DERIVE_ROLE_WITNESS},
    {"понят", DERIVE_ROLE_WITNESS},
    {"witness", DERIVE_ROLE_WITNESS},
    {"секретар", DERIVE_ROLE_OTHER_OFFICIAL},
    {"сакратар", DERIVE_ROLE_OTHER_OFFICIAL},
    {"пристав", DERIVE_ROLE_OTHER_OFFICIAL},
    {"оперуполномоч", DERIVE_ROLE_OTHER_OFFICIAL},
    {"оперупаўнаважан", DERIVE_ROLE_OTHER_OFFICIAL},
    {"инспектор", DERIVE_ROLE_OTHER_OFFICIAL},
    {"інспектар", DERIVE_ROLE_OTHER_OFFICIAL},
    {"начальник", DERIVE_ROLE_OTHER_OFFICIAL},
    {"clerk", DERIVE_ROLE_OTHER_OFFICIAL},
    {"secretary", DERIVE_ROLE_OTHER_OFFICIAL},
    {"bailiff", DERIVE_ROLE_OTHER_OFFICIAL},
    {"обвиняем", DERIVE_ROLE_ACCUSED},
    {"обвиняет", DERIVE_ROLE_ACCUSED},
    {"обвинен", DERIVE_ROLE_ACCUSED},
    {"обвинён", DERIVE_ROLE_ACCUSED},
    {"осужд", DERIVE_ROLE_ACCUSED},
    {"осуждён", DERIVE_ROLE_ACCUSED},
    {"подсудим", DERIVE_ROLE_ACCUSED},
    {"подозреваем", DERIVE_ROLE_ACCUSED},
    {"абвінавач", DERIVE_ROLE_ACCUSED},
    {"асуджан", DERIVE_ROLE_ACCUSED},
    {"падсудн", DERIVE_ROLE_ACCUSED},
    {"падазраван", DERIVE_ROLE_ACCUSED},
    {"отношении", DERIVE_ROLE_ACCUSED},
    {"адносінах", DERIVE_ROLE_ACCUSED},
    {"виновн", DERIVE_ROLE_ACCUSED},
    {"вінават", DERIVE_ROLE_ACCUSED},
    {"розыск", DERIVE_ROLE_ACCUSED},
    {"вышук", DERIVE_ROLE_ACCUSED},
    {"accused", DERIVE_ROLE_ACCUSED},
    {"defendant", DERIVE_ROLE_ACCUSED},
    {"convicted", DERIVE_ROLE_ACCUSED},
    {"sentenced", DERIVE_ROLE_ACCUSED},
    {"suspect", DERIVE_ROLE_ACCUSED},
};

/* Words before a bare surname that make it a place ("уроженца г. Гродно",
 * "in Minsk"), and words that may stand between a person and its role
 * word after it
 * ("Иванов был осужден", "Петрова признать виновной", "Ivanou was
 * sentenced"), and words that join a list of persons. */
static const char *const linking[] = {"был", "была", "быў", "признать", "прызнаць", "was",
                                      "is",  "were", "are", "объявлен", "the"};
static const char *const place_before[] = {
    "г",         "гор",       "город",    "города",   "городе",   "горад",     "горада",
    "горадзе",   "пос",       "п",        "д",        "в",        "у",         "деревни",
    "вёскі",     "уроженец",  "уроженца", "уроженка", "уроженки", "ураджэнец", "ураджэнца",
    "ураджэнка", "ураджэнкі", "района",   "раёна",    "области",  "вобласці",  "обл",
    "in",        "from",      "near",
};
static const char *const clause[] = {"что", "што", "that", "which", "who", "як", "как"};
static const char *const joining[] = {"и", "і", "а", "также", "and", "та"};

/* Latin letters OCR puts inside Cyrillic words, and the Cyrillic ones
 * they stand for. */
static const char latin_alike[] = "aceopxykmtbh";
static const char *const cyrillic_alike[] = {"а", "с", "е", "о", "р", "х",
                                             "у", "к", "м", "т", "в", "н"};

/* derive_role_name - the role's JSON name */
const char *derive_role_name(derive_role r)
{
    return (unsigned)r < G_N_ELEMENTS(role_names) ? role_names[r] : role_names[0];
}

/* derive_role_parse - the role a JSON name stands for; -1 for none */
int derive_role_parse(const char *name)
{
    for (size_t i = 0; name != NULL && i < G_N_ELEMENTS(role_names); i++)
        if (strcmp(name, role_names[i]) == 0)
            return (int)i;
    return -1;
}

/* lower_word - the word lower-cased, Latin look-alikes inside a Cyrillic
 * word read as Cyrillic (g_free it) */
static char *lower_word(const char *word, size_t len)
{
    char *lower = names_lower(word, len);
    int cyrillic = 0;
    for (const char *c = lower; *c; c = g_utf8_next_char(c))
        cyrillic |= g_unichar_get_script(g_utf8_get_char(c)) == G_UNICODE_SCRIPT_CYRILLIC;
    if (!cyrillic)
        return lower;
    GString *s = g_string_new(NULL);
    for (const char *c = lower; *c; c++) {
        const char *alike = *c != '\0' ? strchr(latin_alike, *c) : NULL;
        if (alike != NULL)
            g_string_append(s, cyrillic_alike[alike - latin_alike]);
        else
            g_string_append_c(s, *c);
    }
    g_free(lower);
    return g_string_free(s, FALSE);
}

/* in_list - whether the lower-cased word is one of list's */
static int in_list(const char *lower, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(lower, list[i]) == 0)
            return 1;
    return 0;
}

/* role_of - the role a lower-cased word gives, DERIVE_ROLE_OTHER for none */
static derive_role role_of(const char *lower)
{
    for (size_t i = 0; i < G_N_ELEMENTS(role_words); i++)
        if (derive_has_prefix(lower, role_words[i].stem))
            return role_words[i].role;
    return DERIVE_ROLE_OTHER;
}

/* derive_role_word - the role a word gives the person next to it,
 * DERIVE_ROLE_OTHER for none */
derive_role derive_role_word(const char *word, size_t len)
{
    char *lower = lower_word(word, len);
    derive_role r = role_of(lower);
    g_free(lower);
    return r;
}

/* The words of a text, lower-cased, with what they are. */
typedef struct {
    names_word w;
    char *lower;
    derive_role role;
} role_word;

/* sentence_ends - whether a sentence ends between words a and b (a < b):
 * a full stop, "!", "?" or ";" after a word of four letters or more */
static int sentence_ends(const char *text, const role_word *a, const role_word *b)
{
    if (g_utf8_strlen(a->lower, -1) < 4)
        return 0;
    for (size_t i = a->w.start + a->w.len; i < b->w.start; i++)
        if (strchr(".!?;", text[i]) != NULL)
            return 1;
    return 0;
}

/* ends_clause - a word the role before it does not reach past: что, that,
 * or a verb in the past tense ("свидетель показала: Андрея Жука знаю",
 * "свидетель показал: ...", "сведка паказаў: ..."), but a noun's
 * genitive in -ела, -ола (следователь отдела, протокола) */
static int ends_clause(const role_word *w)
{
    static const char *const past[] = {"ла", "ли", "ло", "лся", "лась", "лось", "ал", "ял",
                                       "ил", "ыл", "аў", "яў",  "іў",   "ыў",   "лі"};
    static const char *const nouns[] = {"ела", "ола"}; /* отдела, протокола */
    if (in_list(w->lower, clause, G_N_ELEMENTS(clause)))
        return 1;
    if ((w->w.flags & NAMES_CAPITAL) || g_utf8_strlen(w->lower, -1) < 6)
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(nouns); i++)
        if (g_str_has_suffix(w->lower, nouns[i]))
            return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(past); i++)
        if (g_str_has_suffix(w->lower, past[i]))
            return 1;
    return 0;
}

/* role_before - the role word nearest before word first, back to word
 * stop (exclusive, -1 for the text's start), in the same sentence, at most
 * reach words away */
static derive_role role_before(const char *text, const role_word *ws, long first, long stop,
                               long reach)
{
    for (long i = first - 1; i > stop && first - i <= reach; i--) {
        if (sentence_ends(text, &ws[i], &ws[i + 1]))
            return DERIVE_ROLE_OTHER;
        if (ws[i].role != DERIVE_ROLE_OTHER)
            return ws[i].role;
        if (ends_clause(&ws[i]))
            return DERIVE_ROLE_OTHER;
    }
    return DERIVE_ROLE_OTHER;
}

/* stop_between - whether a full stop, "!", "?" or ";" stands between words
 * a and b but an initial's own full stop */
static int stop_between(const char *text, const role_word *a, const role_word *b)
{
    for (size_t i = a->w.start + a->w.len; i < b->w.start; i++)
        if (strchr(".!?;", text[i]) != NULL &&
            !(a->w.flags & NAMES_INITIAL && i == a->w.start + a->w.len))
            return 1;
    return 0;
}

/* role_after - a lower-case role word right after word last, or after one
 * linking word, in the same sentence ("Иванов С.Н., обвиняемый", not "УК.
 * Свидетель"); after a bare surname only past a linking word ("Ivanou was
 * sentenced", not "Гродно, обвиняемого") */
static derive_role role_after(const char *text, const role_word *ws, long last, long nw, int bare)
{
    for (long i = last + 1; i < nw && i <= last + 2; i++) {
        if (stop_between(text, &ws[i - 1], &ws[i]) || (ws[i].w.flags & NAMES_CAPITAL))
            return DERIVE_ROLE_OTHER;
        if (ws[i].role != DERIVE_ROLE_OTHER && (!bare || i == last + 2))
            return ws[i].role;
        if (!in_list(ws[i].lower, linking, G_N_ELEMENTS(linking)))
            return DERIVE_ROLE_OTHER;
    }
    return DERIVE_ROLE_OTHER;
}

/* joined - whether only a comma, a semicolon or a joining word stands
 * between words a and b (a list: "Иванова, Петрова и Сидорова"), within
 * one paragraph */
static int joined(const char *text, const role_word *ws, long a, long b)
{
    for (long i = a + 1; i < b; i++)
        if (!in_list(ws[i].lower, joining, G_N_ELEMENTS(joining)))
            return 0;
    for (long i = a; i < b; i++) {
        int newlines = 0;
        for (size_t c = ws[i].w.start + ws[i].w.len; c < ws[i + 1].w.start; c++) {
            if (strchr(".!?:", text[c]) != NULL && !(ws[i].w.flags & NAMES_INITIAL))
                return 0;
            if ((newlines += text[c] == '\n') == 2)
                return 0; /* a blank line: a heading or a signature, no list */
        }
    }
    return 1;
}

/* separated - whether a comma, a semicolon or a joining word stands between
 * words a and b: a bare surname joins a list only so ("Иванова, Петрова и
 * Сидорова"), not one that merely follows on the next line ("Судья Руднев
 * А.С. / Подлинник подписан") */
static int separated(const char *text, const role_word *ws, long a, long b)
{
    if (b > a + 1)
        return 1; /* joined: only joining words stand between */
    for (size_t c = ws[a].w.start + ws[a].w.len; c < ws[b].w.start; c++)
        if (text[c] == ',' || text[c] == ';')
            return 1;
    return 0;
}

/* person_end - the index of a person's last word: name words from first on,
 * at most NAME_WORDS, before the next person's first word (limit) */
static long person_end(const role_word *ws, long first, long limit)
{
    long last = first;
    while (last + 1 < limit && last + 1 - first < NAME_WORDS &&
           (ws[last + 1].w.flags & (NAMES_CAPITAL | NAMES_INITIAL)) &&
           ws[last + 1].role == DERIVE_ROLE_OTHER)
        last++;
    return last;
}

/* is_bare - a surname and nothing else (Минска, УК, Петров): a role must
 * stand right next to it */
static int is_bare(const derive_person *p)
{
    return p->given[0][0] == '\0' && p->given_initials[0] == '\0' && p->patronymic[0] == '\0' &&
           p->patronymic_initials[0] == '\0';
}

/* find_born - the first birth date fields/ finds from byte from on, before
 * byte to */
static void find_born(const fields *f, const char *text, size_t from, size_t to, derive_person *p)
{
    char *window = g_strndup(text + from, to - from);
    fields_page *fp = fields_extract_dates(f, window);
    for (size_t i = 0; i < fp->ndates; i++)
        if (fp->dates[i].birth) {
            p->born = fp->dates[i];
            break;
        }
    fields_page_free(fp);
    g_free(window);
}

/* utf8_cut - the byte offset at or before at that starts a character */
static size_t utf8_cut(const char *text, size_t at)
{
    while (at > 0 && ((unsigned char)text[at] & 0xC0) == 0x80)
        at--;
    return at;
}

/* derive_roles - each person's role, then its birth date */
void derive_roles(const names *n, const fields *f, const char *text, const derive_words *all,
                  unsigned pos, derive_person *persons, size_t npersons)
{
    (void)n;
    if (text == NULL)
        return; /* no text, no persons to give roles */
    GArray *words = g_array_new(FALSE, FALSE, sizeof(role_word));
    long operative = -1;
    role_word rw;
    for (size_t i = 0; i < all->n; i++) {
        rw.w = all->w[i];
        rw.lower = lower_word(text + rw.w.start, rw.w.len);
        rw.role = role_of(rw.lower);
        if (operative < 0 &&
            (strcmp(rw.lower, "приговорил") == 0 || strcmp(rw.lower, "прыгаварыў") == 0))
            operative = (long)words->len;
        g_array_append_val(words, rw);
    }
    const role_word *ws = (const role_word *)(const void *)words->data;
    long nw = (long)words->len, prev_last = -1;
    derive_role prev_role = DERIVE_ROLE_OTHER;
    for (size_t k = 0; k < npersons; k++) {
        derive_person *p = &persons[k];
        long first = (long)p->pos - (long)pos - 1;
        if (first < 0 || first >= nw)
            continue;
        long limit = k + 1 < npersons ? (long)persons[k + 1].pos - (long)pos - 1 : nw;
        if (limit <= first || limit > nw)
            limit = nw;
        long last = person_end(ws, first, limit);
        int bare = is_bare(p);
        if (bare && first > 0 &&
            in_list(ws[first - 1].lower, place_before, G_N_ELEMENTS(place_before))) {
            p->role = DERIVE_ROLE_OTHER; /* a place, no one to stand between a role and
                                            its person ("Прокурор ... г. Минска Иванов") */
            continue;
        }
        derive_role r = role_before(text, ws, first, prev_last, bare ? BARE_BEFORE : ROLE_BEFORE);
        if (r == DERIVE_ROLE_OTHER)
            r = role_after(text, ws, last, nw, bare);
        if (r == DERIVE_ROLE_OTHER && prev_last >= 0 && joined(text, ws, prev_last, first) &&
            (!bare || separated(text, ws, prev_last, first)))
            r = prev_role;
        if (r == DERIVE_ROLE_OTHER && !bare && operative >= 0 && first > operative &&
            first - operative <= OPERATIVE_WORDS)
            r = DERIVE_ROLE_ACCUSED;
        p->role = r;
        size_t end = ws[last].w.start + ws[last].w.len;
        size_t to = limit < nw ? ws[limit].w.start : strlen(text);
        find_born(f, text, ws[first].w.start, utf8_cut(text, MIN(to, end + BIRTH_BYTES)), p);
        prev_last = last;
        prev_role = r;
    }
    for (guint i = 0; i < words->len; i++)
        g_free(g_array_index(words, role_word, i).lower);
    g_array_free(words, TRUE);
}
