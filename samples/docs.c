/*
 * docs.c - what the sample documents say, and which phrases prove it.
 *
 * Data only.  Every person, case, court district and address here is
 * invented; the article (ч. 1 ст. 342 УК) is the one most used in the real
 * trials in absentia, because searches for it are what users do.
 *
 * The manifest phrases at the end are the contract with the tests and
 * benchmarks: each must occur on its own page and on no other page or file
 * of the set.  gen_samples checks that against the rendered text every run,
 * so editing a text here cannot silently break a test elsewhere.
 * Phrases avoid letters OCR is known to confuse in this setting (ё in
 * Russian, apostrophes) so that a miss means a real regression.
 */
#include "samples.h"

#define FAMILY_TIMES "Liberation Serif"
#define FAMILY_FORM "DejaVu Serif"

/* Verdict in special proceedings, page 1: heading, court, accused. */
static const struct block verdict_p1[] = {
    {BLK_CENTER, 1, 0, "ПРИГОВОР"},
    {BLK_CENTER, 1, 0, "ИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ"},
    {BLK_SPLIT, 0, 12, "14 марта 2024 года\tг. Минск"},
    {BLK_RIGHT, 0, 4, "Дело № 1-234/2024"},
    {BLK_JUSTIFY, 0, 12,
     "Суд Заречного района г. Минска в составе председательствующего "
     "судьи Ковалевой Н. П., при секретаре Лужиной А. В., с участием "
     "государственного обвинителя Дроздова К. С. и защитника Белько О. Л., "
     "рассмотрев в открытом судебном заседании в порядке специального "
     "производства уголовное дело в отношении"},
    {BLK_JUSTIFY, 0, 0,
     "Иванова Сергея Николаевича, 12 мая 1986 года рождения, уроженца "
     "г. Гродно, гражданина Республики Беларусь, ранее не судимого, "
     "обвиняемого в совершении преступления, предусмотренного "
     "ч. 1 ст. 342 УК Республики Беларусь,"},
    {BLK_CENTER, 1, 12, "УСТАНОВИЛ:"},
    {BLK_JUSTIFY, 0, 6,
     "Иванов С. Н. 16 августа 2020 года в г. Минске принял активное "
     "участие в групповых действиях, грубо нарушивших общественный "
     "порядок и повлекших нарушение работы транспорта."},
    {BLK_LEFT, 0, 0, NULL},
};

/* Verdict, page 2: reasons, sentence, signature. */
static const struct block verdict_p2[] = {
    {BLK_CENTER, 0, 0, "2"},
    {BLK_JUSTIFY, 0, 12,
     "Уголовное дело рассмотрено в отсутствие обвиняемого, который "
     "находится за пределами Республики Беларусь и уклоняется от явки в "
     "орган, ведущий уголовный процесс. Вина Иванова С. Н. подтверждается "
     "протоколами осмотра видеозаписей и показаниями свидетелей."},
    {BLK_JUSTIFY, 0, 0,
     "На основании изложенного, руководствуясь статьями УПК Республики "
     "Беларусь, суд"},
    {BLK_CENTER, 1, 12, "ПРИГОВОРИЛ:"},
    {BLK_JUSTIFY, 0, 6,
     "Иванова Сергея Николаевича признать виновным в совершении "
     "преступления, предусмотренного ч. 1 ст. 342 УК Республики Беларусь, "
     "и назначить ему наказание в виде лишения свободы сроком на три года "
     "с отбыванием в исправительной колонии в условиях общего режима."},
    {BLK_JUSTIFY, 0, 0, "Срок наказания исчислять со дня фактического задержания осужденного."},
    {BLK_JUSTIFY, 0, 0,
     "Приговор может быть обжалован в апелляционном порядке в течение "
     "десяти суток со дня его провозглашения."},
    {BLK_SPLIT, 0, 24, "Председательствующий\tН. П. Ковалева"},
    {BLK_LEFT, 0, 0, NULL},
};

/* Summons to the accused, set in a form face. */
static const struct block summons_p1[] = {
    {BLK_CENTER, 1, 0, "Суд Заречного района г. Минска"},
    {BLK_CENTER, 0, 0, "220012, г. Минск, ул. Кольцевая, д. 5"},
    {BLK_CENTER, 1, 18, "ПОВЕСТКА"},
    {BLK_CENTER, 0, 0, "о вызове в суд"},
    {BLK_LEFT, 0, 14, "Иванову Сергею Николаевичу"},
    {BLK_LEFT, 0, 0, "г. Минск, ул. Садовая, д. 17, кв. 42"},
    {BLK_JUSTIFY, 0, 14,
     "Суд вызывает Вас в качестве обвиняемого по уголовному делу "
     "№ 1-234/2024 к 10 часам 2 апреля 2024 года в зал судебных "
     "заседаний № 3."},
    {BLK_JUSTIFY, 0, 0, "При себе иметь паспорт или иной документ, удостоверяющий личность."},
    {BLK_JUSTIFY, 0, 0,
     "В случае неявки без уважительных причин дело может быть рассмотрено "
     "в Ваше отсутствие."},
    {BLK_SPLIT, 0, 24, "Судья\tН. П. Ковалева"},
    {BLK_LEFT, 0, 12, "18 марта 2024 г."},
    {BLK_LEFT, 0, 0, NULL},
};

