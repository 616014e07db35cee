/*
 * cmd_status.c - `dokaz status`: the queue at a glance, failures with reasons.
 */
#include "cli.h"
#include "service_options.h"
#include "ingest/items.h"
#include "ingest/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz status [OPTIONS]\n"
    "\n"
    "How many items are queued, being processed, done (of which unsupported\n"
    "types) and failed; every failed item with its name and the reason.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --json       one JSON object\n"
    "  --help       this help\n";

/* item_summary - {"sha256","name","mime","reason"} for a listed item */
static json_object *item_summary(const char *data_dir, const char *sha, json_object *result)
{
    json_object *receipts = items_receipts(data_dir, sha, NULL);
    json_object *first = receipts && json_object_array_length(receipts)
                             ? json_object_array_get_idx(receipts, 0) : NULL;
    json_object *o = json_object_new_object();
    const char *name = cli_json_string(first, "name"), *path = cli_json_string(first, "path");
    const char *mime = cli_json_string(result, "mime"), *reason = cli_json_string(result, "reason");
    json_object_object_add(o, "sha256", json_object_new_string(sha));
    json_object_object_add(o, "name", name ? json_object_new_string(name) : NULL);
    json_object_object_add(o, "path", path ? json_object_new_string(path) : NULL);
    json_object_object_add(o, "mime", mime ? json_object_new_string(mime) : NULL);
    json_object_object_add(o, "reason", reason ? json_object_new_string(reason) : NULL);
    json_object_put(receipts);
    return o;
}

/* build_status - counts and lists */
static json_object *build_status(const char *data_dir, char **err)
{
    static const char *const keys[QUEUE_NSTATES] = {"queued", "processing", "done", "failed"};
    json_object *o = json_object_new_object();
    json_object *failed = json_object_new_array(), *unsupported = json_object_new_array();
    for (int s = 0; s < QUEUE_NSTATES; s++) {
        char **shas = NULL;
        size_t n = 0;
        if (queue_list(data_dir, (queue_state)s, &shas, &n, err) != 0) {
            json_object_put(o);
            json_object_put(failed);
            json_object_put(unsupported);
            return NULL;
        }
        json_object_object_add(o, keys[s], json_object_new_int64((int64_t)n));
        for (size_t i = 0; i < n && (s == QUEUE_DONE || s == QUEUE_FAILED); i++) {
            json_object *result = items_load_result(data_dir, shas[i], NULL);
            const char *st = cli_json_string(result, "status");
            if (s == QUEUE_FAILED)
                json_object_array_add(failed, item_summary(data_dir, shas[i], result));
            else if (st && strcmp(st, "unsupported") == 0)
                json_object_array_add(unsupported, item_summary(data_dir, shas[i], result));
            json_object_put(result);
        }
        queue_list_free(shas, n);
    }
    json_object_object_add(o, "unsupported",
                           json_object_new_int64((int64_t)json_object_array_length(unsupported)));
    json_object_object_add(o, "failed_items", failed);
    json_object_object_add(o, "unsupported_items", unsupported);
    return o;
}

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
        const char *name = cli_json_string(it, "name"), *reason = cli_json_string(it, "reason");
        printf("  %.12s  %s  %s\n", cli_json_string(it, "sha256"), name ? name : "?",
               reason ? reason : "");
    }
}

/* cmd_status - parse, count, print */
int cmd_status(int argc, char **argv)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, OPT_DATA},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    const char *data_option = NULL;
    int json = 0, opt;
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        if (opt == OPT_HELP) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (opt == OPT_DATA) {
            data_option = optarg;
        } else if (opt == OPT_JSON) {
            json = 1;
        } else {
            return cli_usage_error("status", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("status", "takes no arguments");
    char *data_dir = cli_data_dir(data_option);
    char *err = NULL;
    json_object *o = build_status(data_dir, &err);
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
        static const char *const keys[] = {"queued", "processing", "done", "unsupported", "failed"};
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
            json_object_object_get_ex(o, keys[i], &v);
            printf("  %-11s %lld\n", keys[i], (long long)json_object_get_int64(v));
        }
        print_list(o, "failed_items", "Failed");
        print_list(o, "unsupported_items", "Unsupported types (stored, searchable by name)");
    }
    json_object_put(o);
    free(data_dir);
    return EXIT_OK;
}
