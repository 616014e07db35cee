/*
 * document.c - the stored item the engine is reading: its OCR cache and its
 * searchable PDF.
 *
 * Functions:
 *   ocr_document_begin  - open the item's cache folder, look for a complete cache
 *   ocr_document_end    - finish the PDF, mark the cache complete (or drop both)
 *   ocr_searchable_pdf  - the item's searchable PDF, for `dokaz export-pdf` and the web UI
 *   document_lookup     - a cached page
 *   document_add        - cache a recognised page, add it to the PDF
 *   document_wants_view - is a PDF being made (then pages keep their view)
 *
 * Layout: DATA/cache/ocr/ab/<sha256>/<key>/ where key is the first 16 hex
 * digits of the SHA-256 of ocr_engine_settings (languages, preparation
 * switches, pipeline version), written beside as `settings`. It holds
 * p<N>.json per recognised page, searchable.pdf, and `complete` once every
 * page of the item was read. A cache is used only when complete: an item
 * whose reading was cut short (a crash, a timeout) is read again whole, so
 * its searchable PDF never lacks pages. Different settings never share
 * pages. Originals are never touched: everything here is derived and can be
 * deleted at any time (it is rebuilt on the next reading).
 *
 * The searchable PDF is tesseract's own PDF renderer: each recognised page
 * adds its view (the page image as it looks, turned upright like the
 * recognised image) with the recognised words as invisible text. The
 * renderer is started at the first recognised page, so an item without
 * scanned pages gets no PDF. Blank pages are left out of it.
 */
#include "ocr/ocr_private.h"

#include "common/error.h"
#include "common/fsutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-c/json.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ocr_document {
    char *dir;                    /* the cache folder of this item and settings */
    bool complete;                /* a complete cache: pages come from it */
    bool want_pdf;
    TessResultRenderer *pdf;      /* started at the first recognised page */
    int pdf_pages;
};

/* item_dir - DATA/cache/ocr/ab/<sha256> (g_free) */
static char *item_dir(const char *data_dir, const char *sha256)
{
    char ab[3] = { sha256[0], sha256[0] ? sha256[1] : 0, 0 };
    return g_build_filename(data_dir, "cache", "ocr", ab, sha256, NULL);
}

/* ocr_document_begin - find or create the cache folder for these settings */
int ocr_document_begin(ocr_engine *engine, const char *data_dir, const char *sha256,
                       bool searchable_pdf, char **err)
{
    if (engine == NULL || data_dir == NULL || sha256 == NULL || strlen(sha256) < 2)
        return dk_fail(err, "ocr_document_begin: no engine, data directory or item");
    if (engine->doc != NULL)
        ocr_document_end(engine, false, NULL, NULL);
    char *settings = ocr_engine_settings(engine);
    char *key = g_compute_checksum_for_string(G_CHECKSUM_SHA256, settings, -1);
    key[16] = '\0';
    char *parent = item_dir(data_dir, sha256);
    ocr_document *doc = g_new0(ocr_document, 1);
    doc->dir = g_build_filename(parent, key, NULL);
    g_free(parent);
    g_free(key);
    char *marker = g_build_filename(doc->dir, "complete", NULL);
    doc->complete = g_file_test(marker, G_FILE_TEST_EXISTS);
    g_free(marker);
    doc->want_pdf = searchable_pdf && !doc->complete;
    int rc = 0;
    if (!doc->complete) {
        char *set_path = g_build_filename(doc->dir, "settings", NULL);
        if (fs_mkdirs(doc->dir, 0755, err) != 0 ||
            !g_file_set_contents(set_path, settings, -1, NULL))
            rc = dk_fail(err, "cannot write the OCR cache in %s", doc->dir);
        g_free(set_path);
    }
    g_free(settings);
    if (rc != 0) {
        g_free(doc->dir);
        g_free(doc);
        return -1;
    }
    engine->doc = doc;
    return 0;
}

/* page_path - p<N>.json of the current document (g_free) */
static char *page_path(const ocr_document *doc, int number)
{
    char name[32];
    snprintf(name, sizeof name, "p%d.json", number);
    return g_build_filename(doc->dir, name, NULL);
}

/* document_lookup - read p<N>.json of a complete cache */
int document_lookup(ocr_engine *engine, int number, ocr_result *out)
{
    ocr_document *doc = engine->doc;
    if (doc == NULL || !doc->complete || number <= 0)
        return 0;
    char *path = page_path(doc, number);
    json_object *o = json_object_from_file(path), *v;
    g_free(path);
    if (o == NULL)
        return 0;
    int found = 0;
    if (json_object_object_get_ex(o, "text", &v) && json_object_is_type(v, json_type_string)) {
        out->text = strdup(json_object_get_string(v));
        found = out->text != NULL;
    }
    if (json_object_object_get_ex(o, "confidence", &v))
        out->confidence = json_object_get_double(v);
    if (json_object_object_get_ex(o, "rotated", &v))
        out->prep.rotated = json_object_get_int(v);
    if (json_object_object_get_ex(o, "skew", &v))
        out->prep.skew = json_object_get_double(v);
    if (json_object_object_get_ex(o, "dpi", &v))
        out->prep.dpi = json_object_get_int(v);
    if (json_object_object_get_ex(o, "scale", &v))
        out->prep.scale = json_object_get_double(v);
    if (json_object_object_get_ex(o, "blank", &v))
        out->prep.blank = json_object_get_boolean(v);
    out->cached = found;
    json_object_put(o);
    return found;
}

