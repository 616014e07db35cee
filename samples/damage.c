/*
 * damage.c - the heavier degradation steps of the OCR benchmark classes.
 *
 * degrade.c holds the table of steps and the mild damage of every scan;
 * this file holds the damage that real court papers arrive with and that
 * page preparation has to undo: low resolution and fax resolution, pages
 * turned on the glass, rubber stamps in colour, uneven light, and phone
 * photos taken at an angle.  Each step has the step_fn signature of
 * degrade.c and is listed in its table.
 *
 * Steps here may change the depth: "threshold" makes 1 bpp (fax), "stamp"
 * and "tint" make 32 bpp colour; recipes put them after the 8-bit steps.
 *
 * Functions: damage_scale, damage_threshold, damage_turn, damage_stamp,
 * damage_tint, damage_perspective, damage_light, damage_dpi.
 */
#include <math.h>

#include "samples.h"

/* damage_scale - resample to a x b dpi (b 0: same as a), area-averaged */
PIX *damage_scale(PIX *pix, const struct recipe_step *st, prng *rng)
{
    int xres = pixGetXRes(pix), yres = pixGetYRes(pix);
    double bx = st->a, by = st->b > 0 ? st->b : st->a;

    (void)rng;
    if (xres <= 0 || yres <= 0)
        return NULL;
    PIX *out = pixScale(pix, (l_float32)(bx / xres), (l_float32)(by / yres));
    if (out != NULL)
        pixSetResolution(out, (l_int32)bx, (l_int32)by);
    return out;
}

/* damage_threshold - 1 bpp at grey level a, as a fax machine sends it */
PIX *damage_threshold(PIX *pix, const struct recipe_step *st, prng *rng)
{
    (void)rng;
    PIX *out = pixThresholdToBinary(pix, (l_int32)st->a);
    if (out != NULL)
        pixCopyResolution(out, pix);
    return out;
}

/* damage_turn - the page laid on the glass turned by a degrees (90, 180, 270) */
PIX *damage_turn(PIX *pix, const struct recipe_step *st, prng *rng)
{
    int quads = ((int)lround(st->a / 90.0) % 4 + 4) % 4;

    (void)rng;
    /* pixRotateOrth turns clockwise; a page read after it needs the same
     * turn counter-clockwise to come back upright. */
    PIX *out = pixRotateOrth(pix, quads);
    if (out != NULL && quads % 2 == 1)
        pixSetResolution(out, pixGetYRes(pix), pixGetXRes(pix));
    else if (out != NULL)
        pixCopyResolution(out, pix);
    return out;
}

/* stamp_ring - darken towards colour c where the pixel lies on a ring */
static void stamp_ring(l_uint32 *line, int j, double d, double r, double width, const int c[3],
                       double strength)
{
    double k = 1.0 - fabs(d - r) / width;
    if (k <= 0)
        return;
    k *= strength;
    l_int32 rv, gv, bv;
    extractRGBValues(line[j], &rv, &gv, &bv);
    /* ink multiplies: a stamp over black text leaves the text black */
    rv = (l_int32)(rv * (1 - k) + rv * c[0] / 255.0 * k);
    gv = (l_int32)(gv * (1 - k) + gv * c[1] / 255.0 * k);
    bv = (l_int32)(bv * (1 - k) + bv * c[2] / 255.0 * k);
    composeRGBPixel(rv, gv, bv, &line[j]);
}

/* damage_stamp - a round violet-blue court stamp of radius a mm over the text,
 * with a filled band of text-like bars inside; b is its ink strength 0..1 */
PIX *damage_stamp(PIX *pix, const struct recipe_step *st, prng *rng)
{
    PIX *out = pixConvertTo32(pix);
    if (out == NULL)
        return NULL;
    pixCopyResolution(out, pix);
    int w = pixGetWidth(out), h = pixGetHeight(out);
    int dpi = pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 300;
    double r = st->a * dpi / 25.4;
    double cx = prng_range(rng, r + 10, w - r - 10);
    double cy = prng_range(rng, h * 0.2, h * 0.5); /* over the text */
    static const int colours[2][3] = {{70, 60, 200}, {200, 40, 60}};
    const int *c = colours[prng_next(rng) & 1];
    double pen = dpi / 60.0;
    l_uint32 *data = pixGetData(out);
    int wpl = pixGetWpl(out);

    for (int i = (int)(cy - r - pen); i <= (int)(cy + r + pen); i++) {
        if (i < 0 || i >= h)
            continue;
        l_uint32 *line = data + (size_t)i * wpl;
        for (int j = (int)(cx - r - pen); j <= (int)(cx + r + pen); j++) {
            if (j < 0 || j >= w)
                continue;
            double d = hypot(j - cx, i - cy);
            stamp_ring(line, j, d, r, pen, c, st->b);
            stamp_ring(line, j, d, r * 0.72, pen * 0.7, c, st->b);
            /* the stamp's own lettering, as short bars between the rings */
            double ang = atan2(i - cy, j - cx);
            if (d > r * 0.76 && d < r * 0.94 && fmod(ang + 4 * M_PI, 0.21) < 0.12)
                stamp_ring(line, j, d, r * 0.85, r * 0.09, c, st->b);
        }
    }
    return out;
}

