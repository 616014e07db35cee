/*
 * place.c - where an item's records live, and finding an item by a prefix
 * of its hash (see record.h).
 *
 * An item's files are DATA/items/ab/<sha>.<name>, side by side in the
 * folder of the hash's first two digits. A dokaz before 2026-12-06 gave each
 * item a folder of its own, DATA/items/ab/<sha>/<name>: such an item keeps
 * it (its files are read, appended to and replaced there), so that no item's
 * records are ever split between the two. A folder costs a block of the disk
 * (4 KiB) for each item, a third of a small item's records.
 *
 * Functions: item_in_folder, item_file_rel, item_file, item_files_dir, item_file_made,
 * item_record_name, item_record_rel, item_record_found, item_resolve.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <glib.h>
#include <sys/stat.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* own_folder - DATA/items/ab/<sha>, when it is there (else NULL) */
static char *own_folder(const char *data_dir, const char *sha256)
{
    char *folder = xasprintf("%s/items/%.2s/%s", data_dir, sha256, sha256);
    struct stat st;
    if (stat(folder, &st) == 0 && S_ISDIR(st.st_mode))
        return folder;
    free(folder);
    return NULL;
}

/* item_in_folder - whether DATA/items/ab/<sha>/ is there */
bool item_in_folder(const char *data_dir, const char *sha256)
{
    char *folder = own_folder(data_dir, sha256);
    free(folder);
    return folder != NULL;
}

/* item_file_rel - items/ab/<sha>.<name>, or items/ab/<sha>/<name> */
char *item_file_rel(const char *sha256, const char *name, bool in_folder)
{
    return xasprintf("items/%.2s/%s%c%s", sha256, sha256, in_folder ? '/' : '.', name);
}

/* item_file - DATA/ and item_file_rel, in the layout the item has */
char *item_file(const char *data_dir, const char *sha256, const char *name)
{
    char *rel = item_file_rel(sha256, name, item_in_folder(data_dir, sha256));
    char *path = xasprintf("%s/%s", data_dir, rel);
    free(rel);
    return path;
}

/* item_files_dir - the folder an item's files are in */
char *item_files_dir(const char *data_dir, const char *sha256)
{
    char *folder = own_folder(data_dir, sha256);
    return folder != NULL ? folder : xasprintf("%s/items/%.2s", data_dir, sha256);
}

/* item_file_made - item_file, once the folder it goes in is there */
char *item_file_made(const char *data_dir, const char *sha256, const char *name, mode_t mode,
                     char **err)
{
    char *path = item_file(data_dir, sha256, name), *folder = g_path_get_dirname(path);
    int made = fs_mkdirs(folder, mode, err);
    g_free(folder);
    if (made == 0)
        return path;
    free(path);
    return NULL;
}

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

/* item_record_rel - the result's file as found, or where the receptions are */
char *item_record_rel(const char *data_dir, const char *sha256, item_record_file which)
{
    if (which == ITEM_RECORD_RECEPTIONS) {
        bool in_log;
        free(rec_reception_place(data_dir, sha256, &in_log));
        if (in_log)
            return item_reception_log_rel(sha256);
    }
    return item_file_rel(sha256, item_record_found(data_dir, sha256, which),
                         item_in_folder(data_dir, sha256));
}

/* item_resolve - scan DATA/items/ab/ and the prefix's log for the prefix */
char *item_resolve(const char *data_dir, const char *prefix, char **err)
{
    size_t len = strlen(prefix);
    if (len < 4 || len > 64) {
        dk_fail(err, "'%s' is not a SHA-256 or a prefix of at least 4 hex digits", prefix);
        return NULL;
    }
    char lower[65];
    for (size_t i = 0; i <= len; i++)
        lower[i] = (char)tolower((unsigned char)prefix[i]);
    if (strspn(lower, "0123456789abcdef") != len) {
        dk_fail(err, "'%s' is not a SHA-256 (hex digits only)", prefix);
        return NULL;
    }
    char *dir = xasprintf("%s/items/%.2s", data_dir, lower);
    DIR *d = opendir(dir);
    free(dir);
    struct dirent *de;
    GHashTable *items = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    while (d && (de = readdir(d)) != NULL) { /* <sha>.<name>, or an older <sha>/ */
        size_t n = strlen(de->d_name);
        if (strncmp(de->d_name, lower, len) == 0 && n >= 64 && (n == 64 || de->d_name[64] == '.'))
            g_hash_table_add(items, g_strndup(de->d_name, 64)); /* each item once */
    }
    if (d)
        closedir(d);
    rec_log_items(data_dir, lower, items); /* items received but not yet processed */
    int matches = (int)g_hash_table_size(items);
    GHashTableIter it;
    gpointer sha = NULL;
    g_hash_table_iter_init(&it, items);
    char *found = matches == 1 && g_hash_table_iter_next(&it, &sha, NULL) ? xstrdup(sha) : NULL;
    g_hash_table_destroy(items);
    if (found != NULL)
        return found;
    if (matches == 0)
        dk_fail(err, "no item with SHA-256 %s...", lower);
    else
        dk_fail(err, "%d items start with %s: give more digits", matches, lower);
    return NULL;
}
