/*
 * degrade.c - makes a clean rendered page look like a scan.
 *
 * Each kind of damage is one named step in a table, in the manner of
 * libarchive's format tables: a recipe (samples.h) is just a list of step
 * names with up to two parameters, run in order.  A new class of test page
 * (low resolution, fax, turned pages, heavy JPEG, stamps) is a new step here
 * and a new recipe in docs.c; nothing else changes.
 *
 * All steps work on 8-bit grey images and draw their randomness from the
 * page's own PRNG stream, so a page is the same for the same seed.
 *
 * Functions: degrade_check_recipe, degrade_page.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samples.h"
#include "common/xalloc.h"

/* A step returns the degraded image: either pix itself, changed in place,
 * or a new image, in which case the caller destroys pix.  NULL on failure. */
typedef PIX *(*step_fn)(PIX *pix, const struct recipe_step *st, prng *rng);

struct step_def {
    const char *name;
    step_fn fn;
    const char *params; /* what a and b mean, for the reader */
};

static PIX *step_rotate(PIX *pix, const struct recipe_step *st, prng *rng);
static PIX *step_background(PIX *pix, const struct recipe_step *st, prng *rng);
static PIX *step_blur(PIX *pix, const struct recipe_step *st, prng *rng);
static PIX *step_noise(PIX *pix, const struct recipe_step *st, prng *rng);
static PIX *step_jpeg(PIX *pix, const struct recipe_step *st, prng *rng);

static const struct step_def steps[] = {
    {"rotate", step_rotate, "skew between a and b degrees, random sign"},
    {"background", step_background, "grey paper of mean level a, uneven by up to +-b levels"},
    {"blur", step_blur, "gaussian blur of sigma a pixels"},
    {"noise", step_noise, "gaussian-like sensor noise of sigma a levels"},
    {"jpeg", step_jpeg, "JPEG round trip at quality a"},
    /* the benchmark's damage, in damage.c */
    {"scale", damage_scale, "resample to a x b dpi (b 0: a)"},
    {"threshold", damage_threshold, "1 bpp at grey level a (fax)"},
    {"turn", damage_turn, "turn the page by a degrees (90, 180, 270)"},
    {"stamp", damage_stamp, "colour stamp of radius a mm, ink strength b"},
    {"tint", damage_tint, "warm colour cast of strength a (colour)"},
    {"perspective", damage_perspective, "top narrower by a, tilt up to b deg"},
    {"light", damage_light, "falloff to a times the brightness"},
    {"dpi", damage_dpi, "declare a x b dpi without resampling"},
};

/* Ink on a scan is dark grey, not black. */
#define INK_LEVEL 40.0

/* Control points of the paper's unevenness: a coarse grid, interpolated
 * smoothly, gives the large soft blotches of real paper and lamp falloff. */
#define FIELD_GX 5
#define FIELD_GY 7

/* find_step - table entry for a step name, or NULL */
static const struct step_def *find_step(const char *name)
{
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (strcmp(steps[i].name, name) == 0)
            return &steps[i];
    return NULL;
}

/* clamp_byte - round and clamp to 0..255 */
static int clamp_byte(double v)
{
    if (v <= 0.0)
        return 0;
    if (v >= 255.0)
        return 255;
    return (int)(v + 0.5);
}

