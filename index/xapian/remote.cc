/*
 * remote.cc - databases on other machines (Xapian's remote backend) and
 * several databases searched as one (shards).
 *
 * A remote database is served by xapian-tcpsrv (a TCP port) or by
 * xapian-progsrv on the far end of a pipe to a program (ssh HOST
 * xapian-progsrv DIR). Shards are added one by one to an empty database, so
 * the caller can open each on its own and leave out one that does not answer.
 *
 * Functions: xc_db_new_empty, xc_db_open_tcp, xc_db_open_program, xc_db_add,
 * xc_db_shards.
 */
#include "index/xapian/xapian_int.hh"

/* xc_db_new_empty - a database with no shards yet */
xc_db *xc_db_new_empty(char **err)
{
    try {
        return new xc_db{Xapian::Database(), {}};
    } catch (...) {
        fail_current(err, "cannot make a database of shards");
        return nullptr;
    }
}

/* xc_db_open_tcp - Xapian::Remote::open(host, port) */
xc_db *xc_db_open_tcp(const char *host, unsigned port, unsigned timeout_ms, char **err)
{
    try {
        return new xc_db{Xapian::Remote::open(host, port, timeout_ms, timeout_ms), {}};
    } catch (...) {
        fail_current(err, std::string("cannot reach ") + host + ":" + std::to_string(port));
        return nullptr;
    }
}

/* xc_db_open_program - Xapian::Remote::open(program, args) */
xc_db *xc_db_open_program(const char *program, const char *args, unsigned timeout_ms, char **err)
{
    try {
        return new xc_db{Xapian::Remote::open(program, args, timeout_ms), {}};
    } catch (...) {
        fail_current(err, std::string("cannot run ") + program + " " + args);
        return nullptr;
    }
}

/* xc_db_add - add_database, remembering the shard for its metadata */
int xc_db_add(xc_db *db, const xc_db *shard, char **err)
{
    if (db == nullptr || shard == nullptr)
        return dk_fail(err, "add a shard: no database");
    try {
        db->db.add_database(shard->db);
        db->shards.push_back(shard->db);
        return 0;
    } catch (...) {
        return fail_current(err, "cannot add a shard");
    }
}

/* xc_db_shards - how many databases xc_db_add added */
size_t xc_db_shards(const xc_db *db)
{
    return db != nullptr ? db->shards.size() : 0;
}
