/*
 * reception_tally.c - what this process knows of the receptions of the
 * items it appended to last (see record_private.h): the file that holds
 * them (a log, or the item's own file), how far it has read it, the SHA-256
 * state of the item's lines so far, and the collections they name.
 * Receiving an item again (the same blank page in 100,000 members of one
 * archive) needs the hash of all its lines for the audit line, and whether
 * an earlier line names the collection; read from the file each time, that
 * cost grew with every reception (3,000 copies of one page took 2.3 times
 * as long as 3,000 different pages). A tally goes on from where it stopped,
 * reading only the bytes appended since (its own line, and any another
 * process or item appended), while the file is the same one (device, inode)
 * and no shorter; otherwise the file is read again from its start. The hash
 * is the same either way.
 *
 * Functions: rec_tally_appended, rec_tally_names.
 */
#include "record/record_private.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/hex.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TALLY_SLOTS 64 /* items kept; the oldest gives way */

typedef struct {
    char sha256[65]; /* "" for a free slot */
    dev_t dev;
    ino_t ino;
    bool in_log;       /* only the item's lines count */
    off_t read;        /* bytes of the file read: up to the last whole line */
    EVP_MD_CTX *sum;   /* SHA-256 of the item's lines in them, not finalised */
    GHashTable *named; /* collections those lines name */
} tally;

static GMutex lock;
static tally tallies[TALLY_SLOTS];
static unsigned next_slot;

/* slot_named - the slot that holds sha256's tally, or NULL */
static tally *slot_named(const char *sha256)
{
    for (unsigned i = 0; i < TALLY_SLOTS; i++)
        if (strcmp(tallies[i].sha256, sha256) == 0)
            return &tallies[i];
    return NULL;
}

/* slot_of - the tally of sha256 for the file st describes, or NULL */
static tally *slot_of(const char *sha256, const struct stat *st, bool in_log)
{
    tally *t = slot_named(sha256);
    return t != NULL && t->dev == st->st_dev && t->ino == st->st_ino && t->in_log == in_log &&
                   t->read <= st->st_size
               ? t
               : NULL;
}

/* slot_new - a slot for sha256 and the file st describes, emptied (its
 * own if it had one), its hash begun; NULL when it cannot be */
static tally *slot_new(const char *sha256, const struct stat *st, bool in_log)
{
    tally *t = slot_named(sha256);
    if (t == NULL)
        t = &tallies[next_slot++ % TALLY_SLOTS];
    if (t->sum == NULL)
        t->sum = EVP_MD_CTX_new();
    if (t->named == NULL)
        t->named = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_remove_all(t->named);
    t->sha256[0] = '\0';
    if (t->sum == NULL || EVP_DigestInit_ex(t->sum, EVP_sha256(), NULL) != 1)
        return NULL;
    memcpy(t->sha256, sha256, 65);
    t->dev = st->st_dev;
    t->ino = st->st_ino;
    t->in_log = in_log;
    t->read = 0;
    return t;
}

/* take_line - one whole line (len bytes, its newline included) into t */
static void take_line(tally *t, const char *line, size_t len)
{
    if (t->in_log && !rec_line_of(line, len, t->sha256))
        return;
    EVP_DigestUpdate(t->sum, line, len);
    char *copy = g_strndup(line, len);
    item_receptions *list = rec_receptions_parse(copy); /* cuts up copy */
    for (size_t i = 0; i < list->n; i++)
        if (list->list[i].collection != NULL)
            g_hash_table_add(t->named, g_strdup(list->list[i].collection));
    item_receptions_free(list);
    g_free(copy);
}

/* tally_read_on - the whole lines of the file open at fd after t->read
 * into t; -1 with errno */
static int tally_read_on(tally *t, int fd)
{
    GString *rest = g_string_new(NULL);
    char buf[65536];
    ssize_t n;
    while ((n = pread(fd, buf, sizeof buf, t->read + (off_t)rest->len)) > 0)
        g_string_append_len(rest, buf, n);
    size_t at = 0;
    for (char *nl; n == 0 && (nl = memchr(rest->str + at, '\n', rest->len - at)) != NULL;) {
        size_t len = (size_t)(nl - (rest->str + at)) + 1;
        take_line(t, rest->str + at, len);
        at += len;
    }
    t->read += (off_t)at;
    g_string_free(rest, TRUE);
    return n == 0 ? 0 : -1;
}

/* tally_now - the item's tally for the file open at fd, brought up to date;
 * NULL with errno */
static tally *tally_now(const char *sha256, int fd, bool in_log)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return NULL;
    tally *t = slot_of(sha256, &st, in_log);
    if (t == NULL)
        t = slot_new(sha256, &st, in_log);
    if (t != NULL && tally_read_on(t, fd) != 0) {
        t->sha256[0] = '\0'; /* half read: not to be gone on with */
        t = NULL;
    }
    return t;
}

/* finish - the hash so far, as hex, leaving the state to go on with */
static int finish(const tally *t, char bound[65])
{
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    int ok = copy != NULL && EVP_MD_CTX_copy_ex(copy, t->sum) == 1 &&
             EVP_DigestFinal_ex(copy, digest, &len) == 1 && len == SHA256_BYTES;
    EVP_MD_CTX_free(copy);
    if (ok)
        hex_encode(digest, SHA256_BYTES, bound);
    return ok ? 0 : -1;
}

/* rec_tally_appended - see record_private.h */
int rec_tally_appended(const char *sha256, int fd, const char *path, bool in_log, char bound[65],
                       char **err)
{
    g_mutex_lock(&lock);
    tally *t = tally_now(sha256, fd, in_log);
    int rc = t != NULL ? finish(t, bound) : -1;
    g_mutex_unlock(&lock);
    return rc == 0 ? 0 : dk_fail_errno(err, "cannot hash the receptions in %s", path);
}

/* rec_tally_names - see record_private.h */
int rec_tally_names(const char *sha256, const char *path, bool in_log, const char *collection)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    g_mutex_lock(&lock);
    tally *t = tally_now(sha256, fd, in_log);
    int named = t != NULL ? g_hash_table_contains(t->named, collection) : -1;
    g_mutex_unlock(&lock);
    close(fd);
    return named;
}
