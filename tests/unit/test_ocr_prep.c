/*
 * test_ocr_prep.c - page preparation (ocr/prep*.c) on pages drawn here: a page
 * turned by 90, 180 or 270 degrees comes back upright, a 3-degree skew is
 * measured within 0.3 degrees and removed, a blank page is found blank, a
 * 150-dpi page is enlarged, a fax page made square, a page without a
 * resolution gets one from its letters, a coloured stamp fades out, a
 * photographed curled page is straightened and read; and the
 * OCR cache and searchable PDF of a document.
 */
#include "ocr/ocr.h"

#include "testutil.h"

#include <cairo.h>
#include <check.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static ocr_engine *engine;

static const char *const lines[] = {
    "ПРИГОВОР ИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ",        "Суд Заречного района города Минска",
    "рассмотрев в открытом судебном заседании",   "уголовное дело в отношении Иванова Сергея",
    "Паведамленне пракуратуры горада Мінска",     "аб накіраванні крымінальнай справы ў суд",
    "Срок наказания исчислять со дня задержания", "Приговор может быть обжалован в течение",
};

/* draw_page - a 1240-pixel wide 300-dpi grey page of `rows` rows of text:
 * lines[i] each, or (run_on) each row running on with the next line and
 * cut at the right edge, so that every row is as long as a paragraph's */
static PIX *draw_page(int h, int rows, bool run_on)
{
    int w = 1240;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 42);
    cairo_rectangle(cr, 0, 0, w - 60, h);
    cairo_clip(cr);
    for (int i = 0; i < rows; i++) {
        cairo_move_to(cr, 60, 150 + i * 95);
        cairo_show_text(cr, lines[i % 8]);
        if (run_on) {
            cairo_show_text(cr, " ");
            cairo_show_text(cr, lines[(i + 1) % 8]);
        }
    }
    cairo_destroy(cr);
    cairo_surface_flush(s);
    PIX *pix = pixCreate(w, h, 8);
    const unsigned char *src = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            pixSetPixel(pix, x, y, 255 - src[(size_t)y * stride + x]);
    cairo_surface_destroy(s);
    pixSetResolution(pix, 300, 300);
    return pix;
}

/* text_page - an A6-sized 300-dpi grey page with eight lines of text */
static PIX *text_page(void)
{
    return draw_page(1000, 8, false);
}

static void open_engine(void)
{
    char *err = NULL;
    engine = ocr_engine_open("bel+rus+eng", NULL, &err);
    ck_assert_msg(engine != NULL, "ocr_engine_open: %s", err ? err : "?");
}

static void close_engine(void)
{
    ocr_engine_close(engine);
    engine = NULL;
    cairo_debug_reset_static_data(); /* the toy font API's cached fonts */
}

/* turned_back - a page turned clockwise by `deg` is turned back by the correction */
START_TEST(turned_back)
{
    static const int turns[] = {90, 180, 270};
    PIX *page = text_page();
    PIX *turned = pixRotateOrth(page, turns[_i] / 90);
    pixSetResolution(turned, 300, 300);
    int fix = ocr_prep_orientation(engine, turned, 300);
    ck_assert_msg((turns[_i] + fix) % 360 == 0, "turned %d, corrected by %d", turns[_i], fix);
    ck_assert_int_eq(ocr_prep_orientation(engine, page, 300), 0); /* upright stays */

    /* and the whole pipeline reads it */
    ocr_result res;
    char *err = NULL;
    ck_assert_msg(ocr_recognise(engine, turned, 0, 0, 0, &res, &err) == 0, "%s", err);
    ck_assert_int_eq(res.prep.rotated, fix);
    ck_assert_msg(strstr(res.text, "Заречного района") != NULL, "got: %s", res.text);
    ocr_result_free(&res);
    pixDestroy(&turned);
    pixDestroy(&page);
}
END_TEST

