/*
 * ocr_private.h - what the files of ocr/ share; the public API is ocr.h.
 *
 * The engine itself (tesseract.c), the page preparation steps (prep_*.c), the OCR
 * cache and the searchable PDF of the document being read (document.c).
 */
#ifndef DOKAZ_OCR_PRIVATE_H
#define DOKAZ_OCR_PRIVATE_H

#include "ocr/ocr.h"

#include <tesseract/capi.h>

/* The resolution assumed when nothing tells (and a 10-12 pt letter's size
 * at it is the reference for estimating one). */
#define OCR_TARGET_DPI 300
/* Pages below this resolution are enlarged to OCR_UPSCALE_TO_DPI. Measured
 * on the benchmark (bench/ocr): tesseract 5's LSTM reads 10-12 pt type at
 * 200 dpi as well as at 300, and enlarging a 150-dpi page to 250 helps it
 * more than to 300 (interpolated letters get soft); below 180 dpi letters
 * get too small for its page layout analysis. */
#define OCR_UPSCALE_BELOW_DPI 180
#define OCR_UPSCALE_TO_DPI 250
/* Never enlarge a page more than this (a thumbnail is not a scan). */
#define OCR_MAX_UPSCALE 4.0

/* A Latin engine's reading of a Latin page is kept unless its mean
 * confidence is LATIN_MAX_CONF_DROP below the first reading's and its score
 * (reading_score) LATIN_MAX_SCORE_DROP (5%) lower. */
#define LATIN_MAX_CONF_DROP 5.0
#define LATIN_MAX_SCORE_DROP 1.05

typedef struct ocr_document ocr_document;

struct ocr_engine {
    TessBaseAPI *api;    /* NULL until loaded (ocr_engine_load) */
    bool loaded;         /* api holds every language asked for */
    char *load_error;    /* why loading failed, given again on every later try */
    TessBaseAPI *osd;    /* orientation detection (osd.traineddata); NULL if absent */
    int osd_tried;       /* osd is loaded lazily, once */
    TessBaseAPI *latin;  /* Latin languages only, for Latin pages (latin.c); NULL if none */
    int latin_tried;     /* loaded lazily, once */
    TessBaseAPI *result; /* the API holding the current page's reading (api or latin) */
    long latin_gain;     /* what its paragraphs read again in Latin added to its score */
    char *langs;
    char *tessdata;
    ocr_prep prep;
    ocr_document *doc; /* the item being read (document.c), NULL outside one */
};

/* Words tesseract is at least this sure of count when readings are
 * compared (choose.c) and a page's script is told (latin.c). */
#define OCR_CONFIDENT_WORD 75.0f

/* latin_wanted - whether the page `api` has just read is Latin script and is
 * read again with the Latin engine (latin.c) */
bool latin_wanted(const ocr_engine *engine, TessBaseAPI *api);

/* latin_engine - the engine's Latin-languages API, loaded on first use; NULL
 * when no Latin model is installed */
TessBaseAPI *latin_engine(ocr_engine *engine);

/* ocr_cache_item_dir - DATA/cache/ocr/ab/<sha256> (g_free) */
char *ocr_cache_item_dir(const char *data_dir, const char *sha256);

/* latin_blocks - on a page `engine->api` has just read from img (at dpi, 0
 * unknown) that is not Latin as a whole, each Latin paragraph read again by
 * the Latin engine in its rectangle; *text (malloc'd, replaced) rebuilt
 * with the readings kept; how many were kept, and engine->latin_gain what
 * they added to the reading's score (reading_score counts engine->api's
 * words only). engine->api keeps the first reading (the searchable PDF's
 * words) (latin.c) */
int latin_blocks(ocr_engine *engine, struct Pix *img, int dpi, char **text);

/* script_plausible - letters and digits of a word that is plausible text (a
 * number, or two letters or more of one script), its letters added to
 * *latin or *cyrillic; 0 for anything else (script.c) */
long script_plausible(const char *word, int *latin, int *cyrillic);

/* prep_page - prepare `page` (prep.c): *ocr_img to recognise, *view (when
 * view is not NULL) the page as it looks with the same geometry */
int prep_page(ocr_engine *engine, struct Pix *page, int xdpi, int ydpi, struct Pix **ocr_img,
              struct Pix **view, ocr_prep_info *info);

/* prep_plain - the page as plain tesseract gets it (as it came, own size and
 * resolution), turned `rotated` degrees clockwise (new image) */
struct Pix *prep_plain(struct Pix *page, int rotated);

/* tesseract_read - recognise a prepared page of `dpi` with page segmentation
 * `psm` (a TessPageSegMode) into *out (text, confidence), the result left in
 * engine->result (tesseract.c) */
int tesseract_read(ocr_engine *engine, struct Pix *img, int dpi, int psm, ocr_result *out,
                   char **err);

/* reading_score - the confidently read text of the reading `api` holds:
 * letters and digits of plausible words (script_plausible) it is at least
 * OCR_CONFIDENT_WORD sure of (choose.c) */
long reading_score(TessBaseAPI *api);

/* choose_reading - read the prepared page `img` and, where preparation may
 * have made it worse, the page as it came (choose.c); *out gets the better
 * reading (out->prep says which), engine->result holds it, and *view (when
 * not NULL) is replaced by the plain page when that won */
int choose_reading(ocr_engine *engine, struct Pix *page, struct Pix *img, struct Pix **view,
                   ocr_result *out, char **err);

/* prep_needs_binarize - whether a grey page's paper is uneven or noisy
 * enough that our binarisation beats tesseract's global threshold */
bool prep_needs_binarize(struct Pix *grey);

/* prep_osd - tesseract's orientation detection on a grey page: *rotate is
 * the clockwise turn (0, 90, 180, 270) that makes it upright; -1 if the
 * osd model is not installed */
int prep_osd(ocr_engine *engine, struct Pix *grey, int dpi, int *rotate, double *conf);

/* prep_dewarp - straighten a photographed page's bent lines in *grey (and
 * *view when not NULL), measured on its binarisation bin (prep_dewarp.c): 1
 * straightened, 0 not bent (unchanged), -1 leptonica failed */
int prep_dewarp(struct Pix **grey, struct Pix **view, struct Pix *bin);

/* prep_text_height - median height in pixels of letter-sized connected
 * components of a 1 bpp page, 0 when there are too few to tell */
int prep_text_height(struct Pix *bin);

/* prep_transform - apply a geometric step to the recognition image and, when
 * not NULL, to the view kept for the searchable PDF; both are replaced */
typedef struct Pix *(*prep_geometry_fn)(struct Pix *pix, const void *arg);
int prep_transform(struct Pix **grey, struct Pix **view, prep_geometry_fn fn, const void *arg);

/* document_lookup - the cached result of page `number` of the current
 * document (ocr_document_claim): 1 found, 0 not */
int document_lookup(ocr_engine *engine, int number, ocr_result *out);

/* document_claimed - whether this process holds page `number`'s claim */
bool document_claimed(const ocr_engine *engine, int number);

/* document_release - drop this process's claim on a page (none: nothing) */
void document_release(ocr_engine *engine);

/* document_add - cache the recognised page (tesseract still holding its
 * result) with its searchable PDF page, view being its image; releases the
 * page's claim */
int document_add(ocr_engine *engine, int number, struct Pix *view, const ocr_result *res,
                 char **err);

/* document_wants_view - whether the current document makes a searchable PDF */
int document_wants_view(const ocr_engine *engine);

#endif
