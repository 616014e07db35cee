/*
 * test_spread.c - the pages of one scanned PDF, or of one multi-page TIFF,
 * are read by both workers of a real `dokaz ingest --workers 2`: the worker
 * reading it asks for help, the other one recognises pages from the last one
 * back, and yet the item's record and its searchable PDF hold every page,
 * right and in order.
 */
#include "itest.h"
#include "samples/cer.h"
#include "testutil.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <check.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Generated 300-dpi A4 pages (gen_samples --set bench), one per class. */
static const char *const pages[] = {
    "clean300/clean300_01", "skew/skew_01",   "rot180/rot180_01",
    "stamp/stamp_01",       "noise/noise_01", "background/background_01",
};
enum { NPAGES = sizeof pages / sizeof pages[0] };

/* write_scanned_pdf - the pages' PNG images as the pages of one PDF, at 300 dpi */
static void write_scanned_pdf(const char *set, const char *path)
{
    cairo_surface_t *pdf = cairo_pdf_surface_create(path, 1748 * 72.0 / 300, 2480 * 72.0 / 300);
    cairo_t *cr = cairo_create(pdf);
    for (int i = 0; i < NPAGES; i++) {
        char *png = g_strdup_printf("%s/%s.png", set, pages[i]);
        cairo_surface_t *img = cairo_image_surface_create_from_png(png);
        ck_assert_msg(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS, "cannot read %s", png);
        ck_assert_int_eq(cairo_image_surface_get_width(img), 1748);
        cairo_save(cr);
        cairo_scale(cr, 72.0 / 300, 72.0 / 300);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_show_page(cr);
        cairo_surface_destroy(img);
        g_free(png);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    ck_assert_int_eq(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(pdf);
}

/* write_tiff - the same pages as one multi-page TIFF (deflate) */
static void write_tiff(const char *set, const char *path)
{
    for (int i = 0; i < NPAGES; i++) {
        char *png = g_strdup_printf("%s/%s.png", set, pages[i]);
        PIX *pix = pixRead(png);
        ck_assert_msg(pix != NULL, "cannot read %s", png);
        ck_assert_int_eq(pixWriteTiff(path, pix, IFF_TIFF_ZIP, i == 0 ? "w" : "a"), 0);
        pixDestroy(&pix);
        g_free(png);
    }
}

/* assert_reads_as - `text` is page i's ground truth, give or take OCR errors */
static void assert_reads_as(const char *set, int i, const char *text, const char *where)
{
    char *truth_path = g_strdup_printf("%s/%s.txt", set, pages[i]);
    char *truth = tu_read(truth_path, NULL);
    long len = 0, dist = cer_distance(truth, text ? text : "", &len);
    ck_assert_msg(dist >= 0 && (double)dist / (double)len < 0.1,
                  "%s page %d is not %s (CER %.3f):\n%s", where, i + 1, pages[i],
                  (double)dist / (double)len, text);
    free(truth);
    g_free(truth_path);
}

/* ingest_shared - `dokaz ingest --workers 2` of one file: a worker helped
 * with its pages, and its record holds every page, right and in order */
static void ingest_shared(const char *set, const char *data, const char *file)
{
    /* the log (stderr) tells which worker read which pages */
    char *cmd = g_strdup_printf("'%s' ingest --workers 2 --verbose --data '%s' '%s' 2>&1",
                                getenv("DOKAZ_BIN"), data, file);
    const char *sh[] = {"/bin/sh", "-c", cmd, NULL};
    char *log = NULL;
    ck_assert_int_eq(tu_run((char *const *)sh, &log), 0);
    ck_assert_msg(strstr(log, "helps worker") != NULL, "no worker was sent to help:\n%s", log);
    const char *helped = strstr(log, "helped with ");
    ck_assert_msg(helped != NULL && atoi(helped + strlen("helped with ")) >= 1,
                  "the helper recognised no page:\n%s", log);

    char *sha = tu_sha256_file(file);
    const char *show[] = {"show", "--json", "--data", data, sha, NULL};
    json_object *rec = it_dokaz_json(0, show), *list = NULL;
    ck_assert_str_eq(it_get_str(rec, "status"), "done");
    ck_assert(json_object_object_get_ex(rec, "pages", &list));
    ck_assert_int_eq((int)json_object_array_length(list), NPAGES);
    for (int i = 0; i < NPAGES; i++) {
        json_object *p = json_object_array_get_idx(list, (size_t)i);
        ck_assert_int_eq(it_get_int(p, "number"), i + 1);
        ck_assert_str_eq(it_get_str(p, "source"), "ocr");
        assert_reads_as(set, i, it_get_str(p, "text"), "record");
    }
    json_object_put(rec);
    free(sha);
    free(log);
    g_free(cmd);
}

START_TEST(pages_of_one_scan_are_shared)
{
    char *dir = tu_tempdir("itest-spread"), *set = tu_path(dir, "set");
    char *data = tu_path(dir, "data"), *pdf = tu_path(dir, "scans.pdf");
    char *tiff = tu_path(dir, "fax.tif"), *out = tu_path(dir, "searchable.pdf");
    const char *gen[] = {
        getenv("DOKAZ_GEN_SAMPLES"), "--set", "bench", "--per-class", "1", set, NULL};
    ck_assert_int_eq(tu_run((char *const *)gen, NULL), 0);
    write_scanned_pdf(set, pdf);
    write_tiff(set, tiff);
    ingest_shared(set, data, pdf);
    ingest_shared(set, data, tiff);

    /* the PDF's searchable PDF: joined from both workers' pages, in order */
    char *sha = tu_sha256_file(pdf);
    const char *export[] = {getenv("DOKAZ_BIN"), "export-pdf", "--data", data, sha, out, NULL};
    ck_assert_int_eq(tu_run((char *const *)export, NULL), 0);
    for (int i = 0; i < NPAGES; i++) {
        char first[16];
        snprintf(first, sizeof first, "%d", i + 1);
        /* -raw: in the order tesseract wrote the words, not guessed from the layout */
        const char *totext[] = {
            "/usr/bin/pdftotext", "-raw", "-f", first, "-l", first, out, "-", NULL};
        char *text = NULL;
        ck_assert_int_eq(tu_run((char *const *)totext, &text), 0);
        assert_reads_as(set, i, text, "searchable PDF");
        free(text);
    }
    free(sha);
    free(out);
    free(tiff);
    free(pdf);
    free(data);
    free(set);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("spread");
    TCase *t = tcase_create("spread");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, pages_of_one_scan_are_shared);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return tu_run_suite(suite());
}
