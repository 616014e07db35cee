/*
 * provenance.c - how an OCRed page was read, for the chain of custody: the
 * tesseract version, the languages, the SHA-256 of each language model file
 * used, and the preparation settings (see ocr.h).
 *
 * A model file is hashed once per process (a worker reads many items with
 * the same models); the hash is of the file as it is when first asked.
 *
 * Functions: ocr_engine_provenance.
 */
#include "ocr/ocr_private.h"
#include "common/filehash.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* model_hash - the model file's hash, remembered ("?" when it cannot be read) */
static const char *model_hash(const char *path)
{
    static GHashTable *known; /* path -> hex, for the life of the process */
    if (known == NULL)
        known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    const char *hex = g_hash_table_lookup(known, path);
    if (hex != NULL)
        return hex;
    char sum[65];
    char *copy = filehash_sha256(path, sum, NULL, NULL, NULL, NULL) == 0 ? g_strdup(sum)
                                                                         : g_strdup("?");
    g_hash_table_insert(known, g_strdup(path), copy);
    return copy;
}

/* ocr_engine_provenance - version, models with their hashes, settings */
char *ocr_engine_provenance(ocr_engine *engine)
{
    const char *datapath = ocr_engine_load(engine, NULL) == 0 ? TessBaseAPIGetDatapath(engine->api)
                                                              : NULL;
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "tesseract %s; models", TessVersion());
    gchar **langs = g_strsplit(engine->langs, "+", -1);
    for (gchar **l = langs; *l; l++) {
        if (**l == '\0')
            continue;
        char *path = g_strdup_printf("%s/%s.traineddata", datapath ? datapath : ".", *l);
        g_string_append_printf(s, "%s %s.traineddata %s", l == langs ? "" : ",", *l,
                               model_hash(path));
        g_free(path);
    }
    g_strfreev(langs);
    char *settings = ocr_engine_settings(engine);
    g_string_append_printf(s, "; preparation and languages %s", settings);
    g_free(settings);
    char *out = xstrdup(s->str);
    g_string_free(s, TRUE);
    return out;
}
