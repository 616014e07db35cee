/*
 * test_ocr.c - OCR through the real `dokaz ingest`: a mixed PDF (a typed
 * page with a text layer, a scanned page, a scanned page upside down) reads
 * right on every page and says how; its searchable PDF comes out of
 * `dokaz export-pdf` with the scanned pages' text; 1-bit scans in PDFs
 * (CCITT G4 and JBIG2 images, tests/fixtures/scan_1bit.c) are read and
 * found; a folder's languages in ocr.conf apply to what is received under
 * it; and a handful of damaged benchmark pages (gen_samples --set bench)
 * stay under a character error rate bound, so that accuracy cannot regress
 * unnoticed; real screenshots (tests/fixtures/screens: chromium at 96 dpi)
 * of an English and a Polish page are read in Latin letters and found by
 * their words.
 */
#include "fixtures.h"
#include "itest.h"
#include "samples/cer.h"
#include "testutil.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TYPED "Постановление о возбуждении уголовного дела по части 3 статьи 361 УК"
#define SCANNED "Заречного района города Минска"
#define UPSIDE "Паведамленне пракуратуры горада Мінска"

/* scan_surface - a 300-dpi grey "scan" of three lines of text, A6 landscape;
 * `upside_down`: the paper lay on the glass the wrong way round */
static cairo_surface_t *scan_surface(const char *text, int upside_down)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1748, 1240);
    cairo_t *cr = cairo_create(s);
    if (upside_down) {
        cairo_translate(cr, 1748, 1240);
        cairo_rotate(cr, G_PI);
    }
    cairo_set_source_rgb(cr, 0.93, 0.93, 0.92);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 50);
    for (int i = 0; i < 3; i++) {
        cairo_move_to(cr, 100, 300 + i * 200);
        cairo_show_text(cr, text);
    }
    cairo_destroy(cr);
    return s;
}

