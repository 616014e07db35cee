/*
 * cmd_reindex.c - `dokaz reindex`: rebuild the index from the stored
 * records (service_reindex), without reading any file again.
 *
 * Functions: cmd_reindex.
 */
#include "cli.h"
#include "service/service.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char usage[] =
    "Usage: dokaz reindex [--data DIR]\n"
    "\n"
    "Rebuild the index from the items' stored result records: no file is read or\n"
    "recognised again. The new index is built beside the old one, which serves\n"
    "searches meanwhile, and replaces it in one step. Items without a readable\n"
    "record are queued to be processed again. The service must not be running\n"
    "(stop `dokaz watch` first). Exit status: 0 when done, 1 on failure.\n"
    "\n"
    "Options:\n"
    "  --data DIR   the data directory\n";

/* cmd_reindex - lock, rebuild, say what was done */
int cmd_reindex(int argc, char **argv)
{
    const char *data_option = NULL;
    int json = 0;
    int code = cli_simple_options("reindex", usage, argc, argv, &data_option, &json);
    if (code >= 0)
        return code;
    if (optind < argc)
        return cli_usage_error("reindex", "unexpected argument '%s'", argv[optind]);
    char *data_dir = cli_data_dir(data_option), *err = NULL;
    int lock = service_lock(data_dir, &err);
    service_reindexed done;
    if (lock < 0 || service_reindex(data_dir, &done, &err) != 0) {
        fprintf(stderr, "dokaz reindex: %s\n", err);
        code = EXIT_FAILED;
    } else {
        printf("reindexed %zu items (%zu pages) from their records; %zu queued to be "
               "processed again\n",
               done.items, done.pages, done.requeued);
        code = EXIT_OK;
    }
    if (lock >= 0)
        close(lock);
    free(err);
    free(data_dir);
    return code;
}
