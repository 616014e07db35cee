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
 * which for an up-to-date record is its first bytes (item_result_version),
 * so that a queue of many done items still starts at once.
 *
 * Functions: upgrade_requeue.
 */
#include "supervisor_private.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/log.h"

#include <dirent.h>
#include <stdlib.h>

/* outdated - the version of a done item's record when it is older than this
 * dokaz writes (0: it has none), else -1; a record that cannot be read is
 * said in the log and left as it is */
static int outdated(const char *data_dir, const char *sha)
{
    char *err = NULL;
    int version = item_result_version(data_dir, sha, &err);
    if (version < 0) {
        log_msg(LOG_WARN, "%.12s: %s; left as it is", sha, err);
        free(err);
    }
    return version >= 0 && version < RECORD_VERSION ? version : -1;
}

/* upgrade_requeue - done -> incoming for every item an older dokaz recorded */
int upgrade_requeue(supervisor *s, size_t *requeued, char **err)
{
    const char *data_dir = s->cfg->data_dir;
    *requeued = 0;
    char *dir = queue_dir(data_dir, QUEUE_DONE);
    DIR *d = dir ? opendir(dir) : NULL;
    if (d == NULL) {
        dk_fail_errno(err, "cannot read queue %s", dir ? dir : "done");
        free(dir);
        return -1;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        int version = evidence_is_sha256(de->d_name) ? outdated(data_dir, de->d_name) : -1;
        if (version < 0)
            continue;
        char *why = NULL;
        if (queue_move(data_dir, de->d_name, QUEUE_DONE, QUEUE_INCOMING, &why) != 0) {
            log_msg(LOG_ERROR, "%s", why);
            free(why);
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
    return 0;
}
