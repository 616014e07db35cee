/*
 * test_extract_image.c - scanned images (extract/image.c): every format
 * leptonica reads here comes back OCRed, TIFF pages come back in order, and
 * images that declare absurd sizes are refused before anything is decoded.
 *
 * Inputs are generated here: cairo draws Cyrillic lines, leptonica encodes
 * them as JPEG, TIFF, BMP, GIF, WebP, PNM and JPEG 2000; the hostile files are
 * a few hand-made header bytes.
 */
#include "extract/extract.h"
#include "ocr/ocr.h"

#include "ocr_sink.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <cairo.h>
#include <check.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RU "Приговор суда по делу"
#define BE "Паведамленне пракурора Мінск"

/* run_image - extract bytes typed by libmagic, with or without OCR */
static extract_status run_image(const void *data, size_t len, ocr_engine *ocr, collected *c,
                                char **reason)
{
    return collect_pages(data, len, NULL, ocr, 300, c, reason);
}

/* png_write_cb - cairo PNG stream into a GByteArray */
static cairo_status_t png_write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* render_png - one line of black text, 1600 x 300 (50 px letters: 12 pt at
 * 300 dpi); transparent background if `transparent`, else white */
static GByteArray *render_png(const char *text, int transparent)
{
    cairo_surface_t *s = cairo_image_surface_create(transparent ? CAIRO_FORMAT_ARGB32
                                                                : CAIRO_FORMAT_RGB24,
                                                    1600, 300);
    cairo_t *cr = cairo_create(s);
    if (!transparent) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 50);
    cairo_move_to(cr, 60, 170);
    cairo_show_text(cr, text);
    cairo_destroy(cr);
    GByteArray *png = g_byte_array_new();
    ck_assert_int_eq(cairo_surface_write_to_png_stream(s, png_write_cb, png), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return png;
}

/* render_pix - the same line as an 8-bit grey PIX at 300 dpi */
static PIX *render_pix(const char *text)
{
    GByteArray *png = render_png(text, 0);
    PIX *rgb = pixReadMem(png->data, png->len);
    g_byte_array_unref(png);
    ck_assert_ptr_nonnull(rgb);
    PIX *grey = pixConvertTo8(rgb, 0);
    pixDestroy(&rgb);
    pixSetResolution(grey, 300, 300);
    return grey;
}

/* encode - leptonica writes pix in `format` (l_uint8 data, lept_free it) */
static l_uint8 *encode(PIX *pix, int format, size_t *len)
{
    l_uint8 *data = NULL;
    ck_assert_msg(pixWriteMem(&data, len, pix, format) == 0, "pixWriteMem format %d", format);
    ck_assert_ptr_nonnull(data);
    return data;
}

/* assert_one_ocr_page - the extraction gave exactly one OCR page with `words` */
static void assert_one_ocr_page(const void *data, size_t len, const char *words)
{
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_image(data, len, test_engine, &c, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "status %d: %s", st, reason ? reason : "");
    ck_assert_int_eq(c.count, 1);
    ck_assert_int_eq(c.numbers[0], 1);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_OCR);
    ck_assert(c.confidence[0] > 50 && c.confidence[0] <= 100);
    assert_words(c.texts[0], words);
    collected_free(&c);
}

START_TEST(test_png)
{
    GByteArray *png = render_png(RU, 0);
    assert_one_ocr_page(png->data, png->len, RU);
    g_byte_array_unref(png);
}
END_TEST

START_TEST(test_png_transparent_background)
{
    /* transparent pixels are black underneath: they must become paper */
    GByteArray *png = render_png(BE, 1);
    assert_one_ocr_page(png->data, png->len, BE);
    g_byte_array_unref(png);
}
END_TEST

/* formats leptonica writes and reads on this machine */
static const struct {
    int format;
    const char *name;
} formats[] = {
    {IFF_JFIF_JPEG, "JPEG"}, {IFF_BMP, "BMP"},       {IFF_GIF, "GIF"},       {IFF_WEBP, "WebP"},
    {IFF_PNM, "PNM"},        {IFF_JP2, "JPEG 2000"}, {IFF_TIFF_ZIP, "TIFF"},
};

START_TEST(test_format)
{
    PIX *pix = render_pix(BE);
    size_t len = 0;
    l_uint8 *data = encode(pix, formats[_i].format, &len);
    assert_one_ocr_page(data, len, BE);
    lept_free(data);
    pixDestroy(&pix);
}
END_TEST

