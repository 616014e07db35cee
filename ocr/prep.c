/*
 * prep.c - page preparation: the steps in order (see ocr.h, ocr_prep).
 *
 * prep_page runs the steps in this order: grey, resolution, orientation,
 * skew, page curl (prep_dewarp.c), binarisation, cleanup, blank check. The order matters: resolution
 * first, because every later step measures letters and lines in pixels;
 * orientation before skew, because skew is measured along text lines;
 * binarisation after the geometry, because rotating a binary image makes its
 * letter edges ragged. Tesseract gets our binarisation only where it helps
 * (uneven or noisy paper, prep_needs_binarize); on even paper it gets the
 * grey page, cleaned.
 *
 * Two images go through the geometric steps: the grey page that is
 * recognised, and (when a searchable PDF is made) the view, the page as it
 * looks (luminance, stamps included), turned and scaled alike, so that the
 * invisible text lies over the right words of the PDF's image.
 *
 * prep_plain makes the other candidate of choose.c: the page as plain
 * tesseract gets it (as it came, at its own size and resolution), only
 * turned upright.
 *
 * Functions: prep_transform, prep_page, prep_plain.
 */
#include "ocr/ocr_private.h"

#include <leptonica/allheaders.h>
#include <math.h>

/* Skew below this is left to tesseract, which reads it well: rotating by a
 * fraction of a degree only blurs the letters. */
#define PREP_DESKEW_MIN 0.5
/* Below this declared resolution (or with none) an image may be a screenshot. */
#define SCREEN_MAX_DPI 100
/* Letters lower than this many pixels at 300 dpi (half those of 10-12 pt
 * type) are too small to be believed at the declared resolution. */
#define SCREEN_TEXT_HEIGHT 12

/* prep_transform - replace *grey (and *view) by fn's result; -1 if it failed */
int prep_transform(struct Pix **grey, struct Pix **view, prep_geometry_fn fn, const void *arg)
{
    struct Pix *g = fn(*grey, arg);
    if (g == NULL)
        return -1;
    pixDestroy(grey);
    *grey = g;
    if (view != NULL && *view != NULL) {
        struct Pix *v = fn(*view, arg);
        if (v == NULL)
            return -1;
        pixDestroy(view);
        *view = v;
    }
    return 0;
}

/* turn - prep_geometry_fn: ocr_prep_rotate by *(double *)arg */
static struct Pix *turn(struct Pix *pix, const void *arg)
{
    return ocr_prep_rotate(pix, *(const double *)arg);
}

/* luminance - the view: how the page looks, in grey */
static struct Pix *luminance(struct Pix *page)
{
    struct Pix *v = NULL;
    if (pixGetDepth(page) == 32 && pixGetColormap(page) == NULL && pixGetSpp(page) != 4)
        v = pixConvertRGBToLuminance(page);
    else
        v = pixConvertTo8(page, 0);
    return v;
}

/* mask_out - whiten in grey what cleanup removed from bin (removed = bin - clean) */
static void mask_out(struct Pix *grey, struct Pix *bin, struct Pix *clean)
{
    struct Pix *removed = pixSubtract(NULL, bin, clean);
    if (removed != NULL)
        pixSetMasked(grey, removed, 255);
    pixDestroy(&removed);
}

/* screen_like - a screenshot's signals: a clean, noise-free image (a phone
 * photo has sensor noise, a scan uneven paper) with no resolution or a
 * screen's (below 100 dpi: 72 and 96 are screen defaults), or with letters
 * far too small for the resolution it declares (a screenshot saved as TIFF
 * says 300 dpi: its 10-pixel letters would be 2-3 pt type) */
static bool screen_like(struct Pix *page, int xdpi)
{
    int dpi = xdpi > 0 ? xdpi : pixGetXRes(page);
    struct Pix *grey = ocr_prep_grey(page);
    bool screen = grey != NULL && !prep_needs_binarize(grey);
    if (screen && dpi >= SCREEN_MAX_DPI) {
        struct Pix *bin = ocr_prep_binarize(grey);
        int height = bin ? prep_text_height(bin) : 0;
        screen = height > 0 && height * OCR_TARGET_DPI < SCREEN_TEXT_HEIGHT * dpi;
        pixDestroy(&bin);
    }
    pixDestroy(&grey);
    return screen;
}

/* prep_page - prepare `page` for tesseract
 *
 * *ocr_img gets the image to recognise, *view (if view is not NULL) the page
 * as it looks with the same geometry; *info what was done. -1 on failure
 * (out of memory, an image leptonica cannot convert). */
