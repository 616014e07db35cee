/*
 * choose.c - page preparation kept only where it makes the reading better.
 *
 * Preparation (prep.c) is tuned on scans: it enlarges low-resolution pages,
 * straightens skewed ones and binarises uneven or noisy paper. On a page it
 * was not made for (a screenshot's anti-aliased colour text, a clean page
 * with large type) a step can make the reading worse than plain tesseract's.
 * So, per page, from measured signals:
 *
 *  - when preparation changed the page's pixels in a way tesseract would
 *    not (it enlarged it, deskewed it, straightened its bent lines, gave
 *    tesseract our binarisation, or made grey of a colour page from its
 *    brightest channel), when the page
 *    looks like a screenshot (no resolution or a screen's, clean: prep.c),
 *    or when the prepared page's mean word confidence is below
 *    CHOOSE_BELOW_CONF, the page as it came (only turned upright) is read too;
 *  - the reading with more confidently read text wins: the letters and
 *    digits of plausible words (numbers, words of two letters or more in
 *    one script: script.c) tesseract is at least OCR_CONFIDENT_WORD sure
 *    of. Garbage read from noise has low word confidences and counts
 *    little, lone letters and look-alikes of two scripts in one word read
 *    into a picture count nothing; a heading
 *    or column that one reading dropped counts in the other's favour. The
 *    plain reading must beat the prepared one by PLAIN_MARGIN, since
 *    preparation is what the benchmark of damaged scans measured as better;
 *    on a screenshot the other way round: preparation (made for scans) must
 *    beat the plain reading by that margin.
 *
 * Pages that preparation left as they were (a clean 300-dpi scan) and read
 * confidently are read once. The cost is a second recognition of the pages
 * compared; bench/realworld/run and bench/ocr/run report it.
 *
 * Tesseract keeps one result at a time, and the searchable PDF is made from
 * the one kept; so the reading expected to lose is made first (the plain page
 * when preparation changed pixels, else the prepared one), and the first is
 * read again only when it wins and a searchable PDF is being made.
 *
 * Functions: reading_score, choose_reading.
 */
#include "ocr/ocr_private.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Below this mean word confidence a prepared page is compared anyway. */
#define CHOOSE_BELOW_CONF 80.0
/* The plain page wins when its score is this much higher (5%). */
#define PLAIN_MARGIN 1.05

/* changed_pixels - whether preparation did what tesseract would not */
static bool changed_pixels(const ocr_prep_info *info)
{
    return fabs(info->scale - 1.0) > 0.01 || info->binarized || fabs(info->skew) >= 0.5 ||
           info->colour || info->dewarped;
}

/* layout_of - how tesseract finds the text on the prepared page
 *
 * Full automatic layout analysis (PSM_AUTO, the tesseract command's default)
 * reads a page of columns, headings in larger type or a screenshot's boxes
 * right, where one uniform block (PSM_SINGLE_BLOCK, the API's default) runs
 * lines of different columns together and drops headings (linn.png). But on
 * a page our binarisation cleaned (uneven light, a phone photo) or whose
 * colour we took out (a coloured stamp over the text) layout analysis takes
 * the stamp's or the shadow's remains for blocks of their own and splits or
 * drops the lines of text under them (bench/ocr/run: phone class CER 0.0021
 * -> 0.0232, stamp 0.0017 -> 0.0048); the single block reads them as before.
 * Both signals make choose_reading read the plain page too, with PSM_AUTO,
 * so a page of columns among them still wins with its layout. */
static int layout_of(const ocr_prep_info *info)
{
    return info->binarized || info->colour ? PSM_SINGLE_BLOCK : PSM_AUTO;
}

/* reading_score - letters and digits of the plausible words (script_plausible)
 * tesseract is OCR_CONFIDENT_WORD sure of */
