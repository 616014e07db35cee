/*
 * audit.h - the chain-of-custody log, DATA/audit.log, as typed events.
 *
 * Append-only JSON lines. Each line carries "prev": the SHA-256 of the line
 * before it (the first line's prev is 64 zeros), so removing, reordering or
 * editing any line breaks the chain, which audit_verify detects. Writers from
 * several processes take an exclusive flock for each append.
 *
 * A line is {"time","event",<the kind's fields>,"prev"}; the fields, in this
 * order, are those the kind carries (see audit_kind):
 *   "sha256", "path", "size", "mtime_ns", "parent", "member", "new_content", "reason",
 *   "record_sha256", "user", "problems", "head", "host", "owner", "how", "persons",
 *   "type", "pages"
 * A string field the kind carries is written as null when it is NULL, except
 * "reason", "record_sha256", "host" and "owner", which are left out (lines
 * written before they existed have none).
 *
 * The log binds the item records into the chain: a "received" line carries
 * the SHA-256 of the item's receptions after the reception was added (its
 * lines, record.h), a "processed" or "failed" line that of its result as
 * saved.
 */
#ifndef DOKAZ_INGEST_AUDIT_H
#define DOKAZ_INGEST_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <json-c/json.h>

/* What happened. The words are what audit.log says in "event". */
typedef enum {
    AUDIT_RECEIVED,       /* "received": a file or member stored and queued (sha256, path,
                      * size, mtime_ns, parent, member, new_content) */
    AUDIT_REJECTED,       /* "rejected": an inbox file that could not be received (path, reason) */
    AUDIT_PROCESSED,      /* "processed": an item indexed (sha256, reason) */
    AUDIT_FAILED,         /* "failed": an item that could not be read (sha256, reason) */
    AUDIT_REQUEUED,       /* "requeued": an item sent back to be processed again (sha256, reason) */
    AUDIT_EXPORTED,       /* "exported": an item put into an export package (sha256, path: the
                      * package, record_sha256: its SHA256SUMS, user) */
    AUDIT_VERIFIED,       /* "verified": the data directory checked (size: bytes re-hashed,
                      * problems, head: the chain's head before this line, reason: summary) */
    AUDIT_TIMESTAMPED,    /* "timestamped": a time-stamp token stored (path: the token,
                        * head: the hash it stamps, record_sha256: the token's hash) */
    AUDIT_READ,           /* "read": how an item's pages were recognised (sha256, how: the
                        * tesseract version, model hashes and settings) */
    AUDIT_PERSONS_MERGED, /* "persons-merged": a user says two persons are one (persons:
                          * "ID ID", the ids of persons/persons.h, the first kept; user) */
    AUDIT_IDENTIFIED,     /* "identified": the worker found an item's type (sha256, type:
                           * libmagic's MIME type, how: which extractor reads it) */
    AUDIT_INDEXED,        /* "indexed": an item made searchable by an index commit
                           * (sha256, pages: its pages in the index) */
    AUDIT_PERSONS_SPLIT   /* "persons-split": a user says mentions are another person's
                           * (persons: "ID MENTION...", persons/persons.h's ids; user) */
} audit_kind;

/* audit_kind_name - "received", "rejected", "processed", "failed", "requeued",
 * "exported", "verified", "timestamped", "read", "persons-merged", "identified",
 * "indexed", "persons-split" */
const char *audit_kind_name(audit_kind kind);

/* audit_kind_parse - the kind a word names; -1 for any other word */
int audit_kind_parse(const char *word, audit_kind *kind);

/* One line of the log. Fields the kind does not carry are ignored when it is
 * appended and NULL / 0 / false when it is read. The strings are not owned by
 * the event: the writer's stay the writer's, and a read event's are valid
 * only during the audit_each callback. */
