/*
 * registry.c - the table of extractors and the choice between them.
 *
 * As in libarchive, the core knows nothing about formats: each format file
 * defines one `extractor` and this table lists them. A new format is a new
 * file and a new line here. Bids are compared, not matched: the specific
 * extractors (pdf, image) bid high on their types, the text extractor bids low
 * on anything text/..., so that a later HTML or e-mail extractor can outbid it
 * without touching it. On equal bids the earlier table entry wins.
 * page_source_name, extract_choose and extract_run are extract.h's; the other
 * functions here are for the extractors (extract_private.h).
 *
 * Functions: page_source_name, extract_choose, extract_run,
 * extract_emit_child, extract_emit_meta, extract_emit_skipped, extract_emit_derived,
 * extract_emit_unread, extract_utf8_name, extract_emit_memory, extract_emit_base64,
 * extract_emit, extract_emit_ocr, extract_ocr_cached.
 */
#include "extract/extract_private.h"

#include "common/error.h"
#include "ocr/ocr.h"
#include "common/xalloc.h"

#include <glib.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

static const extractor *const extractors[] = {
    &extractor_pdf,   &extractor_image,       &extractor_text, &extractor_archive, &extractor_html,
    &extractor_email, &extractor_office,      &extractor_rtf,  &extractor_msg,     &extractor_heic,
    &extractor_pst,   &extractor_libreoffice, &extractor_epub, &extractor_svg,
};

/* page_source_name - the name used in records and the index */
const char *page_source_name(page_source source)
{
    switch (source) {
    case PAGE_SOURCE_PLAIN: return "plain";
    case PAGE_SOURCE_TEXT_LAYER: return "text-layer";
    case PAGE_SOURCE_OCR: return "ocr";
    case PAGE_SOURCE_TEXT_LAYER_OCR: return "text-layer+ocr";
    }
    return "unknown";
}

/* extract_choose - the highest positive bid wins; NULL when nobody bids */
const extractor *extract_choose(const extract_input *in)
{
    if (in == NULL)
        return NULL;
    const extractor *best = NULL;
    int best_bid = 0;
    for (size_t i = 0; i < sizeof extractors / sizeof extractors[0]; i++) {
        int bid = extractors[i]->bid(in);
        if (bid > best_bid) {
            best_bid = bid;
            best = extractors[i];
        }
    }
    return best;
}

/* extract_run - choose, run, and make sure a failure always carries a reason */
extract_status extract_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                           char **reason)
{
    static const extract_env defaults = {.pdf_render_dpi = EXTRACT_DEFAULT_RENDER_DPI};

    if (reason != NULL) {
        free(*reason);
        *reason = NULL;
    }
    if (in == NULL || (in->data == NULL && in->size > 0)) {
        dk_fail(reason, "extract_run: no input data");
        return EXTRACT_FAILED;
    }
    if (sink == NULL || sink->page == NULL) {
        dk_fail(reason, "extract_run: no page sink");
        return EXTRACT_FAILED;
    }
    const extractor *x = extract_choose(in);
    if (x == NULL) {
        dk_fail(reason, "unsupported type %s", in->mime ? in->mime : "(unknown)");
        return EXTRACT_UNSUPPORTED;
    }
    if (env != NULL && env->helping && !x->helps)
        return EXTRACT_DONE; /* nothing it can help with */
    char *why = NULL;
    extract_status st = x->run(env ? env : &defaults, in, sink, &why);
    if (st == EXTRACT_DONE) {
        free(why);
        return EXTRACT_DONE;
    }
    if (st != EXTRACT_UNSUPPORTED && st != EXTRACT_ENCRYPTED)
        st = EXTRACT_FAILED;
    if (why == NULL)
        dk_fail(reason, "the %s extractor failed without saying why", x->name);
    else if (reason != NULL)
        *reason = why;
    else
        free(why);
    return st;
}

/* refused - turn a sink's refusal into the extraction's reason */
static extract_status refused(char *err, char **reason, const char *what)
{
    if (err != NULL)
        dk_fail(reason, "%s", err);
    else
        dk_fail(reason, "extraction stopped by the sink at %s", what);
    free(err);
    return EXTRACT_FAILED;
}

/* extract_emit_child - hand a member to the sink (skipped when it takes none) */
extract_status extract_emit_child(extract_sink *sink, const extract_child *child, char **reason)
{
    char *err = NULL;
    if (sink->child == NULL || sink->child(sink->ctx, child, &err) == 0) {
        free(err);
        return EXTRACT_DONE;
    }
    return refused(err, reason, child->member);
}

/* extract_emit_meta - hand a metadata field to the sink; empty values are dropped */
extract_status extract_emit_meta(extract_sink *sink, const char *name, const char *value,
                                 char **reason)
{
    char *err = NULL;
    if (sink->meta == NULL || value == NULL || *value == '\0' ||
        sink->meta(sink->ctx, name, value, &err) == 0) {
        free(err);
        return EXTRACT_DONE;
    }
    return refused(err, reason, name);
}

/* extract_emit_skipped - tell the sink a member was deliberately not stored */
extract_status extract_emit_skipped(extract_sink *sink, const char *member, const char *why,
                                    char **reason)
{
    char *err = NULL;
    if (sink->skipped == NULL || sink->skipped(sink->ctx, member, why, &err) == 0) {
        free(err);
        return EXTRACT_DONE;
    }
    return refused(err, reason, member);
}

/* extract_emit_derived - hand a derived file to the sink (skipped when it keeps none) */
extract_status extract_emit_derived(extract_sink *sink, const char *name, const char *path,
                                    char **reason)
{
    char *err = NULL;
    if (sink->derived == NULL || sink->derived(sink->ctx, name, path, &err) == 0) {
        free(err);
        return EXTRACT_DONE;
    }
    return refused(err, reason, name);
}

