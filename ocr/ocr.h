/*
 * ocr.h - recognising text in page images with libtesseract.
 *
 * One engine per worker process: tesseract's models are loaded once, when
 * the first page needs them (ocr_engine_new) or at once (ocr_engine_open),
 * and reused for every page. Pages are leptonica PIX images.
 *
 * Before recognition every page is prepared with leptonica (ocr_prep): made
 * grey (coloured stamps dropped), brought to 300 dpi (low resolution, fax
 * resolution, missing or absurd dpi), turned upright, deskewed, its background
 * normalised and binarised, borders and specks cleaned, and a blank page is
 * reported instead of recognised. Each step can be switched off (DATA/ocr.conf,
 * ocr_config_load).
 *
 * While the engine reads one stored item (ocr_document_begin .. _end), the
 * pages it recognises are cached under DATA/cache/ocr/ by (content hash, page,
 * OCR settings), so reading the item again never recognises it again, and go
 * into the item's searchable PDF (original page images, invisible text).
 * Other workers may help read a large item meanwhile (ocr_document_help):
 * they recognise pages from the last one back into the same cache, and the
 * reader takes their pages from it.
 */
#ifndef DOKAZ_OCR_H
#define DOKAZ_OCR_H

#include <stdbool.h>

struct Pix;

/* Page preparation switches; all on by default (ocr_prep_defaults). */
typedef struct {
    bool orient;     /* detect 90/180/270 and turn upright (tesseract osd) */
    bool deskew;     /* measure and remove skew */
    bool normalize;  /* background normalisation and adaptive binarisation */
    bool resolution; /* upscale below 180 dpi, fax x/y dpi, missing/absurd dpi */
    bool cleanup;    /* remove dark borders and specks */
    bool blank;      /* record a blank page as blank instead of recognising it */
    bool correct;    /* after recognition: one script a word (script.c); 3/З, №, "г."
                      * in legal text (correct.c) */
} ocr_prep;

/* ocr_prep_defaults - every step on */
void ocr_prep_defaults(ocr_prep *prep);

/* What preparation found and did to one page. */
typedef struct {
    int rotated;    /* degrees turned clockwise to make it upright: 0, 90, 180, 270 */
    double skew;    /* skew measured, degrees (removed when deskew is on) */
    int dpi;        /* resolution it was recognised at */
    double scale;   /* how much it was enlarged (1: not) */
    bool blank;     /* no text on it: not recognised */
    bool binarized; /* our binarisation was given to tesseract (not its own) */
    bool dewarped;  /* its bent lines were straightened (a photographed curled page) */
    bool colour;    /* the page came in colour (grey made from its brightest channel) */
    bool screen;    /* it looks like a screenshot: no or a screen's resolution, clean */
    bool plain;     /* the prepared page read worse than the page as it came
                     * (only turned upright), which was kept (choose.c) */
} ocr_prep_info;

/* One recognised page. */
typedef struct {
    char *text;        /* malloc'd UTF-8 ("" for a blank page) */
    double confidence; /* mean word confidence 0..100 (0 for blank) */
    ocr_prep_info prep;
    bool cached;  /* taken from the OCR cache, not recognised now */
    bool skipped; /* helping: another process is reading this page */
} ocr_result;

/* ocr_result_free - free the text (the struct itself is the caller's) */
void ocr_result_free(ocr_result *res);

typedef struct ocr_engine ocr_engine;

/* ocr_engine_new - an engine for `langs` ("bel+rus+eng"; tessdata NULL =
 * tesseract's default) that loads tesseract only when it first needs to read
 * a page (ocr_engine_load): a worker that only meets born-digital files never
 * pays for it. A language that cannot be loaded fails that page, and every
 * later one, with the reason. NULL with *err only when no language is given. */
ocr_engine *ocr_engine_new(const char *langs, const char *tessdata, char **err);

/* ocr_engine_load - load the engine's models now, if not done yet; -1 with
 * *err (naming every language tesseract did not load) when they cannot be */
int ocr_engine_load(ocr_engine *engine, char **err);

/* ocr_engine_open - ocr_engine_new and ocr_engine_load: the engine loaded,
 * or NULL with *err */
ocr_engine *ocr_engine_open(const char *langs, const char *tessdata, char **err);

/* ocr_engine_close - free the engine (NULL is fine) */
void ocr_engine_close(ocr_engine *engine);

/* ocr_engine_langs - the languages the engine was opened with */
const char *ocr_engine_langs(const ocr_engine *engine);

/* ocr_engine_set_prep - the preparation steps used from now on */
void ocr_engine_set_prep(ocr_engine *engine, const ocr_prep *prep);

/* ocr_engine_settings - a short stable string naming the languages and the
 * preparation switches: pages are cached under it (malloc'd) */
char *ocr_engine_settings(const ocr_engine *engine);

/* ocr_engine_provenance - how the engine reads, for the chain of custody:
 * "tesseract 5.3.0; models bel.traineddata <sha256>, …; preparation and
 * languages v2 bel+rus+eng odnrcbk" (malloc'd); loads the engine to find its
 * models (pages taken from the cache loaded nothing) */
char *ocr_engine_provenance(ocr_engine *engine);

/* ocr_recognise - prepare and recognise one page image of `xdpi` x `ydpi`
 * (0: take them from the image). Page `number` (1-based) of the current
 * document when one is open: it is looked up in the cache first, and added
 * to the cache and the searchable PDF after. The image stays the caller's. */
int ocr_recognise(ocr_engine *engine, struct Pix *page, int xdpi, int ydpi, int number,
                  ocr_result *out, char **err);

