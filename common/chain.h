/*
 * chain.h - a hash-chained log: a file of JSON lines, each carrying "prev",
 * the SHA-256 (hex) of the line before it; the first line's prev is 64
 * zeros. Removing, reordering or editing a line breaks the chain, which
 * chain_verify finds. The same form as the audit log (ingest/audit.h), so
 * that one tool checks both; writers in several processes take an
 * exclusive flock for each append.
 */
#ifndef DOKAZ_COMMON_CHAIN_H
#define DOKAZ_COMMON_CHAIN_H

#include <json-c/json.h>
#include <stddef.h>

#define CHAIN_LINE_MAX (64L * 1024) /* bytes of a line, at most */

/* chain_append - add `line` (an object: "prev" is added to it; the caller
 * still puts it) to the log at `path`, created with `mode`; with `sync` the
 * line is on disk before it returns. Fails on a line longer than
 * CHAIN_LINE_MAX. */
int chain_append(const char *path, json_object *line, int mode, int sync, char **err);

/* chain_each_fn - called with each line's object (lent) and its number
 * (1-based); nonzero stops the walk */
typedef int (*chain_each_fn)(json_object *line, size_t number, void *ctx);

/* chain_each - call fn with every line that is a JSON object, in order; a
 * missing file has no lines; *skipped (may be NULL) gets how many lines were
 * not objects */
int chain_each(const char *path, chain_each_fn fn, void *ctx, size_t *skipped, char **err);

/* chain_verify - check every link; *lines gets the number of lines checked.
 * Fails with the number of the first line whose prev is wrong. */
int chain_verify(const char *path, size_t *lines, char **err);

#endif
