/*
 * worker_sandbox.c - what a worker may write (see worker_private.h).
 *
 * A worker writes the members it unpacks into the evidence store
 * (ingest/evidence.c, through evidence/tmp), their receptions and its result
 * under items/ (record/), their queue entries (ingest/queue.c, through
 * queue/tmp), the OCR cache and searchable PDFs under cache/ (ocr/document.c)
 * and their lines in audit.log; and /dev/null; and, a necessary exception,
 * regular files in /tmp, where leptonica writes the temporary TIFF of each
 * searchable PDF page (it takes no other directory), and Unix sockets, where
 * LibreOffice binds its pipe (extract/libreoffice.c), but no directories,
 * links or renames there. Nothing else: not the index,
 * which is the supervisor's, not ocr.conf, not the inboxes, nothing else
 * outside the data directory. Each must exist before Landlock can name it, so the
 * layout is made first (it is what the supervisor made already) and an empty
 * audit log created if none was written yet; where that cannot be done (a
 * read-only data directory) the worker still starts, without that area.
 *
 * The probe that proves it in the tests is compiled only with the tests
 * (DOKAZ_TEST_HOOKS) and acts only when DOKAZ_SANDBOX_PROBE is set.
 *
 * Functions: worker_sandbox_enter, worker_sandbox_probe.
 */
#include "worker_private.h"
#include "ingest/accept.h"
#include "ingest/evidence.h"
#include "record/record.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/sandbox.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Where leptonica puts the temporary TIFF it encodes a searchable PDF's page
 * from (a fixed "/tmp/lept.XXXXXX", no TMPDIR) and LibreOffice its
 * /tmp/OSL_PIPE_* socket: regular files and sockets only. */
static const char *const scratch[] = {"/tmp", NULL};

/* The data directory's areas a worker writes in, and the audit log. */
static const char *const areas[] = {"evidence", "items", "queue", "cache", "audit.log"};
#define NAREAS (sizeof areas / sizeof *areas)

/* make_areas - the directories and an empty audit log, where they are missing
 * and can be made (a read-only or full data directory is the supervisor's to
 * report; a worker goes on without what it could not write anyway) */
static void make_areas(const char *data_dir, const char *audit_log)
{
    char *why = NULL;
    if (accept_prepare(data_dir, &why) != 0) {
        log_msg(LOG_DEBUG, "sandbox: %s", why);
        free(why);
    }
    int fd = open(audit_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0)
        close(fd);
}

/* worker_sandbox_enter - the areas there are, /dev/null, and the filter */
int worker_sandbox_enter(const char *data_dir, char **err)
{
    char *paths[NAREAS];
    const char *writable[NAREAS + 2];
    size_t n = 0;
    for (size_t i = 0; i < NAREAS; i++)
        paths[i] = fs_join(data_dir, areas[i]);
    make_areas(data_dir, paths[NAREAS - 1]);
    for (size_t i = 0; i < NAREAS; i++)
        if (fs_exists(paths[i]))
            writable[n++] = paths[i];
    writable[n++] = "/dev/null";
    writable[n] = NULL;
    char *landlock = NULL;
    int rc = sandbox_enter(writable, scratch, &landlock, err);
    if (rc == 0 && strncmp(landlock, "Landlock ABI", 12) == 0)
        log_msg(LOG_DEBUG, "sandboxed: seccomp filter, writes confined by %s", landlock);
    else if (rc == 0)
        log_msg(LOG_WARN, "sandboxed by the seccomp filter only, writes are not confined: %s",
                landlock);
    free(landlock);
    for (size_t i = 0; i < NAREAS; i++)
        free(paths[i]);
    return rc;
}

#ifdef DOKAZ_TEST_HOOKS
/* What a probe item's original begins with. */
#define PROBE_MARK "DOKAZ-SANDBOX-PROBE "

/* probe - do what the probe says; the reason to fail the item with (malloc'd),
 * or NULL when the original is no probe */
static char *probe(const char *head)
{
    if (strncmp(head, PROBE_MARK "socket", strlen(PROBE_MARK "socket")) == 0) {
        int s = socket(AF_INET, SOCK_STREAM, 0); /* the filter kills the worker here */
        if (s >= 0)
            close(s);
        return xasprintf("the sandbox let the worker open an Internet socket");
    }
    const char *write_mark = PROBE_MARK "write ";
    if (strncmp(head, write_mark, strlen(write_mark)) != 0)
        return NULL;
    char target[256] = "";
    sscanf(head + strlen(write_mark), "%255s", target);
    int fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return xasprintf("the sandbox refused to let the worker write %s: %s", target,
                         strerror(errno));
    close(fd);
    return xasprintf("the sandbox let the worker write %s", target);
}

/* worker_sandbox_probe - read the original's first line, probe, record */
int worker_sandbox_probe(const char *data_dir, const char *sha256)
{
    if (getenv("DOKAZ_SANDBOX_PROBE") == NULL)
        return 0;
    char *path = evidence_path(data_dir, sha256);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    free(path);
    char head[320] = "";
    ssize_t n = fd >= 0 ? read(fd, head, sizeof head - 1) : -1;
    if (fd >= 0)
        close(fd);
    head[n > 0 ? n : 0] = '\0';
    char *reason = probe(head);
    if (reason == NULL)
        return 0;
    log_msg(LOG_ERROR, "%.12s: %s", sha256, reason);
    item_result *result = item_result_failed(sha256, "text/plain", reason);
    char *err = NULL;
    if (item_result_save(data_dir, result, &err) != 0) {
        log_msg(LOG_ERROR, "%.12s: %s", sha256, err);
        free(err);
    }
    item_result_free(result);
    free(reason);
    return 1;
}
#else
/* worker_sandbox_probe - no probe outside the test builds */
int worker_sandbox_probe(const char *data_dir, const char *sha256)
{
    (void)data_dir;
    (void)sha256;
    return 0;
}
#endif
