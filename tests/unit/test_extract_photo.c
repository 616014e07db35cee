/*
 * test_extract_photo.c - phone photos: HEIF/HEIC images (extract/heic.c) are
 * OCRed like JPEGs, and the EXIF date, camera and GPS position of a JPEG or
 * a HEIC (extract/exif_meta.c) become the item's metadata.
 *
 * The photo is a line of text (fx_png, tests/fixtures) encoded as JPEG by leptonica,
 * given an EXIF block laid out here by hand (TIFF structure, IFD0 with the
 * camera, an Exif IFD with the date, a GPS IFD with the position), and
 * turned into HEIC by Debian's `heif-enc` (libheif-examples), which keeps
 * the EXIF block: the real encoder, the real decoder.
 */
#include "extract/extract.h"
#include "extract/identify.h"
#include "ocr/ocr.h"

#include "fixtures.h"
#include "ocr_sink.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RU "Приговор суда"
#define TAKEN "2025:03:01 10:15:00"
#define TAKEN_ISO "2025-03-01T10:15:00+03:00"
#define CAMERA "Apple iPhone 12"
#define GPS "53.904540, 27.561524"

/* Pages (first, as `collect` wants its ctx) and metadata of one extraction. */
typedef struct {
    collected pages;
    GHashTable *meta;
} photo_seen;

static int on_meta(void *ctx, const char *name, const char *value, char **err)
{
    (void)err;
    g_hash_table_insert(((photo_seen *)ctx)->meta, g_strdup(name), g_strdup(value));
    return 0;
}

/* extract - identify the bytes and extract them with the test engine */
static extract_status extract(const void *data, size_t len, ocr_engine *ocr, photo_seen *s,
                              char **mime_out, char **reason)
{
    char *err = NULL;
    identify *idf = identify_open(&err);
    ck_assert_msg(idf != NULL, "%s", err);
    char *mime = identify_buffer(idf, data, len);
    identify_close(idf);
    memset(&s->pages, 0, sizeof s->pages);
    s->meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    extract_env env = {.ocr = ocr, .pdf_render_dpi = 300};
    extract_input in = {.path = "/nowhere", .data = data, .size = len, .mime = mime};
    extract_sink sink = {.page = collect, .ctx = s, .meta = on_meta};
    extract_status st = extract_run(&env, &in, &sink, reason);
    *mime_out = mime;
    return st;
}

static void photo_seen_free(photo_seen *s)
{
    collected_free(&s->pages);
    g_hash_table_destroy(s->meta);
}

/* A TIFF (EXIF) directory entry; data longer than 4 bytes goes after the IFD. */
typedef struct {
    uint16_t tag, type;
    uint32_t count;
    const void *data;
    size_t len;
} tiff_entry;

static void le16(GByteArray *b, uint32_t v)
{
    guint8 p[2] = {(guint8)v, (guint8)(v >> 8)};
    g_byte_array_append(b, p, 2);
}

static void le32(GByteArray *b, uint32_t v)
{
    guint8 p[4] = {(guint8)v, (guint8)(v >> 8), (guint8)(v >> 16), (guint8)(v >> 24)};
    g_byte_array_append(b, p, 4);
}

/* put_ifd - an IFD appended to the TIFF block t (offsets from its start);
 * returns the IFD's offset */
static uint32_t put_ifd(GByteArray *t, const tiff_entry *e, size_t n)
{
    uint32_t at = t->len, extra = at + 2 + 12 * (uint32_t)n + 4;
    le16(t, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        le16(t, e[i].tag);
        le16(t, e[i].type);
        le32(t, e[i].count);
        if (e[i].len <= 4) {
            guint8 inline_value[4] = {0};
            memcpy(inline_value, e[i].data, e[i].len);
            g_byte_array_append(t, inline_value, 4);
        } else {
            le32(t, extra);
            extra += (uint32_t)(e[i].len + (e[i].len & 1));
        }
    }
    le32(t, 0); /* no next IFD */
    for (size_t i = 0; i < n; i++)
        if (e[i].len > 4) {
            g_byte_array_append(t, e[i].data, (guint)e[i].len);
            if (e[i].len & 1)
                g_byte_array_append(t, (const guint8 *)"", 1);
        }
    return at;
}

