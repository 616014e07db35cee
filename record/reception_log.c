/*
 * reception_log.c - where an item's receptions are, and its lines read from
 * there (see record.h).
 *
 * An item received by this dokaz has its reception lines in the log of its
 * hash's first three digits, DATA/items/ab/receptions-c.jsonl, beside those
 * of the other items that share them (4,096 logs), each line starting with
 * the item's hash: {"sha256":"<sha>",...}. A file of its own took a 4 KiB
 * block for a line of 200 bytes, 40% of a text file's data directory at a
 * million pages. An item an older dokaz recorded keeps its own file
 * (<sha>.received.jsonl, or received.jsonl in its folder) for good, so that
 * no item's receptions are ever split.
 *
 * An item's receptions, wherever they are, are its lines in the order they
 * were appended (each with its newline): the bytes item_record_sha256 hashes
 * and the audit log binds.
 *
 * Functions: item_reception_log_rel, rec_reception_place, rec_line_of, item_received,
 * rec_receptions_bytes, rec_log_items.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define LINE_HEAD "{\"sha256\":\"" /* how a log line starts, before the hash */

/* item_reception_log_rel - items/ab/receptions-c.jsonl */
char *item_reception_log_rel(const char *sha256)
{
    return xasprintf("items/%.2s/receptions-%c.jsonl", sha256, sha256[2]);
}

/* rec_reception_place - the item's own file when it has one, else its log */
char *rec_reception_place(const char *data_dir, const char *sha256, bool *in_log)
{
    char *own = item_file(data_dir, sha256, item_record_name(ITEM_RECORD_RECEPTIONS));
    *in_log = !fs_exists(own);
    if (!*in_log)
        return own;
    free(own);
    char *rel = item_reception_log_rel(sha256);
    char *log = xasprintf("%s/%s", data_dir, rel);
    free(rel);
    return log;
}

/* line_item - the item's hash a log's line (len bytes) starts with (64
 * digits in place, not NUL-terminated), or NULL when it starts otherwise */
static const char *line_item(const char *line, size_t len)
{
    size_t head = sizeof LINE_HEAD - 1;
    return len > head + 64 && memcmp(line, LINE_HEAD, head) == 0 && line[head + 64] == '"'
               ? line + head
               : NULL;
}

/* rec_line_of - whether a log's line (len bytes) is one of the item's */
bool rec_line_of(const char *line, size_t len, const char *sha256)
{
    const char *item = line_item(line, len);
    return item != NULL && memcmp(item, sha256, 64) == 0;
}

/* item_received - any line of the item, in its own file or its log */
bool item_received(const char *data_dir, const char *sha256)
{
    char *bytes = NULL;
    int rc = rec_receptions_bytes(data_dir, sha256, &bytes, NULL, NULL);
    free(bytes);
    return rc == 0;
}

/* lines_of - the item's lines of a log's text, kept in place (a NUL after) */
static size_t lines_of(char *text, size_t len, const char *sha256)
{
    size_t kept = 0;
    for (size_t at = 0; at < len;) {
        char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl != NULL ? (size_t)(nl - (text + at)) + 1 : len - at;
        if (nl != NULL && rec_line_of(text + at, n, sha256)) { /* a torn last line is none */
            memmove(text + kept, text + at, n);
            kept += n;
        }
        at += n;
    }
    text[kept] = '\0';
    return kept;
}

/* rec_receptions_bytes - the item's lines (malloc'd, NUL-terminated): 0;
 * 1 when it has none; -1 with *err when they cannot be read */
int rec_receptions_bytes(const char *data_dir, const char *sha256, char **out, size_t *len,
                         char **err)
{
    bool in_log;
    char *path = rec_reception_place(data_dir, sha256, &in_log), *text = NULL;
    size_t n = 0;
    *out = NULL;
    int rc = fs_exists(path) ? fs_read_all(path, &text, &n, err) : 1;
    free(path);
    if (rc == 0 && in_log)
        n = lines_of(text, n, sha256);
    if (rc == 0 && n == 0) {
        free(text);
        return 1;
    }
    if (rc == 0) {
        *out = text;
        if (len != NULL)
            *len = n;
    }
    return rc;
}

/* rec_log_items - add to `items` (a set of g_strdup'd hashes) every item of
 * the log of `prefix` (at least 3 hex digits) whose hash starts with it */
void rec_log_items(const char *data_dir, const char *prefix, GHashTable *items)
{
    char *rel = item_reception_log_rel(prefix), *text = NULL;
    char *path = xasprintf("%s/%s", data_dir, rel);
    size_t len = 0, plen = strlen(prefix);
    if (fs_exists(path) && fs_read_all(path, &text, &len, NULL) == 0) {
        for (char *line = text; line != NULL && line < text + len;) {
            char *nl = memchr(line, '\n', (size_t)(text + len - line));
            const char *item = nl != NULL ? line_item(line, (size_t)(nl - line) + 1) : NULL;
            if (item != NULL && strncmp(item, prefix, plen) == 0)
                g_hash_table_add(items, g_strndup(item, 64));
            line = nl != NULL ? nl + 1 : NULL;
        }
    }
    free(text);
    free(path);
    free(rel);
}
