/*
 * chain.c - a hash-chained log of JSON lines (see chain.h).
 *
 * An append reads the last line back from the end of the file, a block at
 * a time, so that its cost does not grow with the log; a backward walk reads
 * every line so. A forward walk reads the file line by line.
 *
 * Functions: chain_append, chain_append_lines, chain_each, chain_each_backward,
 * chain_walk, chain_verify, chain_head.
 */
#include "common/chain.h"
#include "common/error.h"
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

#define HASH_HEX CHAIN_HASH_HEX
#define BLOCK 4096

static const char genesis[HASH_HEX + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* line_hash - SHA-256 of len bytes, hex, into out */
static void line_hash(const char *line, size_t len, char out[HASH_HEX + 1])
{
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)line, len);
    memcpy(out, hex, HASH_HEX + 1);
    g_free(hex);
}

/* line_before - the line that ends at offset `end` (its newline, or the
 * file's end), read back a block at a time until its start: its bytes in
 * *line, the offset of its first byte in *start */
static int line_before(int fd, off_t end, GString *line, off_t *start, char **err)
{
    g_string_truncate(line, 0);
    off_t at = end;
    int found = 0;
    while (!found && at > 0 && end - at <= CHAIN_LINE_MAX) {
        size_t n = at >= BLOCK ? BLOCK : (size_t)at;
        char buf[BLOCK];
        if (pread(fd, buf, n, at - (off_t)n) != (ssize_t)n)
            return dk_fail_errno(err, "cannot read the log");
        size_t from = n;
        while (from > 0 && buf[from - 1] != '\n')
            from--;
        found = from > 0;
        g_string_prepend_len(line, buf + from, (gssize)(n - from));
        at -= (off_t)(n - from);
    }
    if (line->len > CHAIN_LINE_MAX)
        return dk_fail(err, "a line of the log is longer than %ld bytes: it is damaged",
                       CHAIN_LINE_MAX);
    *start = at;
    return 0;
}

/* last_line_hash - the hash of the file's last line (without its newline);
 * *unended is true when that line has no newline (a write cut short) */
static int last_line_hash(int fd, char out[HASH_HEX + 1], int *unended, char **err)
{
    struct stat st;
    *unended = 0;
    if (fstat(fd, &st) != 0)
        return dk_fail_errno(err, "cannot stat the log");
    off_t end = st.st_size, start;
    if (end > 0) {
        char last = '\0';
        if (pread(fd, &last, 1, end - 1) != 1)
            return dk_fail_errno(err, "cannot read the log");
        *unended = last != '\n';
        end -= !*unended;
    }
    if (end == 0) {
        memcpy(out, genesis, sizeof genesis);
        return 0;
    }
    GString *line = g_string_new(NULL);
    int rc = line_before(fd, end, line, &start, err);
    if (rc == 0)
        line_hash(line->str, line->len, out);
    g_string_free(line, TRUE);
    return rc;
}

/* chain_append_lines - lock, chain each line to the one before, write them
 * in one go, sync if asked, unlock */
int chain_append_lines(const char *path, json_object *const *lines, size_t n, int mode, int sync,
                       char **err)
{
    if (n == 0)
        return 0;
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, mode);
    if (fd < 0)
        return dk_fail_errno(err, "cannot open %s", path);
    while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
        ;
    char prev[HASH_HEX + 1];
    int unended = 0;
    int rc = last_line_hash(fd, prev, &unended, err);
    /* after a line without its newline, end it first: glued to it, the new
     * line would be hidden in that one, yet the chain would hold */
    GString *text = g_string_new(unended ? "\n" : NULL);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        json_object_object_add(lines[i], "prev", json_object_new_string(prev));
        const char *json = json_object_to_json_string_ext(lines[i], JSON_C_TO_STRING_PLAIN);
        size_t len = strlen(json);
        if (len > CHAIN_LINE_MAX)
            rc = dk_fail(err, "a line of %zu bytes is too long for %s", len, path);
        line_hash(json, len, prev);
        g_string_append_len(text, json, (gssize)len);
        g_string_append_c(text, '\n');
    }
    if (rc == 0 &&
        (write(fd, text->str, text->len) != (ssize_t)text->len || (sync && fdatasync(fd) != 0)))
        rc = dk_fail_errno(err, "cannot append to %s", path);
    g_string_free(text, TRUE);
    flock(fd, LOCK_UN);
    close(fd);
    return rc;
}

/* chain_append - one line */
int chain_append(const char *path, json_object *line, int mode, int sync, char **err)
{
    return chain_append_lines(path, &line, 1, mode, sync, err);
}

