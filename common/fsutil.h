/*
 * fsutil.h - file-system helpers with dokaz's error convention: creating
 * directories, durable atomic writes (temp file, fsync, rename, fsync of the
 * directory), reading whole small files, path joining, temporary files
 * left by killed processes.
 */
#ifndef DOKAZ_COMMON_FSUTIL_H
#define DOKAZ_COMMON_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* fs_mkdirs - create `path` and its missing parents with `mode` */
int fs_mkdirs(const char *path, mode_t mode, char **err);

/* fs_fsync_dir - make a rename or link in `dir` durable */
int fs_fsync_dir(const char *dir, char **err);

/* fs_sync_fs - make everything written on the filesystem holding `dir`
 * durable, with one syncfs(2): a group of unsynced writes at once */
int fs_sync_fs(const char *dir, char **err);

/* fs_replace_open - a new temporary file beside `path`, with `mode`, to be
 * written in its place (a record written in pieces): its descriptor, and its
 * name in *tmp (malloc'd), both for fs_replace_close; -1 with *err */
int fs_replace_open(const char *path, mode_t mode, char **tmp, char **err);

/* fs_replace_close - end what fs_replace_open began: when `ok`, the file
 * replaces `path` atomically (with `sync`: fsync of the file before the
 * rename, of the directory after, as fs_write_atomic); otherwise, or when
 * that fails (-1 with *err), the file is removed. Takes fd and tmp; a caller
 * that passes ok false has set *err already (-1 is returned). */
int fs_replace_close(const char *path, int fd, char *tmp, bool ok, bool sync, char **err);

/* fs_write_atomic - replace `path` with `data` so readers see old or new, never half */
int fs_write_atomic(const char *path, const void *data, size_t len, char **err);

/* fs_write_replace - fs_write_atomic without its two fsyncs (file and
 * directory): readers see old or new, never half, but after a crash of the
 * machine the file may be old, empty or missing until the caller has made it
 * durable (syncfs(2) of a group of such writes: service/results.c) */
int fs_write_replace(const char *path, const void *data, size_t len, char **err);

/* fs_write_private - fs_write_atomic with mode 0600: the new file is never
 * readable by others, not even for a moment (secrets: the users file) */
int fs_write_private(const char *path, const void *data, size_t len, char **err);

/* fs_read_all - read a whole file into a malloc'd NUL-terminated buffer */
int fs_read_all(const char *path, char **data, size_t *len, char **err);

/* fs_join - "a/b" (malloc'd) */
char *fs_join(const char *a, const char *b);

/* fs_abspath - absolute form of `path` without resolving symlinks (malloc'd) */
char *fs_abspath(const char *path);

/* fs_exists - 1 if something is at `path` */
int fs_exists(const char *path);

/* fs_clean_orphans - in a temporary folder whose files are named
 * "<anything>.<pid of the writer>", remove each file whose writer is gone
 * (killed before it could rename or remove it); a name without a pid is
 * removed once it is an hour old. *removed gets how many went. */
int fs_clean_orphans(const char *dir, size_t *removed, char **err);

/* fs_remove_tree - remove path and everything below it, without following
 * symbolic links; what cannot be removed stays (nothing to report) */
void fs_remove_tree(const char *path);

#endif
