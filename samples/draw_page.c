/*
 * draw_page.c - lays out one sample page with pango+cairo.
 *
 * A page is a list of blocks (see samples.h).  Each block becomes one pango
 * layout drawn onto an 8-bit alpha surface, then the surface is turned into a
 * leptonica image: white paper, black type.  While drawing, the text of every
 * line is taken back from pango exactly as it was broken, which is the page's
 * ground truth: the OCR checks compare against what is really on the page,
 * not against what we meant to write.
 *
 * Hinting is off so that glyph positions depend on the font files alone and
 * the image is the same on every machine with the same fonts.
 *
 * Functions: render_page.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "samples.h"

/* Margins in millimetres; the left one is wider for the binding, as on
 * paper that is filed in a case folder. */
#define MARGIN_LEFT_MM 22.0
#define MARGIN_RIGHT_MM 14.0
#define MARGIN_TOP_MM 16.0
#define MARGIN_BOTTOM_MM 14.0
#define INDENT_MM 10.0

/* mm_px - millimetres to pixels at dpi */
static double mm_px(double mm, int dpi)
{
    return mm * dpi / 25.4;
}

/* block_layout - pango layout for len bytes of text in the block's face */
static PangoLayout *block_layout(PangoContext *ctx, const struct page_spec *spec,
                                 const struct block *b, const char *text, int len)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();

    pango_font_description_set_family(fd, spec->family);
    pango_font_description_set_size(fd, (int)(spec->size_pt * PANGO_SCALE + 0.5));
    pango_font_description_set_weight(fd, b->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(layout, text, len);
    return layout;
}

/* append_lines - add a layout's lines, as pango broke them, to truth */
static void append_lines(GString *truth, PangoLayout *layout)
{
    const char *text = pango_layout_get_text(layout);

    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
        const PangoLayoutLine *line = l->data;
        const char *s = text + line->start_index;
        int len = line->length;

        /* A wrapped line owns the space it broke at; it is not ink. */
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n'))
            len--;
        g_string_append_len(truth, s, len);
        g_string_append_c(truth, '\n');
    }
}

/* draw_split - draw a "left\tright" block on one line; returns its height */
static int draw_split(cairo_t *cr, PangoContext *ctx, const struct page_spec *spec,
                      const struct block *b, double x, double y, double width, GString *truth)
{
    const char *tab = strchr(b->text, '\t');
    int hl, hr;

    assert(tab != NULL);
    PangoLayout *left = block_layout(ctx, spec, b, b->text, (int)(tab - b->text));
    PangoLayout *right = block_layout(ctx, spec, b, tab + 1, -1);
    pango_layout_set_width(right, (int)(width * PANGO_SCALE));
    pango_layout_set_alignment(right, PANGO_ALIGN_RIGHT);
    /* Both halves must fit on the one line they share. */
    assert(pango_layout_get_line_count(left) == 1);
    assert(pango_layout_get_line_count(right) == 1);

    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, left);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, right);

    g_string_append_len(truth, b->text, tab - b->text);
    g_string_append_c(truth, ' ');
    g_string_append(truth, tab + 1);
    g_string_append_c(truth, '\n');

    pango_layout_get_pixel_size(left, NULL, &hl);
    pango_layout_get_pixel_size(right, NULL, &hr);
    g_object_unref(left);
    g_object_unref(right);
    return hl > hr ? hl : hr;
}

/* draw_block - draw one wrapped block at (x, y); returns its height */
static int draw_block(cairo_t *cr, PangoContext *ctx, const struct page_spec *spec,
                      const struct block *b, double x, double y, double width, int dpi,
                      GString *truth)
{
    PangoLayout *layout = block_layout(ctx, spec, b, b->text, -1);
    int h;

    pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    switch (b->align) {
    case BLK_CENTER: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER); break;
    case BLK_RIGHT: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT); break;
    case BLK_JUSTIFY:
        pango_layout_set_justify(layout, TRUE);
        pango_layout_set_indent(layout, (int)(mm_px(INDENT_MM, dpi) * PANGO_SCALE));
        break;
    case BLK_LEFT:
    case BLK_SPLIT: break;
    }
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    append_lines(truth, layout);
    pango_layout_get_pixel_size(layout, NULL, &h);
    g_object_unref(layout);
    return h;
}

/* surface_to_pix - 8-bit leptonica image (255 = paper) from ink coverage */
static PIX *surface_to_pix(cairo_surface_t *surf, int dpi)
{
    int w = cairo_image_surface_get_width(surf);
    int h = cairo_image_surface_get_height(surf);
    int stride = cairo_image_surface_get_stride(surf);
    const unsigned char *src = cairo_image_surface_get_data(surf);
    PIX *pix = pixCreate(w, h, 8);

    if (pix == NULL)
        return NULL;
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int i = 0; i < h; i++) {
        const unsigned char *row = src + (size_t)i * stride;
        l_uint32 *line = data + (size_t)i * wpl;
        for (int j = 0; j < w; j++)
            SET_DATA_BYTE(line, j, 255 - row[j]);
    }
    pixSetResolution(pix, dpi, dpi);
    return pix;
}

/* render_page - clean page image and its line-by-line text; 0 or -1 */
int render_page(PangoFontMap *fontmap, const struct page_spec *spec, int width_px, int height_px,
                int dpi, PIX **out_pix, char **out_truth)
{
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_A8, width_px, height_px);
    int rc = -1;

    *out_pix = NULL;
    *out_truth = NULL;
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "gen_samples: cannot create a %dx%d surface\n", width_px, height_px);
        cairo_surface_destroy(surf);
        return -1;
    }

    cairo_t *cr = cairo_create(surf);
    PangoContext *ctx = pango_font_map_create_context(fontmap);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(ctx, dpi);
    cairo_set_source_rgba(cr, 0, 0, 0, 1);

    GString *truth = g_string_new(NULL);
    double x = mm_px(MARGIN_LEFT_MM, dpi);
    double width = width_px - x - mm_px(MARGIN_RIGHT_MM, dpi);
    double y = mm_px(MARGIN_TOP_MM, dpi);

    for (const struct block *b = spec->blocks; b->text != NULL; b++) {
        y += b->space_before_pt * dpi / 72.0;
        if (b->align == BLK_SPLIT)
            y += draw_split(cr, ctx, spec, b, x, y, width, truth);
        else
            y += draw_block(cr, ctx, spec, b, x, y, width, dpi, truth);
    }
    cairo_surface_flush(surf);

    if (y > height_px - mm_px(MARGIN_BOTTOM_MM, dpi)) {
        /* The texts in docs.c are fixed; this means one grew too long. */
        fprintf(stderr,
                "gen_samples: page text overflows the page "
                "(ends at %.0f of %d px)\n",
                y, height_px);
    } else if ((*out_pix = surface_to_pix(surf, dpi)) != NULL) {
        *out_truth = g_string_free(truth, FALSE);
        truth = NULL;
        rc = 0;
    }

    if (truth != NULL)
        g_string_free(truth, TRUE);
    g_object_unref(ctx);
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    return rc;
}