/* skew_measured_and_removed - 3 degrees, found within 0.3 and levelled */
START_TEST(skew_measured_and_removed)
{
    PIX *page = text_page();
    PIX *skewed = pixRotate(page, (float)(3.0 * M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                            0, 0);
    pixCopyResolution(skewed, page);
    double angle = ocr_prep_skew(skewed);
    ck_assert_msg(fabs(angle + 3.0) <= 0.3, "measured %f for a 3 degree skew", angle);
    PIX *level = ocr_prep_rotate(skewed, angle);
    double left = ocr_prep_skew(level);
    ck_assert_msg(fabs(left) <= 0.3, "still %f degrees after deskewing", left);
    ck_assert_msg(fabs(ocr_prep_skew(page)) <= 0.3, "a level page measured skewed");
    pixDestroy(&level);
    pixDestroy(&skewed);
    pixDestroy(&page);
}
END_TEST

/* blank_found - paper with specks is blank; a page of text is not */
START_TEST(blank_found)
{
    PIX *paper = pixCreate(1240, 1000, 8);
    pixSetAllArbitrary(paper, 235);
    for (int i = 0; i < 40; i++) /* dust */
        pixSetPixel(paper, (i * 7919) % 1240, (i * 104729) % 1000, 20);
    pixSetResolution(paper, 300, 300);
    PIX *bin = ocr_prep_binarize(paper), *clean = ocr_prep_clean(bin, 300);
    ck_assert(ocr_prep_is_blank(clean, 300));
    ocr_result res;
    char *err = NULL;
    ck_assert_msg(ocr_recognise(engine, paper, 0, 0, 0, &res, &err) == 0, "%s", err);
    ck_assert(res.prep.blank);
    ck_assert_str_eq(res.text, "");
    ocr_result_free(&res);

    PIX *page = text_page(), *pbin = ocr_prep_binarize(page);
    PIX *pclean = ocr_prep_clean(pbin, 300);
    ck_assert(!ocr_prep_is_blank(pclean, 300));
    pixDestroy(&pclean);
    pixDestroy(&pbin);
    pixDestroy(&page);
    pixDestroy(&clean);
    pixDestroy(&bin);
    pixDestroy(&paper);
}
END_TEST

/* upscaled - 150 dpi to 250; fax 200 x 100 made square; no dpi estimated */
START_TEST(upscaled)
{
    PIX *page = text_page();
    PIX *low = pixScale(page, 0.5f, 0.5f);
    pixSetResolution(low, 150, 150);
    int dpi = 0;
    double scale = 0;
    PIX *up = ocr_prep_resolution(low, 0, 0, &dpi, &scale);
    ck_assert_int_eq(dpi, 250);
    ck_assert(fabs(scale - 250.0 / 150) < 0.01);
    ck_assert_int_eq(pixGetWidth(up), lround(pixGetWidth(low) * 250.0 / 150));
    pixDestroy(&up);

    /* fax: square first (y x 2), 200 dpi is then enough */
    PIX *fax = pixScale(page, 200.0f / 300, 100.0f / 300);
    up = ocr_prep_resolution(fax, 200, 100, &dpi, &scale);
    ck_assert_int_eq(dpi, 200);
    ck_assert_int_eq(pixGetWidth(up), pixGetWidth(fax));
    ck_assert_int_eq(pixGetHeight(up), 2 * pixGetHeight(fax));
    pixDestroy(&up);

    /* a phone's "72 dpi" on what is really a 150-dpi page */
    pixSetResolution(low, 72, 72);
    up = ocr_prep_resolution(low, 0, 0, &dpi, &scale);
    ck_assert_msg(scale > 1.6 && scale < 2.5, "estimated scale %f", scale);
    pixDestroy(&up);
    /* a 300-dpi page without any resolution is left as it is */
    pixSetResolution(page, 0, 0);
    up = ocr_prep_resolution(page, 0, 0, &dpi, &scale);
    ck_assert_msg(scale == 1.0 && dpi >= 250, "scale %f dpi %d", scale, dpi);
    pixDestroy(&up);
    pixDestroy(&fax);
    pixDestroy(&low);
    pixDestroy(&page);
}
END_TEST

/* stamp_fades - a violet stamp over black text: black stays, violet goes */
START_TEST(stamp_fades)
{
    PIX *rgb = pixCreate(100, 100, 32);
    pixSetAllArbitrary(rgb, 0xffffff00);
    for (int x = 0; x < 50; x++)
        pixSetPixel(rgb, x, 10, 0x00000000); /* black type */
    for (int x = 50; x < 100; x++)
        pixSetPixel(rgb, x, 10, 0x4b3cc800); /* violet-blue stamp ink */
    PIX *grey = ocr_prep_grey(rgb);
    l_uint32 v;
    pixGetPixel(grey, 10, 10, &v);
    ck_assert_uint_lt(v, 30);
    pixGetPixel(grey, 70, 10, &v);
    ck_assert_uint_gt(v, 190);
    pixDestroy(&grey);
    pixDestroy(&rgb);
}
END_TEST

/* curled - a page as a phone photographs it curling up: lines bent by a
 * quadratic vertical shear (up to 70 pixels at the edges), lit from one side */
static PIX *curled(PIX *page)
{
    PIX *bent = pixQuadraticVShear(page, L_WARP_TO_RIGHT, 70, 50, L_INTERPOLATED, L_BRING_IN_WHITE);
    int w = pixGetWidth(bent), h = pixGetHeight(bent);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            l_uint32 v;
            pixGetPixel(bent, x, y, &v);
            pixSetPixel(bent, x, y, v * (3 * w + 2 * x) / (5 * w)); /* 60% to full light */
        }
    pixCopyResolution(bent, page);
    return bent;
}

