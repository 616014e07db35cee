/*
 * ocr.h - recognising text in page images with libtesseract.
 *
 * One engine per worker process: tesseract's models are loaded once by
 * ocr_engine_open and reused for every page. Pages are leptonica PIX images.
 */
#ifndef DOKAZ_OCR_H
#define DOKAZ_OCR_H

struct Pix;

typedef struct ocr_engine ocr_engine;

/* ocr_engine_open - load tesseract for `langs` ("bel+rus+eng"); tessdata NULL = default */
ocr_engine *ocr_engine_open(const char *langs, const char *tessdata, char **err);

/* ocr_engine_close - free the engine (NULL is fine) */
void ocr_engine_close(ocr_engine *engine);

/* ocr_engine_langs - the languages the engine was opened with */
const char *ocr_engine_langs(const ocr_engine *engine);

/* ocr_page - recognise one page image. `dpi` is the image's resolution (0: unknown,
 * taken from the image or assumed 300). On success *text is malloc'd UTF-8 owned by
 * the caller and *confidence is the mean word confidence 0..100. */
int ocr_page(ocr_engine *engine, struct Pix *page, int dpi, char **text,
             double *confidence, char **err);

#endif
