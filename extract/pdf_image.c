/*
 * pdf_image.c - the scanned image of a PDF page, at its own resolution.
 *
 * A scanner's PDF page is one image drawn over the whole page: JPEG for grey
 * and colour scans, CCITT G4 or JBIG2 for 1-bit ones, often at 200 or
 * 150 dpi, and a fax at 204 x 98. Rendering the page at 300 dpi resamples
 * that image with poppler's generic filter and loses what it was (its
 * resolution, its non-square pixels); taking the image itself keeps it, and
 * page preparation (ocr/prep*.c) then scales it knowing its x and y
 * resolution. poppler decodes every image filter (DCT, CCITT, JBIG2, JPX,
 * Flate) into a cairo surface.
 *
 * The image is used only when it is plainly the page: the only image on a
 * page with no text, covering at least COVER of it, drawn upright (its
 * resolution is the same across and down, or a fax's). Anything else (text drawn over a
 * scan, several images, an image turned or sheared in the page) is rendered,
 * which shows exactly what a reader sees.
 *
 * Functions: extract_pdf_scan.
 */
#include "extract/extract_private.h"

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>
#include <stdint.h>

/* Least share of the page the image must cover. */
#define COVER 0.85
/* Aspect ratios of the image and of its area may differ by this much. */
#define ASPECT_SLACK 0.03

/* surface_to_pix - grey when every pixel is grey, else colour */
static struct Pix *surface_to_pix(cairo_surface_t *s)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    cairo_format_t fmt = cairo_image_surface_get_format(s);
    if (w <= 0 || h <= 0 || (fmt != CAIRO_FORMAT_RGB24 && fmt != CAIRO_FORMAT_ARGB32))
        return NULL;
    if ((uint64_t)w * (uint64_t)h > EXTRACT_MAX_PIXELS)
        return NULL;
    cairo_surface_flush(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    int colour = 0;
    for (int y = 0; y < h && !colour; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        for (int x = 0; x < w && !colour; x++) {
            uint32_t v = row[x];
            colour = ((v >> 16) & 0xff) != ((v >> 8) & 0xff) || ((v >> 8) & 0xff) != (v & 0xff);
        }
    }
    struct Pix *pix = pixCreate(w, h, colour ? 32 : 8);
    if (pix == NULL)
        return NULL;
    l_uint32 *pd = pixGetData(pix);
    l_int32 wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        l_uint32 *line = pd + (size_t)y * wpl;
        for (int x = 0; x < w; x++) {
            /* native-endian 0xAARRGGBB; transparent (ARGB32, premultiplied) is paper */
            uint32_t v = row[x], a = fmt == CAIRO_FORMAT_ARGB32 ? v >> 24 : 255;
            uint32_t r = ((v >> 16) & 0xff) + 255 - a, g = ((v >> 8) & 0xff) + 255 - a,
                     b = (v & 0xff) + 255 - a;
            if (colour)
                composeRGBPixel((l_int32)r, (l_int32)g, (l_int32)b, &line[x]);
            else
                SET_DATA_BYTE(line, x, b);
        }
    }
    return pix;
}

/* is_fax - the standard fax resolution, 204 x 98 (or 200 x 100) dpi
 *
 * The only unequal resolutions taken: an image drawn turned by 90 degrees
 * also shows unequal "resolutions", and must be rendered instead. */
static int is_fax(double xdpi, double ydpi)
{
    return xdpi >= 190 && xdpi <= 210 && ydpi >= 90 && ydpi <= 105;
}

/* extract_pdf_scan - the page's one full-page image, its resolution set;
 * NULL when the page is not plainly one scanned image */
struct Pix *extract_pdf_scan(PopplerPage *page)
{
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    if (!(pw > 0 && ph > 0))
        return NULL;
    GList *images = poppler_page_get_image_mapping(page);
    struct Pix *pix = NULL;
    if (images != NULL && images->next == NULL) {
        const PopplerImageMapping *m = images->data;
        double aw = fabs(m->area.x2 - m->area.x1), ah = fabs(m->area.y2 - m->area.y1);
        cairo_surface_t *s = aw * ah >= COVER * pw * ph ? poppler_page_get_image(page, m->image_id)
                                                        : NULL;
        if (s != NULL && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
            int iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);
            double xdpi = iw * 72.0 / aw, ydpi = ih * 72.0 / ah;
            if (xdpi >= 50 && ydpi >= 50 && xdpi <= 2400 && ydpi <= 2400 &&
                (fabs(xdpi / ydpi - 1.0) < ASPECT_SLACK || is_fax(xdpi, ydpi)))
                pix = surface_to_pix(s);
            if (pix != NULL)
                pixSetResolution(pix, (l_int32)lround(xdpi), (l_int32)lround(ydpi));
        }
        if (s != NULL)
            cairo_surface_destroy(s);
    }
    poppler_page_free_image_mapping(images);
    return pix;
}
