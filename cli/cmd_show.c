/*
 * cmd_show.c - `dokaz show`: everything recorded about one item.
 *
 * Functions: cmd_show.
 */
#include "cli.h"
#include "service_options.h"
#include "fetch/fetch.h"
#include "ingest/evidence.h"
#include "record/record.h"
#include "report/report.h"
#include "common/xalloc.h"

#include <glib.h>
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
    "of the SHA-256 (at least 4 digits) is enough. With DATA/shards.conf, an\n"
    "item only a shard holds (give its whole SHA-256) is read from that shard's\n"
    "files (\"shard\" names it).\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --json       one JSON object\n"
    "  --help       this help\n";

/* print_containers - where it came from, its metadata, its members */
static void print_containers(const item_report *r)
{
    const item_result *result = r->result;
    if (r->chain)
        printf("  from      %s\n", r->chain);
    for (size_t i = 0; result && i < result->nmeta; i++)
        printf("  %-9s %s\n", result->meta[i].name, result->meta[i].value);
    size_t n = result ? result->nchildren : 0;
    if (n > 0)
        printf("  members   %zu\n", n);
    for (size_t i = 0; i < n; i++)
        printf("    %.12s  %s\n", result->children[i].sha256, result->children[i].member);
    for (size_t i = 0; result && i < result->nskipped; i++)
        printf("    skipped       %s: %s\n", result->skipped[i].member, result->skipped[i].reason);
}

/* print_text - the report for a terminal */
static void print_text(const item_report *r)
{
    const item_reception *first = r->first;
    const item_result *result = r->result;
    const char *mime = result ? result->mime : NULL, *reason = result ? result->reason : NULL;
    printf("%s\n", first && first->name ? first->name : "(no name)");
    printf("  sha256    %s\n", r->sha256);
    printf("  type      %s\n", mime ? mime : "-");
    printf("  size      %lld bytes\n", first ? (long long)first->size : 0LL);
    printf("  status    %s%s%s\n", r->status, reason ? ": " : "", reason ? reason : "");
    printf("  stored    %s\n", r->stored);
    if (r->searchable_pdf)
        printf("  ocr pdf   %s (dokaz export-pdf)\n", r->searchable_pdf);
    for (size_t i = 0; r->receptions && i < r->receptions->n; i++) {
        const item_reception *rec = &r->receptions->list[i];
        printf("  received  %s from %s%s%s\n", rec->time, rec->path ? rec->path : "?",
               rec->member ? " member " : "", rec->member ? rec->member : "");
    }
    print_containers(r);
    size_t n = result ? result->npages : 0;
    printf("  pages     %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        const item_page *p = &result->pages[i];
        printf("\n--- page %d (%s", p->number, item_source_name(p->source));
        if (p->confidence >= 0)
            printf(", confidence %.0f%%", p->confidence);
        if (r->low_confidence[i])
            printf(", LOW CONFIDENCE: check the page");
        if (p->blank)
            printf(", blank");
        printf(") ---\n%s\n", p->text);
    }
}

/* locate - the item's full hash and where to read it: here, or fetched from
 * the shard that holds it (a shard's item is named by its whole SHA-256) */
static char *locate(const char *data_dir, const char *arg, fetch_place *place, char **err)
{
    char *sha = item_resolve(data_dir, arg, err), *whole = g_ascii_strdown(arg, -1);
    *place = (fetch_place){0};
    if (sha == NULL && evidence_is_sha256(whole)) {
        char *why = NULL;
        if (fetch_item(data_dir, whole, FETCH_RECORDS, place, &why) < 0) {
            free(*err);
            *err = why;
        } else if (place->shard != NULL) {
            free(*err);
            *err = NULL;
            sha = xstrdup(whole);
        }
    } else if (sha != NULL) {
        place->data_dir = xstrdup(data_dir);
    }
    g_free(whole);
    return sha;
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
    fetch_place place;
    char *sha = locate(data_dir, argv[optind], &place, &err);
    if (sha == NULL) {
        fprintf(stderr, "dokaz show: %s\n", err ? err : "not found");
        free(err);
        fetch_place_clear(&place);
        free(data_dir);
        return EXIT_FAILED;
    }
    item_report *report = item_report_load(place.data_dir, sha);
    if (place.shard != NULL) { /* the original stays on the shard until asked for */
        free(report->stored);
        report->stored = xasprintf("on shard %s", place.shard);
    }
    if (json) {
        json_object *o = report_item_json(report);
        json_object_object_add(o, "shard",
                               place.shard ? json_object_new_string(place.shard) : NULL);
        cli_print_json(o);
        json_object_put(o);
    } else {
        print_text(report);
    }
    item_report_free(report);
    fetch_place_clear(&place);
    free(sha);
    free(data_dir);
    return EXIT_OK;
}
