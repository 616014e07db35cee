/*
 * report.h - the JSON records dokaz shows people about stored items and the
 * queue, built once for every front end: `dokaz show --json` and /api/item
 * (an item's record), `dokaz status --json` and /api/status (the queue).
 * This is the whole public API of the report subsystem; it only reads.
 */
#ifndef DOKAZ_REPORT_H
#define DOKAZ_REPORT_H

#include "record/record.h"

#include <json-c/json.h>

/* report_item - the record of a stored item (full sha256):
 * {"sha256","name","path","received","size","mime","status","reason","parent",
 *  "member","stored","receptions":[…],"pages":[{"number","text","source",
 *  "confidence"}…],"children":[…],"parents":[…] (report_parents),"chain" (report_chain
 *  or null),"meta":{…} (e-mail headers, document title...),"skipped":[{"member","reason"}…]
 *  (archive members not stored: links, devices, encrypted)}; the caller puts it */
json_object *report_item(const char *data_dir, const char *sha256);

/* report_parents - the chain of containers an item came out of, nearest first:
 * [{"sha256","name","member"}…] (empty for a file received directly; at most
 * 16 levels, a cycle is cut); the caller puts it */
json_object *report_parents(const char *data_dir, const char *sha256);

/* report_chain - where an item came from, in words: "scan_03.jpg in folder/
 * in case_files.zip in email 'Re: documents' received 2025-03-01"; NULL for
 * an item received directly. malloc'd: the caller frees it with free(). */
char *report_chain(const char *data_dir, const char *sha256);

/* report_status - the queue at a glance: {"queued","processing","done","failed",
 * "unsupported","failed_items":[…],"unsupported_items":[…],"processing_items":[…],
 * "encrypted","encrypted_items":[…] (done, but need a password),
 * "pages_last_10min","pages_per_minute"}; each listed item is
 * {"sha256","name","path","mime","reason"}. NULL with *err if the data
 * directory cannot be read. */
json_object *report_status(const char *data_dir, char **err);

/* report_flag_pages - on an item record (report_item does it) whose "pages" are
 * those of `result` (NULL: none): "low_confidence": true on OCR pages below
 * DATA/ocr.conf's low_confidence (60), and "searchable_pdf": the path of the
 * item's searchable PDF, or null */
void report_flag_pages(const char *data_dir, const char *sha256, const item_result *result,
                       json_object *record);

/* report_low_confidence - done items with pages read with low OCR confidence,
 * [{"sha256","name","path","mime","reason"}…] (reason names the pages);
 * report_status has it as "low_confidence_items" */
json_object *report_low_confidence(const char *data_dir);

/* report_string - a string member of an object, or NULL */
const char *report_string(json_object *o, const char *key);

#endif
