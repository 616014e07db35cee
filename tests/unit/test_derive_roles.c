/*
 * test_derive_roles.c - each person's role and birth date from the words
 * around it, in Russian, Belarusian and English court papers: every role,
 * oblique cases, initials before and after the surname, OCR noise, a name
 * split over a line break, lists of several accused or witnesses, a person
 * whose role word belongs to someone else, and the birth date written next
 * to the name; then the birthplace and addresses written next to a person:
 * every word that leads to them in oblique forms, places that run on over
 * abbreviations, commas and a line break, and places that must not attach:
 * a court's address, a birth year taken for a place, and in a list of
 * persons each one's own address (the nearest person before it), both ways.
 *
 * A person is written as "Surname:role" or "Surname:role:born": the test
 * turns Surname into the key derive/ gives it on its own and finds it among the person's
 * surname keys, then compares the role's name and the birth date derive/
 * writes in the JSON form.
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
    /* the accused, Russian, in every case */
    {"обвиняемый Иванов Сергей Николаевич скрылся", {"Иванов:accused"}},
    {"допросить обвиняемого Иванова Сергея Николаевича", {"Иванова:accused"}},
    {"предъявить обвинение обвиняемому Петрову П.П.", {"Петрову:accused"}},
    {"с обвиняемой Сидоровой Анной Петровной", {"Сидоровой:accused"}},
    {"подсудимый Ковалёв А.А. в суд не явился", {"Ковалёв:accused"}},
    {"подозреваемого Новака Ивана Петровича задержать", {"Новака:accused"}},
    {"осужденный Мельник И.И. отбывает наказание", {"Мельник:accused"}},
    {"осуждённого Жука Андрея Ивановича", {"Жука:accused"}},
    {"уголовное дело в отношении Тихановского Сергея Леонидовича", {"Тихановского:accused"}},
    {"в отношении Лукашевич\nВольги Александровны, 12.03.1986 года рождения",
     {"Лукашевич:accused:1986-03-12"}},
    {"Признать виновным Кравца Яна Олеговича", {"Кравца:accused"}},
    {"Иванова Сергея Николаевича признать виновным в совершении преступления", {"Иванова:accused"}},
    {"Иванов С.Н., обвиняемый по делу", {"Иванов:accused"}},
    {"объявлен в розыск Савченко Андрей Игоревич", {"Савченко:accused"}},
    {"ПРИГОВОРИЛ:\nТкачука Олега Викторовича признать виновным", {"Ткачука:accused"}},
    /* the accused, Belarusian */
    {"абвінавачаны Іваноў Сяргей Мікалаевіч", {"Іваноў:accused"}},
    {"абвінавачанага Лукашэвіча Андрэя", {"Лукашэвіча:accused"}},
    {"у адносінах да Лукашэвіч Вольгі Аляксандраўны", {"Лукашэвіч:accused"}},
    {"Прызнаць вінаватым Кравца Яна Алегавіча", {"Кравца:accused"}},
    {"асуджанага Жука А.І. этапаваць", {"Жука:accused"}},
    {"падазраванага Новіка Юрыя затрымаць", {"Новіка:accused"}},
    /* the accused, English */
    {"the accused Siarhei Ivanou did not appear", {"Ivanou:accused"}},
    {"Ivanou was sentenced in absentia", {"Ivanou:accused"}},
    {"defendant Hanna Vasilevich", {"Vasilevich:accused"}},
    /* lists of several accused */
    {"в отношении Иванова С.Н., Петрова П.П. и Сидорова А.А.",
     {"Иванова:accused", "Петрова:accused", "Сидорова:accused"}},
    {"обвиняемых Новиковой Юлии Сергеевны, Макаровой Светланы Петровны",
     {"Новиковой:accused", "Макаровой:accused"}},
    {"у адносінах да Іванова С.М. і Пятровай Г.П.", {"Іванова:accused", "Пятровай:accused"}},
    /* victims */
    {"потерпевший Гончар Виктор Павлович пояснил", {"Гончар:victim"}},
    {"допрошена потерпевшая Гончар А.В.", {"Гончар:victim"}},
    {"пацярпелы Ганчар Віктар Паўлавіч", {"Ганчар:victim"}},
    {"the victim Maryia Hanchar", {"Hanchar:victim"}},
    /* witnesses */
    {"свидетель Петрова А.В. показала", {"Петрова:witness"}},
    {"допрошенная в качестве свидетеля Кротова Ольга Васильевна", {"Кротова:witness"}},
    {"сведка Кротава Вольга Васілеўна паказала", {"Кротава:witness"}},
    {"понятые: Новикова Юлия Сергеевна, Макарова Светлана Петровна.",
     {"Новикова:witness", "Макарова:witness"}},
    {"witness Ivan Kротов", {"Kротов:witness"}},
    {"свидетелей Иванова С.Н., Петрова П.П.", {"Иванова:witness", "Петрова:witness"}},
    /* lawyers */
    {"адвокат Левченко Ирина Сергеевна", {"Левченко:lawyer"}},
    {"с участием защитника Левченко И.С.", {"Левченко:lawyer"}},
    {"абаронца Лёўчанка Ірына Сяргееўна", {"Лёўчанка:lawyer"}},
    {"защитника обвиняемого – адвоката Левченко И.С.", {"Левченко:lawyer"}},
    {"defence lawyer Iryna Leuchanka", {"Leuchanka:lawyer"}},
    /* judges */
    {"судья районного суда Петров И.И.", {"Петров:judge"}},
    {"председательствующего судьи Петрова Игоря Ивановича", {"Петрова:judge"}},
    {"Председательствующий: Петров И.И.", {"Петров:judge"}},
    {"суддзя Пятроў І.І.", {"Пятроў:judge"}},
    {"старшынствуючага суддзі Пятрова Ігара Іванавіча", {"Пятрова:judge"}},
    {"Судья                 И.И. Петров", {"Петров:judge"}},
    {"Judge Ihar Piatrou", {"Piatrou:judge"}},
    {"СУДЬЯ Петров И.И.", {"Петров:judge"}},
    /* prosecutors */
    {"прокурор Шевчук Денис Андреевич", {"Шевчук:prosecutor"}},
    {"с участием государственного обвинителя Шевчука Д.А.", {"Шевчука:prosecutor"}},
    {"пракурор Шаўчук Дзяніс Андрэевіч", {"Шаўчук:prosecutor"}},
    {"prosecutor Dzianis Shauchuk", {"Shauchuk:prosecutor"}},
    /* investigators */
    {"Следователь по особо важным делам Главного следственного управления Бондарь Е.В.",
     {"Бондарь:investigator"}},
    {"следователем Бондарем Евгением Викторовичем вынесено", {"Бондарем:investigator"}},
    {"следчы Бондар Яўген Віктаравіч", {"Бондар:investigator"}},
    {"дознаватель Бондарь Е.В.", {"Бондарь:investigator"}},
    {"investigator Yauhen Bondar", {"Bondar:investigator"}},
    /* other officials */
    {"при секретаре судебного заседания Зайцевой Н.Н.", {"Зайцевой:other_official"}},
    {"сакратар Зайцава Н.М.", {"Зайцава:other_official"}},
    {"судебный пристав Лисовский Олег", {"Лисовский:other_official"}},
    {"оперуполномоченный Лисовский О.Г.", {"Лисовский:other_official"}},
    /* OCR noise: Latin letters inside Cyrillic words */
    {"cудья Петров И.И.", {"Петров:judge"}},
    {"обвиняемoго Иванова С.Н.", {"Иванова:accused"}},
    {"cвидетель Петрова А.В.", {"Петрова:witness"}},
    /* several persons, each with its own role */
    {"защитник обвиняемого Иванова С.Н. – адвокат Левченко И.С.",
     {"Иванова:accused", "Левченко:lawyer"}},
    {"судья Петров И.И., при секретаре Зайцевой Н.Н., с участием прокурора Шевчука Д.А.",
     {"Петров:judge", "Зайцевой:other_official", "Шевчука:prosecutor"}},
    {"Свидетель Кротова О.В. показала, что Иванов С.Н. уехал", {"Кротова:witness", "Иванов:other"}},
    {"обвиняемый скрылся. Гончар Виктор Павлович пояснил", {"Гончар:other"}},
    {"заявление Ковалёвой Ксении Олеговны", {"Ковалёвой:other"}},
    /* a role word before a clause or past tense belongs to someone else */
    {"свидетель показала: Андрея Жука знаю с 2016 года", {"Жука:other"}},
    {"свидетель показал: Марию Романович знаю с 2014 года", {"Романович:other"}},
    {"сведка паказаў: Андрэя Жука ведаю з 2016 года", {"Жука:other"}},
    {"следователь следственного отдела Петров П.П.", {"Петров:investigator"}},
    /* the one beaten is the victim */
    {"О том, что Семёнов А.В. был избит, я узнала", {"Семёнов:victim"}},
    {"Никитина Л.С. была избита", {"Никитина:victim"}},
    /* a capitalised verb opening a line is no one (derive/verbs.c) */
    {"Допросил следователь Тарасов Е.И.", {"Тарасов:investigator"}},
    {"Следователь\tТарасов Е.И.\nСанкционирую: прокурор\tА.В. Мельников",
     {"Тарасов:investigator", "Мельников:prosecutor"}},
    /* a bare word on the next line is no list's; a district is no one */
    {"Копия верна. Судья Руднев А.С.\nПодлинник подписан.",
     {"Копия:other", "Руднев:judge", "Подлинник:other"}},
    {"Прокурор Московского района г. Минска\nстарший советник юстиции\nИванов С.Н.",
     {"Минска:other", "Иванов:prosecutor"}},
    /* the adjective of a title is no one */
    {"Секретарь судебного заседания — Гайдук О.Н.\nГосударственный обвинитель — Гончаров М.Ю.",
     {"Гайдук:other_official", "Гончаров:prosecutor"}},
    /* a list does not reach across a blank line */
    {"Следователю Тарасову Е.И.\n\nЗАЯВЛЕНИЕ\n\nПрошу Сорокину Валентину Ивановну",
     {"Тарасову:investigator", "ЗАЯВЛЕНИЕ:other", "Прошу:other", "Сорокину:other"}},
    {"Сорокин Павел Андреевич обвиняется в совершении преступления", {"Сорокин:accused"}},
    /* places are no one: a bare surname after г., уроженца, in */
    {"в отношении обвиняемого Жука А.В., уроженца г. Гродно, обвиняемого по ст. 130",
     {"Жука:accused", "Гродно:other"}},
    {"приговор суда Московского района г. Минска в отношении Иванова С.Н.",
     {"Минска:other", "Иванова:accused"}},
    /* birth dates next to the name */
    {"в отношении Иванова Сергея Николаевича, 1986 года рождения", {"Иванова:accused:1986"}},
    {"обвиняемого Петрова П.П., 12.03.1986 г.р., и свидетеля Сидорова А.А., 1990 г.р.",
     {"Петрова:accused:1986-03-12", "Сидорова:witness:1990"}},
    {"Мельник Ольга Ивановна, родившаяся 5 мая 1979 года", {"Мельник:other:1979-05-05"}},
    {"абвінавачанага Іванова С.М., 12.03.1986 года нараджэння", {"Іванова:accused:1986-03-12"}},
    {"Siarhei Ivanou, the accused, born 12.03.1986", {"Ivanou:accused:1986-03-12"}},
};

