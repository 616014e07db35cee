/*
 * prep_clean.c - page preparation: borders, specks, and blank pages.
 *
 * A scan of a page smaller than the glass has black bands along its edges; a
 * photocopy has toner specks; both become "letters" in tesseract's eyes
 * (lines of '|', '.' and ','). Components touching the image border are
 * removed, and so are specks smaller than a full stop at the page's
 * resolution. A page is blank when fewer than MIN_LETTERS letter-sized
 * components remain: a blank back side of a sheet is recorded as blank, not
 * recognised (tesseract would spend a second on it and may "read" noise).
 *
 * Functions: ocr_prep_clean, ocr_prep_is_blank.
 */
#include "ocr/ocr_private.h"

#include <leptonica/allheaders.h>

/* A full stop of 10 pt type at 300 dpi is about 8 pixels across. */
#define SPECK_AT_300 3
#define MIN_LETTERS 8

/* ocr_prep_clean - new 1 bpp page without border components and specks */
struct Pix *ocr_prep_clean(struct Pix *bin, int dpi)
{
    if (bin == NULL || pixGetDepth(bin) != 1)
        return NULL;
    struct Pix *inner = pixRemoveBorderConnComps(bin, 8);
    if (inner == NULL)
        return NULL;
    int speck = dpi > 0 ? SPECK_AT_300 * dpi / 300 : SPECK_AT_300;
    if (speck < 2)
        speck = 2;
    /* keep a component if it is at least `speck` wide or high */
    struct Pix *out = pixSelectBySize(inner, speck, speck, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE,
                                      NULL);
    pixDestroy(&inner);
    if (out != NULL)
        pixCopyResolution(out, bin);
    return out;
}

/* ocr_prep_is_blank - fewer than MIN_LETTERS letter-sized components */
bool ocr_prep_is_blank(struct Pix *bin, int dpi)
{
    if (bin == NULL || pixGetDepth(bin) != 1)
        return false;
    int min_h = dpi > 0 ? 8 * dpi / 300 : 8; /* the smallest letter, 6 pt */
    if (min_h < 4)
        min_h = 4;
    struct Pix *letters = pixSelectBySize(bin, min_h / 2, min_h, 8, L_SELECT_IF_BOTH,
                                          L_SELECT_IF_GTE, NULL);
    l_int32 count = 0;
    if (letters == NULL || pixCountConnComp(letters, 8, &count) != 0)
        count = MIN_LETTERS; /* cannot tell: not blank */
    pixDestroy(&letters);
    return count < MIN_LETTERS;
}
