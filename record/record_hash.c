/*
 * record_hash.c - the hash of an item's record, which the audit log binds
 * into its chain (see record.h): a result's file, or the item's reception
 * lines wherever they are (reception_log.c); their names are place.c.
 *
 * Functions: item_record_sha256.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"
#include "common/hex.h"

#include <stdlib.h>

/* receptions_sha256 - hash the item's lines, telling none apart */
static int receptions_sha256(const char *data_dir, const char *sha256, char hex[65], char **err)
{
    char *bytes = NULL;
    size_t len = 0;
    int rc = rec_receptions_bytes(data_dir, sha256, &bytes, &len, err);
    if (rc == 0) {
        uint8_t digest[SHA256_BYTES];
        filehash_sha256_bytes(bytes, len, digest);
        hex_encode(digest, SHA256_BYTES, hex);
    }
    free(bytes);
    return rc;
}

/* item_record_sha256 - hash the record, telling a missing one apart */
int item_record_sha256(const char *data_dir, const char *sha256, item_record_file which,
                       char hex[65], char **err)
{
    if (which == ITEM_RECORD_RECEPTIONS)
        return receptions_sha256(data_dir, sha256, hex, err);
    char *path = item_file(data_dir, sha256, item_record_found(data_dir, sha256, which));
    int rc = fs_exists(path) ? filehash_sha256(path, hex, NULL, NULL, NULL, err) : 1;
    free(path);
    return rc;
}
