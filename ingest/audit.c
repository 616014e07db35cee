/*
 * audit.c - the hash-chained chain-of-custody log (see audit.h): typed events
 * over common/chain.h, which reads and writes every hash-chained log.
 *
 * Functions: audit_append_event, audit_append_events, audit_append_unsynced, audit_each,
 * audit_each_backward, audit_walk, audit_walk_holding, audit_verify, audit_head.
 */
#include "audit.h"
#include "audit_private.h"
#include "common/chain.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

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

/* append - the events as lines stamped now, chained in one group under one
 * lock, and synced if sync */
static int append(const char *data_dir, const audit_event *events, size_t n, int sync, char **err)
{
    char now[40];
    log_utc_now(now, sizeof now);
    json_object **lines = g_new(json_object *, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        lines[i] = audit_event_json(&events[i], now);
    char *path = audit_path(data_dir);
    int rc = chain_append_lines(path, lines, n, 0644, sync, err);
    for (size_t i = 0; i < n; i++)
        json_object_put(lines[i]);
    g_free(lines);
    free(path);
    return rc;
}

/* audit_append_events - append, with one sync */
int audit_append_events(const char *data_dir, const audit_event *events, size_t n, char **err)
{
    return append(data_dir, events, n, 1, err);
}

/* audit_append_unsynced - append, without a sync */
int audit_append_unsynced(const char *data_dir, const audit_event *events, size_t n, char **err)
{
    return append(data_dir, events, n, 0, err);
}

typedef struct {
    audit_each_fn fn;
    void *ctx;
    size_t skipped;
    const audit_kind *only; /* NULL: every kind */
} each_ctx;

/* call_typed - chain_each callback: a typed event, or skip */
static int call_typed(json_object *line, size_t number, void *ctx)
{
    (void)number;
    each_ctx *e = ctx;
    audit_event event;
    if (audit_event_read(line, &event) != 0) {
        e->skipped++;
        return 0;
    }
    if (e->only != NULL && event.kind != *e->only)
        return 0;
    return e->fn(&event, e->ctx) ? 1 : 0;
}

/* audit_each - iterate typed events, counting the lines that are none */
int audit_each(const char *data_dir, audit_each_fn fn, void *ctx, size_t *skipped, char **err)
{
    each_ctx e = {fn, ctx, 0, NULL};
    char *path = audit_path(data_dir);
    size_t not_objects = 0;
    int rc = chain_each(path, call_typed, &e, &not_objects, err);
    free(path);
    if (skipped)
        *skipped = e.skipped + not_objects;
    return rc;
}

/* audit_each_backward - typed events from the last back to `since`; of one
 * kind, only the lines that hold its word in quotes are parsed */
int audit_each_backward(const char *data_dir, const audit_kind *only, off_t since, off_t *upto,
                        audit_each_fn fn, void *ctx, char **err)
{
    each_ctx e = {fn, ctx, 0, only};
    char *path = audit_path(data_dir);
    char *needle = only != NULL ? xasprintf("\"%s\"", audit_kind_name(*only)) : NULL;
    int rc = chain_each_backward(path, needle, since, upto, call_typed, &e, err);
    free(needle);
    free(path);
    return rc;
}

typedef struct {
    audit_walk_fn fn;
    void *ctx;
} walk_ctx;

/* walk_line - chain_walk callback for audit_walk: the line with its event */
static int walk_line(const chain_line *line, void *ctx)
{
    walk_ctx *w = ctx;
    audit_event event;
    audit_line l = {.number = line->number,
                    .hash = line->hash,
                    .prev = line->prev,
                    .expected = line->expected};
    if (line->object != NULL && audit_event_read(line->object, &event) == 0)
        l.event = &event;
    return w->fn(&l, w->ctx) ? 1 : 0;
}

/* audit_walk - every line with its hash, its link and its event */
int audit_walk(const char *data_dir, audit_walk_fn fn, void *ctx, char **err)
{
    walk_ctx w = {fn, ctx};
    char *path = audit_path(data_dir);
    int rc = chain_walk(path, walk_line, &w, err);
    free(path);
    return rc;
}

/* walk_object - chain_each_holding callback for audit_walk_holding: the
 * line's number and event */
static int walk_object(json_object *object, size_t number, void *ctx)
{
    walk_ctx *w = ctx;
    audit_event event;
    audit_line l = {.number = number};
    if (audit_event_read(object, &event) == 0)
        l.event = &event;
    return w->fn(&l, w->ctx) ? 1 : 0;
}

/* audit_walk_holding - the lines holding a needle, with their events */
int audit_walk_holding(const char *data_dir, const char *const *needles, audit_walk_fn fn,
                       void *ctx, char **err)
{
    walk_ctx w = {fn, ctx};
    char *path = audit_path(data_dir);
    int rc = chain_each_holding(path, needles, walk_object, &w, err);
    free(path);
    return rc;
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
    int rc = chain_head(path, head, err);
    free(path);
    return rc;
}
