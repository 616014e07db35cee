/*
 * test_extract_pdf.c - PDFs (extract/pdf.c): text layers are used where they
 * are real, scanned pages are rendered and OCRed, page numbers stay in order,
 * and broken or encrypted files fail with a reason.
 *
 * Every PDF is made here: cairo's PDF surface for text and image pages, and
 * a few hand-written objects for the encrypted one.
 */
#include "extract/extract.h"
#include "ocr/ocr.h"

#include "ocr_sink.h"
#include "testutil.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define RU "Приговор суда по делу"
#define BE "Паведамленне пракурора Мінск"
#define TYPED "Постановление о возбуждении уголовного дела по части 3 статьи 361 УК"

/* run_pdf - identify the bytes by content (a PDF), then extract them */
static extract_status run_pdf(const void *data, size_t len, ocr_engine *ocr, int dpi, collected *c,
                              char **reason)
{
    return collect_pages(data, len, "application/pdf", ocr, dpi, c, reason);
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* set_font - DejaVu Sans (covers Cyrillic) at `size` */
static void set_font(cairo_t *cr, double size)
{
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

/* scan_image - a "scanned" line: white 1600 x h image, 50 px black text */
static cairo_surface_t *scan_image(const char *text, int h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    set_font(cr, 50);
    cairo_move_to(cr, 60, 170);
    cairo_show_text(cr, text);
    cairo_destroy(cr);
    return s;
}

/* Page kinds for make_pdf. */
enum { TEXT_PAGE, SCAN_PAGE, STAMPED_SCAN_PAGE, MOJIBAKE_PAGE, PICTURE_PAGE, COVERED_PAGE };

/* make_pdf - one page per entry of kinds[] (texts[] says what is on it)
 *
 * TEXT_PAGE: real text (a text layer); SCAN_PAGE: only an image of the text,
 * 1600 x 300 px shown at 300 dpi; STAMPED_SCAN_PAGE: the scan plus a short
 * real-text stamp under it; MOJIBAKE_PAGE: real text that is Cyrillic read as
 * Latin-1, as from a font without a Unicode map; PICTURE_PAGE: a TEXT_PAGE
 * holding TYPED with the scan of the text pasted under it; COVERED_PAGE: the
 * same with the scan's words also typed over it, as a searchable PDF has. */
static GByteArray *make_pdf(const int *kinds, const char *const *texts, int n)
{
    GByteArray *out = g_byte_array_new();
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(write_cb, out, 384, 72);
    cairo_t *cr = cairo_create(pdf);
    for (int i = 0; i < n; i++) {
        if (kinds[i] == SCAN_PAGE || kinds[i] == STAMPED_SCAN_PAGE) {
            int h = kinds[i] == SCAN_PAGE ? 300 : 400;
            cairo_pdf_surface_set_size(pdf, 384, kinds[i] == SCAN_PAGE ? 72 : 120);
            cairo_surface_t *img = scan_image(texts[i], h);
            cairo_save(cr);
            cairo_scale(cr, 72.0 / 300, 72.0 / 300);
            cairo_set_source_surface(cr, img, 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
            cairo_surface_destroy(img);
            if (kinds[i] == STAMPED_SCAN_PAGE) {
                cairo_set_source_rgb(cr, 0, 0, 0.6);
                set_font(cr, 9);
                cairo_move_to(cr, 14, 110);
                cairo_show_text(cr, "Копия верна. Судья Иванов И.И.");
            }
        } else if (kinds[i] == PICTURE_PAGE || kinds[i] == COVERED_PAGE) {
            cairo_pdf_surface_set_size(pdf, 595, 260);
            cairo_set_source_rgb(cr, 0, 0, 0);
            set_font(cr, 12);
            cairo_move_to(cr, 40, 60);
            cairo_show_text(cr, TYPED);
            cairo_surface_t *img = scan_image(texts[i], 300);
            cairo_save(cr);
            cairo_translate(cr, 40, 120);
            cairo_scale(cr, 72.0 / 300, 72.0 / 300);
            cairo_set_source_surface(cr, img, 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
            cairo_surface_destroy(img);
            if (kinds[i] == COVERED_PAGE) {
                cairo_move_to(cr, 40 + 60 * 72.0 / 300, 120 + 170 * 72.0 / 300);
                cairo_show_text(cr, texts[i]);
            }
        } else {
            cairo_pdf_surface_set_size(pdf, 595, 200);
            cairo_set_source_rgb(cr, 0, 0, 0);
            set_font(cr, 12);
            cairo_move_to(cr, 40, 60);
            cairo_show_text(cr, texts[i]);
            cairo_move_to(cr, 40, 90);
            cairo_show_text(cr, kinds[i] == MOJIBAKE_PAGE ? "Ñóäüÿ Ëåíèíñêîãî ðàéîíà"
                                                          : "Суд Ленинского района г. Минска");
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    ck_assert_int_eq(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(pdf);
    return out;
}

START_TEST(test_text_layer_pages)
{
    const int kinds[] = {TEXT_PAGE, TEXT_PAGE};
    const char *texts[] = {TYPED, BE};
    GByteArray *pdf = make_pdf(kinds, texts, 2);
    collected c = {0};
    char *reason = NULL;
    /* no OCR engine needed for a born-digital PDF */
    ck_assert_int_eq(run_pdf(pdf->data, pdf->len, NULL, 300, &c, &reason), EXTRACT_DONE);
    ck_assert_ptr_null(reason);
    ck_assert_int_eq(c.count, 2);
    ck_assert_int_eq(c.numbers[0], 1);
    ck_assert_int_eq(c.numbers[1], 2);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_TEXT_LAYER);
    ck_assert_int_eq(c.sources[1], PAGE_SOURCE_TEXT_LAYER);
    assert_words(c.texts[0], TYPED);
    assert_words(c.texts[0], "Суд Ленинского района");
    assert_words(c.texts[1], BE);
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_scanned_page_is_ocred)
{
    const int kinds[] = {SCAN_PAGE};
    const char *texts[] = {RU};
    GByteArray *pdf = make_pdf(kinds, texts, 1);
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_pdf(pdf->data, pdf->len, test_engine, 0 /* default */, &c, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s", reason ? reason : "");
    ck_assert_int_eq(c.count, 1);
    ck_assert_int_eq(c.numbers[0], 1);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_OCR);
    assert_words(c.texts[0], RU);
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_mixed_pages_in_order)
{
    const int kinds[] = {TEXT_PAGE, SCAN_PAGE, TEXT_PAGE};
    const char *texts[] = {TYPED, BE, RU};
    GByteArray *pdf = make_pdf(kinds, texts, 3);
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_pdf(pdf->data, pdf->len, test_engine, 300, &c, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s", reason ? reason : "");
    ck_assert_int_eq(c.count, 3);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(c.numbers[i], i + 1);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_TEXT_LAYER);
    ck_assert_int_eq(c.sources[1], PAGE_SOURCE_OCR);
    ck_assert_int_eq(c.sources[2], PAGE_SOURCE_TEXT_LAYER);
    assert_words(c.texts[0], TYPED);
    assert_words(c.texts[1], BE);
    assert_words(c.texts[2], RU);
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_stamp_over_scan_is_ocred)
{
    /* a short real-text stamp on a full-page scan: the scan's text matters */
    const int kinds[] = {STAMPED_SCAN_PAGE};
    const char *texts[] = {RU};
    GByteArray *pdf = make_pdf(kinds, texts, 1);
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_pdf(pdf->data, pdf->len, test_engine, 300, &c, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s", reason ? reason : "");
    ck_assert_int_eq(c.count, 1);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_OCR);
    assert_words(c.texts[0], RU);
    assert_words(c.texts[0], "Копия верна");
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_pictures_on_text_pages)
{
    /* a picture of text under a text layer: its words are read and follow
     * the layer's; under words of its own (a searchable PDF) it is not read
     * again; without OCR the layer alone */
    const int kinds[] = {PICTURE_PAGE, COVERED_PAGE};
    const char *texts[] = {RU, BE};
    GByteArray *pdf = make_pdf(kinds, texts, 2);
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_pdf(pdf->data, pdf->len, test_engine, 300, &c, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s", reason ? reason : "");
    ck_assert_int_eq(c.count, 2);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_TEXT_LAYER_OCR);
    assert_words(c.texts[0], TYPED);
    assert_words(c.texts[0], RU);
    ck_assert_msg(strstr(c.texts[0], TYPED) < strstr(c.texts[0], "Приговор"), "%s", c.texts[0]);
    ck_assert(c.confidence[0] >= 50);
    ck_assert_int_eq(c.sources[1], PAGE_SOURCE_TEXT_LAYER);
    ck_assert_double_eq(c.confidence[1], -1.0);
    collected_free(&c);
    ck_assert_int_eq(run_pdf(pdf->data, pdf->len, NULL, 300, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_TEXT_LAYER);
    ck_assert_ptr_null(strstr(c.texts[0], "Приговор"));
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_mojibake_text_layer_is_not_used)
{
    const int kinds[] = {MOJIBAKE_PAGE};
    const char *texts[] = {"Ïðèãîâîð ñóäà ïî äåëó ¹ 1-234/2023"};
    GByteArray *pdf = make_pdf(kinds, texts, 1);
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_pdf(pdf->data, pdf->len, test_engine, 300, &c, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s", reason ? reason : "");
    ck_assert_int_eq(c.count, 1);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_OCR);
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

/* without_unicode_maps - the PDF with every /ToUnicode key renamed (same
 * length, so the cross-reference offsets stay right): its fonts have no
 * Unicode map, as from producers that write none */
static void without_unicode_maps(GByteArray *pdf)
{
    int renamed = 0;
    for (guint i = 0; i + 10 <= pdf->len; i++)
        if (memcmp(pdf->data + i, "/ToUnicode", 10) == 0) {
            pdf->data[i + 9] = 'X';
            renamed++;
        }
    ck_assert_int_gt(renamed, 0);
}

START_TEST(test_fonts_without_unicode_map_are_ocred)
{
    /* cairo's subset fonts without /ToUnicode: poppler gives glyph codes
     * (control characters); a layer of punctuation with a few letters, as
     * from glyphs numbered from '!', is no text either */
    const int kinds[] = {TEXT_PAGE, TEXT_PAGE};
    const char *texts[] = {TYPED,
                           "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFG !\"#$%&'()*+,-./:;<=>?"};
    GByteArray *pdf = make_pdf(kinds, texts, 1);
    without_unicode_maps(pdf);
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_pdf(pdf->data, pdf->len, test_engine, 300, &c, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s", reason ? reason : "");
    ck_assert_int_eq(c.count, 1);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_OCR);
    assert_words(c.texts[0], "Постановление о возбуждении уголовного дела");
    assert_words(c.texts[0], "Суд Ленинского района");
    collected_free(&c);
    g_byte_array_unref(pdf);
    pdf = make_pdf(kinds + 1, texts + 1, 1);
    ck_assert_int_eq(run_pdf(pdf->data, pdf->len, test_engine, 300, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_OCR);
    collected_free(&c);
    g_byte_array_unref(pdf);
    /* but the dots leading to a page number are text: a run counts once */
    const char *contents[] = {
        "Глава 1.............................................................5"};
    pdf = make_pdf(kinds, contents, 1);
    ck_assert_int_eq(run_pdf(pdf->data, pdf->len, NULL, 300, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_TEXT_LAYER);
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_scanned_page_without_ocr_engine)
{
    const int kinds[] = {TEXT_PAGE, SCAN_PAGE};
    const char *texts[] = {TYPED, RU};
    GByteArray *pdf = make_pdf(kinds, texts, 2);
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_pdf(pdf->data, pdf->len, NULL, 300, &c, &reason), EXTRACT_FAILED);
    ck_assert_int_eq(c.count, 1); /* page 1 had its text layer */
    ck_assert_msg(reason && strstr(reason, "no OCR engine") && strstr(reason, "page 2"),
                  "reason: %s", reason);
    free(reason);
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_garbage_pdf)
{
    unsigned char buf[2048];
    memcpy(buf, "%PDF-1.7\n", 9);
    GRand *r = g_rand_new_with_seed(4242);
    for (size_t i = 9; i < sizeof buf; i++)
        buf[i] = (unsigned char)g_rand_int_range(r, 0, 256);
    g_rand_free(r);
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_pdf(buf, sizeof buf, test_engine, 300, &c, &reason), EXTRACT_FAILED);
    ck_assert_int_eq(c.count, 0);
    ck_assert_msg(reason && strncmp(reason, "cannot open PDF: ", 17) == 0, "reason: %s", reason);
    ck_assert_int_gt((int)strlen(reason), 17); /* poppler's own words follow */
    free(reason);
}
END_TEST

START_TEST(test_truncated_pdf)
{
    /* the first 40% of a two-page PDF: the page tree and fonts are gone */
    const int kinds[] = {TEXT_PAGE, TEXT_PAGE};
    const char *texts[] = {TYPED, BE};
    GByteArray *pdf = make_pdf(kinds, texts, 2);
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_pdf(pdf->data, pdf->len * 2 / 5, test_engine, 300, &c, &reason);
    ck_assert_int_eq(st, EXTRACT_FAILED);
    ck_assert_msg(reason && strncmp(reason, "cannot open PDF: ", 17) == 0, "reason: %s", reason);
    free(reason);
    collected_free(&c);
    g_byte_array_unref(pdf);
}
END_TEST

/* make_encrypted_pdf - a one-page PDF with a standard security handler whose
 * user password is not empty (the /U check fails for ""), written by hand */
static GString *make_encrypted_pdf(void)
{
    GString *s = g_string_new("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    const char *objs[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 5 0 R >>",
        "<< /Filter /Standard /V 1 /R 2 /P -44 "
        "/O <8a4e61c3b2d9157f0e6a99c4d1203b7e5f18c2a96d0b74e3a1c55f2e9b086d41> "
        "/U <3c9e17a05bd2e8f461a7093dc5e2b8174f60a9d3e12c85b7f04a6e391d2c7b58> >>",
        "<< /Length 10 >>\nstream\n0123456789\nendstream",
    };
    size_t offsets[5];
    for (int i = 0; i < 5; i++) {
        offsets[i] = s->len;
        g_string_append_printf(s, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    size_t xref = s->len;
    g_string_append(s, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 0; i < 5; i++)
        g_string_append_printf(s, "%010zu 00000 n \n", offsets[i]);
    g_string_append_printf(s,
                           "trailer\n<< /Size 6 /Root 1 0 R /Encrypt 4 0 R "
                           "/ID [<0123456789abcdef0123456789abcdef>"
                           "<0123456789abcdef0123456789abcdef>] >>\n"
                           "startxref\n%zu\n%%%%EOF\n",
                           xref);
    return s;
}

START_TEST(test_encrypted_pdf)
{
    GString *pdf = make_encrypted_pdf();
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_pdf(pdf->str, pdf->len, test_engine, 300, &c, &reason), EXTRACT_ENCRYPTED);
    ck_assert_int_eq(c.count, 0);
    ck_assert_ptr_nonnull(reason);
    ck_assert_str_eq(reason, "encrypted PDF: it needs a password");
    free(reason);
    g_string_free(pdf, TRUE);
}
END_TEST

START_TEST(test_bids)
{
    extract_input in = {.data = (const unsigned char *)"%PDF-1.4\n",
                        .size = 9,
                        .mime = "application/pdf"};
    ck_assert_str_eq(extract_choose(&in)->name, "pdf");
    in.mime = "application/octet-stream";
    ck_assert_str_eq(extract_choose(&in)->name, "pdf");
    in.mime = "application/zip"; /* the archive extractor's, not ours */
    ck_assert_str_ne(extract_choose(&in)->name, "pdf");
}
END_TEST

static Suite *pdf_suite(void)
{
    Suite *s = suite_create("extract_pdf");
    TCase *tc = tcase_create("pdf");
    tcase_add_unchecked_fixture(tc, test_engine_open, test_engine_close);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_text_layer_pages);
    tcase_add_test(tc, test_scanned_page_is_ocred);
    tcase_add_test(tc, test_mixed_pages_in_order);
    tcase_add_test(tc, test_stamp_over_scan_is_ocred);
    tcase_add_test(tc, test_pictures_on_text_pages);
    tcase_add_test(tc, test_mojibake_text_layer_is_not_used);
    tcase_add_test(tc, test_fonts_without_unicode_map_are_ocred);
    tcase_add_test(tc, test_scanned_page_without_ocr_engine);
    tcase_add_test(tc, test_garbage_pdf);
    tcase_add_test(tc, test_truncated_pdf);
    tcase_add_test(tc, test_encrypted_pdf);
    tcase_add_test(tc, test_bids);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    setenv("OMP_THREAD_LIMIT", "1", 0);
    return tu_run_suite(pdf_suite());
}
