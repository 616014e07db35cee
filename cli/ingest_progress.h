/*
 * ingest_progress.h - the progress display of `dokaz ingest`: a line redrawn
 * in place on a terminal, a plain line every few seconds otherwise, or one
 * JSON object a line for scripts (--json); all on stderr, so that stdout
 * keeps the result of each file.
 */
#ifndef DOKAZ_CLI_INGEST_PROGRESS_H
#define DOKAZ_CLI_INGEST_PROGRESS_H

#include "service/service.h"
#include <stddef.h>

typedef enum { PROGRESS_TERMINAL, PROGRESS_LINES, PROGRESS_JSON } progress_mode;

/* ingest_progress - the display's state; the caller owns it (no resources) */
typedef struct {
    progress_mode mode;
    size_t files;              /* files given (found before receiving began) */
    size_t received;           /* files received so far */
    long long start_ms;        /* when receiving began */
    long long last_ms;         /* when a line was last shown */
    int shown;                 /* a terminal line is on the screen */
    service_progress progress; /* the last figures the service gave */
} ingest_progress;

/* ingest_progress_init - a terminal line if stderr is a terminal, else plain
 * lines; JSON objects when `json`; `files` files are to be received */
void ingest_progress_init(ingest_progress *p, int json, size_t files);

/* ingest_progress_received - one more file received (shown now and then) */
void ingest_progress_received(ingest_progress *p);

/* ingest_progress_update - a service_progress_fn: `ctx` is the display */
void ingest_progress_update(const service_progress *progress, void *ctx);

/* ingest_progress_finish - show the last figures and end the line */
void ingest_progress_finish(ingest_progress *p);

#endif
