/*
 * worker.c - a worker process (see service.h, worker_main).
 *
 * Started by the supervisor as `dokaz worker`, with its memory limited and
 * OMP_THREAD_LIMIT=1 so that tesseract recognises with one thread: one worker
 * per core is several times faster than tesseract's own threads on a small
 * machine. It loads libmagic and tesseract once, then reads one item hash per
 * line on stdin, processes it and answers with the same hash on stdout. A
 * crash or a runaway parser costs this process, never the service.
 */
#include "service.h"
#include "process.h"
#include "extract/identify.h"
#include "ocr/ocr.h"
#include "common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* worker_main - load engines, serve jobs until stdin closes */
int worker_main(const char *data_dir, const char *langs, const process_limits *limits)
{
    char *err = NULL;
    identify *magic = identify_open(&err);
    ocr_engine *ocr = magic ? ocr_engine_open(langs, NULL, &err) : NULL;
    if (ocr == NULL) {
        log_msg(LOG_ERROR, "cannot start: %s", err ? err : "unknown error");
        free(err);
        identify_close(magic);
        return 3;
    }
    process_env env = {
        .data_dir = data_dir,
        .magic = magic,
        .extract = {.ocr = ocr, .pdf_render_dpi = 300},
        .limits = *limits,
    };
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int code = 0;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strlen(line) != 64)
            continue;
        if (process_item(&env, line, &err) != 0) {
            log_msg(LOG_ERROR, "%.12s: cannot record the result: %s", line, err);
            free(err);
            err = NULL;
            code = 4; /* the data directory is unusable: let the supervisor see it */
            break;
        }
        printf("%s\n", line);
        fflush(stdout);
    }
    free(line);
    ocr_engine_close(ocr);
    identify_close(magic);
    return code;
}