/* rationals - three unsigned rationals, little-endian */
static void rationals(guint8 out[24], const uint32_t v[6])
{
    for (int i = 0; i < 6; i++)
        for (int k = 0; k < 4; k++)
            out[4 * i + k] = (guint8)(v[i] >> (8 * k));
}

/* exif_app1 - the APP1 segment: Exif IFD (date), GPS IFD, then IFD0 (camera) */
static GByteArray *exif_app1(void)
{
    GByteArray *t = g_byte_array_new();
    g_byte_array_append(t, (const guint8 *)"II*\0\0\0\0\0", 8); /* IFD0 offset set below */
    tiff_entry exif[] = {{0x9003, 2, sizeof TAKEN, TAKEN, sizeof TAKEN},
                         {0x9011, 2, 7, "+03:00", 7}};
    uint32_t exif_at = put_ifd(t, exif, 2);
    guint8 lat[24], lon[24];
    rationals(lat, (const uint32_t[]){53, 1, 54, 1, 16344, 1000});
    rationals(lon, (const uint32_t[]){27, 1, 33, 1, 41486, 1000});
    tiff_entry gps[] = {{1, 2, 2, "N", 2},
                        {2, 5, 3, lat, 24},
                        {3, 2, 2, "E", 2},
                        {4, 5, 3, lon, 24}};
    uint32_t gps_at = put_ifd(t, gps, 4);
    guint8 exif_ptr[4], gps_ptr[4];
    for (int k = 0; k < 4; k++) {
        exif_ptr[k] = (guint8)(exif_at >> (8 * k));
        gps_ptr[k] = (guint8)(gps_at >> (8 * k));
    }
    tiff_entry ifd0[] = {{0x010F, 2, 6, "Apple", 6},
                         {0x0110, 2, 10, "iPhone 12", 10},
                         {0x8769, 4, 1, exif_ptr, 4},
                         {0x8825, 4, 1, gps_ptr, 4}};
    uint32_t ifd0_at = put_ifd(t, ifd0, 4);
    for (int k = 0; k < 4; k++)
        t->data[4 + k] = (guint8)(ifd0_at >> (8 * k));
    GByteArray *app1 = g_byte_array_new();
    uint32_t len = 2 + 6 + t->len;
    guint8 head[4] = {0xFF, 0xE1, (guint8)(len >> 8), (guint8)len};
    g_byte_array_append(app1, head, 4);
    g_byte_array_append(app1, (const guint8 *)"Exif\0\0", 6);
    g_byte_array_append(app1, t->data, t->len);
    g_byte_array_unref(t);
    return app1;
}

/* photo_jpeg - a line of text as a JPEG with the EXIF block after SOI */
static GByteArray *photo_jpeg(void)
{
    size_t png_len = 0;
    unsigned char *png = fx_png(RU, &png_len);
    ck_assert_ptr_nonnull(png);
    PIX *pix = pixReadMem(png, png_len);
    free(png);
    ck_assert_ptr_nonnull(pix);
    l_uint8 *jpeg = NULL;
    size_t len = 0;
    ck_assert_int_eq(pixWriteMem(&jpeg, &len, pix, IFF_JFIF_JPEG), 0);
    pixDestroy(&pix);
    GByteArray *app1 = exif_app1();
    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, jpeg, 2);
    g_byte_array_append(out, app1->data, app1->len);
    g_byte_array_append(out, jpeg + 2, (guint)(len - 2));
    g_byte_array_unref(app1);
    lept_free(jpeg);
    return out;
}

