/*
 * items.c - per-item records: receptions and processing results (see items.h).
 */
#include "items.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* items_dir - DATA/items/ab/<sha> */
char *items_dir(const char *data_dir, const char *sha256)
{
    char *p = NULL;
    if (asprintf(&p, "%s/items/%.2s/%s", data_dir, sha256, sha256) < 0)
        return NULL;
    return p;
}

/* item_file - DATA/items/ab/<sha>/<name> */
static char *item_file(const char *data_dir, const char *sha256, const char *name)
{
    char *dir = items_dir(data_dir, sha256);
    char *p = dir ? fs_join(dir, name) : NULL;
    free(dir);
    return p;
}

/* add_string - put a string or null */
static void add_string(json_object *o, const char *key, const char *value)
{
    json_object_object_add(o, key, value ? json_object_new_string(value) : NULL);
}

/* items_add_receipt - append one JSON line with O_APPEND (atomic for one write) */
int items_add_receipt(const char *data_dir, const char *sha256, const items_receipt *r,
                      char **err)
{
    char *dir = items_dir(data_dir, sha256);
    if (dir == NULL || fs_mkdirs(dir, 0755, err) != 0) {
        free(dir);
        return -1;
    }
    char now[40];
    json_object *o = json_object_new_object();
    json_object_object_add(o, "time", json_object_new_string(log_utc_now(now, sizeof now)));
    add_string(o, "path", r->path);
    add_string(o, "name", r->name);
    json_object_object_add(o, "size", json_object_new_int64((int64_t)r->size));
    json_object_object_add(o, "mtime_ns", json_object_new_int64(r->mtime_ns));
    add_string(o, "parent", r->parent);
    add_string(o, "member", r->member);
    char *line = NULL;
    int len = asprintf(&line, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    json_object_put(o);
    char *path = fs_join(dir, "received.jsonl");
    free(dir);
    int rc = 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0 || len < 0 || write(fd, line, (size_t)len) != len || fsync(fd) != 0)
        rc = dk_fail_errno(err, "cannot record reception in %s", path);
    if (fd >= 0)
        close(fd);
    free(line);
    free(path);
    return rc;
}

/* items_receipts - parse received.jsonl line by line */
json_object *items_receipts(const char *data_dir, const char *sha256, char **err)
{
    char *path = item_file(data_dir, sha256, "received.jsonl");
    char *data = NULL;
    if (path == NULL || fs_read_all(path, &data, NULL, err) != 0) {
        free(path);
        return NULL;
    }
    free(path);
    json_object *list = json_object_new_array();
    char *save = NULL;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_object *o = json_tokener_parse(line);
        if (o != NULL)
            json_object_array_add(list, o);
    }
    free(data);
    return list;
}

/* items_save_result - atomic replace of result.json */
int items_save_result(const char *data_dir, const char *sha256, json_object *result,
                      char **err)
{
    char *dir = items_dir(data_dir, sha256);
    if (dir == NULL || fs_mkdirs(dir, 0755, err) != 0) {
        free(dir);
        return -1;
    }
    char *path = fs_join(dir, "result.json");
    free(dir);
    const char *text = json_object_to_json_string_ext(result, JSON_C_TO_STRING_PLAIN);
    int rc = fs_write_atomic(path, text, strlen(text), err);
    free(path);
    return rc;
}

/* items_load_result - read and parse result.json */
json_object *items_load_result(const char *data_dir, const char *sha256, char **err)
{
    char *path = item_file(data_dir, sha256, "result.json");
    char *data = NULL;
    if (path == NULL || fs_read_all(path, &data, NULL, err) != 0) {
        free(path);
        return NULL;
    }
    json_object *o = json_tokener_parse(data);
    if (o == NULL)
        dk_fail(err, "%s is not valid JSON", path);
    free(data);
    free(path);
    return o;
}

/* items_failed_result - {"sha256","mime","status":"failed","reason",...} */
json_object *items_failed_result(const char *sha256, const char *mime, const char *reason)
{
    json_object *o = json_object_new_object();
    add_string(o, "sha256", sha256);
    add_string(o, "mime", mime);
    json_object_object_add(o, "status", json_object_new_string("failed"));
    add_string(o, "reason", reason);
    json_object_object_add(o, "pages", json_object_new_array());
    json_object_object_add(o, "children", json_object_new_array());
    return o;
}

/* items_resolve - scan DATA/items/ab/ for the prefix */
char *items_resolve(const char *data_dir, const char *prefix, char **err)
{
    size_t len = strlen(prefix);
    if (len < 4 || len > 64) {
        dk_fail(err, "'%s' is not a SHA-256 or a prefix of at least 4 hex digits", prefix);
        return NULL;
    }
    char lower[65];
    for (size_t i = 0; i <= len; i++)
        lower[i] = (char)tolower((unsigned char)prefix[i]);
    if (strspn(lower, "0123456789abcdef") != len) {
        dk_fail(err, "'%s' is not a SHA-256 (hex digits only)", prefix);
        return NULL;
    }
    char *dir = NULL;
    if (asprintf(&dir, "%s/items/%.2s", data_dir, lower) < 0)
        return NULL;
    DIR *d = opendir(dir);
    free(dir);
    char *found = NULL;
    int matches = 0;
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, lower, len) != 0 || strlen(de->d_name) != 64)
            continue;
        if (matches++ == 0)
            found = strdup(de->d_name);
    }
    if (d)
        closedir(d);
    if (matches == 1)
        return found;
    free(found);
    if (matches == 0)
        dk_fail(err, "no item with SHA-256 %s...", lower);
    else
        dk_fail(err, "%d items start with %s: give more digits", matches, lower);
    return NULL;
}
