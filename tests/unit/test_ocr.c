/*
 * test_ocr.c - the tesseract wrapper (ocr/ocr.h): Russian and Belarusian lines
 * rendered at scan-like size come back recognised, an engine loaded on its
 * first page reads as one loaded at once, a page with a Russian and an
 * English paragraph comes back with each in its own script's words, a
 * missing language is named clearly, and odd input is refused rather than
 * crashing.
 *
 * Page images are drawn here with cairo's toy text API ("DejaVu Sans" covers
 * Cyrillic) and decoded by leptonica from PNG bytes, as a scan would be.
 */
#include "ocr/ocr.h"

#include "testutil.h"

#include <cairo.h>
#include <check.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

static ocr_engine *engine; /* one per test process, as in a worker */

/* png_write_cb - cairo PNG stream into a GByteArray */
static cairo_status_t png_write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* decode - a cairo page as a PIX decoded by leptonica from PNG bytes, as a
 * scan would be, at `dpi` (the surface is destroyed) */
static PIX *decode(cairo_surface_t *s, int dpi)
{
    GByteArray *png = g_byte_array_new();
    ck_assert_int_eq(cairo_surface_write_to_png_stream(s, png_write_cb, png), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    PIX *pix = pixReadMem(png->data, png->len);
    g_byte_array_unref(png);
    ck_assert_ptr_nonnull(pix);
    pixSetResolution(pix, dpi, dpi);
    return pix;
}

/* blank - a white w x h page, black `face` type of font_px set on *cr */
static cairo_surface_t *blank(int w, int h, const char *face, double font_px, cairo_t **cr)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    *cr = cairo_create(s);
    cairo_set_source_rgb(*cr, 1, 1, 1);
    cairo_paint(*cr);
    cairo_set_source_rgb(*cr, 0, 0, 0);
    cairo_select_font_face(*cr, face, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(*cr, font_px);
    return s;
}

/* render_line - a white w x h page with one black line of text, as a PIX
 * decoded from PNG bytes, resolution 300 dpi */
static PIX *render_line(const char *text, int w, int h, double font_px)
{
    cairo_t *cr = NULL;
    cairo_surface_t *s = blank(w, h, "DejaVu Sans", font_px, &cr);
    cairo_move_to(cr, 60, h / 2.0 + font_px / 3);
    cairo_show_text(cr, text);
    cairo_destroy(cr);
    return decode(s, 300);
}

/* open_engine - the worker's language set, loaded once for the suite */
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
}

/* recognise - OCR a rendered line, return the text (malloc'd) */
static char *recognise(const char *line, double *conf)
{
    PIX *pix = render_line(line, 1600, 300, 50);
    char *text = NULL, *err = NULL;
    int rc = ocr_page(engine, pix, 0, &text, conf, &err);
    ck_assert_msg(rc == 0, "ocr_page: %s", err ? err : "?");
    ck_assert_ptr_null(err);
    ck_assert_ptr_nonnull(text);
    pixDestroy(&pix);
    return text;
}

START_TEST(test_russian_line)
{
    double conf = -1;
    char *text = recognise("Приговор суда по делу", &conf);
    ck_assert_msg(strstr(text, "Приговор") != NULL, "got: %s", text);
    ck_assert_msg(strstr(text, "суда") != NULL, "got: %s", text);
    ck_assert_msg(strstr(text, "делу") != NULL, "got: %s", text);
    ck_assert_msg(conf > 60 && conf <= 100, "confidence %f", conf);
    free(text);
}
END_TEST

START_TEST(test_belarusian_line)
{
    double conf = -1;
    char *text = recognise("Паведамленне пракурора Мінск", &conf);
    ck_assert_msg(strstr(text, "Паведамленне") != NULL, "got: %s", text);
    ck_assert_msg(strstr(text, "пракурора") != NULL, "got: %s", text);
    ck_assert_msg(strstr(text, "Мінск") != NULL, "got: %s", text); /* Belarusian і */
    ck_assert_msg(conf > 60, "confidence %f", conf);
    free(text);
}
END_TEST

START_TEST(test_engine_reused)
{
    /* the same engine, page after page: nothing from page 1 leaks into page 2 */
    double conf;
    char *a = recognise("Приговор суда по делу", &conf);
    char *b = recognise("Паведамленне пракурора Мінск", &conf);
    ck_assert_ptr_null(strstr(b, "Приговор"));
    ck_assert_ptr_nonnull(strstr(b, "пракурора"));
    free(a);
    free(b);
}
END_TEST

