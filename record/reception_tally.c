/*
 * reception_tally.c - what this process knows of the received.jsonl files
 * it appended to last (see record_private.h): the file's identity and
 * length, the SHA-256 state of its bytes, and the collections its lines
 * name. Receiving an item again (the same blank page in 100,000 members of
 * one archive) needs the hash of the whole file for the audit line, and
 * whether an earlier line names the collection; read from the file each
 * time, that cost grew with every reception (3,000 copies of one page took
 * 2.3 times as long as 3,000 different pages). A tally is used only while
 * the file is the same one (device, inode) and exactly as long as this
 * process last saw it; otherwise the file is read again, so a line another
 * process appended is never missed. The hash is the same either way.
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
    off_t size;        /* bytes hashed */
    EVP_MD_CTX *sum;   /* SHA-256 of those bytes, not finalised */
    GHashTable *named; /* collections the lines name */
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
static tally *slot_of(const char *sha256, const struct stat *st, off_t size)
{
    tally *t = slot_named(sha256);
    return t != NULL && t->dev == st->st_dev && t->ino == st->st_ino && t->size == size ? t : NULL;
}

/* slot_free - a slot for sha256, emptied (its own if it had one) */
static tally *slot_free(const char *sha256)
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
    return t;
}

/* tally_read - t made anew from the whole file open at fd; -1 with errno */
static int tally_read(tally *t, const char *sha256, int fd)
{
    struct stat st;
    if (t->sum == NULL || t->named == NULL || fstat(fd, &st) != 0 ||
        EVP_DigestInit_ex(t->sum, EVP_sha256(), NULL) != 1)
        return -1;
    GString *all = g_string_new(NULL);
    char buf[65536];
    ssize_t n;
    while ((n = pread(fd, buf, sizeof buf, (off_t)all->len)) > 0)
        g_string_append_len(all, buf, n);
    if (n == 0) {
        EVP_DigestUpdate(t->sum, all->str, all->len);
        t->dev = st.st_dev;
        t->ino = st.st_ino;
        t->size = (off_t)all->len;
        memcpy(t->sha256, sha256, 65);
        item_receptions *list = rec_receptions_parse(all->str); /* cuts up all */
        for (size_t i = 0; i < list->n; i++)
            if (list->list[i].collection != NULL)
                g_hash_table_add(t->named, g_strdup(list->list[i].collection));
        item_receptions_free(list);
    }
    g_string_free(all, TRUE);
    return n == 0 ? 0 : -1;
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
int rec_tally_appended(const char *sha256, int fd, const char *path, off_t before,
                       const char *collection, const char *line, size_t len, char bound[65],
                       char **err)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return dk_fail_errno(err, "cannot read %s", path);
    g_mutex_lock(&lock);
    tally *t = st.st_size == before + (off_t)len ? slot_of(sha256, &st, before) : NULL;
    int rc = 0;
    if (t != NULL) {
        EVP_DigestUpdate(t->sum, line, len);
        t->size += (off_t)len;
        if (collection != NULL)
            g_hash_table_add(t->named, g_strdup(collection));
    } else {
        t = slot_free(sha256);
        rc = tally_read(t, sha256, fd);
    }
    if (rc == 0)
        rc = finish(t, bound);
    g_mutex_unlock(&lock);
    return rc == 0 ? 0 : dk_fail_errno(err, "cannot hash %s", path);
}

/* rec_tally_names - see record_private.h */
int rec_tally_names(const char *sha256, const char *path, const char *collection)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    struct stat st;
    int named = -1;
    g_mutex_lock(&lock);
    if (fstat(fd, &st) == 0) {
        tally *t = slot_of(sha256, &st, st.st_size);
        if (t == NULL) {
            t = slot_free(sha256);
            if (tally_read(t, sha256, fd) != 0)
                t = NULL;
        }
        named = t != NULL ? g_hash_table_contains(t->named, collection) : -1;
    }
    g_mutex_unlock(&lock);
    close(fd);
    return named;
}