/* each_line - call fn(line, len, number, ctx) for every line of the file */
static int each_line(const char *path, int (*fn)(char *, size_t, size_t, void *), void *ctx,
                     char **err)
{
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return errno == ENOENT ? 0 : dk_fail_errno(err, "cannot open %s", path);
    char *line = NULL;
    size_t cap = 0, number = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        rc = fn(line, (size_t)n, ++number, ctx);
    }
    free(line);
    fclose(f);
    return rc < 0 ? -1 : 0;
}

typedef struct {
    chain_each_fn fn;
    void *ctx;
    size_t skipped;
} each_state;

/* parse_and_call - each_line callback of chain_each */
static int parse_and_call(char *line, size_t len, size_t number, void *ctx)
{
    (void)len;
    each_state *e = ctx;
    json_object *o = json_tokener_parse(line);
    int stop = 0;
    if (o != NULL && json_object_is_type(o, json_type_object))
        stop = e->fn(o, number, e->ctx) != 0;
    else
        e->skipped++;
    json_object_put(o);
    return stop;
}

/* chain_each - every object, in order */
int chain_each(const char *path, chain_each_fn fn, void *ctx, size_t *skipped, char **err)
{
    each_state e = {fn, ctx, 0};
    int rc = each_line(path, parse_and_call, &e, err);
    if (skipped)
        *skipped = e.skipped;
    return rc;
}

/* each_backward - every object from the end of the open log back */
static int each_backward(int fd, chain_each_fn fn, void *ctx, char **err)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return dk_fail_errno(err, "cannot stat the log");
    GString *line = g_string_new(NULL);
    int rc = 0, stop = 0;
    for (off_t end = st.st_size, start; rc == 0 && !stop && end > 0; end = start - 1) {
        if ((rc = line_before(fd, end, line, &start, err)) != 0)
            break;
        json_object *o = line->len ? json_tokener_parse(line->str) : NULL;
        if (o != NULL && json_object_is_type(o, json_type_object))
            stop = fn(o, 0, ctx) != 0;
        json_object_put(o);
    }
    g_string_free(line, TRUE);
    return rc;
}

/* chain_each_backward - open, walk back from the end */
int chain_each_backward(const char *path, chain_each_fn fn, void *ctx, char **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : dk_fail_errno(err, "cannot open %s", path);
    int rc = each_backward(fd, fn, ctx, err);
    close(fd);
    return rc;
}

typedef struct {
    chain_walk_fn fn;
    void *ctx;
    char expected[HASH_HEX + 1];
} walk_state;

/* walk_line - each_line callback of chain_walk: hash, parse, call */
static int walk_line(char *line, size_t len, size_t number, void *ctx)
{
    walk_state *w = ctx;
    char hash[HASH_HEX + 1];
    line_hash(line, len, hash);
    json_object *o = json_tokener_parse(line), *prev = NULL;
    if (o != NULL && !json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        o = NULL;
    }
    chain_line l = {.number = number, .hash = hash, .expected = w->expected, .object = o};
    if (o != NULL && json_object_object_get_ex(o, "prev", &prev) &&
        json_object_is_type(prev, json_type_string))
        l.prev = json_object_get_string(prev);
    int stop = w->fn(&l, w->ctx);
    memcpy(w->expected, hash, sizeof hash);
    json_object_put(o);
    return stop ? 1 : 0;
}

/* chain_walk - every line with its hash and its link */
int chain_walk(const char *path, chain_walk_fn fn, void *ctx, char **err)
{
    walk_state w = {.fn = fn, .ctx = ctx};
    memcpy(w.expected, genesis, sizeof genesis);
    return each_line(path, walk_line, &w, err);
}

typedef struct {
    size_t lines, broken; /* broken: the first line whose link is wrong, 0: none */
} verify_state;

/* check_link - chain_walk callback of chain_verify */
static int check_link(const chain_line *line, void *ctx)
{
    verify_state *s = ctx;
    s->lines = line->number;
    if (line->prev == NULL || strcmp(line->prev, line->expected) != 0) {
        s->broken = line->number;
        return 1;
    }
    return 0;
}

/* chain_verify - recompute every link */
int chain_verify(const char *path, size_t *lines, char **err)
{
    verify_state s = {0, 0};
    int rc = chain_walk(path, check_link, &s, err);
    *lines = s.lines;
    if (rc == 0 && s.broken)
        return dk_fail(err, "%s: the chain is broken at line %zu (edited, removed or reordered)",
                       path, s.broken);
    return rc;
}

/* chain_head - the last line's hash, under a shared lock */
int chain_head(const char *path, char head[CHAIN_HASH_HEX + 1], char **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT)
            return dk_fail_errno(err, "cannot open %s", path);
        memcpy(head, genesis, sizeof genesis);
        return 0;
    }
    while (flock(fd, LOCK_SH) != 0 && errno == EINTR)
        ;
    int unended; /* a cut-short last line is still the head */
    int rc = last_line_hash(fd, head, &unended, err);
    flock(fd, LOCK_UN);
    close(fd);
    return rc;
}
