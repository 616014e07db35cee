/*
 * error.c - formatted error messages handed to the caller (see error.h).
 *
 * Functions: dk_vfail, dk_fail, dk_fail_kind, dk_fail_errno.
 */
#include "error.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* dk_vfail - format into a fresh string */
int dk_vfail(char **err, const char *fmt, va_list ap)
{
    if (err == NULL)
        return -1;
    free(*err);
    *err = xvasprintf(fmt, ap);
    return -1;
}

/* dk_fail - store a formatted message and return -1 */
int dk_fail(char **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dk_vfail(err, fmt, ap);
    va_end(ap);
    return -1;
}

/* dk_fail_kind - store a formatted message and return its kind */
int dk_fail_kind(char **err, dk_error_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dk_vfail(err, fmt, ap);
    va_end(ap);
    return kind;
}

/* dk_fail_errno - as dk_fail, with the current errno explained */
int dk_fail_errno(char **err, const char *fmt, ...)
{
    int saved = errno;
    char *head = NULL;
    va_list ap;
    va_start(ap, fmt);
    dk_vfail(&head, fmt, ap);
    va_end(ap);
    dk_fail(err, "%s: %s", head, strerror(saved));
    free(head);
    errno = saved;
    return -1;
}