/* Prosecutor's notice in Belarusian: uses і, ў, ё. */
static const struct block notice_p1[] = {
    {BLK_CENTER, 1, 0, "ПРАКУРАТУРА ГОРАДА МІНСКА"},
    {BLK_CENTER, 0, 0, "вул. Шырокая, 9, 220030, г. Мінск"},
    {BLK_LEFT, 0, 14, "18.01.2024 № 17-24/115"},
    {BLK_RIGHT, 0, 6, "Іванову Сяргею Мікалаевічу"},
    {BLK_CENTER, 1, 18, "ПАВЕДАМЛЕННЕ"},
    {BLK_CENTER, 0, 0, "аб накіраванні справы ў суд"},
    {BLK_JUSTIFY, 0, 12,
     "Пракуратура горада Мінска паведамляе, што крымінальная справа "
     "па абвінавачванні ў здзяйсненні злачынства, прадугледжанага "
     "ч. 1 арт. 342 Крымінальнага кодэкса Рэспублікі Беларусь, накіравана "
     "ў суд для разгляду ў парадку спецыяльнай вытворчасці."},
    {BLK_JUSTIFY, 0, 0,
     "Абвінавачаны Іваноў Сяргей Мікалаевіч знаходзіцца за межамі "
     "Рэспублікі Беларусь і ўхіляецца ад удзелу ў справе."},
    {BLK_JUSTIFY, 0, 0, "Вы маеце права азнаёміцца з матэрыяламі справы і мець абаронцу."},
    {BLK_SPLIT, 0, 24, "Пракурор горада Мінска\tЮ. В. Сёмкін"},
    {BLK_LEFT, 0, 0, NULL},
};

static const struct page_spec verdict_pages[] = {
    {FAMILY_TIMES, 12, verdict_p1},
    {FAMILY_TIMES, 12, verdict_p2},
};
static const struct page_spec summons_pages[] = {
    {FAMILY_FORM, 11, summons_p1},
};
static const struct page_spec notice_pages[] = {
    {FAMILY_TIMES, 12, notice_p1},
};

/* Every page text above, for the benchmark set (bench_docs.c adds more). */
const struct page_spec *const sample_page_texts[] = {
    &verdict_pages[0],
    &verdict_pages[1],
    &summons_pages[0],
    &notice_pages[0],
};
const size_t sample_npage_texts = sizeof sample_page_texts / sizeof sample_page_texts[0];

/* The default look: a flatbed scan of slightly crooked, greyish paper.
 * Kept mild on purpose: every manifest phrase must survive OCR. */
static const struct recipe_step scan_recipe[] = {
    {"rotate", 0.3, 0.8}, {"background", 226, 9}, {"blur", 0.7, 0}, {"noise", 7, 0}, {NULL, 0, 0},
};

/* The summons went through a scanner that saved JPEG before it was
 * converted to PNG, as office scanners often do. */
static const struct recipe_step scan_jpeg_recipe[] = {
    {"rotate", 0.3, 0.8}, {"background", 230, 8}, {"blur", 0.6, 0},
    {"noise", 6, 0},      {"jpeg", 75, 0},        {NULL, 0, 0},
};

const struct doc_spec sample_docs[] = {
    {"verdict_ru.pdf", DOC_PDF, verdict_pages, 2, scan_recipe},
    {"summons_ru.png", DOC_PNG, summons_pages, 1, scan_jpeg_recipe},
    {"notice_be.png", DOC_PNG, notice_pages, 1, scan_recipe},
};
const size_t sample_ndocs = sizeof sample_docs / sizeof sample_docs[0];

const char sample_note_file[] = "note.txt";
const char sample_note_text[] =
    "Заметка к архиву дела № 1-234/2024\n"
    "\n"
    "Копии приговора и повестки сложены в папку суда Заречного района.\n"
    "Контрольное слово для проверки поиска: черносмородиновый.\n"
    "Сверить перевод уведомления на белорусский до пятницы.\n";

const struct phrase sample_phrases[] = {
    {"verdict_ru.pdf", 1, "ru", "Дело № 1-234/2024"},
    {"verdict_ru.pdf", 1, "ru", "специального производства"},
    {"verdict_ru.pdf", 2, "ru", "исправительной колонии"},
    {"verdict_ru.pdf", 2, "ru", "апелляционном порядке"},
    {"summons_ru.png", 1, "ru", "зал судебных заседаний"},
    {"summons_ru.png", 1, "ru", "иметь паспорт"},
    {"notice_be.png", 1, "be", "спецыяльнай вытворчасці"},
    {"notice_be.png", 1, "be", "Іваноў Сяргей Мікалаевіч"},
    {"notice_be.png", 1, "be", "горада Мінска"},
    {"note.txt", 1, "ru", "черносмородиновый"},
    {"note.txt", 1, "ru", "Сверить перевод"},
};
const size_t sample_nphrases = sizeof sample_phrases / sizeof sample_phrases[0];