/* make_two_page_tiff - page 1 bilevel (G4, as fax-like scanners do), page 2 grey */
static l_uint8 *make_two_page_tiff(size_t *len)
{
    PIX *p1 = render_pix(RU);
    PIX *p1bw = pixThresholdToBinary(p1, 128);
    pixSetResolution(p1bw, 300, 300);
    PIX *p2 = render_pix(BE);
    PIXA *pixa = pixaCreate(2);
    pixaAddPix(pixa, p1bw, L_INSERT);
    pixaAddPix(pixa, p2, L_INSERT);
    l_uint8 *data = NULL;
    ck_assert_int_eq(pixaWriteMemMultipageTiff(&data, len, pixa), 0);
    pixaDestroy(&pixa);
    pixDestroy(&p1);
    return data;
}

START_TEST(test_tiff_two_pages_in_order)
{
    size_t len = 0;
    l_uint8 *tiff = make_two_page_tiff(&len);
    collected c = {0};
    char *reason = NULL;
    extract_status st = run_image(tiff, len, test_engine, &c, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s", reason ? reason : "");
    ck_assert_int_eq(c.count, 2);
    ck_assert_int_eq(c.numbers[0], 1);
    ck_assert_int_eq(c.numbers[1], 2);
    ck_assert_int_eq(c.sources[1], PAGE_SOURCE_OCR);
    assert_words(c.texts[0], RU);
    assert_words(c.texts[1], BE);
    collected_free(&c);
    lept_free(tiff);
}
END_TEST

/* with_exif - a JPEG with an APP1 EXIF segment saying `orientation`, inserted
 * after SOI (g_byte_array_unref) */
static GByteArray *with_exif(const l_uint8 *jpeg, size_t len, int orientation)
{
    /* "Exif\0\0", little-endian TIFF header, IFD0 at 8 with one SHORT entry */
    /* (laid out by hand, field by field: clang-format keeps out) */
    /* clang-format off */
    unsigned char app1[] = { 0xFF, 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
                             'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0,
                             0x12, 0x01, 3, 0, 1, 0, 0, 0, (unsigned char)orientation, 0, 0, 0,
                             0, 0, 0, 0 };
    /* clang-format on */
    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, jpeg, 2);
    g_byte_array_append(out, app1, sizeof app1);
    g_byte_array_append(out, jpeg + 2, (guint)(len - 2));
    return out;
}

/* test_jpeg_exif_orientation - a phone photo stored sideways with orientation 6
 * (turn 90 cw to view) is read upright, even without orientation detection */
START_TEST(test_jpeg_exif_orientation)
{
    PIX *line = render_pix(RU);
    PIX *sideways = pixRotateOrth(line, 3); /* as the sensor stored it */
    size_t len = 0;
    l_uint8 *jpeg = encode(sideways, IFF_JFIF_JPEG, &len);
    GByteArray *photo = with_exif(jpeg, len, 6);
    ocr_prep no_orient;
    ocr_prep_defaults(&no_orient);
    no_orient.orient = false;
    ocr_engine_set_prep(test_engine, &no_orient);
    assert_one_ocr_page(photo->data, photo->len, RU);
    ocr_prep_defaults(&no_orient);
    ocr_engine_set_prep(test_engine, &no_orient);
    g_byte_array_unref(photo);
    lept_free(jpeg);
    pixDestroy(&sideways);
    pixDestroy(&line);
}
END_TEST

START_TEST(test_no_ocr_engine)
{
    GByteArray *png = render_png(RU, 0);
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_image(png->data, png->len, NULL, &c, &reason), EXTRACT_FAILED);
    ck_assert_str_eq(reason, "no OCR engine");
    ck_assert_int_eq(c.count, 0);
    free(reason);
    g_byte_array_unref(png);
}
END_TEST

/* crc32 - PNG chunk CRC (ISO 3309), bitwise; only for the hand-made headers */
static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return c ^ 0xFFFFFFFFu;
}

static void be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void le16w(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void le32w(unsigned char *p, uint32_t v)
{
    le16w(p, v & 0xFFFF);
    le16w(p + 2, v >> 16);
}

/* assert_bomb_refused - FAILED, nothing emitted, the reason says why */
static void assert_bomb_refused(const void *data, size_t len, const char *what)
{
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_image(data, len, test_engine, &c, &reason), EXTRACT_FAILED);
    ck_assert_int_eq(c.count, 0);
    ck_assert_ptr_nonnull(reason);
    ck_assert_msg(strstr(reason, "decompression bomb") != NULL, "reason: %s", reason);
    ck_assert_msg(strstr(reason, what) != NULL, "reason: %s", reason);
    free(reason);
}

