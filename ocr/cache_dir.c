/*
 * cache_dir.c - where an item's OCR cache lies, DATA/cache/ocr/ab/<sha256>/,
 * and its searchable PDF (see ocr.h): paths only, no engine, so that a
 * command that only shows an item links no OCR library.
 *
 * Functions: ocr_cache_item_dir, ocr_searchable_pdf.
 */
#include "ocr/ocr_private.h"
#include "common/xalloc.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* ocr_cache_item_dir - DATA/cache/ocr/ab/<sha256> (g_free) */
char *ocr_cache_item_dir(const char *data_dir, const char *sha256)
{
    char ab[3] = {sha256[0], sha256[0] ? sha256[1] : 0, 0};
    return g_build_filename(data_dir, "cache", "ocr", ab, sha256, NULL);
}

/* ocr_searchable_pdf - the newest complete searchable.pdf of the item */
char *ocr_searchable_pdf(const char *data_dir, const char *sha256)
{
    if (data_dir == NULL || sha256 == NULL || strlen(sha256) != 64)
        return NULL;
    char *parent = ocr_cache_item_dir(data_dir, sha256);
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
    char *out = best ? xstrdup(best) : NULL;
    g_free(best);
    return out;
}
