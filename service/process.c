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
 * The result record is written atomically but not synced (item_result_write):
 * the supervisor makes a whole group's records durable with one syncfs
 * before the group's index commit and queue moves (results.c), so "done"
 * still means its record is on disk; a crash before that leaves the item
 * active, and it is processed again.
 *
 * A plain-text page longer than PIECE_MAX (a 100 MB one-line text) is
 * recorded as pages of at most that size, cut at white space where there is
 * some, else between characters: every later step (deriving, indexing,
 * drawing a snippet) then holds a bounded piece.
 *
 * Functions: process_item, process_help.
 */
#include "process.h"
#include "extract/identify.h"
#include "ingest/accept.h"
#include "ingest/audit.h"
#include "ingest/collection.h"
#include "ingest/evidence.h"
#include "ocr/ocr.h"
#include "record/record.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest chain of parents followed; a longer one is a cycle or damage. */
#define MAX_CHAIN 256

/* The longest plain-text page recorded, and how far back a cut looks for
 * white space. */
enum { PIECE_MAX = 256 << 10, CUT_LOOKBACK = 4096 };

/* How often an archive's pages read so far are let go of (release_read):
 * every so many members, or so many bytes unpacked. */
enum { RELEASE_MEMBERS = 64, RELEASE_BYTES = 8 << 20 };

/* One item being processed: what the sink callbacks collect and count. */
typedef struct {
    const process_env *env;
    void *mapped; /* the original's mapping (NULL: empty), and its size */
    size_t mapped_size;
    long long released; /* `expanded` when release_read last ran */
    const char *sha256;
    const char *path;    /* where the outermost container was received */
    int depth;           /* containers around this item (0: dropped directly) */
    long long size;      /* this item's own size, for the ratio */
    item_result *result; /* what was found so far */
    long members;
    long long expanded;       /* bytes unpacked from this item so far */
    const char *member;       /* the member being stored, for messages */
    item_member_spool *lists; /* its "children" and "skipped", written out as they
                               * come (an archive's may be 100,000); NULL: none yet */
    int extra_pages;          /* pages added by cutting long ones: later numbers shift */
    char *unread;             /* what the extractor said it could not read (malloc'd) */
} item_run;

/* record_source - the record's word for how a page's text was obtained */
static item_source record_source(page_source source)
{
    item_source s = ITEM_SOURCE_PLAIN;
    int known = item_source_parse(page_source_name(source), &s);
    assert(known == 0);
    (void)known;
    return s;
}

/* piece_end - how much of text (len bytes) goes into one page: all of it
 * up to PIECE_MAX, else up to the last white space before PIECE_MAX, else
 * up to the last character boundary */
