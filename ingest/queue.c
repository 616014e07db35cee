/*
 * queue.c - directory queue with atomic state changes (see queue.h).
 *
 * Better let the kernel's rename(2) decide every state change than keep a
 * state table that a crash could leave half-written.
 *
 * Functions: queue_state_name, queue_dir, queue_init, queue_started, queue_state_of,
 * queue_enqueue, queue_move, queue_list, queue_list_free, queue_count,
 * queue_recover, queue_clean_tmp, queue_set_condition, queue_condition.
 */
#include "queue.h"
#include "evidence.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const state_names[QUEUE_NSTATES] = {"incoming", "active", "done", "failed"};

/* queue_state_name - directory name of a state */
const char *queue_state_name(queue_state state)
{
    return state < QUEUE_NSTATES ? state_names[state] : "?";
}

/* queue_dir - DATA/queue/<state> */
char *queue_dir(const char *data_dir, queue_state state)
{
    return xasprintf("%s/queue/%s", data_dir, queue_state_name(state));
}

/* entry_path - DATA/queue/<state>/<sha> */
static char *entry_path(const char *data_dir, queue_state state, const char *sha256)
{
    return xasprintf("%s/queue/%s/%s", data_dir, queue_state_name(state), sha256);
}

/* queue_init - mkdir every state plus queue/tmp */
int queue_init(const char *data_dir, char **err)
{
    for (int s = 0; s < QUEUE_NSTATES; s++) {
        char *dir = queue_dir(data_dir, (queue_state)s);
        int rc = fs_mkdirs(dir, 0755, err);
        free(dir);
        if (rc != 0)
            return -1;
    }
    char *tmp = fs_join(data_dir, "queue/tmp");
    int rc = fs_mkdirs(tmp, 0755, err);
    free(tmp);
    return rc;
}

/* queue_started - DATA/queue/incoming, the first state queue_init makes */
bool queue_started(const char *data_dir)
{
    char *dir = queue_dir(data_dir, QUEUE_INCOMING);
    bool here = fs_exists(dir);
    free(dir);
    return here;
}

/* queue_state_of - look in each state directory */
int queue_state_of(const char *data_dir, const char *sha256)
{
    for (int s = 0; s < QUEUE_NSTATES; s++) {
        char *p = entry_path(data_dir, (queue_state)s, sha256);
        int here = fs_exists(p);
        free(p);
        if (here)
            return s;
    }
    return -1;
}

/* queue_enqueue - create in queue/tmp, rename into incoming (one inotify
 * event); not synced (see queue.h) */
int queue_enqueue(const char *data_dir, const char *sha256, int *added, char **err)
{
    *added = 0;
    if (queue_state_of(data_dir, sha256) >= 0)
        return 0;
    char *dst = entry_path(data_dir, QUEUE_INCOMING, sha256);
    /* the temporary name is per process: two workers may queue the same
     * member (one file in two archives) at the same moment */
    char *tmp = xasprintf("%s/queue/tmp/%s.%ld", data_dir, sha256, (long)getpid());
    int rc = 0;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        rc = dk_fail_errno(err, "cannot create queue entry %s", tmp);
    if (fd >= 0)
        close(fd);
    if (rc == 0 && rename(tmp, dst) != 0)
        rc = dk_fail_errno(err, "cannot queue %s", dst);
    if (rc == 0)
        *added = 1;
    free(tmp);
    free(dst);
    return rc;
}

/* queue_move - rename between state directories */
int queue_move(const char *data_dir, const char *sha256, queue_state from, queue_state to,
               char **err)
{
    char *src = entry_path(data_dir, from, sha256);
    char *dst = entry_path(data_dir, to, sha256);
    int rc = 0;
    if (rename(src, dst) != 0)
        rc = dk_fail_errno(err, "cannot move %s from %s to %s", sha256, queue_state_name(from),
                           queue_state_name(to));
    free(src);
    free(dst);
    return rc;
}

typedef struct {
    char *name;
    struct timespec mtime;
} queue_entry;

