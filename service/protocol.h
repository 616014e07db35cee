/*
 * protocol.h - what the supervisor and a worker say to each other, one line
 * at a time over the worker's stdin and stdout, and how a worker ends.
 *
 * supervisor -> worker:
 *   SHA          process the item (64 lower-case hex digits)
 *   help SHA     help the worker reading item SHA with its pages
 * worker -> supervisor:
 *   ready        its engines are loaded: from now on a job's time is the job's own
 *   help SHA     it is reading item SHA, a scan whose pages others may help with
 *   SHA          the item is processed and its result recorded
 *   helped SHA   it is through with the pages of SHA it could take
 *
 * Both sides parse with proto_parse and write with proto_format, so the words
 * live here alone. A worker that ends on its own says why in its exit code.
 * A worker's scratch directory (LibreOffice's profile, a half-made PDF) is
 * DATA/cache/work/worker-PID: the supervisor removes a dead worker's.
 */
#ifndef DOKAZ_SERVICE_PROTOCOL_H
#define DOKAZ_SERVICE_PROTOCOL_H

#include <stddef.h>

/* A worker's scratch directory: DATA/, PROTO_SCRATCH_PARENT, "/",
 * PROTO_SCRATCH_PREFIX and its pid */
#define PROTO_SCRATCH_PARENT "cache/work"
#define PROTO_SCRATCH_PREFIX "worker-"

/* PROTO_LINE_MAX - room for the longest line, "helped SHA\n", and its NUL */
enum { PROTO_LINE_MAX = 80 };

/* proto_kind - what a line says; PROTO_ITEM is a bare hash, the job when the
 * supervisor sends it and the job's end when the worker sends it back */
typedef enum {
    PROTO_BAD = 0, /* not a line of the protocol */
    PROTO_READY,
    PROTO_ITEM,
    PROTO_HELP,
    PROTO_HELPED,
} proto_kind;

/* proto_msg - a parsed line: its kind and the item it names ("" for READY) */
typedef struct {
    proto_kind kind;
    char sha256[65];
} proto_msg;

/* worker_exit - a worker's exit code when it ends by itself */
typedef enum {
    WORKER_EXIT_OK = 0,            /* its input ended */
    WORKER_EXIT_CANNOT_START = 3,  /* libmagic, the OCR settings or tesseract failed */
    WORKER_EXIT_DATA_UNUSABLE = 4, /* it could not record a result in the data directory */
} worker_exit;

/* proto_parse - parse one line without its end of line into *out; returns its
 * kind, PROTO_BAD (and out->kind PROTO_BAD) for anything else, a hash that is
 * not 64 lower-case hex digits included */
proto_kind proto_parse(const char *line, proto_msg *out);

/* proto_format - write the line of `kind` about `sha256` (ignored for READY),
 * newline included, into buf (PROTO_LINE_MAX bytes); returns its length, or
 * -1 for PROTO_BAD or a hash that is not one */
int proto_format(char buf[PROTO_LINE_MAX], proto_kind kind, const char *sha256);

/* proto_scratch_dir - the scratch directory of worker pid (malloc'd) */
char *proto_scratch_dir(const char *data_dir, long pid);

#endif
