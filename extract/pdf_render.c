/*
 * pdf_render.c - a PDF page, or a part of it, rendered as a grey image for OCR.
 *
 * poppler draws the page onto a white cairo RGB surface at the resolution
 * asked for, lowered for a page that would not fit in EXTRACT_MAX_PIXELS or
 * in cairo's 32767 pixels a side (a 5 m poster); the grey copy is what
 * tesseract gets. A part of the page (a picture on a page with a text layer,
 * pdf_pictures.c) is the same drawing, moved and cut to that rectangle.
 *
 * Functions: extract_pdf_render.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>
#include <stdint.h>

/* Largest render: cairo image surfaces are limited to 32767 pixels a side. */
#define MAX_RENDER_SIDE 32767

/* extract_pdf_render - the page, or the part of it in `area`, at `dpi`
 * (lowered for huge pages) onto white, as 8 bpp
 *
 * *used_dpi gets the resolution actually used. The RGB surface lives only
 * while the grey copy is made. */
struct Pix *extract_pdf_render(PopplerPage *page, const PopplerRectangle *area, int number, int dpi,
                               int *used_dpi, char **reason)
{
    double x0 = 0, y0 = 0, wpt = 0, hpt = 0;
    poppler_page_get_size(page, &wpt, &hpt);
    if (area != NULL) {
        x0 = fmin(area->x1, area->x2);
        y0 = fmin(area->y1, area->y2);
        wpt = fabs(area->x2 - area->x1);
        hpt = fabs(area->y2 - area->y1);
    }
    if (!(wpt > 0 && hpt > 0 && isfinite(wpt) && isfinite(hpt) && isfinite(x0) && isfinite(y0))) {
        dk_fail(reason, "PDF page %d has no size", number);
        return NULL;
    }
    /* A page may be a 5 m poster: lower the resolution until it fits. */
    double scale = dpi / 72.0;
    double pw = wpt * scale, ph = hpt * scale;
    double fit = 1.0;
    if (pw * ph > (double)EXTRACT_MAX_PIXELS)
        fit = sqrt((double)EXTRACT_MAX_PIXELS / (pw * ph));
    if (pw * fit > MAX_RENDER_SIDE)
        fit = MAX_RENDER_SIDE / pw;
    if (ph * fit > MAX_RENDER_SIDE)
        fit = MAX_RENDER_SIDE / ph;
    scale *= fit;
    *used_dpi = (int)lround(72.0 * scale);
    if (*used_dpi < 1)
        *used_dpi = 1;
    int w = (int)fmax(1.0, floor(wpt * scale));
    int h = (int)fmax(1.0, floor(hpt * scale));

    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        dk_fail(reason, "cannot render PDF page %d (%d x %d): %s", number, w, h,
                cairo_status_to_string(cairo_surface_status(surface)));
        cairo_surface_destroy(surface);
        return NULL;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    cairo_translate(cr, -x0, -y0);
    poppler_page_render(page, cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        dk_fail(reason, "cannot render PDF page %d: %s", number, cairo_status_to_string(st));
        cairo_surface_destroy(surface);
        return NULL;
    }
    cairo_surface_flush(surface);

    struct Pix *pix = pixCreate(w, h, 8);
    if (pix == NULL) { /* leptonica reports its failed allocation (xalloc.h) */
        dk_fail(reason, "out of memory for PDF page %d (%d x %d)", number, w, h);
        cairo_surface_destroy(surface);
        return NULL;
    }
    const unsigned char *data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    l_uint32 *pixdata = pixGetData(pix);
    l_int32 wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        /* RGB24: one native-endian 32-bit word per pixel, 0x00RRGGBB */
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        l_uint32 *line = pixdata + (size_t)y * wpl;
        for (int x = 0; x < w; x++) {
            uint32_t v = row[x];
            uint32_t r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
            SET_DATA_BYTE(line, x, (r * 77 + g * 150 + b * 29 + 128) >> 8);
        }
    }
    cairo_surface_destroy(surface);
    pixSetResolution(pix, *used_dpi, *used_dpi);
    return pix;
}
