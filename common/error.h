/*
 * error.h - how dokaz reports errors.
 *
 * A function that can fail returns 0 on success and -1 on failure; on failure
 * it stores a malloc'd, human-readable message in *err (when err is not NULL).
 * The caller owns that message and frees it. Messages say what failed and on
 * what ("cannot open /x/y: No such file or directory"), never just "error".
 *
 * Messages are for people. Where a caller must act on what went wrong, the
 * function returns a dk_error_kind instead of -1 (its header says so), and
 * the caller branches on that, never on the message's words.
 */
#ifndef DOKAZ_COMMON_ERROR_H
#define DOKAZ_COMMON_ERROR_H

#include <stdarg.h>

/* dk_error_kind - what a failure was, for callers that act on it. Every kind
 * is negative, so `!= 0` and `< 0` still mean "failed". */
typedef enum {
    DK_ERR_FAILED = -1,  /* any failure without a kind of its own */
    DK_ERR_CHANGED = -2, /* the input changed while it was read: read it again later */
} dk_error_kind;

/* dk_fail - store a formatted message in *err (if err) and return -1 */
int dk_fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* dk_fail_errno - like dk_fail, appending ": strerror(errno)" */
int dk_fail_errno(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* dk_fail_kind - like dk_fail, returning `kind` instead of -1 */
int dk_fail_kind(char **err, dk_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* dk_vfail - va_list form of dk_fail */
int dk_vfail(char **err, const char *fmt, va_list ap);

#endif