/* entry_older - qsort order: oldest first, then by name */
static int entry_older(const void *a, const void *b)
{
    const queue_entry *x = a, *y = b;
    if (x->mtime.tv_sec != y->mtime.tv_sec)
        return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
    if (x->mtime.tv_nsec != y->mtime.tv_nsec)
        return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* queue_list - read the state directory, sort oldest first */
int queue_list(const char *data_dir, queue_state state, char ***shas, size_t *count, char **err)
{
    *shas = NULL;
    *count = 0;
    char *dir = queue_dir(data_dir, state);
    DIR *d = opendir(dir);
    if (d == NULL) {
        dk_fail_errno(err, "cannot read queue %s", dir);
        free(dir);
        return -1;
    }
    queue_entry *entries = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!evidence_is_sha256(de->d_name))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), de->d_name, &st, 0) != 0)
            continue; /* moved away meanwhile */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            entries = xrealloc(entries, cap * sizeof *entries);
        }
        entries[n].name = xstrdup(de->d_name);
        entries[n].mtime = st.st_mtim;
        n++;
    }
    closedir(d);
    free(dir);
    if (n > 1)
        qsort(entries, n, sizeof *entries, entry_older);
    *shas = xcalloc(n, sizeof **shas);
    for (size_t i = 0; i < n; i++)
        (*shas)[i] = entries[i].name;
    *count = n;
    free(entries);
    return 0;
}

/* queue_list_free - free names and array */
void queue_list_free(char **shas, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(shas[i]);
    free(shas);
}

/* queue_count - the entries' names counted, neither stat'd nor sorted */
long queue_count(const char *data_dir, queue_state state, char **err)
{
    char *dir = queue_dir(data_dir, state);
    DIR *d = opendir(dir);
    if (d == NULL) {
        dk_fail_errno(err, "cannot read queue %s", dir);
        free(dir);
        return -1;
    }
    long n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        n += evidence_is_sha256(de->d_name);
    closedir(d);
    free(dir);
    return n;
}

/* queue_recover - active -> incoming for everything a stopped service left */
int queue_recover(const char *data_dir, size_t *moved, char **err)
{
    char **shas;
    size_t n;
    *moved = 0;
    if (queue_list(data_dir, QUEUE_ACTIVE, &shas, &n, err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = queue_move(data_dir, shas[i], QUEUE_ACTIVE, QUEUE_INCOMING, err);
        if (rc == 0)
            (*moved)++;
    }
    queue_list_free(shas, n);
    return rc;
}

/* queue_clean_tmp - entries "<sha>.<pid>" whose process is gone */
int queue_clean_tmp(const char *data_dir, size_t *removed, char **err)
{
    char *tmp = fs_join(data_dir, "queue/tmp");
    int rc = fs_clean_orphans(tmp, removed, err);
    free(tmp);
    return rc;
}

/* condition_path - DATA/queue/condition */
static char *condition_path(const char *data_dir)
{
    return fs_join(data_dir, "queue/condition");
}

/* queue_set_condition - pwrite over QUEUE_CONDITION_MAX reserved bytes, so
 * that no block has to be found on a full disk */
int queue_set_condition(const char *data_dir, const char *text, char **err)
{
    char *path = condition_path(data_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    char buf[QUEUE_CONDITION_MAX] = {0};
    snprintf(buf, sizeof buf, "%s", text ? text : "");
    int rc = 0;
    if (fd >= 0)
        (void)posix_fallocate(fd, 0, sizeof buf); /* reserved once; a full disk may refuse */
    if (fd < 0 || pwrite(fd, buf, sizeof buf, 0) != (ssize_t)sizeof buf)
        rc = dk_fail_errno(err, "cannot write %s", path);
    if (fd >= 0)
        close(fd);
    free(path);
    return rc;
}

/* queue_condition - the text up to its first NUL; NULL when empty */
char *queue_condition(const char *data_dir)
{
    char *path = condition_path(data_dir), *text = NULL;
    size_t len = 0;
    if (fs_read_all(path, &text, &len, NULL) == 0 && text[0] == '\0') {
        free(text);
        text = NULL;
    }
    free(path);
    return text;
}
