/*
 * test_names.c - name keys: real-world spellings of one name in Russian and
 * Belarusian Cyrillic (any case), Belarusian passport Latin, Łacinka,
 * Russian Latin and Polish share a key; different names do not; initials,
 * the given-name table, and finding the words of a page that may be names.
 */
#include "names/names.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static names *table;

/* setup - build the table once per test */
static void setup(void)
{
    char *err = NULL;
    table = names_new(&err);
    ck_assert_msg(table != NULL, "names_new: %s", err ? err : "?");
}

/* teardown - free it */
static void teardown(void)
{
    names_free(table);
}

/* key - the key of a word (static buffer, one of four) */
static const char *key(const char *word)
{
    static char buf[4][NAMES_KEY_MAX];
    static int next;
    char *k = buf[next++ % 4];
    names_key(table, word, strlen(word), k);
    return k;
}

/* Spellings of one name: every word on a line must have the first one's key. */
static const char *const same[][8] = {
    /* surnames, Russian cases, Belarusian, Latin, Polish */
    {"Иванов", "Иванова", "Иванову", "Ивановым", "Иванове", "Ivanov", "Iwanow", NULL},
    {"Іваноў", "Іванова", "Іванову", "Івановым", "Ivanou", "Ivanoŭ", "Иванов", NULL},
    {"Тихановская", "Ціханоўская", "Tsikhanouskaya", "Cichanoŭskaja", "Tikhanovskaya",
     "Тихановской", "Cichanowska", NULL},
    {"Лукашенко", "Лукашэнка", "Lukashenka", "Łukašenka", "Lukashenko", "Łukaszenko", NULL},
    {"Колесникова", "Калеснікава", "Kalesnikava", "Kalieśnikava", "Kolesnikova", "Колесниковой",
     NULL},
    {"Бабарико", "Бабарыка", "Babaryka", "Babariko", NULL},
    {"Статкевич", "Статкевіч", "Statkevich", "Statkievič", "Statkiewicz", "Статкевичу", NULL},
    {"Беляцкий", "Бяляцкі", "Bialiatski", "Bialacki", "Bielacki", "Беляцкого", NULL},
    {"Ковальский", "Ковальского", "Кавальскі", "Кавальскага", "Kavalski", "Kowalski", "Kovalskiy",
     NULL},
    {"Кузнецов", "Кузняцоў", "Kuzniatsou", "Kuźniacoŭ", "Kuznetsov", "Kuzniecow", NULL},
    {"Ковалев", "Ковалёв", "Кавалёў", "Kavaliou", "Kavaloŭ", "Kovalev", "Kovalyov", NULL},
    {"Кравец", "Кравца", "Kravets", "Kraviec", "Krawiec", NULL},
    {"Ходасевич", "Хадасевіч", "Khadasevich", "Chadasievič", "Chodasiewicz", NULL},
    {"Шушкевич", "Шушкевіч", "Shushkevich", "Šuškievič", "Szuszkiewicz", NULL},
    {"Щукин", "Шчукін", "Shchukin", "Ščukin", "Szczukin", NULL},
    {"Жуков", "Жукаў", "Zhukau", "Žukaŭ", "Zhukov", "Żukow", NULL},
    {"Черных", "Chernykh", "Czernych", NULL},
    {"Дятлов", "Дзятлаў", "Dziatlau", "Dyatlov", NULL},
    {"Воробьёв", "Вераб'ёў", "Verabyou", "Vorobyov", "Воробьева", NULL},
    {"Науменко", "Навуменка", "Navumenka", "Naumenko", "Naumienko", NULL},
    {"Волков", "Ваўкоў", "Vaukou", "Vaŭkoŭ", "Volkov", "Wołkow", "Волкова", NULL},
    /* given names whose forms share a key */
    {"Сергей", "Сергея", "Сергеем", "Сяргей", "Siarhei", "Siarhiej", "Sergey", "Siergiej"},
    {"Дмитрий", "Дзмітрый", "Dzmitry", "Dmitry", "Dmitriy", "Дмитрия", NULL},
    {"Тимофей", "Цімафей", "Tsimafei", "Timofey", "Cimafiej", NULL},
    {"Денис", "Дзяніс", "Dzianis", "Denis", "Дениса", NULL},
    {"Юрий", "Юрый", "Yury", "Jury", "Iury", "Yuri", "Юрия", NULL},
    {"Татьяна", "Тацяна", "Tatsiana", "Tatiana", "Tatyana", "Taciana", NULL},
    {"Наталья", "Наталля", "Natallia", "Natalia", "Natalya", NULL},
    {"Светлана", "Святлана", "Sviatlana", "Svetlana", "Swiatłana", NULL},
    {"Людмила", "Людміла", "Liudmila", "Lyudmila", "Ludmiła", NULL},
    {"Мария", "Марыя", "Maryia", "Maria", "Mariya", NULL},
    {"Андрей", "Андрэй", "Andrei", "Andrey", "Андрея", NULL},
    {"Алексей", "Аляксей", "Aliaksei", "Aleksei", "Alexey", NULL},
    {"Вячеслав", "Вячаслаў", "Viachaslau", "Vyacheslav", "Wiaczesław", NULL},
    {"Михаил", "Міхаіл", "Mikhail", "Michał", "Михаила", NULL},
    {"Павел", "Павла", "Павлом", "Paval", "Paweł", NULL},
    {"Ирина", "Ірына", "Iryna", "Irina", "Ирины", NULL},
    /* given names through the table: stems that differ */
    {"Александр", "Алесь", "Аляксандр", "Aliaksandr", "Aleksandr", "Alexander", "Алеся", NULL},
    {"Анна", "Ганна", "Hanna", "Anna", "Анны", "Ганне", NULL},
    {"Ольга", "Вольга", "Volha", "Olga", "Ольги", "Вольгу", NULL},
    {"Григорий", "Рыгор", "Ryhor", "Grigory", "Hryhoryj", "Рыгора", NULL},
    {"Иосиф", "Язэп", "Iosif", "Józef", "Jazep", "Юзеф", NULL},
    {"Иван", "Янка", "Ян", "Ivan", "Jan", "Ивана", "Янку", NULL},
    {"Евгений", "Яўген", "Yauhen", "Jaŭhien", "Yevgeny", "Evgeniy", "Евгения", NULL},
    {"Егор", "Ягор", "Yahor", "Egor", "Yegor", NULL},
    {"Николай", "Мікалай", "Mikalai", "Nikolai", "Mikołaj", "Николаю", "Мікола", NULL},
    {"Владимир", "Уладзімір", "Uladzimir", "Vladimir", "Włodzimierz", NULL},
    {"Владислав", "Уладзіслаў", "Uladzislau", "Vladislav", "Władysław", NULL},
    {"Екатерина", "Кацярына", "Katsiaryna", "Ekaterina", "Yekaterina", "Katarzyna", NULL},
    {"Елена", "Алена", "Alena", "Elena", "Yelena", NULL},
    {"Надежда", "Надзея", "Nadzeya", "Nadezhda", "Nadzieja", NULL},
    {"Фёдор", "Хведар", "Fiodar", "Fedor", "Fyodor", NULL},
    {"Семён", "Сымон", "Symon", "Semyon", "Siamion", NULL},
    {"Пётр", "Пятро", "Piatro", "Pyotr", "Piotr", NULL},
    {"Константин", "Кастусь", "Kastus", "Konstantin", "Канстанцін", NULL},
    {"Лев", "Льва", "Леў", "Lev", "Leu", NULL},
    {"Дмитрий", "Зміцер", "Zmicier", "Zmitser", NULL},
    {"Леонид", "Лявон", "Liavon", "Leanid", NULL},
    /* patronymics: the father's name through the table, any case, either sex */
    {"Николаевич", "Николаевича", "Мікалаевіч", "Mikalaevich", "Mikałajevič", "Nikolaevich",
     "Николаевна", "Mikołajewicz"},
    {"Сергеевич", "Сяргеевіч", "Siarheevich", "Sergeyevich", "Siergiejewicz", NULL},
    {"Александрович", "Аляксандравіч", "Aliaksandravich", "Aleksandrovich", NULL},
    {"Григорьевич", "Рыгоравіч", "Ryhoravich", NULL},
};

