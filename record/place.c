/*
 * place.c - where an item's records live, and finding an item by a prefix
 * of its hash (see record.h).
 *
 * Functions: item_dir, item_resolve.
 */
#include "record/record.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* item_dir - DATA/items/ab/<sha> */
char *item_dir(const char *data_dir, const char *sha256)
{
    return xasprintf("%s/items/%.2s/%s", data_dir, sha256, sha256);
}

/* item_resolve - scan DATA/items/ab/ for the prefix */
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
    char *found = NULL;
    int matches = 0;
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, lower, len) != 0 || strlen(de->d_name) != 64)
            continue;
        if (matches++ == 0)
            found = xstrdup(de->d_name);
    }
    if (d)
        closedir(d);
    if (matches == 1)
        return found;
    free(found);
    if (matches == 0)
        dk_fail(err, "no item with SHA-256 %s...", lower);
    else
        dk_fail(err, "%d items start with %s: give more digits", matches, lower);
    return NULL;
}
