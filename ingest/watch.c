/*
 * watch.c - recursive inotify watcher with a settle check (see watch.h).
 *
 * inotify tells us when something happened, not that a file is finished: a
 * copy over a network share or a writer that re-opens the file can close it
 * several times. So events only put a path on a waiting list; the path is
 * handed out after it stayed unchanged (size, mtime) for settle_ms.
 *
 * Memory stays bounded however many files an inbox holds: at most
 * max_waiting files wait at once. Folders are read a piece at a time, as
 * room frees up (one folder open at a time, the ones still to read on a
 * list), and a new file that finds the list full is left where it is and
 * its folder is read again once there is room; a file found twice is handed
 * out twice (the caller's seen set skips what it already received). The
 * waiting files are kept in the order they become due (every wait is the
 * same settle_ms on a monotonic clock), so handing out the next one and
 * finding the next due time take constant time, not a look at every file.
 *
 * A root is known by its device and inode: inotify says nothing when a share
 * is mounted over a watched folder or comes back after going away, so the
 * roots are stat'ed every ROOT_CHECK_MS, and one that is missing is noted,
 * one whose identity changed is watched and scanned again (files already
 * received are skipped by the caller's seen set).
 *
 * inotify sees only what this machine's kernel does: a file another machine
 * writes into an NFS or SMB share, or one in a folder left unwatched (the
 * watch limit reached), raises no event. So what inotify cannot follow is
 * read again every minute: roots on a network file system, and folders that
 * could not be watched (which are still read); or, when the caller gives an
 * interval (a file system not known here), everything at that interval.
 *
 * Functions: watcher_ignored_name, watcher_open, watcher_skip_known, watcher_fd, watcher_read,
 * watcher_check_roots, watcher_trouble, watcher_timeout_ms, watcher_next_ready,
 * watcher_pending, watcher_close.
 */
#include "watch.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

enum {
    DIR_EVENTS = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE | IN_MOVED_FROM |
                 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
};

/* How often the roots are looked at (watcher_check_roots); how many names
 * one watcher_next_ready reads from folders at most; how often what inotify
 * cannot follow is read again unless the caller says otherwise. */
enum { ROOT_CHECK_MS = 1000, READ_PER_CALL = 1024, POLL_DEFAULT_MS = 60000 };

/* File systems on which another machine's writes raise no inotify event, by
 * statfs(2)'s f_type (linux/magic.h and the kernel's cifs, smb and fuse). */
static const struct {
    unsigned long type;
    const char *name;
} network_file_systems[] = {
    {0x6969UL, "NFS"},      {0xFF534D42UL, "CIFS"}, {0xFE534D42UL, "SMB2"},
    {0x517BUL, "SMB"},      {0x65735546UL, "FUSE"}, {0x01021997UL, "9P"},
    {0x00C36400UL, "Ceph"}, {0x5346414FUL, "AFS"},  {0x0BD00BD0UL, "Lustre"},
    {0x47504653UL, "GPFS"}, {0x01161970UL, "GFS2"}, {0x7461636FUL, "OCFS2"},
};

/* One inbox root and what was watched there. */
typedef struct {
    char *path;
    dev_t dev; /* of the folder watched; 0 before the first watch */
    ino_t ino;
    char *gone;          /* "since TIME (why)" while it is missing (malloc'd), else NULL */
    const char *network; /* its network file system's name, or NULL */
} inbox_root;

typedef struct {
    char *path;       /* also its key in `waiting` */
    GList *link;      /* its place in `due` */
    long long due_ms; /* when it may be handed out */
    off_t size;
    struct timespec mtime;
} waiting_file;

