/*
 * compact.cc - a compacted copy of a database (what xapian-compact does),
 * for `dokaz index compact`.
 *
 * Document ids are kept (DBCOMPACT_NO_RENUMBER) so that nothing that names a
 * document by its id changes, and tables are packed with Compactor::FULL:
 * FULLER would pack them tighter but makes every later update split blocks,
 * and the service goes on adding to the compacted index.
 *
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_db_compact.
 */
#include "index/xapian/xapian_int.hh"

/* xc_db_compact - Database::compact from one directory into another */
int xc_db_compact(const char *dir, const char *out, char **err)
{
    if (dir == nullptr || out == nullptr)
        return dk_fail(err, "compact: missing directory");
    try {
        Xapian::Database db(str(dir));
        db.compact(str(out), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
        return 0;
    } catch (...) {
        return fail_current(err, std::string("cannot compact ") + dir);
    }
}