/* Passages with birthplaces and addresses: "Surname|birthplace|address|address"
 * for each person checked ("" for none). */
static const struct {
    const char *text;
    const char *persons[MAX_PERSONS];
} places[] = {
    /* birthplaces, Russian, in several cases */
    {"обвиняемый Иванов Сергей Николаевич, 12.03.1986 года рождения, уроженец г. Гомеля, ранее "
     "не судимый",
     {"Иванов|г. Гомеля||"}},
    {"в отношении Сидоровой Анны Петровны, уроженки д. Новоселки Минского района, гражданки "
     "Республики Беларусь",
     {"Сидоровой|д. Новоселки Минского района||"}},
    {"Петрова Анна Петровна, уроженка д. Новоселки Минского района",
     {"Петрова|д. Новоселки Минского района||"}},
    {"допросить Ковалёва Андрея Андреевича, родившегося в г. Бресте, в качестве обвиняемого",
     {"Ковалёва|г. Бресте||"}},
    {"Мельник Ольга Ивановна, родившаяся 5 мая 1979 года в г. Витебске, проживающая по адресу: "
     "г. Витебск, пр-т Строителей, д. 11, кв. 40.",
     {"Мельник|г. Витебске|г. Витебск, пр-т Строителей, д. 11, кв. 40|"}},
    {"обвиняемого Новака Ивана Петровича, уроженца д. Заречье, Пинского р-на, Брестской обл., "
     "холостого",
     {"Новака|д. Заречье, Пинского р-на, Брестской обл.||"}},
    {"подсудимый Ткачук О.В., уроженец г.Бобруйска Могилёвской области",
     {"Ткачук|г.Бобруйска Могилёвской области||"}},
    /* birthplaces, Belarusian and English */
    {"абвінавачаны Іваноў Сяргей Мікалаевіч, ураджэнец г. Гомеля, жанаты", {"Іваноў|г. Гомеля||"}},
    {"у адносінах да Лукашэвіч Вольгі Аляксандраўны, ураджэнкі в. Навасёлкі Мінскага раёна",
     {"Лукашэвіч|в. Навасёлкі Мінскага раёна||"}},
    {"Кравец Ян Алегавіч, які нарадзіўся ў г. Брэсце, прызнаць вінаватым", {"Кравец|г. Брэсце||"}},
    {"the accused Siarhei Ivanou, born in Grodno, did not appear", {"Ivanou|Grodno||"}},
    {"the accused Hanna Vasilevich, born on 12 March 1986 in Hrodna. She was",
     {"Vasilevich|Hrodna||"}},
    /* addresses, Russian */
    {"Иванов Сергей Николаевич, зарегистрированный по адресу: г. Минск, ул. Ленина, д. 5, кв. "
     "12, ранее не судимый",
     {"Иванов||г. Минск, ул. Ленина, д. 5, кв. 12|"}},
    {"обвиняемой Сидоровой А.П., зарегистрированной и проживающей по адресу: г. Гомель, ул. "
     "Советская, д. 3; вину признала",
     {"Сидоровой||г. Гомель, ул. Советская, д. 3|"}},
    {"подозреваемого Жука Андрея Ивановича, зарегистрированного по адресу: г. Минск, ул. "
     "Притыцкого, д. 10, кв. 5, проживающего по адресу: г. Минск, пр. Независимости, д. 1. "
     "Ранее",
     {"Жука||г. Минск, ул. Притыцкого, д. 10, кв. 5|г. Минск, пр. Независимости, д. 1"}},
    {"свидетель Кротова О.В., проживающая в г. Борисове по ул. Гагарина, д. 7, показала",
     {"Кротова||г. Борисове по ул. Гагарина, д. 7|"}},
    /* an address over a line break, a word broken by a hyphen */
    {"в отношении Лукашевич Вольги Александровны, проживающей по адресу: г. Минск,\nул. "
     "Сурганова, д. 2, кв.\n14, не работающей",
     {"Лукашевич||г. Минск, ул. Сурганова, д. 2, кв. 14|"}},
    {"обвиняемого Петрова П.П., зарегистрированного по адресу: г. Минск, ул. Кол-\nхозная, д. 9",
     {"Петрова||г. Минск, ул. Колхозная, д. 9|"}},
    /* addresses, Belarusian and English */
    {"абвінавачаны Іваноў С.М., зарэгістраваны па адрасе: г. Мінск, вул. Леніна, д. 5, кв. 12, "
     "раней не судзімы",
     {"Іваноў||г. Мінск, вул. Леніна, д. 5, кв. 12|"}},
    {"асуджанага Жука А.І., які пражывае па адрасе: г. Гродна, вул. Горкага, д. 4",
     {"Жука||г. Гродна, вул. Горкага, д. 4|"}},
    {"the accused Siarhei Ivanou, residing at 5 Lenin Street, Minsk; the court",
     {"Ivanou||5 Lenin Street, Minsk|"}},
    /* OCR's ';' and ',' for an abbreviation's full stop */
    {"свидетель Карпов Дмитрий Олегович\n1990 гр., проживающий в г; Витебск,\n\nПо существу",
     {"Карпов||г; Витебск|"}},
    {"обвиняемый Иванов С.Н., уроженец г, Гомеля, ранее не судимый", {"Иванов|г, Гомеля||"}},
    {"свидетель Морозова Светлана Дмитриевна\n1972 г.р., проживающая вг. Минск.\n\nПо существу",
     {"Морозова||г. Минск|"}},
    /* a court's address is no one's */
    {"обвиняемый Иванов Сергей Николаевич вызывается в суд Центрального района г. Минска, "
     "расположенный по адресу: г. Минск, ул. Кальварийская, д. 1",
     {"Иванов|||"}},
    {"Судья Петров П.П. Суд находится по адресу: г. Гомель, ул. Ленина, д. 1", {"Петров|||"}},
    /* a sentence between the person and the address */
    {"Обвиняемый Иванов С.Н. в суд не явился. Потерпевший проживает по адресу: г. Минск, ул. "
     "Ленина, д. 5",
     {"Иванов|||"}},
    /* "родился в 1986 году": no place */
    {"Иванов Сергей Николаевич родился в 1986 году", {"Иванов|||"}},
    /* a list: each person's address is the one after them */
    {"обвиняемых Иванова Сергея Николаевича, проживающего по адресу: г. Минск, ул. Ленина, д. 5, "
     "и Петрова Петра Петровича, проживающего по адресу: г. Гомель, ул. Советская, д. 3",
     {"Иванова||г. Минск, ул. Ленина, д. 5|", "Петрова||г. Гомель, ул. Советская, д. 3|"}},
    {"свидетели Кротова Ольга Васильевна, Новикова Юлия Сергеевна, проживающая по адресу: г. "
     "Минск, ул. Ванеева, д. 8",
     {"Кротова|||", "Новикова||г. Минск, ул. Ванеева, д. 8|"}},
    {"свидетели: Иванов Сергей Николаевич, проживающий по адресу: г. Минск, ул. Ленина, д. 5, "
     "Петров Пётр Петрович, проживающий по адресу: г. Гомель, ул. Мира, д. 1",
     {"Иванов||г. Минск, ул. Ленина, д. 5|", "Петров||г. Гомель, ул. Мира, д. 1|"}},
    {"обвиняемый Иванов Сергей Николаевич, уроженец г. Гомеля, зарегистрированный по адресу: г. "
     "Гомель, ул. Мира, д. 2, и свидетель Петров Пётр Петрович",
     {"Иванов|г. Гомеля|г. Гомель, ул. Мира, д. 2|", "Петров|||"}},
};

