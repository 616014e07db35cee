/*
 * log.h - what the service tells its operator: one line per event on stderr,
 * with a UTC timestamp and the process's role ("supervisor", "worker 2").
 */
#ifndef DOKAZ_COMMON_LOG_H
#define DOKAZ_COMMON_LOG_H

typedef enum { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG } log_level;

/* log_setup - set the role shown on each line and the most detailed level shown */
void log_setup(const char *role, log_level max_level);

/* log_msg - print one line if `level` is shown */
void log_msg(log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* log_utc_now - the current time as "2026-11-25T18:49:09.123Z" into buf (>= 32 bytes) */
char *log_utc_now(char *buf, unsigned long size);

#endif
