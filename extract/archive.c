/*
 * archive.c - archives with libarchive: zip, tar (plain, gz, bz2, xz, zstd),
 * 7z, rar, cpio, iso, and single compressed files (.gz, .bz2, .xz, .zst).
 *
 * Nothing is ever extracted to disk: each regular member is streamed with
 * archive_read_data into the sink, which stores it in the evidence store
 * under its own hash, so a member called "../../x" or "/etc/cron.d/x" is only
 * a name in a record. Symbolic and hard links are recorded as skipped, never
 * followed; devices, FIFOs and sockets are skipped; directories are only
 * part of their members' paths. Encrypted members are skipped with the reason
 * "encrypted"; an archive with nothing but encrypted members is EXTRACT_ENCRYPTED.
 * A damaged or truncated archive keeps the members read before the damage
 * and fails with libarchive's message. The limits (members, bytes, ratio,
 * depth) are the sink's: it refuses a member and the archive stops there.
 * extract_archive_read also streams the images of office documents (office.c).
 *
 * Member names: libarchive converts a name the archive declares in UTF-8 (a
 * zip's UTF-8 flag or Info-ZIP Unicode path, a pax "path" record) to the
 * current locale, and in the "C" locale of a service it cannot, so the
 * archive is read with a thread-local UTF-8 LC_CTYPE (uselocale). A name
 * without a declared charset is its raw bytes: valid UTF-8 is taken as it is;
 * other bytes are what Windows zip tools write, CP866 (Explorer, 7-Zip) or
 * windows-1251, told apart by how words look (extract_decode_text); bytes that
 * are neither stay in the record as "\xNN" (extract_utf8_name).
 *
 * Functions: extract_archive_read.
 */
#include "extract/extract_private.h"

#include "common/error.h"
#include "common/xalloc.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* The types we unpack; the office extractor outbids us on DOCX and ODT. */
static const char *const archive_types[] = {
    "application/zip",
    "application/x-zip-compressed",
    "application/java-archive",
    "application/x-tar",
    "application/gzip",
    "application/x-gzip",
    "application/x-bzip2",
    "application/x-xz",
    "application/x-lzma",
    "application/x-lzip",
    "application/zstd",
    "application/x-zstd",
    "application/x-compress",
    "application/x-7z-compressed",
    "application/x-rar",
    "application/vnd.rar",
    "application/x-rar-compressed",
    "application/x-cpio",
    "application/x-iso9660-image",
    "application/x-archive",
    "application/vnd.ms-cab-compressed",
    "application/x-lha",
    "application/x-xar",
};

/* archive_bid - one of archive_types */
static int archive_bid(const extract_input *in)
{
    if (in->mime == NULL)
        return 0;
    for (size_t i = 0; i < sizeof archive_types / sizeof archive_types[0]; i++)
        if (strcmp(in->mime, archive_types[i]) == 0)
            return 40;
    return 0;
}

/* extract_archive_read - a member's next bytes; libarchive's message on damage */
long extract_archive_read(void *src, void *buf, unsigned long cap, char **err)
{
    extract_archive_member *m = src;
    la_ssize_t n = archive_read_data(m->archive, buf, cap);
    if (n >= 0)
        return (long)n;
    const char *why = archive_error_string(m->archive);
    return dk_fail(err, "member '%s' cannot be read (damaged or truncated archive): %s", m->member,
                   why ? why : "unknown error");
}

/* gzip_name - the original name stored in a gzip header, or NULL (malloc'd) */
static char *gzip_name(const unsigned char *p, size_t n)
{
    if (n < 10 || p[0] != 0x1f || p[1] != 0x8b || !(p[3] & 0x08))
        return NULL;
    size_t i = 10;
    if (p[3] & 0x04) { /* FEXTRA: two length bytes, then the field */
        if (n < 12)
            return NULL;
        i = 12 + (size_t)(p[10] | p[11] << 8);
    }
    size_t start = i;
    while (i < n && i - start < 1024 && p[i] != '\0')
        i++;
    if (i >= n || p[i] != '\0' || i == start)
        return NULL;
    char *raw = g_strndup((const char *)p + start, i - start);
    gchar *base = g_path_get_basename(raw); /* never a path, only a name */
    char *name = extract_utf8_name(base);
    g_free(raw);
    g_free(base);
    return name;
}