/* Names that must not fall together. */
static const char *const different[][2] = {
    {"Иванов", "Иваненко"},     {"Сергей", "Серафим"},      {"Ковалев", "Ковальчук"},
    {"Ковальчук", "Ковальчик"}, {"Новик", "Новак"},         {"Иванов", "Иванович"},
    {"Петров", "Петрович"},     {"Алла", "Илья"},           {"Алина", "Алена"},
    {"Мирон", "Марина"},        {"Сергей", "Сергеев"},      {"Павел", "Павлов"},
    {"Кузнецов", "Кузьмин"},    {"Лукашенко", "Лукашевич"}, {"Олег", "Ольга"},
    {"Анна", "Инна"},           {"Ковалев", "Коваль"},      {"Чернов", "Черных"},
    {"Белый", "Белов"},         {"Миронов", "Маринов"},     {"Андреев", "Андреевич"},
    {"Siarhei", "Serafim"},     {"Ivanou", "Ivanenka"},     {"Ivan", "Ivanov"},
    {"Иванов", "Ивашов"},       {"Козлов", "Казаков"},
};

START_TEST(spellings_share_a_key)
{
    const char *const *line = same[_i];
    char first[NAMES_KEY_MAX];
    ck_assert_uint_gt(names_key(table, line[0], strlen(line[0]), first), 0);
    for (int j = 1; j < 8 && line[j] != NULL; j++)
        ck_assert_msg(strcmp(key(line[j]), first) == 0, "%s has key %s, %s has %s", line[j],
                      key(line[j]), line[0], first);
}
END_TEST

