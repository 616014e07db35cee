/*
 * pdf_pictures.c - pictures of text on a PDF page that has a text layer: a
 * pasted scan, a stamp with words, a screenshot in a report.
 *
 * The text layer says nothing of what is in a picture, so each picture that
 * could hold text and that the text layer does not already cover is
 * rendered and OCRed, and its text is added to the page after the text
 * layer's (pdf.c then says the page's source is "text-layer+ocr").
 *
 *   - could hold text: drawn at least MIN_SIDE_PT on its short side and
 *     MIN_LONG_PT on its long side (a line of 10 pt words; smaller pictures
 *     are icons, bullets and logos), and at least MIN_PIXELS_SIDE pixels on
 *     each side in the file (a picture of fewer pixels holds no letters);
 *   - not covered: fewer than COVERED_CHARS of the text layer's characters
 *     have their centre on the picture. A scan under its own OCR text layer
 *     (a searchable PDF) or a background under typed text is covered, and
 *     not read again; a caption running onto its edge is not.
 *   - kept: tesseract's mean word confidence on it is at least
 *     MIN_CONFIDENCE and it holds at least MIN_LETTERS letters; a photograph
 *     or a drawing gives a few low-confidence scraps, which are dropped.
 *
 * A picture is rendered (the page's drawing, cut to its rectangle) rather
 * than decoded, so masks, colour spaces and turns come out as a reader sees
 * them. Pictures are not put in the OCR cache: the cache and the searchable
 * PDF are per page.
 *
 * Functions: extract_pdf_pictures.
 */
#include "extract/extract_private.h"

#include "common/error.h"
#include "ocr/ocr.h"

#include <cairo.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>

#define MIN_SIDE_PT 14.0
#define MIN_LONG_PT 54.0
#define MIN_PIXELS_SIDE 24
#define COVERED_CHARS 10
#define MIN_CONFIDENCE 50.0
#define MIN_LETTERS 3
/* More pictures than this on one page are a pattern or a mosaic, not pasted text. */
#define MAX_PICTURES 32
/* Resolution pictures are rendered at. */
#define PICTURE_DPI 300

/* could_hold_text - big enough on the page and in the file */
static bool could_hold_text(PopplerPage *page, const PopplerImageMapping *m)
{
    double w = fabs(m->area.x2 - m->area.x1), h = fabs(m->area.y2 - m->area.y1);
    if (fmin(w, h) < MIN_SIDE_PT || fmax(w, h) < MIN_LONG_PT)
        return false;
    cairo_surface_t *s = poppler_page_get_image(page, m->image_id);
    bool big = s != NULL && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
               cairo_image_surface_get_width(s) >= MIN_PIXELS_SIDE &&
               cairo_image_surface_get_height(s) >= MIN_PIXELS_SIDE;
    if (s != NULL)
        cairo_surface_destroy(s);
    return big;
}

/* inside - the centre of r lies in area */
static bool inside(const PopplerRectangle *r, const PopplerRectangle *area)
{
    double x = (r->x1 + r->x2) / 2, y = (r->y1 + r->y2) / 2;
    return x >= fmin(area->x1, area->x2) && x <= fmax(area->x1, area->x2) &&
           y >= fmin(area->y1, area->y2) && y <= fmax(area->y1, area->y2);
}

/* covered - COVERED_CHARS or more of the text layer's characters lie on the picture */
static bool covered(const PopplerRectangle *area, const PopplerRectangle *chars, guint n)
{
    guint on = 0;
    for (guint i = 0; i < n && on < COVERED_CHARS; i++)
        on += inside(&chars[i], area);
    return on >= COVERED_CHARS;
}

/* letters - how many letters text holds */
static int letters(const char *text)
{
    int n = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p))
        n += g_unichar_isalpha(g_utf8_get_char(p)) != 0;
    return n;
}

/* read_picture - OCR the rendered area; its text appended to out when kept */
static int read_picture(const extract_env *env, PopplerPage *page, const PopplerRectangle *area,
                        int number, GString *out, double *confidence, char **reason)
{
    int dpi = PICTURE_DPI;
    struct Pix *pix = extract_pdf_render(page, area, number, PICTURE_DPI, &dpi, reason);
    if (pix == NULL)
        return -1;
    ocr_result res;
    char *err = NULL;
    /* number 0: not a page of the document, so neither cached nor in its PDF */
    int rc = ocr_recognise(env->ocr, pix, dpi, dpi, 0, &res, &err);
    pixDestroy(&pix);
    if (rc != 0) {
        dk_fail(reason, "OCR of a picture on page %d failed: %s", number,
                err ? err : "unknown error");
        free(err);
        return -1;
    }
    char *text = g_strstrip(res.text);
    if (!res.prep.blank && res.confidence >= MIN_CONFIDENCE && letters(text) >= MIN_LETTERS) {
        g_string_append_printf(out, "\n\n%s", text);
        *confidence = *confidence < 0 ? res.confidence : fmin(*confidence, res.confidence);
    }
    ocr_result_free(&res);
    return 0;
}

/* extract_pdf_pictures - the text of the page's uncovered pictures of text */
int extract_pdf_pictures(const extract_env *env, PopplerPage *page, int number, GString *out,
                         double *confidence, char **reason)
{
    *confidence = -1.0;
    if (env->ocr == NULL)
        return 0;
    GList *images = poppler_page_get_image_mapping(page);
    if (images == NULL)
        return 0;
    PopplerRectangle *chars = NULL;
    guint nchars = 0;
    if (!poppler_page_get_text_layout(page, &chars, &nchars))
        nchars = 0;
    int rc = 0, read = 0;
    for (GList *l = images; l != NULL && rc == 0 && read < MAX_PICTURES; l = l->next) {
        const PopplerImageMapping *m = l->data;
        if (!could_hold_text(page, m) || covered(&m->area, chars, nchars))
            continue;
        rc = read_picture(env, page, &m->area, number, out, confidence, reason);
        read++;
    }
    g_free(chars);
    poppler_page_free_image_mapping(images);
    return rc;
}
