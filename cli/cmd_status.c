/*
 * cmd_status.c - `dokaz status`: the queue at a glance, failures with reasons.
 *
 * Functions: cmd_status.
 */
#include "cli.h"
#include "service_options.h"
#include "custody/custody.h"
#include "report/report.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz status [OPTIONS]\n"
    "\n"
    "How many items are queued, being processed, done (of which unsupported\n"
    "types, and encrypted files that need a password) and failed; every failed\n"
    "item with its name and the reason, and every encrypted one (the newest 100\n"
    "of each list); and the last verification (`dokaz verify`) with its result.\n"
    "The counts come from the status summary the service keeps (DATA/queue/\n"
    "summary.json); without one, every item's record is read, which says so.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --json       one JSON object\n"
    "  --scan       read every item's record instead of the summary (slow)\n"
    "  --help       this help\n";

/* print_list - name, reason per item, and how many more there are in all */
static void print_list(const queue_items *items, size_t total, const char *title)
{
    if (items->n == 0)
        return;
    printf("\n%s:\n", title);
    for (size_t i = 0; i < items->n; i++) {
        const queue_item *it = &items->list[i];
        printf("  %.12s  %s  %s\n", it->sha256, it->name ? it->name : "?",
               it->reason ? it->reason : "");
    }
    if (total > items->n)
        printf("  and %zu more\n", total - items->n);
}

/* progress_number - a member of the service's progress, 0 when missing */
static double progress_number(json_object *progress, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(progress, key, &v) ? json_object_get_double(v) : 0;
}

/* print_progress - what the running service has done since it started */
static void print_progress(json_object *progress)
{
    if (progress == NULL)
        return;
    json_object *started = NULL;
    json_object_object_get_ex(progress, "started", &started);
    printf("SERVICE running since %s: %.0f items searchable (%.0f failed), %.0f pages, "
           "%.1f items/s, %.0f waiting\n",
           started ? json_object_get_string(started) : "?",
           progress_number(progress, "done") + progress_number(progress, "failed"),
           progress_number(progress, "failed"), progress_number(progress, "pages"),
           progress_number(progress, "items_per_second"), progress_number(progress, "waiting"));
}

/* print_text - the report for a terminal */
static void print_text(const char *data_dir, const queue_report *q)
{
    printf("data directory %s\n", data_dir);
    if (q->condition)
        printf("SERVICE %s\n", q->condition);
    if (q->nothing_received)
        printf("%s\n", REPORT_NOTHING_RECEIVED);
    print_progress(q->service_progress);
    for (int i = 0; i < QUEUE_REPORT_NCOUNTS; i++) {
        const char *name = NULL;
        size_t n = queue_report_count(q, i, &name);
        printf("  %-11s %zu\n", name, n);
    }
    printf("  %-11s %llu (%ld in the last 10 minutes, %.1f a minute)\n", "pages", q->pages,
           q->pages_last_10min, q->pages_per_minute);
    if (q->scanned)
        printf("(counted from every record: %s)\n", q->scanned);
    print_list(&q->failed_items, q->failed, "Failed");
    print_list(&q->unsupported_items, q->unsupported,
               "Unsupported types (stored, searchable by name)");
    print_list(&q->encrypted_items, q->encrypted, "Encrypted (stored, need a password to be read)");
    print_list(&q->low_confidence_items, q->low_confidence,
               "Low OCR confidence (check these pages by eye)");
}

/* print_verified - the last verification, from the audit log */
static void print_verified(json_object *last)
{
    if (last == NULL) {
        printf("\nLast verification: never (run `dokaz verify`)\n");
        return;
    }
    printf("\nLast verification: %s\n  %s\n",
           json_object_get_string(json_object_object_get(last, "time")),
           json_object_get_string(json_object_object_get(last, "summary")));
}

/* take_scan - remove every "--scan" before a "--" from argv; whether any was */
static bool take_scan(int *argc, char **argv)
{
    bool scan = false;
    int kept = 0;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[kept++] = argv[i++];
            break;
        }
        if (i > 0 && strcmp(argv[i], "--scan") == 0)
            scan = true;
        else
            argv[kept++] = argv[i];
    }
    *argc = kept;
    return scan;
}

/* cmd_status - parse, count, print */
int cmd_status(int argc, char **argv)
{
    const char *data_option = NULL;
    int json = 0;
    bool scan = take_scan(&argc, argv);
    int code = cli_simple_options("status", usage, argc, argv, &data_option, &json);
    if (code >= 0)
        return code;
    if (optind != argc)
        return cli_usage_error("status", "takes no arguments");
    char *data_dir = cli_data_dir(data_option);
    char *err = NULL;
    queue_report *q = queue_report_load(data_dir, scan, &err);
    if (q == NULL) {
        fprintf(stderr, "dokaz status: %s\n", err);
        free(err);
        free(data_dir);
        return EXIT_FAILED;
    }
    json_object *last = custody_last_verified(data_dir, NULL);
    if (json) {
        json_object *o = report_status_json(q);
        json_object_object_add(o, "last_verification", last);
        cli_print_json(o);
        json_object_put(o);
    } else {
        print_text(data_dir, q);
        print_verified(last);
        json_object_put(last);
    }
    queue_report_free(q);
    free(data_dir);
    return EXIT_OK;
}
