/*
 * tesseract.c - recognising text in page images with libtesseract (see ocr.h).
 *
 * Loading the models is the expensive part (hundreds of milliseconds and tens
 * of megabytes), so a worker opens one engine and keeps it for every page,
 * and loads it only when the first page needs it (ocr_engine_new: born-digital
 * files never do); ocr_engine_open loads at once.
 * Debian ships only the LSTM ("tessdata_fast") models, so the engine mode is
 * left at its default, which picks LSTM when the legacy data is absent.
 *
 * Tesseract reports a missing language only as chatter on stderr, and loads
 * whatever languages it can: "bel+xyz" succeeds with bel alone. We compare
 * what was asked with what was loaded and fail clearly instead, so that a
 * worker never silently OCRs Belarusian papers without the Belarusian model.
 *
 * Functions: ocr_engine_new, ocr_engine_load, ocr_engine_open, ocr_engine_close, ocr_engine_langs,
 * ocr_engine_set_prep, ocr_engine_settings, ocr_result_free, ocr_recognise,
 * ocr_page, tesseract_read.
 */
#include "ocr/ocr_private.h"

#include "common/error.h"
#include "common/xalloc.h"

#include <leptonica/allheaders.h>
#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Bumped whenever preparation or recognition changes what a page reads as:
 * it is part of the cache key, so old cached pages are not reused. */
#define OCR_PIPELINE_VERSION 6

/* Longest recognition of one page. A page of noise that preparation could
 * not clean can keep tesseract busy for many minutes; past the deadline it
 * stops and the page fails with a reason naming it, instead of the whole
 * item being killed at the job's time limit. */
#define OCR_PAGE_DEADLINE_MS 120000

/* discard - leptonica stderr handler that drops the message */
static void discard(const char *msg)
{
    (void)msg;
}

/* quiet_libraries - silence leptonica's stderr messages
 *
 * Leptonica prints every decoding problem of a hostile image to stderr; the
 * callers turn failures into reasons of their own, so the chatter is noise.
 * setMsgSeverity stops its L_ERROR/L_WARNING/L_INFO messages; a few places
 * (the TIFF memory reader) print through lept_stderr directly, hence the
 * handler. setLeptDebugOK(0) keeps it from writing debug images or launching
 * viewers. This is process-wide library state; setting it again is harmless.
 * libpng's and libjpeg's own messages for damaged files still reach stderr:
 * leptonica installs no handler of its own for them. */
static void quiet_libraries(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    leptSetStderrHandler(discard);
    setLeptDebugOK(0);
}

/* debian_package - "chi_sim" -> "tesseract-ocr-chi-sim" (malloc'd) */
static char *debian_package(const char *lang, size_t len)
{
    static const char prefix[] = "tesseract-ocr-";
    char *name = xmalloc(sizeof prefix + len);
    memcpy(name, prefix, sizeof prefix - 1);
    for (size_t i = 0; i < len; i++) {
        char c = lang[i];
        if (c == '_')
            c = '-';
        else if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        name[sizeof prefix - 1 + i] = c;
    }
    name[sizeof prefix - 1 + len] = '\0';
    return name;
}

/* is_loaded - whether `lang` (len bytes) is in tesseract's NULL-terminated list */
static bool is_loaded(char **loaded, const char *lang, size_t len)
{
    for (size_t i = 0; loaded != NULL && loaded[i] != NULL; i++)
        if (strlen(loaded[i]) == len && strncmp(loaded[i], lang, len) == 0)
            return true;
    return false;
}

/* report_missing - fail naming every requested language tesseract did not load
 *
 * `loaded` may be NULL (nothing loaded). Returns 0 when all were loaded. */
