/*
 * ocr_sink.c - the OCR engine and the page-collecting sink shared by the
 * extractor unit tests (see ocr_sink.h).
 */
#include "ocr_sink.h"

#include "extract/identify.h"
#include "common/xalloc.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

ocr_engine *test_engine;

/* test_engine_open - load tesseract once for the test case */
void test_engine_open(void)
{
    char *err = NULL;
    test_engine = ocr_engine_open("bel+rus+eng", NULL, &err);
    ck_assert_msg(test_engine != NULL, "ocr_engine_open: %s", err ? err : "?");
}

/* test_engine_close - free it */
void test_engine_close(void)
{
    ocr_engine_close(test_engine);
    test_engine = NULL;
}

/* collect - test sink: keep copies of everything */
int collect(void *ctx, const extract_page *page, char **err)
{
    collected *c = ctx;
    if (c->stop_at != 0 && c->stop_at == page->number) {
        *err = xstrdup("index is full");
        return -1;
    }
    ck_assert_int_lt(c->count, COLLECTED_MAX);
    c->numbers[c->count] = page->number;
    c->sources[c->count] = page->source;
    c->confidence[c->count] = page->confidence;
    c->texts[c->count] = xstrdup(page->text);
    c->count++;
    return 0;
}

/* collected_free - free the copies */
void collected_free(collected *c)
{
    for (int i = 0; i < c->count; i++)
        free(c->texts[i]);
    c->count = 0;
}

/* collect_pages - identify by content, then extract into c */
extract_status collect_pages(const void *data, size_t len, const char *want_mime, ocr_engine *ocr,
                             int dpi, collected *c, char **reason)
{
    char *err = NULL;
    identify *idf = identify_open(&err);
    ck_assert_msg(idf != NULL, "%s", err);
    char *mime = identify_buffer(idf, data, len);
    identify_close(idf);
    if (want_mime != NULL)
        ck_assert_str_eq(mime, want_mime);
    extract_env env = {.ocr = ocr, .pdf_render_dpi = dpi};
    extract_input in = {.path = "/nowhere", .data = data, .size = len, .mime = mime};
    extract_sink sink = {.page = collect, .ctx = c};
    extract_status st = extract_run(&env, &in, &sink, reason);
    free(mime);
    return st;
}

/* assert_words - each word in turn */
void assert_words(const char *text, const char *words)
{
    gchar **list = g_strsplit(words, " ", -1);
    for (gchar **w = list; *w != NULL; w++)
        ck_assert_msg(strstr(text, *w) != NULL, "'%s' not in page text: %s", *w, text);
    g_strfreev(list);
}
