/*
 * watch.c - recursive inotify watcher with a settle check (see watch.h).
 *
 * inotify tells us when something happened, not that a file is finished: a
 * copy over a network share or a writer that re-opens the file can close it
 * several times. So events only put a path on a waiting list; the path is
 * handed out after it stayed unchanged (size, mtime) for settle_ms.
 *
 * A root is known by its device and inode: inotify says nothing when a share
 * is mounted over a watched folder or comes back after going away, so the
 * roots are stat'ed every ROOT_CHECK_MS, and one that is missing is noted,
 * one whose identity changed is watched and scanned again (files already
 * received are skipped by the caller's seen set).
 *
 * Functions: watcher_ignored_name, watcher_open, watcher_fd, watcher_read,
 * watcher_check_roots, watcher_gone, watcher_timeout_ms, watcher_next_ready,
 * watcher_pending, watcher_close.
 */
#include "watch.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    DIR_EVENTS = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE | IN_MOVED_FROM |
                 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
};

/* How often the roots are looked at (watcher_check_roots). */
enum { ROOT_CHECK_MS = 1000 };

/* One inbox root and what was watched there. */
typedef struct {
    char *path;
    dev_t dev; /* of the folder watched; 0 before the first watch */
    ino_t ino;
    char *gone; /* "since TIME (why)" while it is missing (malloc'd), else NULL */
} inbox_root;

typedef struct {
    long long due_ms; /* when it may be handed out */
    off_t size;
    struct timespec mtime;
} waiting_file;

struct watcher {
    int fd;
    int settle_ms;
    inbox_root *roots;
    size_t nroots;
    long long checked_ms; /* when the roots were last stat'ed */
    GHashTable *dirs;     /* wd (int) -> malloc'd dir path */
    GHashTable *waiting;  /* path -> waiting_file* */
};

/* now_ms - monotonic milliseconds */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ends_with - suffix test */
static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* watcher_ignored_name - temp and partial-download names */
int watcher_ignored_name(const char *name)
{
    return name[0] == '.' || ends_with(name, ".part") || ends_with(name, ".crdownload") ||
           ends_with(name, ".tmp") || ends_with(name, ".swp") || ends_with(name, "~");
}

/* wait_for - (re)start the settle clock for a path */
static void wait_for(watcher *w, const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    waiting_file *f = g_hash_table_lookup(w->waiting, path);
    if (f == NULL) {
        f = g_new0(waiting_file, 1);
        g_hash_table_insert(w->waiting, g_strdup(path), f);
    }
    f->due_ms = now_ms() + w->settle_ms;
    f->size = st.st_size;
    f->mtime = st.st_mtim;
}

/* add_dir - watch one directory and queue the files in it; its
 * subdirectories go on `below` (malloc'd paths) */
static int add_dir(watcher *w, const char *dir, GPtrArray *below, char **err)
{
    int wd = inotify_add_watch(w->fd, dir, DIR_EVENTS);
    if (wd < 0) {
        if (errno == ENOSPC)
            return dk_fail(err,
                           "cannot watch %s: the inotify watch limit is reached "
                           "(raise fs.inotify.max_user_watches)",
                           dir);
        return dk_fail_errno(err, "cannot watch %s", dir);
    }
    g_hash_table_replace(w->dirs, GINT_TO_POINTER(wd), g_strdup(dir));
    /* Files may have landed before the watch existed: scan after adding it. */
    DIR *d = opendir(dir);
    if (d == NULL)
        return dk_fail_errno(err, "cannot read %s", dir);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
            watcher_ignored_name(de->d_name))
            continue;
        char *path = fs_join(dir, de->d_name);
        struct stat st;
        int found = lstat(path, &st) == 0;
        if (found && S_ISDIR(st.st_mode)) {
            g_ptr_array_add(below, path); /* the list owns it */
            continue;
        }
        if (found && S_ISREG(st.st_mode))
            wait_for(w, path);
        free(path);
    }
    closedir(d);
    return 0;
}

/* add_tree - watch a directory and everything below it; queue files found.
 * The directories below wait on a list, so that one is open at a time
 * however deep the tree is (each still takes one inotify watch). */
