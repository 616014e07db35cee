/*
 * process.c - one item through identification and extraction (see process.h).
 *
 * The stored original is mapped read-only; extractors get the mapping and
 * cannot write to it. Every page an extractor reports goes into the result
 * record as it arrives, with how its text was obtained. A member an extractor
 * hands over (archive member, attachment, embedded image) is streamed straight
 * into the evidence store under its own SHA-256 and received like a dropped
 * file, with this item as its parent and its path inside: nothing is ever
 * unpacked into a directory, so a member named "../../x" or "/etc/passwd" is
 * only a name in a record. The limits are counted here, on the bytes as they
 * stream, so a bomb is stopped after the limit, not after the disk is full.
 * What a page says (fields, name mentions: derive/) is derived here, once,
 * and recorded with the page; the index and the web read it from there.
 *
 * Functions: process_default_limits, process_item, process_help.
 */
#include "process.h"
#include "extract/identify.h"
#include "ingest/accept.h"
#include "ingest/collection.h"
#include "ingest/evidence.h"
#include "record/record.h"
#include "common/error.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <assert.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest chain of parents followed; a longer one is a cycle or damage. */
#define MAX_CHAIN 256

/* One item being processed: what the sink callbacks collect and count. */
typedef struct {
    const process_env *env;
    const char *sha256;
    const char *path;    /* where the outermost container was received */
    int depth;           /* containers around this item (0: dropped directly) */
    long long size;      /* this item's own size, for the ratio */
    item_result *result; /* what was found so far */
    long members;
    long long expanded; /* bytes unpacked from this item so far */
    const char *member; /* the member being stored, for messages */
} item_run;

/* process_default_limits - depth 10, 10000 members, 20 GiB, ratio 100 */
void process_default_limits(process_limits *limits)
{
    limits->max_depth = 10;
    limits->max_members = 10000;
    limits->max_expanded = 20LL << 30;
    limits->max_ratio = 100;
}

/* record_source - the record's word for how a page's text was obtained */
static item_source record_source(page_source source)
{
    item_source s = ITEM_SOURCE_PLAIN;
    int known = item_source_parse(page_source_name(source), &s);
    assert(known == 0);
    (void)known;
    return s;
}

/* add_page - extract_sink callback: append the page to the result's pages */
static int add_page(void *ctx, const extract_page *page, char **err)
{
    (void)err;
    item_run *r = ctx;
    item_page p = {
        .number = page->number,
        .text = (char *)page->text,
        .source = record_source(page->source),
        .confidence = page->confidence,
        .blank = page->source == PAGE_SOURCE_OCR && page->confidence < 0, /* found blank */
    };
    item_result_add_page(r->result, &p);
    return 0;
}

/* over_limit - has this item unpacked more than it may? (sets *err) */
static int over_limit(const item_run *r, char **err)
{
    const process_limits *l = &r->env->limits;
    if (r->expanded > l->max_expanded)
        return dk_fail(err,
                       "unpacks to more than %lld MB (limit --max-expanded); stopped "
                       "in member '%s', the members before it are kept",
                       l->max_expanded >> 20, r->member);
    if (r->expanded > PROCESS_RATIO_FLOOR && r->expanded / l->max_ratio > r->size)
        return dk_fail(err,
                       "unpacks to more than %ld times its own size of %lld bytes "
                       "(limit --max-ratio; a compression bomb?); stopped in member '%s' "
                       "after %lld MB, the members before it are kept",
                       l->max_ratio, r->size, r->member, r->expanded >> 20);
    return 0;
}

/* The member being stored, with the run it is counted against. */
typedef struct {
    item_run *run;
    const extract_child *child;
} counted_source;

/* counted_read - the extractor's reader, counted against the limits */
static long counted_read(void *src, void *buf, unsigned long cap, char **err)
{
    counted_source *c = src;
    long n = c->child->read(c->child->src, buf, cap, err);
    if (n < 0 && err != NULL && *err == NULL)
        dk_fail(err, "member '%s' cannot be read", c->child->member);
    if (n <= 0)
        return n;
    c->run->expanded += n;
    return over_limit(c->run, err) == 0 ? n : -1;
}

