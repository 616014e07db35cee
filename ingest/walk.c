/*
 * walk.c - the regular files below a folder, one at a time (see walk.h).
 *
 * nftw(3) calls back for the whole tree at once, so a caller that wants the
 * files a group at a time has to list them all first, in memory that grows
 * with the input. Here the folders still to be read wait on a stack, by path,
 * and the folder being read stays open between calls: the memory is the
 * paths of the folders waiting, and one file descriptor.
 *
 * Functions: walk_open, walk_next, walk_close.
 */
#include "walk.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct walk {
    GPtrArray *folders; /* paths still to be read (malloc'd), the next one last */
    DIR *dir;           /* the folder being read, else NULL */
    char *dir_path;     /* its path (malloc'd) */
};

/* walk_open - the root is the first folder to read */
walk *walk_open(const char *root)
{
    walk *w = xcalloc(1, sizeof *w);
    w->folders = g_ptr_array_new_with_free_func(free);
    g_ptr_array_add(w->folders, xstrdup(root));
    return w;
}

/* kind_of - what a folder entry is: its d_type, else lstat's answer */
static unsigned char kind_of(const struct dirent *de, const char *path)
{
    struct stat st;
    if (de->d_type != DT_UNKNOWN)
        return de->d_type;
    if (lstat(path, &st) != 0)
        return DT_UNKNOWN;
    return S_ISREG(st.st_mode)   ? DT_REG
           : S_ISDIR(st.st_mode) ? DT_DIR
           : S_ISLNK(st.st_mode) ? DT_LNK
                                 : DT_UNKNOWN;
}

/* open_next - close the folder read through and open the next one waiting;
 * WALK_FILE when one is open, WALK_UNREADABLE (its path in *path) or WALK_END */
static walk_kind open_next(walk *w, char **path)
{
    if (w->dir != NULL)
        closedir(w->dir);
    free(w->dir_path);
    w->dir = NULL;
    w->dir_path = NULL;
    if (w->folders->len == 0)
        return WALK_END;
    w->dir_path = g_ptr_array_steal_index(w->folders, w->folders->len - 1);
    w->dir = opendir(w->dir_path);
    if (w->dir == NULL) {
        *path = w->dir_path;
        w->dir_path = NULL;
        return WALK_UNREADABLE;
    }
    return WALK_FILE;
}

/* walk_next - read on in the open folder; a folder found waits its turn */
walk_kind walk_next(walk *w, char **path)
{
    *path = NULL;
    for (;;) {
        struct dirent *de = w->dir ? readdir(w->dir) : NULL;
        if (de == NULL) {
            walk_kind k = open_next(w, path);
            if (k != WALK_FILE)
                return k;
            continue;
        }
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *p = fs_join(w->dir_path, de->d_name);
        unsigned char kind = kind_of(de, p);
        if (kind == DT_DIR) {
            g_ptr_array_add(w->folders, p);
            continue;
        }
        if (kind == DT_REG || kind == DT_LNK) {
            *path = p;
            return kind == DT_REG ? WALK_FILE : WALK_LINK;
        }
        free(p); /* devices, FIFOs, sockets: not files to receive */
    }
}

/* walk_close - the folder open and the paths waiting */
void walk_close(walk *w)
{
    if (w == NULL)
        return;
    if (w->dir != NULL)
        closedir(w->dir);
    free(w->dir_path);
    g_ptr_array_free(w->folders, TRUE);
    free(w);
}
