/*
 * walk.h - the regular files below a folder, one at a time, in memory that
 * grows with the folders waiting to be read, never with the files: only one
 * folder is open at once, and a folder's files are read from it as they are
 * asked for. Symbolic links are never followed (they are reported).
 */
#ifndef DOKAZ_INGEST_WALK_H
#define DOKAZ_INGEST_WALK_H

typedef struct walk walk;

/* What walk_next found. */
typedef enum {
    WALK_END,       /* nothing is left */
    WALK_FILE,      /* a regular file */
    WALK_LINK,      /* a symbolic link, not followed */
    WALK_UNREADABLE /* a folder that cannot be read (errno said why when it was opened) */
} walk_kind;

/* walk_open - walk the folder at root (an absolute path); the caller frees
 * it with walk_close */
walk *walk_open(const char *root);

/* walk_next - the next thing found; *path gets its path (malloc'd: the
 * caller frees it), NULL at WALK_END */
walk_kind walk_next(walk *w, char **path);

/* walk_close - free the walk and close its folder */
void walk_close(walk *w);

#endif
