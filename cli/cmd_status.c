/*
 * cmd_status.c - `dokaz status`: the queue at a glance, failures with reasons.
 *
 * Functions: cmd_status.
 */
#include "cli.h"
#include "service_options.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz status [OPTIONS]\n"
    "\n"
    "How many items are queued, being processed, done (of which unsupported\n"
    "types, and encrypted files that need a password) and failed; every failed\n"
    "item with its name and the reason, and every encrypted one.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --json       one JSON object\n"
    "  --help       this help\n";

/* print_list - name, reason per item */
static void print_list(json_object *o, const char *key, const char *title)
{
    json_object *list = NULL;
    json_object_object_get_ex(o, key, &list);
    size_t n = json_object_array_length(list);
    if (n == 0)
        return;
    printf("\n%s:\n", title);
    for (size_t i = 0; i < n; i++) {
        json_object *it = json_object_array_get_idx(list, i);
        const char *name = report_string(it, "name"), *reason = report_string(it, "reason");
        printf("  %.12s  %s  %s\n", report_string(it, "sha256"), name ? name : "?",
               reason ? reason : "");
    }
}

/* cmd_status - parse, count, print */
int cmd_status(int argc, char **argv)
{
    const char *data_option = NULL;
    int json = 0;
    int code = cli_simple_options("status", usage, argc, argv, &data_option, &json);
    if (code >= 0)
        return code;
    if (optind != argc)
        return cli_usage_error("status", "takes no arguments");
    char *data_dir = cli_data_dir(data_option);
    char *err = NULL;
    json_object *o = report_status(data_dir, &err);
    if (o == NULL) {
        fprintf(stderr, "dokaz status: %s (is %s a dokaz data directory?)\n", err, data_dir);
        free(err);
        free(data_dir);
        return EXIT_FAILED;
    }
    if (json) {
        cli_print_json(o);
    } else {
        json_object *v;
        printf("data directory %s\n", data_dir);
        static const char *const keys[] = {"queued",      "processing", "done",
                                           "unsupported", "encrypted",  "failed"};
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
            json_object_object_get_ex(o, keys[i], &v);
            printf("  %-11s %lld\n", keys[i], (long long)json_object_get_int64(v));
        }
        print_list(o, "failed_items", "Failed");
        print_list(o, "unsupported_items", "Unsupported types (stored, searchable by name)");
        print_list(o, "encrypted_items", "Encrypted (stored, need a password to be read)");
        print_list(o, "low_confidence_items", "Low OCR confidence (check these pages by eye)");
    }
    json_object_put(o);
    free(data_dir);
    return EXIT_OK;
}
