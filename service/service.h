/*
 * service.h - the dokaz service: a supervisor process that receives files
 * from the inboxes, hands queued items to worker processes, and is the single
 * writer of the index; and the worker processes themselves.
 */
#ifndef DOKAZ_SERVICE_H
#define DOKAZ_SERVICE_H

#include "service/process.h"

#include <stddef.h>

typedef struct {
    const char *data_dir; /* absolute */
    char *const *inboxes; /* absolute paths to watch; none in one-shot mode */
    size_t ninboxes;
    int workers;               /* worker processes (default: one per core) */
    const char *langs;         /* tesseract languages, "bel+rus+eng" */
    int job_timeout_s;         /* a job running longer is killed and failed */
    long worker_memory_mb;     /* address-space limit of each worker */
    int settle_ms;             /* how long a new inbox file must stay unchanged */
    int exit_when_idle;        /* one-shot: stop once nothing is queued or running */
    int log_level;             /* workers log at this level (log_level from common/log.h) */
    process_limits limits;     /* against hostile archives and emails, passed to workers */
    unsigned share_k, share_n; /* --share K/N: only this node's share of the files (n 0: all) */
} service_config;

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

/* worker_main - the body of a worker process (`dokaz worker`): read item
 * hashes on stdin, process each, answer on stdout. Returns the exit code. */
int worker_main(const char *data_dir, const char *langs, const process_limits *limits);

#endif
