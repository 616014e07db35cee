/*
 * receptions.c - an item's receptions appended, to its log
 * DATA/items/ab/receptions-c.jsonl or its own file (see record.h,
 * reception_log.c).
 *
 * One JSON line per reception, appended with one write(2) to a file opened
 * with O_APPEND, so that two processes recording at once never interleave
 * their lines. item_reception_record can leave out the fsync, for
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

/* ends_in_newline - whether the file open at fd is empty or ends with a
 * newline: a line torn by a crash must not take the next one in (a log's
 * lines are known by how they start) */
static bool ends_in_newline(int fd)
{
    struct stat st;
    char last = '\n';
    return fstat(fd, &st) != 0 || st.st_size == 0 || pread(fd, &last, 1, st.st_size - 1) != 1 ||
           last == '\n';
}

/* append_line - one JSON line with O_APPEND (atomic for one write) to the
 * item's log or own file, fsync'ed when `sync`; the hash of the item's
 * receptions after it into bound[65] unless bound is NULL */
static int append_line(const char *data_dir, const char *sha256, const item_reception *r, int sync,
                       char *bound, char **err)
{
    bool in_log;
    char *path = rec_reception_place(data_dir, sha256, &in_log);
    char *folder = g_path_get_dirname(path);
    int made = fs_mkdirs(folder, 0755, err);
    g_free(folder);
    if (made != 0) {
        free(path);
        return -1;
    }
    char now[40];
    item_reception stamped = *r;
    if (stamped.time == NULL)
        stamped.time = log_utc_now(now, sizeof now);
    json_object *o = rec_reception_json_of(&stamped, in_log ? sha256 : NULL);
    int rc = 0;
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const char *lead = fd >= 0 && !ends_in_newline(fd) ? "\n" : "";
    char *line = xasprintf("%s%s\n", lead,
                           json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    size_t len = strlen(line);
    json_object_put(o);
    if (fd < 0 || write(fd, line, len) != (ssize_t)len || (sync && fsync(fd) != 0))
        rc = dk_fail_errno(err, "cannot record reception in %s", path);
    else if (bound != NULL)
        rc = rec_tally_appended(sha256, fd, path, in_log, bound, err);
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
    bool in_log;
    char *path = rec_reception_place(data_dir, sha256, &in_log);
    int named = rec_tally_names(sha256, path, in_log, collection);
    free(path);
    return named;
}