static int add_tree(watcher *w, const char *dir, char **err)
{
    GPtrArray *below = g_ptr_array_new_with_free_func(free);
    g_ptr_array_add(below, xstrdup(dir));
    int rc = 0;
    while (rc == 0 && below->len > 0) {
        char *next = g_ptr_array_steal_index(below, below->len - 1);
        rc = add_dir(w, next, below, err);
        free(next);
    }
    g_ptr_array_free(below, TRUE);
    return rc;
}

/* watcher_open - inotify_init, watch the roots */
watcher *watcher_open(char *const *roots, size_t nroots, int settle_ms, char **err)
{
    watcher *w = xcalloc(1, sizeof *w);
    w->settle_ms = settle_ms;
    w->dirs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    w->waiting = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->roots = xcalloc(nroots, sizeof *w->roots);
    if (w->fd < 0) {
        dk_fail_errno(err, "inotify_init1");
        watcher_close(w);
        return NULL;
    }
    for (size_t i = 0; i < nroots; i++) {
        inbox_root *r = &w->roots[w->nroots++];
        r->path = xstrdup(roots[i]);
        struct stat st;
        if (fs_mkdirs(roots[i], 0755, err) != 0 || add_tree(w, roots[i], err) != 0 ||
            stat(roots[i], &st) != 0) {
            watcher_close(w);
            return NULL;
        }
        r->dev = st.st_dev;
        r->ino = st.st_ino;
    }
    w->checked_ms = now_ms();
    return w;
}

/* watcher_fd - for poll() */
int watcher_fd(const watcher *w)
{
    return w->fd;
}

/* rescan - after an event-queue overflow, look at everything again */
static int rescan(watcher *w, char **err)
{
    log_msg(LOG_WARN, "inotify queue overflowed: rescanning the inboxes");
    for (size_t i = 0; i < w->nroots; i++)
        if (w->roots[i].gone == NULL && add_tree(w, w->roots[i].path, err) != 0)
            return -1;
    return 0;
}

/* handle_event - one inotify event */
static int handle_event(watcher *w, const struct inotify_event *ev, char **err)
{
    if (ev->mask & IN_Q_OVERFLOW)
        return rescan(w, err);
    if (ev->mask & IN_IGNORED) {
        g_hash_table_remove(w->dirs, GINT_TO_POINTER(ev->wd));
        return 0;
    }
    const char *dir = g_hash_table_lookup(w->dirs, GINT_TO_POINTER(ev->wd));
    if (dir == NULL || ev->len == 0 || watcher_ignored_name(ev->name))
        return 0;
    char *path = fs_join(dir, ev->name);
    int rc = 0;
    if (ev->mask & IN_ISDIR) {
        if (ev->mask & (IN_CREATE | IN_MOVED_TO))
            rc = add_tree(w, path, err);
    } else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
        wait_for(w, path);
    } else if (ev->mask & IN_MODIFY) {
        if (g_hash_table_contains(w->waiting, path))
            wait_for(w, path);
    } else if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
        g_hash_table_remove(w->waiting, path);
    }
    free(path);
    return rc;
}

/* watcher_read - drain the non-blocking inotify fd */
int watcher_read(watcher *w, char **err)
{
    char buf[64 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
        __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return 0;
        if (n <= 0)
            return dk_fail_errno(err, "reading inotify events");
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (handle_event(w, ev, err) != 0)
                log_msg(LOG_WARN, "%s", err && *err ? *err : "watch error");
            p += sizeof *ev + ev->len;
        }
    }
}

/* unwatch_tree - stop watching root and the folders below it (their watches
 * may follow a folder moved away; IN_IGNORED then drops them from dirs) */
static void unwatch_tree(watcher *w, const char *root)
{
    size_t n = strlen(root);
    GHashTableIter it;
    gpointer wd, dir;
    g_hash_table_iter_init(&it, w->dirs);
    while (g_hash_table_iter_next(&it, &wd, &dir))
        if (strncmp(dir, root, n) == 0 && (((char *)dir)[n] == '\0' || ((char *)dir)[n] == '/'))
            inotify_rm_watch(w->fd, GPOINTER_TO_INT(wd));
}

/* check_root - stat one root: note it gone, or watch it again; 1 on a change
 * of gone / not gone */
