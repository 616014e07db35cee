/*
 * prep_skew.c - page preparation: how crooked the page lies, and straightening it.
 *
 * Tesseract copes with a fraction of a degree, but at 2-4 degrees its lines
 * run into each other and whole lines are lost. pixFindSkew measures the
 * angle at which the text lines' horizontal projection is sharpest (a sweep
 * over +-7 degrees, then a binary search to 0.01 degree) on the binarised
 * page; it reports a confidence, and a page with too little text to measure
 * is left alone.
 *
 * Functions: ocr_prep_skew, ocr_prep_rotate.
 */
#include "ocr/ocr_private.h"

#include <leptonica/allheaders.h>
#include <math.h>

/* pixFindSkew's own threshold for a measurement worth using */
#define MIN_SKEW_CONFIDENCE 3.0
/* below this a rotation costs more (interpolation blur) than it gains */
#define MIN_SKEW_DEGREES 0.1

/* ocr_prep_skew - degrees to turn the page by (ocr_prep_rotate) to level it */
double ocr_prep_skew(struct Pix *grey)
{
    struct Pix *bin = pixGetDepth(grey) == 1 ? pixClone(grey) : ocr_prep_binarize(grey);
    if (bin == NULL)
        return 0;
    l_float32 angle = 0, conf = 0;
    int rc = pixFindSkew(bin, &angle, &conf);
    pixDestroy(&bin);
    if (rc != 0 || conf < MIN_SKEW_CONFIDENCE || fabsf(angle) < MIN_SKEW_DEGREES)
        return 0;
    return angle;
}

/* ocr_prep_rotate - multiples of 90 exactly, other angles by area mapping */
struct Pix *ocr_prep_rotate(struct Pix *pix, double degrees)
{
    double d = fmod(degrees, 360.0);
    if (d < 0)
        d += 360.0;
    if (fabs(d - lround(d / 90.0) * 90.0) < 1e-9) {
        int quads = (int)lround(d / 90.0) % 4;
        struct Pix *out = quads ? pixRotateOrth(pix, quads) : pixCopy(NULL, pix);
        if (out != NULL && quads % 2)
            pixSetResolution(out, pixGetYRes(pix), pixGetXRes(pix));
        else if (out != NULL)
            pixCopyResolution(out, pix);
        return out;
    }
    /* leptonica turns clockwise for a positive angle, in radians */
    struct Pix *out = pixRotate(pix, (l_float32)(degrees * M_PI / 180.0),
                                pixGetDepth(pix) == 1 ? L_ROTATE_SAMPLING : L_ROTATE_AREA_MAP,
                                L_BRING_IN_WHITE, 0, 0);
    if (out != NULL)
        pixCopyResolution(out, pix);
    return out;
}
