/*
 * test_ocr_document.c - two workers reading one document through the OCR
 * cache (ocr/document.c): a helper skips the pages the reader holds and the
 * reader takes the helper's pages from the cache; a page whose reader died
 * is free again; an interrupted reading keeps the pages it read; the
 * searchable PDF is joined from every page.
 */
#include "ocr/ocr.h"

#include "testutil.h"

#include <cairo.h>
#include <check.h>
#include <fcntl.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const words[] = {"Приговор", "Постановление", "Повестка"};
static const char sha[] = "cd00000000000000000000000000000000000000000000000000000000000002";

static ocr_engine *reader, *helper;

static void open_engines(void)
{
    char *err = NULL;
    reader = ocr_engine_open("rus", NULL, &err);
    ck_assert_msg(reader != NULL, "%s", err);
    helper = ocr_engine_open("rus", NULL, &err);
    ck_assert_msg(helper != NULL, "%s", err);
}

static void close_engines(void)
{
    ocr_engine_close(reader);
    ocr_engine_close(helper);
}

/* word_page - 300-dpi page n: its word, large, on four lines */
static PIX *word_page(int n)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1000, 700);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 60);
    for (int line = 0; line < 4; line++) {
        cairo_move_to(cr, 80, 150 + 140 * line);
        cairo_show_text(cr, words[n - 1]);
    }
    cairo_destroy(cr);
    cairo_surface_flush(s);
    PIX *pix = pixCreate(1000, 700, 8);
    const unsigned char *rows = cairo_image_surface_get_data(s);
    for (int y = 0; y < 700; y++) {
        const uint32_t *row =
            (const uint32_t *)(const void *)(rows + (size_t)y * cairo_image_surface_get_stride(s));
        for (int x = 0; x < 1000; x++)
            pixSetPixel(pix, x, y, row[x] & 0xff);
    }
    cairo_surface_destroy(s);
    pixSetResolution(pix, 300, 300);
    return pix;
}

/* read_page - ocr_recognise page n; its text must hold the page's word */
static bool read_page(ocr_engine *engine, int n)
{
    PIX *page = word_page(n);
    ocr_result res;
    char *err = NULL;
    ck_assert_msg(ocr_recognise(engine, page, 0, 0, n, &res, &err) == 0, "%s", err);
    ck_assert_msg(strstr(res.text, words[n - 1]) != NULL, "page %d read as: %s", n, res.text);
    bool cached = res.cached;
    ocr_result_free(&res);
    pixDestroy(&page);
    return cached;
}

/* claim - ocr_document_claim, with the cached text checked */
static int claim(ocr_engine *engine, int n)
{
    ocr_result res;
    int c = ocr_document_claim(engine, n, &res);
    if (c == 1)
        ck_assert_msg(strstr(res.text, words[n - 1]) != NULL, "cached page %d: %s", n, res.text);
    ocr_result_free(&res);
    return c;
}

/* cache_dir - the one settings folder of the item (malloc'd) */
static char *cache_dir(const char *data)
{
    char *item = g_build_filename(data, "cache", "ocr", "cd", sha, NULL);
    GDir *d = g_dir_open(item, 0, NULL);
    ck_assert_ptr_nonnull(d);
    char *dir = g_build_filename(item, g_dir_read_name(d), NULL);
    g_dir_close(d);
    g_free(item);
    return dir;
}

/* pdf_pages_left - page PDFs (p<N>.pdf) still in the cache folder */
static int pdf_pages_left(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL)
        n += name[0] == 'p' && g_str_has_suffix(name, ".pdf");
    g_dir_close(d);
    return n;
}

START_TEST(helper_and_reader_share_pages)
{
    char *data = tu_tempdir("ocr-share"), *err = NULL;
    ck_assert_msg(ocr_document_begin(reader, data, sha, true, &err) == 0, "%s", err);
    ck_assert_msg(ocr_document_help(helper, data, sha, true, &err) == 0, "%s", err);
    ck_assert_int_eq(claim(reader, 1), 0); /* the reader is on page 1 */
    ck_assert_int_eq(claim(helper, 1), 2); /* so the helper skips it */
    ck_assert_int_eq(claim(helper, 3), 0); /* and goes backwards */
    ck_assert(!read_page(helper, 3));
    ck_assert(!read_page(helper, 2)); /* claimed inside ocr_recognise */
    ck_assert_int_eq(ocr_document_end(helper, false, NULL, &err), 0);
    ck_assert(!read_page(reader, 1));
    ck_assert_int_eq(claim(reader, 2), 1); /* the helper's pages, from the cache */
    ck_assert_int_eq(claim(reader, 3), 1);
    int pdf_pages = 0;
    ck_assert_msg(ocr_document_end(reader, true, &pdf_pages, &err) == 0, "%s", err);
    ck_assert_int_eq(pdf_pages, 3); /* joined from both workers' pages */
    char *dir = cache_dir(data), *pdf = ocr_searchable_pdf(data, sha);
    ck_assert_ptr_nonnull(pdf);
    ck_assert_int_eq(pdf_pages_left(dir), 0);
    size_t len = 0;
    char *bytes = tu_read(pdf, &len);
    ck_assert(len > 1000 && memcmp(bytes, "%PDF", 4) == 0);
    free(bytes);
    free(pdf);
    free(dir);
    tu_rmtree(data);
    free(data);
}
END_TEST