struct watcher {
    int fd;
    int settle_ms;
    size_t max_waiting;
    inbox_root *roots;
    size_t nroots;
    long long checked_ms;   /* when the roots were last stat'ed */
    int poll_ms, poll_all;  /* read again what inotify cannot follow (or all) this often */
    long long polled_ms;    /* when that was last done */
    GHashTable *dirs;       /* wd (int) -> malloc'd dir path */
    GHashTable *unwatched;  /* folders inotify could not watch (g_free'd paths) */
    int unwatched_changed;  /* since watcher_check_roots last said so */
    watcher_known_fn known; /* files the caller has (watcher_skip_known), or NULL */
    void *known_ctx;
    GHashTable *waiting; /* path -> waiting_file* (owns both) */
    GQueue due;          /* the waiting files, the earliest due first */
    GQueue to_read;      /* folders still to read (g_free'd paths), the next first */
    GHashTable *queued;  /* the same paths, so that a folder is on the list once */
    DIR *reading;        /* the folder being read, or NULL */
    char *reading_path;  /* its path (g_free'd) */
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

/* waiting_file_free - a waiting file's memory (the table's value destructor) */
static void waiting_file_free(void *p)
{
    waiting_file *f = p;
    g_free(f->path);
    g_free(f);
}

/* forget - take a waiting file off the list */
static void forget(watcher *w, waiting_file *f)
{
    g_queue_delete_link(&w->due, f->link);
    g_hash_table_remove(w->waiting, f->path); /* frees f */
}

/* due_again - restart f's settle clock: it goes to the end of `due`, which
 * stays in order since every wait is the same length */
static void due_again(watcher *w, waiting_file *f, const struct stat *st)
{
    f->due_ms = now_ms() + w->settle_ms;
    f->size = st->st_size;
    f->mtime = st->st_mtim;
    g_queue_unlink(&w->due, f->link);
    g_queue_push_tail_link(&w->due, f->link);
}

/* read_again - put a folder on the list of those to read (once) */
static void read_again(watcher *w, const char *dir)
{
    if (g_hash_table_contains(w->queued, dir))
        return;
    char *copy = g_strdup(dir);
    g_hash_table_add(w->queued, copy);
    g_queue_push_tail(&w->to_read, copy);
}

/* wait_for - (re)start the settle clock for a file in dir; when the list is
 * full a new file is left for the folder's next reading. `restart` 0 leaves
 * a file already waiting as it is (a folder read again finds it). */
static void wait_for(watcher *w, const char *dir, const char *path, int restart)
{
    waiting_file *f = g_hash_table_lookup(w->waiting, path);
    if (f != NULL && !restart)
        return;
    if (f == NULL && g_hash_table_size(w->waiting) >= w->max_waiting) {
        read_again(w, dir);
        return;
    }
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    if (w->known != NULL && w->known(path, &st, w->known_ctx)) {
        if (f != NULL)
            forget(w, f); /* changed back to what was received */
        return;
    }
    if (f == NULL) {
        f = g_new0(waiting_file, 1);
        f->path = g_strdup(path);
        f->link = g_list_alloc();
        f->link->data = f;
        g_queue_push_tail_link(&w->due, f->link);
        g_hash_table_insert(w->waiting, f->path, f);
    }
    due_again(w, f, &st);
}

/* watch_dir - one folder's inotify watch */
static int watch_dir(watcher *w, const char *dir, char **err)
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
    return 0;
}

/* open_next - watch and open the next folder on the list; 0 when none is left */
static int open_next(watcher *w)
{
    while (w->reading == NULL) {
        char *dir = g_queue_pop_head(&w->to_read);
        if (dir == NULL)
            return 0;
        g_hash_table_steal(w->queued, dir); /* a change from now on lists it again */
        char *err = NULL;
        /* Files may land before the watch exists: read the folder after adding it.
         * One that cannot be watched is read all the same, and again at each poll. */
        int watched = watch_dir(w, dir, &err) == 0;
        if ((w->reading = opendir(dir)) == NULL) {
            if (errno != ENOENT && errno != ENOTDIR) /* else gone since it was listed */
                log_msg(LOG_WARN, "cannot read %s: %s", dir, strerror(errno));
            w->unwatched_changed |= g_hash_table_remove(w->unwatched, dir);
        } else if (!watched && !g_hash_table_contains(w->unwatched, dir)) {
            log_msg(LOG_WARN, "%s; it is read every %d s instead", err, w->poll_ms / 1000);
            g_hash_table_add(w->unwatched, g_strdup(dir));
            w->unwatched_changed = 1;
        } else if (watched && g_hash_table_remove(w->unwatched, dir)) {
            log_msg(LOG_INFO, "%s is watched now", dir);
            w->unwatched_changed = 1;
        }
        free(err);
        if (w->reading == NULL)
            g_free(dir);
        else
            w->reading_path = dir;
    }
    return 1;
}

/* read_some - read the listed folders while the waiting list has room, at
 * most READ_PER_CALL names (the caller's loop has other work): files wait,
 * folders go on the list */
static void read_some(watcher *w)
{
    for (int names = 0;
         names < READ_PER_CALL && g_hash_table_size(w->waiting) < w->max_waiting && open_next(w);
         names++) {
        struct dirent *de = readdir(w->reading);
        if (de == NULL) {
            closedir(w->reading);
            w->reading = NULL;
            g_free(w->reading_path);
            w->reading_path = NULL;
            continue;
        }
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
            watcher_ignored_name(de->d_name))
            continue;
        char *path = fs_join(w->reading_path, de->d_name);
        struct stat st;
        int is_dir = de->d_type == DT_DIR ||
                     (de->d_type == DT_UNKNOWN && lstat(path, &st) == 0 && S_ISDIR(st.st_mode));
        if (is_dir)
            read_again(w, path);
        else if (de->d_type == DT_REG || de->d_type == DT_UNKNOWN)
            wait_for(w, w->reading_path, path, 0);
        free(path);
    }
}

