/*
 * report_private.h - what the files of report/ share. Not for use outside it.
 */
#ifndef DOKAZ_REPORT_PRIVATE_H
#define DOKAZ_REPORT_PRIVATE_H

#include "report/report.h"

#include <stdbool.h>
#include <json-c/json.h>

/* report_new_string - a JSON string, or null for NULL */
json_object *report_new_string(const char *value);

/* report_low_pages - the OCR pages of `result` (NULL: none) read below t,
 * "2 (41%), 5 (38%)" (g_free; NULL for none); unless `flags` is NULL,
 * flags[i] (one per page) says whether page i is one of them */
char *report_low_pages(const item_result *result, double t, bool *flags);

/* report_low_reason - "low OCR confidence on page(s) <which>" (g_free) */
char *report_low_reason(const char *which);

/* report_item_fill - *it for an item: name and path of its first reception,
 * mime of `result` (NULL: none), and `reason`, else the result's (malloc'd
 * strings: queue_items_free frees them) */
void report_item_fill(queue_item *it, const char *data_dir, const char *sha256,
                      const item_result *result, const char *reason);

/* report_items_json - [{"sha256","name","path","mime","reason"}…] */
json_object *report_items_json(const queue_items *items);

#endif