static int report_missing(const char *langs, const char *tessdata, char **loaded, char **err)
{
    char *msg = NULL;
    size_t msglen = 0;
    FILE *out = open_memstream(&msg, &msglen);
    if (out == NULL)
        return dk_fail_errno(err, "cannot report missing tesseract languages");
    int missing = 0;
    const char *p = langs;
    while (*p != '\0') {
        size_t len = strcspn(p, "+");
        /* "~lang" means "do not load"; tesseract's own syntax */
        if (len > 0 && *p != '~' && !is_loaded(loaded, p, len)) {
            char *pkg = debian_package(p, len);
            fprintf(out, "%stesseract cannot load language '%.*s'", missing ? "; " : "", (int)len,
                    p);
            if (tessdata != NULL)
                fprintf(out, " from %s", tessdata);
            fprintf(out, ": is %s installed?", pkg);
            free(pkg);
            missing++;
        }
        p += len;
        if (*p == '+')
            p++;
    }
    fclose(out);
    if (missing == 0) {
        free(msg);
        return 0;
    }
    dk_fail(err, "%s", msg);
    free(msg);
    return -1;
}

/* ocr_engine_new - the engine, its models not loaded yet */
ocr_engine *ocr_engine_new(const char *langs, const char *tessdata, char **err)
{
    if (langs == NULL || langs[0] == '\0' || strspn(langs, "+") == strlen(langs)) {
        dk_fail(err, "no OCR languages given");
        return NULL;
    }
    quiet_libraries();
    ocr_engine *engine = xcalloc(1, sizeof *engine);
    ocr_prep_defaults(&engine->prep);
    engine->langs = xstrdup(langs);
    engine->tessdata = tessdata != NULL ? xstrdup(tessdata) : NULL;
    return engine;
}

/* load - create the API, load the languages, check every one arrived */
static int load(ocr_engine *engine, char **err)
{
    engine->api = TessBaseAPICreate();
    if (engine->api == NULL)
        return dk_fail(err, "cannot create the tesseract API");
    /* Tesseract explains failures on stderr; ours are in *err instead, and a
     * worker's stderr should not fill with "Empty page!!" lines. debug_file
     * is a global (non-init) parameter, so it can be set before Init. */
    TessBaseAPISetVariable(engine->api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(engine->api, engine->tessdata, engine->langs) != 0) {
        report_missing(engine->langs, engine->tessdata, NULL, err);
        return -1;
    }
    char **loaded = TessBaseAPIGetLoadedLanguagesAsVector(engine->api);
    int rc = report_missing(engine->langs, engine->tessdata, loaded, err);
    TessDeleteTextArray(loaded);
    return rc;
}

/* ocr_engine_load - load once; a failure is kept and given again */
int ocr_engine_load(ocr_engine *engine, char **err)
{
    if (engine->load_error != NULL)
        return dk_fail(err, "%s", engine->load_error);
    if (engine->loaded)
        return 0;
    char *why = NULL;
    if (load(engine, &why) != 0) {
        engine->load_error = why ? why : xstrdup("cannot load tesseract");
        if (engine->api != NULL) {
            TessBaseAPIEnd(engine->api);
            TessBaseAPIDelete(engine->api);
            engine->api = NULL;
        }
        return dk_fail(err, "%s", engine->load_error);
    }
    engine->loaded = true;
    return 0;
}

/* ocr_engine_open - ocr_engine_new and ocr_engine_load */
ocr_engine *ocr_engine_open(const char *langs, const char *tessdata, char **err)
{
    ocr_engine *engine = ocr_engine_new(langs, tessdata, err);
    if (engine != NULL && ocr_engine_load(engine, err) != 0) {
        ocr_engine_close(engine);
        return NULL;
    }
    return engine;
}

/* ocr_engine_close - end tesseract and free the engine */
void ocr_engine_close(ocr_engine *engine)
{
    if (engine == NULL)
        return;
    if (engine->api != NULL) {
        TessBaseAPIEnd(engine->api);
        TessBaseAPIDelete(engine->api);
    }
    if (engine->osd != NULL) {
        TessBaseAPIEnd(engine->osd);
        TessBaseAPIDelete(engine->osd);
    }
    if (engine->latin != NULL) {
        TessBaseAPIEnd(engine->latin);
        TessBaseAPIDelete(engine->latin);
    }
    if (engine->doc != NULL)
        ocr_document_end(engine, false, NULL, NULL);
    free(engine->langs);
    free(engine->tessdata);
    free(engine->load_error);
    free(engine);
}