typedef struct {
    audit_kind kind;
    const char *time;          /* UTC, "2025-03-01T10:00:00.000Z"; ignored on append: now */
    const char *sha256;        /* the item */
    const char *path;          /* where a file was received from, or could not be */
    const char *parent;        /* sha256 of the archive/email a member came out of */
    const char *member;        /* path inside that parent */
    const char *reason;        /* why (rejected, failed, requeued); NULL: nothing to say */
    const char *record_sha256; /* the hash of the record or file the line binds; NULL: none */
    const char *user;          /* who did it (exported) */
    const char *head;          /* a chain head: 64 hex digits (verified, timestamped) */
    const char *host;          /* the machine that received it (received) */
    const char *owner;         /* the received file's owner, user name or uid (received) */
    const char *how;           /* how the pages were read (read) */
    const char *persons;       /* "ID ID": the persons merged (persons-merged), "ID
                                * MENTION...": the mentions split off (persons-split) */
    const char *type;          /* a MIME type (identified) */
    uint64_t size;
    uint64_t pages;    /* pages in the index (indexed) */
    uint64_t problems; /* problems found (verified) */
    int64_t mtime_ns;  /* the source file's modification time, 0 if unknown */
    bool new_content;  /* the content was not in the evidence store before */
} audit_event;

/* audit_event_object - the event as its line's object, without "prev"
 * (event->time as "time"); the caller puts it */
json_object *audit_event_object(const audit_event *event);

/* audit_append_event - add `event` as one line ("time" and "prev" are added),
 * durable (fdatasync) when it returns */
int audit_append_event(const char *data_dir, const audit_event *event, char **err);

/* audit_append_events - add n events in order under one lock with one
 * fdatasync: a group commit, as durable when it returns as n appends */
int audit_append_events(const char *data_dir, const audit_event *events, size_t n, char **err);

/* audit_append_unsynced - audit_append_events without the fdatasync: for a
 * worker's lines about an item, made durable by the supervisor's group sync
 * before the item is done (a crash before it processes the item again,
 * which writes them again) */
int audit_append_unsynced(const char *data_dir, const audit_event *events, size_t n, char **err);

/* audit_each_fn - called with each event in order; nonzero stops the walk */
typedef int (*audit_each_fn)(const audit_event *event, void *ctx);

/* audit_each - call `fn` for every event in order. A line that is not an
 * event (damaged JSON, an unknown word, a field missing or of the wrong type)
 * is skipped; *skipped (may be NULL) gets how many were. */
int audit_each(const char *data_dir, audit_each_fn fn, void *ctx, size_t *skipped, char **err);

/* audit_each_backward - call `fn` for every event from the last to the
 * first, or only for those of the kind *only (NULL: every kind), reading the
 * log from its end (common/chain.h): a walk that stops at the last event of
 * a kind reads only the lines after it, and parses only the lines that name
 * the kind. The walk ends at offset `since` (0: the log's start; else an
 * earlier walk's *upto, which gets where the log's whole lines end: upto may
 * be NULL). Lines that are not events are skipped. */
int audit_each_backward(const char *data_dir, const audit_kind *only, off_t since, off_t *upto,
                        audit_each_fn fn, void *ctx, char **err);

/* audit_verify - check the whole chain; *lines gets the number of lines checked */
int audit_verify(const char *data_dir, size_t *lines, char **err);

/* One line as audit_walk sees it. */
typedef struct {
    size_t number;            /* 1-based */
    const char *hash;         /* SHA-256 of the line's bytes: the next line's "prev" */
    const char *prev;         /* the "prev" the line carries; NULL when it has none */
    const char *expected;     /* the hash of the line before it (64 zeros for the first) */
    const audit_event *event; /* NULL when the line holds no event */
} audit_line;

/* audit_walk_fn - called with each line in order; nonzero stops the walk */
typedef int (*audit_walk_fn)(const audit_line *line, void *ctx);

/* audit_walk - call `fn` for every line, linked or not (line->prev differs
 * from line->expected where the chain is broken); a missing log has no lines.
 * The line's strings are valid only during the callback. */
int audit_walk(const char *data_dir, audit_walk_fn fn, void *ctx, char **err);

/* audit_walk_holding - audit_walk of the lines that hold one of needles (a
 * NULL-terminated list) as bytes, read without their links (hash, prev and
 * expected are NULL); the others are counted, not read */
int audit_walk_holding(const char *data_dir, const char *const *needles, audit_walk_fn fn,
                       void *ctx, char **err);

/* audit_head - the hash of the log's last line (64 zeros for an empty log)
 * into head[65] */
int audit_head(const char *data_dir, char head[65], char **err);

#endif
