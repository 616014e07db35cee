/*
 * verify_store.c - the evidence store against the audit log, and every
 * original re-hashed (see custody_private.h).
 *
 * Every original is read whole and re-hashed as a stream (1 MiB at a time),
 * after a first pass that lists them and adds up their sizes for the
 * progress report. `--quick` compares every size with the one recorded at
 * reception and re-hashes a random sample.
 *
 * Functions: vf_in_flight, vf_snapshot, vf_evidence, vf_rehash, vf_originals_free.
 */
#include "custody_private.h"
#include "ingest/evidence.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How many originals --quick re-hashes. */
enum { QUICK_SAMPLE = 32 };

typedef struct {
    char *sha256; /* the file's name */
    uint64_t size;
} original;

/* list_originals - every file under evidence/ab/ (tmp/ is not evidence) */
static int list_originals(vf_state *v, GArray *out, char **err)
{
    char *root = fs_join(v->data_dir, "evidence");
    DIR *top = opendir(root);
    if (top == NULL) {
        free(root);
        return 0; /* nothing stored yet */
    }
    struct dirent *d;
    int rc = 0;
    while (rc == 0 && (d = readdir(top)) != NULL) {
        if (strlen(d->d_name) != 2 || !g_ascii_isxdigit(d->d_name[0]))
            continue;
        char *sub = xasprintf("%s/%s", root, d->d_name);
        DIR *dir = opendir(sub);
        if (dir == NULL)
            rc = dk_fail_errno(err, "cannot read %s", sub);
        struct dirent *f;
        while (dir != NULL && (f = readdir(dir)) != NULL) {
            if (f->d_name[0] == '.')
                continue;
            char *rel = xasprintf("evidence/%s/%s", d->d_name, f->d_name);
            struct stat st;
            char *path = fs_join(v->data_dir, rel);
            if (!evidence_is_sha256(f->d_name) || strncmp(f->d_name, d->d_name, 2) != 0)
                vf_problem(v, NULL, rel, "not an original: its name is not its place's hash");
            else if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
                vf_problem(v, f->d_name, rel, "not a regular file");
            else
                g_array_append_val(out, ((original){g_strdup(f->d_name), (uint64_t)st.st_size}));
            free(path);
            free(rel);
        }
        if (dir)
            closedir(dir);
        free(sub);
    }
    closedir(top);
    free(root);
    return rc;
}

typedef struct {
    vf_state *v;
    uint64_t before, total;
} progress_ctx;

/* tell_progress - filehash callback: bytes of this file plus those before */
static void tell_progress(uint64_t bytes, void *ctx)
{
    progress_ctx *p = ctx;
    p->v->opts->progress(p->before + bytes, p->total, p->v->opts->ctx);
}

/* rehash - one original's content against its name */
static void rehash(vf_state *v, const original *o, progress_ctx *p)
{
    char *rel = xasprintf("evidence/%.2s/%s", o->sha256, o->sha256);
    char *path = fs_join(v->data_dir, rel), *why = NULL, hex[65];
    uint64_t size = 0;
    if (filehash_sha256(path, hex, &size, v->opts->progress ? tell_progress : NULL, p, &why) != 0)
        vf_problem(v, o->sha256, rel, "%s", why);
    else if (strcmp(hex, o->sha256) != 0)
        vf_problem(v, o->sha256, rel, "content hash is %s, expected %s: the original was altered",
                   hex, o->sha256);
    v->sum->rehashed++;
    v->sum->bytes += size;
    free(why);
    free(path);
    free(rel);
}

/* check_against_log - a stored original the log does not know (even after
 * reading it again: it may have been being received), or of another size */
static void check_against_log(vf_state *v, const original *o)
{
    char *rel = xasprintf("evidence/%.2s/%s", o->sha256, o->sha256);
    vf_item *it = g_hash_table_lookup(v->items, o->sha256);
    if (it == NULL || it->received == 0) {
        vf_audit_again(v);
        it = g_hash_table_lookup(v->items, o->sha256);
    }
    bool unknown = it == NULL || it->received == 0;
    if (unknown && !vf_in_flight(v, o->sha256))
        vf_problem(v, o->sha256, rel, "stored, but the audit log has no reception of it");
    else if (!unknown && it->size != o->size)
        vf_problem(v, o->sha256, rel, "size is %llu bytes, the audit log recorded %llu",
                   (unsigned long long)o->size, (unsigned long long)it->size);
    free(rel);
}

/* vf_in_flight - running, and the original's inode changed (it was linked
 * into the store) a short while ago */
bool vf_in_flight(vf_state *v, const char *sha256)
{
    if (!v->running)
        return false;
    char *path = evidence_path(v->data_dir, sha256);
    struct stat st;
    bool recent = stat(path, &st) == 0 && st.st_ctime >= time(NULL) - VF_IN_FLIGHT_S;
    free(path);
    return recent;
}

/* vf_snapshot - the originals as they are before the log is read: each has
 * its "received" line by then, or is being received (its line comes after
 * it is stored; vf_evidence checks such a one again) */
int vf_snapshot(vf_state *v, char **err)
{
    v->originals = g_array_new(FALSE, FALSE, sizeof(original));
    if (list_originals(v, v->originals, err) != 0)
        return -1;
    for (guint i = 0; i < v->originals->len; i++)
        g_hash_table_add(v->stored, g_strdup(g_array_index(v->originals, original, i).sha256));
    v->sum->originals = v->originals->len;
    return 0;
}

/* is_stored - vf_report_unlisted's second look: stored since the snapshot */
static bool is_stored(vf_state *v, const char *sha256)
{
    char *path = evidence_path(v->data_dir, sha256);
    bool stored = fs_exists(path);
    free(path);
    return stored;
}

/* vf_evidence - every original against the log, every reception against the store */
void vf_evidence(vf_state *v)
{
    for (guint i = 0; i < v->originals->len; i++)
        check_against_log(v, &g_array_index(v->originals, original, i));
    vf_report_unlisted(v, v->stored, is_stored, "missing: the audit log records its reception");
}

/* vf_rehash - re-hash all originals, or a random sample of them (--quick) */
void vf_rehash(vf_state *v)
{
    progress_ctx p = {v, 0, 0};
    GArray *all = v->originals;
    for (guint i = 0; i < all->len; i++)
        p.total += g_array_index(all, original, i).size;
    GRand *rand = g_rand_new();
    guint left = all->len;
    for (guint i = 0; i < all->len; i++, left--) {
        original *o = &g_array_index(all, original, i);
        /* --quick: each of the left ones is taken with the chance that leaves the sample's size */
        guint want = QUICK_SAMPLE > v->sum->rehashed ? QUICK_SAMPLE - (guint)v->sum->rehashed : 0;
        if (!v->opts->quick || g_rand_int_range(rand, 0, (gint32)left) < (gint32)want) {
            rehash(v, o, &p);
            p.before += o->size;
        }
    }
    g_rand_free(rand);
}

/* vf_originals_free - GDestroyNotify for the snapshot's list */
void vf_originals_free(GArray *originals)
{
    if (originals == NULL)
        return;
    for (guint i = 0; i < originals->len; i++)
        g_free(g_array_index(originals, original, i).sha256);
    g_array_free(originals, TRUE);
}