static deriver *rules;

/* setup - the rules */
static void setup(void)
{
    char *err = NULL;
    rules = deriver_new(&err);
    ck_assert_msg(rules != NULL, "rules: %s", err ? err : "?");
}

/* teardown - free them */
static void teardown(void)
{
    deriver_free(rules);
}

/* surname_key - the key derive/ gives a surname on its own (g_free) */
static char *surname_key(const char *word)
{
    derived_page *p = derive_page(rules, word, NULL);
    char *k = g_strdup(p->nmentions > 0 ? p->mentions[0].key : "");
    derived_page_free(p);
    return k;
}

/* found - a person as the test writes it: "key:role:born" (g_free) */
static char *found(json_object *person)
{
    json_object *surname = NULL, *role = NULL, *born = NULL;
    json_object_object_get_ex(person, "surname", &surname);
    json_object_object_get_ex(person, "role", &role);
    json_object_object_get_ex(person, "born", &born);
    GString *s = g_string_new(NULL);
    for (size_t i = 0; surname != NULL && i < json_object_array_length(surname); i++)
        g_string_append_printf(s, "%s%s", i ? "|" : "",
                               json_object_get_string(json_object_array_get_idx(surname, i)));
    g_string_append_printf(s, ":%s", role ? json_object_get_string(role) : "other");
    if (born != NULL)
        g_string_append_printf(s, ":%s", json_object_get_string(born));
    return g_string_free(s, FALSE);
}

