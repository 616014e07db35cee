/*
 * audit.c - the hash-chained chain-of-custody log (see audit.h).
 *
 * Appending finds the last line's hash by reading the log's tail backwards
 * from its end, a few KiB at a time, until the line's start: the cost of an
 * append does not grow with the log.
 *
 * Functions: audit_append_event, audit_append_events, audit_each, audit_walk,
 * audit_verify, audit_head.
 */
#include "audit.h"
#include "audit_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

enum { TAIL_STEP = 4096, TAIL_MAX = 1 << 20 };

/* last_line_hash - SHA-256 of the file's last line (without its newline):
 * read back TAIL_STEP bytes, doubling until the line's start is in the
 * buffer (or TAIL_MAX, longer than any line dokaz writes); *unended is true
 * when that line has no newline (a write cut short) */
static int last_line_hash(int fd, char out[65], bool *unended, char **err)
{
    struct stat st;
    *unended = false;
    if (fstat(fd, &st) != 0)
        return dk_fail_errno(err, "cannot stat the audit log");
    if (st.st_size == 0) {
        memcpy(out, genesis, 65);
        return 0;
    }
    char *buf = NULL;
    size_t start = 0, end = 0;
    for (off_t back = TAIL_STEP;; back *= 2) {
        if (back > st.st_size)
            back = st.st_size;
        buf = xrealloc(buf, (size_t)back);
        if (pread(fd, buf, (size_t)back, st.st_size - back) != back) {
            free(buf);
            return dk_fail_errno(err, "cannot read the audit log");
        }
        end = (size_t)back;
        *unended = buf[end - 1] != '\n';
        if (!*unended)
            end--;
        start = end;
        while (start > 0 && buf[start - 1] != '\n')
            start--;
        if (start > 0 || back == st.st_size || back >= TAIL_MAX)
            break;
    }
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (guchar *)buf + start, end - start);
    memcpy(out, hex, 65);
    g_free(hex);
    free(buf);
    return 0;
}

/* chained_line - the event as a line of the log after the line hashed `prev`;
 * `prev` gets this line's hash (malloc'd line with its newline) */
static char *chained_line(const audit_event *event, char prev[65])
{
    char now[40];
    json_object *line = audit_event_json(event, log_utc_now(now, sizeof now));
    json_object_object_add(line, "prev", json_object_new_string(prev));
    const char *json = json_object_to_json_string_ext(line, JSON_C_TO_STRING_PLAIN);
    gchar *hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, json, -1);
    memcpy(prev, hex, 65);
    g_free(hex);
    char *text = xasprintf("%s\n", json);
    json_object_put(line);
    return text;
}

/* audit_path - DATA/audit.log */
static char *audit_path(const char *data_dir)
{
    return fs_join(data_dir, "audit.log");
}

/* audit_append_event - one event, durable when it returns */
int audit_append_event(const char *data_dir, const audit_event *event, char **err)
{
    return audit_append_events(data_dir, event, 1, err);
}

/* audit_append_events - lock, chain each line to the last, write them in one
 * go, sync once, unlock */
int audit_append_events(const char *data_dir, const audit_event *events, size_t n, char **err)
{
    if (n == 0)
        return 0;
    char *path = audit_path(data_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        dk_fail_errno(err, "cannot open %s", path);
        free(path);
        return -1;
    }
    int rc = 0;
    while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
        ;
    char prev[65];
    bool unended = false;
    if (last_line_hash(fd, prev, &unended, err) != 0) {
        rc = -1;
    } else {
        /* after a line without its newline, end it first: glued to it, an
         * event would be hidden in that line, yet the chain would still hold */
        GString *text = g_string_new(unended ? "\n" : NULL);
        for (size_t i = 0; i < n; i++) {
            char *line = chained_line(&events[i], prev);
            g_string_append(text, line);
            free(line);
        }
        if (write(fd, text->str, text->len) != (ssize_t)text->len || fdatasync(fd) != 0)
            rc = dk_fail_errno(err, "cannot append to %s", path);
        g_string_free(text, TRUE);
    }
    flock(fd, LOCK_UN);
    close(fd);
    free(path);
    return rc;
}

