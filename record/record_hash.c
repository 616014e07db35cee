/*
 * record_hash.c - the hash of an item's record files, which the audit log
 * binds into its chain (see record.h).
 *
 * Functions: item_record_name, item_record_sha256.
 */
#include "record/record.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"

#include <stdlib.h>

/* item_record_name - the file's name in the item's directory */
const char *item_record_name(item_record_file which)
{
    return which == ITEM_RECORD_RESULT ? "result.json" : "received.jsonl";
}

/* item_record_sha256 - hash the file, telling a missing one apart */
int item_record_sha256(const char *data_dir, const char *sha256, item_record_file which,
                       char hex[65], char **err)
{
    char *dir = item_dir(data_dir, sha256);
    char *path = fs_join(dir, item_record_name(which));
    free(dir);
    int rc = fs_exists(path) ? filehash_sha256(path, hex, NULL, NULL, NULL, err) : 1;
    free(path);
    return rc;
}