/* agrees - whether a found person is the expected "Surname:role[:born]" */
static int agrees(const char *got, const char *want)
{
    char **w = g_strsplit(want, ":", 3), **g = g_strsplit(got, ":", 3);
    char *k = surname_key(w[0]);
    char **keys = g_strsplit(g[0], "|", -1);
    int ok = 0;
    for (char **key = keys; *key; key++)
        ok |= strcmp(*key, k) == 0;
    ok = ok && strcmp(w[1], g[1]) == 0 && g_strcmp0(w[2], g[2]) == 0;
    g_strfreev(keys);
    g_free(k);
    g_strfreev(w);
    g_strfreev(g);
    return ok;
}

START_TEST(passage_roles)
{
    derived_page *p = derive_page(rules, passages[_i].text, NULL);
    json_object *o = derived_page_to_json(p), *persons = NULL;
    json_object_object_get_ex(o, "persons", &persons);
    size_t want = 0, have = persons ? json_object_array_length(persons) : 0;
    while (want < MAX_PERSONS && passages[_i].persons[want] != NULL)
        want++;
    GString *got = g_string_new(NULL);
    for (size_t k = 0; k < have; k++) {
        char *f = found(json_object_array_get_idx(persons, k));
        g_string_append_printf(got, "[%s] ", f);
        g_free(f);
    }
    ck_assert_msg(have == want, "\"%s\": %zu persons, not %zu: %s", passages[_i].text, have, want,
                  got->str);
    for (size_t k = 0; k < want; k++) {
        char *f = found(json_object_array_get_idx(persons, k));
        ck_assert_msg(agrees(f, passages[_i].persons[k]), "\"%s\", person %zu: want %s, found %s",
                      passages[_i].text, k + 1, passages[_i].persons[k], f);
        g_free(f);
    }
    g_string_free(got, TRUE);
    json_object_put(o);
    derived_page_free(p);
}
END_TEST

