/*
 * extract_private.h - what the extractors share with the registry.
 *
 * Not part of the public API (that is extract.h): the table entries each
 * format file defines, the limits every extractor enforces, and helpers that
 * hand pages to the sink so that each extractor turns sink and OCR failures
 * into reasons the same way. Like libarchive's archive_read_private.h.
 */
#ifndef DOKAZ_EXTRACT_PRIVATE_H
#define DOKAZ_EXTRACT_PRIVATE_H

#include "extract/extract.h"

struct Pix;

/* Largest image we decode or render, in pixels (a 100 megapixel page is
 * already an A0 scan at 400 dpi). A decompression bomb is a small file that
 * declares 50,000 x 50,000 pixels; we refuse it before decoding. */
#define EXTRACT_MAX_PIXELS 100000000ULL

/* Most pages we take from one multi-page image; a TIFF whose directory chain
 * goes on longer than this is broken or hostile. */
#define EXTRACT_MAX_IMAGE_PAGES 10000

/* Default resolution for rendering PDF pages that need OCR. */
#define EXTRACT_DEFAULT_RENDER_DPI 300

/* The formats, one per file; the registry lists them in its table. */
extern const extractor extractor_pdf;
extern const extractor extractor_image;
extern const extractor extractor_text;

/* extract_emit - hand one page to the sink; EXTRACT_FAILED with *reason set
 * (the sink's own message) if the sink refuses it */
extract_status extract_emit(extract_sink *sink, const extract_page *page, char **reason);

/* extract_emit_ocr - recognise *pix with env->ocr and hand the text to the
 * sink as page `number` (source ocr). Takes ownership of *pix and destroys it
 * as soon as tesseract is done, before the sink runs, so that only one page
 * image is ever alive. `dpi` 0 means "take it from the image". */
extract_status extract_emit_ocr(const extract_env *env, struct Pix **pix, int number,
                                int dpi, extract_sink *sink, char **reason);

#endif
