/*
 * fuzz_ocrconf.c - feeds arbitrary bytes to ocr_config_load as DATA/ocr.conf
 * (a file people edit by hand). Must hold: no crash, leak or undefined
 * behaviour; a file it accepts gives languages (a non-empty string) for any
 * path, the default for a path under no folder, and a low-confidence mark
 * within 0..100.
 */
#include "harness.h"
#include "ocr/ocr.h"

#include <stdlib.h>
#include <string.h>

/* LLVMFuzzerTestOneInput - load, then ask what a few paths get */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_data_dir("ocrconf");
    fuzz_put(dir, "ocr.conf", data, size);
    char *err = NULL;
    ocr_config *cfg = ocr_config_load(dir, "bel+rus+eng", &err);
    if (cfg == NULL) {
        if (err == NULL)
            abort(); /* refused without a reason */
        free(err);
        return 0;
    }
    static const char *const paths[] = {
        NULL, "/", "/srv/inbox/poland/a.pdf", "relative/x", "/srv/inbox/poland", ""};
    const char *deflt = ocr_config_langs(cfg, NULL);
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        const char *langs = ocr_config_langs(cfg, paths[i]);
        if (langs == NULL)
            abort();
        (void)strlen(langs);
    }
    if (deflt == NULL || ocr_config_prep(cfg) == NULL)
        abort();
    double low = ocr_config_low_confidence(cfg);
    if (!(low >= 0 && low <= 100))
        abort();
    (void)ocr_config_searchable_pdf(cfg);
    ocr_config_free(cfg);
    return 0;
}
