/*
 * prep_binarize.c - page preparation: even background, black and white.
 *
 * Tesseract binarises with one global Otsu threshold. On grey, uneven paper
 * (a shadow across a phone photo, lamp falloff, a yellowed page) one
 * threshold either loses the light half's letters or fills the dark half
 * with black. Leptonica's background normalisation divides the page by a
 * smooth estimate of its paper brightness, which makes the paper even; Otsu
 * on tiles then adapts what is left.
 *
 * Sensor noise (a dark phone photo, a cheap scanner at high gain) turns into
 * thousands of black specks that tesseract reads as letters, slowly: a page
 * of noise can take minutes. The noise level is measured as the mean
 * difference between the page and its 3 x 3 average (text edges are a small
 * part of a page; on a clean scan it is a few grey levels); a noisy page is
 * smoothed before it is thresholded.
 *
 * On even, clean paper tesseract's own threshold does as well, so
 * prep_needs_binarize tells when ours is worth giving it.
 *
 * Functions: prep_needs_binarize, ocr_prep_binarize.
 */
#include "ocr/ocr_private.h"

#include <leptonica/allheaders.h>

/* Mean residual (grey levels) above which a page counts as noisy. */
#define NOISY_RESIDUAL 10.0f

/* noise_level - mean absolute difference to the 3 x 3 average */
static float noise_level(struct Pix *g)
{
    struct Pix *avg = pixBlockconvGray(g, NULL, 1, 1);
    struct Pix *diff = avg ? pixAbsDifference(g, avg) : NULL;
    l_float32 level = 0;
    if (diff == NULL || pixGetAverageMasked(diff, NULL, 0, 0, 2, L_MEAN_ABSVAL, &level) != 0)
        level = 0;
    pixDestroy(&avg);
    pixDestroy(&diff);
    return level;
}

/* denoise - a noisy page smoothed (5 x 5 average), else a clone */
static struct Pix *denoise(struct Pix *g)
{
    if (noise_level(g) < NOISY_RESIDUAL)
        return pixClone(g);
    struct Pix *smooth = pixBlockconvGray(g, NULL, 2, 2);
    if (smooth == NULL)
        return pixClone(g);
    pixCopyResolution(smooth, g);
    return smooth;
}

/* Paper brightness may vary this much (grey levels, 5th to 95th percentile
 * of 32 x 32 blocks) before a page counts as uneven. */
#define UNEVEN_RANGE 40.0f

/* prep_needs_binarize - noisy, or paper brightness varying over the page */
bool prep_needs_binarize(struct Pix *grey)
{
    if (noise_level(grey) >= NOISY_RESIDUAL)
        return true;
    /* the brightest pixel of each block is its paper */
    struct Pix *paper = pixScaleGrayMinMax(grey, 32, 32, L_CHOOSE_MAX);
    l_float32 lo = 0, hi = 0;
    bool uneven = paper == NULL ||
                  pixGetRankValueMasked(paper, NULL, 0, 0, 1, 0.05f, &lo, NULL) != 0 ||
                  pixGetRankValueMasked(paper, NULL, 0, 0, 1, 0.95f, &hi, NULL) != 0 ||
                  hi - lo > UNEVEN_RANGE;
    pixDestroy(&paper);
    return uneven;
}

/* ocr_prep_binarize - 1 bpp page of a grey one (new image) */
struct Pix *ocr_prep_binarize(struct Pix *grey)
{
    struct Pix *g0 = pixGetDepth(grey) == 8 ? pixClone(grey) : ocr_prep_grey(grey);
    struct Pix *g = g0 ? denoise(g0) : NULL;
    pixDestroy(&g0);
    if (g == NULL)
        return NULL;
    struct Pix *bin = NULL;
    /* pixOtsuThreshOnBackgroundNorm: normalise the background (tiles of 10 x 15,
     * foreground below 100 ignored, to paper level 200), then Otsu on tiles */
    bin = pixOtsuThreshOnBackgroundNorm(g, NULL, 10, 15, 100, 50, 200, 2, 2, 0.1f, NULL);
    if (bin == NULL)
        bin = pixConvertTo1(g, 160);
    if (bin != NULL)
        pixCopyResolution(bin, g);
    pixDestroy(&g);
    return bin;
}