START_TEST(different_names_differ)
{
    const char *a = different[_i][0], *b = different[_i][1];
    ck_assert_msg(strcmp(key(a), key(b)) != 0, "%s and %s both have key %s", a, b, key(a));
}
END_TEST

START_TEST(at_least_fifty_pairs)
{
    size_t pairs = 0;
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        for (int j = 1; j < 8 && same[i][j] != NULL; j++)
            pairs++;
    ck_assert_uint_ge(pairs, 50);
    ck_assert_uint_ge(sizeof different / sizeof *different, 20);
}
END_TEST

START_TEST(no_key_for_non_words)
{
    char k[NAMES_KEY_MAX];
    ck_assert_uint_eq(names_key(table, "", 0, k), 0);
    ck_assert_uint_eq(names_key(table, "1234", 4, k), 0);
    ck_assert_uint_eq(names_key(table, "ё", strlen("ё"), k), 0); /* no consonant */
    char longword[200];
    memset(longword, 'b', sizeof longword - 1);
    longword[sizeof longword - 1] = '\0';
    ck_assert_uint_eq(names_key(table, longword, strlen(longword), k), 0);
    ck_assert_uint_eq(names_key(table, "\xff\xfe", 2, k), 0); /* not UTF-8 */
    /* Only len bytes count. */
    ck_assert_uint_gt(names_key(table, "Ивановым", strlen("Иванов"), k), 0);
    ck_assert_str_eq(k, key("Иванов"));
}
END_TEST

START_TEST(ocr_look_alikes_are_read_as_the_word_script)
{
    /* "Ceргей" with a Latin C, "Ивaнов" with a Latin a, "Siarhеi" with a Cyrillic е */
    ck_assert_str_eq(key("Ceргей"), key("Сергей"));
    ck_assert_str_eq(key("Ивaнов"), key("Иванов"));
    ck_assert_str_eq(key("Siarhеi"), key("Siarhei"));
}
END_TEST

START_TEST(latin_ch_both_ways)
{
    char k[NAMES_KEY_MAX];
    /* English ch is ч, Polish and Łacinka ch is х; "Michail" alone cannot tell. */
    ck_assert_str_eq(key("Chernov"), key("Чернов"));
    ck_assert_str_eq(key("Chadasievič"), key("Ходасевич"));
    ck_assert_uint_gt(names_key_variant(table, "Michail", 7, k), 0);
    ck_assert_str_eq(k, key("Михаил"));
    ck_assert_uint_eq(names_key_variant(table, "Michał", strlen("Michał"), k), 0);
    ck_assert_uint_eq(names_key_variant(table, "Ivanou", 6, k), 0);
    ck_assert_uint_eq(names_key_variant(table, "Михаил", strlen("Михаил"), k), 0);
}
END_TEST