/* round_trip - the role and birth date come back from the JSON form, and
 * a role or date that is none is damage */
START_TEST(round_trip)
{
    derived_page *p = derive_page(rules, "обвиняемого Петрова П.П., 12.03.1986 г.р.", NULL);
    json_object *o = derived_page_to_json(p);
    char *err = NULL;
    derived_page *back = derived_page_from_json(o, &err);
    ck_assert_msg(back != NULL, "%s", err ? err : "?");
    ck_assert_uint_eq(back->npersons, 1);
    ck_assert_int_eq(back->persons[0].role, DERIVE_ROLE_ACCUSED);
    ck_assert_int_eq(back->persons[0].born.year, 1986);
    ck_assert_int_eq(back->persons[0].born.month, 3);
    ck_assert_int_eq(back->persons[0].born.day, 12);
    derived_page_free(back);
    json_object *person = json_object_array_get_idx(json_object_object_get(o, "persons"), 0);
    json_object_object_add(person, "role", json_object_new_string("hero"));
    ck_assert_ptr_null(derived_page_from_json(o, &err));
    ck_assert_ptr_nonnull(strstr(err, "role"));
    free(err);
    err = NULL;
    json_object_object_add(person, "role", json_object_new_string("judge"));
    json_object_object_add(person, "born", json_object_new_string("soon"));
    ck_assert_ptr_null(derived_page_from_json(o, &err));
    ck_assert_ptr_nonnull(strstr(err, "birth"));
    free(err);
    json_object_put(o);
    derived_page_free(p);
}
END_TEST

