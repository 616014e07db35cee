/*
 * test_derive_persons.c - a page's name words grouped into persons: lists
 * with and without commas, line breaks, initials before and after the
 * surname, two persons in one sentence, relatives sharing a surname,
 * Belarusian datives, Latin and Polish spellings, patronymics that are
 * never surnames, function words and court abbreviations that are no names,
 * and the sex read from patronymics, given names and the words around.
 *
 * A person is written as the test expects it with words, not keys:
 * "S=Иванова G=Сергея P=Николаевича m" (surname, given name, patronymic,
 * sex m, f or u), initials written as I=С (the given name's) and J=Н (the
 * patronymic's); the test turns the words into keys with names/ and
 * compares them with what derive_page found.
 */
#include "derive/derive.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PERSONS 4

/* The passages and the persons each names, in order. */
static const struct {
    const char *text;
    const char *persons[MAX_PERSONS];
} passages[] = {
    /* lists of attesting witnesses, with commas and without */
    {"понятые: Новикова Юлия Сергеевна, Макарова Светлана Петровна.",
     {"S=Новикова G=Юлия P=Сергеевна f", "S=Макарова G=Светлана P=Петровна f"}},
    {"понятые Новикова Юлия Макарова Светлана", {"S=Новикова G=Юлия f", "S=Макарова G=Светлана f"}},
    {"понятые Юлия Новикова Светлана Макарова", {"G=Юлия S=Новикова f", "G=Светлана S=Макарова f"}},
    {"Иванов С.Н., Петров П.П., Сидоров А.А.",
     {"S=Иванов I=С J=Н u", "S=Петров I=П J=П u", "S=Сидоров I=А J=А u"}},
    {"Иванов С.Н. Петров П.П.", {"S=Иванов I=С J=Н u", "S=Петров I=П J=П u"}},
    {"С.Н. Иванов и П.П. Петров", {"I=С J=Н S=Иванов u", "I=П J=П S=Петров u"}},
    {"свидетели Савченко Ада Игоревна и Савченко Андрей Игоревич",
     {"S=Савченко G=Ада P=Игоревна f", "S=Савченко G=Андрей P=Игоревич m"}},
    {"Іна Сокал, Ада Жук", {"G=Іна S=Сокал f", "G=Ада S=Жук f"}},
    /* the accused in a verdict, in the genitive, across a line break */
    {"в отношении Иванова Сергея Николаевича, 1986 года рождения",
     {"S=Иванова G=Сергея P=Николаевича m"}},
    {"в отношении Лукашевич\nВольги Александровны", {"S=Лукашевич G=Вольги P=Александровны f"}},
    {"обвиняемого Тихановского Сергея Леонидовича", {"S=Тихановского G=Сергея P=Леонидовича m"}},
    {"в отношении Мельник Ольги\nИвановны, 1990 г.р.", {"S=Мельник G=Ольги P=Ивановны f"}},
    {"заявление Ковалёвой Ксении Олеговны", {"S=Ковалёвой G=Ксении P=Олеговны f"}},
    {"допрос Новака Ивана Петровича", {"S=Новака G=Ивана P=Петровича m"}},
    /* initials after and before, split over a line */
    {"свидетель Петрова А.В. показала", {"S=Петрова I=А J=В f"}},
    {"судья И.И. Петров", {"I=И J=И S=Петров u"}},
    {"К.О. Ковалёва пояснила", {"I=К J=О S=Ковалёва f"}},
    {"подпись: Ковалёва\nК.О.", {"S=Ковалёва I=К J=О u"}},
    {"обвинителя Пашкевич Е,\nрассмотрев", {"S=Пашкевич I=Е u"}},
    {"обвинителя Лужиной И В,, рассмотрев", {"S=Лужиной I=И J=В u"}},
    {"в отношении Кравца Яна Олеговича, Новика Юрия",
     {"S=Кравца G=Яна P=Олеговича m", "S=Новика G=Юрия u"}},
    {"Яна пояснила, что Петров В пути не был", {"S=Петров u"}},
    {"Соколова Ёлена Петровна показала", {"S=Соколова G=Елена P=Петровна f"}},
    {"Сокалаў Язэп Пятровіч, 1966", {"S=Сокалаў G=Иосиф P=Пятровіч m"}},
    {"показания дал Шевчук Д.А., который", {"S=Шевчук I=Д J=А u"}},
    {"судьи Петрова И.И.\nсекретаря Сидоровой А.А.",
     {"S=Петрова I=И J=И u", "S=Сидоровой I=А J=А u"}},
    {"гражданка Тихановская С.Г.", {"S=Тихановская I=С J=Г f"}},
    {"Абвінавачаны Іваноў С.М.", {"S=Іваноў I=С J=М m"}},
    /* given name first, patronymic before a -вич surname */
    {"допрошен Сергей Иванов, проживающий", {"G=Сергей S=Иванов m"}},
    {"Сяргей Мікалаевіч Лукашэвіч", {"G=Сяргей P=Мікалаевіч S=Лукашэвіч m"}},
    {"Станислав Станиславович Шушкевич", {"G=Станислав P=Станиславович S=Шушкевич m"}},
    {"Шушкевич Станислав Станиславович", {"S=Шушкевич G=Станислав P=Станиславович m"}},
    {"свидетель Ян Новик пояснил", {"G=Ян S=Новик m"}},
    {"Серафим Иваненко", {"G=Серафим S=Иваненко m"}},
    /* relatives, two persons in one sentence */
    {"мать обвиняемого — Иванова Анна Петровна, отец — Иванов Пётр Сергеевич",
     {"S=Иванова G=Анна P=Петровна f", "S=Иванов G=Пётр P=Сергеевич m"}},
    {"Иванова Анна передала Петрову Сергею документы",
     {"S=Иванова G=Анна f", "S=Петрову G=Сергею u"}},
    {"Кротова Анна Васильевна и Ольга Кротова",
     {"S=Кротова G=Анна P=Васильевна f", "G=Ольга S=Кротова f"}},
    /* a patronymic is never a surname */
    {"дочь Анна Васильевна пояснила", {"G=Анна P=Васильевна f"}},
    /* Belarusian: a summons in the dative, a notice in the nominative */
    {"павестка: Лукашэвіч Вользе Аляксандраўне прапануецца",
     {"S=Лукашэвіч G=Вольга P=Аляксандраўна f"}},
    {"Іваноў Сяргей Мікалаевіч, абвінавачаны", {"S=Іваноў G=Сяргей P=Мікалаевіч m"}},
    {"Абвінавачаная Пашкевіч Алена Мікалаеўна", {"S=Пашкевіч G=Алена P=Мікалаеўна f"}},
    {"Tsikhanouskaya Sviatlana", {"S=Tsikhanouskaya G=Sviatlana f"}},
    /* Latin and Polish letters */
    {"Hanna Vasilevich and Ivan Vasilevich were",
     {"G=Hanna S=Vasilevich f", "G=Ivan S=Vasilevich m"}},
    {"the case of Siarhei Ivanou, sentenced", {"G=Siarhei S=Ivanou m"}},
    {"sprawa Siergieja Iwanowa", {"G=Siergieja S=Iwanowa u"}},
    {"Volha Lukashevich, Yazep Sakalou", {"G=Volha S=Lukashevich f", "G=Yazep S=Sakalou m"}},
    {"An Anna Smith", {"G=Anna S=Smith f"}},
    {"On behalf of Maryna Kaleśnikava", {"G=Maryna S=Kaleśnikava f"}},
    {"Serafim Ivanenka", {"G=Serafim S=Ivanenka m"}},
    /* function words and abbreviations are no names */
    {"згодна з Арт. 342 і Ст. 130", {NULL}},
    {"на основании ч. 1 ст. 342, п. 2 кв. 5 д. 7", {NULL}},
    {"К Иванову С.Н. претензий нет", {"S=Иванову I=С J=Н u"}},
    {"О Петрове И.И. сведений нет", {"S=Петрове I=И J=И u"}},
    {"В суд явилась Иванова", {"S=Иванова u"}},
    {"On the day Artsiom Ivanou came", {"G=Artsiom S=Ivanou m"}},
    /* verbs that open a line or sentence are no surnames (derive/verbs.c)... */
    {"Санкционирую: прокурор\tА.В. Мельников", {"I=А J=В S=Мельников u"}},
    {"Утверждаю\nНачальник отдела Гайдук О.Н.", {"S=Гайдук I=О J=Н u"}},
    {"Допросил следователь Тарасов\nЕ.И.", {"S=Тарасов I=Е J=И u"}},
    {"Извещаем, что Иванов С.Н. вызывается", {"S=Иванов I=С J=Н u"}},
    {"Паведамляем, што Лукашэвіч Вольга Аляксандраўна", {"S=Лукашэвіч G=Вольга P=Аляксандраўна f"}},
    /* ...but surnames with such endings stay persons: with initials, a given
     * name, not first in the sentence, or too short for such a verb */
    {"Гайдаю А.В. разъяснены права", {"S=Гайдаю I=А J=В u"}},
    {"Шаповал Виктор Юрьевич пояснил", {"S=Шаповал G=Виктор P=Юрьевич u"}},
    {"Шаповал пояснил, что", {"S=Шаповал m"}},
    {"права разъяснены Коновалу", {"S=Коновалу u"}},
    {"Кондратович Андрей Сергеевич. Разбежала Ирина Петровна пояснила",
     {"S=Кондратович G=Андрей P=Сергеевич m", "S=Разбежала G=Ирина P=Петровна f"}},
    /* words over a blank line are not read both ways (a lone word is
     * dropped later, persons/collect.c), but a name goes on over one, as
     * OCR leaves it */
    {"г. Минск\n\nНастоящим извещаем", {"S=Минск u", "S=Настоящим u"}},
    {"Тарасову Е.И.\n\nЗАЯВЛЕНИЕ", {"S=Тарасову I=Е J=И u", "S=ЗАЯВЛЕНИЕ u"}},
    {"у адносінах да\nКірэева\n\nМікалая Сцяпанавіча,", {"S=Кірэева G=Мікалая P=Сцяпанавіча m"}},
    /* two unknown words are no person in a heading, over a line break,
     * after "the", or in Latin letters in a Cyrillic text */
    {"ПРОКУРАТУРА Г. МИНСКА\nИЗВЕЩЕНИЕ\nо проведении", {"S=МИНСКА u"}},
    {"a verdict of the Maskouski District court", {"S=Maskouski m", "S=District u"}},
    {"We ask for your support.\n\nRegards\nHuman rights centre", {"S=Regards u", "S=Human u"}},
    {"на имущество наложен арест: автомобиль Volkswagen Passat и ноутбук Samsung",
     {"S=Volkswagen u", "S=Passat u", "S=Samsung u"}},
    {"The lawyer Serafim Ivanenka appealed", {"G=Serafim S=Ivanenka m"}},
    /* a title's adjective before a role word is no surname; a surname
     * with such an ending before a comma or a verb is */
    {"Секретарь судебного заседания — Гайдук О.Н.\nГосударственный обвинитель — Гончаров М.Ю.",
     {"S=Гайдук I=О J=Н u", "S=Гончаров I=М J=Ю u"}},
    {"Старший следователь Тарасов Е.И.", {"S=Тарасов I=Е J=И u"}},
    {"Дзяржаўны абвінаваўца Мельнікаў А.В.", {"S=Мельнікаў I=А J=В u"}},
    {"Белый, обвиняемый по делу", {"S=Белый u"}},
    {"Савицкий обвиняется в совершении", {"S=Савицкий m"}},
    /* a surname declined as an adjective shows the sex in every case */
    {"в составе председательствующего Савицкого О.Л., при секретаре", {"S=Савицкого I=О J=Л m"}},
    {"суддзі Савіцкага А.Л.", {"S=Савіцкага I=А J=Л m"}},
    {"показала, что Ольгу Савицкую знает", {"G=Ольгу S=Савицкую f"}},
    {"у адносінах да Савіцкай В.Л.", {"S=Савіцкай I=В J=Л f"}},
    {"в отношении Савицкой О.Л.", {"S=Савицкой I=О J=Л u"}},
    /* a surname on the next line after its given name is no verb */
    {"свидетель показала: Анну\nКозловскую знаю", {"G=Анну S=Козловскую f"}},
    {"Свидетель О.И. Лебедева\nДопросил следователь Прокопович",
     {"I=О J=И S=Лебедева u", "S=Прокопович u"}},
};