/* ocr_page - recognise one page image. `dpi` is the image's resolution (0: unknown,
 * taken from the image or assumed 300). On success *text is malloc'd UTF-8 owned by
 * the caller and *confidence is the mean word confidence 0..100. */
int ocr_page(ocr_engine *engine, struct Pix *page, int dpi, char **text, double *confidence,
             char **err);

/* Page preparation steps, each on its own (ocr_recognise runs them all). */

/* ocr_prep_grey - any image as 8 bpp grey (new image): colour by its
 * brightest channel, so blue, violet and red stamps fade out of black text */
struct Pix *ocr_prep_grey(struct Pix *pix);

/* ocr_prep_resolution - grey page of xdpi x ydpi (0 or absurd: estimated
 * from the size of its letters) at equal x and y resolution, and at least
 * 180 dpi (new image; a page below goes to 250); *dpi gets its resolution,
 * *scale the enlargement */
struct Pix *ocr_prep_resolution(struct Pix *grey, int xdpi, int ydpi, int *dpi, double *scale);

/* ocr_prep_orientation - the clockwise turn (0, 90, 180, 270) that makes a
 * grey page upright; 0 when unsure */
int ocr_prep_orientation(ocr_engine *engine, struct Pix *grey, int dpi);

/* ocr_prep_skew - the angle in degrees to turn a grey or binary page by
 * (ocr_prep_rotate) to level its text lines; 0 when it cannot tell */
double ocr_prep_skew(struct Pix *grey);

/* ocr_prep_rotate - a page turned by `degrees` (new image, same size for a
 * small angle, white brought in) */
struct Pix *ocr_prep_rotate(struct Pix *pix, double degrees);

/* ocr_prep_binarize - background-normalised, adaptively binarised 1 bpp page */
struct Pix *ocr_prep_binarize(struct Pix *grey);

/* ocr_prep_clean - a 1 bpp page without dark borders and specks (new image) */
struct Pix *ocr_prep_clean(struct Pix *bin, int dpi);

/* ocr_prep_is_blank - whether a cleaned 1 bpp page holds no text */
bool ocr_prep_is_blank(struct Pix *bin, int dpi);

/* ocr_correct_legal - recognised text with tesseract's usual confusions in
 * court papers put right: a lone З that is the digit 3 ("ч. З ст."), "Ме"
 * that is № before a number, "г" before a town that is "г." (malloc'd) */
char *ocr_correct_legal(const char *text);

/* ocr_script_consistent - recognised text with every word in one script:
 * Cyrillic look-alikes in a Latin word made Latin and the reverse, a short
 * word of look-alikes between words of the other script made theirs;
 * letters without a look-alike (ў, ł) never changed (malloc'd) */
char *ocr_script_consistent(const char *text);

/* Reading one stored item: cache and searchable PDF. */

/* ocr_document_begin - the engine reads item `sha256` of DATA `data_dir` now;
 * `searchable_pdf`: make its searchable PDF of the recognised pages */
int ocr_document_begin(ocr_engine *engine, const char *data_dir, const char *sha256,
                       bool searchable_pdf, char **err);

/* ocr_document_help - the engine helps another worker read item `sha256`:
 * it recognises only pages nobody has cached or is reading (ocr_document_claim)
 * and caches them for the reader; ocr_document_end(engine, false, ...) ends it */
int ocr_document_help(ocr_engine *engine, const char *data_dir, const char *sha256,
                      bool searchable_pdf, char **err);

/* ocr_document_claim - call before making page `number`'s image, which costs
 * time: 1 when its result is cached (*out filled, to free), 0 when the caller
 * should make the image and ocr_recognise it (the page is then claimed by
 * this process until it is cached), 2 when helping and another process is
 * reading it (skip it). The reader waits for a page another process is
 * reading, then takes it from the cache. Outside a document: 0. */
int ocr_document_claim(ocr_engine *engine, int number, ocr_result *out);

/* ocr_document_end - finish the item: `complete` when every page was read;
 * then the searchable PDF is joined and the cache marked complete (pages of
 * an incomplete reading stay cached for the next). *pdf_pages gets how many
 * pages the searchable PDF has (0: none was made, -1: made before) */
int ocr_document_end(ocr_engine *engine, bool complete, int *pdf_pages, char **err);

/* ocr_searchable_pdf - path of item sha256's searchable PDF in DATA/cache
 * (malloc'd), NULL if there is none. Needs no engine (the web UI links it). */
char *ocr_searchable_pdf(const char *data_dir, const char *sha256);

/* Configuration: DATA/ocr.conf. */

typedef struct ocr_config ocr_config;

/* ocr_config_load - read DATA/ocr.conf (a missing file gives the defaults:
 * `default_langs`, every preparation step on) */
ocr_config *ocr_config_load(const char *data_dir, const char *default_langs, char **err);

/* ocr_config_free - free it (NULL is fine) */
void ocr_config_free(ocr_config *cfg);

/* ocr_config_langs - the languages for a file received at `path`: those of
 * the longest "lang FOLDER = ..." folder holding it, else the default */
const char *ocr_config_langs(const ocr_config *cfg, const char *path);

/* ocr_config_prep - the preparation switches */
const ocr_prep *ocr_config_prep(const ocr_config *cfg);

/* ocr_config_low_confidence - pages below this mean confidence are flagged (60) */
double ocr_config_low_confidence(const ocr_config *cfg);

/* ocr_config_searchable_pdf - whether searchable PDFs are made (on) */
bool ocr_config_searchable_pdf(const ocr_config *cfg);

#endif
