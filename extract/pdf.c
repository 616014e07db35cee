/*
 * pdf.c - PDF files with poppler-glib: text layers where they are usable,
 * OCR of the rendered page where they are not.
 *
 * Court papers arrive as three kinds of PDF: born-digital (a text layer on
 * every page), scanned (each page one big image, no text), and mixed (scans
 * with a typed cover page, or scans stamped digitally with "Копия верна").
 * So the decision is made per page. A page's text layer is used when
 * usable_text_layer accepts it, and when it is short (under
 * SHORT_TEXT_LAYER letters and digits) only if no image covers half of the
 * page, because a short text over a full-page image is a stamp on a scan.
 * Otherwise, when the page is plainly one scanned image and has no text at
 * all, that image is OCRed at its own resolution (pdf_image.c); else the
 * page is rendered at env->pdf_render_dpi (300 by default) and OCRed; the
 * OCR of a rendered page still reads any visible text it had.
 * A page whose text layer is used may also hold pictures of text (a pasted
 * scan, a stamp, a screenshot): those the layer does not cover are OCRed
 * and their text follows the layer's (pdf_pictures.c; source
 * "text-layer+ocr").
 *
 * Page numbers are kept (1-based, in order); one page image is alive at a time.
 * Before a page is rendered for OCR, the OCR cache is asked (extract_ocr_cached):
 * a page read before, or by a worker helping with this document, is not
 * rendered again. A helper (env->helping) reads the pages backwards.
 * The document is opened over the mapped bytes without copying (GBytes over
 * static data: the mapping outlives the document).
 *
 * poppler refuses a page tree that claims more pages than the file has
 * objects (a PDF claiming two billion pages) and then reports none: the
 * claim, the largest "/Count" in the bytes, is said through the sink's
 * `unread`, so the item is recorded with why it holds nothing.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <cairo.h>
#include <glib.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* A text layer needs at least this many letters and digits to be used. */
#define MIN_TEXT_LAYER_ALNUM 16
/* Below this many letters and digits, a full-page image means "scan". */
#define SHORT_TEXT_LAYER 200
#define MAX_RENDER_DPI 1200

/* pdf_bid - libmagic's application/pdf; "%PDF-" at the start of untyped bytes */
static int pdf_bid(const extract_input *in)
{
    if (in->mime != NULL && strcmp(in->mime, "application/pdf") == 0)
        return 50;
    if ((in->mime == NULL || strcmp(in->mime, "application/octet-stream") == 0) && in->size >= 5 &&
        memcmp(in->data, "%PDF-", 5) == 0)
        return 10;
    return 0;
}

/* is_junk - characters that mean a broken text layer rather than text
 *
 * U+FFFD, control characters other than layout ones, private-use code points
 * (glyph codes of fonts without a Unicode mapping) and unassigned ones. */
static bool is_junk(gunichar c)
{
    if (c == 0xFFFD)
        return true;
    if (c == '\n' || c == '\r' || c == '\t' || c == '\f')
        return false;
    switch (g_unichar_type(c)) {
    case G_UNICODE_CONTROL:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_SURROGATE: return true;
    default: return false;
    }
}

/* usable_text_layer - enough real letters and digits, little junk
 *
 * Sets *alnum to the number of letters and digits. The text is usable when
 *   - it is valid UTF-8,
 *   - it has at least MIN_TEXT_LAYER_ALNUM letters and digits,
 *   - junk characters (is_junk) are fewer than a quarter of them, and
 *   - under 30% of the letters are Latin-1 accented letters (U+00C0..U+00FF):
 *     that is what Cyrillic in a font without a Unicode map comes out as
 *     ("Ïðèãîâîð" for "Приговор"); Polish or Łacinka text has far fewer;
 *   - punctuation and symbols (a run of one, as the dots leading to a page
 *     number in a table of contents, counted once) are fewer than half the
 *     letters and digits: a font without a Unicode map whose producer
 *     numbered its glyphs from '!' comes out as "!\"#$%&'()" with a few
 *     letters among them, while text, even a table of dates ("01.02.2024"),
 *     has far fewer.
 * Fonts without a Unicode map (Type 3, TrueType without /ToUnicode) give
 * glyph codes: control characters and private-use code points (junk), or
 * those shapes; such a page is rendered and OCRed like a scan. */