/* curl_straightened - a photographed curled page is dewarped and its words
 * found; a flat page is left as it is */
START_TEST(curl_straightened)
{
    PIX *page = draw_page(1500, 14, true), *photo = curled(page);
    ocr_result res;
    char *err = NULL;
    ck_assert_msg(ocr_recognise(engine, photo, 0, 0, 0, &res, &err) == 0, "%s", err);
    ck_assert_msg(res.prep.dewarped, "the curled page was not dewarped");
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) /* each begins a row */
        ck_assert_msg(strstr(res.text, lines[i]) != NULL, "no '%s' in: %s", lines[i], res.text);
    ocr_result_free(&res);
    ck_assert_msg(ocr_recognise(engine, page, 0, 0, 0, &res, &err) == 0, "%s", err);
    ck_assert_msg(!res.prep.dewarped, "a flat page was dewarped");
    ocr_result_free(&res);
    pixDestroy(&photo);
    pixDestroy(&page);
}
END_TEST

/* document_cached - cache and searchable PDF of a document, reused after */
START_TEST(document_cached)
{
    char *data = tu_tempdir("ocr-doc"), *err = NULL;
    const char *sha = "ab00000000000000000000000000000000000000000000000000000000000001";
    PIX *page = text_page();
    ck_assert_msg(ocr_document_begin(engine, data, sha, true, &err) == 0, "%s", err);
    ocr_result res;
    ck_assert_msg(ocr_recognise(engine, page, 0, 0, 1, &res, &err) == 0, "%s", err);
    ck_assert(!res.cached);
    ocr_result_free(&res);
    int pdf_pages = 0;
    ck_assert_msg(ocr_document_end(engine, true, &pdf_pages, &err) == 0, "%s", err);
    ck_assert_int_eq(pdf_pages, 1);
    char *pdf = ocr_searchable_pdf(data, sha);
    ck_assert_ptr_nonnull(pdf);
    size_t len = 0;
    char *bytes = tu_read(pdf, &len);
    ck_assert(len > 1000 && memcmp(bytes, "%PDF", 4) == 0);
    free(bytes);
    free(pdf);

    /* read again: from the cache, without recognising */
    ck_assert(ocr_document_begin(engine, data, sha, true, &err) == 0);
    ck_assert(ocr_recognise(engine, page, 0, 0, 1, &res, &err) == 0);
    ck_assert(res.cached);
    ck_assert_msg(strstr(res.text, "Заречного") != NULL, "%s", res.text);
    ocr_result_free(&res);
    ck_assert(ocr_document_end(engine, true, NULL, &err) == 0);
    /* other settings do not share it */
    ocr_prep p;
    ocr_prep_defaults(&p);
    p.deskew = false;
    ocr_engine_set_prep(engine, &p);
    ck_assert(ocr_document_begin(engine, data, sha, false, &err) == 0);
    ck_assert(ocr_recognise(engine, page, 0, 0, 1, &res, &err) == 0);
    ck_assert(!res.cached);
    ocr_result_free(&res);
    ck_assert(ocr_document_end(engine, false, NULL, &err) == 0);
    ocr_prep_defaults(&p);
    ocr_engine_set_prep(engine, &p);
    ck_assert_ptr_null(ocr_searchable_pdf(data, "ab00"));
    pixDestroy(&page);
    tu_rmtree(data);
    free(data);
}
END_TEST