/* An item read without OCR (plain text, a text layer) claims no page: it
 * gets no cache folder, not even an empty one */
START_TEST(nothing_to_cache_makes_no_folder)
{
    char *data = tu_tempdir("ocr-none"), *err = NULL;
    ck_assert_msg(ocr_document_begin(reader, data, sha, true, &err) == 0, "%s", err);
    ck_assert_int_eq(ocr_document_end(reader, true, NULL, &err), 0);
    char *item = g_build_filename(data, "cache", "ocr", "cd", sha, NULL);
    ck_assert_msg(!g_file_test(item, G_FILE_TEST_EXISTS), "%s was made", item);
    g_free(item);
    tu_rmtree(data);
    free(data);
}
END_TEST

START_TEST(page_of_a_dead_reader_is_free_again)
{
    char *data = tu_tempdir("ocr-dead"), *err = NULL;
    ck_assert_msg(ocr_document_help(helper, data, sha, false, &err) == 0, "%s", err);
    ck_assert_int_eq(claim(helper, 1), 0); /* the folder is made with the first claim */
    char *dir = cache_dir(data), *lock = g_build_filename(dir, "p2.lock", NULL);
    /* another worker: flock(1) holds page 2 for a while, then dies */
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        execl("/usr/bin/flock", "flock", lock, "sleep", "0.8", (char *)NULL);
        _exit(127);
    }
    bool held = false;
    for (int i = 0; i < 500 && !held; i++) { /* until it holds the lock */
        int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        ck_assert_int_ge(fd, 0);
        held = flock(fd, LOCK_EX | LOCK_NB) != 0;
        close(fd);
        if (!held)
            usleep(10 * 1000);
    }
    ck_assert(held);
    ck_assert_int_eq(claim(helper, 2), 2); /* held: a helper skips it */
    ck_assert_int_eq(ocr_document_end(helper, false, NULL, &err), 0);
    /* the reader waits for it, and reads it itself once its holder died */
    ck_assert_msg(ocr_document_begin(reader, data, sha, false, &err) == 0, "%s", err);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(claim(reader, 2), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert_int_ge((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000, 300);
    ck_assert(!read_page(reader, 2));
    ck_assert_int_eq(ocr_document_end(reader, true, NULL, &err), 0);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    g_free(lock);
    free(dir);
    tu_rmtree(data);
    free(data);
}
END_TEST

START_TEST(interrupted_reading_keeps_its_pages)
{
    char *data = tu_tempdir("ocr-cut"), *err = NULL;
    ck_assert_msg(ocr_document_begin(reader, data, sha, true, &err) == 0, "%s", err);
    ck_assert(!read_page(reader, 1));
    ck_assert_int_eq(ocr_document_end(reader, false, NULL, &err), 0); /* cut short */
    ck_assert_ptr_null(ocr_searchable_pdf(data, sha));
    ck_assert_msg(ocr_document_begin(reader, data, sha, true, &err) == 0, "%s", err);
    ck_assert(read_page(reader, 1)); /* kept */
    ck_assert(!read_page(reader, 2));
    int pdf_pages = 0;
    ck_assert_msg(ocr_document_end(reader, true, &pdf_pages, &err) == 0, "%s", err);
    ck_assert_int_eq(pdf_pages, 2);
    /* a page cached without its PDF page is read again when a PDF is wanted */
    char *data2 = tu_tempdir("ocr-nopdf");
    ck_assert(ocr_document_begin(reader, data2, sha, false, &err) == 0);
    ck_assert(!read_page(reader, 1));
    ck_assert(ocr_document_end(reader, false, NULL, &err) == 0);
    ck_assert(ocr_document_begin(reader, data2, sha, true, &err) == 0);
    ck_assert(!read_page(reader, 1));
    ck_assert(ocr_document_end(reader, true, &pdf_pages, &err) == 0);
    ck_assert_int_eq(pdf_pages, 1);
    tu_rmtree(data2);
    free(data2);
    tu_rmtree(data);
    free(data);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ocr_document");
    TCase *t = tcase_create("document");
    tcase_add_unchecked_fixture(t, open_engines, close_engines);
    tcase_set_timeout(t, 300);
    tcase_add_test(t, helper_and_reader_share_pages);
    tcase_add_test(t, nothing_to_cache_makes_no_folder);
    tcase_add_test(t, page_of_a_dead_reader_is_free_again);
    tcase_add_test(t, interrupted_reading_keeps_its_pages);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return tu_run_suite(suite());
}