/* each_line - read the log line by line, calling fn(line, len, ctx) */
static int each_line(const char *data_dir, int (*fn)(char *line, size_t len, void *ctx), void *ctx,
                     char **err)
{
    char *path = audit_path(data_dir);
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        int missing = errno == ENOENT;
        if (!missing)
            dk_fail_errno(err, "cannot open %s", path);
        free(path);
        return missing ? 0 : -1;
    }
    free(path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        rc = fn(line, (size_t)n, ctx);
    }
    free(line);
    fclose(f);
    return rc < 0 ? -1 : 0;
}

typedef struct {
    audit_each_fn fn;
    void *ctx;
    size_t skipped;
} each_ctx;

/* parse_and_call - each_line callback for audit_each: a typed event, or skip */
static int parse_and_call(char *line, size_t len, void *ctx)
{
    (void)len;
    each_ctx *e = ctx;
    json_object *o = json_tokener_parse(line);
    audit_event event;
    if (o == NULL || audit_event_read(o, &event) != 0) {
        e->skipped++;
        json_object_put(o);
        return 0;
    }
    int stop = e->fn(&event, e->ctx);
    json_object_put(o);
    return stop ? 1 : 0;
}

/* audit_each - iterate typed events, counting the lines that are none */
int audit_each(const char *data_dir, audit_each_fn fn, void *ctx, size_t *skipped, char **err)
{
    each_ctx e = {fn, ctx, 0};
    int rc = each_line(data_dir, parse_and_call, &e, err);
    if (skipped)
        *skipped = e.skipped;
    return rc;
}

typedef struct {
    audit_walk_fn fn;
    void *ctx;
    char expected[65];
    size_t number;
} walk_state;

/* walk_line - each_line callback for audit_walk: hash, read the event, call */
static int walk_line(char *line, size_t len, void *ctx)
{
    walk_state *w = ctx;
    gchar *hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (guchar *)line, len);
    json_object *o = json_tokener_parse(line);
    json_object *prev = NULL;
    audit_event event;
    audit_line l = {.number = ++w->number, .hash = hash, .expected = w->expected};
    if (o != NULL && json_object_object_get_ex(o, "prev", &prev) &&
        json_object_is_type(prev, json_type_string))
        l.prev = json_object_get_string(prev);
    if (o != NULL && audit_event_read(o, &event) == 0)
        l.event = &event;
    int stop = w->fn(&l, w->ctx);
    memcpy(w->expected, hash, 65);
    json_object_put(o);
    g_free(hash);
    return stop ? 1 : 0;
}

/* audit_walk - every line with its hash, its link and its event */
int audit_walk(const char *data_dir, audit_walk_fn fn, void *ctx, char **err)
{
    walk_state w = {.fn = fn, .ctx = ctx};
    memcpy(w.expected, genesis, sizeof genesis);
    return each_line(data_dir, walk_line, &w, err);
}

typedef struct {
    size_t lines;
    size_t broken; /* the first line whose link is wrong; 0: none */
} chain_state;

/* check_link - audit_walk callback for audit_verify: stop at the first broken link */
static int check_link(const audit_line *line, void *ctx)
{
    chain_state *s = ctx;
    s->lines = line->number;
    if (line->prev == NULL || strcmp(line->prev, line->expected) != 0) {
        s->broken = line->number;
        return 1;
    }
    return 0;
}

/* audit_verify - recompute every link */
int audit_verify(const char *data_dir, size_t *lines, char **err)
{
    chain_state s = {0, 0};
    int rc = audit_walk(data_dir, check_link, &s, err);
    *lines = s.lines;
    if (rc == 0 && s.broken)
        return dk_fail(err, "audit log chain broken at line %zu", s.broken);
    return rc;
}

/* audit_head - the last line's hash, read under the writers' lock */
int audit_head(const char *data_dir, char head[65], char **err)
{
    char *path = audit_path(data_dir);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int missing = errno == ENOENT;
        if (missing)
            memcpy(head, genesis, sizeof genesis);
        else
            dk_fail_errno(err, "cannot open %s", path);
        free(path);
        return missing ? 0 : -1;
    }
    free(path);
    while (flock(fd, LOCK_SH) != 0 && errno == EINTR)
        ;
    bool unended; /* a cut-short last line is still the head */
    int rc = last_line_hash(fd, head, &unended, err);
    flock(fd, LOCK_UN);
    close(fd);
    return rc;
}