/* damage_tint - colour cast of a phone photo under warm light (a: strength) */
PIX *damage_tint(PIX *pix, const struct recipe_step *st, prng *rng)
{
    (void)rng;
    PIX *out = pixConvertTo32(pix);
    if (out == NULL)
        return NULL;
    pixCopyResolution(out, pix);
    l_uint32 *data = pixGetData(out);
    int wpl = pixGetWpl(out), w = pixGetWidth(out), h = pixGetHeight(out);
    for (int i = 0; i < h; i++) {
        l_uint32 *line = data + (size_t)i * wpl;
        for (int j = 0; j < w; j++) {
            l_int32 rv, gv, bv;
            extractRGBValues(line[j], &rv, &gv, &bv);
            gv = (l_int32)(gv * (1 - st->a * 0.4));
            bv = (l_int32)(bv * (1 - st->a));
            composeRGBPixel(rv, gv, bv, &line[j]);
        }
    }
    return out;
}

/* damage_perspective - a photo taken at an angle: the top edge narrower by
 * a (fraction of the width), the whole page tilted by up to b degrees */
PIX *damage_perspective(PIX *pix, const struct recipe_step *st, prng *rng)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    double in = st->a * w / 2.0;
    double tilt = prng_range(rng, -st->b, st->b) * M_PI / 180.0;
    double drop = tan(tilt) * w;
    /* The page's corners land here in the photo, inside a white margin. */
    double m = 0.04;
    double dx[4] = {w * m + in, w * (1 - m) - in, w * (1 - m), w * m};
    double dy[4] = {h * m + drop / 2, h * m - drop / 2, h * (1 - m) - drop / 2,
                    h * (1 - m) + drop / 2};
    PTA *src = ptaCreate(4), *dst = ptaCreate(4);
    double sx[4] = {0, w - 1, w - 1, 0}, sy[4] = {0, 0, h - 1, h - 1};
    for (int k = 0; k < 4; k++) {
        ptaAddPt(src, (l_float32)sx[k], (l_float32)sy[k]);
        ptaAddPt(dst, (l_float32)dx[k], (l_float32)dy[k]);
    }
    /* pixProjectivePta maps the output's points (dst) from the input's (src) */
    PIX *out = pixProjectivePta(pix, dst, src, L_BRING_IN_WHITE);
    ptaDestroy(&src);
    ptaDestroy(&dst);
    if (out != NULL)
        pixCopyResolution(out, pix);
    return out;
}

/* damage_light - lamp falloff: paper and ink darker towards one corner,
 * down to a times the brightness, in place (8 bpp) */
PIX *damage_light(PIX *pix, const struct recipe_step *st, prng *rng)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    double lx = prng_range(rng, 0, w), ly = prng_range(rng, 0, h * 0.3);
    double far = hypot(w, h);
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);

    for (int i = 0; i < h; i++) {
        l_uint32 *line = data + (size_t)i * wpl;
        for (int j = 0; j < w; j++) {
            double f = 1.0 - (1.0 - st->a) * hypot(j - lx, i - ly) / far;
            SET_DATA_BYTE(line, j, (l_uint32)(GET_DATA_BYTE(line, j) * f));
        }
    }
    return pix;
}

/* damage_dpi - declare a x b dpi without resampling (0 x 0: none at all;
 * phones write 72) */
PIX *damage_dpi(PIX *pix, const struct recipe_step *st, prng *rng)
{
    (void)rng;
    pixSetResolution(pix, (l_int32)st->a, (l_int32)(st->b > 0 ? st->b : st->a));
    return pix;
}