/* document_wants_view - a PDF is being made */
int document_wants_view(const ocr_engine *engine)
{
    return engine->doc != NULL && engine->doc->want_pdf;
}

/* add_to_pdf - the recognised page, with its view as the image */
static int add_to_pdf(ocr_engine *engine, struct Pix *view, char **err)
{
    ocr_document *doc = engine->doc;
    if (doc->pdf == NULL) {
        char *base = g_build_filename(doc->dir, "searchable.tmp", NULL);
        const char *datadir = TessBaseAPIGetDatapath(engine->api);
        doc->pdf = TessPDFRendererCreate(base, datadir, 0);
        g_free(base);
        if (doc->pdf == NULL || !TessResultRendererBeginDocument(doc->pdf, "dokaz")) {
            doc->want_pdf = false;
            return dk_fail(err, "cannot start the searchable PDF in %s", doc->dir);
        }
    }
    /* the renderer draws GetInputImage: the view, not the binarised page.
     * Tesseract takes ownership of the image it is given: hand it a clone. */
    TessBaseAPISetInputImage(engine->api, pixClone(view));
    if (!TessResultRendererAddImage(doc->pdf, engine->api))
        return dk_fail(err, "cannot add a page to the searchable PDF in %s", doc->dir);
    doc->pdf_pages++;
    return 0;
}

/* document_add - p<N>.json, then the PDF page (not for blank pages) */
int document_add(ocr_engine *engine, int number, struct Pix *view, const ocr_result *res,
                 char **err)
{
    ocr_document *doc = engine->doc;
    if (doc == NULL || doc->complete || number <= 0)
        return 0;
    json_object *o = json_object_new_object();
    json_object_object_add(o, "text", json_object_new_string(res->text ? res->text : ""));
    json_object_object_add(o, "confidence", json_object_new_double(res->confidence));
    json_object_object_add(o, "rotated", json_object_new_int(res->prep.rotated));
    json_object_object_add(o, "skew", json_object_new_double(res->prep.skew));
    json_object_object_add(o, "dpi", json_object_new_int(res->prep.dpi));
    json_object_object_add(o, "scale", json_object_new_double(res->prep.scale));
    json_object_object_add(o, "blank", json_object_new_boolean(res->prep.blank));
    char *path = page_path(doc, number);
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    int rc = g_file_set_contents(path, s, -1, NULL)
                 ? 0 : dk_fail(err, "cannot write the OCR cache file %s", path);
    g_free(path);
    json_object_put(o);
    if (rc == 0 && doc->want_pdf && view != NULL)
        rc = add_to_pdf(engine, view, err);
    return rc;
}

/* ocr_document_end - finish or drop the PDF; mark a complete cache */
int ocr_document_end(ocr_engine *engine, bool complete, int *pdf_pages, char **err)
{
    if (pdf_pages)
        *pdf_pages = 0;
    if (engine == NULL || engine->doc == NULL)
        return 0;
    ocr_document *doc = engine->doc;
    engine->doc = NULL;
    int rc = 0;
    char *tmp = g_build_filename(doc->dir, "searchable.tmp.pdf", NULL);
    char *pdf = g_build_filename(doc->dir, "searchable.pdf", NULL);
    if (doc->pdf != NULL) {
        bool ok = TessResultRendererEndDocument(doc->pdf);
        TessDeleteResultRenderer(doc->pdf);
        if (complete && ok && g_rename(tmp, pdf) == 0) {
            if (pdf_pages)
                *pdf_pages = doc->pdf_pages;
        } else {
            g_unlink(tmp);
            if (complete)
                rc = dk_fail(err, "cannot finish the searchable PDF %s", pdf);
        }
    }
    if (complete && !doc->complete && rc == 0) {
        char *marker = g_build_filename(doc->dir, "complete", NULL);
        if (!g_file_set_contents(marker, "", 0, NULL))
            rc = dk_fail(err, "cannot mark the OCR cache %s complete", doc->dir);
        g_free(marker);
    } else if (complete && doc->complete && pdf_pages && g_file_test(pdf, G_FILE_TEST_EXISTS)) {
        *pdf_pages = -1; /* made before: the count is in the PDF itself */
    }
    g_free(tmp);
    g_free(pdf);
    g_free(doc->dir);
    g_free(doc);
    return rc;
}

/* ocr_searchable_pdf - the newest complete searchable.pdf of the item */
char *ocr_searchable_pdf(const char *data_dir, const char *sha256)
{
    if (data_dir == NULL || sha256 == NULL || strlen(sha256) != 64)
        return NULL;
    char *parent = item_dir(data_dir, sha256);
    GDir *dir = g_dir_open(parent, 0, NULL);
    char *best = NULL;
    time_t best_time = 0;
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        char *pdf = g_build_filename(parent, name, "searchable.pdf", NULL);
        GStatBuf st;
        if (g_stat(pdf, &st) == 0 && (best == NULL || st.st_mtime > best_time)) {
            g_free(best);
            best = pdf;
            best_time = st.st_mtime;
        } else {
            g_free(pdf);
        }
    }
    if (dir != NULL)
        g_dir_close(dir);
    g_free(parent);
    char *out = best ? strdup(best) : NULL;
    g_free(best);
    return out;
}
