/*
 * ocr.c - recognising text in page images with libtesseract (see ocr.h).
 *
 * Functions:
 *   ocr_engine_open   - create a TessBaseAPI and load the languages once
 *   ocr_engine_close  - free it
 *   ocr_engine_langs  - the language string the engine was opened with
 *   ocr_page          - recognise one leptonica PIX
 *
 * Loading the models is the expensive part (hundreds of milliseconds and tens
 * of megabytes), so a worker opens one engine and keeps it for every page.
 * Debian ships only the LSTM ("tessdata_fast") models, so the engine mode is
 * left at its default, which picks LSTM when the legacy data is absent.
 *
 * Tesseract reports a missing language only as chatter on stderr, and loads
 * whatever languages it can: "bel+xyz" succeeds with bel alone. We compare
 * what was asked with what was loaded and fail clearly instead, so that a
 * worker never silently OCRs Belarusian papers without the Belarusian model.
 */
#include "ocr/ocr.h"

#include "common/error.h"

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Resolutions outside this range, when read from an image file, are
 * treated as unknown: phone photos claim 72 dpi, some scanners 1 dpi. */
#define OCR_MIN_CREDIBLE_DPI 70
#define OCR_MAX_CREDIBLE_DPI 2400
#define OCR_DEFAULT_DPI 300

struct ocr_engine {
    TessBaseAPI *api;
    char *langs;
};

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
    char *name = malloc(sizeof prefix + len);
    if (name == NULL)
        return NULL;
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
static int report_missing(const char *langs, const char *tessdata, char **loaded,
                          char **err)
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
            fprintf(out, "%stesseract cannot load language '%.*s'", missing ? "; " : "",
                    (int)len, p);
            if (tessdata != NULL)
                fprintf(out, " from %s", tessdata);
            fprintf(out, ": is %s installed?", pkg ? pkg : "its language package");
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

/* ocr_engine_open - create the API, load `langs`, check every one arrived */
ocr_engine *ocr_engine_open(const char *langs, const char *tessdata, char **err)
{
    if (langs == NULL || langs[0] == '\0' || strspn(langs, "+") == strlen(langs)) {
        dk_fail(err, "no OCR languages given");
        return NULL;
    }
    quiet_libraries();

    ocr_engine *engine = calloc(1, sizeof *engine);
    if (engine == NULL || (engine->langs = strdup(langs)) == NULL) {
        free(engine);
        dk_fail(err, "out of memory opening the OCR engine");
        return NULL;
    }
    engine->api = TessBaseAPICreate();
    if (engine->api == NULL) {
        ocr_engine_close(engine);
        dk_fail(err, "cannot create the tesseract API");
        return NULL;
    }
    /* Tesseract explains failures on stderr; ours are in *err instead, and a
     * worker's stderr should not fill with "Empty page!!" lines. debug_file
     * is a global (non-init) parameter, so it can be set before Init. */
    TessBaseAPISetVariable(engine->api, "debug_file", "/dev/null");

    if (TessBaseAPIInit3(engine->api, tessdata, langs) != 0) {
        report_missing(langs, tessdata, NULL, err);
        ocr_engine_close(engine);
        return NULL;
    }
    char **loaded = TessBaseAPIGetLoadedLanguagesAsVector(engine->api);
    int rc = report_missing(langs, tessdata, loaded, err);
    TessDeleteTextArray(loaded);
    if (rc != 0) {
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
    free(engine->langs);
    free(engine);
}

/* ocr_engine_langs - as given to ocr_engine_open */
const char *ocr_engine_langs(const ocr_engine *engine)
{
    return engine ? engine->langs : NULL;
}

/* page_dpi - the caller's dpi, else a credible one from the image, else 300 */
static int page_dpi(struct Pix *page, int dpi)
{
    if (dpi > 0)
        return dpi;
    int xres = pixGetXRes(page);
    if (xres >= OCR_MIN_CREDIBLE_DPI && xres <= OCR_MAX_CREDIBLE_DPI)
        return xres;
    return OCR_DEFAULT_DPI;
}

/* ocr_page - recognise one page; tesseract is cleared afterwards either way */
int ocr_page(ocr_engine *engine, struct Pix *page, int dpi, char **text,
             double *confidence, char **err)
{
    if (engine == NULL || page == NULL || text == NULL)
        return dk_fail(err, "ocr_page: no engine, page or result pointer");
    *text = NULL;
    if (confidence)
        *confidence = 0.0;

    l_int32 w = 0, h = 0, d = 0;
    pixGetDimensions(page, &w, &h, &d);
    if (w <= 0 || h <= 0)
        return dk_fail(err, "cannot OCR an empty page image (%d x %d)", w, h);

    /* Tesseract takes 1, 8 or 32 bpp without a colormap; anything else is
     * turned into 8-bit grey first. */
    struct Pix *own = NULL;
    if ((d != 1 && d != 8 && d != 32) || pixGetColormap(page) != NULL) {
        own = pixConvertTo8(page, 0);
        if (own == NULL)
            return dk_fail(err, "cannot convert a %d bpp page image to grey", d);
        pixCopyResolution(own, page);
        page = own;
    }

    TessBaseAPISetImage2(engine->api, page);
    TessBaseAPISetSourceResolution(engine->api, page_dpi(page, dpi));
    char *utf8 = TessBaseAPIGetUTF8Text(engine->api);
    int conf = utf8 ? TessBaseAPIMeanTextConf(engine->api) : 0;
    TessBaseAPIClear(engine->api);
    pixDestroy(&own);

    if (utf8 == NULL)
        return dk_fail(err, "tesseract failed to recognise a %d x %d page", w, h);
    *text = strdup(utf8);
    TessDeleteText(utf8);
    if (*text == NULL)
        return dk_fail(err, "out of memory copying OCR text");
    if (confidence)
        *confidence = conf < 0 ? 0.0 : conf > 100 ? 100.0 : (double)conf;
    return 0;
}
