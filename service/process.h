/*
 * process.h - what a worker does with one item: identify it, extract its
 * pages (OCR included), store its members (archive members, attachments,
 * embedded images) as items of their own, and write the item's result record.
 */
#ifndef DOKAZ_SERVICE_PROCESS_H
#define DOKAZ_SERVICE_PROCESS_H

#include "extract/extract.h"
#include "derive/derive.h"

#include <stdbool.h>

typedef struct identify identify;

/* Limits against hostile containers (zip bombs, endless nesting). Each one
 * that is reached fails the container with a reason naming the option; what
 * was stored before it stays stored. */
typedef struct {
    int max_depth;          /* containers inside containers (--max-depth, 10) */
    long max_members;       /* members taken from one container (--max-members, 250000) */
    long long max_expanded; /* bytes unpacked from one container (--max-expanded MB, 20 GiB) */
    long max_ratio;         /* unpacked bytes per byte of the container (--max-ratio, 100),
                                  checked once PROCESS_RATIO_FLOOR bytes are unpacked */
} process_limits;

/* Any container may unpack this much before the ratio limit applies, so that a
 * small, well-compressed archive of text is never mistaken for a bomb. */
#define PROCESS_RATIO_FLOOR (64LL << 20)

/* process_default_limits - the defaults above */
void process_default_limits(process_limits *limits);

typedef struct {
    const char *data_dir;
    identify *magic;
    extract_env extract;
    process_limits limits;
    const deriver *derive; /* the rules for the pages' derived data, built once per
                                  worker (NULL: none is recorded) */
} process_env;

/* process_item - process the stored item `sha256` and save its result record,
 * each page with what env->derive finds in it under "derived" (derive.h's
 * JSON form; an item without pages has its own "derived", of its metadata,
 * for its name-only index document). The record is not synced: the caller
 * makes it durable before anything depends on it (the supervisor, one
 * syncfs per group: results.c).
 * *done (when not NULL) says whether it was recorded as read through (done).
 * Returns -1 only when the result could not be recorded; a file that cannot be
 * read is a recorded "failed" result, not an error. */
int process_item(const process_env *env, const char *sha256, bool *done, char **err);

/* process_help - help the worker that is processing `sha256`: recognise the
 * pages of its scanned document that nobody has read or is reading, from the
 * last one back, into the OCR cache (env->extract.ocr must have the item open
 * with ocr_document_help). Nothing else is written: no result, no members.
 * *pages gets how many pages were recognised. -1 with *err when the file
 * cannot be read (the reader will say so in its own result). */
int process_help(const process_env *env, const char *sha256, int *pages, char **err);

#endif