/* note_network - whether r is on a network file system, said in the log */
static void note_network(const watcher *w, inbox_root *r)
{
    struct statfs fs;
    r->network = NULL;
    if (statfs(r->path, &fs) != 0)
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(network_file_systems); i++)
        if ((unsigned long)fs.f_type == network_file_systems[i].type)
            r->network = network_file_systems[i].name;
    if (r->network != NULL && !w->poll_all)
        log_msg(LOG_INFO,
                "inbox %s is on a network file system (%s): files other machines write "
                "there are found by reading it every %d s",
                r->path, r->network, w->poll_ms / 1000);
}

/* watcher_open - inotify_init, watch the roots; their files are read as
 * watcher_next_ready makes room */
watcher *watcher_open(char *const *roots, size_t nroots, int settle_ms, size_t max_waiting,
                      int poll_ms, char **err)
{
    assert(max_waiting > 0 && poll_ms >= 0);
    watcher *w = xcalloc(1, sizeof *w);
    w->settle_ms = settle_ms;
    w->max_waiting = max_waiting;
    w->dirs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    w->waiting = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, waiting_file_free);
    w->queued = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, NULL);
    w->unwatched = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    w->poll_ms = poll_ms > 0 ? poll_ms : POLL_DEFAULT_MS;
    w->poll_all = poll_ms > 0;
    g_queue_init(&w->due);
    g_queue_init(&w->to_read);
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
        if (fs_mkdirs(roots[i], 0755, err) != 0 || watch_dir(w, roots[i], err) != 0) {
            watcher_close(w);
            return NULL;
        }
        if (stat(roots[i], &st) != 0 || access(roots[i], R_OK | X_OK) != 0) {
            dk_fail_errno(err, "cannot read %s", roots[i]);
            watcher_close(w);
            return NULL;
        }
        r->dev = st.st_dev;
        r->ino = st.st_ino;
        note_network(w, r);
        read_again(w, roots[i]);
    }
    w->checked_ms = w->polled_ms = now_ms();
    return w;
}

/* watcher_skip_known - the caller's test of what it has received */
void watcher_skip_known(watcher *w, watcher_known_fn known, void *ctx)
{
    w->known = known;
    w->known_ctx = ctx;
}

/* watcher_fd - for poll() */
int watcher_fd(const watcher *w)
{
    return w->fd;
}

/* rescan - after an event-queue overflow, read everything again */
static void rescan(watcher *w)
{
    log_msg(LOG_WARN, "inotify queue overflowed: reading the inboxes again");
    for (size_t i = 0; i < w->nroots; i++)
        if (w->roots[i].gone == NULL)
            read_again(w, w->roots[i].path);
}

/* handle_event - one inotify event */
static void handle_event(watcher *w, const struct inotify_event *ev)
{
    if (ev->mask & IN_Q_OVERFLOW) {
        rescan(w);
        return;
    }
    if (ev->mask & IN_IGNORED) {
        g_hash_table_remove(w->dirs, GINT_TO_POINTER(ev->wd));
        return;
    }
    const char *dir = g_hash_table_lookup(w->dirs, GINT_TO_POINTER(ev->wd));
    if (dir == NULL || ev->len == 0 || watcher_ignored_name(ev->name))
        return;
    char *path = fs_join(dir, ev->name);
    if (ev->mask & IN_ISDIR) {
        if (ev->mask & (IN_CREATE | IN_MOVED_TO))
            read_again(w, path);
    } else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
        wait_for(w, dir, path, 1);
    } else if (ev->mask & IN_MODIFY) {
        if (g_hash_table_contains(w->waiting, path))
            wait_for(w, dir, path, 1);
    } else if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
        waiting_file *f = g_hash_table_lookup(w->waiting, path);
        if (f != NULL)
            forget(w, f);
    }
    free(path);
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
            handle_event(w, ev);
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
    unwatch_tree(w, r->path);
    read_again(w, r->path);
    log_msg(LOG_INFO, "inbox %s %s: watched and read again", r->path,
            r->gone ? "is back" : "was replaced (a share mounted over it?)");
    r->dev = st.st_dev;
    r->ino = st.st_ino;
    note_network(w, r);
    int changed = r->gone != NULL;
    g_free(r->gone);
    r->gone = NULL;
    return changed;
}

