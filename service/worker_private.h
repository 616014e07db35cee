/*
 * worker_private.h - the worker's sandbox (worker_sandbox.c), for worker.c.
 */
#ifndef DOKAZ_SERVICE_WORKER_PRIVATE_H
#define DOKAZ_SERVICE_WORKER_PRIVATE_H

/* worker_sandbox_enter - confine this worker (common/sandbox.h): it may write
 * only in the data directory's working areas (evidence store, items, queue,
 * caches, the audit log). Logs whether Landlock is there. -1 with *err when
 * the sandbox cannot be put in place: the worker must not start then. */
int worker_sandbox_enter(const char *data_dir, char **err);

/* worker_sandbox_probe - test builds only, and only when DOKAZ_SANDBOX_PROBE
 * is set: an item whose original begins "DOKAZ-SANDBOX-PROBE socket" opens an
 * Internet socket, one beginning "DOKAZ-SANDBOX-PROBE write PATH" creates
 * PATH, as a parser taken over by an attacker would. A refused write is
 * recorded as the item's failure with the reason; the socket kills the
 * worker before it returns. 1 when the item was a probe (its result is
 * recorded), 0 for any other item and in every other build. */
int worker_sandbox_probe(const char *data_dir, const char *sha256);

#endif
