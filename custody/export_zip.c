/*
 * export_zip.c - DIR.zip: the package folder as one file for handing over,
 * written with libarchive; the folder stays, and SHA256SUMS inside the zip
 * checks its contents once unpacked (see export_private.h).
 *
 * Functions: pkg_zip.
 */
#include "export_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* add_file - one file of the package under "<folder name>/<rel>" */
static int add_file(struct archive *a, const pkg *p, const char *top, const char *rel, char **err)
{
    char *path = fs_join(p->dir, rel), *data = NULL;
    size_t len = 0;
    if (fs_read_all(path, &data, &len, err) != 0) {
        free(path);
        return -1;
    }
    char *name = xasprintf("%s/%s", top, rel);
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)len);
    archive_entry_set_mtime(e, time(NULL), 0);
    int rc = 0;
    if (archive_write_header(a, e) != ARCHIVE_OK ||
        (len > 0 && archive_write_data(a, data, len) != (la_ssize_t)len))
        rc = dk_fail(err, "cannot zip %s: %s", rel, archive_error_string(a));
    archive_entry_free(e);
    free(name);
    free(data);
    free(path);
    return rc;
}

/* pkg_zip - every listed file, then SHA256SUMS (and its signature if made) */
int pkg_zip(pkg *p, char **zip_path, char **err)
{
    const char *top = strrchr(p->dir, '/') ? strrchr(p->dir, '/') + 1 : p->dir;
    char *out = xasprintf("%s.zip", p->dir);
    struct archive *a = archive_write_new();
    int rc = 0;
    if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
        archive_write_open_filename(a, out) != ARCHIVE_OK)
        rc = dk_fail(err, "cannot write %s: %s", out, archive_error_string(a));
    for (guint i = 0; rc == 0 && i < p->files->len; i++)
        rc = add_file(a, p, top, g_array_index(p->files, pkg_file, i).path, err);
    if (rc == 0)
        rc = add_file(a, p, top, "SHA256SUMS", err);
    char *asc = fs_join(p->dir, "SHA256SUMS.asc");
    if (rc == 0 && fs_exists(asc))
        rc = add_file(a, p, top, "SHA256SUMS.asc", err);
    free(asc);
    if (archive_write_close(a) != ARCHIVE_OK && rc == 0)
        rc = dk_fail(err, "cannot write %s: %s", out, archive_error_string(a));
    archive_write_free(a);
    if (rc == 0)
        *zip_path = out;
    else
        free(out);
    return rc;
}