START_TEST(test_langs)
{
    ck_assert_str_eq(ocr_engine_langs(engine), "bel+rus+eng");
    ck_assert_ptr_null(ocr_engine_langs(NULL));
}
END_TEST

START_TEST(test_depths_and_dpi)
{
    /* RGB, colormapped and 1 bpp inputs are accepted; an absurd image dpi
     * (72 from a phone) or none at all must not break recognition */
    PIX *rgb = render_line("Приговор суда по делу", 1600, 300, 50);
    PIX *grey = pixConvertTo8(rgb, 0);
    pixDestroy(&rgb);
    PIX *inputs[3];
    inputs[0] = pixConvertTo32(grey);
    inputs[1] = pixConvertGrayToColormap(grey);
    inputs[2] = pixThresholdToBinary(grey, 128);
    for (int i = 0; i < 3; i++) {
        ck_assert_ptr_nonnull(inputs[i]);
        pixSetResolution(inputs[i], i == 0 ? 0 : 72, i == 0 ? 0 : 72);
        char *text = NULL, *err = NULL;
        double conf = -1;
        ck_assert_msg(ocr_page(engine, inputs[i], 0, &text, &conf, &err) == 0, "%s", err);
        ck_assert_msg(strstr(text, "Приговор") != NULL, "input %d got: %s", i, text);
        free(text);
        pixDestroy(&inputs[i]);
    }
    pixDestroy(&grey);
}
END_TEST

START_TEST(test_blank_page)
{
    PIX *pix = pixCreate(800, 400, 8);
    pixSetAllArbitrary(pix, 255);
    char *text = NULL, *err = NULL;
    double conf = -1;
    ck_assert_int_eq(ocr_page(engine, pix, 300, &text, &conf, &err), 0);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq((int)strspn(text, " \n"), (int)strlen(text));
    ck_assert(conf >= 0 && conf <= 100);
    free(text);
    pixDestroy(&pix);
}
END_TEST

START_TEST(test_bad_arguments)
{
    char *text = (char *)"untouched", *err = NULL;
    double conf;
    ck_assert_int_eq(ocr_page(engine, NULL, 0, &text, &conf, &err), -1);
    ck_assert_ptr_nonnull(err);
    free(err);
    err = NULL;
    ck_assert_int_eq(ocr_page(NULL, NULL, 0, &text, &conf, &err), -1);
    free(err);
    ocr_engine_close(NULL);
}
END_TEST

START_TEST(test_missing_language)
{
    char *err = NULL;
    ocr_engine *e = ocr_engine_open("xyz", NULL, &err);
    ck_assert_ptr_null(e);
    ck_assert_ptr_nonnull(err);
    ck_assert_str_eq(err, "tesseract cannot load language 'xyz': is tesseract-ocr-xyz installed?");
    free(err);
    err = NULL;
    /* made without loading, it finds the missing language on its first page,
     * and names it on every one */
    ocr_engine *lazy = ocr_engine_new("xyz", NULL, &err);
    ck_assert_ptr_nonnull(lazy);
    PIX *pix = render_line("Приговор", 800, 200, 50);
    char *text = NULL;
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(ocr_page(lazy, pix, 0, &text, NULL, &err), -1);
        ck_assert_ptr_null(text);
        ck_assert_str_eq(err,
                         "tesseract cannot load language 'xyz': is tesseract-ocr-xyz installed?");
        free(err);
        err = NULL;
    }
    ck_assert_int_eq(ocr_engine_load(lazy, &err), -1);
    ck_assert_ptr_nonnull(err);
    free(err);
    pixDestroy(&pix);
    ocr_engine_close(lazy);
}
END_TEST

START_TEST(test_missing_one_of_several)
{
    /* tesseract alone would load eng and carry on without the rest */
    char *err = NULL;
    ocr_engine *e = ocr_engine_open("eng+chi_sim_xyz", NULL, &err);
    ck_assert_ptr_null(e);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, "'chi_sim_xyz'") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "tesseract-ocr-chi-sim-xyz") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "'eng'") == NULL, "%s", err);
    free(err);
}
END_TEST

START_TEST(test_lazy_engine_reads_the_same)
{
    /* made without its models, it loads them on its first page and reads it
     * as the engine loaded at once does */
    char *err = NULL;
    ocr_engine *lazy = ocr_engine_new("bel+rus+eng", NULL, &err);
    ck_assert_msg(lazy != NULL, "ocr_engine_new: %s", err ? err : "?");
    PIX *pix = render_line("Приговор суда по делу", 1600, 300, 50);
    char *got = NULL, *want = NULL;
    double got_conf = -1, want_conf = -2;
    ck_assert_msg(ocr_page(lazy, pix, 0, &got, &got_conf, &err) == 0, "%s", err ? err : "?");
    ck_assert_int_eq(ocr_page(engine, pix, 0, &want, &want_conf, &err), 0);
    ck_assert_str_eq(got, want);
    ck_assert_double_eq(got_conf, want_conf);
    ck_assert_int_eq(ocr_engine_load(lazy, &err), 0); /* loaded once, already */
    free(got);
    free(want);
    pixDestroy(&pix);
    ocr_engine_close(lazy);
}
END_TEST