/* step_rotate - skew the page as if laid crooked on the scanner glass */
static PIX *step_rotate(PIX *pix, const struct recipe_step *st, prng *rng)
{
    double deg = prng_range(rng, st->a, st->b);

    if (prng_next(rng) & 1)
        deg = -deg;
    /* Same size, corners filled with white like the scanner lid; the page
     * margins are wide enough that no ink is cut off. */
    return pixRotate(pix, (l_float32)(deg * M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0,
                     0);
}

/* paper_field - random paper levels at the control points of the grid */
static void paper_field(double grid[FIELD_GY][FIELD_GX], double level, double spread, prng *rng)
{
    for (int gy = 0; gy < FIELD_GY; gy++)
        for (int gx = 0; gx < FIELD_GX; gx++)
            grid[gy][gx] = level + prng_range(rng, -spread, spread);
}

/* smooth_pos - grid cell and smoothstep weight of pixel i of n over cells */
static int smooth_pos(int i, int n, int cells, double *t)
{
    double f = (double)i * cells / (n - 1);
    int c = (int)f < cells ? (int)f : cells - 1;
    double u = f - c;

    *t = u * u * (3.0 - 2.0 * u); /* smoothstep: no visible seams */
    return c;
}

/* step_background - grey uneven paper under dark-grey ink, in place */
static PIX *step_background(PIX *pix, const struct recipe_step *st, prng *rng)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    double grid[FIELD_GY][FIELD_GX];
    int *cx = xmalloc((size_t)w * sizeof *cx);
    double *tx = xmalloc((size_t)w * sizeof *tx);
    float *paper = xmalloc((size_t)w * sizeof *paper);

    assert(w > 1 && h > 1);
    paper_field(grid, st->a, st->b, rng);
    for (int j = 0; j < w; j++)
        cx[j] = smooth_pos(j, w, FIELD_GX - 1, &tx[j]);

    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int i = 0; i < h; i++) {
        double ty;
        int cy = smooth_pos(i, h, FIELD_GY - 1, &ty);
        const double *g0 = grid[cy], *g1 = grid[cy + 1];
        l_uint32 *line = data + (size_t)i * wpl;

        for (int j = 0; j < w; j++) {
            int c = cx[j];
            double top = g0[c] + (g0[c + 1] - g0[c]) * tx[j];
            double bot = g1[c] + (g1[c + 1] - g1[c]) * tx[j];
            paper[j] = (float)(top + (bot - top) * ty);
        }
        for (int j = 0; j < w; j++) {
            /* 255 is bare paper, 0 is full ink; blend between the two. */
            double v = GET_DATA_BYTE(line, j) / 255.0;
            SET_DATA_BYTE(line, j, clamp_byte(INK_LEVEL + (paper[j] - INK_LEVEL) * v));
        }
    }
    free(cx);
    free(tx);
    free(paper);
    return pix;
}

/* step_blur - gaussian blur, the softness of scanner optics */
static PIX *step_blur(PIX *pix, const struct recipe_step *st, prng *rng)
{
    int half = (int)ceil(2.0 * st->a);
    L_KERNEL *kelx = NULL, *kely = NULL;
    PIX *out = NULL;

    (void)rng;
    if (half < 1)
        return pix;
    /* Separable: two 1-D passes cost 2n per pixel instead of n*n. */
    if (makeGaussianKernelSep(half, half, (l_float32)st->a, 1.0f, &kelx, &kely) == 0)
        out = pixConvolveSep(pix, kelx, kely, 8, 1);
    kernelDestroy(&kelx);
    kernelDestroy(&kely);
    return out;
}

/* step_noise - add gaussian-like sensor noise, in place */
static PIX *step_noise(PIX *pix, const struct recipe_step *st, prng *rng)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);

    for (int i = 0; i < h; i++) {
        l_uint32 *line = data + (size_t)i * wpl;
        for (int j = 0; j < w; j++) {
            double v = GET_DATA_BYTE(line, j) + st->a * prng_gauss(rng);
            SET_DATA_BYTE(line, j, clamp_byte(v));
        }
    }
    return pix;
}

/* step_jpeg - encode and decode as JPEG to leave its block artefacts */
static PIX *step_jpeg(PIX *pix, const struct recipe_step *st, prng *rng)
{
    l_uint8 *buf = NULL;
    size_t len = 0;
    PIX *out;

    (void)rng;
    if (pixWriteMemJpeg(&buf, &len, pix, (l_int32)st->a, 0) != 0)
        return NULL;
    out = pixReadMemJpeg(buf, len, 0, 1, NULL, 0);
    lept_free(buf);
    if (out != NULL)
        pixCopyResolution(out, pix);
    return out;
}

/* degrade_check_recipe - NULL if every step is known, else the bad name */
const char *degrade_check_recipe(const struct recipe_step *recipe)
{
    for (const struct recipe_step *st = recipe; st->name != NULL; st++)
        if (find_step(st->name) == NULL)
            return st->name;
    return NULL;
}

/* degrade_page - run a recipe over pix (consumed); the result, or NULL */
PIX *degrade_page(PIX *pix, const struct recipe_step *recipe, prng *rng)
{
    assert(pixGetDepth(pix) == 8);
    for (const struct recipe_step *st = recipe; st->name != NULL; st++) {
        const struct step_def *def = find_step(st->name);
        PIX *out;

        assert(def != NULL); /* callers check recipes first */
        out = def->fn(pix, st, rng);
        if (out == NULL) {
            fprintf(stderr, "gen_samples: degradation step %s failed\n", st->name);
            pixDestroy(&pix);
            return NULL;
        }
        if (out == pix && pixGetRefcount(pix) > 1) {
            /* leptonica hands back a clone for a no-op (a rotation by ~0,
             * a 32 bpp image converted to 32 bpp): drop the extra reference */
            PIX *extra = out;
            pixDestroy(&extra);
        }
        if (out != pix && pixGetXRes(out) == 0)
            pixCopyResolution(out, pix); /* steps that resample set their own */
        if (out != pix)
            pixDestroy(&pix);
        pix = out;
    }
    return pix;
}
