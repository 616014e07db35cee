/*
 * sandbox.h - confining a process that parses untrusted bytes: a seccomp
 * filter that kills it when it makes a system call no parser needs (network
 * sockets, ptrace, mount, module loading, io_uring...), and, where the kernel
 * offers Landlock, write access only beneath the directories it is given.
 *
 * Two steps, so that a parent can confine a child it forks: sandbox_new
 * builds everything (it allocates, opens the directories), sandbox_apply puts
 * it on the calling process and only makes system calls, so it is safe
 * between fork and exec (the rules stay across exec: a converter run this
 * way, LibreOffice for instance, is confined as well). A process confining
 * itself calls sandbox_enter. Both are one-way: nothing lifts them, and a
 * child inherits them: a converter a sandboxed worker starts can write only
 * where the worker can (its profile and temporary files belong in the data
 * directory's cache/), may add a stricter sandbox of its own, and is killed
 * if it opens an Internet socket (a DNS look-up included). The seccomp
 * filter covers all threads; Landlock only the calling thread and those it
 * starts later, so apply it before starting threads.
 *
 * Ownership: sandbox_new's result is the caller's (sandbox_free); it keeps
 * no pointer to `writable` or `scratch`.
 */
#ifndef DOKAZ_COMMON_SANDBOX_H
#define DOKAZ_COMMON_SANDBOX_H

typedef struct sandbox sandbox;

/* sandbox_new - the filter, and the Landlock rules allowing writes beneath
 * each path of `writable` (NULL-terminated: directories, or single files such
 * as an append-only log or /dev/null; each must exist), and in each
 * directory of `scratch` (NULL-terminated, or NULL) only regular files to be
 * created, written and removed: no directories, links, devices, FIFOs or
 * sockets, nothing renamed in or out (for libraries that put temporary files
 * in a fixed place: leptonica in /tmp). A kernel without Landlock is not an
 * error: sandbox_landlock says so. NULL with *err when the filter cannot be
 * built or a path cannot be opened. */
sandbox *sandbox_new(const char *const *writable, const char *const *scratch, char **err);

/* sandbox_apply - confine the calling process and all its threads: no new
 * privileges, the Landlock rules (when offered), the filter. Safe after
 * fork: no allocation. 0, or -1 with errno set (nothing or only part of it
 * is in place: the caller must not go on to parse anything). */
int sandbox_apply(const sandbox *sb);

/* sandbox_landlock - what the write rules are in this kernel: "Landlock ABI
 * 7" or why there are none ("not offered by this kernel"); sb's string */
const char *sandbox_landlock(const sandbox *sb);

/* sandbox_free - close and free (NULL is fine) */
void sandbox_free(sandbox *sb);

/* sandbox_enter - sandbox_new + sandbox_apply + sandbox_free on the calling
 * process; *landlock (if not NULL) gets sandbox_landlock's text (malloc'd) */
int sandbox_enter(const char *const *writable, const char *const *scratch, char **landlock,
                  char **err);

#endif
