/*
 * bench_docs.c - the OCR benchmark set: two more page texts and the classes.
 *
 * Data only, like docs.c.  The benchmark (bench/ocr/run) renders every page
 * text of docs.c and of this file in turn, damaged by each class's recipe:
 * the classes are the ways court papers really reach documentation teams
 * (150-dpi scans, faxes, pages turned on the glass, stamps, phone photos).
 * Persons, cases and courts are invented.
 */
#include "samples.h"

#define FAMILY_TIMES "Liberation Serif"
#define FAMILY_FORM "DejaVu Serif"

/* Belarusian ruling on the seizure of property, in Belarusian. */
static const struct block ruling_be[] = {
    {BLK_CENTER, 1, 0, "ПАСТАНОВА"},
    {BLK_CENTER, 0, 0, "аб накладанні арышту на маёмасць"},
    {BLK_SPLIT, 0, 12, "5 лютага 2024 года\tг. Гомель"},
    {BLK_JUSTIFY, 0, 12,
     "Следчы следчага ўпраўлення Гомельскага абласнога ўпраўлення "
     "Следчага камітэта Рэспублікі Беларусь капітан юстыцыі Шаўчук Д. А., "
     "разгледзеўшы матэрыялы крымінальнай справы № 23011000457,"},
    {BLK_CENTER, 1, 12, "УСТАНАВІЎ:"},
    {BLK_JUSTIFY, 0, 6,
     "Крымінальная справа ўзбуджана ў дачыненні да Петрашэвіч Алены "
     "Уладзіміраўны па прыкметах злачынства, прадугледжанага ч. 3 арт. 361-1 "
     "Крымінальнага кодэкса Рэспублікі Беларусь. Абвінавачаная знаходзіцца "
     "за мяжой і ад следства ўхіляецца."},
    {BLK_JUSTIFY, 0, 0,
     "У мэтах забеспячэння магчымай канфіскацыі маёмасці неабходна "
     "накласці арышт на кватэру па адрасе: г. Гомель, вул. Савецкая, "
     "д. 112, кв. 7, а таксама на грашовыя сродкі на рахунках у банках."},
    {BLK_CENTER, 1, 12, "ПАСТАНАВІЎ:"},
    {BLK_JUSTIFY, 0, 6,
     "Накласці арышт на маёмасць абвінавачанай Петрашэвіч А. У. і "
     "забараніць распараджацца ёю да вырашэння справы ў судзе."},
    {BLK_SPLIT, 0, 24, "Следчы\tД. А. Шаўчук"},
    {BLK_LEFT, 0, 0, NULL},
};

/* Russian notice to a relative about a search, set in a form face. */
static const struct block search_ru[] = {
    {BLK_CENTER, 1, 0, "ПРОТОКОЛ ОБЫСКА"},
    {BLK_SPLIT, 0, 12, "22 ноября 2023 года\tг. Брест"},
    {BLK_JUSTIFY, 0, 12,
     "Старший оперуполномоченный ГУБОПиК МВД Республики Беларусь майор "
     "милиции Крюков В. Г. в присутствии понятых Сидоренко Т. М. и "
     "Лапицкого Р. Э. на основании постановления от 20 ноября 2023 года "
     "произвел обыск в жилище Михайловского Павла Андреевича по адресу: "
     "г. Брест, ул. Московская, д. 204, кв. 19."},
    {BLK_JUSTIFY, 0, 0,
     "Перед началом обыска Михайловскому П. А. было предложено добровольно "
     "выдать предметы и документы, имеющие значение для уголовного дела. "
     "Таковых выдано не было."},
    {BLK_JUSTIFY, 0, 0,
     "В ходе обыска изъяты: ноутбук серебристого цвета, мобильный телефон, "
     "флаг бело-красно-белого цвета, 14 листов печатного текста."},
    {BLK_JUSTIFY, 0, 0, "Замечаний и заявлений от участвующих лиц не поступило."},
    {BLK_SPLIT, 0, 24, "Оперуполномоченный\tВ. Г. Крюков"},
    {BLK_LEFT, 0, 0, NULL},
};

