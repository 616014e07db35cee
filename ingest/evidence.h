/*
 * evidence.h - the evidence store: every received file, byte for byte, under
 * DATA/evidence/ab/abcdef... (its SHA-256), read-only, never modified.
 *
 * Storing hashes while it copies, so a file is read once. The same content
 * received twice is stored once (the caller records every sighting).
 */
#ifndef DOKAZ_INGEST_EVIDENCE_H
#define DOKAZ_INGEST_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char sha256[65];
    uint64_t size;
    int is_new; /* 1 if this content was not in the store before */
} evidence_ref;

/* evidence_store_fd - copy everything readable from `fd` into the store */
int evidence_store_fd(const char *data_dir, int fd, const char *what, evidence_ref *out,
                      char **err);

/* evidence_read_fn - the next bytes of a stream: how many were put into buf
 * (at most cap), 0 at its end, -1 with *err when it cannot be read */
typedef long (*evidence_read_fn)(void *src, void *buf, unsigned long cap, char **err);

/* evidence_store_stream - store everything `read_fn` yields (an archive member
 * streamed out of its archive). Nothing is stored when read_fn fails: the
 * partial copy is removed. `what` names the stream in messages. */
int evidence_store_stream(const char *data_dir, evidence_read_fn read_fn, void *src,
                          const char *what, evidence_ref *out, char **err);

/* evidence_store_file - store the regular file at `path`; fails with
 * DK_ERR_CHANGED (common/error.h) if it changes while read. Not synced: it
 * is durable once the caller has synced the data directory's filesystem
 * (accept_files does it once for a group of files). */
int evidence_store_file(const char *data_dir, const char *path, evidence_ref *out, char **err);

/* evidence_is_sha256 - 1 if s is 64 lower-case hex digits: the name of an
 * item (NULL is not) */
int evidence_is_sha256(const char *s);

/* evidence_path - where the content with this hash is stored (malloc'd) */
char *evidence_path(const char *data_dir, const char *sha256);

/* evidence_verify - re-hash a stored item; 0 if it still has its name's hash */
int evidence_verify(const char *data_dir, const char *sha256, char **err);

/* evidence_clean_tmp - remove the partial copies of processes that were
 * killed while storing (the service does it at start); *removed: how many */
int evidence_clean_tmp(const char *data_dir, size_t *removed, char **err);

#endif