/* extract_emit_unread - tell the sink why part of the file was not read */
extract_status extract_emit_unread(extract_sink *sink, const char *why, char **reason)
{
    char *err = NULL;
    if (sink->unread == NULL || sink->unread(sink->ctx, why, &err) == 0) {
        free(err);
        return EXTRACT_DONE;
    }
    return refused(err, reason, why);
}

/* extract_utf8_name - valid UTF-8 as it is; otherwise every byte above 0x7F
 * as \xNN, so that bytes of another charset that happen to form a UTF-8
 * sequence are not shown as some unrelated character */
char *extract_utf8_name(const char *raw)
{
    if (raw == NULL)
        return xstrdup("");
    GString *out = g_string_new(NULL);
    if (!g_utf8_validate(raw, -1, NULL)) {
        for (const unsigned char *p = (const unsigned char *)raw; *p; p++)
            if (*p < 0x80)
                g_string_append_c(out, (char)*p);
            else
                g_string_append_printf(out, "\\x%02X", *p);
        return g_string_free(out, FALSE);
    }
    g_string_append(out, raw);
    return g_string_free(out, FALSE);
}

/* memory_read - extract_read_fn over an extract_memory */
static long memory_read(void *src, void *buf, unsigned long cap, char **err)
{
    (void)err;
    extract_memory *m = src;
    size_t n = m->size - m->offset < cap ? m->size - m->offset : cap;
    memcpy(buf, m->data + m->offset, n);
    m->offset += n;
    return (long)n;
}

/* extract_emit_memory - hand bytes already in memory to the sink as a member */
extract_status extract_emit_memory(extract_sink *sink, const char *member, const void *data,
                                   size_t size, char **reason)
{
    extract_memory m = {data, size, 0};
    extract_child c = {.member = member, .size = (long long)size, .read = memory_read, .src = &m};
    return extract_emit_child(sink, &c, reason);
}

/* extract_emit_base64 - decode base64 text and hand the bytes to the sink */
extract_status extract_emit_base64(extract_sink *sink, const char *prefix, unsigned *count,
                                   const char *b64, size_t len, char **reason)
{
    guchar *bytes = g_malloc(len / 4 * 3 + 3);
    gint state = 0;
    guint save = 0;
    gsize got = g_base64_decode_step(b64, len, bytes, &state, &save);
    extract_status st = EXTRACT_DONE;
    if (got > 0) {
        char *member = g_strdup_printf("%s%u", prefix, ++*count);
        st = extract_emit_memory(sink, member, bytes, got, reason);
        g_free(member);
    }
    g_free(bytes);
    return st;
}

/* extract_emit - call the sink with the text made UTF-8 (a stray byte of a
 * file that says it is UTF-8 and is not becomes U+FFFD); its refusal
 * becomes the reason */
extract_status extract_emit(extract_sink *sink, const extract_page *page, char **reason)
{
    char *err = NULL, *valid = NULL;
    extract_page utf8 = *page;
    if (utf8.text != NULL && !g_utf8_validate(utf8.text, -1, NULL))
        utf8.text = valid = g_utf8_make_valid(utf8.text, -1);
    int rc = sink->page(sink->ctx, &utf8, &err);
    g_free(valid);
    if (rc == 0) {
        free(err);
        return EXTRACT_DONE;
    }
    if (err != NULL)
        dk_fail(reason, "%s", err);
    else
        dk_fail(reason, "extraction stopped by the page sink at page %d", page->number);
    free(err);
    return EXTRACT_FAILED;
}

/* emit_recognised - an OCR result as page `number` (nothing for a page
 * skipped because another worker reads it) */
static extract_status emit_recognised(extract_sink *sink, int number, const ocr_result *res,
                                      char **reason)
{
    if (res->skipped)
        return EXTRACT_DONE;
    extract_page page = {
        .number = number,
        .text = res->text,
        .source = PAGE_SOURCE_OCR,
        .confidence = res->prep.blank ? -1.0 : res->confidence, /* -1: blank */
    };
    return extract_emit(sink, &page, reason);
}

/* extract_emit_ocr - OCR, free the image, then emit the text */
extract_status extract_emit_ocr(const extract_env *env, struct Pix **pix, int number, int dpi,
                                extract_sink *sink, char **reason)
{
    if (env->ocr == NULL) {
        pixDestroy(pix);
        dk_fail(reason, "no OCR engine");
        return EXTRACT_FAILED;
    }
    char *err = NULL;
    ocr_result res;
    /* preparation (ocr/prep.c) reads the page's own x and y resolution when
     * dpi is 0, and the cache and searchable PDF go by the page number */
    int rc = ocr_recognise(env->ocr, *pix, dpi, dpi, number, &res, &err);
    pixDestroy(pix);
    if (rc != 0) {
        dk_fail(reason, "OCR of page %d failed: %s", number, err ? err : "unknown error");
        free(err);
        return EXTRACT_FAILED;
    }
    extract_status st = emit_recognised(sink, number, &res, reason);
    ocr_result_free(&res);
    return st;
}

/* extract_ocr_cached - ocr_document_claim, and the cached page to the sink */
bool extract_ocr_cached(const extract_env *env, int number, extract_sink *sink, extract_status *st,
                        char **reason)
{
    ocr_result res;
    int claim = env->ocr ? ocr_document_claim(env->ocr, number, &res) : 0;
    if (claim == 0)
        return false;
    /* a helper hands on only what it recognises itself */
    *st = claim == 1 && !env->helping ? emit_recognised(sink, number, &res, reason) : EXTRACT_DONE;
    ocr_result_free(&res);
    return true;
}
