/*
 * record_private.h - what the record subsystem's files share: reading and
 * writing the JSON members of a record. Not for use outside record/.
 */
#ifndef DOKAZ_RECORD_PRIVATE_H
#define DOKAZ_RECORD_PRIVATE_H

#include "record/record.h"

#include <glib.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <zlib.h>

/* rec_string - o[key] when it is a string, else NULL (o may be NULL) */
const char *rec_string(json_object *o, const char *key);

/* rec_strdup - a g_strdup of rec_string (g_free), NULL when it is none */
char *rec_strdup(json_object *o, const char *key);

/* rec_add_string - o[key] = value, or null for NULL */
void rec_add_string(json_object *o, const char *key, const char *value);

/* rec_parse_page - page `index` (0-based) of "pages", checked, into *page:
 * its text and derived data point into p (no copies); -1 with *err when p is
 * not a page record */
int rec_parse_page(json_object *p, size_t index, item_page *page, const char *path, char **err);

/* rec_parse_head - a result from the record's members other than "pages"
 * (npages 0), checked; NULL with *err (status or version not ours) */
item_result *rec_parse_head(json_object *o, const char *sha256, const char *path, char **err);

/* rec_child_json - a "children" element: {"sha256","member","size"} (caller puts it) */
json_object *rec_child_json(const char *sha256, const char *member, uint64_t size);

/* rec_skip_json - a "skipped" element: {"member","reason"} (caller puts it) */
json_object *rec_skip_json(const char *member, const char *reason);

/* rec_spool_copy - write the elements of one of the spool's lists (skipped
 * or children), as they stand in the record's array, to `to`; *any is set
 * when there was at least one, else left. -1 with *err */
int rec_spool_copy(item_member_spool *s, bool skipped, FILE *to, bool *any, char **err);

/* rec_spool_has - whether the list (skipped or children) holds any member */
bool rec_spool_has(const item_member_spool *s, bool skipped);

/* rec_gzip_writer - a stream that writes gzip-compressed into fd, which it
 * takes over (fclose ends the gzip stream and closes fd; on failure, NULL
 * with errno, fd is closed) */
FILE *rec_gzip_writer(int fd);

/* rec_gz_failed - -1 with *err: "cannot read PATH" and why, as zlib's
 * gzerror tells it for gz (the system's error when it was one) */
int rec_gz_failed(gzFile gz, const char *path, char **err);

/* rec_open - item_result_open, keeping the member lists when keep_lists */
item_result *rec_open(const char *data_dir, const char *sha256, bool keep_lists,
                      item_page_reader **pages, char **err);

/* rec_receptions_parse - (reception_list.c) the receptions of an item's
 * lines (cut up in place); lines that are not JSON objects are skipped */
item_receptions *rec_receptions_parse(char *data);

/* rec_reception_json_of - (reception_list.c) item_reception_json, with
 * "sha256" first when sha256 is not NULL (a log's line) */
json_object *rec_reception_json_of(const item_reception *r, const char *sha256);

/* rec_reception_place - (reception_log.c) the file that holds the item's
 * receptions or will: its own file when it has one (*in_log false), else
 * the log of its hash's first digits (*in_log true) (malloc'd) */
char *rec_reception_place(const char *data_dir, const char *sha256, bool *in_log);

/* rec_line_of - (reception_log.c) whether a log's line of len bytes (its
 * newline included) is one of the item's */
bool rec_line_of(const char *line, size_t len, const char *sha256);

/* rec_receptions_bytes - (reception_log.c) the item's receptions as stored:
 * its own file, or its lines of its log (complete lines, in order), into
 * *out (malloc'd, NUL-terminated) and *len (may be NULL): 0; 1 when it has
 * none (*out NULL); -1 with *err when they cannot be read */
int rec_receptions_bytes(const char *data_dir, const char *sha256, char **out, size_t *len,
                         char **err);

/* rec_log_items - (reception_log.c) every item of the log of `prefix`
 * (at least 3 hex digits) whose hash starts with it, added to `items` (a
 * GHashTable set of g_strdup'd hashes) */
void rec_log_items(const char *data_dir, const char *prefix, GHashTable *items);

/* rec_tally_appended - (reception_tally.c) the SHA-256 of the item's
 * receptions into bound[65], once this process has appended to the file
 * open at fd (path, for messages; in_log: a log, where only the item's lines
 * count); from the tally and the bytes appended since it was taken while it
 * holds, else by reading the file */
int rec_tally_appended(const char *sha256, int fd, const char *path, bool in_log, char bound[65],
                       char **err);

/* rec_tally_names - (reception_tally.c) 1 when a line of the item's in the
 * file at path (in_log as above) names `collection`, 0 when none does or
 * there is no file, -1 when it cannot be read */
int rec_tally_names(const char *sha256, const char *path, bool in_log, const char *collection);

#endif
