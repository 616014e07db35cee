/*
 * filehash.c - a file's SHA-256, streamed (see filehash.h).
 *
 * Functions: filehash_sha256.
 */
#include "filehash.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

/* filehash_sha256 - read in 1 MiB chunks through GLib's SHA-256 */
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
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    uint64_t total = 0;
    int rc = 0;
    for (;;) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = dk_fail_errno(err, "cannot read %s", path);
            break;
        }
        if (n == 0)
            break;
        g_checksum_update(sum, buf, n);
        total += (uint64_t)n;
        if (progress)
            progress(total, ctx);
    }
    close(fd);
    if (rc == 0) {
        memcpy(hex, g_checksum_get_string(sum), 65);
        if (size)
            *size = total;
    }
    g_checksum_free(sum);
    g_free(buf);
    return rc;
}
