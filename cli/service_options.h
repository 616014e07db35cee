/*
 * service_options.h - the options `watch` and `ingest` share: how the
 * processing service runs (workers, languages, limits).
 */
#ifndef DOKAZ_CLI_SERVICE_OPTIONS_H
#define DOKAZ_CLI_SERVICE_OPTIONS_H

#include "service/service.h"
#include <getopt.h>

/* The limit options (--max-depth ...), for `watch`, `ingest` and `worker`. */
#define SERVICE_LIMIT_OPTIONS \
    {"max-depth", required_argument, NULL, OPT_MAX_DEPTH}, \
        {"max-members", required_argument, NULL, OPT_MAX_MEMBERS}, \
        {"max-expanded", required_argument, NULL, OPT_MAX_EXPANDED}, \
    { \
        "max-ratio", required_argument, NULL, OPT_MAX_RATIO \
    }

/* service_limit_option - apply a limit option; EXIT_USAGE on a bad value,
 * 0 when applied, -1 when `opt` is not a limit option */
int service_limit_option(const char *cmd, int opt, const char *arg, process_limits *limits);

/* Option codes beyond single letters. */
enum {
    OPT_DATA = 1000,
    OPT_WORKERS,
    OPT_LANG,
    OPT_TIMEOUT,
    OPT_WORKER_MEMORY,
    OPT_SETTLE,
    OPT_VERBOSE,
    OPT_HELP,
    OPT_JSON,
    OPT_LIMIT,
    OPT_OFFSET,
    OPT_MAX_DEPTH,
    OPT_MAX_MEMBERS,
    OPT_MAX_EXPANDED,
    OPT_MAX_RATIO,
    OPT_SHARE,
    OPT_POLL
};

/* The long options both commands accept (terminated by a zero entry). */
extern const struct option service_long_options[];

/* service_options_with - the long options both commands accept followed by a
 * command's own `extra` (n of them), zero-terminated; the caller frees it */
struct option *service_options_with(const struct option *extra, size_t n);

/* Help text describing those options. */
extern const char service_options_help[];

/* service_option - apply one parsed option to cfg; EXIT_USAGE on a bad value,
 * 0 when applied, -1 when the option is not a service option */
int service_option(const char *cmd, int opt, const char *arg, service_config *cfg,
                   const char **data_option, int *verbose);

/* service_print_outcome - one line for an item: status, type, pages, `path`
 * (made safe: a newline or a byte that is not UTF-8 cannot split or spoil
 * the line), SHA-256 prefix, and the reason if any. Returns 1 when the item
 * is not processed (failed, or without a result), else 0. */
int service_print_outcome(const char *data_dir, const char *sha256, const char *path);

/* service_run_or_wait - process what is queued and return when the items
 * `shas` (n of them; a NULL entry is skipped) are through: run the service
 * until it is idle when none runs on cfg->data_dir, else wait for the
 * running one, and run it here if that one stops first. cfg->feed, if any,
 * is called until it has received everything: by the service between its
 * turns, or here while waiting; it may change `shas` meanwhile (the items
 * received and not yet seen through). Messages go
 * to stderr as "dokaz CMD: ..."; returns EXIT_OK or EXIT_FAILED. */
int service_run_or_wait(const char *cmd, service_config *cfg, char *const *shas, size_t n);

#endif
