/*
 * test_identify.c - identification by content (extract/identify.h): files are
 * written under misleading names and read back, and the type must follow
 * the bytes, never the name.
 */
#include "extract/identify.h"

#include "testutil.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

static identify *idf;
static char *dir;

static void setup(void)
{
    char *err = NULL;
    idf = identify_open(&err);
    ck_assert_msg(idf != NULL, "identify_open: %s", err ? err : "?");
    dir = tu_tempdir("identify");
}

static void teardown(void)
{
    identify_close(idf);
    idf = NULL;
    tu_rmtree(dir);
    free(dir);
}

/* write_cb - cairo stream into a GByteArray */
static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* draw_text - one line of Cyrillic text on a white background */
static void draw_text(cairo_t *cr, double w, double h)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, h / 3);
    cairo_move_to(cr, 10, h / 2);
    cairo_show_text(cr, "Приговор суда");
}

/* make_png - a small PNG */
static GByteArray *make_png(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 100);
    cairo_t *cr = cairo_create(s);
    draw_text(cr, 400, 100);
    cairo_destroy(cr);
    GByteArray *out = g_byte_array_new();
    ck_assert_int_eq(cairo_surface_write_to_png_stream(s, write_cb, out), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return out;
}

/* make_pdf - a one-page PDF with real text */
static GByteArray *make_pdf(void)
{
    GByteArray *out = g_byte_array_new();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_cb, out, 300, 100);
    cairo_t *cr = cairo_create(s);
    draw_text(cr, 300, 100);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return out;
}

/* type_of_file - write bytes under `name`, read the file back, identify it */
static char *type_of_file(const char *name, const void *data, size_t len)
{
    char *path = tu_path(dir, name);
    tu_write(path, data, len);
    size_t got = 0;
    char *back = tu_read(path, &got);
    ck_assert_ptr_nonnull(back);
    ck_assert_uint_eq(got, len);
    char *type = identify_buffer(idf, back, got);
    ck_assert_msg(type != NULL, "identify_buffer: %s", identify_error(idf));
    free(back);
    free(path);
    return type;
}

START_TEST(test_png_named_txt)
{
    GByteArray *png = make_png();
    char *type = type_of_file("notes.txt", png->data, png->len);
    ck_assert_str_eq(type, "image/png");
    free(type);
    g_byte_array_unref(png);
}
END_TEST

START_TEST(test_pdf_named_jpg)
{
    GByteArray *pdf = make_pdf();
    char *type = type_of_file("photo.jpg", pdf->data, pdf->len);
    ck_assert_str_eq(type, "application/pdf");
    free(type);
    g_byte_array_unref(pdf);
}
END_TEST

START_TEST(test_text_named_pdf)
{
    const char *text = "Приговор суда по делу № 1-234/2023\n"
                       "Паведамленне пракурора, г. Мінск\n";
    char *type = type_of_file("scan.pdf", text, strlen(text));
    ck_assert_str_eq(type, "text/plain");
    free(type);
}
END_TEST

START_TEST(test_random_bytes_named_pdf)
{
    /* fixed seed: the same "random" file every run */
    GRand *r = g_rand_new_with_seed(20240229);
    unsigned char buf[4096];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)g_rand_int_range(r, 0, 256);
    g_rand_free(r);
    char *type = type_of_file("verdict.pdf", buf, sizeof buf);
    ck_assert_str_eq(type, "application/octet-stream");
    free(type);
}
END_TEST

START_TEST(test_empty)
{
    char *type = identify_buffer(idf, NULL, 0);
    ck_assert_ptr_nonnull(type);
    ck_assert_str_eq(type, "application/x-empty");
    free(type);
}
END_TEST

START_TEST(test_result_is_owned_by_caller)
{
    /* the first answer must survive the second call (libmagic reuses its buffer) */
    GByteArray *png = make_png();
    char *first = identify_buffer(idf, png->data, png->len);
    char *second = identify_buffer(idf, "plain words\n", 12);
    ck_assert_str_eq(first, "image/png");
    ck_assert_str_eq(second, "text/plain");
    free(first);
    free(second);
    g_byte_array_unref(png);
}
END_TEST

START_TEST(test_null_handle)
{
    ck_assert_ptr_null(identify_buffer(NULL, "x", 1));
    ck_assert_ptr_null(identify_error(NULL));
    identify_close(NULL);
}
END_TEST

static Suite *identify_suite(void)
{
    Suite *s = suite_create("identify");
    TCase *tc = tcase_create("content");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_png_named_txt);
    tcase_add_test(tc, test_pdf_named_jpg);
    tcase_add_test(tc, test_text_named_pdf);
    tcase_add_test(tc, test_random_bytes_named_pdf);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_result_is_owned_by_caller);
    tcase_add_test(tc, test_null_handle);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tu_run_suite(identify_suite());
}
