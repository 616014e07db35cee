/*
 * xalloc.h - dokaz's out-of-memory policy: allocation never fails.
 *
 * No caller checks an allocation for NULL, and no function reports "out of
 * memory" as an error. GLib's allocators (g_new, g_strdup, g_string_new...)
 * already abort when memory runs out; for memory that is freed with free()
 * (error messages in *err, strings our headers call "malloc'd") use the
 * x-functions below, which print "dokaz: out of memory" on stderr and
 * abort(). A process that cannot allocate cannot do anything useful either,
 * and a worker that dies is restarted by the supervisor, its job retried or
 * sent to queue/failed; a branch that half-handles the case is never tested
 * and only hides real errors among dead ones.
 *
 * Memory is freed as before: free() for what these return, g_free() for
 * GLib's. libc's allocators stay only where a library frees the memory with
 * its own allocator (the call says so in a comment). A library whose own
 * allocation returns NULL (archive_read_new, pixCreate) is checked like any
 * other failure of that library: it reports, it does not abort.
 */
#ifndef DOKAZ_COMMON_XALLOC_H
#define DOKAZ_COMMON_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* xmalloc - malloc(n) that never returns NULL (not even for n == 0) */
void *xmalloc(size_t n);

/* xcalloc - calloc(n, size) that never returns NULL; overflow aborts too */
void *xcalloc(size_t n, size_t size);

/* xrealloc - realloc(p, n) that never returns NULL and never frees p for n == 0 */
void *xrealloc(void *p, size_t n);

/* xstrdup - strdup(s) that never returns NULL */
char *xstrdup(const char *s);

/* xstrndup - strndup(s, n) that never returns NULL */
char *xstrndup(const char *s, size_t n);

/* xasprintf - a freshly formatted malloc'd string */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* xvasprintf - va_list form of xasprintf */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
