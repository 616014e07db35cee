/*
 * fsutil.c - file-system helpers (see fsutil.h).
 *
 * Every write that matters goes to a temporary file in the same directory,
 * is fsync'ed, and is renamed into place: a crash leaves the old file or the
 * new one, never a torn one. fs_write_replace leaves out both fsyncs, for
 * records its caller makes durable in groups, with one syncfs(2). A file
 * too large to hold is written the same way in pieces, between
 * fs_replace_open and fs_replace_close.
 *
 * Functions: fs_mkdirs, fs_fsync_dir, fs_sync_fs, fs_replace_open, fs_replace_close,
 * fs_write_atomic, fs_write_replace, fs_write_private, fs_read_all, fs_join, fs_abspath,
 * fs_exists, fs_clean_orphans, fs_remove_tree.
 */
#include "fsutil.h"
#include "error.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <ftw.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* fs_mkdirs - mkdir -p */
int fs_mkdirs(const char *path, mode_t mode, char **err)
{
    if (g_mkdir_with_parents(path, (int)mode) != 0)
        return dk_fail_errno(err, "cannot create directory %s", path);
    return 0;
}

/* fs_fsync_dir - open the directory and fsync it */
int fs_fsync_dir(const char *dir, char **err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return dk_fail_errno(err, "cannot open directory %s", dir);
    int rc = fsync(fd);
    close(fd);
    if (rc != 0)
        return dk_fail_errno(err, "cannot sync directory %s", dir);
    return 0;
}

/* fs_sync_fs - open the directory and syncfs(2) its filesystem */
int fs_sync_fs(const char *dir, char **err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || syncfs(fd) != 0) {
        int rc = dk_fail_errno(err, "cannot sync %s to disk", dir);
        if (fd >= 0)
            close(fd);
        return rc;
    }
    close(fd);
    return 0;
}

/* write_full - write all bytes, retrying short writes */
static int write_full(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* fs_replace_open - mkostemp beside path, with mode */
int fs_replace_open(const char *path, mode_t mode, char **tmp, char **err)
{
    *tmp = xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkostemp(*tmp, O_CLOEXEC);
    if (fd < 0 || fchmod(fd, mode) != 0) {
        dk_fail_errno(err, "cannot create %s", *tmp);
        if (fd >= 0) {
            close(fd);
            unlink(*tmp);
        }
        free(*tmp);
        *tmp = NULL;
        return -1;
    }
    return fd;
}

/* fs_replace_close - fsync + close + rename + fsync of the directory, or
 * close + unlink */
int fs_replace_close(const char *path, int fd, char *tmp, bool ok, bool sync, char **err)
{
    int rc = 0;
    if (ok && sync && fsync(fd) != 0)
        rc = dk_fail_errno(err, "cannot write %s", tmp);
    if (close(fd) != 0 && ok && rc == 0)
        rc = dk_fail_errno(err, "cannot write %s", tmp);
    if (ok && rc == 0 && rename(tmp, path) != 0)
        rc = dk_fail_errno(err, "cannot rename %s to %s", tmp, path);
    if (!ok || rc != 0)
        unlink(tmp);
    free(tmp);
    if (!ok || rc != 0 || !sync)
        return ok ? rc : -1;
    char *dir = g_path_get_dirname(path);
    rc = fs_fsync_dir(dir, err);
    g_free(dir);
    return rc;
}

/* write_atomic - fs_replace_open, the bytes, fs_replace_close */
static int write_atomic(const char *path, const void *data, size_t len, mode_t mode, bool sync,
                        char **err)
{
    char *tmp;
    int fd = fs_replace_open(path, mode, &tmp, err);
    if (fd < 0)
        return -1;
    int ok = write_full(fd, data, len) == 0;
    if (!ok)
        dk_fail_errno(err, "cannot write %s", tmp);
    return fs_replace_close(path, fd, tmp, ok, sync, err);
}

/* fs_write_atomic - write_atomic, readable by all */
int fs_write_atomic(const char *path, const void *data, size_t len, char **err)
{
    return write_atomic(path, data, len, 0644, true, err);
}

/* fs_write_replace - write_atomic without the syncs, readable by all */
int fs_write_replace(const char *path, const void *data, size_t len, char **err)
{
    return write_atomic(path, data, len, 0644, false, err);
}

/* fs_write_private - write_atomic, readable by the owner only */
int fs_write_private(const char *path, const void *data, size_t len, char **err)
{
    return write_atomic(path, data, len, 0600, true, err);
}

/* fs_read_all - slurp a file */
int fs_read_all(const char *path, char **data, size_t *len, char **err)
{
    gchar *buf = NULL;
    gsize n = 0;
    GError *gerr = NULL;
    if (!g_file_get_contents(path, &buf, &n, &gerr)) {
        dk_fail(err, "%s", gerr->message);
        g_error_free(gerr);
        return -1;
    }
    *data = xmalloc(n + 1);
    memcpy(*data, buf, n);
    (*data)[n] = '\0';
    g_free(buf);
    if (len)
        *len = n;
    return 0;
}

/* fs_join - join two path parts */
char *fs_join(const char *a, const char *b)
{
    return xasprintf("%s/%s", a, b);
}

/* fs_abspath - prefix the working directory when relative */
char *fs_abspath(const char *path)
{
    gchar *abs = g_canonicalize_filename(path, NULL);
    char *out = xstrdup(abs);
    g_free(abs);
    return out;
}

/* fs_exists - lstat succeeds */
int fs_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* writer_gone - 1 if the file named "<x>.<pid>" has no living writer, or
 * has no pid and is older than an hour */
static int writer_gone(const char *name, const struct stat *st)
{
    const char *dot = strrchr(name, '.');
    char *end = NULL;
    long pid = dot ? strtol(dot + 1, &end, 10) : 0;
    if (pid <= 0 || end == NULL || *end != '\0')
        return time(NULL) - st->st_mtim.tv_sec > 3600;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* fs_clean_orphans - unlink the files of writers that are gone */
int fs_clean_orphans(const char *dir, size_t *removed, char **err)
{
    *removed = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return errno == ENOENT ? 0 : dk_fail_errno(err, "cannot read %s", dir);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        struct stat st;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (writer_gone(de->d_name, &st) && unlinkat(dirfd(d), de->d_name, 0) == 0)
            (*removed)++;
    }
    closedir(d);
    return 0;
}

/* remove_one - nftw callback: remove a file or an emptied directory */
static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

/* fs_remove_tree - depth first, links not followed */
void fs_remove_tree(const char *path)
{
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
