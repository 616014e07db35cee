/*
 * prep_resolution.c - page preparation: grey, and at a resolution tesseract
 * reads well.
 *
 * Why the brightest channel: court papers carry blue, violet or red stamps
 * and signatures over black type. In the channel where the stamp's ink is
 * brightest the stamp nearly vanishes while black type stays black; a plain
 * luminance conversion keeps the stamp as grey blots that break letters.
 *
 * Resolution: a fax is 204 x 98 dpi (letters squashed to half height), a
 * 150-dpi scan has letters of 10 pixels, a phone photo says 72 dpi whatever
 * it shows. Tesseract's LSTM models were trained on text of about 300 dpi,
 * and its page layout analysis and binarisation work poorly on small letters.
 * So the page is first made square (the lower axis scaled up), then enlarged
 * to 250 dpi if it is below 180 (see OCR_UPSCALE_BELOW_DPI for why not to
 * 300 from 250, as the usual advice goes). A declared resolution is believed between
 * 100 and 1200 dpi; outside that, or when there is none, the resolution is
 * estimated from the median height of letter-sized connected components
 * (REF_TEXT_HEIGHT pixels at 300 dpi for 10-12 pt type).
 *
 * Functions: ocr_prep_grey, prep_text_height, ocr_prep_resolution.
 */
#include "ocr/ocr_private.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>

/* Credible declared resolutions; 72 and 96 are screen defaults, not scans. */
#define MIN_CREDIBLE_DPI 100
#define MAX_CREDIBLE_DPI 1200
/* Median letter-sized component height of 10-12 pt body text at 300 dpi. */
#define REF_TEXT_HEIGHT 24.0
/* Fewer components than this: too little text to estimate anything. */
#define MIN_COMPONENTS 30

/* ocr_prep_grey - 8 bpp grey without colormap (new image) */
struct Pix *ocr_prep_grey(struct Pix *pix)
{
    struct Pix *src = NULL, *grey = NULL;
    if (pix == NULL)
        return NULL;
    if (pixGetColormap(pix) != NULL)
        src = pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC);
    else
        src = pixClone(pix);
    if (src == NULL)
        return NULL;
    int d = pixGetDepth(src);
    if (d == 32) {
        /* transparent areas are no paper: white, not the black of dropped alpha */
        struct Pix *flat = pixGetSpp(src) == 4 ? pixAlphaBlendUniform(src, 0xffffff00)
                                               : pixClone(src);
        grey = flat ? pixConvertRGBToGrayMinMax(flat, L_CHOOSE_MAX) : NULL;
        pixDestroy(&flat);
    } else if (d == 8) {
        grey = pixCopy(NULL, src);
    } else {
        grey = pixConvertTo8(src, 0);
    }
    if (grey != NULL)
        pixCopyResolution(grey, pix);
    pixDestroy(&src);
    return grey;
}

/* prep_text_height - median height of components that could be letters */
int prep_text_height(struct Pix *bin)
{
    BOXA *boxes = pixConnCompBB(bin, 8);
    if (boxes == NULL)
        return 0;
    int w = pixGetWidth(bin), h = pixGetHeight(bin);
    NUMA *heights = numaCreate(0);
    int n = boxaGetCount(boxes);
    for (int i = 0; i < n; i++) {
        l_int32 bx, by, bw, bh;
        boxaGetBoxGeometry(boxes, i, &bx, &by, &bw, &bh);
        /* letters: not specks, not lines, not the page border */
        if (bh >= 4 && bw >= 2 && bh < h / 8 && bw < w / 8 && bw < 3 * bh && bh < 4 * bw)
            numaAddNumber(heights, (l_float32)bh);
    }
    l_float32 median = 0;
    if (numaGetCount(heights) >= MIN_COMPONENTS)
        numaGetMedian(heights, &median);
    numaDestroy(&heights);
    boxaDestroy(&boxes);
    return (int)lroundf(median);
}

/* credible - a declared resolution we believe */
static int credible(int dpi)
{
    return dpi >= MIN_CREDIBLE_DPI && dpi <= MAX_CREDIBLE_DPI;
}

/* estimate_dpi - from the letter height; 0 when there is too little text */
static int estimate_dpi(struct Pix *grey)
{
    struct Pix *bin = ocr_prep_binarize(grey);
    int height = bin ? prep_text_height(bin) : 0;
    pixDestroy(&bin);
    if (height <= 0)
        return 0;
    return (int)lround(OCR_TARGET_DPI * height / REF_TEXT_HEIGHT);
}

/* ocr_prep_resolution - square pixels, then at least 250 dpi */
struct Pix *ocr_prep_resolution(struct Pix *grey, int xdpi, int ydpi, int *dpi, double *scale)
{
    if (xdpi <= 0)
        xdpi = pixGetXRes(grey);
    if (ydpi <= 0)
        ydpi = pixGetYRes(grey);
    if (ydpi <= 0)
        ydpi = xdpi;
    if (xdpi <= 0)
        xdpi = ydpi;
    double sx = 1.0, sy = 1.0;
    int res;
    if (credible(xdpi) && credible(ydpi)) {
        /* fax: scale the coarser axis up to the finer one */
        res = xdpi > ydpi ? xdpi : ydpi;
        sx = (double)res / xdpi;
        sy = (double)res / ydpi;
    } else {
        res = estimate_dpi(grey);
        if (res <= 0)
            res = OCR_TARGET_DPI; /* too little text to tell: leave it as it is */
    }
    if (res < OCR_UPSCALE_BELOW_DPI) {
        double up = (double)OCR_UPSCALE_TO_DPI / res;
        if (up > OCR_MAX_UPSCALE)
            up = OCR_MAX_UPSCALE;
        sx *= up;
        sy *= up;
        res = (int)lround(res * up);
    }
    *dpi = res;
    *scale = sx > sy ? sx : sy;
    struct Pix *out = (sx == 1.0 && sy == 1.0) ? pixCopy(NULL, grey)
                                               : pixScale(grey, (l_float32)sx, (l_float32)sy);
    if (out != NULL)
        pixSetResolution(out, res, res);
    return out;
}
