/*
 * test_ocr_script.c - script-consistent text: the word rule of ocr/script.c on
 * its own, and real screenshots (tests/fixtures/screens, rendered by chromium
 * from bench/realworld/pages) read by the engine: an English and a Polish page
 * come back in Latin letters only, with their words; a Belarusian page keeps
 * its і and ў. And which words count as plausible text when readings are
 * compared and a page's script is told (script_plausible).
 */
#include "ocr/ocr.h"
#include "ocr/ocr_private.h" /* script_plausible */

#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

static ocr_engine *engine; /* one per test process, as in a worker */

/* open_engine - the worker's default language set */
static void open_engine(void)
{
    char *err = NULL;
    engine = ocr_engine_open("bel+rus+eng", NULL, &err);
    ck_assert_msg(engine != NULL, "ocr_engine_open: %s", err ? err : "?");
}

/* close_engine - free it */
static void close_engine(void)
{
    ocr_engine_close(engine);
    engine = NULL;
}

/* cyrillic_letters - how many Cyrillic letters a UTF-8 text holds */
static int cyrillic_letters(const char *text)
{
    int n = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        n += c >= 0x0400 && c <= 0x04FF;
    }
    return n;
}

/* read_screen - OCR of tests/fixtures/screens/NAME (malloc'd text) */
static char *read_screen(const char *name)
{
    const char *dir = getenv("DOKAZ_FIXTURES");
    ck_assert_msg(dir != NULL, "DOKAZ_FIXTURES is not set (meson test sets it)");
    char *path = g_build_filename(dir, "screens", name, NULL);
    PIX *pix = pixRead(path);
    ck_assert_msg(pix != NULL, "cannot read %s", path);
    g_free(path);
    char *text = NULL, *err = NULL;
    double conf = 0;
    ck_assert_msg(ocr_page(engine, pix, 0, &text, &conf, &err) == 0, "ocr_page: %s", err);
    pixDestroy(&pix);
    return text;
}

/* expect_read - each of the NULL-terminated phrases is in text */
static void expect_read(const char *text, const char *const *want)
{
    for (; *want != NULL; want++)
        ck_assert_msg(strstr(text, *want) != NULL, "'%s' not read in:\n%s", *want, text);
}

/* The word rule: input, expected. Cyrillic letters are written as escapes
 * where they look like Latin ones, so the table says what it tests. */
static const char *const words[][2] = {
    /* a Latin word with a Cyrillic а / і / о becomes Latin */
    {"th\u0430t is \u0430ll", "that is all"},
    {"\u0406vanou Siarhei", "Ivanou Siarhei"},
    {"p\u043elice", "police"},
    /* a short Cyrillic look-alike word between Latin words: Latin */
    {"a lot of \u0430 house", "a lot of a house"},
    /* a Cyrillic word with a Latin c / e becomes Cyrillic */
    {"\u041c\u0456\u043dc\u043a", "\u041c\u0456\u043d\u0441\u043a"},
    {"\u0441\u0443\u0434 \u0440\u0430e\u043d\u0430",
     "\u0441\u0443\u0434 \u0440\u0430\u0435\u043d\u0430"},
    /* Belarusian і and ў words stay as they are */
    {"\u0456 \u045e\u0441\u0435 \u0456\u043d\u0448\u044b\u044f",
     "\u0456 \u045e\u0441\u0435 \u0456\u043d\u0448\u044b\u044f"},
    {"\u0410\u0434\u0437\u0456\u043d \u0456 \u045e\u0441\u0451",
     "\u0410\u0434\u0437\u0456\u043d \u0456 \u045e\u0441\u0451"},
    /* a lone Latin "I" between Belarusian words is the conjunction І (case kept) */
    {"\u041c\u0456\u043d\u0441\u043a I \u0413\u0440\u043e\u0434\u043d\u0430",
     "\u041c\u0456\u043d\u0441\u043a \u0406 \u0413\u0440\u043e\u0434\u043d\u0430"},
    /* never Cyrillicise Latin letters outside a Cyrillic context */
    {"Coca Cola", "Coca Cola"},
    {"\u0441\u0443\u0434 Coca Cola", "\u0441\u0443\u0434 Coca Cola"},
    {"I am here", "I am here"},
    /* a mixed line: each word settled on its own */
    {"\u0441\u0443\u0434 Minsk \u0433o\u0440o\u0434",
     "\u0441\u0443\u0434 Minsk \u0433\u043e\u0440\u043e\u0434"},
    /* a letter without a look-alike blocks the change: the word stays */
    {"ma\u045ee", "ma\u045ee"},
    /* Polish letters are Latin: the Cyrillic а among them becomes Latin */
    {"\u0142\u0430d", "\u0142ad"},
    /* a tie without neighbours of one script stays as read */
    {"\u0430b", "\u0430b"},
    /* neighbours on another line are no context */
    {"house\n\u0430\nlot", "house\n\u0430\nlot"},
    {"", ""},
};

