/*
 * prep_orient.c - page preparation: which way up the page is.
 *
 * Pages arrive sideways and upside down (a stack fed into a scanner the
 * wrong way, a phone held landscape). Tesseract's osd model
 * (tesseract-ocr-osd) looks at the shapes of characters in all four
 * orientations and works for Cyrillic as for Latin; it needs an engine of its
 * own, loaded once per worker on first use. Leptonica's pixOrientDetect
 * counts ascenders and descenders, which works for Latin type and less well
 * for Cyrillic (few ascenders), so it is only the fallback. A turn is made
 * only when the detector is confident: turning a good page is the worst
 * mistake this step can make.
 *
 * Functions: prep_osd, ocr_prep_orientation.
 */
#include "ocr/ocr_private.h"

#include <leptonica/allheaders.h>
#include <stdlib.h>

/* Least osd confidence for a turn (tesseract's own min_orientation_margin is 7
 * for its automatic mode; osd confidences of upright pages are far higher). */
#define MIN_OSD_CONFIDENCE 2.0
/* Leptonica: least up/down and left/right confidences for a turn. */
#define MIN_LEPT_UPCONF 8.0
#define MIN_LEPT_RATIO 2.5
/* OSD reads letters at about this resolution; bigger pages are reduced. */
#define OSD_DPI 150
/* Letters osd looks at (min_characters_to_try): few first, then its default;
 * the quick look is believed only when it is sure. */
#define OSD_QUICK_CHARS "10"
#define OSD_FULL_CHARS "50"
#define MIN_QUICK_CONFIDENCE 4.0

/* osd_run - one osd pass (below) */
static void osd_run(TessBaseAPI *api, struct Pix *small, int dpi, const char *chars, int *rotate,
                    double *conf);

/* load_osd - the osd engine, loaded once; NULL if the model is missing */
static TessBaseAPI *load_osd(ocr_engine *engine)
{
    if (engine->osd_tried)
        return engine->osd;
    engine->osd_tried = 1;
    TessBaseAPI *api = TessBaseAPICreate();
    if (api == NULL)
        return NULL;
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, engine->tessdata, "osd") != 0) {
        TessBaseAPIDelete(api);
        return NULL;
    }
    TessBaseAPISetPageSegMode(api, PSM_OSD_ONLY);
    engine->osd = api;
    return api;
}

/* prep_osd - run osd on a grey page reduced to about OSD_DPI
 *
 * osd classifies up to five times min_characters_to_try letter shapes in
 * all four orientations; with tesseract's default (50) that costs 0.2 s a
 * page, as much as a third of recognising it. Measured on the benchmark's
 * turned pages, 10 letters give confidences of about 6 (the threshold is
 * 2) at 0.05 s; so 10 first, and the default only when that is not sure
 * (below MIN_QUICK_CONFIDENCE: a page with little text). */
int prep_osd(ocr_engine *engine, struct Pix *grey, int dpi, int *rotate, double *conf)
{
    TessBaseAPI *api = load_osd(engine);
    *rotate = 0;
    *conf = 0;
    if (api == NULL)
        return -1;
    int used = dpi > OSD_DPI * 3 / 2 ? OSD_DPI : dpi;
    struct Pix *small = used != dpi
                            ? pixScaleAreaMap(grey, (l_float32)used / dpi, (l_float32)used / dpi)
                            : pixClone(grey);
    if (small == NULL)
        return 0;
    osd_run(api, small, used, OSD_QUICK_CHARS, rotate, conf);
    if (*conf < MIN_QUICK_CONFIDENCE)
        osd_run(api, small, used, OSD_FULL_CHARS, rotate, conf);
    pixDestroy(&small);
    return 0;
}

/* osd_run - one osd pass over `small`, looking at up to 5 x `chars` letters */
static void osd_run(TessBaseAPI *api, struct Pix *small, int dpi, const char *chars, int *rotate,
                    double *conf)
{
    *rotate = 0;
    *conf = 0;
    TessBaseAPISetVariable(api, "min_characters_to_try", chars);
    TessBaseAPISetImage2(api, small);
    TessBaseAPISetSourceResolution(api, dpi);
    int deg = 0;
    float oconf = 0, sconf = 0;
    const char *script = NULL;
    if (TessBaseAPIDetectOrientationScript(api, &deg, &oconf, &script, &sconf)) {
        /* osd reports how far the page is turned clockwise; turning it on
         * clockwise by the rest of a full turn makes it upright */
        *rotate = (360 - ((deg % 360) + 360) % 360) % 360;
        *conf = oconf;
    }
    TessBaseAPIClear(api);
}

/* lept_orientation - leptonica's text-orientation detector on a binary page */
static int lept_orientation(struct Pix *grey)
{
    struct Pix *bin = ocr_prep_binarize(grey);
    if (bin == NULL)
        return 0;
    l_float32 up = 0, left = 0;
    l_int32 rotate = 0;
    l_float32 min_upconf = (l_float32)MIN_LEPT_UPCONF, min_ratio = (l_float32)MIN_LEPT_RATIO;
    if (pixOrientDetect(bin, &up, &left, 0, 0) != 0 ||
        makeOrientDecision(up, left, min_upconf, min_ratio, &rotate, 0) != 0)
        rotate = L_TEXT_ORIENT_UNKNOWN;
    pixDestroy(&bin);
    switch (rotate) {
    case L_TEXT_ORIENT_LEFT: return 90; /* text rotated 90 ccw: turn it cw */
    case L_TEXT_ORIENT_DOWN: return 180;
    case L_TEXT_ORIENT_RIGHT: return 270;
    default: return 0;
    }
}

/* ocr_prep_orientation - osd if installed, else leptonica; 0 when unsure */
int ocr_prep_orientation(ocr_engine *engine, struct Pix *grey, int dpi)
{
    int rotate = 0;
    double conf = 0;
    if (engine != NULL && prep_osd(engine, grey, dpi, &rotate, &conf) == 0)
        return conf >= MIN_OSD_CONFIDENCE ? rotate : 0;
    return lept_orientation(grey);
}
