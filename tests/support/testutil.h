/*
 * testutil.h - small helpers shared by the Check tests: temporary directories,
 * files, running the real dokaz binary and capturing what it prints.
 */
#ifndef DOKAZ_TESTUTIL_H
#define DOKAZ_TESTUTIL_H

#include <stddef.h>
#include <check.h>
#include <sys/types.h>

/* tu_tempdir - a fresh directory under $TMPDIR (malloc'd path); aborts the test on failure */
char *tu_tempdir(const char *tag);

/* tu_rmtree - remove a directory tree (best effort, for cleanup) */
void tu_rmtree(const char *path);

/* tu_write - write `len` bytes to `path` (creating parents); aborts on failure */
void tu_write(const char *path, const void *data, size_t len);

/* tu_read - the whole file, NUL-terminated (malloc'd), *len set if len; NULL if absent */
char *tu_read(const char *path, size_t *len);

/* tu_path - join a directory and a name (malloc'd) */
char *tu_path(const char *dir, const char *name);

/* tu_sha256_file - hex SHA-256 of a file (malloc'd), NULL if unreadable */
char *tu_sha256_file(const char *path);

/* tu_run - run argv (NULL-terminated), capture stdout (malloc'd into *out if out),
 * return the exit status (or 128+signal) */
int tu_run(char *const argv[], char **out);

/* tu_count_files - number of regular files below dir (recursively) */
int tu_count_files(const char *dir);

/* tu_open_fds - how many file descriptors process pid (0: this one, less
 * the one that lists them) has open; 0 when it is gone */
int tu_open_fds(pid_t pid);

/* tu_run_suite - run a Check suite, free it, return the process exit status */
int tu_run_suite(Suite *suite);

#endif
