/*
 * error.h - how dokaz reports errors.
 *
 * A function that can fail returns 0 on success and -1 on failure; on failure
 * it stores a malloc'd, human-readable message in *err (when err is not NULL).
 * The caller owns that message and frees it. Messages say what failed and on
 * what ("cannot open /x/y: No such file or directory"), never just "error".
 */
#ifndef DOKAZ_COMMON_ERROR_H
#define DOKAZ_COMMON_ERROR_H

#include <stdarg.h>

/* dk_fail - store a formatted message in *err (if err) and return -1 */
int dk_fail(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* dk_fail_errno - like dk_fail, appending ": strerror(errno)" */
int dk_fail_errno(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* dk_vfail - va_list form of dk_fail */
int dk_vfail(char **err, const char *fmt, va_list ap);

#endif
