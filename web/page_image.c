/*
 * page_image.c - page images for the document page: a stored image (leptonica;
 * TIFF page by page) or a PDF page (poppler + cairo), drawn about 1000 pixels
 * wide, as PNG.
 *
 * The type is the one recorded when the item was processed (identified by
 * content), never guessed from the name. The original is only read. Sizes are
 * checked from the headers before anything is decoded, and the server runs
 * this in a child process with memory and CPU limits besides, which confines
 * itself (web_render_confined) before it opens the original: no network,
 * writes only into the page cache.
 *
 * Functions: web_render_page, web_render_cached, web_render_confined,
 * web_page_cache_path.
 */
#include "web/web_private.h"
#include "ingest/evidence.h"
#include "record/record.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/sandbox.h"

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#define SCREEN_WIDTH 1000            /* pixels across a rendered page */
#define MAX_HEIGHT 4000              /* a very long page is drawn narrower */
#define MAX_SOURCE_PIXELS 100000000L /* refuse to decode images larger than this */

/* web_page_cache_path - DATA/cache/web/ab/<sha>/<page>.png */
char *web_page_cache_path(const char *data_dir, const char *sha, int page)
{
    return g_strdup_printf("%s/cache/web/%.2s/%s/%d.png", data_dir, sha, sha, page);
}

/* screen_pix - grey or colour, scaled down to the screen width (new pix) */
static PIX *screen_pix(PIX *pix)
{
    PIX *flat = pixGetDepth(pix) == 32 ? pixClone(pix)
                : pixGetColormap(pix)  ? pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC)
                                       : pixConvertTo8(pix, 0);
    if (flat == NULL)
        return NULL;
    int w = pixGetWidth(flat), h = pixGetHeight(flat);
    float scale = w > SCREEN_WIDTH ? (float)SCREEN_WIDTH / (float)w : 1.0f;
    if (h * scale > MAX_HEIGHT)
        scale = (float)MAX_HEIGHT / (float)h;
    if (scale >= 1.0f)
        return flat;
    PIX *scaled = pixScale(flat, scale, scale);
    pixDestroy(&flat);
    return scaled;
}

/* render_image - page N of an image file */
static int render_image(const char *path, int page, char **png, size_t *len, char **err)
{
    l_int32 format = IFF_UNKNOWN, w = 0, h = 0, bps = 0, spp = 0, cmap = 0, res = 0;
    if (findFileFormat(path, &format) != 0)
        return dk_fail(err, "cannot read the image's format");
    int tiff = L_FORMAT_IS_TIFF(format);
    if (!tiff && page != 1)
        return dk_fail(err, "this image has one page");
    if (tiff ? readHeaderTiff(path, page - 1, &w, &h, &bps, &spp, &res, &cmap, &format) != 0
             : pixReadHeader(path, &format, &w, &h, &bps, &spp, &cmap) != 0)
        return dk_fail(err, "the image has no page %d", page);
    if (w <= 0 || h <= 0 || (long)w * h > MAX_SOURCE_PIXELS)
        return dk_fail(err, "the image is too large to show (%d x %d pixels)", w, h);
    PIX *pix = tiff ? pixReadTiff(path, page - 1) : pixRead(path);
    PIX *screen = pix ? screen_pix(pix) : NULL;
    pixDestroy(&pix);
    l_uint8 *data = NULL;
    size_t size = 0;
    int rc = screen && pixWriteMem(&data, &size, screen, IFF_PNG) == 0 ? 0 : -1;
    pixDestroy(&screen);
    if (rc != 0)
        return dk_fail(err, "cannot decode page %d of the image", page);
    *png = g_memdup2(data, size);
    *len = size;
    lept_free(data);
    return 0;
}

