/*
 * collection.h - which collections an item belongs to. A collection is what
 * a team grants its users (`dokaz user grant`): a user sees the items of the
 * collections granted, nothing else.
 *
 * An inbox file belongs to the top-level folder under the inbox it arrived
 * in (a file lying in the inbox itself: the inbox folder's own name), unless
 * a rule (`collection /path/to/folder = NAME` in dokaz.conf) names the
 * collection of a folder; `dokaz ingest PATH` gives the name of the folder
 * given (a file's own folder) or --collection NAME. Each reception records
 * its collection (item_reception.collection); members of an archive or
 * e-mail are received into every collection of their container; the same
 * content received into two collections belongs to both.
 */
#ifndef DOKAZ_INGEST_COLLECTION_H
#define DOKAZ_INGEST_COLLECTION_H

#include "record/record.h"

#include <stddef.h>

#define COLLECTION_NAME_MAX 100 /* bytes of a collection's name */

/* A folder whose files (at any depth) belong to a named collection. */
typedef struct {
    const char *folder; /* absolute, without a trailing '/' */
    const char *name;
} collection_rule;

/* collection_name_valid - 1 if `name` can name a collection: 1..COLLECTION_NAME_MAX
 * bytes of UTF-8 without control characters, '/' or '*', not "." or "..", and
 * without white space at either end */
int collection_name_valid(const char *name);

/* collection_of_path - the collection of a file received from the absolute
 * `path`: the rule with the longest folder holding it, else the top-level
 * folder under the inbox holding it, else the name of its own folder.
 * g_malloc'd; never NULL. */
char *collection_of_path(const collection_rule *rules, size_t nrules, char *const *inboxes,
                         size_t ninboxes, const char *path);

/* collection_list - the item's collections, sorted, each once (a g_strfreev
 * vector, never NULL; empty when it has no reception). A reception recorded
 * before collections existed counts as its container's collections (a member)
 * or its own folder's name (a file). */
char **collection_list(const char *data_dir, const char *sha256);

/* collection_reception_in - 1 if the reception put its item into one of
 * `granted` (NULL-terminated), else 0 */
int collection_reception_in(const char *data_dir, const item_reception *r,
                            const char *const *granted);

/* collection_member_of - 1 if the item belongs to one of `granted`
 * (NULL-terminated), else 0 */
int collection_member_of(const char *data_dir, const char *sha256, const char *const *granted);

#endif
