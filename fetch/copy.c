/*
 * copy.c - one file of a shard's data directory copied into the cache: read
 * from a local folder, or from `ssh -o BatchMode=yes HOST cat -- PATH`
 * (no shell here; the path is quoted for the far end's shell), written to
 * a temporary file beside the target, hashed as it goes, and renamed into
 * place only when whole and, for an original, of the expected SHA-256.
 *
 * A local folder's file is opened through no symbolic link, and must be a
 * regular file. ssh exits 255 when it cannot reach the host (that is an error), and with
 * cat's status otherwise (a missing file).
 *
 * Functions: fetch_copy.
 */
#include "fetch/fetch_private.h"
#include "common/error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SSH_UNREACHABLE 255                   /* ssh's own failure, as opposed to the command's */
#define SSH_CONNECT "ConnectTimeout=5"        /* seconds to connect */
#define SSH_ALIVE "ServerAliveInterval=5"     /* seconds between keep-alives, */
#define SSH_ALIVE_MAX "ServerAliveCountMax=2" /* unanswered before it gives up */
#define STDERR_KEPT 512                       /* bytes of ssh's complaint kept for the message */
#define CHUNK ((size_t)256 * 1024)

/* A stream being read: a file, or ssh's output. */
typedef struct {
    int fd;
    GPid pid;  /* the ssh child, 0 for a file */
    int errfd; /* its stderr, -1 for a file */
} stream;

/* open_beneath - member of dir, a regular file reached through no symbolic
 * link (a mounted shard could point one anywhere on this machine) and no
 * "..": one component at a time, O_NOFOLLOW (O_NONBLOCK: a FIFO cannot hang us) */
static int open_beneath(const char *dir, const char *member)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char **parts = g_strsplit(member, "/", -1);
    for (int i = 0; fd >= 0 && parts[i] != NULL; i++) {
        if (parts[i][0] == '\0' || strcmp(parts[i], ".") == 0)
            continue;
        int flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
        int next = strcmp(parts[i], "..") == 0
                       ? (errno = EINVAL, -1)
                       : openat(fd, parts[i], parts[i + 1] ? flags | O_DIRECTORY : flags);
        int saved = errno;
        close(fd);
        errno = saved;
        fd = next;
    }
    g_strfreev(parts);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        errno = EINVAL;
        fd = -1;
    }
    return fd;
}

/* open_local - DIR/member; 1 when it is not there, -1 when DIR cannot be read */
static int open_local(const fetch_source *src, const char *member, stream *s, char **err)
{
    s->fd = open_beneath(src->dir, member);
    int rc = 0;
    if (s->fd < 0 && errno == ENOENT && g_file_test(src->dir, G_FILE_TEST_IS_DIR))
        rc = 1;
    else if (s->fd < 0)
        rc = dk_fail_errno(err, "cannot read %s/%s", src->dir, member);
    return rc;
}

/* open_ssh - ssh HOST cat -- 'DIR/member', its output to read */
static int open_ssh(const fetch_source *src, const char *member, stream *s, char **err)
{
    char *path = g_build_filename(src->dir, member, NULL), *quoted = g_shell_quote(path);
    char *remote = g_strconcat("cat -- ", quoted, NULL);
    char *argv[] = {"ssh",     "-o", "BatchMode=yes", "-o", SSH_CONNECT, "-o",
                    SSH_ALIVE, "-o", SSH_ALIVE_MAX,   "--", src->host,   remote,
                    NULL};
    GError *gerr = NULL;
    int rc = 0;
    if (!g_spawn_async_with_pipes(NULL, argv, NULL,
                                  G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                      G_SPAWN_STDIN_FROM_DEV_NULL,
                                  NULL, NULL, &s->pid, NULL, &s->fd, &s->errfd, &gerr)) {
        rc = dk_fail(err, "cannot run ssh: %s", gerr->message);
        g_error_free(gerr);
    }
    g_free(remote);
    g_free(quoted);
    g_free(path);
    return rc;
}

/* finish - close the stream, reap ssh: 0, 1 for a missing file, -1 */
static int finish(const fetch_source *src, stream *s, char **err)
{
    if (s->fd >= 0)
        close(s->fd);
    if (s->pid == 0)
        return 0;
    char said[STDERR_KEPT + 1];
    ssize_t n = read(s->errfd, said, STDERR_KEPT);
    said[n > 0 ? n : 0] = '\0';
    g_strstrip(said);
    close(s->errfd);
    int status = 0;
    while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
        ;
    g_spawn_close_pid(s->pid);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) != SSH_UNREACHABLE)
        return 1;
    return dk_fail(err, "cannot reach %s over ssh%s%s", src->host, said[0] ? ": " : "", said);
}

/* write_all - n bytes of buf to fd */
static int write_all(int fd, const char *buf, size_t n, char **err)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return dk_fail_errno(err, "cannot write the cache");
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* pump - copy the stream to fd, hashing; -1 past max bytes or on an error */
static int pump(stream *s, int fd, GChecksum *sum, int64_t max, char **err)
{
    char *buf = g_malloc(CHUNK);
    int64_t total = 0;
    int rc = 0;
    for (;;) {
        ssize_t n = read(s->fd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = n < 0 ? dk_fail_errno(err, "read failed") : 0;
            break;
        }
        total += n;
        if (total > max) {
            rc = dk_fail(err, "larger than %lld bytes", (long long)max);
            break;
        }
        g_checksum_update(sum, (const guchar *)buf, (gssize)n);
        if ((rc = write_all(fd, buf, (size_t)n, err)) < 0)
            break;
    }
    g_free(buf);
    return rc;
}

/* fetch_copy - stream, pump, check, rename */
int fetch_copy(const fetch_source *src, const char *member, const char *to, const char *sha256,
               int64_t max, char **err)
{
    stream s = {.fd = -1, .errfd = -1};
    int rc = src->kind == SOURCE_LOCAL ? open_local(src, member, &s, err)
                                       : open_ssh(src, member, &s, err);
    if (rc != 0)
        return rc;
    char *tmp = g_strconcat(to, ".fetch-XXXXXX", NULL), *why = NULL;
    int fd = g_mkstemp(tmp);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    if (fd < 0)
        dk_fail_errno(&why, "cannot write the cache %s", tmp);
    int pumped = fd >= 0 ? pump(&s, fd, sum, max, &why) : -1;
    if (pumped < 0 && s.fd >= 0) { /* ssh may still be writing: let it end */
        close(s.fd);
        s.fd = -1;
    }
    char *ended = NULL; /* what finishing said: a copy cut short says why itself */
    rc = finish(src, &s, &ended);
    if (pumped < 0)
        rc = dk_fail(err, "%s: %s", member, why ? why : "cannot copy");
    else if (rc < 0)
        rc = dk_fail(err, "%s", ended ? ended : "cannot read it");
    else if (rc == 0 && sha256 && strcmp(g_checksum_get_string(sum), sha256) != 0)
        rc = dk_fail(err, "%s has SHA-256 %s, not its name's: not served", member,
                     g_checksum_get_string(sum));
    if (fd >= 0 && close(fd) != 0 && rc == 0)
        rc = dk_fail_errno(err, "cannot write the cache %s", tmp);
    if (rc == 0 && g_rename(tmp, to) != 0)
        rc = dk_fail_errno(err, "cannot keep %s", to);
    if (rc != 0 && fd >= 0)
        g_unlink(tmp);
    free(why);
    free(ended);
    g_checksum_free(sum);
    g_free(tmp);
    return rc;
}