/* poll_due - read again what inotify cannot follow, when it is time */
static void poll_due(watcher *w, long long now)
{
    if (now - w->polled_ms < w->poll_ms)
        return;
    w->polled_ms = now;
    for (size_t i = 0; i < w->nroots; i++)
        if (w->roots[i].gone == NULL && (w->poll_all || w->roots[i].network != NULL))
            read_again(w, w->roots[i].path); /* and every folder below it */
    GHashTableIter it;
    gpointer dir;
    g_hash_table_iter_init(&it, w->unwatched);
    while (g_hash_table_iter_next(&it, &dir, NULL))
        read_again(w, dir);
}

/* watcher_check_roots - each root, once a second; and the polling */
int watcher_check_roots(watcher *w)
{
    long long now = now_ms();
    if (now - w->checked_ms < ROOT_CHECK_MS)
        return 0;
    w->checked_ms = now;
    int changed = 0;
    for (size_t i = 0; i < w->nroots; i++)
        changed |= check_root(w, &w->roots[i]);
    poll_due(w, now);
    changed |= w->unwatched_changed;
    w->unwatched_changed = 0;
    return changed;
}

/* watcher_trouble - the roots that are gone and the folders not watched, in words */
char *watcher_trouble(const watcher *w)
{
    GString *s = NULL;
    for (size_t i = 0; i < w->nroots; i++) {
        const inbox_root *r = &w->roots[i];
        if (r->gone == NULL)
            continue;
        s = s ? g_string_append(s, "; ") : g_string_new(NULL);
        g_string_append_printf(s, "inbox %s is gone %s", r->path, r->gone);
    }
    guint unwatched = g_hash_table_size(w->unwatched);
    if (unwatched > 0) {
        const char *first = NULL; /* the first by name, to say one */
        GHashTableIter it;
        gpointer dir;
        g_hash_table_iter_init(&it, w->unwatched);
        while (g_hash_table_iter_next(&it, &dir, NULL))
            if (first == NULL || strcmp(dir, first) < 0)
                first = dir;
        s = s ? g_string_append(s, "; ") : g_string_new(NULL);
        g_string_append_printf(s,
                               "%u inbox folder%s (%s%s) beyond the inotify watch limit (raise "
                               "fs.inotify.max_user_watches): read every %d s instead of watched",
                               unwatched, unwatched == 1 ? "" : "s", first,
                               unwatched == 1 ? "" : " and more", w->poll_ms / 1000);
    }
    if (s == NULL)
        return NULL;
    char *text = xstrdup(s->str);
    g_string_free(s, TRUE);
    return text;
}

/* watcher_timeout_ms - until the first waiting file is due; 0 while
 * folders wait to be read into a list with room */
long watcher_timeout_ms(const watcher *w)
{
    if (g_hash_table_size(w->waiting) < w->max_waiting &&
        (w->reading != NULL || w->to_read.head != NULL))
        return 0;
    if (w->due.head == NULL)
        return -1;
    const waiting_file *first = w->due.head->data;
    long long left = first->due_ms - now_ms();
    return left > 0 ? (long)left : 0;
}

/* watcher_next_ready - the first due path whose size and mtime did not
 * change; one that changed waits again, one gone is dropped */
char *watcher_next_ready(watcher *w)
{
    read_some(w);
    long long now = now_ms();
    waiting_file *f;
    while ((f = g_queue_peek_head(&w->due)) != NULL && f->due_ms <= now) {
        struct stat st;
        if (lstat(f->path, &st) != 0 || !S_ISREG(st.st_mode)) {
            forget(w, f); /* gone or replaced by something else */
            continue;
        }
        if (st.st_size != f->size || st.st_mtim.tv_sec != f->mtime.tv_sec ||
            st.st_mtim.tv_nsec != f->mtime.tv_nsec) {
            due_again(w, f, &st); /* still being written */
            continue;
        }
        char *path = xstrdup(f->path);
        forget(w, f);
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
    if (w->reading != NULL)
        closedir(w->reading);
    g_free(w->reading_path);
    g_queue_clear(&w->due); /* its links' data belong to `waiting` */
    g_hash_table_destroy(w->waiting);
    g_hash_table_destroy(w->dirs);
    g_hash_table_destroy(w->queued);
    g_hash_table_destroy(w->unwatched);
    g_queue_clear_full(&w->to_read, g_free);
    for (size_t i = 0; i < w->nroots; i++) {
        free(w->roots[i].path);
        g_free(w->roots[i].gone);
    }
    free(w->roots);
    free(w);
}