static names *table; /* for the expected keys */
static deriver *rules;

/* setup - the rules and the name table they read */
static void setup(void)
{
    char *err = NULL;
    rules = deriver_new(&err);
    table = rules ? names_new(&err) : NULL;
    ck_assert_msg(table != NULL, "rules: %s", err ? err : "?");
}

/* teardown - both */
static void teardown(void)
{
    names_free(table);
    deriver_free(rules);
}

/* key - a word's key (static) */
static const char *key(const char *word)
{
    static char k[NAMES_KEY_MAX];
    return names_key(table, word, strlen(word), k) > 0 ? k : "";
}

/* symbol - the initial symbol of a typed initial (static) */
static const char *symbol(const char *letter)
{
    static char s[8];
    names_initials(table, letter, strlen(letter), s);
    s[1] = '\0';
    return s;
}

/* last_key - the nominative's key of a part: its alternate if it has one */
static const char *last_key(const char keys[DERIVE_PART_KEYS][NAMES_KEY_MAX])
{
    return keys[1][0] != '\0' ? keys[1] : keys[0];
}

/* found - what derive_page found, as "S:key G:key P:key I:s J:s x" (g_free) */
static char *found(const derive_person *p)
{
    char gi[2] = {p->given[0][0] == '\0' ? p->given_initials[0] : '\0', '\0'};
    char pi[2] = {p->patronymic[0] == '\0' ? p->patronymic_initials[0] : '\0', '\0'};
    return g_strdup_printf("S:%s G:%s P:%s I:%s J:%s %c", last_key(p->surname), last_key(p->given),
                           p->patronymic, gi, pi, p->sex == NAMES_SEX_UNKNOWN ? 'u' : (char)p->sex);
}