START_TEST(word_rule)
{
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
        char *out = ocr_script_consistent(words[i][0]);
        ck_assert_msg(strcmp(out, words[i][1]) == 0, "'%s' gave '%s', expected '%s'", words[i][0],
                      out, words[i][1]);
        free(out);
    }
}
END_TEST

/* Plausible words: input, its weight, Latin and Cyrillic letters counted. */
static const struct {
    const char *word;
    long weight;
    int latin, cyrillic;
} plausible[] = {
    {"Komunikabideak", 14, 14, 0},
    {"\u0456\u043d\u0448\u044b\u044f", 5, 0, 5}, /* іншыя */
    {"ma\u045ee", 0, 0, 0},                      /* Latin and ў in one word */
    {"\u0430b", 0, 0, 0},                        /* look-alikes of both scripts */
    {"\u0439", 0, 0, 0},                         /* a lone letter (й) */
    {"2014/10/04", 8, 0, 0},                     /* a number */
    {"12ab", 4, 2, 0},                           /* a case number's part */
    {"\u201c\u0436\u045e", 2, 0, 2},             /* “жў: signs do not count */
    {"`", 0, 0, 0},
};

START_TEST(plausible_words)
{
    for (size_t i = 0; i < G_N_ELEMENTS(plausible); i++) {
        int latin = 0, cyrillic = 0;
        long w = script_plausible(plausible[i].word, &latin, &cyrillic);
        ck_assert_msg(w == plausible[i].weight && latin == plausible[i].latin &&
                          cyrillic == plausible[i].cyrillic,
                      "'%s': weight %ld, %d Latin, %d Cyrillic", plausible[i].word, w, latin,
                      cyrillic);
    }
}
END_TEST

/* An English screenshot: every word Latin, and its sentences found. */
START_TEST(english_screenshot_latin)
{
    char *text = read_screen("en-sans.png");
    ck_assert_msg(cyrillic_letters(text) == 0, "Cyrillic letters in an English page:\n%s", text);
    static const char *const want[] = {
        "Human rights centre",   "The defendant is accused", "sharing photos with a foreign",
        "general regime colony", "Letters of support",       NULL};
    expect_read(text, want);
    free(text);
}
END_TEST

/* A Polish screenshot: Latin letters only, Polish ones included. */
START_TEST(polish_screenshot_latin)
{
    char *text = read_screen("pl-sans.png");
    ck_assert_msg(cyrillic_letters(text) == 0, "Cyrillic letters in a Polish page:\n%s", text);
    static const char *const want[] = {"Komunikat w sprawie pomocy prawnej", "Białorusi",
                                       "należy dołączyć", "dwóch tygodni", NULL};
    expect_read(text, want);
    free(text);
}
END_TEST

/* A Belarusian screenshot stays Cyrillic, і and ў included. */
START_TEST(belarusian_screenshot_cyrillic)
{
    char *text = read_screen("be-serif.png");
    static const char *const want[] = {"журналістцы", "распаўсюдзе", "палітвязнем",
                                       "апеляцыю ў абласны суд", NULL};
    expect_read(text, want);
    free(text);
}
END_TEST

/* ocr_script_suite - the word rule, then the screenshots */
static Suite *ocr_script_suite(void)
{
    Suite *s = suite_create("ocr_script");
    TCase *rule = tcase_create("rule");
    tcase_add_test(rule, word_rule);
    tcase_add_test(rule, plausible_words);
    suite_add_tcase(s, rule);
    TCase *pages = tcase_create("pages");
    tcase_add_unchecked_fixture(pages, open_engine, close_engine);
    tcase_set_timeout(pages, 120);
    tcase_add_test(pages, english_screenshot_latin);
    tcase_add_test(pages, polish_screenshot_latin);
    tcase_add_test(pages, belarusian_screenshot_cyrillic);
    suite_add_tcase(s, pages);
    return s;
}

int main(void)
{
    /* before tesseract starts any OpenMP thread (and before Check forks) */
    setenv("OMP_THREAD_LIMIT", "1", 0);
    return tu_run_suite(ocr_script_suite());
}