/* corrections - 3 for a lone З, № for "Ме" or "М", "г." before a town, Cyrillic
 * initials for Latin look-alikes next to a Cyrillic initial; nothing else */
START_TEST(corrections)
{
    static const char *const cases[][2] = {
        {"по ч. З ст. 342 УК", "по ч. 3 ст. 342 УК"},
        {"в зал № З. При себе", "в зал № 3. При себе"},
        {"Дело Ме 1-234/2024\n", "Дело № 1-234/2024\n"},
        {"уроженца г Гродно,", "уроженца г. Гродно,"},
        {"З матэрыялаў справы", "З матэрыялаў справы"}, /* a Belarusian word */
        {"Ме и Мо", "Ме и Мо"},
        {"г на конце", "г на конце"},
        {"по делу М 1-234/2024 в", "по делу № 1-234/2024 в"},
        {"дом М 5", "дом М 5"}, /* no case number */
        {"Мінска FO. В. Сёмкін", "Мінска Ю. В. Сёмкін"},
        {"Сёмкін В. IO.,", "Сёмкін В. Ю.,"},
        {"Иванова C. H. и", "Иванова C. H. и"}, /* only next to a Cyrillic one */
        {"Иванова C. Н. и", "Иванова С. Н. и"},
        {"J. R. R. Tolkien", "J. R. R. Tolkien"},
        {"FO. is", "FO. is"},
        {"Н. Z. и", "Н. Z. и"}, /* no look-alike */
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = ocr_correct_legal(cases[i][0]);
        ck_assert_str_eq(out, cases[i][1]);
        free(out);
    }
}
END_TEST

/* config_read - DATA/ocr.conf: switches, folder languages, typos refused */
START_TEST(config_read)
{
    char *data = tu_tempdir("ocr-conf"), *err = NULL;
    char *path = tu_path(data, "ocr.conf");
    const char conf[] = "# test\ndeskew = off\nlow_confidence = 70\n"
                        "lang /in/pl = pol+eng\nlang /in/pl/ru = rus\n";
    tu_write(path, conf, sizeof conf - 1);
    ocr_config *cfg = ocr_config_load(data, "bel+rus+eng", &err);
    ck_assert_msg(cfg != NULL, "%s", err);
    ck_assert(!ocr_config_prep(cfg)->deskew && ocr_config_prep(cfg)->orient);
    ck_assert(ocr_config_low_confidence(cfg) == 70);
    ck_assert_str_eq(ocr_config_langs(cfg, "/in/pl/a.png"), "pol+eng");
    ck_assert_str_eq(ocr_config_langs(cfg, "/in/pl/ru/b.png"), "rus");
    ck_assert_str_eq(ocr_config_langs(cfg, "/in/plx/c.png"), "bel+rus+eng");
    ck_assert_str_eq(ocr_config_langs(cfg, NULL), "bel+rus+eng");
    ocr_config_free(cfg);
    const char typo[] = "deskwe = off\n";
    tu_write(path, typo, sizeof typo - 1);
    ck_assert_ptr_null(ocr_config_load(data, "bel", &err));
    ck_assert_msg(strstr(err, "deskwe") != NULL, "%s", err);
    free(err);
    free(path);
    tu_rmtree(data);
    free(data);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ocr_prep");
    TCase *t = tcase_create("prep");
    tcase_add_unchecked_fixture(t, open_engine, close_engine);
    tcase_add_loop_test(t, turned_back, 0, 3);
    tcase_add_test(t, skew_measured_and_removed);
    tcase_add_test(t, blank_found);
    tcase_add_test(t, upscaled);
    tcase_add_test(t, stamp_fades);
    tcase_add_test(t, curl_straightened);
    tcase_add_test(t, document_cached);
    tcase_add_test(t, config_read);
    tcase_add_test(t, corrections);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return tu_run_suite(suite());
}
