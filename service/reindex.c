/*
 * reindex.c - rebuild the index from the stored result records (see
 * service.h, service_reindex).
 *
 * Nothing is read again: every done and failed item's result record holds
 * its pages' text and what the worker derived from them, which is all the
 * index is made of (indexer.c). The new index is built in DATA/index.new
 * while the old one goes on serving searches, then the two directories are
 * exchanged in one renameat2(RENAME_EXCHANGE), so a reader sees the old
 * index or the new one, never a mix or none; the old one is removed after.
 * A build cut short by a kill leaves DATA/index.new, removed by the next.
 *
 * `dokaz index compact` swaps in a compacted copy the same way
 * (service_compact).
 *
 * A new data directory's empty index is made the same way (reindex_ensure):
 * Xapian creating a database in place and killed half-way leaves files that
 * no later open accepts, which would keep the service paused for good.
 *
 * Functions: service_reindex, service_compact, reindex_ensure.
 */
#include "supervisor_private.h"
#include "indexer.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Pages indexed between two commits of the new index (at the end of an
 * item). Xapian holds what it is given in memory until a commit; smaller
 * batches cost less CPU as well as memory: dokaz reindex of 20,000 pages
 * took 18-20 CPU s committing every 500 items (about 2,800 pages), 12-14
 * every 50 or 100 (about 280 or 550 pages), 15-17 every 20 (more syncs). */
enum { REINDEX_COMMIT_PAGES = 500 };

/* remove_flat_dir - a Xapian database directory: files only, then itself */
static int remove_flat_dir(const char *dir, char **err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return errno == ENOENT ? 0 : dk_fail_errno(err, "cannot read %s", dir);
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] != '.' || (de->d_name[1] && de->d_name[1] != '.'))
            unlinkat(dirfd(d), de->d_name, 0);
    closedir(d);
    return rmdir(dir) == 0 ? 0 : dk_fail_errno(err, "cannot remove %s", dir);
}

/* add_state - index every item of one queue state from its record; an item
 * whose record cannot be read goes back to incoming, to be processed again */
static int add_state(index_writer *w, const char *data_dir, queue_state state,
                     service_reindexed *count, char **err)
{
    char **shas = NULL;
    size_t n = 0;
    if (queue_list(data_dir, state, &shas, &n, err) != 0)
        return -1;
    int rc = 0;
    size_t uncommitted = 0; /* pages */
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *why = NULL;
        item_page_reader *pages = NULL;
        indexer_count indexed = {0};
        item_result *result = item_result_open(data_dir, shas[i], &pages, &why);
        if (result == NULL) {
            log_msg(LOG_WARN, "%.12s: %s; queued to be processed again", shas[i], why);
            free(why);
            if (queue_move(data_dir, shas[i], state, QUEUE_INCOMING, NULL) == 0)
                count->requeued++;
            continue;
        }
        rc = indexer_add_item(w, data_dir, result, pages, &indexed, NULL, err);
        count->items++;
        count->pages += indexed.pages;
        uncommitted += indexed.pages > 0 ? indexed.pages : 1; /* a name-only document */
        item_page_reader_free(pages);
        item_result_free(result);
        if (rc == 0 && uncommitted >= REINDEX_COMMIT_PAGES) {
            rc = index_commit(w, err);
            uncommitted = 0;
        }
    }
    queue_list_free(shas, n);
    return rc;
}

/* build - the whole new index in `dir`: every item's, or none with count NULL */
static int build(const char *dir, const char *data_dir, service_reindexed *count, char **err)
{
    index_writer *w = index_writer_open(dir, err);
    if (w == NULL)
        return -1;
    int rc = count ? add_state(w, data_dir, QUEUE_DONE, count, err) : 0;
    if (rc == 0 && count)
        rc = add_state(w, data_dir, QUEUE_FAILED, count, err);
    if (rc == 0)
        rc = index_commit(w, err);
    index_writer_close(w);
    return rc;
}

/* swap - exchange DATA/index and DATA/index.new in one step */
static int swap(const char *data_dir, const char *live, const char *fresh, char **err)
{
    if (!fs_exists(live) && rename(fresh, live) == 0)
        return fs_fsync_dir(data_dir, err);
    if (renameat2(AT_FDCWD, fresh, AT_FDCWD, live, RENAME_EXCHANGE) != 0)
        return dk_fail_errno(err, "cannot put the new index %s in place of %s", fresh, live);
    if (fs_fsync_dir(data_dir, err) != 0)
        return -1;
    return remove_flat_dir(fresh, err); /* now the old one */
}

/* service_reindex - build beside, swap, remove the old */
int service_reindex(const char *data_dir, service_reindexed *count, char **err)
{
    *count = (service_reindexed){0};
    char *live = fs_join(data_dir, "index"), *fresh = fs_join(data_dir, "index.new");
    int rc = remove_flat_dir(fresh, err);
    if (rc == 0)
        rc = build(fresh, data_dir, count, err);
    if (rc == 0)
        rc = swap(data_dir, live, fresh, err);
    else
        remove_flat_dir(fresh, NULL);
    free(fresh);
    free(live);
    return rc;
}

/* dir_bytes - the bytes allocated to a database directory's files */
static unsigned long long dir_bytes(const char *dir)
{
    unsigned long long total = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    struct dirent *de;
    struct stat st;
    while ((de = readdir(d)) != NULL)
        if (fstatat(dirfd(d), de->d_name, &st, 0) == 0 && S_ISREG(st.st_mode))
            total += (unsigned long long)st.st_blocks * 512;
    closedir(d);
    return total;
}

/* service_compact - compact beside, swap, remove the old */
int service_compact(const char *data_dir, service_compacted *size, char **err)
{
    char *live = fs_join(data_dir, "index"), *fresh = fs_join(data_dir, "index.new");
    size->before = dir_bytes(live);
    size->after = 0;
    int rc = remove_flat_dir(fresh, err);
    if (rc == 0)
        rc = index_compact(live, fresh, err);
    if (rc == 0) {
        size->after = dir_bytes(fresh);
        rc = swap(data_dir, live, fresh, err);
    } else {
        remove_flat_dir(fresh, NULL);
    }
    free(fresh);
    free(live);
    return rc;
}

/* reindex_ensure - an index that was never completed (Xapian's glass
 * backend writes iamglass last when it creates one) is replaced by an empty
 * one built aside and renamed into place */
int reindex_ensure(const char *data_dir, char **err)
{
    char *live = fs_join(data_dir, "index"), *fresh = fs_join(data_dir, "index.new");
    char *version = fs_join(live, "iamglass");
    int rc = 0;
    if (!fs_exists(version)) {
        rc = remove_flat_dir(fresh, err);
        if (rc == 0)
            rc = build(fresh, data_dir, NULL, err);
        if (rc == 0)
            rc = remove_flat_dir(live, err); /* no committed revision: nothing to lose */
        if (rc == 0 && rename(fresh, live) != 0)
            rc = dk_fail_errno(err, "cannot put the new index %s in place", live);
        if (rc == 0)
            rc = fs_fsync_dir(data_dir, err);
    }
    free(version);
    free(fresh);
    free(live);
    return rc;
}
