/*
 * upgrade.c - items recorded by an older dokaz are processed again (see
 * supervisor_private.h).
 *
 * A result record older than RECORD_VERSION lacks what this dokaz records
 * (a version 1 record: the pages' derived data), so the web shows less of it
 * and indexing it again would lose its names and fields. At start, every
 * item in queue/done whose record is older, or that has none, goes back to
 * queue/incoming by the queue's own rename, and the workers process it like
 * any other item: the OCR cache keeps its pages, and indexing replaces its
 * index entry. Failed items stay failed: re-running a crash or a time-out is
 * not an upgrade.
 *
 * The scan streams over queue/done and reads only each record's version,
 * which for an up-to-date record is its first bytes (item_result_version).
 * Once a scan is through, DATA/queue/done.version says the version every
 * done item was found at, and later starts read that one file instead of
 * every record: an item becomes done only through a worker of a dokaz that
 * writes the current version. A data directory an older dokaz left has no
 * such file, so its first start here scans; a scan that left a record it
 * could not read or move writes none, so the next start looks again.
 *
 * Functions: upgrade_requeue.
 */
#include "supervisor_private.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

/* The file, beside the queue's folders, that names the record version the
 * last complete scan found every done item at. */
#define CHECKED_FILE "queue/done.version"

/* checked_version - the version the last complete scan left, 0 if none */
static int checked_version(const char *data_dir)
{
    char *path = fs_join(data_dir, CHECKED_FILE), *text = NULL;
    size_t len = 0;
    int version = 0;
    if (fs_read_all(path, &text, &len, NULL) == 0 && sscanf(text, "%d", &version) != 1)
        version = 0;
    free(text);
    free(path);
    return version;
}

/* mark_checked - every done item is now at RECORD_VERSION, or requeued */
static int mark_checked(const char *data_dir, char **err)
{
    char *path = fs_join(data_dir, CHECKED_FILE);
    char text[16];
    int len = snprintf(text, sizeof text, "%d\n", RECORD_VERSION);
    int rc = fs_write_atomic(path, text, (size_t)len, err);
    free(path);
    return rc;
}

/* outdated - the version of a done item's record when it is older than this
 * dokaz writes (0: it has none), else -1; a record that cannot be read is
 * said in the log, left as it is, and *left counted */
static int outdated(const char *data_dir, const char *sha, size_t *left)
{
    char *err = NULL;
    int version = item_result_version(data_dir, sha, &err);
    if (version < 0) {
        log_msg(LOG_WARN, "%.12s: %s; left as it is", sha, err);
        free(err);
        (*left)++;
    }
    return version >= 0 && version < RECORD_VERSION ? version : -1;
}

/* upgrade_requeue - done -> incoming for every item an older dokaz recorded */
int upgrade_requeue(supervisor *s, size_t *requeued, char **err)
{
    const char *data_dir = s->cfg->data_dir;
    *requeued = 0;
    if (checked_version(data_dir) == RECORD_VERSION)
        return 0;
    char *dir = queue_dir(data_dir, QUEUE_DONE);
    DIR *d = dir ? opendir(dir) : NULL;
    if (d == NULL) {
        dk_fail_errno(err, "cannot read queue %s", dir ? dir : "done");
        free(dir);
        return -1;
    }
    struct dirent *de;
    size_t left = 0; /* records that could not be read or moved */
    while ((de = readdir(d)) != NULL) {
        int version = evidence_is_sha256(de->d_name) ? outdated(data_dir, de->d_name, &left) : -1;
        if (version < 0)
            continue;
        char *why = NULL;
        if (queue_move(data_dir, de->d_name, QUEUE_DONE, QUEUE_INCOMING, &why) != 0) {
            log_msg(LOG_ERROR, "%s", why);
            free(why);
            left++;
            continue;
        }
        char *reason = g_strdup_printf("recorded by an older dokaz (record version %d, now %d)",
                                       version, RECORD_VERSION);
        results_audit(s, AUDIT_REQUEUED, de->d_name, version ? reason : "it has no result record");
        g_free(reason);
        (*requeued)++;
    }
    closedir(d);
    free(dir);
    return left == 0 ? mark_checked(data_dir, err) : 0; /* else the next start looks again */
}