/* add_child - extract_sink callback: store a member, receive it, list it */
static int add_child(void *ctx, const extract_child *child, char **err)
{
    item_run *r = ctx;
    const process_limits *l = &r->env->limits;
    if (r->depth + 1 > l->max_depth)
        return dk_fail(err,
                       "it is nested %d containers deep, more than the limit of %d "
                       "(--max-depth): its members were not unpacked",
                       r->depth, l->max_depth);
    if (r->members >= l->max_members)
        return dk_fail(err,
                       "it has more than %ld members (limit --max-members); the first "
                       "%ld are kept, the rest was not unpacked",
                       l->max_members, r->members);
    r->member = child->member;
    counted_source src = {r, child};
    evidence_ref ref;
    if (evidence_store_stream(r->env->data_dir, counted_read, &src, child->member, &ref, err) != 0)
        return -1;
    r->members++;
    gchar *name = g_path_get_basename(child->member);
    item_reception receipt = {
        .path = r->path,
        .name = name,
        .parent = r->sha256,
        .member = child->member,
        .size = ref.size,
        .mtime_ns = child->mtime_ns,
    };
    int queued = 0, rc = 0;
    char **collections = collection_list(r->env->data_dir, r->sha256); /* members inherit */
    size_t n = g_strv_length(collections);
    for (size_t i = 0; rc == 0 && i < MAX(n, 1); i++) {
        int again = 0;
        receipt.collection = n > 0 ? collections[i] : NULL;
        rc = accept_record(r->env->data_dir, &ref, &receipt, &again, err);
        ref.is_new = 0;
        queued |= again;
    }
    g_strfreev(collections);
    g_free(name);
    if (rc != 0)
        return -1;
    item_result_add_child(r->result, ref.sha256, child->member, ref.size);
    log_msg(LOG_DEBUG, "%.12s: member %s stored as %.12s (%llu bytes)%s", r->sha256, child->member,
            ref.sha256, (unsigned long long)ref.size, queued ? "" : ", known");
    return 0;
}

/* add_meta - extract_sink callback: meta[name] = value (repeated names joined) */
static int add_meta(void *ctx, const char *name, const char *value, char **err)
{
    (void)err;
    item_run *r = ctx;
    item_result_add_meta(r->result, name, value);
    return 0;
}

/* add_skipped - extract_sink callback: a member not stored, and why */
static int add_skipped(void *ctx, const char *member, const char *reason, char **err)
{
    (void)err;
    item_run *r = ctx;
    item_result_add_skipped(r->result, member, reason);
    return 0;
}

/* derive_into - what text says, with the meta's names, as the derived data
 * of page `index` of the result (or of the item itself: index npages) */
static void derive_into(const deriver *d, item_result *result, size_t index, const char *text,
                        const char *const *meta)
{
    derived_page *p = derive_page(d, text, meta);
    item_result_set_derived(result, index, derived_page_to_json(p));
    derived_page_free(p);
}

/* add_derived - each page's derived data, with the item's senders and
 * recipients; after extraction, since an extractor may report metadata after
 * its pages. An item without pages gets its own, for its name-only document. */
static void add_derived(const deriver *d, item_result *result)
{
    if (d == NULL)
        return;
    const char **meta = item_result_meta_pairs(result);
    for (size_t k = 0; k < result->npages; k++)
        derive_into(d, result, k, result->pages[k].text, meta);
    if (result->npages == 0)
        derive_into(d, result, 0, NULL, meta);
    g_free(meta);
}

/* container_depth - parents above sha256, following each item's first reception;
 * *path and *name (malloc'd) are the first reception's path and name */
static int container_depth(const char *data_dir, const char *sha256, char **path, char **name)
{
    int depth = 0;
    char *sha = g_strdup(sha256);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    *path = *name = NULL;
    while (sha != NULL && depth < MAX_CHAIN && g_hash_table_add(seen, g_strdup(sha))) {
        item_receptions *receptions = item_receptions_load(data_dir, sha, NULL);
        const item_reception *first = item_receptions_first(receptions);
        if (depth == 0 && first != NULL) {
            *path = first->path ? xstrdup(first->path) : NULL;
            *name = first->name ? xstrdup(first->name) : NULL;
        }
        g_free(sha);
        sha = NULL;
        if (first != NULL && first->parent != NULL) {
            sha = g_strdup(first->parent);
            depth++;
        }
        item_receptions_free(receptions);
    }
    g_free(sha);
    g_hash_table_destroy(seen);
    return depth;
}