static bool usable_text_layer(const char *text, size_t *alnum)
{
    *alnum = 0;
    if (text == NULL || !g_utf8_validate(text, -1, NULL))
        return false;
    size_t letters = 0, latin1 = 0, junk = 0, marks = 0;
    gunichar before = 0;
    for (const char *p = text; *p != '\0'; before = g_utf8_get_char(p), p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalpha(c)) {
            letters++;
            (*alnum)++;
            if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7)
                latin1++;
        } else if (g_unichar_isdigit(c)) {
            (*alnum)++;
        } else if (is_junk(c)) {
            junk++;
        } else if (g_unichar_ispunct(c) && c != before) { /* a run ("....") is one */
            marks++;
        }
    }
    if (*alnum < MIN_TEXT_LAYER_ALNUM)
        return false;
    if (junk * 4 >= *alnum)
        return false;
    if (latin1 * 10 >= letters * 3)
        return false;
    if (marks * 2 >= *alnum)
        return false;
    return true;
}

/* looks_scanned - one image covers at least half of the page */
static bool looks_scanned(PopplerPage *page)
{
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    double page_area = pw * ph;
    if (!(page_area > 0))
        return false;
    bool scanned = false;
    GList *images = poppler_page_get_image_mapping(page);
    for (GList *l = images; l != NULL && !scanned; l = l->next) {
        const PopplerImageMapping *m = l->data;
        double area = fabs(m->area.x2 - m->area.x1) * fabs(m->area.y2 - m->area.y1);
        scanned = area * 2 >= page_area;
    }
    poppler_page_free_image_mapping(images);
    return scanned;
}

/* open_document - poppler over the mapped bytes; reasons for the usual failures;
 * *encrypted is set when the document needs a password */
static PopplerDocument *open_document(const extract_input *in, bool *encrypted, char **reason)
{
    if (in->size == 0 || in->size > G_MAXSSIZE) {
        dk_fail(reason, "cannot open PDF: empty or too large");
        return NULL;
    }
    GBytes *bytes = g_bytes_new_static(in->data, in->size);
    GError *gerr = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes); /* the document keeps its own reference */
    if (doc != NULL)
        return doc;
    *encrypted = gerr != NULL && gerr->domain == POPPLER_ERROR &&
                 gerr->code == POPPLER_ERROR_ENCRYPTED;
    if (*encrypted)
        dk_fail(reason, "encrypted PDF: it needs a password");
    else
        dk_fail(reason, "cannot open PDF: %s",
                gerr && gerr->message ? gerr->message : "unknown poppler error");
    g_clear_error(&gerr);
    return NULL;
}

/* The document being read, page by page. */
typedef struct {
    const extract_env *env;
    extract_sink *sink;
    int pages;
    bool help_asked; /* want_help was called (or there is no one to ask) */
} pdf_reading;

