/*
 * record_hash.c - where an item's record files are, and the hash of each,
 * which the audit log binds into its chain (see record.h).
 *
 * Functions: item_record_name, item_record_found, item_record_sha256.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"

#include <stdlib.h>

/* item_record_name - the file's name after the item's hash (item_file) */
const char *item_record_name(item_record_file which)
{
    return which == ITEM_RECORD_RESULT ? "result.json.gz" : "received.jsonl";
}

/* item_record_found - the saved name, unless only an older dokaz's result is there */
const char *item_record_found(const char *data_dir, const char *sha256, item_record_file which)
{
    const char *name = item_record_name(which);
    if (which != ITEM_RECORD_RESULT)
        return name;
    char *path = item_file(data_dir, sha256, name);
    bool saved = fs_exists(path);
    free(path);
    if (saved)
        return name;
    path = item_file(data_dir, sha256, RECORD_RESULT_UNCOMPRESSED);
    bool older = fs_exists(path);
    free(path);
    return older ? RECORD_RESULT_UNCOMPRESSED : name;
}

/* item_record_sha256 - hash the file, telling a missing one apart */
int item_record_sha256(const char *data_dir, const char *sha256, item_record_file which,
                       char hex[65], char **err)
{
    char *path = item_file(data_dir, sha256, item_record_found(data_dir, sha256, which));
    int rc = fs_exists(path) ? filehash_sha256(path, hex, NULL, NULL, NULL, err) : 1;
    free(path);
    return rc;
}
