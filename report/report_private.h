/*
 * report_private.h - what the files of report/ share. Not for use outside it.
 */
#ifndef DOKAZ_REPORT_PRIVATE_H
#define DOKAZ_REPORT_PRIVATE_H

#include "record/record.h"

#include <stdbool.h>
#include <json-c/json.h>

/* report_new_string - a JSON string, or null for NULL */
json_object *report_new_string(const char *value);

/* report_low_threshold - DATA/ocr.conf's low_confidence, 60 if unreadable */
double report_low_threshold(const char *data_dir);

/* report_low_pages - the OCR pages of `result` (NULL: none) read below t,
 * "2 (41%), 5 (38%)" (g_free; NULL for none); unless `flags` is NULL,
 * flags[i] (one per page) says whether page i is one of them */
char *report_low_pages(const item_result *result, double t, bool *flags);

#endif
