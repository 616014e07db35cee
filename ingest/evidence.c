/*
 * evidence.c - the content-addressed, write-once evidence store (see evidence.h).
 *
 * A file is streamed into evidence/tmp/in-XXXXXX.<pid> while being hashed, fsync'ed, made
 * read-only, then link(2)ed to evidence/ab/<sha256>. link() never replaces an
 * existing file, so two processes storing the same content at once cannot
 * disturb each other or an item already stored. A copy cut short by a kill
 * stays in evidence/tmp until evidence_clean_tmp removes it.
 *
 * evidence_store_file leaves out both fsyncs (file and folder): its caller
 * syncs a whole group of files at once (ingest/accept.c). Until then a power
 * loss may leave a stored name holding fewer bytes than its content; a later
 * store of the same content finds it shorter than its own copy and puts the
 * whole copy in its place.
 *
 * Its names are evidence_name.c.
 *
 * Functions: evidence_store_fd, evidence_store_stream, evidence_store_file,
 * evidence_verify, evidence_clean_tmp.
 */
#include "evidence.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { COPY_CHUNK = 1 << 20 };

/* copy_and_hash - pull everything from `read`, hash it, write it to out */
static int copy_and_hash(evidence_read_fn read_fn, void *src, int out, GChecksum *sum,
                         uint64_t *size, const char *what, char **err)
{
    unsigned char *buf = xmalloc(COPY_CHUNK);
    *size = 0;
    for (;;) {
        long n = read_fn(src, buf, COPY_CHUNK, err);
        if (n < 0) {
            free(buf);
            return -1;
        }
        if (n == 0)
            break;
        g_checksum_update(sum, buf, (gssize)n);
        for (long done = 0; done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                free(buf);
                return dk_fail_errno(err, "cannot write %s to the evidence store", what);
            }
            done += w;
        }
        *size += (uint64_t)n;
    }
    free(buf);
    return 0;
}

/* A file descriptor as an evidence_read_fn source. */
typedef struct {
    int fd;
    const char *what;
} fd_source;

/* fd_read - read(2), retried on EINTR */
static long fd_read(void *src, void *buf, unsigned long cap, char **err)
{
    fd_source *f = src;
    for (;;) {
        ssize_t n = read(f->fd, buf, cap);
        if (n >= 0)
            return (long)n;
        if (errno != EINTR)
            return dk_fail_errno(err, "cannot read %s", f->what);
    }
}

/* cut_short - 1 if the stored file at `final` holds fewer bytes than its
 * content has: a copy whose group a power loss kept from being synced */
static int cut_short(const char *final, uint64_t size)
{
    struct stat st;
    return stat(final, &st) == 0 && (uint64_t)st.st_size < size;
}

/* place - link the finished temp file under its hash name (and fsync the
 * folder when `sync`); a stored copy cut short is replaced */
static int place(const char *data_dir, const char *tmp, evidence_ref *out, int sync, char **err)
{
    char *final = evidence_path(data_dir, out->sha256);
    char *dir = g_path_get_dirname(final);
    int rc = fs_mkdirs(dir, 0755, err);
    if (rc == 0) {
        int linked = link(tmp, final) == 0, exists = !linked && errno == EEXIST;
        if (exists && !cut_short(final, out->size)) {
            out->is_new = 0;
        } else if (linked || (exists && rename(tmp, final) == 0)) {
            out->is_new = 1;
            rc = sync ? fs_fsync_dir(dir, err) : 0;
        } else {
            rc = dk_fail_errno(err, "cannot store %s", final);
        }
    }
    unlink(tmp);
    g_free(dir);
    free(final);
    return rc;
}

/* store_stream - temp file, hash while copying, fsync when `sync`, chmod, link */
static int store_stream(const char *data_dir, evidence_read_fn read_fn, void *src, const char *what,
                        int sync, evidence_ref *out, char **err)
{
    char *tmpdir = fs_join(data_dir, "evidence/tmp");
    if (fs_mkdirs(tmpdir, 0700, err) != 0) {
        free(tmpdir);
        return dk_fail(err, "cannot prepare the evidence store in %s", data_dir);
    }
    /* named with our pid, so that a start after a kill can tell it is orphaned */
    char *tmp = xasprintf("%s/in-XXXXXX.%ld", tmpdir, (long)getpid());
    int suffix = (int)(strrchr(tmp, '.') - tmp);
    suffix = (int)strlen(tmp) - suffix;
    free(tmpdir);
    int tfd = mkostemps(tmp, suffix, O_CLOEXEC);
    if (tfd < 0) {
        dk_fail_errno(err, "cannot create %s", tmp);
        free(tmp);
        return -1;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    int rc = copy_and_hash(read_fn, src, tfd, sum, &out->size, what, err);
    if (rc == 0 && ((sync && fsync(tfd) != 0) || fchmod(tfd, 0444) != 0))
        rc = dk_fail_errno(err, "cannot sync %s", tmp);
    close(tfd);
    if (rc == 0) {
        snprintf(out->sha256, sizeof out->sha256, "%s", g_checksum_get_string(sum));
        rc = place(data_dir, tmp, out, sync, err);
    } else {
        unlink(tmp);
    }
    g_checksum_free(sum);
    free(tmp);
    return rc;
}

/* evidence_store_stream - store_stream, synced */
int evidence_store_stream(const char *data_dir, evidence_read_fn read_fn, void *src,
                          const char *what, evidence_ref *out, char **err)
{
    return store_stream(data_dir, read_fn, src, what, 1, out, err);
}

/* evidence_store_fd - everything readable from fd, synced */
int evidence_store_fd(const char *data_dir, int fd, const char *what, evidence_ref *out, char **err)
{
    fd_source f = {fd, what};
    return store_stream(data_dir, fd_read, &f, what, 1, out, err);
}

/* evidence_store_file - open without following symlinks, store unsynced,
 * check stability */
int evidence_store_file(const char *data_dir, const char *path, evidence_ref *out, char **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return dk_fail_errno(err, "cannot open %s", path);
    struct stat before, after;
    if (fstat(fd, &before) != 0 || !S_ISREG(before.st_mode)) {
        close(fd);
        return dk_fail(err, "%s is not a regular file", path);
    }
    fd_source f = {fd, path};
    int rc = store_stream(data_dir, fd_read, &f, path, 0, out, err);
    if (rc == 0 && fstat(fd, &after) == 0 &&
        (after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
         after.st_mtim.tv_nsec != before.st_mtim.tv_nsec || out->size != (uint64_t)after.st_size))
        rc = dk_fail_kind(err, DK_ERR_CHANGED,
                          "%s changed while it was being read; it will be read again", path);
    close(fd);
    return rc;
}

/* evidence_verify - stream the stored file through SHA-256 again */
int evidence_verify(const char *data_dir, const char *sha256, char **err)
{
    char *path = evidence_path(data_dir, sha256);
    char hex[65];
    int rc = filehash_sha256(path, hex, NULL, NULL, NULL, err);
    if (rc == 0 && strcmp(hex, sha256) != 0)
        rc = dk_fail(err, "%s does not match its hash: the evidence was altered", path);
    free(path);
    return rc;
}

/* evidence_clean_tmp - the copies in evidence/tmp whose writer is gone */
int evidence_clean_tmp(const char *data_dir, size_t *removed, char **err)
{
    char *tmpdir = fs_join(data_dir, "evidence/tmp");
    int rc = fs_clean_orphans(tmpdir, removed, err);
    free(tmpdir);
    return rc;
}
