/*
 * image.c - scanned pages and photos: every image page is OCRed.
 *
 * Formats are those leptonica decodes on this machine: PNG, JPEG, TIFF (all
 * pages), BMP, GIF (first frame), WebP, PNM and JPEG 2000. Every image is
 * decoded from the mapped file in memory; nothing is written to disk.
 *
 * Decompression bombs: a few kilobytes of PNG or GIF can declare 50,000 x
 * 50,000 pixels. We read the declared size before decoding anything and refuse
 * images above EXTRACT_MAX_PIXELS. leptonica's pixReadHeaderMem reads real
 * headers for PNG, JPEG, TIFF, PNM, WebP and JP2, but for BMP and GIF it
 * decodes the whole image to learn its size, which is exactly what we must not
 * do; for those two we read the few header fields ourselves (bmp_size,
 * gif_size). TIFF pages are checked one by one, each before it is decoded.
 *
 * Bounded memory: one page image is alive at a time; extract_emit_ocr frees
 * it after tesseract and before the sink sees the text.
 *
 * A JPEG is turned as its EXIF orientation says (exif.c) before it is OCRed.
 * A worker helping another with a multi-page TIFF reads it from the last page
 * back, only the pages nobody has read (ocr/document.c).
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <leptonica/allheaders.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* sniff - leptonica's idea of the format, from the first bytes */
static int sniff(const unsigned char *data, size_t size)
{
    /* findFileFormatBuffer looks at up to 12 bytes; give it zeros past the end */
    unsigned char head[16] = {0};
    memcpy(head, data, size < sizeof head ? size : sizeof head);
    l_int32 format = IFF_UNKNOWN;
    if (findFileFormatBuffer(head, &format) != 0)
        return IFF_UNKNOWN;
    return format;
}

/* is_tiff - any of leptonica's TIFF compression variants */
static bool is_tiff(int format)
{
    return L_FORMAT_IS_TIFF(format);
}

/* format_name - for reasons: "PNG", "TIFF", ... ; NULL if we do not read it */
static const char *format_name(int format)
{
    if (is_tiff(format))
        return "TIFF";
    switch (format) {
    case IFF_BMP: return "BMP";
    case IFF_JFIF_JPEG: return "JPEG";
    case IFF_PNG: return "PNG";
    case IFF_PNM: return "PNM";
    case IFF_GIF: return "GIF";
    case IFF_JP2: return "JPEG 2000";
    case IFF_WEBP: return "WebP";
    default: return NULL; /* unknown, PostScript, PDF, leptonica's own spix */
    }
}

/* image_bid - high for image/... that leptonica can decode; low for untyped bytes */
static int image_bid(const extract_input *in)
{
    if (in->size < 8 || format_name(sniff(in->data, in->size)) == NULL)
        return 0;
    if (in->mime == NULL || strcmp(in->mime, "application/octet-stream") == 0)
        return 10;
    if (strncmp(in->mime, "image/", 6) == 0)
        return 50;
    return 0;
}

/* le16, le32 - little-endian fields of BMP and GIF headers */
static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* bmp_size - declared width and height from the BMP info header */
static int bmp_size(const unsigned char *p, size_t n, uint64_t *w, uint64_t *h)
{
    if (n < 26)
        return -1;
    uint32_t dib = le32(p + 14);
    if (dib == 12) { /* OS/2 BITMAPCOREHEADER: 16-bit fields */
        *w = le16(p + 18);
        *h = le16(p + 20);
        return 0;
    }
    int32_t sw = (int32_t)le32(p + 18);
    int32_t sh = (int32_t)le32(p + 22); /* negative: top-down rows */
    *w = sw < 0 ? (uint64_t) - (int64_t)sw : (uint64_t)sw;
    *h = sh < 0 ? (uint64_t) - (int64_t)sh : (uint64_t)sh;
    return 0;
}

/* gif_skip_blocks - past a chain of GIF data sub-blocks; returns the new position */
static size_t gif_skip_blocks(const unsigned char *p, size_t n, size_t pos)
{
    while (pos < n && p[pos] != 0)
        pos += (size_t)p[pos] + 1;
    return pos + 1; /* the zero-length terminator */
}

/* gif_size - the logical screen, and the pixels of all frames together
 *
 * giflib (under leptonica) decodes every frame into memory, so the sum of the
 * frames is what a bomb would cost. Walks the block structure only. */
