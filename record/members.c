/*
 * members.c - reading and writing the JSON members of a record, for the
 * other files of record/ (see record_private.h).
 *
 * Functions: rec_string, rec_strdup, rec_add_string.
 */
#include "record/record_private.h"
#include "record/record.h"
#include "common/fsutil.h"

#include <glib.h>
#include <stdlib.h>

/* rec_string - typed member access */
const char *rec_string(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (o == NULL || !json_object_object_get_ex(o, key, &v) || v == NULL ||
        !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* rec_strdup - a copy of a string member */
char *rec_strdup(json_object *o, const char *key)
{
    return g_strdup(rec_string(o, key));
}

/* rec_add_string - put a string or null */
void rec_add_string(json_object *o, const char *key, const char *value)
{
    json_object_object_add(o, key, value ? json_object_new_string(value) : NULL);
}
