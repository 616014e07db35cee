/*
 * export_private.h - what the files of an export package share: the package
 * being written and the list of its files. Not for use outside custody/.
 */
#ifndef DOKAZ_CUSTODY_EXPORT_PRIVATE_H
#define DOKAZ_CUSTODY_EXPORT_PRIVATE_H

#include "custody.h"

#include <glib.h>

/* One file of the package. */
typedef struct {
    char *path; /* relative to the package: "originals/3fa4b2c1d0e9_verdict.pdf" */
    char sha256[65];
    uint64_t size;
    const char *role; /* "original", "derived", "custody", "package" */
    char *item;       /* the item it belongs to, NULL for the package's own files */
} pkg_file;

/* A package being written; pkg_free frees it. */
typedef struct {
    char *dir;     /* absolute */
    GArray *files; /* pkg_file, in the order written */
} pkg;

/* pkg_new - create the (absent or empty) directory `dir` and its subfolders */
pkg *pkg_new(const char *dir, char **err);

/* pkg_free - free the list (the files stay) */
void pkg_free(pkg *p);

/* pkg_safe_name - a file name made safe for any file system and person: no
 * '/', '\\', control characters or leading dots, valid UTF-8, at most
 * PKG_NAME_MAX bytes; "item" for nothing left (malloc'd) */
char *pkg_safe_name(const char *name);
#define PKG_NAME_MAX 120

/* pkg_valid_utf8 - make every string inside `o` valid UTF-8 (a byte that is
 * not becomes U+FFFD), so that the package's JSON is JSON: a file name may
 * hold any bytes, and the manifest still maps it to its original by hash */
void pkg_valid_utf8(json_object *o);

/* pkg_copy - copy `from` into the package as `rel`, hashing as it goes */
int pkg_copy(pkg *p, const char *from, const char *rel, const char *role, const char *item,
             char **err);

/* pkg_write - write `len` bytes into the package as `rel` */
int pkg_write(pkg *p, const char *rel, const void *data, size_t len, const char *role,
              const char *item, char **err);

/* pkg_last - the file added last */
const pkg_file *pkg_last(const pkg *p);

/* pkg_seal - manifest.json (items: the items' objects, taken), README.txt and
 * SHA256SUMS; sums_sha256 gets SHA256SUMS's hash */
int pkg_seal(pkg *p, json_object *items, const char *audit_head, char sums_sha256[65], char **err);

/* pkg_sign - SHA256SUMS.asc: a detached, armored OpenPGP signature of
 * SHA256SUMS by `key` (a fingerprint, key id or user id in the GnuPG home) */
int pkg_sign(pkg *p, const char *key, char **err);

/* pkg_zip - DIR.zip holding the package's folder, for handing over as one file */
int pkg_zip(pkg *p, char **zip_path, char **err);

#endif
