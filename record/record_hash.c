/*
 * record_hash.c - the hash of an item's record file, which the audit log
 * binds into its chain (see record.h); their names are place.c.
 *
 * Functions: item_record_sha256.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"

#include <stdlib.h>

/* item_record_sha256 - hash the file, telling a missing one apart */
int item_record_sha256(const char *data_dir, const char *sha256, item_record_file which,
                       char hex[65], char **err)
{
    char *path = item_file(data_dir, sha256, item_record_found(data_dir, sha256, which));
    int rc = fs_exists(path) ? filehash_sha256(path, hex, NULL, NULL, NULL, err) : 1;
    free(path);
    return rc;
}
