/*
 * watch.h - watching inbox folders with inotify, recursively.
 *
 * A file is handed out once it is completely written: after close-after-write
 * or a move into the inbox, and only when its size and modification time have
 * not changed for `settle_ms` (a writer that closes and re-opens, or one on a
 * network share, keeps it waiting). Files already present when watching starts
 * are handed out too, as are files in folders created or moved in later. Names
 * that look like partial downloads or editor temp files (".name", "*.part",
 * "*.crdownload", "*.tmp", "*.swp", "*~") are ignored until renamed.
 *
 * At most max_waiting files wait at once, whatever an inbox holds: folders are
 * read as the list drains, and a file that finds it full waits in its folder
 * until that is read again. So a file may be handed out more than once (the
 * caller skips those it has received: same path, size and time).
 *
 * An inbox root that goes away (a network share unmounted, a folder moved or
 * deleted) is looked for again every second by watcher_check_roots; when it is
 * back (or a different folder or file system is mounted in its place) it is
 * watched and scanned again, without a restart.
 *
 * What inotify cannot follow is read again every minute: a root on a network
 * file system (NFS, SMB, FUSE...: another machine's writes there raise no
 * event here), and a folder that could not be watched (the inotify watch
 * limit reached), which is still read. A caller that gives poll_ms has every
 * root read again that often instead (a file system not known here).
 */
#ifndef DOKAZ_INGEST_WATCH_H
#define DOKAZ_INGEST_WATCH_H

#include <stddef.h>
#include <sys/stat.h>

typedef struct watcher watcher;

/* watcher_known_fn - 1 when the caller will not take this file as it is
 * (path, size, time): received before, say; it then takes no place on the
 * waiting list */
typedef int (*watcher_known_fn)(const char *path, const struct stat *st, void *ctx);

/* watcher_open - watch every folder below each root (created if missing),
 * holding at most max_waiting (> 0) files waiting to settle; poll_ms 0 reads
 * again what inotify cannot follow every minute, else every root that often */
watcher *watcher_open(char *const *roots, size_t nroots, int settle_ms, size_t max_waiting,
                      int poll_ms, char **err);

/* watcher_skip_known - leave out the files `known` says the caller will not
 * take (it is asked about each file found or changed, before it waits) */
void watcher_skip_known(watcher *w, watcher_known_fn known, void *ctx);

/* watcher_fd - the inotify descriptor to poll for input */
int watcher_fd(const watcher *w);

/* watcher_read - consume pending inotify events (call when the fd is readable) */
int watcher_read(watcher *w, char **err);

/* watcher_timeout_ms - ms until watcher_next_ready may have a file (0 while
 * folders wait to be read); -1 if nothing waits */
long watcher_timeout_ms(const watcher *w);

/* watcher_next_ready - a complete file's path (malloc'd), or NULL if none is
 * ready now; reads waiting folders into the list as it has room */
char *watcher_next_ready(watcher *w);

/* watcher_pending - how many files are waiting to settle */
size_t watcher_pending(const watcher *w);

/* watcher_check_roots - at most once a second: stat each inbox root, note
 * the ones that went away, watch and scan again the ones that came back or
 * were replaced, and read again what is due to be polled; 1 when what
 * watcher_trouble says changed since the last call */
int watcher_check_roots(watcher *w);

/* watcher_trouble - "inbox DIR is gone since TIME (why)" for each root that
 * is gone, and how many folders could not be watched, joined by "; "
 * (malloc'd); NULL when everything is watched */
char *watcher_trouble(const watcher *w);

/* watcher_ignored_name - 1 for names that are never picked up as they are */
int watcher_ignored_name(const char *name);

/* watcher_close - stop watching and free (NULL is fine) */
void watcher_close(watcher *w);

#endif
