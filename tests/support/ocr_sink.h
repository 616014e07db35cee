/*
 * ocr_sink.h - what the extractor unit tests share: one OCR engine for a
 * whole test case, and a page sink that keeps a copy of every page it is
 * handed, so a test can look at the pages after the extraction.
 */
#ifndef DOKAZ_OCR_SINK_H
#define DOKAZ_OCR_SINK_H

#include "extract/extract.h"
#include "ocr/ocr.h"

#include <stddef.h>

/* How many pages a test sink keeps; one more fails the test. */
#define COLLECTED_MAX 8

/* The engine opened by test_engine_open (bel+rus+eng), NULL outside it. */
extern ocr_engine *test_engine;

/* test_engine_open / test_engine_close - a Check (unchecked) fixture */
void test_engine_open(void);
void test_engine_close(void);

/* What a test sink saw, page by page in the order it was handed them. */
typedef struct {
    int count;
    int numbers[COLLECTED_MAX];
    page_source sources[COLLECTED_MAX];
    double confidence[COLLECTED_MAX];
    char *texts[COLLECTED_MAX];
    int stop_at; /* refuse this page number, as a full index would (0: never) */
} collected;

/* collect - the sink's page callback: keep copies of everything (ctx:
 * collected); page stop_at is refused with "index is full" */
int collect(void *ctx, const extract_page *page, char **err);

/* collected_free - free the copied texts and start again at no pages */
void collected_free(collected *c);

/* collect_pages - identify bytes by their content (asserting the MIME type
 * is `want_mime` unless that is NULL), then extract them into c, with `ocr`
 * (may be NULL) and PDF pages rendered at `dpi` (0: the default) */
extract_status collect_pages(const void *data, size_t len, const char *want_mime, ocr_engine *ocr,
                             int dpi, collected *c, char **reason);

/* assert_words - every word of `words` (space-separated) appears in text */
void assert_words(const char *text, const char *words);

#endif
