/*
 * compressed.c - the gzip side of result records (see record.h): a stdio
 * stream that compresses into a file as the record is written member by
 * member, and a record's whole text, decompressed, for people and tests.
 * The page-at-a-time reader (result_stream.c) reads through zlib itself.
 *
 * zlib's reader takes a file that is not gzip as it is, so a result an older
 * dokaz saved uncompressed reads through the same calls.
 *
 * Functions: rec_gzip_writer, rec_gz_failed, item_result_text.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

/* gzip's level 6 (its default): the records of generated court papers
 * (21 KB each on average) came out 7.2 times smaller, at 0.23 ms of CPU
 * each to compress and 0.07 ms to read back; level 1 was no faster on
 * them (0.29 ms) and left them 5.7 times smaller */
#define RECORD_GZIP_MODE "wb6"

/* gz_write - the stream's buffer, compressed */
static ssize_t gz_write(void *cookie, const char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        unsigned chunk = n - done > INT_MAX ? INT_MAX : (unsigned)(n - done);
        int wrote = gzwrite(cookie, buf + done, chunk);
        if (wrote <= 0) {
            errno = EIO;
            return -1;
        }
        done += (size_t)wrote;
    }
    return (ssize_t)n;
}

/* gz_close - the end of the gzip stream written, the descriptor closed */
static int gz_close(void *cookie)
{
    int rc = gzclose_w(cookie);
    if (rc == Z_OK)
        return 0;
    if (rc != Z_ERRNO)
        errno = EIO;
    return -1;
}

/* rec_gzip_writer - a stream over fd that compresses */
FILE *rec_gzip_writer(int fd)
{
    gzFile gz = gzdopen(fd, RECORD_GZIP_MODE);
    if (gz == NULL) {
        int saved = errno;
        close(fd);
        errno = saved ? saved : ENOMEM;
        return NULL;
    }
    FILE *f = fopencookie(gz, "w", (cookie_io_functions_t){.write = gz_write, .close = gz_close});
    if (f == NULL) {
        int saved = errno;
        gzclose_w(gz);
        errno = saved;
    }
    return f;
}

/* rec_gz_failed - zlib's word, or the system's, for the failure */
int rec_gz_failed(gzFile gz, const char *path, char **err)
{
    int code = Z_OK;
    const char *why = gzerror(gz, &code);
    return code == Z_ERRNO ? dk_fail_errno(err, "cannot read %s", path)
                           : dk_fail(err, "cannot read %s: %s", path, why);
}

/* item_result_text - the found record, read through zlib whole */
char *item_result_text(const char *data_dir, const char *sha256, size_t *len, char **err)
{
    char *path = item_file(data_dir, sha256,
                           item_record_found(data_dir, sha256, ITEM_RECORD_RESULT));
    gzFile gz = gzopen(path, "rbe");
    if (gz == NULL) {
        dk_fail_errno(err, "cannot read %s", path);
        free(path);
        return NULL;
    }
    GString *text = g_string_new(NULL);
    char buf[64 << 10];
    int n;
    while ((n = gzread(gz, buf, sizeof buf)) > 0)
        g_string_append_len(text, buf, n);
    bool failed = n < 0 && rec_gz_failed(gz, path, err) < 0;
    gzclose_r(gz);
    free(path);
    if (failed) {
        g_string_free(text, TRUE);
        return NULL;
    }
    if (len != NULL)
        *len = text->len;
    return g_string_free(text, FALSE);
}
