/*
 * export_seal.c - closing an export package: manifest.json (every file with
 * its hash, size, role and item, and every item's metadata), README.txt
 * (how a recipient checks the package offline) and SHA256SUMS over all of
 * it, in the format `sha256sum -c` reads (see export_private.h).
 *
 * Functions: pkg_seal.
 */
#include "export_private.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char readme[] =
    "This folder is an export package made by dokaz, an archive of court papers.\n"
    "\n"
    "  originals/  the files exactly as they were received, byte for byte. Each is\n"
    "              named <first 12 digits of its SHA-256>_<its original name, made\n"
    "              safe>; manifest.json maps every name back to the full hash and\n"
    "              the original name.\n"
    "  derived/    WORKING COPIES made by dokaz from the originals: the text read\n"
    "              from each page (text layer or OCR) and searchable PDFs. They are\n"
    "              not evidence; the originals are.\n"
    "  custody/    each item's chain of custody from dokaz's audit log, as JSON and\n"
    "              as text: when and where each file was received, by which host,\n"
    "              how it was processed, and the package's own export.\n"
    "  selection.json  (when present) why these items: the dossier of the person\n"
    "              they are about, as dokaz built it when exporting.\n"
    "  manifest.json  every file: SHA-256, size, role (original, derived, custody),\n"
    "              the item it belongs to, and each item's metadata and parent chain.\n"
    "  SHA256SUMS  the SHA-256 of every other file.\n"
    "  SHA256SUMS.asc  (when present) an OpenPGP signature of SHA256SUMS.\n"
    "\n"
    "To check the package, offline, in this folder:\n"
    "\n"
    "  sha256sum -c SHA256SUMS        every line must say OK\n"
    "  gpg --verify SHA256SUMS.asc SHA256SUMS   (with the sender's public key)\n"
    "\n"
    "An original's name in originals/ begins with its own hash: `sha256sum FILE`\n"
    "shows that the file is the one the audit log and manifest.json name.\n"
    "The audit log's head hash at the time of export is in manifest.json\n"
    "(\"audit_head\"): a later copy of the log must still contain a line with it.\n";

/* files_json - the list of files written so far */
static json_object *files_json(const pkg *p)
{
    json_object *a = json_object_new_array();
    for (guint i = 0; i < p->files->len; i++) {
        const pkg_file *f = &g_array_index(p->files, pkg_file, i);
        json_object *o = json_object_new_object();
        json_object_object_add(o, "path", json_object_new_string(f->path));
        json_object_object_add(o, "sha256", json_object_new_string(f->sha256));
        json_object_object_add(o, "size", json_object_new_int64((int64_t)f->size));
        json_object_object_add(o, "role", json_object_new_string(f->role));
        json_object_object_add(o, "item", f->item ? json_object_new_string(f->item) : NULL);
        json_object_array_add(a, o);
    }
    return a;
}

/* pkg_seal - manifest, readme, then the sums over everything */
int pkg_seal(pkg *p, json_object *items, const char *audit_head, char sums_sha256[65], char **err)
{
    char now[40];
    json_object *m = json_object_new_object();
    json_object_object_add(m, "format", json_object_new_string("dokaz-export-1"));
    json_object_object_add(m, "created", json_object_new_string(log_utc_now(now, sizeof now)));
    json_object_object_add(m, "audit_head", json_object_new_string(audit_head));
    json_object_object_add(m, "items", items);
    json_object_object_add(m, "files", files_json(p));
    pkg_valid_utf8(m);
    const char *text = json_object_to_json_string_ext(m, JSON_C_TO_STRING_PRETTY |
                                                             JSON_C_TO_STRING_NOSLASHESCAPE);
    int rc = pkg_write(p, "manifest.json", text, strlen(text), "package", NULL, err);
    json_object_put(m);
    if (rc == 0)
        rc = pkg_write(p, "README.txt", readme, sizeof readme - 1, "package", NULL, err);
    if (rc != 0)
        return -1;
    GString *sums = g_string_new(NULL);
    for (guint i = 0; i < p->files->len; i++) {
        const pkg_file *f = &g_array_index(p->files, pkg_file, i);
        g_string_append_printf(sums, "%s  %s\n", f->sha256, f->path);
    }
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (guchar *)sums->str, sums->len);
    memcpy(sums_sha256, hex, 65);
    g_free(hex);
    char *path = xasprintf("%s/SHA256SUMS", p->dir);
    rc = fs_write_atomic(path, sums->str, sums->len, err);
    free(path);
    g_string_free(sums, TRUE);
    return rc;
}
