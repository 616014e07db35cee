/*
 * stamp.c - whether what a persons table is built from has changed since:
 * the list of processed items (DATA/queue/done, whose time changes when an
 * item is processed, or taken back to be processed again) and the audit
 * log (a reception, a merge or a split appends to it).
 *
 * Functions: persons_stamp_read, persons_stamp_settled.
 */
#include "persons/persons.h"
#include "common/fsutil.h"
#include "ingest/queue.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define AUDIT_LOG "audit.log" /* in DATA: ingest/audit.c's log */
#define SETTLED_SECONDS 2     /* a file's time is coarser than a second or two at worst */

/* stat_path - a file's time (and size) into the stamp's; zeros when none */
static void stat_path(char *path, long long *sec, long long *nsec, long long *size)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        *sec = (long long)st.st_mtim.tv_sec;
        *nsec = (long long)st.st_mtim.tv_nsec;
        if (size != NULL)
            *size = (long long)st.st_size;
    }
    free(path);
}

/* persons_stamp_read - the done folder's time, the log's time and size */
void persons_stamp_read(const char *data_dir, persons_stamp *s)
{
    memset(s, 0, sizeof *s);
    stat_path(queue_dir(data_dir, QUEUE_DONE), &s->done_sec, &s->done_nsec, NULL);
    stat_path(fs_join(data_dir, AUDIT_LOG), &s->log_sec, &s->log_nsec, &s->log_size);
}

/* persons_stamp_settled - its newest time is SETTLED_SECONDS before now */
int persons_stamp_settled(const persons_stamp *s, long long now)
{
    return s->done_sec + SETTLED_SECONDS <= now && s->log_sec + SETTLED_SECONDS <= now;
}
