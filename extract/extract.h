/*
 * extract.h - turning one stored file into pages of text.
 *
 * Each format is one file (extract/text.c, extract/image.c, extract/pdf.c, ...)
 * that defines an `extractor`: a bid function that looks at the libmagic MIME
 * type and the first bytes and says how well it can read the file, and a run
 * function that reads it and hands every page to a sink. The registry
 * (extract/registry.c) asks every extractor to bid and runs the best one, as
 * libarchive does with its formats. Adding a format touches its own file and
 * the registry's table, nothing else.
 *
 * Extractors never write anywhere: they read the file and report pages.
 */
#ifndef DOKAZ_EXTRACT_H
#define DOKAZ_EXTRACT_H

#include <stddef.h>

struct ocr_engine;

/* How a page's text was obtained. */
typedef enum {
    PAGE_SOURCE_PLAIN,      /* the file is text */
    PAGE_SOURCE_TEXT_LAYER, /* a PDF page's own text */
    PAGE_SOURCE_OCR         /* recognised from an image */
} page_source;

/* page_source_name - "plain", "text-layer" or "ocr" */
const char *page_source_name(page_source source);

/* One page, as handed to the sink. `text` is UTF-8, NUL-terminated. */
typedef struct {
    int number;          /* 1-based page number in the file */
    const char *text;
    page_source source;
    double confidence;   /* mean word confidence 0..100 for OCR, -1 otherwise */
} extract_page;

/* Where pages go. Returning -1 from `page` stops the extraction. */
typedef struct {
    int (*page)(void *ctx, const extract_page *page, char **err);
    void *ctx;
} extract_sink;

/* What an extractor may use. */
typedef struct {
    struct ocr_engine *ocr;   /* may be NULL: then images are not recognised */
    int pdf_render_dpi;       /* resolution for rendering PDF pages (300) */
} extract_env;

/* The file being extracted: mapped read-only, never modified. */
typedef struct {
    const char *path;             /* where the bytes are stored */
    const unsigned char *data;    /* the whole file, mapped */
    size_t size;
    const char *mime;             /* libmagic MIME type, e.g. "application/pdf" */
} extract_input;

/* Outcome of an extraction. */
typedef enum {
    EXTRACT_DONE = 0,        /* pages were produced (possibly zero for an empty text file) */
    EXTRACT_FAILED = 1,      /* the file is of a known type but could not be read: *reason says why */
    EXTRACT_UNSUPPORTED = 2  /* no extractor bids on this type */
} extract_status;

typedef struct {
    const char *name;   /* "pdf", "image", "text", ... */
    /* bid - 0 means "cannot read this"; higher wins. */
    int (*bid)(const extract_input *in);
    /* run - produce pages into sink; return EXTRACT_DONE or EXTRACT_FAILED with *reason set */
    extract_status (*run)(const extract_env *env, const extract_input *in,
                          extract_sink *sink, char **reason);
} extractor;

/* extract_run - pick the best-bidding extractor and run it.
 * Returns EXTRACT_UNSUPPORTED (with *reason "unsupported type MIME") when none bids.
 * *reason must be NULL or a malloc'd string on entry (it is freed and replaced,
 * as error.h does); it is NULL after EXTRACT_DONE and set otherwise; the caller
 * frees it. A NULL env means no OCR engine and 300 dpi. Pages already handed
 * to the sink stay handed: EXTRACT_FAILED may follow some pages (a damaged
 * page 7 of a scan). */
extract_status extract_run(const extract_env *env, const extract_input *in,
                           extract_sink *sink, char **reason);

/* extract_choose - the extractor that would run, or NULL */
const extractor *extract_choose(const extract_input *in);

#endif