int prep_page(ocr_engine *e, struct Pix *page, int xdpi, int ydpi, struct Pix **ocr_img,
              struct Pix **view, ocr_prep_info *info)
{
    const ocr_prep *p = &e->prep;
    *ocr_img = NULL;
    info->rotated = 0;
    info->skew = 0;
    info->scale = 1.0;
    info->blank = false;
    info->binarized = false;
    info->dewarped = false;
    info->screen = screen_like(page, xdpi);
    info->colour = pixGetDepth(page) == 32 || pixGetColormap(page) != NULL;
    struct Pix *grey = ocr_prep_grey(page);
    struct Pix *v = view ? luminance(page) : NULL;
    if (grey == NULL || (view && v == NULL))
        goto fail;

    int dpi = 0;
    if (p->resolution) {
        struct Pix *g = ocr_prep_resolution(grey, xdpi, ydpi, &dpi, &info->scale);
        if (g == NULL)
            goto fail;
        if (v != NULL && (pixGetWidth(g) != pixGetWidth(v) || pixGetHeight(g) != pixGetHeight(v))) {
            struct Pix *vs = pixScaleToSize(v, pixGetWidth(g), pixGetHeight(g));
            pixDestroy(&v);
            if ((v = vs) == NULL) {
                pixDestroy(&g);
                goto fail;
            }
        }
        pixDestroy(&grey);
        grey = g;
    } else {
        dpi = xdpi > 0 ? xdpi : pixGetXRes(grey);
        if (dpi < 70 || dpi > 2400)
            dpi = OCR_TARGET_DPI;
    }
    if (v != NULL)
        pixSetResolution(v, dpi, dpi);

    if (p->orient) {
        double deg = ocr_prep_orientation(e, grey, dpi);
        if (deg != 0 && prep_transform(&grey, &v, turn, &deg) != 0)
            goto fail;
        info->rotated = (int)deg;
    }
    /* our binarisation: for skew, cleanup and the blank check always, and
     * for tesseract when the paper is uneven or noisy */
    struct Pix *bin = ocr_prep_binarize(grey);
    if (bin == NULL)
        goto fail;
    if (p->deskew) {
        info->skew = ocr_prep_skew(bin);
        if (fabs(info->skew) >= PREP_DESKEW_MIN) {
            pixDestroy(&bin);
            if (prep_transform(&grey, &v, turn, &info->skew) != 0 ||
                (bin = ocr_prep_binarize(grey)) == NULL)
                goto fail;
        }
    }
    /* a photographed page's bent lines straightened (prep_dewarp.c) */
    if (p->deskew) {
        int curled = prep_dewarp(&grey, &v, bin);
        if (curled == 1) {
            pixDestroy(&bin);
            bin = ocr_prep_binarize(grey);
        }
        if (curled < 0 || bin == NULL) {
            pixDestroy(&bin);
            goto fail;
        }
        info->dewarped = curled == 1;
    }
    /* even, clean paper: tesseract's own global threshold on the grey page
     * reads it as well or better (it sees the letters' grey edges) */
    bool ours = p->normalize && prep_needs_binarize(grey);
    if (p->cleanup) {
        struct Pix *clean = ocr_prep_clean(bin, dpi);
        if (clean == NULL) {
            pixDestroy(&bin);
            goto fail;
        }
        if (!ours)
            mask_out(grey, bin, clean);
        pixDestroy(&bin);
        bin = clean;
    }
    if (p->blank)
        info->blank = ocr_prep_is_blank(bin, dpi);
    info->dpi = dpi;
    info->binarized = ours;
    if (ours) {
        pixDestroy(&grey);
        *ocr_img = bin;
    } else {
        pixDestroy(&bin);
        *ocr_img = grey;
    }
    pixSetResolution(*ocr_img, dpi, dpi);
    if (view)
        *view = v;
    return 0;
fail:
    pixDestroy(&grey);
    pixDestroy(&v);
    return -1;
}

/* prep_plain - the page as it came turned by `rotated` degrees clockwise
 * (new image; luminance if leptonica cannot turn its format); NULL if
 * leptonica fails */
struct Pix *prep_plain(struct Pix *page, int rotated)
{
    double deg = rotated;
    struct Pix *plain = pixClone(page);
    if (plain != NULL && rotated != 0 && prep_transform(&plain, NULL, turn, &deg) != 0)
        pixDestroy(&plain);
    return plain;
}