static size_t piece_end(const char *text, size_t len)
{
    if (len <= PIECE_MAX)
        return len;
    for (size_t i = PIECE_MAX; i > PIECE_MAX - CUT_LOOKBACK; i--)
        if (text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\t')
            return i;
    size_t i = PIECE_MAX;
    while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--; /* not inside a UTF-8 character */
    return i > 0 ? i : PIECE_MAX;
}

/* add_page - extract_sink callback: append the page to the result's pages */
static int add_page(void *ctx, const extract_page *page, char **err)
{
    (void)err;
    item_run *r = ctx;
    const char *text = page->text ? page->text : "";
    size_t len = strlen(text), at = 0;
    do {
        size_t cut = page->source == PAGE_SOURCE_PLAIN ? piece_end(text + at, len - at) : len - at;
        char *piece = g_strndup(text + at, cut);
        item_page p = {
            .number = page->number + r->extra_pages,
            .text = piece,
            .source = record_source(page->source),
            .confidence = page->confidence,
            .blank = page->source == PAGE_SOURCE_OCR && page->confidence < 0, /* found blank */
        };
        item_result_add_page(r->result, &p);
        g_free(piece);
        at += cut;
        if (at < len)
            r->extra_pages++;
    } while (at < len);
    return 0;
}

/* add_derived_file - extract_sink callback: keep a file made from the item
 * (LibreOffice's PDF) beside its records (item_file) */
static int add_derived_file(void *ctx, const char *name, const char *path, char **err)
{
    item_run *r = ctx;
    char *data = NULL;
    size_t len = 0;
    if (fs_read_all(path, &data, &len, err) != 0)
        return -1;
    char *to = item_file_made(r->env->data_dir, r->sha256, name, 0755, err);
    int rc = to != NULL ? fs_write_atomic(to, data, len, err) : -1;
    free(to);
    free(data);
    return rc;
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

/* spool - open the item's member lists at its first member */
static int spool(item_run *r, char **err)
{
    if (r->lists == NULL)
        r->lists = item_member_spool_open(r->env->data_dir, r->sha256, err);
    return r->lists != NULL ? 0 : -1;
}

/* release_read - now and then, while members are stored, drop the pages of
 * the original's mapping from the process: they are clean (the mapping is
 * read-only), so an extractor that reads them again gets them back from the
 * page cache or the file. Without it, every page of an archive the extractor
 * has read stays resident: the worker's memory would grow with the archive
 * (a 100 MB tar of 100,000 small members: 100 MB). */
static void release_read(item_run *r)
{
    if (r->mapped == NULL ||
        (r->members % RELEASE_MEMBERS != 0 && r->expanded - r->released < RELEASE_BYTES))
        return;
    r->released = r->expanded;
    if (madvise(r->mapped, r->mapped_size, MADV_DONTNEED) != 0)
        log_msg(LOG_DEBUG, "%.12s: madvise: %s", r->sha256, g_strerror(errno));
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
    if (spool(r, err) != 0 ||
        item_member_spool_child(r->lists, ref.sha256, child->member, ref.size, err) != 0)
        return -1;
    release_read(r);
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
    item_run *r = ctx;
    if (spool(r, err) != 0)
        return -1;
    return item_member_spool_skipped(r->lists, member, reason, err);
}

/* add_unread - extract_sink callback: keep the first word on what was not read */
static int add_unread(void *ctx, const char *why, char **err)
{
    (void)err;
    item_run *r = ctx;
    if (r->unread == NULL)
        r->unread = xstrdup(why);
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

/* record_reading - the audit lines of how the item was read, in one append:
 * "identified" (libmagic's type and the extractor that reads it), and for an
 * item with OCRed pages "read" (engine version, model hashes, settings).
 * Not synced: the supervisor syncs the file system before the group's
 * "processed" lines, and the item is done only after that */
static void record_reading(const process_env *env, const item_result *r, const extract_input *in)
{
    size_t ocred = 0;
    for (size_t i = 0; i < r->npages; i++)
        ocred += r->pages[i].source == ITEM_SOURCE_OCR;
    const extractor *reader = extract_choose(in);
    char *identified = reader ? xasprintf("by libmagic; read by the %s extractor", reader->name)
                              : xstrdup("by libmagic; no extractor reads this type");
    char *how = ocred && env->extract.ocr ? ocr_engine_provenance(env->extract.ocr) : NULL;
    char *err = NULL;
    audit_event events[] = {
        {.kind = AUDIT_IDENTIFIED, .sha256 = r->sha256, .type = in->mime, .how = identified},
        {.kind = AUDIT_READ, .sha256 = r->sha256, .how = how},
    };
    if (audit_append_unsynced(env->data_dir, events, how ? 2 : 1, &err) != 0) {
        log_msg(LOG_WARN, "%.12s: audit log: %s", r->sha256, err);
        free(err);
    }
    free(identified);
    free(how);
}

/* nothing_read - why a done item holds nothing: a file with bytes that gave
 * no page, no member and no skipped member, and whose extractor did not say
 * why (its `unread` does for a PDF claiming more pages than it has, markup
 * nested beyond the parser's depth); NULL when it holds something (malloc'd) */
static char *nothing_read(const item_run *run, const char *mime, size_t size)
{
    if (size == 0 || run->result->npages || item_member_spool_count(run->lists) > 0)
        return NULL;
    return xasprintf("no page or text could be read from this %s of %zu bytes: it may be "
                     "damaged, or built to exceed the reader's limits",
                     mime, size);
}

/* process_item - map, identify, extract, record */
int process_item(const process_env *env, const char *sha256, bool *done, char **err)
{
    char *reason = NULL, *mime = NULL, *received_path = NULL, *name = NULL;
    item_result *result = NULL;
    item_member_spool *lists = NULL;        /* the result's member lists */
    const extract_input *identified = NULL; /* NULL: the original could not be opened */
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
        .mapped = f.data,
        .mapped_size = f.size,
        .result = item_result_new(sha256),
    };
    run.depth = container_depth(env->data_dir, sha256, &received_path, &name);
    run.path = received_path;
    extract_sink sink = {add_page,         &run,      add_child, add_meta, add_skipped,
                         add_derived_file, add_unread};
    extract_input in = {f.path, f.data, f.size, mime ? mime : "application/octet-stream", name};
    identified = &in;
    extract_status status = extract_run(&env->extract, &in, &sink, &reason);
    result = run.result;
    lists = run.lists;
    if (reason == NULL && record_status(status) == ITEM_DONE)
        reason = run.unread ? xstrdup(run.unread) : nothing_read(&run, in.mime, f.size);
    free(run.unread);
    item_result_set_outcome(result, in.mime, record_status(status), reason);
    add_derived(env->derive, result);
    log_msg(LOG_INFO, "%.12s %s %s, %zu pages, %zu members stored or skipped%s%s", sha256,
            item_status_name(result->status), in.mime, result->npages,
            item_member_spool_count(lists), reason ? ": " : "", reason ? reason : "");
save:; /* unsynced: the supervisor makes its group's records durable (results.c) */
    int rc = item_result_write_spooled(env->data_dir, result, lists, err);
    if (done != NULL)
        *done = rc == 0 && result->status == ITEM_DONE;
    if (rc == 0 && identified != NULL)
        record_reading(env, result, identified);
    item_result_free(result);
    item_member_spool_free(lists);
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
