/*
 * worker.c - a worker process (see service.h, worker_main).
 *
 * Started by the supervisor as `dokaz worker`, with its memory limited and
 * OMP_THREAD_LIMIT=1 so that tesseract recognises with one thread: one worker
 * per core is several times faster than tesseract's own threads on a small
 * machine. It loads libmagic and the rules for derived data (derive/) once,
 * then reads one item hash per line on stdin, processes it
 * and answers with the same hash on stdout. A crash or a runaway parser
 * costs this process, never the service. Before it reads anything it is
 * sandboxed (worker_sandbox.c): no network, writes only in the data
 * directory's working areas.
 *
 * A line "help SHA" asks it to help the worker reading item SHA, a scanned
 * PDF or multi-page TIFF that said it has pages to spare ("help SHA" on that
 * worker's stdout): it recognises that item's pages from the last one back into the shared OCR
 * cache, which the reader takes them from (ocr/document.c), and answers
 * "helped SHA".
 *
 * OCR settings come from DATA/ocr.conf (ocr_config_load): preparation
 * switches, and languages per inbox folder. An engine is made per language
 * set on first use and kept (ENGINES_MAX of them). The default set's engine
 * loads tesseract's models only when the first page needs OCR (ocr_engine_new:
 * about 0.3 s of CPU a worker that born-digital files never need; a language
 * that is not installed then fails the pages that need it, with the reason).
 * A folder's own set is loaded at once, on its first item, so that one that
 * cannot be loaded is read with the default set instead. Reading is not
 * confined by the sandbox, so the models load in it as they always did.
 * Each item is read as one
 * OCR document: its pages are cached by (hash, page, settings) and its
 * scanned pages make its searchable PDF (ocr_document_begin/_end).
 *
 * Functions: worker_main.
 */
#include "service.h"
#include "process.h"
#include "protocol.h"
#include "worker_private.h"
#include "extract/identify.h"
#include "ocr/ocr.h"
#include "record/record.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    item_receptions *r = item_receptions_load(data_dir, sha256, NULL);
    const item_reception *first = item_receptions_first(r);
    char *path = first && first->path ? xstrdup(first->path) : NULL;
    item_receptions_free(r);
    return path;
}

/* engine_for - the engine for `langs`, made on first use (loaded at once
 * unless `lazy`); NULL with *err */
static ocr_engine *engine_for(engine_set *set, const char *langs, bool lazy, char **err)
{
    for (int i = 0; i < set->n; i++)
        if (strcmp(ocr_engine_langs(set->engines[i]), langs) == 0)
            return set->engines[i];
    ocr_engine *e = lazy ? ocr_engine_new(langs, NULL, err) : ocr_engine_open(langs, NULL, err);
    if (e == NULL)
        return NULL;
    ocr_engine_set_prep(e, ocr_config_prep(set->cfg));
    if (set->n == ENGINES_MAX) { /* keep the default, drop the oldest other */
        ocr_engine_close(set->engines[1]);
        memmove(&set->engines[1], &set->engines[2], (ENGINES_MAX - 2) * sizeof(ocr_engine *));
        set->n--;
    }
    set->engines[set->n++] = e;
    return e;
}

/* item_engine - the engine for the item's folder's languages (the default
 * one, with a message, when they cannot be loaded) */
static ocr_engine *item_engine(const char *data_dir, engine_set *set, const char *sha256)
{
    char *path = received_path(data_dir, sha256);
    const char *langs = ocr_config_langs(set->cfg, path);
    char *why = NULL;
    ocr_engine *ocr = engine_for(set, langs, false, &why);
    if (ocr == NULL) {
        log_msg(LOG_ERROR, "%.12s: %s; reading it with %s", sha256, why,
                ocr_engine_langs(set->engines[0]));
        free(why);
        ocr = set->engines[0];
    }
    free(path);
    return ocr;
}

/* say - write one protocol line to the supervisor, at once */
static void say(proto_kind kind, const char *sha256)
{
    char line[PROTO_LINE_MAX];
    if (proto_format(line, kind, sha256) > 0) {
        fputs(line, stdout);
        fflush(stdout);
    }
}

/* ask_for_help - extract_env.want_help: tell the supervisor that idle
 * workers may help with the item's pages ("help SHA") */
static void ask_for_help(void *ctx)
{
    say(PROTO_HELP, ctx);
}

