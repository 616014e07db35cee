/*
 * worker.c - a worker process (see service.h, worker_main).
 *
 * Started by the supervisor as `dokaz worker`, with its memory limited and
 * OMP_THREAD_LIMIT=1 so that tesseract recognises with one thread: one worker
 * per core is several times faster than tesseract's own threads on a small
 * machine. It loads libmagic and tesseract once, then reads one item hash per
 * line on stdin, processes it and answers with the same hash on stdout. A
 * crash or a runaway parser costs this process, never the service.
 *
 * OCR settings come from DATA/ocr.conf (ocr_config_load): preparation
 * switches, and languages per inbox folder. An engine is loaded per language
 * set on first use and kept (ENGINES_MAX of them). Each item is read as one
 * OCR document: its pages are cached by (hash, page, settings) and its
 * scanned pages make its searchable PDF (ocr_document_begin/_end).
 */
#include "service.h"
#include "process.h"
#include "extract/identify.h"
#include "ocr/ocr.h"
#include "ingest/items.h"
#include "common/log.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Language sets a worker keeps loaded at once (each is ~100 MB). */
#define ENGINES_MAX 4

/* The worker's engines, one per language set, the first being the default. */
typedef struct {
    ocr_engine *engines[ENGINES_MAX];
    int n;
    const ocr_config *cfg;
} engine_set;

/* received_path - where the item (or its outermost container) was received */
static char *received_path(const char *data_dir, const char *sha256)
{
    json_object *r = items_receipts(data_dir, sha256, NULL), *v = NULL;
    char *path = NULL;
    if (r != NULL && json_object_array_length(r) > 0 &&
        json_object_object_get_ex(json_object_array_get_idx(r, 0), "path", &v) && v != NULL)
        path = strdup(json_object_get_string(v));
    json_object_put(r);
    return path;
}

/* engine_for - the engine for `langs`, loaded on first use; NULL with *err */
static ocr_engine *engine_for(engine_set *set, const char *langs, char **err)
{
    for (int i = 0; i < set->n; i++)
        if (strcmp(ocr_engine_langs(set->engines[i]), langs) == 0)
            return set->engines[i];
    ocr_engine *e = ocr_engine_open(langs, NULL, err);
    if (e == NULL)
        return NULL;
    ocr_engine_set_prep(e, ocr_config_prep(set->cfg));
    if (set->n == ENGINES_MAX) { /* keep the default, drop the oldest other */
        ocr_engine_close(set->engines[1]);
        memmove(&set->engines[1], &set->engines[2], (ENGINES_MAX - 2) * sizeof e);
        set->n--;
    }
    set->engines[set->n++] = e;
    return e;
}

/* process_with_ocr - the item as one OCR document, with its folder's languages */
static int process_with_ocr(process_env *env, engine_set *set, const char *sha256, char **err)
{
    char *path = received_path(env->data_dir, sha256);
    const char *langs = ocr_config_langs(set->cfg, path);
    char *why = NULL;
    ocr_engine *ocr = engine_for(set, langs, &why);
    if (ocr == NULL) {
        log_msg(LOG_ERROR, "%.12s: %s; reading it with %s", sha256, why,
                ocr_engine_langs(set->engines[0]));
        free(why);
        why = NULL;
        ocr = set->engines[0];
    }
    free(path);
    env->extract.ocr = ocr;
    if (ocr_document_begin(ocr, env->data_dir, sha256, ocr_config_searchable_pdf(set->cfg),
                           &why) != 0) {
        log_msg(LOG_WARN, "%.12s: no OCR cache: %s", sha256, why);
        free(why);
        why = NULL;
    }
    int rc = process_item(env, sha256, err);
    /* the cache and PDF are kept only when the item was read through */
    json_object *result = rc == 0 ? items_load_result(env->data_dir, sha256, NULL) : NULL;
    json_object *status = NULL;
    bool done = result != NULL && json_object_object_get_ex(result, "status", &status) &&
                strcmp(json_object_get_string(status), "done") == 0;
    json_object_put(result);
    int pages = 0;
    if (ocr_document_end(ocr, done, &pages, &why) != 0) {
        log_msg(LOG_WARN, "%.12s: %s", sha256, why);
        free(why);
    } else if (pages > 0) {
        log_msg(LOG_DEBUG, "%.12s: searchable PDF of %d pages", sha256, pages);
    }
    return rc;
}

/* worker_main - load engines, serve jobs until stdin closes */
int worker_main(const char *data_dir, const char *langs, const process_limits *limits)
{
    char *err = NULL;
    identify *magic = identify_open(&err);
    ocr_config *cfg = magic ? ocr_config_load(data_dir, langs, &err) : NULL;
    engine_set set = { .cfg = cfg };
    ocr_engine *ocr = cfg ? engine_for(&set, ocr_config_langs(cfg, NULL), &err) : NULL;
    if (ocr == NULL) {
        log_msg(LOG_ERROR, "cannot start: %s", err ? err : "unknown error");
        free(err);
        ocr_config_free(cfg);
        identify_close(magic);
        return 3;
    }
    process_env env = {
        .data_dir = data_dir,
        .magic = magic,
        .extract = {.ocr = ocr, .pdf_render_dpi = 300},
        .limits = *limits,
    };
    /* Engines loaded: from now on a job's time is the job's own. */
    printf("ready\n");
    fflush(stdout);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int code = 0;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strlen(line) != 64)
            continue;
        if (process_with_ocr(&env, &set, line, &err) != 0) {
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
    for (int i = 0; i < set.n; i++)
        ocr_engine_close(set.engines[i]);
    ocr_config_free(cfg);
    identify_close(magic);
    return code;
}
