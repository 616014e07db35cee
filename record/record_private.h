/*
 * record_private.h - what the record subsystem's files share: reading and
 * writing the JSON members of a record. Not for use outside record/.
 */
#ifndef DOKAZ_RECORD_PRIVATE_H
#define DOKAZ_RECORD_PRIVATE_H

#include <json-c/json.h>

/* rec_string - o[key] when it is a string, else NULL (o may be NULL) */
const char *rec_string(json_object *o, const char *key);

/* rec_strdup - a g_strdup of rec_string (g_free), NULL when it is none */
char *rec_strdup(json_object *o, const char *key);

/* rec_add_string - o[key] = value, or null for NULL */
void rec_add_string(json_object *o, const char *key, const char *value);

/* rec_file - DATA/items/ab/<sha>/<name> (malloc'd) */
char *rec_file(const char *data_dir, const char *sha256, const char *name);

#endif
