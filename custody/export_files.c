/*
 * export_files.c - writing an export package's files, each hashed as it is
 * written so that SHA256SUMS says what was written, not what was read
 * before (see export_private.h).
 *
 * Functions: pkg_new, pkg_free, pkg_safe_name, pkg_valid_utf8, pkg_copy, pkg_write, pkg_last.
 */
#include "export_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The package's folders, made at once so that each role has its place. */
static const char *const folders[] = {"originals", "derived", "custody"};

/* empty_or_absent - 1 when dir does not exist or holds nothing */
static int empty_or_absent(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return errno == ENOENT;
    struct dirent *e;
    int empty = 1;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

/* pkg_new - refuse a folder with something in it: a package is written whole */
pkg *pkg_new(const char *dir, char **err)
{
    if (!empty_or_absent(dir)) {
        dk_fail(err, "%s exists and is not empty: give a new folder for the package", dir);
        return NULL;
    }
    for (size_t i = 0; i < sizeof folders / sizeof *folders; i++) {
        char *sub = fs_join(dir, folders[i]);
        int rc = fs_mkdirs(sub, 0755, err);
        free(sub);
        if (rc != 0)
            return NULL;
    }
    pkg *p = xmalloc(sizeof *p);
    p->dir = fs_abspath(dir);
    p->files = g_array_new(FALSE, TRUE, sizeof(pkg_file));
    return p;
}

/* pkg_free - each entry's strings, the list, the package */
void pkg_free(pkg *p)
{
    if (p == NULL)
        return;
    for (guint i = 0; i < p->files->len; i++) {
        pkg_file *f = &g_array_index(p->files, pkg_file, i);
        free(f->path);
        free(f->item);
    }
    g_array_free(p->files, TRUE);
    free(p->dir);
    free(p);
}

/* pkg_safe_name - valid UTF-8, no separators or controls, bounded, no leading dot */
char *pkg_safe_name(const char *name)
{
    gchar *valid = g_utf8_make_valid(name ? name : "", -1);
    GString *s = g_string_new(NULL);
    for (const char *c = valid; *c; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        const char *next = g_utf8_next_char(c);
        bool bad = u < 0x20 || u == 0x7f || u == '/' || u == '\\' || u == 0xfffd ||
                   (g_unichar_type(u) == G_UNICODE_CONTROL) || (s->len == 0 && u == '.');
        size_t len = bad ? 1 : (size_t)(next - c);
        if (s->len + len > PKG_NAME_MAX)
            break;
        if (bad)
            g_string_append_c(s, '_');
        else
            g_string_append_len(s, c, (gssize)len);
    }
    g_free(valid);
    if (s->len == 0)
        g_string_assign(s, "item");
    char *out = xstrdup(s->str);
    g_string_free(s, TRUE);
    return out;
}

/* made_valid - a valid copy of a string value that is not UTF-8; NULL for any
 * other value (which may hold such strings further in) */
static json_object *made_valid(json_object *v)
{
    if (!json_object_is_type(v, json_type_string) ||
        g_utf8_validate(json_object_get_string(v), json_object_get_string_len(v), NULL))
        return NULL;
    gchar *valid = g_utf8_make_valid(json_object_get_string(v), json_object_get_string_len(v));
    json_object *copy = json_object_new_string(valid);
    g_free(valid);
    return copy;
}

/* pkg_valid_utf8 - walk objects and arrays, replacing strings that are not UTF-8 */
void pkg_valid_utf8(json_object *o)
{
    if (json_object_is_type(o, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(o); i++) {
            json_object *v = json_object_array_get_idx(o, i), *copy = made_valid(v);
            if (copy)
                json_object_array_put_idx(o, i, copy);
            else
                pkg_valid_utf8(v);
        }
    } else if (json_object_is_type(o, json_type_object)) {
        json_object_object_foreach(o, key, v)
        {
            json_object *copy = made_valid(v);
            if (copy)
                json_object_object_add(o, key, copy);
            else
                pkg_valid_utf8(v);
        }
    }
}

/* add_entry - remember a file written */
static void add_entry(pkg *p, const char *rel, const char *hex, uint64_t size, const char *role,
                      const char *item)
{
    pkg_file f = {.path = xstrdup(rel),
                  .size = size,
                  .role = role,
                  .item = item ? xstrdup(item) : NULL};
    memcpy(f.sha256, hex, 65);
    g_array_append_val(p->files, f);
}

/* write_all - write len bytes, retrying short writes */
static int write_all(int fd, const void *data, size_t len)
{
    const char *at = data;
    while (len > 0) {
        ssize_t n = write(fd, at, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        at += n;
        len -= (size_t)n;
    }
    return 0;
}

/* pkg_copy - stream from -> package, through SHA-256 */
int pkg_copy(pkg *p, const char *from, const char *rel, const char *role, const char *item,
             char **err)
{
    char *to = fs_join(p->dir, rel);
    int in = open(from, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    int rc = 0;
    if (in < 0 || out < 0)
        rc = dk_fail_errno(err, "cannot copy %s to %s", from, to);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    uint64_t size = 0;
    enum { CHUNK = 1 << 20 };
    char *buf = xmalloc(CHUNK);
    while (rc == 0) {
        ssize_t n = read(in, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (n > 0 && write_all(out, buf, (size_t)n) != 0))
            rc = dk_fail_errno(err, "cannot copy %s to %s", from, to);
        if (n <= 0)
            break;
        g_checksum_update(sum, (guchar *)buf, n);
        size += (uint64_t)n;
    }
    if (rc == 0 && fsync(out) != 0)
        rc = dk_fail_errno(err, "cannot write %s", to);
    if (rc == 0)
        add_entry(p, rel, g_checksum_get_string(sum), size, role, item);
    free(buf);
    g_checksum_free(sum);
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    free(to);
    return rc;
}

/* pkg_write - bytes -> package */
int pkg_write(pkg *p, const char *rel, const void *data, size_t len, const char *role,
              const char *item, char **err)
{
    char *to = fs_join(p->dir, rel);
    int rc = fs_write_atomic(to, data, len, err);
    free(to);
    if (rc != 0)
        return -1;
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
    add_entry(p, rel, hex, len, role, item);
    g_free(hex);
    return 0;
}

/* pkg_last - the newest entry */
const pkg_file *pkg_last(const pkg *p)
{
    return p->files->len ? &g_array_index(p->files, pkg_file, p->files->len - 1) : NULL;
}