START_TEST(initials)
{
    char s[8];
    ck_assert_uint_ge(names_initials(table, "Siarhei", 7, s), 1);
    ck_assert_str_eq(s, "s");
    names_initials(table, "Ганна", strlen("Ганна"), s);
    ck_assert_ptr_nonnull(strchr(s, 'g'));
    ck_assert_ptr_nonnull(strchr(s, 'a')); /* Анна's А. */
    names_initials(table, "Юрий", strlen("Юрий"), s);
    ck_assert_str_eq(s, "y");
    names_initials(table, "Yury", 4, s);
    ck_assert_str_eq(s, "y");
    /* Vowels by their letter: А. is not Е. */
    names_initials(table, "Андрей", strlen("Андрей"), s);
    ck_assert_str_eq(s, "a");
    names_initials(table, "Е", strlen("Е"), s);
    ck_assert_str_eq(s, "e");
    names_initials(table, "Jekatierina", strlen("Jekatierina"), s);
    ck_assert_ptr_nonnull(strchr(s, 'e'));
    names_initials(table, "Ольга", strlen("Ольга"), s);
    ck_assert_ptr_nonnull(strchr(s, 'o'));
    ck_assert_ptr_nonnull(strchr(s, 'v')); /* Вольга's В. */
    names_initials(table, "Вользе", strlen("Вользе"), s);
    ck_assert_ptr_nonnull(strchr(s, 'o')); /* Вольга's line: Ольга's О. */
    names_initials(table, "Иосиф", strlen("Иосиф"), s);
    ck_assert_ptr_nonnull(strchr(s, 'i'));        /* И., as typed */
    ck_assert_str_eq(key("Ёлена"), key("Елена")); /* OCR's dots on Е */
    ck_assert_str_ne(key("Ёлкин"), key("Елкин"));
    ck_assert(names_is_given(table, key("Сергей")));
    ck_assert(names_is_given(table, key("Siarhei")));
    ck_assert(!names_is_given(table, key("Иванов")));
    ck_assert(names_is_patronymic(key("Николаевич")));
    ck_assert(names_is_patronymic(key("Ivanovna")));
    ck_assert(!names_is_patronymic(key("Иванов")));
}
END_TEST

/* words - the words of text as "word/flags" joined by spaces (malloc'd) */
static char *words(const char *text)
{
    GString *s = g_string_new(NULL);
    size_t pos = 0;
    names_word w;
    while (names_next_word(text, &pos, &w)) {
        g_string_append_printf(s, "%s%.*s/%s%s%s", s->len ? " " : "", (int)w.len, text + w.start,
                               w.flags & NAMES_CAPITAL ? "C" : "", w.flags & NAMES_UPPER ? "U" : "",
                               w.flags & NAMES_INITIAL ? "I" : "");
    }
    return g_string_free(s, FALSE);
}

/* symbol - the symbol a typed initial is indexed by */
static char symbol(const char *letter)
{
    char s[8];
    names_initials(table, letter, strlen(letter), s);
    return s[0];
}

/* initials typed in the two scripts agree where they begin two forms of one
 * given name, and only there */
START_TEST(initials_across_scripts)
{
    ck_assert(names_initials_across(table, symbol("О"), symbol("А"))); /* Олег, Алег */
    ck_assert(names_initials_across(table, symbol("А"), symbol("О")));
    ck_assert(names_initials_across(table, symbol("О"), symbol("В"))); /* Ольга, Вольга */
    ck_assert(names_initials_across(table, symbol("Е"), symbol("Я"))); /* Евгений, Яўген */
    ck_assert(names_initials_across(table, symbol("Н"), symbol("М"))); /* Николаевна */
    ck_assert(names_initials_across(table, symbol("С"), symbol("S")));
    ck_assert(!names_initials_across(table, symbol("О"), symbol("Г")));
    ck_assert(!names_initials_across(table, symbol("С"), symbol("А")));
    ck_assert(!names_initials_across(table, symbol("Т"), symbol("В")));
    ck_assert(!names_initials_across(NULL, symbol("О"), symbol("А"))); /* no table */
    ck_assert(!names_initials_across(table, '\0', '\0'));
}
END_TEST