START_TEST(test_bad_tessdata_dir)
{
    char *dir = tu_tempdir("tessdata");
    char *err = NULL;
    ocr_engine *e = ocr_engine_open("rus", dir, &err);
    ck_assert_ptr_null(e);
    ck_assert_msg(err != NULL && strstr(err, "'rus'") && strstr(err, dir), "%s", err);
    free(err);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_no_languages)
{
    char *err = NULL;
    ck_assert_ptr_null(ocr_engine_open("", NULL, &err));
    ck_assert_ptr_nonnull(err);
    free(err);
    err = NULL;
    ck_assert_ptr_null(ocr_engine_open(NULL, NULL, &err));
    free(err);
}
END_TEST

/* A mixed page: a Russian paragraph, then an English one. */
static const char *const russian[] = {"Приговором суда города Минска обвиняемый признан",
                                      "виновным и осужден к лишению свободы на срок", NULL};
static const char *const english[] = {"It is a matter of public interest that in this case",
                                      "a lot of the evidence was not shown to his lawyer", NULL};

/* draw_lines - lines of text from baseline y down, one every 1.6 font
 * sizes; the baseline after them */
static double draw_lines(cairo_t *cr, const char *const *lines, double y, double font_px)
{
    for (; *lines != NULL; lines++) {
        cairo_move_to(cr, font_px * 2, y);
        cairo_show_text(cr, *lines);
        y += font_px * 1.6;
    }
    return y;
}

/* expect_lines - each line is in text as it was drawn */
static void expect_lines(const char *text, const char *const *lines)
{
    for (; *lines != NULL; lines++)
        ck_assert_msg(strstr(text, *lines) != NULL, "'%s' not read in:\n%s", *lines, text);
}

/* The mixed page as a 96-dpi screenshot (14 px type). Read whole by
 * bel+rus+eng its English paragraph comes out "It Ба matter of ..."; read
 * again by paragraph (ocr/latin.c, latin_blocks) the English is exact and
 * the Russian paragraph is read as before. */
START_TEST(test_mixed_page)
{
    const double font_px = 14;
    cairo_t *cr = NULL;
    cairo_surface_t *s = blank(800, 300, "Liberation Serif", font_px, &cr);
    double y = draw_lines(cr, russian, font_px * 3, font_px);
    draw_lines(cr, english, y + font_px * 1.6, font_px);
    cairo_destroy(cr);
    PIX *pix = decode(s, 96);
    char *text = NULL, *err = NULL;
    ck_assert_msg(ocr_page(engine, pix, 0, &text, NULL, &err) == 0, "ocr_page: %s", err);
    pixDestroy(&pix);
    expect_lines(text, english);
    expect_lines(text, russian);
    free(text);
}
END_TEST

static Suite *ocr_suite(void)
{
    Suite *s = suite_create("ocr");
    TCase *rec = tcase_create("recognise");
    tcase_add_unchecked_fixture(rec, open_engine, close_engine);
    tcase_set_timeout(rec, 120);
    tcase_add_test(rec, test_russian_line);
    tcase_add_test(rec, test_belarusian_line);
    tcase_add_test(rec, test_engine_reused);
    tcase_add_test(rec, test_langs);
    tcase_add_test(rec, test_depths_and_dpi);
    tcase_add_test(rec, test_blank_page);
    tcase_add_test(rec, test_bad_arguments);
    tcase_add_test(rec, test_lazy_engine_reads_the_same);
    tcase_add_test(rec, test_mixed_page);
    suite_add_tcase(s, rec);

    TCase *open = tcase_create("open");
    tcase_set_timeout(open, 60);
    tcase_add_test(open, test_missing_language);
    tcase_add_test(open, test_missing_one_of_several);
    tcase_add_test(open, test_bad_tessdata_dir);
    tcase_add_test(open, test_no_languages);
    suite_add_tcase(s, open);
    return s;
}

int main(void)
{
    /* before tesseract starts any OpenMP thread (and before Check forks) */
    setenv("OMP_THREAD_LIMIT", "1", 0);
    return tu_run_suite(ocr_suite());
}
