/*
 * filehash.h - the SHA-256 of a file, read as a stream (any size, little memory),
 * and of a string, as raw bytes (hex.h writes them in the form hashes are shown in).
 */
#ifndef DOKAZ_COMMON_FILEHASH_H
#define DOKAZ_COMMON_FILEHASH_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of a SHA-256. */
#define SHA256_BYTES 32

/* filehash_progress_fn - called after each chunk with the bytes read so far */
typedef void (*filehash_progress_fn)(uint64_t bytes, void *ctx);

/* filehash_sha256 - the file's SHA-256 as 64 lower-case hex digits into hex[65]
 * and its length into *size (may be NULL); progress (may be NULL) is told
 * as it goes. Fails with a message when it cannot be opened or read. */
int filehash_sha256(const char *path, char hex[65], uint64_t *size, filehash_progress_fn progress,
                    void *ctx, char **err);

/* filehash_sha256_bytes - the SHA-256 of data[0..len) as raw bytes into out */
void filehash_sha256_bytes(const void *data, size_t len, uint8_t out[SHA256_BYTES]);

#endif