/* single_name - the member of a single compressed file: the name in the gzip
 * header, else our own name without its compression suffix, else "data" */
static char *single_name(const extract_input *in)
{
    char *name = gzip_name(in->data, in->size);
    if (name != NULL)
        return name;
    static const char *const suffixes[] = {".gz", ".bz2", ".xz", ".zst", ".lzma", ".lz", ".Z"};
    if (in->name != NULL) {
        size_t len = strlen(in->name);
        for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
            size_t sl = strlen(suffixes[i]);
            if (len > sl && strcmp(in->name + len - sl, suffixes[i]) == 0) {
                char *cut = g_strndup(in->name, len - sl);
                name = extract_utf8_name(cut);
                g_free(cut);
                return name;
            }
        }
    }
    return xstrdup("data");
}

/* member_name - a raw name without a declared charset as UTF-8 (malloc'd):
 * as it is, CP866 or windows-1251 decoded, else "\xNN" for every high byte */
static char *member_name(const char *raw)
{
    if (raw == NULL || g_utf8_validate(raw, -1, NULL))
        return extract_utf8_name(raw);
    const char *enc = NULL;
    char *decoded = extract_decode_text((const unsigned char *)raw, strlen(raw), &enc, NULL, NULL);
    char *name = NULL;
    if (decoded != NULL && (strcmp(enc, "IBM866") == 0 || strcmp(enc, "WINDOWS-1251") == 0) &&
        strstr(decoded, "\xEF\xBF\xBD") == NULL) /* no U+FFFD */
        name = xstrdup(decoded);
    g_free(decoded);
    return name != NULL ? name : extract_utf8_name(raw);
}

/* utf8_ctype - a locale whose LC_CTYPE is UTF-8, made once; (locale_t)0 if none */
static locale_t utf8_ctype(void)
{
    static gsize made = 0;
    static locale_t utf8 = (locale_t)0;
    if (g_once_init_enter(&made)) {
        utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (utf8 == (locale_t)0)
            utf8 = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
        g_once_init_leave(&made, 1);
    }
    return utf8;
}

/* What one pass over the archive found. */
typedef struct {
    int stored, encrypted, skipped;
} archive_counts;

/* one_entry - a member: stored, or skipped with the reason */
static extract_status one_entry(struct archive *a, struct archive_entry *e, const char *name,
                                extract_sink *sink, archive_counts *n, char **reason)
{
    const char *link = archive_entry_hardlink(e);
    mode_t type = archive_entry_filetype(e);
    char *why = NULL;
    extract_status st = EXTRACT_DONE;
    if (link != NULL) {
        char *target = extract_utf8_name(link);
        why = g_strdup_printf("hard link to '%s': not followed (its content is that member)",
                              target);
        free(target);
    } else if (type == AE_IFLNK) {
        char *target = extract_utf8_name(archive_entry_symlink(e));
        why = g_strdup_printf("symbolic link to '%s': not followed", target);
        free(target);
    } else if (type == AE_IFDIR) {
        return EXTRACT_DONE;
    } else if (type != AE_IFREG && type != 0) {
        why = g_strdup("device, FIFO or socket: nothing to store");
    } else if (archive_entry_is_data_encrypted(e)) {
        why = g_strdup("encrypted: needs a password");
        n->encrypted++;
    } else {
        extract_archive_member src = {a, name};
        extract_child child = {
            .member = name,
            .mtime_ns = archive_entry_mtime_is_set(e)
                            ? (long long)archive_entry_mtime(e) * 1000000000LL +
                                  archive_entry_mtime_nsec(e)
                            : 0,
            .size = archive_entry_size_is_set(e) ? (long long)archive_entry_size(e) : -1,
            .read = extract_archive_read,
            .src = &src,
        };
        st = extract_emit_child(sink, &child, reason);
        if (st == EXTRACT_DONE)
            n->stored++;
        return st;
    }
    n->skipped++;
    st = extract_emit_skipped(sink, name, why, reason);
    g_free(why);
    return st;
}

