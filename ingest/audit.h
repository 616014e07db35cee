/*
 * audit.h - the chain-of-custody log, DATA/audit.log.
 *
 * Append-only JSON lines. Each line carries "prev": the SHA-256 of the line
 * before it (the first line's prev is 64 zeros), so removing, reordering or
 * editing any line breaks the chain, which audit_verify detects. Writers from
 * several processes take an exclusive flock for each append.
 */
#ifndef DOKAZ_INGEST_AUDIT_H
#define DOKAZ_INGEST_AUDIT_H

#include <stddef.h>
#include <json-c/json.h>

/* audit_append - add `event` (an object; "time" and "prev" are added) as one line.
 * The object is not consumed. */
int audit_append(const char *data_dir, json_object *event, char **err);

/* audit_each - call `fn` for every entry in order; stops early if fn returns nonzero */
int audit_each(const char *data_dir, int (*fn)(json_object *entry, void *ctx), void *ctx,
               char **err);

/* audit_verify - check the whole chain; *lines gets the number of lines checked */
int audit_verify(const char *data_dir, size_t *lines, char **err);

#endif