/* write_mixed_pdf - page 1 typed, page 2 scanned, page 3 scanned upside down */
static void write_mixed_pdf(const char *path)
{
    double w = 1748 * 72.0 / 300, h = 1240 * 72.0 / 300;
    cairo_surface_t *pdf = cairo_pdf_surface_create(path, w, h);
    cairo_t *cr = cairo_create(pdf);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 8); /* the line fits the page */
    for (int i = 0; i < 4; i++) {
        cairo_move_to(cr, 30, 60 + i * 30);
        cairo_show_text(cr, TYPED);
    }
    cairo_show_page(cr);
    for (int page = 0; page < 2; page++) {
        cairo_surface_t *img = scan_surface(page == 0 ? SCANNED : UPSIDE, page == 1);
        cairo_save(cr);
        cairo_scale(cr, 72.0 / 300, 72.0 / 300);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_show_page(cr);
        cairo_surface_destroy(img);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    ck_assert_int_eq(cairo_surface_status(pdf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(pdf);
}

/* page_of - page i of an item record */
static json_object *page_of(json_object *rec, size_t i)
{
    json_object *pages = NULL;
    ck_assert(json_object_object_get_ex(rec, "pages", &pages));
    ck_assert_uint_gt(json_object_array_length(pages), i);
    return json_object_array_get_idx(pages, i);
}

START_TEST(mixed_pdf)
{
    char *dir = tu_tempdir("itest-ocr"), *data = tu_path(dir, "data");
    char *pdf = tu_path(dir, "mixed.pdf"), *out = tu_path(dir, "searchable.pdf");
    write_mixed_pdf(pdf);
    char *sha = tu_sha256_file(pdf);
    const char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, pdf, NULL};
    ck_assert_int_eq(tu_run((char *const *)ingest, NULL), 0);
    const char *show[] = {"show", "--json", "--data", data, sha, NULL};
    json_object *rec = it_dokaz_json(0, show);
    ck_assert_str_eq(it_get_str(rec, "status"), "done");
    json_object *p1 = page_of(rec, 0), *p2 = page_of(rec, 1), *p3 = page_of(rec, 2);
    ck_assert_str_eq(it_get_str(p1, "source"), "text-layer");
    ck_assert_msg(strstr(it_get_str(p1, "text"), TYPED) != NULL, "%s", it_get_str(p1, "text"));
    ck_assert_str_eq(it_get_str(p2, "source"), "ocr");
    ck_assert_msg(strstr(it_get_str(p2, "text"), SCANNED) != NULL, "%s", it_get_str(p2, "text"));
    ck_assert_str_eq(it_get_str(p3, "source"), "ocr");
    ck_assert_msg(strstr(it_get_str(p3, "text"), UPSIDE) != NULL, "%s", it_get_str(p3, "text"));
    ck_assert_ptr_nonnull(it_get_str(rec, "searchable_pdf"));
    json_object_put(rec);

    /* the searchable PDF: the two scanned pages, their text searchable */
    const char *export[] = {getenv("DOKAZ_BIN"), "export-pdf", "--data", data, sha, out, NULL};
    ck_assert_int_eq(tu_run((char *const *)export, NULL), 0);
    const char *totext[] = {"/usr/bin/pdftotext", out, "-", NULL};
    char *text = NULL;
    ck_assert_int_eq(tu_run((char *const *)totext, &text), 0);
    ck_assert_msg(strstr(text, "Заречного") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "Паведамленне") != NULL, "%s", text);
    free(text);
    free(sha);
    free(out);
    free(pdf);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* assert_ocr_page_found - item `sha` is done, its one page was OCRed and
 * holds every line of `lines`, and a search for `word` finds it on page 1 */
static void assert_ocr_page_found(const char *data, const char *sha, const char *const *lines,
                                  const char *word)
{
    const char *show[] = {"show", "--json", "--data", data, sha, NULL};
    json_object *rec = it_dokaz_json(0, show);
    ck_assert_str_eq(it_get_str(rec, "status"), "done");
    json_object *page = page_of(rec, 0);
    ck_assert_str_eq(it_get_str(page, "source"), "ocr");
    for (int i = 0; lines[i] != NULL; i++)
        ck_assert_msg(strstr(it_get_str(page, "text"), lines[i]) != NULL, "'%s' not in: %s",
                      lines[i], it_get_str(page, "text"));
    json_object_put(rec);
    json_object *found = it_search(data, word);
    json_object *hit = it_hit_for(found, sha);
    ck_assert_msg(hit != NULL, "search %s: %s", word, json_object_to_json_string(found));
    ck_assert_int_eq(it_get_int(hit, "page"), 1);
    json_object_put(found);
}

/* bilevel_pdfs - 1-bit scans in PDFs, as CCITT G4 and as JBIG2 (MMR) images */
START_TEST(bilevel_pdfs)
{
    char *dir = tu_tempdir("itest-bilevel"), *data = tu_path(dir, "data");
    char *g4 = tu_path(dir, "scan_g4.pdf"), *jbig2 = tu_path(dir, "scan_jbig2.pdf");
    const char *g4_lines[] = {FX_G4_RU, FX_G4_BE, NULL};
    const char *jbig2_lines[] = {FX_JBIG2_RU, FX_JBIG2_BE, NULL};
    ck_assert_int_eq(fx_scan_pdf_1bit(g4, g4_lines, 300, FX_CCITT_G4), 0);
    ck_assert_int_eq(fx_scan_pdf_1bit(jbig2, jbig2_lines, 200, FX_JBIG2), 0);

    /* the files hold what they claim: poppler lists a ccitt and a jbig2 image */
    const char *list_g4[] = {"/usr/bin/pdfimages", "-list", g4, NULL};
    const char *list_jbig2[] = {"/usr/bin/pdfimages", "-list", jbig2, NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)list_g4, &out), 0);
    ck_assert_msg(strstr(out, " ccitt ") != NULL, "%s", out);
    free(out);
    ck_assert_int_eq(tu_run((char *const *)list_jbig2, &out), 0);
    ck_assert_msg(strstr(out, " jbig2 ") != NULL, "%s", out);
    free(out);

    char *g4_sha = tu_sha256_file(g4), *jbig2_sha = tu_sha256_file(jbig2);
    const char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, g4, jbig2, NULL};
    ck_assert_int_eq(tu_run((char *const *)ingest, NULL), 0);
    assert_ocr_page_found(data, g4_sha, g4_lines, "Гродна");
    assert_ocr_page_found(data, jbig2_sha, jbig2_lines, "маёмасці");
    free(jbig2_sha);
    free(g4_sha);
    free(jbig2);
    free(g4);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* settings_of - the OCR settings an item was read with: the `settings` file
 * beside its searchable PDF in DATA/cache/ocr/ab/<sha>/<key>/ (malloc'd) */
static char *settings_of(json_object *rec)
{
    const char *pdf = it_get_str(rec, "searchable_pdf");
    ck_assert_msg(pdf != NULL, "no searchable PDF: %s", json_object_to_json_string(rec));
    char *key_dir = g_path_get_dirname(pdf);
    char *path = tu_path(key_dir, "settings");
    char *settings = tu_read(path, NULL);
    ck_assert_msg(settings != NULL, "no %s", path);
    free(path);
    g_free(key_dir);
    return settings;
}

/* has_cyrillic - any letter of U+0400..U+04FF (UTF-8 lead bytes D0..D3) */
static int has_cyrillic(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p >= 0xD0 && *p <= 0xD3)
            return 1;
    return 0;
}

