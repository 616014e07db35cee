/*
 * process.h - what a worker does with one item: identify it, extract its
 * pages (OCR included) and write the item's result record.
 */
#ifndef DOKAZ_SERVICE_PROCESS_H
#define DOKAZ_SERVICE_PROCESS_H

#include "extract/extract.h"

typedef struct identify identify;

typedef struct {
    const char *data_dir;
    identify *magic;
    extract_env extract;
} process_env;

/* process_item - process the stored item `sha256` and save its result record.
 * Returns -1 only when the result could not be recorded; a file that cannot be
 * read is a recorded "failed" result, not an error. */
int process_item(const process_env *env, const char *sha256, char **err);

#endif
