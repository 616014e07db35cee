/*
 * service.h - the dokaz service: a supervisor process that receives files
 * from the inboxes, hands queued items to worker processes, and is the single
 * writer of the index; and the worker processes themselves.
 */
#ifndef DOKAZ_SERVICE_H
#define DOKAZ_SERVICE_H

#include "service/process.h"
#include "ingest/collection.h"

#include <stddef.h>

/* service_progress - what the service has done since it started, for a
 * progress display: items made searchable (done or failed) and their pages,
 * and items waiting (queued, in memory or on disk, or being processed) */
typedef struct {
    unsigned long done, failed, pages;
    unsigned long waiting;
} service_progress;

/* service_progress_fn - called after each index commit; lends the figures */
typedef void (*service_progress_fn)(const service_progress *progress, void *ctx);

/* service_feed_fn - take in the input given to a one-shot run (`dokaz
 * ingest`): SERVICE_FEED_LATER while more is to come (the caller keeps a
 * bound on what it has received ahead of the service: it is asked again
 * after the next event or second), SERVICE_FEED_DONE once everything is
 * received */
typedef int (*service_feed_fn)(void *ctx);
enum { SERVICE_FEED_DONE, SERVICE_FEED_LATER };

typedef struct {
    const char *data_dir; /* absolute */
    char *const *inboxes; /* absolute paths to watch; none in one-shot mode */
    size_t ninboxes;
    const collection_rule *collections; /* folders named as collections (dokaz.conf) */
    size_t ncollections;
    int workers;                  /* worker processes (default: one per core) */
    const char *langs;            /* tesseract languages, "bel+rus+eng" */
    int job_timeout_s;            /* a job running longer is killed and failed */
    long worker_memory_mb;        /* address-space limit of each worker */
    int settle_ms;                /* how long a new inbox file must stay unchanged */
    int poll_ms;                  /* read every inbox again this often (0: see watch.h) */
    int exit_when_idle;           /* one-shot: stop once nothing is queued or running */
    int log_level;                /* workers log at this level (log_level from common/log.h) */
    process_limits limits;        /* against hostile archives and emails, passed to workers */
    service_progress_fn progress; /* NULL: none */
    void *progress_ctx;
    service_feed_fn feed; /* NULL: none; else called between turns of the loop until it
                           * returns 0, so that workers start on what is received while
                           * the rest is received */
    void *feed_ctx;
    unsigned share_k, share_n; /* --share K/N: only this node's share of the files (n 0: all) */
    /* SIGHUP: called in the supervisor before the workers are replaced (each
     * after its current job, reading ocr.conf anew); it may change this very
     * config's langs, limits, worker_memory_mb, job_timeout_s and collections,
     * which the new workers and the next files received follow; the other
     * fields are read at start only. NULL: none. */
    void (*reload)(void *ctx);
    void *reload_ctx;
} service_config;

/* The configuration file: `key = value` lines, '#' comments; a folder's
 * collection as `collection FOLDER = NAME` (arg: FOLDER). Read from
 * SERVICE_CONF_SYSTEM (or $DOKAZ_CONFIG), then DATA/SERVICE_CONF_NAME;
 * which keys exist is the command line's business (cli/). */
#define SERVICE_CONF_SYSTEM "/etc/dokaz/dokaz.conf"
#define SERVICE_CONF_NAME "dokaz.conf"

typedef struct {
    char *key, *arg, *value; /* arg: NULL but for `collection FOLDER = NAME` */
    int line;                /* 1-based, for messages */
    const char *file;        /* the file it came from (the settings' own copy) */
} service_setting;

/* Every setting read, in order (a later one overrides an earlier one);
 * freed with service_settings_free. */
typedef struct {
    service_setting *list;
    size_t n;
    char **files; /* the files read, NULL-terminated (a g_strfreev vector) */
} service_settings;

/* service_settings_load - add the settings of the file at `path`; a missing
 * file adds nothing. Fails, naming the file and line, on a line that is no
 * setting. */
int service_settings_load(const char *path, service_settings *s, char **err);

/* service_settings_free - free everything; s is empty again */
void service_settings_free(service_settings *s);

/* service_default_config - the defaults every command starts from */
void service_default_config(service_config *cfg);

/* service_lock - take the data directory's service lock without waiting.
 * Returns the lock's fd, or -1 (with *err naming the holder) if another
 * dokaz process is processing this data directory. */
int service_lock(const char *data_dir, char **err);

/* service_run - run until SIGINT/SIGTERM (or until idle with exit_when_idle).
 * The caller holds the service lock. Queued work is never lost: what is
 * active at shutdown goes back to the queue. */
int service_run(const service_config *cfg, char **err);

/* service_stop_signal - the signal (SIGINT, SIGTERM) that ended the last
 * service_run, 0 if none did */
int service_stop_signal(void);

/* What service_reindex did. */
typedef struct {
    size_t items;    /* done and failed items indexed from their records */
    size_t pages;    /* their pages */
    size_t requeued; /* items without a readable record, queued to be processed */
} service_reindexed;

/* service_reindex - rebuild DATA/index from the stored result records (no
 * file is read again) beside the old one, which serves searches until the
 * new one replaces it in one atomic step. The caller holds the service
 * lock. */
int service_reindex(const char *data_dir, service_reindexed *count, char **err);

/* What service_compact did: the index's size on disk before and after. */
typedef struct {
    unsigned long long before, after;
} service_compacted;

/* service_compact - replace DATA/index by a compacted copy (xapian-compact),
 * built beside it and swapped in atomically like service_reindex. The caller
 * holds the service lock. */
int service_compact(const char *data_dir, service_compacted *size, char **err);

/* worker_main - the body of a worker process (`dokaz worker`): read item
 * hashes on stdin, process each, answer on stdout. Returns the exit code. */
int worker_main(const char *data_dir, const char *langs, const process_limits *limits);

#endif