static int gif_size(const unsigned char *p, size_t n, uint64_t *w, uint64_t *h,
                    uint64_t *frame_pixels)
{
    if (n < 13)
        return -1;
    *w = le16(p + 6);
    *h = le16(p + 8);
    *frame_pixels = 0;
    size_t pos = 13;
    if (p[10] & 0x80) /* global colour table */
        pos += 3 * ((size_t)1 << ((p[10] & 7) + 1));
    while (pos < n) {
        unsigned char block = p[pos];
        if (block == 0x3B) { /* trailer */
            break;
        } else if (block == 0x21) { /* extension: label, then sub-blocks */
            pos = gif_skip_blocks(p, n, pos + 2);
        } else if (block == 0x2C) { /* image descriptor */
            if (pos + 10 > n)
                break;
            *frame_pixels += (uint64_t)le16(p + pos + 5) * le16(p + pos + 7);
            unsigned char flags = p[pos + 9];
            pos += 10;
            if (flags & 0x80) /* local colour table */
                pos += 3 * ((size_t)1 << ((flags & 7) + 1));
            pos = gif_skip_blocks(p, n, pos + 1); /* LZW code size, then data */
        } else {
            break; /* not GIF structure: giflib will stop here too */
        }
    }
    return 0;
}

/* check_pixels - refuse a declared size that is empty or over the limit */
static int check_pixels(uint64_t w, uint64_t h, const char *what, char **reason)
{
    if (w == 0 || h == 0)
        return dk_fail(reason, "%s has no pixels (%llu x %llu)", what, (unsigned long long)w,
                       (unsigned long long)h);
    if (w * h > EXTRACT_MAX_PIXELS)
        return dk_fail(reason,
                       "%s declares %llu x %llu pixels (%.0f megapixels), more than the "
                       "%llu megapixel limit: refusing a possible decompression bomb",
                       what, (unsigned long long)w, (unsigned long long)h,
                       (double)w * (double)h / 1e6, EXTRACT_MAX_PIXELS / 1000000);
    return 0;
}

/* check_header - the declared size of a single-image file, checked */
static int check_header(const extract_input *in, int format, const char *name, char **reason)
{
    uint64_t w = 0, h = 0, frames = 0;
    char what[64];
    snprintf(what, sizeof what, "the %s image", name);
    if (format == IFF_BMP) {
        if (bmp_size(in->data, in->size, &w, &h) != 0)
            return dk_fail(reason, "cannot read the BMP header: file too short");
    } else if (format == IFF_GIF) {
        if (gif_size(in->data, in->size, &w, &h, &frames) != 0)
            return dk_fail(reason, "cannot read the GIF header: file too short");
        if (check_pixels(w, h, what, reason) != 0)
            return -1;
        if (frames > EXTRACT_MAX_PIXELS)
            return dk_fail(reason,
                           "the GIF frames declare %.0f megapixels together, more than "
                           "the %llu megapixel limit: refusing a possible decompression bomb",
                           (double)frames / 1e6, EXTRACT_MAX_PIXELS / 1000000);
    } else {
        l_int32 lw = 0, lh = 0;
        if (pixReadHeaderMem(in->data, in->size, NULL, &lw, &lh, NULL, NULL, NULL) != 0)
            return dk_fail(reason, "cannot read the %s header: damaged or truncated file", name);
        w = lw < 0 ? 0 : (uint64_t)lw;
        h = lh < 0 ? 0 : (uint64_t)lh;
    }
    return check_pixels(w, h, what, reason);
}

/* ocr_one - OCR and emit one decoded page (owns *pix)
 *
 * The page goes to OCR in its own colours and depth: preparation
 * (ocr/prep.c) makes it grey in the way that drops coloured stamps and
 * flattens transparency onto white, and reads its x and y resolution. */
static extract_status ocr_one(const extract_env *env, struct Pix **pix, int number,
                              const char *name, extract_sink *sink, char **reason)
{
    (void)name;
    return extract_emit_ocr(env, pix, number, 0, sink, reason);
}

/* check_tiff_page - page `index` (0-based) has a readable header and a size
 * we decode */
static int check_tiff_page(const extract_input *in, int index, char **reason)
{
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, fmt = 0;
    if (readHeaderMemTiff(in->data, in->size, index, &w, &h, &bps, &spp, &res, &cmap, &fmt) != 0)
        return dk_fail(reason,
                       "cannot read the header of TIFF page %d: damaged or truncated "
                       "file",
                       index + 1);
    char what[48];
    snprintf(what, sizeof what, "TIFF page %d", index + 1);
    return check_pixels(w < 0 ? 0 : (uint64_t)w, h < 0 ? 0 : (uint64_t)h, what, reason);
}

/* run_tiff - every page of a (multi-page) TIFF, each checked before decoding;
 * idle workers are asked to help once a second page is known to follow */