/* role_names - every role's name reads back as the role */
START_TEST(role_names)
{
    for (int r = DERIVE_ROLE_OTHER; r <= DERIVE_ROLE_OTHER_OFFICIAL; r++)
        ck_assert_int_eq(derive_role_parse(derive_role_name((derive_role)r)), r);
    ck_assert_int_eq(derive_role_parse("official"), -1);
    ck_assert(derive_role_official(DERIVE_ROLE_JUDGE));
    ck_assert(!derive_role_official(DERIVE_ROLE_LAWYER));
}
END_TEST

/* member_text - a string member of o, "" when none */
static const char *member_text(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "";
}

/* facts - what a person's JSON says as "birthplace|address|address" (g_free) */
static char *facts(json_object *person)
{
    json_object *addresses = NULL;
    json_object_object_get_ex(person, "addresses", &addresses);
    size_t n = addresses ? json_object_array_length(addresses) : 0;
    return g_strdup_printf("%s|%s|%s", member_text(person, "born_place"),
                           n > 0 ? json_object_get_string(json_object_array_get_idx(addresses, 0))
                                 : "",
                           n > 1 ? json_object_get_string(json_object_array_get_idx(addresses, 1))
                                 : "");
}

/* person_named - the person of the list whose surname keys hold key */
static json_object *person_named(json_object *persons, const char *key)
{
    for (size_t i = 0; persons && i < json_object_array_length(persons); i++) {
        json_object *p = json_object_array_get_idx(persons, i), *surname = NULL;
        json_object_object_get_ex(p, "surname", &surname);
        for (size_t k = 0; surname && k < json_object_array_length(surname); k++)
            if (strcmp(json_object_get_string(json_object_array_get_idx(surname, k)), key) == 0)
                return p;
    }
    return NULL;
}