/* photo_heic - the same photo through heif-enc (malloc'd bytes) */
static char *photo_heic(size_t *len)
{
    char *dir = tu_tempdir("heic");
    char *jpeg_path = tu_path(dir, "photo.jpg"), *heic_path = tu_path(dir, "photo.heic");
    GByteArray *jpeg = photo_jpeg();
    tu_write(jpeg_path, jpeg->data, jpeg->len);
    g_byte_array_unref(jpeg);
    char *argv[] = {"/usr/bin/heif-enc", "-q", "90", "-o", heic_path, jpeg_path, NULL};
    ck_assert_int_eq(tu_run(argv, NULL), 0);
    char *heic = tu_read(heic_path, len);
    ck_assert_ptr_nonnull(heic);
    tu_rmtree(dir);
    free(dir);
    free(jpeg_path);
    free(heic_path);
    return heic;
}

/* assert_photo_meta - the three fields, as the EXIF block says */
static void assert_photo_meta(photo_seen *s)
{
    ck_assert_str_eq(g_hash_table_lookup(s->meta, "photo_taken"), TAKEN_ISO);
    ck_assert_str_eq(g_hash_table_lookup(s->meta, "camera"), CAMERA);
    ck_assert_str_eq(g_hash_table_lookup(s->meta, "gps"), GPS);
}

START_TEST(test_jpeg_exif_meta)
{
    GByteArray *jpeg = photo_jpeg();
    photo_seen s;
    char *mime = NULL, *reason = NULL;
    extract_status st = extract(jpeg->data, jpeg->len, test_engine, &s, &mime, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s", reason ? reason : "");
    assert_photo_meta(&s);
    ck_assert_int_eq(s.pages.count, 1);
    assert_words(s.pages.texts[0], RU);
    photo_seen_free(&s);
    free(mime);
    g_byte_array_unref(jpeg);
}
END_TEST

START_TEST(test_heic_read_like_jpeg)
{
    size_t len = 0;
    char *heic = photo_heic(&len);
    photo_seen s;
    char *mime = NULL, *reason = NULL;
    extract_status st = extract(heic, len, test_engine, &s, &mime, &reason);
    ck_assert_msg(st == EXTRACT_DONE, "%s: %s", mime, reason ? reason : "");
    ck_assert_str_eq(mime, "image/heic");
    assert_photo_meta(&s);
    ck_assert_int_eq(s.pages.count, 1);
    ck_assert_int_eq(s.pages.sources[0], PAGE_SOURCE_OCR);
    assert_words(s.pages.texts[0], RU);
    photo_seen_free(&s);
    free(mime);

    /* half of it fails with libheif's reason, and no page */
    st = extract(heic, len / 2, test_engine, &s, &mime, &reason);
    ck_assert_int_eq(st, EXTRACT_FAILED);
    ck_assert_msg(reason && strstr(reason, "HEIF"), "%s", reason ? reason : "");
    ck_assert_int_eq(s.pages.count, 0);
    photo_seen_free(&s);
    free(mime);

    /* a bomb: every 'ispe' box made to declare 30000 x 30000 pixels is
     * refused before anything is decoded */
    for (char *p = memmem(heic, len, "ispe", 4); p && p + 16 <= heic + len;
         p = memmem(p + 4, len - (size_t)(p + 4 - heic), "ispe", 4))
        for (int k = 0; k < 2; k++)
            memcpy(p + 8 + 4 * k, "\x00\x00\x75\x30", 4); /* 30000, big-endian */
    st = extract(heic, len, test_engine, &s, &mime, &reason);
    ck_assert_int_eq(st, EXTRACT_FAILED);
    ck_assert_msg(strstr(reason, "30000"), "%s", reason); /* libheif's limit or ours */
    ck_assert_int_eq(s.pages.count, 0);
    photo_seen_free(&s);
    free(reason);
    free(mime);
    free(heic);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("extract_photo");
    TCase *tc = tcase_create("photo");
    tcase_add_unchecked_fixture(tc, test_engine_open, test_engine_close);
    tcase_add_test(tc, test_jpeg_exif_meta);
    tcase_add_test(tc, test_heic_read_like_jpeg);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