static const struct page_spec ruling_be_page = {FAMILY_TIMES, 12, ruling_be};
static const struct page_spec search_ru_page = {FAMILY_FORM, 11, search_ru};

const struct page_spec *const bench_page_texts[] = {
    &ruling_be_page,
    &search_ru_page,
};
const size_t bench_npage_texts = sizeof bench_page_texts / sizeof bench_page_texts[0];

/* A flatbed scan of slightly crooked, greyish paper (as docs.c's scan). */
#define SCAN \
    {"rotate", 0.2, 0.6}, {"background", 228, 8}, {"blur", 0.7, 0}, \
    { \
        "noise", 6, 0 \
    }

static const struct recipe_step clean300[] = {
    {"rotate", 0.0, 0.3}, {"background", 240, 4}, {"blur", 0.6, 0}, {"noise", 4, 0}, {NULL, 0, 0}};
static const struct recipe_step dpi200[] = {SCAN, {"scale", 200, 0}, {NULL, 0, 0}};
static const struct recipe_step dpi150[] = {SCAN, {"scale", 150, 0}, {NULL, 0, 0}};
/* standard fax: 204 x 98 dpi, 1 bit, a little smeared */
static const struct recipe_step fax[] = {{"rotate", 0.2, 0.8},  {"blur", 0.9, 0},
                                         {"noise", 10, 0},      {"scale", 200, 100},
                                         {"threshold", 150, 0}, {NULL, 0, 0}};
static const struct recipe_step skew[] = {
    {"rotate", 1.0, 4.0}, {"background", 228, 8}, {"blur", 0.7, 0}, {"noise", 6, 0}, {NULL, 0, 0}};
static const struct recipe_step rot90[] = {SCAN, {"turn", 90, 0}, {NULL, 0, 0}};
static const struct recipe_step rot180[] = {SCAN, {"turn", 180, 0}, {NULL, 0, 0}};
static const struct recipe_step rot270[] = {SCAN, {"turn", 270, 0}, {NULL, 0, 0}};
static const struct recipe_step noise[] = {{"rotate", 0.2, 0.6},
                                           {"background", 215, 10},
                                           {"blur", 0.7, 0},
                                           {"noise", 40, 0},
                                           {NULL, 0, 0}};
/* written as a JPEG of quality 30 (the class's format) */
static const struct recipe_step jpeg30[] = {SCAN, {NULL, 0, 0}};
static const struct recipe_step stamp[] = {SCAN, {"stamp", 19, 0.9}, {NULL, 0, 0}};
static const struct recipe_step background[] = {{"rotate", 0.2, 0.6}, {"background", 165, 50},
                                                {"light", 0.6, 0},    {"blur", 0.7, 0},
                                                {"noise", 8, 0},      {NULL, 0, 0}};
/* a phone photo: at an angle, lamp falloff, soft, warm light, about 170
 * pixels per inch of paper, EXIF-less JPEG claiming 72 dpi */
static const struct recipe_step phone[] = {
    {"background", 225, 10}, {"perspective", 0.06, 3}, {"light", 0.55, 0},
    {"blur", 1.2, 0},        {"noise", 8, 0},          {"tint", 0.35, 0},
    {"scale", 170, 0},       {"dpi", 72, 72},          {NULL, 0, 0}};

const struct bench_class bench_classes[] = {
    {"clean300", clean300, BENCH_PNG, 0}, {"dpi200", dpi200, BENCH_PNG, 0},
    {"dpi150", dpi150, BENCH_PNG, 0},     {"fax", fax, BENCH_TIFF_G4, 0},
    {"skew", skew, BENCH_PNG, 0},         {"rot90", rot90, BENCH_PNG, 0},
    {"rot180", rot180, BENCH_PNG, 0},     {"rot270", rot270, BENCH_PNG, 0},
    {"noise", noise, BENCH_PNG, 0},       {"jpeg30", jpeg30, BENCH_JPEG, 30},
    {"stamp", stamp, BENCH_PNG, 0},       {"background", background, BENCH_PNG, 0},
    {"phone", phone, BENCH_JPEG, 70},
};
const size_t bench_nclasses = sizeof bench_classes / sizeof bench_classes[0];