/* append_png - cairo PNG writer into a GByteArray */
static cairo_status_t append_png(void *closure, const unsigned char *data, unsigned int length)
{
    g_byte_array_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* render_pdf - page N of a PDF, drawn on white */
static int render_pdf(const char *path, int page, char **png, size_t *len, char **err)
{
    GError *gerr = NULL;
    char *uri = g_filename_to_uri(path, NULL, NULL);
    PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &gerr) : NULL;
    g_free(uri);
    if (doc == NULL) {
        dk_fail(err, "cannot open the PDF: %s", gerr ? gerr->message : "unknown error");
        if (gerr)
            g_error_free(gerr);
        return -1;
    }
    int rc = -1;
    PopplerPage *p = page <= poppler_document_get_n_pages(doc)
                         ? poppler_document_get_page(doc, page - 1)
                         : NULL;
    if (p == NULL) {
        dk_fail(err, "the PDF has no page %d", page);
    } else {
        double pw = 0, ph = 0;
        poppler_page_get_size(p, &pw, &ph);
        double scale = pw > 0 ? SCREEN_WIDTH / pw : 1;
        if (ph * scale > MAX_HEIGHT)
            scale = MAX_HEIGHT / ph;
        int w = (int)(pw * scale + 0.5), h = (int)(ph * scale + 0.5);
        if (w < 1 || h < 1 || w > 4 * SCREEN_WIDTH) {
            dk_fail(err, "the PDF page has no usable size");
        } else {
            cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
            cairo_t *cr = cairo_create(surface);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_paint(cr);
            cairo_scale(cr, scale, scale);
            poppler_page_render(p, cr);
            cairo_destroy(cr);
            GByteArray *bytes = g_byte_array_new();
            cairo_status_t written = cairo_surface_write_to_png_stream(surface, append_png, bytes);
            if (written == CAIRO_STATUS_SUCCESS) {
                *len = bytes->len;
                *png = (char *)g_byte_array_free(bytes, FALSE);
                rc = 0;
            } else {
                g_byte_array_free(bytes, TRUE);
                dk_fail(err, "cannot draw page %d of the PDF", page);
            }
            cairo_surface_destroy(surface);
        }
        g_object_unref(p);
    }
    g_object_unref(doc);
    return rc;
}

/* web_render_page - by the recorded type */
int web_render_page(const char *data_dir, const char *sha, int page, char **png, size_t *len,
                    char **err)
{
    *png = NULL;
    *len = 0;
    if (!evidence_is_sha256(sha) || page < 1)
        return dk_fail(err, "no such page");
    item_result *result = item_result_load(data_dir, sha, NULL);
    const char *mime = result ? result->mime : NULL;
    char *path = evidence_path(data_dir, sha);
    int rc;
    setMsgSeverity(L_SEVERITY_NONE);
    if (mime == NULL || !fs_exists(path))
        rc = dk_fail(err, "the document has not been processed yet");
    else if (strcmp(mime, "application/pdf") == 0)
        rc = render_pdf(path, page, png, len, err);
    else if (strncmp(mime, "image/", 6) == 0)
        rc = render_image(path, page, png, len, err);
    else
        rc = dk_fail(err, "documents of type %s have no page images", mime);
    free(path);
    item_result_free(result);
    return rc;
}

/* web_render_cached - render, then store atomically in the cache */
int web_render_cached(const char *data_dir, const char *sha, int page, char **err)
{
    char *png = NULL;
    size_t len = 0;
    if (web_render_page(data_dir, sha, page, &png, &len, err) != 0)
        return -1;
    char *path = web_page_cache_path(data_dir, sha, page);
    char *dir = g_path_get_dirname(path);
    int rc = fs_mkdirs(dir, 0755, err) == 0 && fs_write_atomic(path, png, len, err) == 0 ? 0 : -1;
    g_free(dir);
    g_free(path);
    g_free(png);
    return rc;
}

/* web_render_confined - mkdir DATA/cache/web, sandbox_enter, render */
int web_render_confined(const char *data_dir, const char *sha, int page, char **err)
{
    char *cache = g_build_filename(data_dir, "cache", "web", NULL);
    const char *writable[] = {cache, "/dev/null", NULL};
    int rc = fs_mkdirs(cache, 0755, err) == 0 && sandbox_enter(writable, NULL, NULL, err) == 0
                 ? web_render_cached(data_dir, sha, page, err)
                 : -1;
    g_free(cache);
    return rc;
}