/* folder_languages - `lang FOLDER = eng` in DATA/ocr.conf: a page received
 * under FOLDER is read with English alone (Cyrillic comes out as Latin
 * letters), a page received elsewhere with the default bel+rus+eng. The
 * inbox is given to `dokaz ingest` as a relative path: the receptions are
 * recorded absolute, which is what the folder rule is matched against. */
START_TEST(folder_languages)
{
    char *tmp = tu_tempdir("itest-lang");
    ck_assert_int_eq(chdir(tmp), 0); /* this test's own process (Check forks) */
    char *dir = g_get_current_dir(); /* as the kernel spells it, like ingest sees it */
    char *data = tu_path(dir, "data"), *conf = tu_path(data, "ocr.conf");
    char *english = tu_path(dir, "inbox/english"), *other = tu_path(dir, "inbox/other");
    char *in_english = tu_path(english, "notice.png"), *in_other = tu_path(other, "summons.png");
    ck_assert_int_eq(g_mkdir_with_parents(english, 0755), 0);
    ck_assert_int_eq(g_mkdir_with_parents(other, 0755), 0);
    size_t len = 0;
    unsigned char *png = fx_png("Приговор суда", &len);
    tu_write(in_english, png, len);
    free(png);
    png = fx_png("Повестка в суд", &len);
    tu_write(in_other, png, len);
    free(png);
    char *rule = g_strdup_printf("# English-only folder\nlang %s = eng\n", english);
    tu_write(conf, rule, strlen(rule));
    g_free(rule);

    const char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, "inbox", NULL};
    ck_assert_int_eq(tu_run((char *const *)ingest, NULL), 0);

    char *sha = tu_sha256_file(in_english);
    const char *show_english[] = {"show", "--json", "--data", data, sha, NULL};
    json_object *rec = it_dokaz_json(0, show_english);
    json_object *receptions = NULL;
    ck_assert(json_object_object_get_ex(rec, "receptions", &receptions));
    ck_assert_str_eq(it_get_str(json_object_array_get_idx(receptions, 0), "path"), in_english);
    char *settings = settings_of(rec);
    ck_assert_msg(strstr(settings, " eng ") != NULL && strstr(settings, "rus") == NULL,
                  "settings: %s", settings);
    const char *text = it_get_str(page_of(rec, 0), "text");
    ck_assert_str_eq(it_get_str(page_of(rec, 0), "source"), "ocr");
    ck_assert_msg(text != NULL && strlen(text) > 3 && !has_cyrillic(text),
                  "read with English alone, yet: '%s'", text);
    free(settings);
    json_object_put(rec);
    free(sha);

    sha = tu_sha256_file(in_other);
    const char *show_other[] = {"show", "--json", "--data", data, sha, NULL};
    rec = it_dokaz_json(0, show_other);
    settings = settings_of(rec);
    ck_assert_msg(strstr(settings, " bel+rus+eng ") != NULL, "settings: %s", settings);
    text = it_get_str(page_of(rec, 0), "text");
    ck_assert_msg(text != NULL && strstr(text, "Повестка в суд") != NULL, "read: '%s'", text);
    free(settings);
    json_object_put(rec);
    free(sha);

    free(in_other);
    free(in_english);
    free(other);
    free(english);
    free(conf);
    free(data);
    g_free(dir);
    tu_rmtree(tmp);
    free(tmp);
}
END_TEST