static int check_root(watcher *w, inbox_root *r)
{
    struct stat st;
    int found = stat(r->path, &st) == 0;
    if (!found || !S_ISDIR(st.st_mode)) {
        if (r->gone != NULL)
            return 0;
        char now[40];
        r->gone = g_strdup_printf("since %s (%s)", log_utc_now(now, sizeof now),
                                  found ? "not a folder" : strerror(errno));
        unwatch_tree(w, r->path);
        log_msg(LOG_ERROR, "inbox %s is gone %s: it is watched again when it is back", r->path,
                r->gone);
        return 1;
    }
    if (r->gone == NULL && st.st_dev == r->dev && st.st_ino == r->ino)
        return 0;
    char *err = NULL;
    unwatch_tree(w, r->path);
    if (add_tree(w, r->path, &err) != 0) { /* watched in part: the rest next time */
        log_msg(LOG_WARN, "inbox %s: %s", r->path, err);
        free(err);
    }
    log_msg(LOG_INFO, "inbox %s %s: watched and scanned again", r->path,
            r->gone ? "is back" : "was replaced (a share mounted over it?)");
    r->dev = st.st_dev;
    r->ino = st.st_ino;
    int changed = r->gone != NULL;
    g_free(r->gone);
    r->gone = NULL;
    return changed;
}

/* watcher_check_roots - each root, once a second */
int watcher_check_roots(watcher *w)
{
    long long now = now_ms();
    if (now - w->checked_ms < ROOT_CHECK_MS)
        return 0;
    w->checked_ms = now;
    int changed = 0;
    for (size_t i = 0; i < w->nroots; i++)
        changed |= check_root(w, &w->roots[i]);
    return changed;
}

/* watcher_gone - the roots that are gone, in words */
char *watcher_gone(const watcher *w)
{
    GString *s = NULL;
    for (size_t i = 0; i < w->nroots; i++) {
        const inbox_root *r = &w->roots[i];
        if (r->gone == NULL)
            continue;
        s = s ? g_string_append(s, "; ") : g_string_new(NULL);
        g_string_append_printf(s, "inbox %s is gone %s", r->path, r->gone);
    }
    if (s == NULL)
        return NULL;
    char *text = xstrdup(s->str);
    g_string_free(s, TRUE);
    return text;
}

/* watcher_timeout_ms - earliest due time among waiting files */
long watcher_timeout_ms(const watcher *w)
{
    long long best = -1, now = now_ms();
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, w->waiting);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const waiting_file *f = value;
        long long left = f->due_ms > now ? f->due_ms - now : 0;
        if (best < 0 || left < best)
            best = left;
    }
    return (long)best;
}

/* watcher_next_ready - a due path whose size and mtime did not change */
char *watcher_next_ready(watcher *w)
{
    long long now = now_ms();
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, w->waiting);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        waiting_file *f = value;
        if (f->due_ms > now)
            continue;
        struct stat st;
        if (lstat(key, &st) != 0 || !S_ISREG(st.st_mode)) {
            g_hash_table_iter_remove(&it); /* gone or replaced by something else */
            continue;
        }
        if (st.st_size != f->size || st.st_mtim.tv_sec != f->mtime.tv_sec ||
            st.st_mtim.tv_nsec != f->mtime.tv_nsec) {
            f->size = st.st_size;
            f->mtime = st.st_mtim;
            f->due_ms = now + w->settle_ms; /* still being written */
            continue;
        }
        char *path = xstrdup(key);
        g_hash_table_iter_remove(&it);
        return path;
    }
    return NULL;
}

/* watcher_pending - size of the waiting list */
size_t watcher_pending(const watcher *w)
{
    return g_hash_table_size(w->waiting);
}

/* watcher_close - free everything */
void watcher_close(watcher *w)
{
    if (w == NULL)
        return;
    if (w->fd >= 0)
        close(w->fd);
    g_hash_table_destroy(w->dirs);
    g_hash_table_destroy(w->waiting);
    for (size_t i = 0; i < w->nroots; i++) {
        free(w->roots[i].path);
        g_free(w->roots[i].gone);
    }
    free(w->roots);
    free(w);
}
