/*
 * chain.h - a hash-chained log: a file of JSON lines, each carrying "prev",
 * the SHA-256 (hex) of the line before it; the first line's prev is 64
 * zeros. Removing, reordering or editing a line breaks the chain, which
 * chain_verify finds. The one reader and writer of such logs: the audit log
 * (ingest/audit.h) and the web's access log (auth/auth.h) are both written
 * and read here; writers in several processes take an exclusive flock for
 * each append.
 */
#ifndef DOKAZ_COMMON_CHAIN_H
#define DOKAZ_COMMON_CHAIN_H

#include <json-c/json.h>
#include <stddef.h>
#include <sys/types.h>

#define CHAIN_LINE_MAX (1L << 20) /* bytes of a line, at most */
#define CHAIN_HASH_HEX 64         /* hex digits of a line's hash */

/* chain_append - add `line` (an object: "prev" is added to it; the caller
 * still puts it) to the log at `path`, created with `mode`; with `sync` the
 * line is on disk before it returns. Fails on a line longer than
 * CHAIN_LINE_MAX. */
int chain_append(const char *path, json_object *line, int mode, int sync, char **err);

/* chain_append_lines - chain_append for n lines, in order, under one lock,
 * in one write and with one sync (a group commit); each object gets its
 * "prev" (the caller still puts them) */
int chain_append_lines(const char *path, json_object *const *lines, size_t n, int mode, int sync,
                       char **err);

/* chain_each_fn - called with each line's object (lent) and its number
 * (1-based; 0 when walked backwards); nonzero stops the walk */
typedef int (*chain_each_fn)(json_object *line, size_t number, void *ctx);

/* chain_each - call fn with every line that is a JSON object, in order; a
 * missing file has no lines; *skipped (may be NULL) gets how many lines were
 * not objects */
int chain_each(const char *path, chain_each_fn fn, void *ctx, size_t *skipped, char **err);

/* chain_each_holding - chain_each of the lines that hold one of needles
 * (a NULL-terminated list) as bytes; the others are counted, not parsed */
int chain_each_holding(const char *path, const char *const *needles, chain_each_fn fn, void *ctx,
                       char **err);

/* chain_each_backward - chain_each from the last line to the first, reading
 * the file from its end a block at a time, so that a walk that stops early
 * (the last line of some kind) costs what it reads, not the log's size.
 * With a needle, only the lines whose bytes hold it are parsed and called
 * back (a filter, not a match: fn still checks the object); NULL: every
 * line. The walk ends at offset `since` (0: the first line; else where an
 * earlier walk's *upto was: the log is append-only, so what lies before was
 * walked then); *upto (may be NULL) gets the offset after the last line
 * that ends with its newline, for the next walk. A missing file has no lines
 * when since is 0. A line longer than CHAIN_LINE_MAX, or a log shorter than
 * since, ends the walk with an error. */
int chain_each_backward(const char *path, const char *needle, off_t since, off_t *upto,
                        chain_each_fn fn, void *ctx, char **err);

/* One line as chain_walk sees it; valid only during the callback. */
typedef struct {
    size_t number;        /* 1-based */
    const char *hash;     /* SHA-256 of the line's bytes: the next line's "prev" */
    const char *prev;     /* the "prev" the line carries; NULL when it has none */
    const char *expected; /* the hash of the line before it (64 zeros for the first) */
    json_object *object;  /* the line's JSON object; NULL when it holds none */
} chain_line;

/* chain_walk_fn - called with each line in order; nonzero stops the walk */
typedef int (*chain_walk_fn)(const chain_line *line, void *ctx);

/* chain_walk - call fn with every line, linked or not (line->prev differs
 * from line->expected where the chain is broken); a missing log has none */
int chain_walk(const char *path, chain_walk_fn fn, void *ctx, char **err);

/* chain_verify - check every link; *lines gets the number of lines checked.
 * Fails with the number of the first line whose prev is wrong. */
int chain_verify(const char *path, size_t *lines, char **err);

/* chain_head - the hash of the log's last line (64 zeros for an empty or
 * missing log; a last line cut short is still the head) into head[65], read
 * under the writers' lock */
int chain_head(const char *path, char head[CHAIN_HASH_HEX + 1], char **err);

#endif