/* process_with_ocr - the item as one OCR document, with its folder's languages */
static int process_with_ocr(process_env *env, engine_set *set, const char *sha256, char **err)
{
    ocr_engine *ocr = item_engine(env->data_dir, set, sha256);
    char *why = NULL;
    env->extract.ocr = ocr;
    env->extract.want_help = ask_for_help;
    env->extract.help_ctx = (void *)sha256;
    bool pdf = ocr_config_searchable_pdf(set->cfg);
    if (ocr_document_begin(ocr, env->data_dir, sha256, pdf, &why) != 0) {
        log_msg(LOG_WARN, "%.12s: no OCR cache: %s", sha256, why);
        free(why);
        why = NULL;
    }
    bool done = false; /* the searchable PDF is joined only when it was read through */
    int rc = process_item(env, sha256, &done, err);
    env->extract.want_help = NULL;
    env->extract.help_ctx = NULL;
    int pages = 0;
    if (ocr_document_end(ocr, done, &pages, &why) != 0) {
        log_msg(LOG_WARN, "%.12s: %s", sha256, why);
        free(why);
    } else if (pages > 0) {
        log_msg(LOG_DEBUG, "%.12s: searchable PDF of %d pages", sha256, pages);
    }
    return rc;
}

/* help_with_ocr - help another worker read the item: its pages nobody has
 * read yet, from the last one back, into the OCR cache. Whatever goes wrong
 * here is the reader's to find and record; a helper only logs it. */
static void help_with_ocr(process_env *env, engine_set *set, const char *sha256)
{
    ocr_engine *ocr = item_engine(env->data_dir, set, sha256);
    char *why = NULL;
    int pages = 0;
    env->extract.ocr = ocr;
    bool pdf = ocr_config_searchable_pdf(set->cfg);
    if (ocr_document_help(ocr, env->data_dir, sha256, pdf, &why) != 0 ||
        process_help(env, sha256, &pages, &why) != 0)
        log_msg(LOG_DEBUG, "%.12s: helping stopped: %s", sha256, why ? why : "?");
    else
        log_msg(LOG_DEBUG, "%.12s: helped with %d pages", sha256, pages);
    free(why);
    ocr_document_end(ocr, false, NULL, NULL);
}

/* worker_main - load engines, serve jobs until stdin closes */
int worker_main(const char *data_dir, const char *langs, const process_limits *limits)
{
    char *err = NULL;
    if (worker_sandbox_enter(data_dir, &err) != 0) {
        log_msg(LOG_ERROR, "cannot start: %s", err);
        free(err);
        return WORKER_EXIT_CANNOT_START;
    }
    identify *magic = identify_open(&err);
    deriver *derive = magic ? deriver_new(&err) : NULL;
    ocr_config *cfg = derive ? ocr_config_load(data_dir, langs, &err) : NULL;
    engine_set set = {.cfg = cfg};
    ocr_engine *ocr = cfg ? engine_for(&set, ocr_config_langs(cfg, NULL), true, &err) : NULL;
    if (ocr == NULL) {
        log_msg(LOG_ERROR, "cannot start: %s", err ? err : "unknown error");
        free(err);
        ocr_config_free(cfg);
        deriver_free(derive);
        identify_close(magic);
        return WORKER_EXIT_CANNOT_START;
    }
    /* LibreOffice's profile and PDFs (extract/libreoffice.c): this worker's own */
    char *scratch = proto_scratch_dir(data_dir, (long)getpid());
    process_env env = {
        .data_dir = data_dir,
        .magic = magic,
        .extract = {.ocr = ocr, .pdf_render_dpi = 300, .scratch_dir = scratch},
        .limits = *limits,
        .derive = derive,
    };
    /* Ready: from now on a job's time is the job's own (but for loading
     * tesseract, on the first page that needs it). */
    say(PROTO_READY, NULL);
    char *line = NULL;
    size_t cap = 0;
    int code = WORKER_EXIT_OK;
    while (getline(&line, &cap, stdin) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        proto_msg m;
        proto_kind kind = proto_parse(line, &m);
        if (kind == PROTO_HELP) {
            help_with_ocr(&env, &set, m.sha256);
            say(PROTO_HELPED, m.sha256);
            continue;
        }
        if (kind != PROTO_ITEM)
            continue;
        if (worker_sandbox_probe(data_dir, m.sha256)) {
            say(PROTO_ITEM, m.sha256);
            continue;
        }
        if (process_with_ocr(&env, &set, m.sha256, &err) != 0) {
            log_msg(LOG_ERROR, "%.12s: cannot record the result: %s", m.sha256, err);
            free(err);
            err = NULL;
            code = WORKER_EXIT_DATA_UNUSABLE; /* let the supervisor see it */
            break;
        }
        say(PROTO_ITEM, m.sha256);
    }
    free(line);
    free(scratch);
    deriver_free(derive);
    for (int i = 0; i < set.n; i++)
        ocr_engine_close(set.engines[i]);
    ocr_config_free(cfg);
    identify_close(magic);
    return code;
}
