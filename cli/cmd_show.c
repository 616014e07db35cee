/*
 * cmd_show.c - `dokaz show`: everything recorded about one item.
 *
 * Functions: cmd_show.
 */
#include "cli.h"
#include "service_options.h"
#include "record/record.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz show [OPTIONS] SHA256\n"
    "\n"
    "Show an item: its name, where and when it was received (every reception),\n"
    "its size and type, its processing status (with the reason if it failed),\n"
    "where the original is stored, and the text of every page with how it was\n"
    "obtained (ocr, text-layer, plain) and the OCR confidence. For a member of\n"
    "an archive or e-mail: the chain of containers it came out of; for an archive\n"
    "or e-mail: its members (and those skipped, with why) and its headers or\n"
    "document properties. A unique prefix\n"
    "of the SHA-256 (at least 4 digits) is enough.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --json       one JSON object\n"
    "  --help       this help\n";

/* print_containers - where it came from, its metadata, its members */
static void print_containers(json_object *o)
{
    json_object *meta = NULL, *children = NULL, *skipped = NULL;
    if (report_string(o, "chain"))
        printf("  from      %s\n", report_string(o, "chain"));
    if (json_object_object_get_ex(o, "meta", &meta) && meta != NULL) {
        json_object_object_foreach(meta, key, value)
            printf("  %-9s %s\n", key, json_object_get_string(value));
    }
    json_object_object_get_ex(o, "children", &children);
    size_t n = json_object_array_length(children);
    if (n > 0)
        printf("  members   %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(children, i);
        printf("    %.12s  %s\n", report_string(c, "sha256"), report_string(c, "member"));
    }
    json_object_object_get_ex(o, "skipped", &skipped);
    for (size_t i = 0; skipped && i < json_object_array_length(skipped); i++) {
        json_object *s = json_object_array_get_idx(skipped, i);
        printf("    skipped       %s: %s\n", report_string(s, "member"),
               report_string(s, "reason"));
    }
}

/* print_text - the record for a terminal */
static void print_text(json_object *o)
{
    const char *reason = report_string(o, "reason");
    json_object *size = NULL, *receptions = NULL, *pages = NULL;
    json_object_object_get_ex(o, "size", &size);
    json_object_object_get_ex(o, "receptions", &receptions);
    json_object_object_get_ex(o, "pages", &pages);
    printf("%s\n", report_string(o, "name") ? report_string(o, "name") : "(no name)");
    printf("  sha256    %s\n", report_string(o, "sha256"));
    printf("  type      %s\n", report_string(o, "mime") ? report_string(o, "mime") : "-");
    printf("  size      %lld bytes\n", (long long)json_object_get_int64(size));
    printf("  status    %s%s%s\n", report_string(o, "status"), reason ? ": " : "",
           reason ? reason : "");
    printf("  stored    %s\n", report_string(o, "stored"));
    if (report_string(o, "searchable_pdf"))
        printf("  ocr pdf   %s (dokaz export-pdf)\n", report_string(o, "searchable_pdf"));
    for (size_t i = 0; i < json_object_array_length(receptions); i++) {
        json_object *r = json_object_array_get_idx(receptions, i);
        const char *member = report_string(r, "member");
        printf("  received  %s from %s%s%s\n", report_string(r, "time"),
               report_string(r, "path") ? report_string(r, "path") : "?", member ? " member " : "",
               member ? member : "");
    }
    print_containers(o);
    size_t n = json_object_array_length(pages);
    printf("  pages     %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(pages, i), *num = NULL, *conf = NULL;
        json_object_object_get_ex(p, "number", &num);
        json_object_object_get_ex(p, "confidence", &conf);
        printf("\n--- page %d (%s", json_object_get_int(num), report_string(p, "source"));
        if (conf)
            printf(", confidence %.0f%%", json_object_get_double(conf));
        if (json_object_object_get_ex(p, "low_confidence", NULL))
            printf(", LOW CONFIDENCE: check the page");
        if (json_object_object_get_ex(p, "blank", NULL))
            printf(", blank");
        printf(") ---\n%s\n", report_string(p, "text") ? report_string(p, "text") : "");
    }
}

/* cmd_show - resolve the hash, print the record */
int cmd_show(int argc, char **argv)
{
    const char *data_option = NULL;
    int json = 0;
    int code = cli_simple_options("show", usage, argc, argv, &data_option, &json);
    if (code >= 0)
        return code;
    if (optind != argc - 1)
        return cli_usage_error("show", "give one SHA-256 (or a unique prefix)");
    char *data_dir = cli_data_dir(data_option);
    char *err = NULL;
    char *sha = item_resolve(data_dir, argv[optind], &err);
    if (sha == NULL) {
        fprintf(stderr, "dokaz show: %s\n", err ? err : "not found");
        free(err);
        free(data_dir);
        return EXIT_FAILED;
    }
    json_object *record = report_item(data_dir, sha);
    if (json)
        cli_print_json(record);
    else
        print_text(record);
    json_object_put(record);
    free(sha);
    free(data_dir);
    return EXIT_OK;
}
