/*
 * log.c - timestamped log lines on stderr (see log.h).
 *
 * The role and level are set once at process start, before anything else
 * runs; they are the only process-wide settings outside the supervisor.
 *
 * Functions: log_setup, log_utc_now, log_msg.
 */
#include "log.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static char log_role[32] = "dokaz";
static log_level log_max = LOG_INFO;

/* log_setup - remember role and level */
void log_setup(const char *role, log_level max_level)
{
    snprintf(log_role, sizeof log_role, "%s", role);
    log_max = max_level;
}

/* log_utc_now - ISO 8601 UTC with milliseconds */
char *log_utc_now(char *buf, unsigned long size)
{
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    char base[32];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, size, "%s.%03ldZ", base, (long)(tv.tv_usec / 1000));
    return buf;
}

/* log_msg - one line: time, role, level, message */
void log_msg(log_level level, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warning", "info", "debug"};
    if (level > log_max)
        return;
    char now[40], line[4096];
    va_list ap;
    va_start(ap, fmt);
    /* va_start above: the analyzer loses it on this path (a false alarm) */
    vsnprintf(line, sizeof line, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
    va_end(ap);
    char *safe = text_safe(line); /* a name's newline cannot forge a log line */
    fprintf(stderr, "%s %s %s: %s\n", log_utc_now(now, sizeof now), log_role, names[level], safe);
    free(safe);
}
