/*
 * cmd_custody.c - `dokaz custody`: an item's chain of custody, event by event.
 *
 * Functions: cmd_custody.
 */
#include "cli.h"
#include "custody/custody.h"
#include "record/record.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
    "Usage: dokaz custody [OPTIONS] SHA256\n"
    "\n"
    "Every event of one item from the audit log, in order: each reception (time,\n"
    "source path, size, host, the file's owner), members extracted from it, its\n"
    "processing (type, how its pages were read, the hash of its result record),\n"
    "exports (where to, by whom, the package's SHA256SUMS hash) and the\n"
    "verifications made since. A unique prefix of the SHA-256 (at least 4\n"
    "digits) is enough.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --json       one JSON object\n"
    "  --help       this help\n";

/* cmd_custody - resolve the item, collect its events, print them */
int cmd_custody(int argc, char **argv)
{
    const char *data_option = NULL;
    int json = 0;
    int code = cli_simple_options("custody", usage, argc, argv, &data_option, &json);
    if (code >= 0)
        return code;
    if (optind != argc - 1)
        return cli_usage_error("custody", "takes one SHA256");
    char *data_dir = cli_data_dir(data_option), *err = NULL;
    char *sha = item_resolve(data_dir, argv[optind], &err);
    json_object *o = sha ? custody_events(data_dir, sha, &err) : NULL;
    if (o == NULL) {
        fprintf(stderr, "dokaz custody: %s\n", err);
        free(err);
        free(sha);
        free(data_dir);
        return EXIT_FAILED;
    }
    if (json) {
        cli_print_json(o);
    } else {
        json_object *events = json_object_object_get(o, "events");
        printf("%s\n", sha);
        for (size_t i = 0; i < json_object_array_length(events); i++) {
            char *line = custody_event_line(json_object_array_get_idx(events, i));
            printf("  %s\n", line);
            free(line);
        }
    }
    json_object_put(o);
    free(sha);
    free(data_dir);
    return EXIT_OK;
}
