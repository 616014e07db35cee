/*
 * service_options.c - parsing the options of `watch` and `ingest` (see service_options.h).
 *
 * Functions: service_option, service_limit_option, service_options_with.
 */
#include "service_options.h"
#include "cli.h"
#include "ingest/accept.h"

#include "common/xalloc.h"

#include <stddef.h>
#include <string.h>

const struct option service_long_options[] = {
    {"data", required_argument, NULL, OPT_DATA},
    {"workers", required_argument, NULL, OPT_WORKERS},
    {"lang", required_argument, NULL, OPT_LANG},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"worker-memory", required_argument, NULL, OPT_WORKER_MEMORY},
    {"settle", required_argument, NULL, OPT_SETTLE},
    {"poll", required_argument, NULL, OPT_POLL},
    {"share", required_argument, NULL, OPT_SHARE},
    {"verbose", no_argument, NULL, OPT_VERBOSE},
    SERVICE_LIMIT_OPTIONS,
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

const char service_options_help[] =
    "  --data DIR           data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --workers N          worker processes, each reading one file at a time\n"
    "                       (default: one per core)\n"
    "  --lang LANGS         OCR languages, tesseract names joined by '+'\n"
    "                       (default: bel+rus+eng)\n"
    "  --timeout SECONDS    a file taking longer is stopped and marked failed (default 1800)\n"
    "  --worker-memory MB   memory limit of each worker process (default 4096)\n"
    "  --share K/N          take only this machine's share of the files (K of N, by a\n"
    "                       hash of each file's path within its folder): N machines\n"
    "                       split one shared folder without a coordinator\n"
    "Limits against hostile archives and emails (a container that reaches one is\n"
    "marked failed with the reason; members stored before it are kept):\n"
    "  --max-depth N        containers inside containers (default 10)\n"
    "  --max-members N      members taken from one container (default 250000)\n"
    "  --max-expanded MB    bytes unpacked from one container (default 20480)\n"
    "  --max-ratio N        bytes unpacked per byte of the container, once 64 MB are\n"
    "                       unpacked: stops compression bombs early (default 100)\n"
    "  --verbose            log every step\n"
    "  --help               this help\n";

/* service_option - one option into the config */
int service_option(const char *cmd, int opt, const char *arg, service_config *cfg,
                   const char **data_option, int *verbose)
{
    long v = 0;
    switch (opt) {
    case OPT_DATA: *data_option = arg; return 0;
    case OPT_WORKERS:
        if (cli_parse_int(arg, 1, 256, &v) != 0)
            return cli_usage_error(cmd, "--workers needs a number from 1 to 256, not '%s'", arg);
        cfg->workers = (int)v;
        return 0;
    case OPT_LANG:
        if (*arg == '\0')
            return cli_usage_error(cmd, "--lang needs languages such as bel+rus+eng");
        cfg->langs = arg;
        return 0;
    case OPT_TIMEOUT:
        if (cli_parse_int(arg, 1, 7L * 24 * 3600, &v) != 0)
            return cli_usage_error(cmd, "--timeout needs seconds (1 or more), not '%s'", arg);
        cfg->job_timeout_s = (int)v;
        return 0;
    case OPT_WORKER_MEMORY:
        if (cli_parse_int(arg, 256, 1L << 20, &v) != 0)
            return cli_usage_error(cmd, "--worker-memory needs megabytes (256 or more), not '%s'",
                                   arg);
        cfg->worker_memory_mb = v;
        return 0;
    case OPT_SETTLE:
        if (cli_parse_int(arg, 0, 600000, &v) != 0)
            return cli_usage_error(cmd, "--settle needs milliseconds, not '%s'", arg);
        cfg->settle_ms = (int)v;
        return 0;
    case OPT_POLL:
        if (cli_parse_int(arg, 0, 86400, &v) != 0)
            return cli_usage_error(cmd, "--poll needs seconds (0 to 86400), not '%s'", arg);
        cfg->poll_ms = (int)v * 1000;
        return 0;
    case OPT_SHARE:
        if (accept_parse_share(arg, &cfg->share_k, &cfg->share_n) != 0)
            return cli_usage_error(cmd, "--share needs K/N (1 <= K <= N), not '%s'", arg);
        return 0;
    case OPT_VERBOSE: *verbose = 1; return 0;
    default: return service_limit_option(cmd, opt, arg, &cfg->limits);
    }
}

/* service_limit_option - one limit into the limits */
int service_limit_option(const char *cmd, int opt, const char *arg, process_limits *limits)
{
    long v = 0;
    switch (opt) {
    case OPT_MAX_DEPTH:
        if (cli_parse_int(arg, 0, 1000, &v) != 0)
            return cli_usage_error(cmd, "--max-depth needs a number from 0 to 1000, not '%s'", arg);
        limits->max_depth = (int)v;
        return 0;
    case OPT_MAX_MEMBERS:
        if (cli_parse_int(arg, 0, 100000000, &v) != 0)
            return cli_usage_error(cmd, "--max-members needs a number of members, not '%s'", arg);
        limits->max_members = v;
        return 0;
    case OPT_MAX_EXPANDED:
        if (cli_parse_int(arg, 1, 1L << 30, &v) != 0)
            return cli_usage_error(cmd, "--max-expanded needs megabytes (1 or more), not '%s'",
                                   arg);
        limits->max_expanded = (long long)v << 20;
        return 0;
    case OPT_MAX_RATIO:
        if (cli_parse_int(arg, 1, 1000000, &v) != 0)
            return cli_usage_error(cmd, "--max-ratio needs a number from 1 up, not '%s'", arg);
        limits->max_ratio = v;
        return 0;
    default: return -1;
    }
}

/* service_options_with - the shared options, then the command's own */
struct option *service_options_with(const struct option *extra, size_t n)
{
    size_t shared = 0;
    while (service_long_options[shared].name)
        shared++;
    struct option *o = xcalloc(shared + n + 1, sizeof *o);
    memcpy(o, service_long_options, shared * sizeof *o);
    memcpy(o + shared, extra, n * sizeof *o);
    return o;
}