/* One class of the regression set and the CER it must stay under. */
static const struct {
    const char *page;
    double bound;
} regression[] = {
    {"clean300/clean300_01.png", 0.02}, {"dpi150/dpi150_01.png", 0.03},
    {"fax/fax_01.tif", 0.04},           {"rot90/rot90_01.png", 0.03},
    {"skew/skew_01.png", 0.03},         {"stamp/stamp_01.png", 0.03},
    {"phone/phone_01.jpg", 0.04},
};

START_TEST(cer_regression)
{
    char *dir = tu_tempdir("itest-cer"), *set = tu_path(dir, "set");
    char *inbox = tu_path(dir, "in"), *data = tu_path(dir, "data");
    const char *gen[] = {
        getenv("DOKAZ_GEN_SAMPLES"), "--set", "bench", "--per-class", "1", set, NULL};
    ck_assert_int_eq(tu_run((char *const *)gen, NULL), 0);
    size_t n = sizeof regression / sizeof regression[0];
    ck_assert_int_eq(g_mkdir_with_parents(inbox, 0755), 0);
    for (size_t i = 0; i < n; i++) {
        char *from = tu_path(set, regression[i].page);
        char *to = tu_path(inbox, strchr(regression[i].page, '/') + 1);
        it_copy(from, to);
        free(from);
        free(to);
    }
    const char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, inbox, NULL};
    ck_assert_int_eq(tu_run((char *const *)ingest, NULL), 0);
    long dist_all = 0, len_all = 0;
    for (size_t i = 0; i < n; i++) {
        char *img = tu_path(set, regression[i].page);
        char *sha = tu_sha256_file(img);
        const char *show[] = {"show", "--json", "--data", data, sha, NULL};
        json_object *rec = it_dokaz_json(0, show);
        const char *text = it_get_str(page_of(rec, 0), "text");
        char *truth_path = g_strdup(img);
        strcpy(strrchr(truth_path, '.'), ".txt");
        char *truth = tu_read(truth_path, NULL);
        long len = 0, dist = cer_distance(truth, text ? text : "", &len);
        double cer = (double)dist / (double)len;
        ck_assert_msg(cer <= regression[i].bound, "%s: CER %.4f above %.2f; read:\n%s",
                      regression[i].page, cer, regression[i].bound, text);
        dist_all += dist;
        len_all += len;
        free(truth);
        g_free(truth_path);
        json_object_put(rec);
        free(sha);
        free(img);
    }
    ck_assert_msg((double)dist_all / len_all <= 0.02, "overall CER %.4f",
                  (double)dist_all / len_all);
    free(data);
    free(inbox);
    free(set);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* screenshots - chromium screenshots of English and Polish pages: read
 * without Cyrillic look-alikes, found by their words */
START_TEST(screenshots)
{
    char *dir = tu_tempdir("itest-screens"), *data = tu_path(dir, "data");
    const char *fixtures = getenv("DOKAZ_FIXTURES");
    ck_assert_ptr_nonnull(fixtures);
    char *en = g_build_filename(fixtures, "screens", "en-sans.png", NULL);
    char *pl = g_build_filename(fixtures, "screens", "pl-sans.png", NULL);
    char *en_sha = tu_sha256_file(en), *pl_sha = tu_sha256_file(pl);
    const char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, en, pl, NULL};
    ck_assert_int_eq(tu_run((char *const *)ingest, NULL), 0);
    const char *en_lines[] = {"The defendant is accused of taking part in a",
                              "Family members were allowed", NULL};
    const char *pl_lines[] = {"osoby represjonowane na Białorusi", "dwóch tygodni", NULL};
    assert_ocr_page_found(data, en_sha, en_lines, "defendant");
    assert_ocr_page_found(data, pl_sha, pl_lines, "represjonowane");
    /* an English word that a Cyrillic look-alike used to spoil */
    json_object *found = it_search(data, "lawyer");
    ck_assert_msg(it_hit_for(found, en_sha) != NULL, "%s", json_object_to_json_string(found));
    json_object_put(found);
    g_free(en);
    g_free(pl);
    free(en_sha);
    free(pl_sha);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ocr");
    TCase *t = tcase_create("ocr");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, mixed_pdf);
    tcase_add_test(t, bilevel_pdfs);
    tcase_add_test(t, folder_languages);
    tcase_add_test(t, cer_regression);
    tcase_add_test(t, screenshots);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return tu_run_suite(suite());
}