/* png_header - signature, IHDR declaring w x h grey, IEND: no pixel data */
static size_t png_header(unsigned char *buf, uint32_t w, uint32_t h)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    memcpy(buf, sig, 8);
    be32(buf + 8, 13);
    memcpy(buf + 12, "IHDR", 4);
    be32(buf + 16, w);
    be32(buf + 20, h);
    buf[24] = 8; /* bit depth */
    buf[25] = 0; /* grey */
    buf[26] = buf[27] = buf[28] = 0;
    be32(buf + 29, crc32_png(buf + 12, 17));
    be32(buf + 33, 0);
    memcpy(buf + 37, "IEND", 4);
    be32(buf + 41, crc32_png(buf + 37, 4));
    return 45;
}

START_TEST(test_bomb_png)
{
    unsigned char buf[64];
    size_t n = png_header(buf, 60000, 60000);
    assert_bomb_refused(buf, n, "60000 x 60000");
}
END_TEST

START_TEST(test_bomb_bmp)
{
    unsigned char bmp[54] = {'B', 'M'};
    le32w(bmp + 2, sizeof bmp);
    le32w(bmp + 10, 54);
    le32w(bmp + 14, 40);               /* BITMAPINFOHEADER */
    le32w(bmp + 18, 30000);            /* width */
    le32w(bmp + 22, (uint32_t)-30000); /* height, top-down */
    le16w(bmp + 26, 1);
    le16w(bmp + 28, 24);
    assert_bomb_refused(bmp, sizeof bmp, "30000 x 30000");
}
END_TEST

START_TEST(test_bomb_gif_screen)
{
    unsigned char gif[] = {'G',  'I', 'F', '8', '9', 'a',  0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0,
                           0x2C, 0,   0,   0,   0,   0xFF, 0xFF, 0xFF, 0xFF, 0,    2, 0, 0x3B};
    assert_bomb_refused(gif, sizeof gif, "65535 x 65535");
}
END_TEST

START_TEST(test_bomb_gif_frames)
{
    /* a modest 10000 x 10000 screen, but three 10000 x 5000 frames: giflib
     * would decode them all (150 megapixels) */
    GByteArray *g = g_byte_array_new();
    const unsigned char head[] = {'G',  'I',  'F',  '8',  '9', 'a', 0x10,
                                  0x27, 0x10, 0x27, 0x80, 0,   0, /* global table of 2 colours */
                                  0,    0,    0,    255,  255, 255};
    g_byte_array_append(g, head, sizeof head);
    const unsigned char ext[] = {0x21, 0xF9, 4, 0, 0, 0, 0, 0}; /* graphic control */
    const unsigned char frame[] = {0x2C, 0, 0, 0, 0,    0x10, 0x27, 0x88,
                                   0x13, 0, 2, 2, 0x4C, 0x01, 0};
    for (int i = 0; i < 3; i++) {
        g_byte_array_append(g, ext, sizeof ext);
        g_byte_array_append(g, frame, sizeof frame);
    }
    const unsigned char trailer = 0x3B;
    g_byte_array_append(g, &trailer, 1);
    assert_bomb_refused(g->data, g->len, "GIF frames");
    g_byte_array_unref(g);
}
END_TEST

START_TEST(test_bomb_on_tiff_page_two)
{
    /* page 1 is a real page; page 2's directory, appended by hand, declares
     * 50000 x 50000: page 1 is emitted, page 2 refused before decoding */
    PIX *pix = render_pix(RU);
    size_t len = 0;
    l_uint8 *one = encode(pix, IFF_TIFF_ZIP, &len);
    pixDestroy(&pix);
    ck_assert(one[0] == 'I' && one[1] == 'I'); /* leptonica writes little-endian */

    size_t ifd2 = (len + 1) & ~(size_t)1;
    static const uint16_t tags[][3] = {
        /* tag, type (3 SHORT, 4 LONG), value */
        {256, 4, 0}, {257, 4, 0}, {258, 3, 8}, {259, 3, 1},     {262, 3, 1},
        {273, 4, 8}, {277, 3, 1}, {278, 4, 1}, {279, 4, 50000},
    };
    size_t ntags = sizeof tags / sizeof tags[0];
    size_t total = ifd2 + 2 + 12 * ntags + 4;
    unsigned char *buf = xcalloc(1, total);
    memcpy(buf, one, len);
    lept_free(one);
    /* find page 1's "next directory" pointer and aim it at ours */
    uint32_t ifd1 = buf[4] | buf[5] << 8 | buf[6] << 16 | (uint32_t)buf[7] << 24;
    uint32_t n1 = buf[ifd1] | buf[ifd1 + 1] << 8;
    le32w(buf + ifd1 + 2 + 12 * n1, (uint32_t)ifd2);
    unsigned char *p = buf + ifd2;
    le16w(p, (uint32_t)ntags);
    p += 2;
    for (size_t i = 0; i < ntags; i++, p += 12) {
        le16w(p, tags[i][0]);
        le16w(p + 2, tags[i][1]);
        le32w(p + 4, 1);
        uint32_t v = tags[i][0] == 256 || tags[i][0] == 257 ? 50000 : tags[i][2];
        if (tags[i][1] == 3)
            le16w(p + 8, v);
        else
            le32w(p + 8, v);
    }
    le32w(p, 0);

    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_image(buf, total, test_engine, &c, &reason), EXTRACT_FAILED);
    ck_assert_int_eq(c.count, 1);
    assert_words(c.texts[0], RU);
    ck_assert_msg(reason && strstr(reason, "TIFF page 2") && strstr(reason, "decompression bomb"),
                  "reason: %s", reason);
    free(reason);
    collected_free(&c);
    free(buf);
}
END_TEST

