/*
 * report_private.h - what the files of report/ share. Not for use outside it.
 */
#ifndef DOKAZ_REPORT_PRIVATE_H
#define DOKAZ_REPORT_PRIVATE_H

#include "record/record.h"

#include <json-c/json.h>

/* report_summary - {"sha256","name","path","mime","reason"} of a listed item:
 * name and path of its first reception, mime of `result` (NULL: none), and
 * `reason`, else the result's; the caller puts it */
json_object *report_summary(const char *data_dir, const char *sha256, const item_result *result,
                            const char *reason);

/* report_new_string - a JSON string, or null for NULL */
json_object *report_new_string(const char *value);

#endif
