/*
 * heic.c - HEIF photos (.heic from phones, .heif, .avif), read like a JPEG.
 *
 * libheif parses the container and decodes the primary image (HEVC through
 * libde265, AV1 through the decoders it was built with), applying the
 * rotation and mirroring the file records, as image.c does with a JPEG's
 * EXIF orientation. The declared size is checked against
 * EXTRACT_MAX_PIXELS before anything is decoded. The EXIF block, when the
 * file has one, gives the photo's date, camera and GPS position
 * (exif_meta.c). One page image is alive at a time: extract_emit_ocr frees
 * it after tesseract.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <glib.h>
#include <leptonica/allheaders.h>
#include <libheif/heif.h>
#include <string.h>

/* heic_bid - libmagic's HEIF types, or bytes libheif recognises */
static int heic_bid(const extract_input *in)
{
    static const char *const types[] = {"image/heic", "image/heif", "image/heic-sequence",
                                        "image/heif-sequence", "image/avif"};
    if (in->size < 12 || in->mime == NULL)
        return 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(in->mime, types[i]) == 0)
            return 50;
    int len = in->size > 4096 ? 4096 : (int)in->size;
    return heif_check_filetype(in->data, len) == heif_filetype_yes_supported ? 20 : 0;
}

/* exif - the primary image's EXIF block to exif_meta.c: libheif's block is
 * a 4-byte offset to the TIFF header, then (after "Exif\0\0" or not) TIFF */
static extract_status exif(const struct heif_image_handle *h, extract_sink *sink, char **reason)
{
    heif_item_id id;
    if (heif_image_handle_get_list_of_metadata_block_IDs(h, "Exif", &id, 1) < 1)
        return EXTRACT_DONE;
    size_t size = heif_image_handle_get_metadata_size(h, id);
    if (size < 4 + 8 || size > (size_t)16 * 1024 * 1024)
        return EXTRACT_DONE;
    unsigned char *block = g_malloc(size + 6);
    extract_status st = EXTRACT_DONE;
    struct heif_error e = heif_image_handle_get_metadata(h, id, block + 6);
    size_t offset = (size_t)block[6] << 24 | (size_t)block[7] << 16 | (size_t)block[8] << 8 |
                    block[9];
    if (e.code == heif_error_Ok && offset <= size - 4 - 8) {
        /* libexif wants "Exif\0\0" right before the TIFF structure: it is
         * there already, or goes over the offset field and the room before it */
        unsigned char *tiff = block + 6 + 4 + offset;
        static const unsigned char exif_mark[6] = {'E', 'x', 'i', 'f', 0, 0};
        memcpy(tiff - 6, exif_mark, sizeof exif_mark);
        st = extract_exif_meta(tiff - 6, size - 4 - offset + 6, sink, reason);
    }
    g_free(block);
    return st;
}

/* to_pix - an interleaved RGB heif image as a 32-bit PIX */
static struct Pix *to_pix(const struct heif_image *img, int w, int h)
{
    int stride = 0;
    const uint8_t *p = heif_image_get_plane_readonly(img, heif_channel_interleaved, &stride);
    if (p == NULL || stride < 3 * w)
        return NULL;
    struct Pix *pix = pixCreate(w, h, 32);
    if (pix == NULL)
        return NULL;
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const uint8_t *row = p + (size_t)y * (size_t)stride;
        l_uint32 *line = data + (size_t)y * (size_t)wpl;
        for (int x = 0; x < w; x++)
            composeRGBPixel(row[(size_t)3 * x], row[(size_t)3 * x + 1], row[(size_t)3 * x + 2],
                            line + x);
    }
    return pix;
}

/* decode - the primary image, size checked first (NULL with *reason) */
static struct Pix *decode(const struct heif_image_handle *h, char **reason)
{
    int w = heif_image_handle_get_width(h), hh = heif_image_handle_get_height(h);
    int iw = heif_image_handle_get_ispe_width(h), ih = heif_image_handle_get_ispe_height(h);
    guint64 declared = (guint64)MAX(w, 0) * (guint64)MAX(hh, 0);
    guint64 stored = (guint64)MAX(iw, 0) * (guint64)MAX(ih, 0);
    if (w <= 0 || hh <= 0 || declared > EXTRACT_MAX_PIXELS || stored > EXTRACT_MAX_PIXELS) {
        dk_fail(reason,
                "the HEIF image declares %d x %d pixels: empty or more than the %llu "
                "megapixel limit",
                w, hh, EXTRACT_MAX_PIXELS / 1000000);
        return NULL;
    }
    struct heif_image *img = NULL;
    struct heif_error e = heif_decode_image(h, &img, heif_colorspace_RGB,
                                            heif_chroma_interleaved_RGB, NULL);
    if (e.code != heif_error_Ok || img == NULL) {
        dk_fail(reason, "cannot decode the HEIF image: %s", e.message ? e.message : "unknown");
        return NULL;
    }
    int dw = heif_image_get_width(img, heif_channel_interleaved);
    int dh = heif_image_get_height(img, heif_channel_interleaved);
    struct Pix *pix = dw == w && dh == hh ? to_pix(img, w, hh) : NULL;
    heif_image_release(img);
    if (pix == NULL)
        dk_fail(reason, "the decoded HEIF image is not the size it declares");
    return pix;
}

/* heic_run - metadata, then the photo OCRed as page 1 */
static extract_status heic_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                               char **reason)
{
    if (env->helping) /* one page: nothing to help with */
        return EXTRACT_DONE;
    struct heif_context *ctx = heif_context_alloc();
    heif_context_set_maximum_image_size_limit(ctx, 10000); /* 10000^2 = the pixel limit */
    struct heif_image_handle *h = NULL;
    struct heif_error e = heif_context_read_from_memory_without_copy(ctx, in->data, in->size, NULL);
    if (e.code == heif_error_Ok)
        e = heif_context_get_primary_image_handle(ctx, &h);
    extract_status st = EXTRACT_FAILED;
    if (e.code != heif_error_Ok) {
        dk_fail(reason, "cannot read the HEIF file: %s", e.message ? e.message : "unknown");
    } else if ((st = exif(h, sink, reason)) == EXTRACT_DONE) {
        struct Pix *pix = NULL;
        if (env->ocr == NULL) {
            dk_fail(reason, "no OCR engine");
            st = EXTRACT_FAILED;
        } else if ((pix = decode(h, reason)) == NULL) {
            st = EXTRACT_FAILED;
        } else {
            st = extract_emit_ocr(env, &pix, 1, 0, sink, reason);
        }
    }
    if (h != NULL)
        heif_image_handle_release(h);
    heif_context_free(ctx);
    return st;
}

const extractor extractor_heic = {
    .name = "heic",
    .bid = heic_bid,
    .run = heic_run,
};