/* ocr_engine_langs - as given to ocr_engine_open */
const char *ocr_engine_langs(const ocr_engine *engine)
{
    return engine ? engine->langs : NULL;
}

/* ocr_engine_set_prep - replace the preparation switches */
void ocr_engine_set_prep(ocr_engine *engine, const ocr_prep *prep)
{
    if (engine != NULL && prep != NULL)
        engine->prep = *prep;
}

/* ocr_engine_settings - "v1 bel+rus+eng odnrcb": what a cached page depends on */
char *ocr_engine_settings(const ocr_engine *engine)
{
    const ocr_prep *p = &engine->prep;
    return g_strdup_printf("v%d %s %c%c%c%c%c%c%c", OCR_PIPELINE_VERSION, engine->langs,
                           p->orient ? 'o' : '-', p->deskew ? 'd' : '-', p->normalize ? 'n' : '-',
                           p->resolution ? 'r' : '-', p->cleanup ? 'c' : '-', p->blank ? 'b' : '-',
                           p->correct ? 'k' : '-');
}

/* ocr_result_free - free the text */
void ocr_result_free(ocr_result *res)
{
    if (res != NULL) {
        free(res->text);
        res->text = NULL;
    }
}

/* read_with - one recognition of a prepared page by `api`: *text (malloc'd,
 * as tesseract gave it) and *conf; the result stays in the API */
static int read_with(TessBaseAPI *api, struct Pix *img, int dpi, int psm, char **text, double *conf,
                     char **err)
{
    TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
    TessBaseAPISetImage2(api, img);
    if (dpi > 0) /* else tesseract's own: the image's, or its estimate */
        TessBaseAPISetSourceResolution(api, dpi);
    ETEXT_DESC *monitor = TessMonitorCreate();
    if (monitor != NULL)
        TessMonitorSetDeadlineMSecs(monitor, OCR_PAGE_DEADLINE_MS);
    int rc = TessBaseAPIRecognize(api, monitor);
    TessMonitorDelete(monitor);
    if (rc != 0)
        return dk_fail(err,
                       "tesseract failed to recognise a %d x %d page (or took longer "
                       "than %d s)",
                       pixGetWidth(img), pixGetHeight(img), OCR_PAGE_DEADLINE_MS / 1000);
    char *utf8 = TessBaseAPIGetUTF8Text(api);
    if (utf8 == NULL)
        return dk_fail(err, "tesseract gave no text for a %d x %d page", pixGetWidth(img),
                       pixGetHeight(img));
    *text = xstrdup(utf8);
    TessDeleteText(utf8);
    int c = TessBaseAPIMeanTextConf(api);
    *conf = c < 0 ? 0.0 : c > 100 ? 100.0 : (double)c;
    return 0;
}

/* read_latin - a page first read as Latin script read again by the Latin
 * engine (latin.c); its reading replaces *text and *conf unless it is
 * clearly less confident both by mean word confidence and by the
 * confidently read text it holds (reading_score): on a map or a photo the
 * mean counts what tesseract read into the pictures, on a page of text a
 * few misread words can tip the score.
 * engine->result gets the API holding the reading kept. */
static void read_latin(ocr_engine *engine, struct Pix *img, int dpi, int psm, char **text,
                       double *conf)
{
    TessBaseAPI *latin = latin_engine(engine);
    char *ltext = NULL, *lerr = NULL;
    double lconf = 0;
    if (latin == NULL || read_with(latin, img, dpi, psm, &ltext, &lconf, &lerr) != 0) {
        free(lerr); /* the first reading stands */
        return;
    }
    if (lconf + LATIN_MAX_CONF_DROP < *conf &&
        (double)reading_score(latin) * LATIN_MAX_SCORE_DROP < (double)reading_score(engine->api)) {
        free(ltext);
        return;
    }
    free(*text);
    *text = ltext;
    *conf = lconf;
    engine->result = latin;
}