/* an adjectival surname's sex in any case; -ской and other surnames none */
START_TEST(adjective_surname_sex)
{
    static const struct {
        const char *word;
        names_sex sex;
    } forms[] = {
        {"Савицкая", NAMES_SEX_FEMALE},  {"Савицкую", NAMES_SEX_FEMALE},
        {"Савіцкай", NAMES_SEX_FEMALE},  {"Kazlouskaya", NAMES_SEX_FEMALE},
        {"Савицкого", NAMES_SEX_MALE},   {"Савицкому", NAMES_SEX_MALE},
        {"Савіцкага", NAMES_SEX_MALE},   {"Kowalski", NAMES_SEX_MALE},
        {"Савицкой", NAMES_SEX_UNKNOWN}, {"Луговской", NAMES_SEX_UNKNOWN},
        {"Иванова", NAMES_SEX_UNKNOWN},  {"Лукашэвіч", NAMES_SEX_UNKNOWN},
        {"Ская", NAMES_SEX_UNKNOWN},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(forms); i++)
        ck_assert_msg(names_adjective_surname_sex(forms[i].word, strlen(forms[i].word)) ==
                          forms[i].sex,
                      "%s", forms[i].word);
}
END_TEST

START_TEST(words_of_a_page)
{
    char *w = words("Иванову С.Н., 2024г. ИВАНОВ Вераб'ёў Петров-Водкин ч.1 ст.342 Sh.Ivanou");
    ck_assert_str_eq(w, "Иванову/C С/CI Н/CI ИВАНОВ/CU Вераб'ёў/C Петров/C Водкин/C ч/ ст/ "
                        "Sh/CI Ivanou/C");
    g_free(w);
    w = words("");
    ck_assert_str_eq(w, "");
    g_free(w);
    w = words("\xff\xfe Иван \xc3"); /* bad UTF-8 is skipped, not read past */
    ck_assert_str_eq(w, "Иван/C");
    g_free(w);
}
END_TEST

/* indexable - the indexable words of text, each followed by a space (g_free) */
static char *indexable(const char *text)
{
    size_t pos = 0;
    names_word w;
    GString *s = g_string_new(NULL);
    while (names_next_word(text, &pos, &w))
        if (names_indexable(text, &w))
            g_string_append_printf(s, "%.*s ", (int)w.len, text + w.start);
    return g_string_free(s, FALSE);
}

START_TEST(indexable_words)
{
    char *s = indexable("Суд признал Иванова виновным. Он Анна и ИВАНОВ С. Я");
    ck_assert_str_eq(s, "Иванова Анна ИВАНОВ ");
    g_free(s);
}
END_TEST

START_TEST(function_words_and_abbreviations)
{
    char *s = indexable(
        "An Anna On Hanna W Z Арт. 342 Артём Ст. Стась Кв. Ч. П. Д. Г. Арт Ул. І Ў");
    /* "Арт" without its full stop may be a name (a nickname, a surname) */
    ck_assert_str_eq(s, "Anna Hanna Артём Стась Арт ");
    g_free(s);
}
END_TEST

/* Declension alternations: the dative or locative of a word whose stem ends
 * in г, к, х (Polish g) must find it; a nominative that ends in з, ц, с and
 * a longer word must not. Each pair: {nominative, declined form}. */
static const char *const alternate_match[][2] = {
    {"Вольга", "Вользе"}, {"Рука", "Руцэ"},    {"Муха", "Мусе"},     {"Ядвіга", "Ядвізе"},
    {"Olga", "Oldze"},    {"Volha", "Volzie"}, {"Сапега", "Сапезе"}, {"Марылька", "Марыльцы"},
};
static const char *const alternate_miss[][2] = {
    {"Вольга", "Вольза"},  {"Рука", "Руца"}, {"Муха", "Муса"},     {"Вольга", "Вользан"},
    {"Ядвіга", "Ядвізай"}, {"Olga", "Olza"}, {"Сапега", "Сапеза"}, {"Марылька", "Марыльца"},
};

/* keys_of - whether the word's key or its alternate is key */
static int keys_of(const char *word, const char *k)
{
    char alt[NAMES_KEY_MAX];
    names_key_alternate(table, word, strlen(word), alt);
    return strcmp(key(word), k) == 0 || strcmp(alt, k) == 0;
}

