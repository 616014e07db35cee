/*
 * verify_store.c - the evidence store and the queue against the audit log
 * (see custody_private.h).
 *
 * Every original is read whole and re-hashed as a stream (1 MiB at a time),
 * after a first pass that lists them and adds up their sizes for the
 * progress report. `--quick` compares every size with the one recorded at
 * reception and re-hashes a random sample.
 *
 * Functions: vf_evidence, vf_queue.
 */
#include "custody_private.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* How many originals --quick re-hashes. */
enum { QUICK_SAMPLE = 32 };

/* The file the running service holds locked (service/service_config.c). */
static const char service_lock_file[] = "service.lock";

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

/* check_against_log - a stored original the log does not know, or of another size */
static void check_against_log(vf_state *v, const original *o)
{
    char *rel = xasprintf("evidence/%.2s/%s", o->sha256, o->sha256);
    vf_item *it = g_hash_table_lookup(v->items, o->sha256);
    if (it == NULL || it->received == 0)
        vf_problem(v, o->sha256, rel, "stored, but the audit log has no reception of it");
    else if (it->size != o->size)
        vf_problem(v, o->sha256, rel, "size is %llu bytes, the audit log recorded %llu",
                   (unsigned long long)o->size, (unsigned long long)it->size);
    free(rel);
}

/* report_unlisted - `what` for each item the log received that `listed` lacks */
static void report_unlisted(vf_state *v, GHashTable *listed, const char *what)
{
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, v->items);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        if (((vf_item *)value)->received > 0 && !g_hash_table_contains(listed, key)) {
            char *rel = xasprintf("evidence/%.2s/%s", (char *)key, (char *)key);
            vf_problem(v, key, rel, "%s", what);
            free(rel);
        }
    }
}

/* vf_evidence - list, compare with the log, re-hash all or a sample */
int vf_evidence(vf_state *v, char **err)
{
    GArray *all = g_array_new(FALSE, FALSE, sizeof(original));
    int rc = list_originals(v, all, err);
    progress_ctx p = {v, 0, 0};
    for (guint i = 0; i < all->len; i++) {
        original *o = &g_array_index(all, original, i);
        g_hash_table_add(v->stored, g_strdup(o->sha256));
        check_against_log(v, o);
        p.total += o->size;
    }
    v->sum->originals = all->len;
    GRand *rand = g_rand_new();
    guint left = all->len;
    for (guint i = 0; rc == 0 && i < all->len; i++, left--) {
        original *o = &g_array_index(all, original, i);
        /* --quick: each of the left ones is taken with the chance that leaves the sample's size */
        guint want = QUICK_SAMPLE > v->sum->rehashed ? QUICK_SAMPLE - (guint)v->sum->rehashed : 0;
        if (!v->opts->quick || g_rand_int_range(rand, 0, (gint32)left) < (gint32)want) {
            rehash(v, o, &p);
            p.before += o->size;
        }
    }
    g_rand_free(rand);
    for (guint i = 0; i < all->len; i++)
        g_free(g_array_index(all, original, i).sha256);
    g_array_free(all, TRUE);

    report_unlisted(v, v->stored, "missing: the audit log records its reception");
    return rc;
}

/* service_running - whether a `dokaz watch` holds the data directory's lock */
static bool service_running(const char *data_dir)
{
    char *path = fs_join(data_dir, service_lock_file);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return false;
    bool held = flock(fd, LOCK_SH | LOCK_NB) != 0;
    close(fd);
    return held;
}

/* check_entry - one queue entry: a known, stored item in a state that fits */
static void check_entry(vf_state *v, queue_state state, const char *sha, bool running)
{
    char *rel = xasprintf("queue/%s/%s", queue_state_name(state), sha);
    vf_item *it = g_hash_table_lookup(v->items, sha);
    gpointer before = g_hash_table_lookup(v->queued, sha);
    if (!evidence_is_sha256(sha))
        vf_problem(v, NULL, rel, "not a queue entry: its name is not an item's hash");
    else if (before != NULL)
        vf_problem(v, sha, rel, "queued twice: also in %s",
                   queue_state_name((queue_state)(GPOINTER_TO_INT(before) - 1)));
    else if (it == NULL || it->received == 0)
        vf_problem(v, sha, rel, "queued, but the audit log has no reception of it");
    else if (state == QUEUE_ACTIVE && !running)
        vf_problem(v, sha, rel, "being processed, but no service is running");
    else if ((state == QUEUE_DONE || state == QUEUE_FAILED) && !it->outcome)
        vf_problem(v, sha, rel, "%s, but the audit log has no outcome for it",
                   queue_state_name(state));
    if (evidence_is_sha256(sha) && before == NULL)
        g_hash_table_insert(v->queued, g_strdup(sha), GINT_TO_POINTER((int)state + 1));
    free(rel);
}

/* vf_queue - every state's entries, then every received item has one */
int vf_queue(vf_state *v, char **err)
{
    bool running = service_running(v->data_dir);
    for (int s = 0; s < QUEUE_NSTATES; s++) {
        char **shas = NULL;
        size_t n = 0;
        char *dir = queue_dir(v->data_dir, (queue_state)s);
        int exists = fs_exists(dir);
        free(dir);
        if (!exists)
            continue;
        if (queue_list(v->data_dir, (queue_state)s, &shas, &n, err) != 0)
            return -1;
        for (size_t i = 0; i < n; i++)
            check_entry(v, (queue_state)s, shas[i], running);
        queue_list_free(shas, n);
    }
    report_unlisted(v, v->queued, "stored, but in no queue state: it will never be processed");
    return 0;
}