/* read_entries - open over the mapped bytes, every entry in order */
static extract_status read_entries(const extract_input *in, extract_sink *sink, char **reason)
{
    struct archive *a = archive_read_new();
    if (a == NULL) { /* libarchive reports its failed allocation (xalloc.h) */
        dk_fail(reason, "cannot start libarchive: out of memory");
        return EXTRACT_FAILED;
    }
    archive_read_support_filter_all(a);
    /* every format libarchive reads but mtree: an mtree file is a text list
     * of files, whose bidder also takes ordinary text (a gzipped changelog
     * was "Can't parse line 122") that raw reads as the one member it is */
    static int (*const formats[])(struct archive *) = {
        archive_read_support_format_7zip,  archive_read_support_format_ar,
        archive_read_support_format_cab,   archive_read_support_format_cpio,
        archive_read_support_format_empty, archive_read_support_format_iso9660,
        archive_read_support_format_lha,   archive_read_support_format_rar,
        archive_read_support_format_rar5,  archive_read_support_format_tar,
        archive_read_support_format_warc,  archive_read_support_format_xar,
        archive_read_support_format_zip,
    };
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        (void)formats[i](a);            /* ARCHIVE_WARN: built without a library: not read */
    archive_read_support_format_raw(a); /* a single compressed file; bids last */
    archive_counts n = {0, 0, 0};
    extract_status st = EXTRACT_DONE;
    if (archive_read_open_memory(a, in->data, in->size) != ARCHIVE_OK) {
        const char *why = archive_error_string(a);
        dk_fail(reason, "cannot read the archive: %s", why ? why : "unknown error");
        archive_read_free(a);
        return EXTRACT_FAILED;
    }
    for (int entries = 0; st == EXTRACT_DONE; entries++) {
        struct archive_entry *e = NULL;
        int r = archive_read_next_header(a, &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            const char *why = archive_error_string(a);
            why = why ? why : "unknown error";
            if (entries == 0 &&
                (archive_read_has_encrypted_entries(a) > 0 || strstr(why, "ncrypt") != NULL)) {
                dk_fail(reason, "encrypted archive: %s", why);
                st = EXTRACT_ENCRYPTED;
            } else if (entries == 0) {
                dk_fail(reason, "cannot read the archive: %s", why);
                st = EXTRACT_FAILED;
            } else {
                dk_fail(reason,
                        "damaged or truncated archive: %d members were read before "
                        "the damage: %s",
                        entries, why);
                st = EXTRACT_FAILED;
            }
            break;
        }
        char *name;
        if (archive_format(a) == ARCHIVE_FORMAT_RAW) {
            /* raw takes anything; without a compression filter it is not ours */
            if (archive_filter_count(a) < 2) {
                dk_fail(reason, "cannot read the archive: not an archive format libarchive "
                                "knows");
                st = EXTRACT_FAILED;
                break;
            }
            name = single_name(in);
        } else {
            const char *utf8 = archive_entry_pathname_utf8(e);
            name = utf8 ? extract_utf8_name(utf8) : member_name(archive_entry_pathname(e));
        }
        if (*name == '\0') {
            free(name);
            name = g_strdup_printf("(member %d without a name)", entries + 1);
        }
        st = one_entry(a, e, name, sink, &n, reason);
        free(name);
    }
    archive_read_free(a);
    if (st == EXTRACT_DONE && n.encrypted > 0 && n.stored == 0) {
        dk_fail(reason, "encrypted archive: %d member%s need%s a password", n.encrypted,
                n.encrypted == 1 ? "" : "s", n.encrypted == 1 ? "s" : "");
        st = EXTRACT_ENCRYPTED;
    }
    return st;
}

/* archive_run - read_entries with names converted to UTF-8, not the "C" locale */
static extract_status archive_run(const extract_env *env, const extract_input *in,
                                  extract_sink *sink, char **reason)
{
    (void)env;
    locale_t utf8 = utf8_ctype();
    locale_t before = utf8 != (locale_t)0 ? uselocale(utf8) : (locale_t)0;
    extract_status st = read_entries(in, sink, reason);
    if (before != (locale_t)0)
        uselocale(before);
    return st;
}

const extractor extractor_archive = {
    .name = "archive",
    .bid = archive_bid,
    .run = archive_run,
};
