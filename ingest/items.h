/*
 * items.h - what dokaz knows about each stored item, beside its bytes:
 *
 *   DATA/items/ab/<sha>/received.jsonl  one JSON line per reception (chain of custody:
 *                                       time, path, name, size, mtime, parent, member)
 *   DATA/items/ab/<sha>/result.json     the processing result, written once per run:
 *                                       {"sha256","mime","status","reason","pages":[…],"children":[…]}
 *
 * Receptions are appended (O_APPEND, one write per line); results are replaced
 * atomically. Both are JSON so that people and tools can read them directly.
 */
#ifndef DOKAZ_INGEST_ITEMS_H
#define DOKAZ_INGEST_ITEMS_H

#include <stdint.h>
#include <json-c/json.h>

/* One reception of an item. Strings may be NULL. */
typedef struct {
    const char *path;     /* absolute path it was received from */
    const char *name;     /* file name (last path part, or member's last part) */
    const char *parent;   /* sha256 of the archive/email it came out of */
    const char *member;   /* path inside that parent */
    uint64_t size;
    int64_t mtime_ns;     /* the source file's modification time, 0 if unknown */
} items_receipt;

/* items_dir - DATA/items/ab/<sha> (malloc'd) */
char *items_dir(const char *data_dir, const char *sha256);

/* items_add_receipt - record one reception (with the current time) */
int items_add_receipt(const char *data_dir, const char *sha256, const items_receipt *r,
                      char **err);

/* items_receipts - every reception, oldest first, as a JSON array (caller puts it) */
json_object *items_receipts(const char *data_dir, const char *sha256, char **err);

/* items_save_result - replace the result record */
int items_save_result(const char *data_dir, const char *sha256, json_object *result,
                      char **err);

/* items_load_result - the result record, or NULL (with *err) if there is none */
json_object *items_load_result(const char *data_dir, const char *sha256, char **err);

/* items_resolve - the full sha256 of the only item whose hash starts with `prefix`
 * (at least 4 hex digits); malloc'd, or NULL with a message (none / ambiguous) */
char *items_resolve(const char *data_dir, const char *prefix, char **err);

/* items_failed_result - a result record for an item that could not be processed */
json_object *items_failed_result(const char *sha256, const char *mime, const char *reason);

#endif