static extract_status run_tiff(const extract_env *env, const extract_input *in, extract_sink *sink,
                               char **reason)
{
    size_t offset = 0;
    int n = 0;
    do {
        if (n >= EXTRACT_MAX_IMAGE_PAGES) {
            dk_fail(reason, "the TIFF has more than %d pages", EXTRACT_MAX_IMAGE_PAGES);
            return EXTRACT_FAILED;
        }
        if (check_tiff_page(in, n, reason) != 0)
            return EXTRACT_FAILED;
        struct Pix *pix = pixReadMemFromMultipageTiff(in->data, in->size, &offset);
        if (pix == NULL) {
            dk_fail(reason, "cannot decode TIFF page %d: damaged or unsupported", n + 1);
            return EXTRACT_FAILED;
        }
        n++;
        if (n == 1 && offset != 0 && env->want_help != NULL)
            env->want_help(env->help_ctx);
        extract_status st = ocr_one(env, &pix, n, "TIFF", sink, reason);
        if (st != EXTRACT_DONE)
            return st;
    } while (offset != 0);
    return EXTRACT_DONE;
}

/* help_tiff - helping another worker: the pages nobody has read or is
 * reading, from the last one back (pages are counted first, in one pass) */
static extract_status help_tiff(const extract_env *env, const extract_input *in, extract_sink *sink,
                                char **reason)
{
    FILE *fp = fmemopen((void *)in->data, in->size, "r");
    l_int32 pages = 0;
    if (fp == NULL || tiffGetCount(fp, &pages) != 0)
        pages = 0;
    if (fp != NULL)
        fclose(fp);
    if (pages > EXTRACT_MAX_IMAGE_PAGES)
        pages = EXTRACT_MAX_IMAGE_PAGES; /* the reader fails it with the reason */
    extract_status st = EXTRACT_DONE;
    for (int n = pages; n >= 1 && st == EXTRACT_DONE; n--) {
        if (extract_ocr_cached(env, n, sink, &st, reason))
            continue;
        if (check_tiff_page(in, n - 1, reason) != 0)
            return EXTRACT_FAILED;
        struct Pix *pix = pixReadMemTiff(in->data, in->size, n - 1);
        if (pix == NULL) {
            dk_fail(reason, "cannot decode TIFF page %d: damaged or unsupported", n);
            return EXTRACT_FAILED;
        }
        st = ocr_one(env, &pix, n, "TIFF", sink, reason);
    }
    return st;
}

/* image_run - decode and OCR every page of the image */
static extract_status image_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                                char **reason)
{
    if (env->ocr == NULL) {
        dk_fail(reason, "no OCR engine");
        return EXTRACT_FAILED;
    }
    int format = in->size >= 8 ? sniff(in->data, in->size) : IFF_UNKNOWN;
    const char *name = format_name(format);
    if (name == NULL) {
        dk_fail(reason, "not an image format leptonica reads");
        return EXTRACT_FAILED;
    }
    if (is_tiff(format))
        return env->helping ? help_tiff(env, in, sink, reason) : run_tiff(env, in, sink, reason);
    if (env->helping) /* one page: nothing to help with */
        return EXTRACT_DONE;

    if (check_header(in, format, name, reason) != 0)
        return EXTRACT_FAILED;
    struct Pix *pix = pixReadMem(in->data, in->size);
    if (pix == NULL) {
        dk_fail(reason, "cannot decode the %s image: damaged or unsupported", name);
        return EXTRACT_FAILED;
    }
    /* a phone photo: its date, camera and place (exif_meta.c), and turned as
     * its EXIF says before anything else looks at it */
    extract_status st = format == IFF_JFIF_JPEG
                            ? extract_exif_meta(in->data, in->size, sink, reason)
                            : EXTRACT_DONE;
    int orientation = format == IFF_JFIF_JPEG ? extract_exif_orientation(in->data, in->size) : 0;
    if (st != EXTRACT_DONE) {
        pixDestroy(&pix);
        return st;
    }
    if (orientation > 1) {
        struct Pix *upright = extract_exif_apply(pix, orientation);
        pixDestroy(&pix);
        if ((pix = upright) == NULL) {
            dk_fail(reason, "cannot turn the JPEG image as its EXIF orientation %d says",
                    orientation);
            return EXTRACT_FAILED;
        }
    }
    return ocr_one(env, &pix, 1, name, sink, reason);
}

const extractor extractor_image = {
    .name = "image",
    .bid = image_bid,
    .run = image_run,
    .helps = true,
};