/* record_status - how an extraction outcome is recorded */
static item_status record_status(extract_status status)
{
    switch (status) {
    case EXTRACT_DONE: return ITEM_DONE;
    case EXTRACT_UNSUPPORTED: return ITEM_UNSUPPORTED;
    case EXTRACT_ENCRYPTED: return ITEM_ENCRYPTED;
    default: return ITEM_FAILED;
    }
}

/* The stored original, mapped read-only. */
typedef struct {
    char *path;
    int fd;
    void *data; /* NULL for an empty file */
    size_t size;
} stored_file;

/* stored_open - open and map item sha256's original; -1 with *reason */
static int stored_open(const char *data_dir, const char *sha256, stored_file *f, char **reason)
{
    f->path = evidence_path(data_dir, sha256);
    f->fd = f->path ? open(f->path, O_RDONLY | O_CLOEXEC) : -1;
    f->data = NULL;
    f->size = 0;
    struct stat st;
    if (f->fd < 0 || fstat(f->fd, &st) != 0)
        return dk_fail_errno(reason, "cannot open the stored original %s",
                             f->path ? f->path : sha256);
    f->size = (size_t)st.st_size;
    void *data = f->size ? mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, f->fd, 0) : NULL;
    if (data == MAP_FAILED)
        return dk_fail_errno(reason, "cannot map %s", f->path);
    f->data = data;
    return 0;
}

/* stored_close - unmap and close (after a failed stored_open too) */
static void stored_close(stored_file *f)
{
    if (f->data)
        munmap(f->data, f->size);
    if (f->fd >= 0)
        close(f->fd);
    free(f->path);
}

/* process_item - map, identify, extract, record */
int process_item(const process_env *env, const char *sha256, char **err)
{
    char *reason = NULL, *mime = NULL, *received_path = NULL, *name = NULL;
    item_result *result = NULL;
    stored_file f;
    if (stored_open(env->data_dir, sha256, &f, &reason) != 0) {
        result = item_result_failed(sha256, NULL, reason);
        goto save;
    }
    mime = identify_buffer(env->magic, f.data, f.size);
    item_run run = {
        .env = env,
        .sha256 = sha256,
        .size = (long long)f.size,
        .result = item_result_new(sha256),
    };
    run.depth = container_depth(env->data_dir, sha256, &received_path, &name);
    run.path = received_path;
    extract_sink sink = {add_page, &run, add_child, add_meta, add_skipped};
    extract_input in = {f.path, f.data, f.size, mime ? mime : "application/octet-stream", name};
    extract_status status = extract_run(&env->extract, &in, &sink, &reason);
    result = run.result;
    item_result_set_outcome(result, in.mime, record_status(status), reason);
    add_derived(env->derive, result);
    log_msg(LOG_INFO, "%.12s %s %s, %zu pages, %zu members%s%s", sha256,
            item_status_name(result->status), in.mime, result->npages, result->nchildren,
            reason ? ": " : "", reason ? reason : "");
save:;
    int rc = item_result_save(env->data_dir, result, err);
    item_result_free(result);
    stored_close(&f);
    free(mime);
    free(reason);
    free(received_path);
    free(name);
    return rc;
}

/* count_page - helper's sink: the pages it recognised */
static int count_page(void *ctx, const extract_page *page, char **err)
{
    (void)page;
    (void)err;
    (*(int *)ctx)++;
    return 0;
}

/* process_help - extract again, helping: only the OCR cache is written */
int process_help(const process_env *env, const char *sha256, int *pages, char **err)
{
    stored_file f;
    *pages = 0;
    int rc = stored_open(env->data_dir, sha256, &f, err);
    if (rc == 0) {
        char *mime = identify_buffer(env->magic, f.data, f.size);
        extract_env helping = env->extract;
        helping.helping = true;
        helping.want_help = NULL;
        extract_sink sink = {.page = count_page, .ctx = pages};
        extract_input in = {f.path, f.data, f.size, mime ? mime : "application/octet-stream", NULL};
        rc = extract_run(&helping, &in, &sink, err) == EXTRACT_DONE ? 0 : -1;
        free(mime);
    }
    stored_close(&f);
    return rc;
}
