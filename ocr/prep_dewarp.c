/*
 * prep_dewarp.c - a photographed page's curled lines made straight.
 *
 * A phone photograph of a sheet that does not lie flat (a page curling up
 * from a binding, a folded letter) bends its lines, and tesseract, which
 * expects straight lines, splits or merges them. Leptonica's dewarping
 * (dewarpBuildPageModel) fits a curve to every long text line of the
 * binarised page and builds a disparity map from them; applied
 * (dewarpaApplyDisparity) to the grey page and its view, it moves every
 * column of pixels so that the lines lie straight.
 *
 * It is applied only to a page whose lines are measurably bent: leptonica
 * builds a model (enough long lines covering the page from top to bottom),
 * every line curves the same way (a scan's lines, straight, curve a few
 * micro-units either way) and the most bent one by at least
 * PREP_CURL_MIN. Like every step that changes pixels it makes choose.c read
 * the page as it came as well, and the better reading wins.
 *
 * Functions: prep_dewarp.
 */
#include "ocr/ocr_private.h"

#include <leptonica/allheaders.h>
#include <stdlib.h>

/* Least curvature, in leptonica's micro-units, of the most bent line of a
 * page that is dewarped. Measured: the lines of flat scans and screenshots
 * (OCRmyPDF's linn.png, cardinal.pdf; test_ocr_prep's flat page) curve
 * between -6 and +10, both ways; those of a photographed curled page
 * (bench/realworld's own photos) 8 to 16, of test_ocr_prep's 34 to 51, one way. */
#define PREP_CURL_MIN 8
/* Long text lines the model needs (leptonica's default is 15: a letter's
 * page holds fewer). */
#define PREP_DEWARP_MIN_LINES 6

/* bent - whether the model's lines all curve one way, one at least PREP_CURL_MIN */
static bool bent(const L_DEWARP *dew)
{
    if (!dew->vsuccess)
        return false;
    bool one_way = (dew->mincurv > 0 && dew->maxcurv > 0) || (dew->mincurv < 0 && dew->maxcurv < 0);
    int most = abs(dew->mincurv) > abs(dew->maxcurv) ? abs(dew->mincurv) : abs(dew->maxcurv);
    return one_way && most >= PREP_CURL_MIN;
}

/* straighten - *pix replaced by its dewarped copy (model page 0); -1 if leptonica failed */
static int straighten(L_DEWARPA *dewa, struct Pix **pix)
{
    struct Pix *out = NULL;
    if (dewarpaApplyDisparity(dewa, 0, *pix, 255, 0, 0, &out, NULL) != 0 || out == NULL)
        return -1;
    pixDestroy(pix);
    *pix = out;
    return 0;
}

/* prep_dewarp - straighten *grey (and *view) when bin's lines are bent: 1
 * done, 0 not bent (nothing changed), -1 leptonica failed */
int prep_dewarp(struct Pix **grey, struct Pix **view, struct Pix *bin)
{
    L_DEWARPA *dewa = dewarpaCreate(1, 0, 1, PREP_DEWARP_MIN_LINES, -1);
    L_DEWARP *dew = dewa ? dewarpCreate(bin, 0) : NULL;
    if (dew == NULL || dewarpaInsertDewarp(dewa, dew) != 0) {
        dewarpDestroy(&dew);
        dewarpaDestroy(&dewa);
        return -1;
    }
    int rc = 0;
    if (dewarpBuildPageModel(dew, NULL) == 0 && bent(dew))
        rc = straighten(dewa, grey) != 0 || (view && *view && straighten(dewa, view) != 0) ? -1 : 1;
    dewarpaDestroy(&dewa); /* and dew with it */
    return rc;
}