START_TEST(test_truncated_png)
{
    GByteArray *png = render_png(RU, 0);
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_image(png->data, png->len / 2, test_engine, &c, &reason), EXTRACT_FAILED);
    ck_assert_int_eq(c.count, 0);
    ck_assert_msg(reason && strstr(reason, "PNG"), "reason: %s", reason);
    free(reason);
    g_byte_array_unref(png);
}
END_TEST

START_TEST(test_garbage_after_signatures)
{
    /* real signatures, then noise: refused with a reason, no crash */
    static const struct {
        const char *bytes;
        size_t len;
    } heads[] = {
        {"\x89PNG\r\n\x1a\n", 8},
        {"\xFF\xD8\xFF\xE0", 4},
        {"II*\0", 4},
        {"MM\0*", 4},
        {"GIF89a", 6},
        {"BM", 2},
        {"RIFF\0\0\0\0WEBP", 12},
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        unsigned char buf[600];
        GRand *r = g_rand_new_with_seed((guint32)i + 7);
        for (size_t k = 0; k < sizeof buf; k++)
            buf[k] = (unsigned char)g_rand_int_range(r, 0, 256);
        g_rand_free(r);
        memcpy(buf, heads[i].bytes, heads[i].len);
        collected c = {0};
        char *reason = NULL;
        extract_input in = {.data = buf, .size = sizeof buf, .mime = "image/x-test"};
        extract_env env = {.ocr = test_engine, .pdf_render_dpi = 300};
        extract_sink sink = {.page = collect, .ctx = &c};
        extract_status st = extract_run(&env, &in, &sink, &reason);
        /* either refused with a reason, or (for formats whose decoders
         * tolerate noise) decoded into a page of nothing much */
        if (st == EXTRACT_FAILED)
            ck_assert_ptr_nonnull(reason);
        else
            ck_assert_int_eq(st, EXTRACT_DONE);
        free(reason);
        collected_free(&c);
    }
}
END_TEST

START_TEST(test_bids)
{
    GByteArray *png = render_png(RU, 0);
    extract_input in = {.data = png->data, .size = png->len, .mime = "image/png"};
    ck_assert_str_eq(extract_choose(&in)->name, "image");
    in.mime = "application/octet-stream"; /* libmagic unsure: content still decides */
    ck_assert_str_eq(extract_choose(&in)->name, "image");
    in.mime = "image/svg+xml";
    in.data = (const unsigned char *)"<svg xmlns='http://www.w3.org/2000/svg'/>";
    in.size = strlen((const char *)in.data);
    ck_assert_str_eq(extract_choose(&in)->name, "svg"); /* vector: not the raster reader's */
    g_byte_array_unref(png);
}
END_TEST

static Suite *image_suite(void)
{
    Suite *s = suite_create("extract_image");
    TCase *tc = tcase_create("image");
    tcase_add_unchecked_fixture(tc, test_engine_open, test_engine_close);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_png);
    tcase_add_test(tc, test_png_transparent_background);
    tcase_add_loop_test(tc, test_format, 0, (int)(sizeof formats / sizeof formats[0]));
    tcase_add_test(tc, test_tiff_two_pages_in_order);
    tcase_add_test(tc, test_no_ocr_engine);
    tcase_add_test(tc, test_jpeg_exif_orientation);
    tcase_add_test(tc, test_bomb_png);
    tcase_add_test(tc, test_bomb_bmp);
    tcase_add_test(tc, test_bomb_gif_screen);
    tcase_add_test(tc, test_bomb_gif_frames);
    tcase_add_test(tc, test_bomb_on_tiff_page_two);
    tcase_add_test(tc, test_truncated_png);
    tcase_add_test(tc, test_garbage_after_signatures);
    tcase_add_test(tc, test_bids);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    setenv("OMP_THREAD_LIMIT", "1", 0);
    return tu_run_suite(image_suite());
}
