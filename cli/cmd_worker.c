/*
 * cmd_worker.c - `dokaz worker`: not for people; the supervisor starts it.
 *
 * Functions: cmd_worker.
 */
#include "cli.h"
#include "service_options.h"
#include "common/log.h"

#include <stdio.h>

/* cmd_worker - parse what the supervisor passes, run the worker loop */
int cmd_worker(int argc, char **argv)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, OPT_DATA},
        {"lang", required_argument, NULL, OPT_LANG},
        {"id", required_argument, NULL, 'i'},
        {"log-level", required_argument, NULL, 'l'},
        SERVICE_LIMIT_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    process_limits limits;
    process_default_limits(&limits);
    const char *data_dir = NULL, *langs = "bel+rus+eng", *id = "?";
    long level = LOG_INFO;
    int opt;
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        if (opt == OPT_DATA)
            data_dir = optarg;
        else if (opt == OPT_LANG)
            langs = optarg;
        else if (opt == 'i')
            id = optarg;
        else if (opt == 'l' && cli_parse_int(optarg, LOG_ERROR, LOG_DEBUG, &level) == 0)
            continue;
        else if (service_limit_option("worker", opt, optarg, &limits) == 0)
            continue;
        else
            return EXIT_USAGE;
    }
    if (data_dir == NULL) {
        fputs("dokaz worker: started by the dokaz service, not by hand\n", stderr);
        return EXIT_USAGE;
    }
    char role[32];
    snprintf(role, sizeof role, "worker %s", id);
    log_setup(role, (log_level)level);
    return worker_main(data_dir, langs, &limits);
}