START_TEST(declension_alternation_matches)
{
    const char *nominative = alternate_match[_i][0], *declined = alternate_match[_i][1];
    char k[NAMES_KEY_MAX];
    snprintf(k, sizeof k, "%s", key(nominative));
    ck_assert_msg(keys_of(declined, k), "%s does not find %s", nominative, declined);
}
END_TEST

START_TEST(declension_alternation_misses)
{
    const char *nominative = alternate_miss[_i][0], *other = alternate_miss[_i][1];
    char k[NAMES_KEY_MAX];
    snprintf(k, sizeof k, "%s", key(nominative));
    ck_assert_msg(!keys_of(other, k), "%s finds %s", nominative, other);
}
END_TEST

START_TEST(sex_of_words)
{
    const struct {
        const char *word;
        names_sex patronymic, given, surname;
    } cases[] = {
        {"Сергеевна", NAMES_SEX_FEMALE, NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN},
        {"Сяргееўны", NAMES_SEX_FEMALE, NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN},
        {"Nikolaevna", NAMES_SEX_FEMALE, NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN},
        {"Николаевича", NAMES_SEX_MALE, NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN},
        {"Лукашэвіч", NAMES_SEX_MALE, NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN},
        {"Анна", NAMES_SEX_UNKNOWN, NAMES_SEX_FEMALE, NAMES_SEX_UNKNOWN},
        {"Ганны", NAMES_SEX_UNKNOWN, NAMES_SEX_FEMALE, NAMES_SEX_UNKNOWN},
        {"Сергей", NAMES_SEX_UNKNOWN, NAMES_SEX_MALE, NAMES_SEX_UNKNOWN},
        {"Сергея", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN},
        {"Александра", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN},
        {"Иванова", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_FEMALE},
        {"Иванов", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_MALE},
        {"Іваноў", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_MALE},
        {"Ivanova", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_FEMALE},
        {"Kowalski", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_MALE},
        {"Ковальская", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_FEMALE},
        {"Шевчук", NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN, NAMES_SEX_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *w = cases[i].word;
        ck_assert_msg(names_patronymic_sex(w, strlen(w)) == cases[i].patronymic, "%s", w);
        ck_assert_msg(names_given_sex(table, w, strlen(w), 0) == cases[i].given, "%s", w);
        ck_assert_msg(names_surname_sex(w, strlen(w)) == cases[i].surname, "%s", w);
    }
    /* what a user types is a nominative: Siarhei and Andrei are men */
    ck_assert_int_eq(names_given_sex(table, "Siarhei", 7, 1), NAMES_SEX_MALE);
    ck_assert_int_eq(names_given_sex(table, "Siarhei", 7, 0), NAMES_SEX_UNKNOWN);
    ck_assert_int_eq(names_given_sex(table, "Aleksandra", 10, 1), NAMES_SEX_UNKNOWN);
}
END_TEST

/* names_suite - all of the above */
static Suite *names_suite(void)
{
    Suite *s = suite_create("names");
    TCase *tc = tcase_create("keys");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, spellings_share_a_key, 0, (int)(sizeof same / sizeof *same));
    tcase_add_loop_test(tc, different_names_differ, 0, (int)(sizeof different / sizeof *different));
    tcase_add_test(tc, at_least_fifty_pairs);
    tcase_add_test(tc, no_key_for_non_words);
    tcase_add_test(tc, ocr_look_alikes_are_read_as_the_word_script);
    tcase_add_test(tc, latin_ch_both_ways);
    tcase_add_test(tc, initials);
    tcase_add_test(tc, initials_across_scripts);
    tcase_add_test(tc, adjective_surname_sex);
    tcase_add_test(tc, words_of_a_page);
    tcase_add_test(tc, indexable_words);
    tcase_add_test(tc, function_words_and_abbreviations);
    tcase_add_loop_test(tc, declension_alternation_matches, 0,
                        (int)(sizeof alternate_match / sizeof *alternate_match));
    tcase_add_loop_test(tc, declension_alternation_misses, 0,
                        (int)(sizeof alternate_miss / sizeof *alternate_miss));
    tcase_add_test(tc, sex_of_words);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(names_suite());
}
