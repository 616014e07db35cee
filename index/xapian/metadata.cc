/*
 * metadata.cc - the database's metadata (key/value pairs beside the
 * documents), written by the writer and read by both sides.
 *
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_wdb_set_metadata, xc_wdb_get_metadata, xc_db_get_metadata.
 */
#include "index/xapian/xapian_int.hh"

/* xc_wdb_set_metadata - set_metadata */
int xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value, char **err)
{
    if (db == nullptr || key == nullptr || *key == '\0')
        return dk_fail(err, "set metadata: missing database or key");
    try {
        db->db.set_metadata(key, str(value));
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot set metadata ") + key);
    }
}

/* get_metadata - shared by the reader and the writer */
static char *get_metadata(const Xapian::Database &db, const char *key, char **err)
{
    if (key == nullptr || *key == '\0') {
        dk_fail(err, "get metadata: no key");
        return nullptr;
    }
    try {
        return dup_string(db.get_metadata(key));
    } catch (...) {
        fail_current(err, std::string("cannot read metadata ") + key);
        return nullptr;
    }
}

/* xc_wdb_get_metadata - get_metadata on the writer */
char *xc_wdb_get_metadata(xc_wdb *db, const char *key, char **err)
{
    if (db == nullptr) {
        dk_fail(err, "get metadata: no database");
        return nullptr;
    }
    return get_metadata(db->db, key, err);
}

/* xc_db_get_metadata - get_metadata on a reader; of shards (which Xapian
 * answers from the first alone), the first that has the key */
char *xc_db_get_metadata(xc_db *db, const char *key, char **err)
{
    if (db == nullptr) {
        dk_fail(err, "get metadata: no database");
        return nullptr;
    }
    for (const Xapian::Database &shard : db->shards) {
        char *value = get_metadata(shard, key, err);
        if (value == nullptr || *value != '\0')
            return value;
        free(value);
    }
    return get_metadata(db->db, key, err);
}