/* one_page - the text layer if usable, else the OCR of the rendered page */
static extract_status one_page(pdf_reading *r, PopplerPage *page, int number, char **reason)
{
    const extract_env *env = r->env;
    extract_sink *sink = r->sink;
    char *text = poppler_page_get_text(page);
    size_t alnum = 0;
    bool use_text = usable_text_layer(text, &alnum);
    if (use_text && alnum < SHORT_TEXT_LAYER && looks_scanned(page))
        use_text = false;
    if (use_text && env->helping) { /* nothing to help with */
        g_free(text);
        return EXTRACT_DONE;
    }
    if (use_text) {
        GString *all = g_string_new(text);
        double confidence = -1.0;
        extract_status st = EXTRACT_FAILED;
        if (extract_pdf_pictures(env, page, number, all, &confidence, reason) == 0) {
            bool pictures = all->len > strlen(text);
            extract_page p = {
                .number = number,
                .text = all->str,
                .source = pictures ? PAGE_SOURCE_TEXT_LAYER_OCR : PAGE_SOURCE_TEXT_LAYER,
                .confidence = confidence,
            };
            st = extract_emit(sink, &p, reason);
        }
        g_string_free(all, TRUE);
        g_free(text);
        return st;
    }
    g_free(text);

    if (env->ocr == NULL) {
        dk_fail(reason, "no OCR engine: PDF page %d has no usable text layer", number);
        return EXTRACT_FAILED;
    }
    if (!r->help_asked && number < r->pages) {
        env->want_help(env->help_ctx);
        r->help_asked = true;
    }
    extract_status cached;
    if (extract_ocr_cached(env, number, sink, &cached, reason))
        return cached;
    struct Pix *scan = alnum == 0 ? extract_pdf_scan(page) : NULL;
    if (scan != NULL) /* its resolution is set on it: dpi 0 */
        return extract_emit_ocr(env, &scan, number, 0, sink, reason);
    int dpi = env->pdf_render_dpi > 0 ? env->pdf_render_dpi : EXTRACT_DEFAULT_RENDER_DPI;
    if (dpi > MAX_RENDER_DPI)
        dpi = MAX_RENDER_DPI;
    int used_dpi = dpi;
    struct Pix *pix = extract_pdf_render(page, NULL, number, dpi, &used_dpi, reason);
    if (pix == NULL)
        return EXTRACT_FAILED;
    return extract_emit_ocr(env, &pix, number, used_dpi, sink, reason);
}

/* claimed_pages - the largest page count "/Count N" the bytes claim, -1 if none */
static long long claimed_pages(const unsigned char *data, size_t size)
{
    static const char key[] = "/Count";
    long long most = -1;
    const unsigned char *p = data, *end = data + size;
    while ((p = memmem(p, (size_t)(end - p), key, sizeof key - 1)) != NULL) {
        p += sizeof key - 1;
        while (p < end && g_ascii_isspace(*p))
            p++;
        long long n = 0;
        int digits = 0;
        for (; p < end && g_ascii_isdigit(*p) && digits < 18; p++, digits++)
            n = n * 10 + (*p - '0');
        if (digits > 0 && n > most)
            most = n;
    }
    return most;
}

/* no_pages - tell the sink why a PDF poppler opened gave no page */
static extract_status no_pages(const extract_input *in, extract_sink *sink, char **reason)
{
    long long claimed = claimed_pages(in->data, in->size);
    char *why = claimed > 0 ? g_strdup_printf("pages claimed %lld, limit one per object of this "
                                              "file of %zu bytes: poppler refused the page "
                                              "tree, no page was read",
                                              claimed, in->size)
                            : g_strdup("the PDF's page tree gives no page poppler can read");
    extract_status st = extract_emit_unread(sink, why, reason);
    g_free(why);
    return st;
}

/* pdf_run - every page in order */
static extract_status pdf_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                              char **reason)
{
    bool encrypted = false;
    PopplerDocument *doc = open_document(in, &encrypted, reason);
    if (doc == NULL)
        return encrypted ? EXTRACT_ENCRYPTED : EXTRACT_FAILED;
    extract_status st = EXTRACT_DONE;
    pdf_reading r = {
        .env = env,
        .sink = sink,
        .pages = poppler_document_get_n_pages(doc),
        .help_asked = env->want_help == NULL || env->helping,
    };
    if (r.pages == 0 && !env->helping)
        st = no_pages(in, sink, reason);
    for (int k = 0; k < r.pages && st == EXTRACT_DONE; k++) {
        int i = env->helping ? r.pages - 1 - k : k; /* a helper goes backwards */
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (page == NULL) {
            dk_fail(reason, "cannot read PDF page %d", i + 1);
            st = EXTRACT_FAILED;
            break;
        }
        st = one_page(&r, page, i + 1, reason);
        g_object_unref(page);
    }
    g_object_unref(doc);
    return st;
}

const extractor extractor_pdf = {
    .name = "pdf",
    .bid = pdf_bid,
    .run = pdf_run,
    .helps = true,
};
