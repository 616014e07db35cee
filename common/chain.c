/*
 * chain.c - a hash-chained log of JSON lines (see chain.h).
 *
 * An append reads the last line back from the end of the file, a block at
 * a time, so that its cost does not grow with the log; a backward walk reads
 * the log from its end in large blocks, and parses only the lines that hold
 * what it looks for. A forward walk reads the file line by line (and, when
 * it looks for some bytes, parses only the lines that hold them).
 *
 * Functions: chain_append, chain_append_lines, chain_each, chain_each_holding, chain_each_backward,
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
#define BACK_BLOCK (4 * CHAIN_LINE_MAX) /* read at a time walking back: whole lines fit */

static const char genesis[HASH_HEX + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* line_hash - SHA-256 of len bytes, hex, into out */
static void line_hash(const char *line, size_t len, char out[HASH_HEX + 1])
{
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)line, len);
    memcpy(out, hex, HASH_HEX + 1);
    g_free(hex);
}

/* read_at - exactly n bytes at offset `at` */
static int read_at(int fd, char *buf, size_t n, off_t at, char **err)
{
    for (size_t got = 0; got < n;) {
        ssize_t r = pread(fd, buf + got, n - got, at + (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r < 0 ? dk_fail_errno(err, "cannot read the log")
                         : dk_fail(err, "the log was cut short while it was read");
        got += (size_t)r;
    }
    return 0;
}

/* line_before - the line that ends at offset `end` (its newline, or the
 * file's end), read back a block at a time until its start: its bytes in
 * *line */
static int line_before(int fd, off_t end, GString *line, char **err)
{
    g_string_truncate(line, 0);
    off_t at = end;
    int found = 0;
    while (!found && at > 0 && end - at <= CHAIN_LINE_MAX) {
        size_t n = at >= BLOCK ? BLOCK : (size_t)at;
        char buf[BLOCK];
        if (read_at(fd, buf, n, at - (off_t)n, err) != 0)
            return -1;
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
    off_t end = st.st_size;
    if (end > 0) {
        char last = '\0';
        if (read_at(fd, &last, 1, end - 1, err) != 0)
            return -1;
        *unended = last != '\n';
        end -= !*unended;
    }
    if (end == 0) {
        memcpy(out, genesis, sizeof genesis);
        return 0;
    }
    GString *line = g_string_new(NULL);
    int rc = line_before(fd, end, line, err);
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

typedef struct {
    each_state each;
    const char *const *needles;
} holding_state;

/* parse_if_holding - each_line callback of chain_each_holding */
static int parse_if_holding(char *line, size_t len, size_t number, void *ctx)
{
    holding_state *h = ctx;
    for (const char *const *n = h->needles; *n != NULL; n++)
        if (memmem(line, len, *n, strlen(*n)) != NULL)
            return parse_and_call(line, len, number, &h->each);
    return 0;
}

/* chain_each_holding - the objects of the lines holding a needle, in order */
int chain_each_holding(const char *path, const char *const *needles, chain_each_fn fn, void *ctx,
                       char **err)
{
    holding_state h = {{fn, ctx, 0}, needles};
    return each_line(path, parse_if_holding, &h, err);
}

/* lines_backward - the lines of buf[0, n) (whole lines; buf[n] writable)
 * from the last to the first, parsed and called back when they hold the
 * needle (every line when it is NULL); 1 when fn stopped, -1 on a line
 * longer than CHAIN_LINE_MAX */
static int lines_backward(char *buf, size_t n, const char *needle, chain_each_fn fn, void *ctx)
{
    size_t nlen = needle != NULL ? strlen(needle) : 0;
    for (size_t end = n; end > 0;) {
        const char *nl = memrchr(buf, '\n', end);
        size_t start = nl != NULL ? (size_t)(nl - buf) + 1 : 0, len = end - start;
        if (len > CHAIN_LINE_MAX)
            return -1;
        char *line = buf + start;
        if (len > 0 && (needle == NULL || memmem(line, len, needle, nlen) != NULL)) {
            char after = line[len];
            line[len] = '\0';
            json_object *o = json_tokener_parse(line);
            line[len] = after;
            int stop = o != NULL && json_object_is_type(o, json_type_object) && fn(o, 0, ctx) != 0;
            json_object_put(o);
            if (stop)
                return 1;
        }
        end = start > 0 ? start - 1 : 0;
    }
    return 0;
}

/* each_backward - the objects of the whole lines in [since, end of the open
 * log) from the last back, read BACK_BLOCK bytes at a time: a block's whole
 * lines, then the block before them; a block without the needle is not
 * parsed at all. *upto: the end of the last line that has its newline. */
static int each_backward(int fd, const char *needle, off_t since, off_t *upto, chain_each_fn fn,
                         void *ctx, char **err)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return dk_fail_errno(err, "cannot stat the log");
    if (since > st.st_size)
        return dk_fail(err,
                       "the log is shorter (%lld bytes) than where the walk was to start "
                       "(%lld): it is not the log that offset was taken from",
                       (long long)st.st_size, (long long)since);
    *upto = since;
    size_t cap = st.st_size - since < BACK_BLOCK ? (size_t)(st.st_size - since) : BACK_BLOCK;
    char *buf = xmalloc(cap + 1);
    int rc = 0, stop = 0;
    for (off_t hi = st.st_size; rc == 0 && stop == 0 && hi > since;) {
        off_t lo = hi - since > (off_t)cap ? hi - (off_t)cap : since;
        size_t n = (size_t)(hi - lo),
               from = 0; /* from: where the block's first whole line starts */
        if ((rc = read_at(fd, buf, n, lo, err)) != 0)
            break;
        const char *nl = lo > since ? memchr(buf, '\n', n) : NULL;
        if (lo > since && (nl == NULL || (size_t)(nl - buf) + 1 == n)) {
            stop = -1; /* no whole line in a block of four times the longest */
            break;
        }
        if (hi == st.st_size) {
            const char *last = memrchr(buf, '\n', n);
            *upto = last != NULL ? lo + (last - buf) + 1 : since;
        }
        from = nl != NULL ? (size_t)(nl - buf) + 1 : 0;
        if (needle == NULL || memmem(buf + from, n - from, needle, strlen(needle)) != NULL)
            stop = lines_backward(buf + from, n - from, needle, fn, ctx);
        hi = lo + (off_t)from;
    }
    free(buf);
    if (rc == 0 && stop < 0)
        rc = dk_fail(err, "a line of the log is longer than %ld bytes: it is damaged",
                     CHAIN_LINE_MAX);
    return rc;
}

/* chain_each_backward - open, walk back from the end to `since` */
int chain_each_backward(const char *path, const char *needle, off_t since, off_t *upto,
                        chain_each_fn fn, void *ctx, char **err)
{
    off_t end = since;
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
    if (fd < 0 && !(errno == ENOENT && since == 0))
        rc = dk_fail_errno(err, "cannot open %s", path);
    else if (fd >= 0) {
        rc = each_backward(fd, needle, since, &end, fn, ctx, err);
        close(fd);
    }
    if (upto != NULL)
        *upto = end;
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