/* expected - the words of the test as found() writes them (g_free) */
static char *expected(const char *want)
{
    char *parts[5] = {g_strdup(""), g_strdup(""), g_strdup(""), g_strdup(""), g_strdup("")};
    char sex = 'u';
    char **words = g_strsplit(want, " ", -1);
    for (char **w = words; *w; w++) {
        const char *tags = "SGPIJ", *at = (*w)[0] ? strchr(tags, (*w)[0]) : NULL;
        if (at == NULL || (*w)[1] != '=') {
            sex = (*w)[0];
            continue;
        }
        size_t i = (size_t)(at - tags);
        g_free(parts[i]);
        parts[i] = g_strdup(i < 3 ? key(*w + 2) : symbol(*w + 2));
    }
    g_strfreev(words);
    char *s = g_strdup_printf("S:%s G:%s P:%s I:%s J:%s %c", parts[0], parts[1], parts[2], parts[3],
                              parts[4], sex);
    for (size_t i = 0; i < 5; i++)
        g_free(parts[i]);
    return s;
}

START_TEST(passage_persons)
{
    derived_page *p = derive_page(rules, passages[_i].text, NULL);
    size_t want = 0;
    while (want < MAX_PERSONS && passages[_i].persons[want] != NULL)
        want++;
    GString *got = g_string_new(NULL);
    for (size_t k = 0; k < p->npersons; k++) {
        char *f = found(&p->persons[k]);
        g_string_append_printf(got, "[%s] ", f);
        g_free(f);
    }
    ck_assert_msg(p->npersons == want, "\"%s\": %zu persons, not %zu: %s", passages[_i].text,
                  p->npersons, want, got->str);
    for (size_t k = 0; k < want; k++) {
        char *e = expected(passages[_i].persons[k]), *f = found(&p->persons[k]);
        ck_assert_msg(strcmp(e, f) == 0, "\"%s\", person %zu: want %s, found %s (all: %s)",
                      passages[_i].text, k + 1, e, f, got->str);
        g_free(e);
        g_free(f);
    }
    g_string_free(got, TRUE);
    derived_page_free(p);
}
END_TEST

/* A person one of whose words is an accused mention (derive.h) is marked
 * accused; a witness further on is not. */
START_TEST(accused_person)
{
    derived_page *p = derive_page(
        rules,
        "в отношении обвиняемой Василевич Анны Сергеевны, проживающей в городе Минске по "
        "улице Ленина. свидетель Кротова Анна.",
        NULL);
    ck_assert_uint_eq(p->npersons, 4); /* Минске and Ленина too, as lone surnames */
    ck_assert_int_eq(p->persons[0].accused, 1);
    ck_assert_int_eq(p->persons[3].accused, 0);
    derived_page_free(p);
}
END_TEST

/* derive_persons_suite - all of the above */
static Suite *derive_persons_suite(void)
{
    Suite *s = suite_create("derive-persons");
    TCase *tc = tcase_create("persons");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, passage_persons, 0, (int)(sizeof passages / sizeof *passages));
    tcase_add_test(tc, accused_person);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(derive_persons_suite());
}
