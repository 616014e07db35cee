/*
 * filehash.c - a file's SHA-256, streamed (see filehash.h).
 *
 * OpenSSL's SHA-256 uses the CPU's SHA instructions where there are some:
 * about six times less CPU than GLib's on this project's machines, which
 * matters when every original is re-hashed.
 *
 * Functions: filehash_sha256, filehash_sha256_bytes.
 */
#include "filehash.h"
#include "error.h"
#include "hex.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* filehash_sha256 - read in 1 MiB chunks through OpenSSL's SHA-256 */
int filehash_sha256(const char *path, char hex[65], uint64_t *size, filehash_progress_fn progress,
                    void *ctx, char **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return dk_fail_errno(err, "cannot open %s", path);
#ifdef POSIX_FADV_SEQUENTIAL
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    enum { CHUNK = 1 << 20 };
    guchar *buf = g_malloc(CHUNK);
    EVP_MD_CTX *sum = EVP_MD_CTX_new();
    uint64_t total = 0;
    int rc = 0;
    if (sum == NULL || EVP_DigestInit_ex(sum, EVP_sha256(), NULL) != 1)
        rc = dk_fail(err, "cannot start SHA-256");
    while (rc == 0) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = dk_fail_errno(err, "cannot read %s", path);
            break;
        }
        if (n == 0)
            break;
        EVP_DigestUpdate(sum, buf, (size_t)n);
        total += (uint64_t)n;
        if (progress)
            progress(total, ctx);
    }
    close(fd);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (rc == 0 && EVP_DigestFinal_ex(sum, digest, &len) == 1 && len == 32) {
        hex_encode(digest, SHA256_BYTES, hex);
        if (size)
            *size = total;
    } else if (rc == 0) {
        rc = dk_fail(err, "cannot finish SHA-256 of %s", path);
    }
    EVP_MD_CTX_free(sum);
    g_free(buf);
    return rc;
}

/* filehash_sha256_bytes - one EVP_Digest call (it fails only without memory) */
void filehash_sha256_bytes(const void *data, size_t len, uint8_t out[SHA256_BYTES])
{
    unsigned int n = 0;
    int ok = EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
    assert(ok == 1 && n == SHA256_BYTES);
    (void)ok;
}
