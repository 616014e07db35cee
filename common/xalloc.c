/*
 * xalloc.c - libc allocators that abort instead of returning NULL (see xalloc.h).
 *
 * Functions: xmalloc, xcalloc, xrealloc, xstrdup, xstrndup, xvasprintf,
 * xasprintf.
 */
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* out_of_memory - say so on stderr and abort, as GLib does */
static void out_of_memory(void) __attribute__((noreturn));
static void out_of_memory(void)
{
    fputs("dokaz: out of memory\n", stderr);
    abort();
}

/* xmalloc - malloc or abort */
void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

/* xcalloc - calloc or abort */
void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

/* xrealloc - realloc or abort */
void *xrealloc(void *p, size_t n)
{
    void *grown = realloc(p, n ? n : 1);
    if (grown == NULL)
        out_of_memory();
    return grown;
}

/* xstrdup - strdup or abort */
char *xstrdup(const char *s)
{
    char *copy = strdup(s);
    if (copy == NULL)
        out_of_memory();
    return copy;
}

/* xstrndup - strndup or abort */
char *xstrndup(const char *s, size_t n)
{
    char *copy = strndup(s, n);
    if (copy == NULL)
        out_of_memory();
    return copy;
}

/* xvasprintf - vasprintf or abort */
char *xvasprintf(const char *fmt, va_list ap)
{
    char *out = NULL;
    if (vasprintf(&out, fmt, ap) < 0)
        out_of_memory();
    return out;
}

/* xasprintf - asprintf or abort */
char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = xvasprintf(fmt, ap);
    va_end(ap);
    return out;
}
