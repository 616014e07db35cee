/*
 * reception_list.c - an item's receptions read, and one written as JSON
 * (see record.h): the read side of receptions.c. Apart from the appending,
 * which hashes the file for the audit log, so that the light `dokaz`
 * (cli/meson.build), which only reads receptions, links no libcrypto.
 *
 * Functions: rec_reception_json_of, item_reception_json, rec_receptions_parse,
 * item_receptions_load, item_receptions_first, item_receptions_free.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* rec_reception_json_of - {"sha256" when given, "time","path","name","size",
 * "mtime_ns","parent","member"} and "collection" when there is one */
json_object *rec_reception_json_of(const item_reception *r, const char *sha256)
{
    json_object *o = json_object_new_object();
    if (sha256 != NULL)
        rec_add_string(o, "sha256", sha256);
    rec_add_string(o, "time", r->time);
    rec_add_string(o, "path", r->path);
    rec_add_string(o, "name", r->name);
    json_object_object_add(o, "size", json_object_new_int64((int64_t)r->size));
    json_object_object_add(o, "mtime_ns", json_object_new_int64(r->mtime_ns));
    rec_add_string(o, "parent", r->parent);
    rec_add_string(o, "member", r->member);
    if (r->collection != NULL)
        rec_add_string(o, "collection", r->collection);
    return o;
}

/* item_reception_json - rec_reception_json_of without the hash */
json_object *item_reception_json(const item_reception *r)
{
    return rec_reception_json_of(r, NULL);
}

/* reception_from_json - the typed reception of one line (strings g_strdup'd) */
static item_reception reception_from_json(json_object *o)
{
    json_object *size = NULL, *mtime = NULL;
    json_object_object_get_ex(o, "size", &size);
    json_object_object_get_ex(o, "mtime_ns", &mtime);
    return (item_reception){
        .time = rec_strdup(o, "time"),
        .path = rec_strdup(o, "path"),
        .name = rec_strdup(o, "name"),
        .parent = rec_strdup(o, "parent"),
        .member = rec_strdup(o, "member"),
        .collection = rec_strdup(o, "collection"),
        .size = (uint64_t)json_object_get_int64(size),
        .mtime_ns = json_object_get_int64(mtime),
    };
}

/* rec_receptions_parse - see record_private.h */
item_receptions *rec_receptions_parse(char *data)
{
    item_receptions *list = g_new0(item_receptions, 1);
    char *save = NULL;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_object *o = json_tokener_parse(line);
        if (o == NULL || !json_object_is_type(o, json_type_object)) {
            json_object_put(o);
            continue;
        }
        list->list = g_renew(item_reception, list->list, list->n + 1);
        list->list[list->n++] = reception_from_json(o);
        json_object_put(o);
    }
    return list;
}

/* item_receptions_load - parse the item's lines one by one */
item_receptions *item_receptions_load(const char *data_dir, const char *sha256, char **err)
{
    char *data = NULL;
    int rc = rec_receptions_bytes(data_dir, sha256, &data, NULL, err);
    if (rc == 1)
        dk_fail(err, "no reception of %.12s is recorded", sha256);
    if (rc != 0)
        return NULL;
    item_receptions *list = rec_receptions_parse(data);
    free(data);
    return list;
}

/* item_receptions_first - the oldest reception */
const item_reception *item_receptions_first(const item_receptions *list)
{
    return list != NULL && list->n > 0 ? &list->list[0] : NULL;
}

/* item_receptions_free - the strings, the array, the list */
void item_receptions_free(item_receptions *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->n; i++) {
        item_reception *r = &list->list[i];
        g_free((char *)r->time);
        g_free((char *)r->path);
        g_free((char *)r->name);
        g_free((char *)r->parent);
        g_free((char *)r->member);
        g_free((char *)r->collection);
    }
    g_free(list->list);
    g_free(list);
}