START_TEST(passage_places)
{
    derived_page *p = derive_page(rules, places[_i].text, NULL);
    json_object *o = derived_page_to_json(p), *persons = NULL;
    json_object_object_get_ex(o, "persons", &persons);
    for (size_t k = 0; k < MAX_PERSONS && places[_i].persons[k] != NULL; k++) {
        const char *want = places[_i].persons[k], *bar = strchr(want, '|');
        char *surname = g_strndup(want, (gsize)(bar - want)), *key = surname_key(surname);
        json_object *person = person_named(persons, key);
        ck_assert_msg(person != NULL, "\"%s\": no person %s in %s", places[_i].text, surname,
                      json_object_to_json_string(o));
        char *got = facts(person);
        ck_assert_msg(strcmp(got, bar + 1) == 0, "\"%s\", %s: want [%s], found [%s]",
                      places[_i].text, surname, bar + 1, got);
        g_free(got);
        g_free(key);
        g_free(surname);
    }
    json_object_put(o);
    derived_page_free(p);
}
END_TEST

/* places_round_trip - the places come back from the JSON form; too many
 * addresses or a place too long is damage */
START_TEST(places_round_trip)
{
    derived_page *p = derive_page(rules, places[14].text, NULL);
    json_object *o = derived_page_to_json(p);
    char *err = NULL;
    derived_page *back = derived_page_from_json(o, &err);
    ck_assert_msg(back != NULL, "%s", err ? err : "?");
    ck_assert_str_eq(back->persons[0].addresses[1], "г. Минск, пр. Независимости, д. 1");
    derived_page_free(back);
    json_object *person = json_object_array_get_idx(json_object_object_get(o, "persons"), 0);
    json_object_object_add(person, "born_place", json_object_new_string("г. Гомеля"));
    back = derived_page_from_json(o, &err);
    ck_assert_str_eq(back->persons[0].born_place, "г. Гомеля");
    derived_page_free(back);
    json_object_array_add(json_object_object_get(person, "addresses"),
                          json_object_new_string("г. Брест"));
    ck_assert_ptr_null(derived_page_from_json(o, &err));
    ck_assert_ptr_nonnull(strstr(err, "addresses"));
    free(err);
    err = NULL;
    char longer[DERIVE_PLACE_MAX + 1];
    memset(longer, 'a', DERIVE_PLACE_MAX);
    longer[DERIVE_PLACE_MAX] = '\0';
    json_object_object_del(person, "addresses");
    json_object_object_add(person, "born_place", json_object_new_string(longer));
    ck_assert_ptr_null(derived_page_from_json(o, &err));
    ck_assert_ptr_nonnull(strstr(err, "born_place"));
    free(err);
    json_object_put(o);
    derived_page_free(p);
}
END_TEST

/* long_place - a place longer than DERIVE_PLACE_MAX is cut at a character */
START_TEST(long_place)
{
    GString *s = g_string_new(
        "обвиняемый Иванов Сергей Николаевич, проживающий по адресу: г. Минск");
    for (int i = 0; i < 60; i++)
        g_string_append(s, ", ул. Длинная");
    derived_page *p = derive_page(rules, s->str, NULL);
    ck_assert_uint_ge(p->npersons, 1);
    size_t len = strlen(p->persons[0].addresses[0]);
    ck_assert_uint_gt(len, 100);
    ck_assert_uint_lt(len, DERIVE_PLACE_MAX);
    ck_assert(g_utf8_validate(p->persons[0].addresses[0], -1, NULL));
    derived_page_free(p);
    g_string_free(s, TRUE);
}
END_TEST

/* suite - the passages, the JSON form and the names */
static Suite *suite(void)
{
    Suite *s = suite_create("derive_roles");
    TCase *tc = tcase_create("roles");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, passage_roles, 0, (int)G_N_ELEMENTS(passages));
    tcase_add_test(tc, round_trip);
    tcase_add_test(tc, role_names);
    tcase_add_loop_test(tc, passage_places, 0, (int)G_N_ELEMENTS(places));
    tcase_add_test(tc, places_round_trip);
    tcase_add_test(tc, long_place);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(suite());
}
