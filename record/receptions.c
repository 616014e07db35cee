/*
 * receptions.c - an item's receptions, DATA/items/ab/<sha>.received.jsonl
 * (see record.h).
 *
 * One JSON line per reception, appended with one write(2) to a file opened
 * with O_APPEND, so that two processes recording the same item at once never
 * interleave their lines. item_reception_record can leave out the fsync, for
 * a caller that syncs a whole group of receptions at once (ingest/accept.c).
 *
 * Reading them is reception_list.c.
 *
 * Functions: item_reception_add, item_reception_record, item_reception_names.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* append_line - one JSON line with O_APPEND (atomic for one write), fsync'ed
 * when `sync`; the file's hash after it into bound[65] unless bound is NULL */
static int append_line(const char *data_dir, const char *sha256, const item_reception *r, int sync,
                       char *bound, char **err)
{
    char *path = item_file_made(data_dir, sha256, item_record_name(ITEM_RECORD_RECEPTIONS), 0755,
                                err);
    if (path == NULL)
        return -1;
    char now[40];
    item_reception stamped = *r;
    if (stamped.time == NULL)
        stamped.time = log_utc_now(now, sizeof now);
    json_object *o = item_reception_json(&stamped);
    char *line = xasprintf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    size_t len = strlen(line);
    json_object_put(o);
    int rc = 0;
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    struct stat before;
    if (fd < 0 || fstat(fd, &before) != 0 || write(fd, line, len) != (ssize_t)len ||
        (sync && fsync(fd) != 0))
        rc = dk_fail_errno(err, "cannot record reception in %s", path);
    else if (bound != NULL)
        rc = rec_tally_appended(sha256, fd, path, before.st_size, r->collection, line, len, bound,
                                err);
    if (fd >= 0)
        close(fd);
    free(line);
    free(path);
    return rc;
}

/* item_reception_add - append_line, synced */
int item_reception_add(const char *data_dir, const char *sha256, const item_reception *r,
                       char **err)
{
    return append_line(data_dir, sha256, r, 1, NULL, err);
}

/* item_reception_record - append_line, and the hash */
int item_reception_record(const char *data_dir, const char *sha256, const item_reception *r,
                          int sync, char bound[65], char **err)
{
    return append_line(data_dir, sha256, r, sync, bound, err);
}

/* item_reception_names - rec_tally_names */
int item_reception_names(const char *data_dir, const char *sha256, const char *collection)
{
    char *path = item_file(data_dir, sha256, item_record_name(ITEM_RECORD_RECEPTIONS));
    int named = rec_tally_names(sha256, path, collection);
    free(path);
    return named;
}
