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
 * An inbox root that goes away (a network share unmounted, a folder moved or
 * deleted) is looked for again every second by watcher_check_roots; when it is
 * back (or a different folder or file system is mounted in its place) it is
 * watched and scanned again, without a restart.
 */
#ifndef DOKAZ_INGEST_WATCH_H
#define DOKAZ_INGEST_WATCH_H

#include <stddef.h>

typedef struct watcher watcher;

/* watcher_open - watch every folder below each root (created if missing) */
watcher *watcher_open(char *const *roots, size_t nroots, int settle_ms, char **err);

/* watcher_fd - the inotify descriptor to poll for input */
int watcher_fd(const watcher *w);

/* watcher_read - consume pending inotify events (call when the fd is readable) */
int watcher_read(watcher *w, char **err);

/* watcher_timeout_ms - ms until the next waiting file may be ready; -1 if none waits */
long watcher_timeout_ms(const watcher *w);

/* watcher_next_ready - a complete file's path (malloc'd), or NULL if none is ready now */
char *watcher_next_ready(watcher *w);

/* watcher_pending - how many files are waiting to settle */
size_t watcher_pending(const watcher *w);

/* watcher_check_roots - at most once a second: stat each inbox root, note
 * the ones that went away, watch and scan again the ones that came back or
 * were replaced; 1 when the set of gone roots changed since the last call */
int watcher_check_roots(watcher *w);

/* watcher_gone - "inbox DIR is gone since TIME (why)", joined by "; ", for
 * each root that is gone (malloc'd), or NULL when every root is watched */
char *watcher_gone(const watcher *w);

/* watcher_ignored_name - 1 for names that are never picked up as they are */
int watcher_ignored_name(const char *name);

/* watcher_close - stop watching and free (NULL is fine) */
void watcher_close(watcher *w);

#endif