/* tesseract_read - tesseract on a prepared page with layout analysis `psm`
 * (again in Latin when the page is Latin, its Latin paragraphs when mixed), then the corrections; leaves its result in engine->result */
int tesseract_read(ocr_engine *engine, struct Pix *img, int dpi, int psm, ocr_result *out,
                   char **err)
{
    char *text = NULL;
    if (ocr_engine_load(engine, err) != 0)
        return -1;
    engine->result = engine->api;
    engine->latin_gain = 0;
    if (read_with(engine->api, img, dpi, psm, &text, &out->confidence, err) != 0)
        return -1;
    if (latin_wanted(engine, engine->api))
        read_latin(engine, img, dpi, psm, &text, &out->confidence);
    else
        latin_blocks(engine, img, dpi, &text);
    if (engine->prep.correct) {
        char *consistent = ocr_script_consistent(text);
        out->text = ocr_correct_legal(consistent);
        free(consistent);
        free(text);
    } else {
        out->text = text;
    }
    return 0;
}

/* ocr_recognise - cache, preparation, recognition, document */
int ocr_recognise(ocr_engine *engine, struct Pix *page, int xdpi, int ydpi, int number,
                  ocr_result *out, char **err)
{
    if (engine == NULL || page == NULL || out == NULL)
        return dk_fail(err, "ocr_recognise: no engine, page or result pointer");
    memset(out, 0, sizeof *out);
    l_int32 w = 0, h = 0;
    pixGetDimensions(page, &w, &h, NULL);
    if (w <= 0 || h <= 0)
        return dk_fail(err, "cannot OCR an empty page image (%d x %d)", w, h);
    if (engine->doc != NULL && !document_claimed(engine, number)) {
        int claim = ocr_document_claim(engine, number, out);
        if (claim == 1)
            return 0;
        if (claim == 2) { /* helping, and another process reads it */
            out->skipped = true;
            out->text = xstrdup("");
            return 0;
        }
    }

    struct Pix *img = NULL, *view = NULL;
    bool want_view = document_wants_view(engine);
    if (prep_page(engine, page, xdpi, ydpi, &img, want_view ? &view : NULL, &out->prep) != 0) {
        document_release(engine);
        return dk_fail(err, "cannot prepare a %d x %d, %d bpp page image for OCR", w, h,
                       pixGetDepth(page));
    }
    int rc = 0;
    if (out->prep.blank) {
        out->text = xstrdup("");
    } else {
        rc = choose_reading(engine, page, img, want_view ? &view : NULL, out, err);
    }
    if (rc == 0 && engine->doc != NULL)
        rc = document_add(engine, number, out->prep.blank ? NULL : view, out, err);
    if (engine->doc != NULL)
        document_release(engine);
    if (engine->api != NULL)
        TessBaseAPIClear(engine->api);
    if (engine->latin != NULL)
        TessBaseAPIClear(engine->latin);
    pixDestroy(&img);
    pixDestroy(&view);
    if (rc != 0)
        ocr_result_free(out);
    return rc;
}

/* ocr_page - recognise one page outside any document; text and confidence */
int ocr_page(ocr_engine *engine, struct Pix *page, int dpi, char **text, double *confidence,
             char **err)
{
    if (engine == NULL || page == NULL || text == NULL)
        return dk_fail(err, "ocr_page: no engine, page or result pointer");
    *text = NULL;
    if (confidence)
        *confidence = 0.0;
    ocr_result res;
    if (ocr_recognise(engine, page, dpi, dpi, 0, &res, err) != 0)
        return -1;
    *text = res.text;
    if (confidence)
        *confidence = res.confidence;
    return 0;
}