long reading_score(TessBaseAPI *api)
{
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (it == NULL)
        return 0;
    long sum = 0;
    TessPageIterator *page = TessResultIteratorGetPageIterator(it);
    do {
        char *word = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        int latin = 0, cyrillic = 0;
        if (word != NULL && TessResultIteratorConfidence(it, RIL_WORD) >= OCR_CONFIDENT_WORD)
            sum += script_plausible(word, &latin, &cyrillic);
        TessDeleteText(word);
    } while (TessPageIteratorNext(page, RIL_WORD));
    TessResultIteratorDelete(it);
    return sum;
}

/* A candidate reading: the image read, at what resolution, what it gave. */
typedef struct {
    struct Pix *img;
    int dpi;
    int psm;
    ocr_result res;
    long score;
} reading;

/* read_one - recognise a candidate and score it, its Latin paragraphs read
 * again counted as read (the API then holds it) */
static int read_one(ocr_engine *engine, reading *r, char **err)
{
    if (tesseract_read(engine, r->img, r->dpi, r->psm, &r->res, err) != 0)
        return -1;
    r->score = reading_score(engine->result) + engine->latin_gain;
    return 0;
}

/* take - the winner's reading into *out (its prep info kept from *out) */
static void take(ocr_result *out, reading *won, reading *lost)
{
    out->text = won->res.text;
    out->confidence = won->res.confidence;
    won->res.text = NULL;
    ocr_result_free(&lost->res);
}

/* choose_reading - prepared page, and the plain one where it may read better */
int choose_reading(ocr_engine *engine, struct Pix *page, struct Pix *img, struct Pix **view,
                   ocr_result *out, char **err)
{
    ocr_prep_info *info = &out->prep;
    reading prep = {.img = img, .dpi = info->dpi, .psm = layout_of(info)};
    bool changed = changed_pixels(info) || info->screen, prep_read = !changed;
    if (!changed) {
        if (read_one(engine, &prep, err) != 0)
            return -1;
        if (prep.res.confidence >= CHOOSE_BELOW_CONF) {
            take(out, &prep, &prep);
            return 0;
        }
    }
    /* its own resolution, 0 (none) left to tesseract's estimate as plain
     * tesseract does */
    reading plain = {.img = prep_plain(page, info->rotated),
                     .dpi = pixGetXRes(page),
                     .psm = PSM_AUTO};
    if (plain.img == NULL) { /* leptonica failed: the prepared page alone */
        if (changed && read_one(engine, &prep, err) != 0)
            return -1;
        take(out, &prep, &prep);
        return 0;
    }
    /* the one expected to lose first: the API holds the last one read; on a
     * screenshot the plain page is expected to win */
    bool plain_expected = info->screen || !changed;
    reading *first = plain_expected ? &prep : &plain, *last = plain_expected ? &plain : &prep;
    if ((!(first == &prep && prep_read) && read_one(engine, first, err) != 0) ||
        read_one(engine, last, err) != 0) {
        ocr_result_free(&prep.res);
        ocr_result_free(&plain.res);
        pixDestroy(&plain.img);
        return -1;
    }
    bool plain_won = info->screen ? prep.score <= plain.score * PLAIN_MARGIN
                                  : plain.score > prep.score * PLAIN_MARGIN;
    reading *won = plain_won ? &plain : &prep, *lost = plain_won ? &prep : &plain;
    int rc = 0;
    if (won == first && view != NULL) { /* the searchable PDF needs it held */
        ocr_result again;
        memset(&again, 0, sizeof again);
        rc = tesseract_read(engine, won->img, won->dpi, won->psm, &again, err);
        ocr_result_free(&again);
    }
    take(out, won, lost);
    if (plain_won) {
        info->plain = true;
        info->dpi = plain.dpi;
        info->scale = 1.0;
        info->binarized = false;
        info->skew = 0;
        if (view != NULL) {
            pixDestroy(view);
            *view = pixConvertTo8(plain.img, 0);
        }
    }
    pixDestroy(&plain.img);
    if (rc != 0)
        ocr_result_free(out);
    return rc;
}
