/*
 * chain.c - a hash-chained log of JSON lines (see chain.h).
 *
 * An append reads the last line back from the end of the file, a block at
 * a time, so that its cost does not grow with the log.
 *
 * Functions: chain_append, chain_each, chain_verify.
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

#define HASH_HEX 64
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

/* last_line_hash - the hash of the file's last line (without its newline),
 * reading back block by block until the line's start; *unended is true when
 * that line has no newline (a write cut short) */
static int last_line_hash(int fd, char out[HASH_HEX + 1], int *unended, char **err)
{
    struct stat st;
    *unended = 0;
    if (fstat(fd, &st) != 0)
        return dk_fail_errno(err, "cannot stat the log");
    off_t end = st.st_size;
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
    off_t start = end;
    GString *tail = g_string_new(NULL); /* the bytes from start to end */
    int found = 0;
    while (!found && start > 0 && end - start <= CHAIN_LINE_MAX) {
        size_t n = start >= BLOCK ? BLOCK : (size_t)start;
        char buf[BLOCK];
        if (pread(fd, buf, n, start - (off_t)n) != (ssize_t)n) {
            g_string_free(tail, TRUE);
            return dk_fail_errno(err, "cannot read the log");
        }
        size_t from = n;
        while (from > 0 && buf[from - 1] != '\n')
            from--;
        found = from > 0;
        g_string_prepend_len(tail, buf + from, (gssize)(n - from));
        start -= (off_t)(n - from) + found;
    }
    int rc = 0;
    if (tail->len > CHAIN_LINE_MAX)
        rc = dk_fail(err, "the log's last line is longer than %ld bytes: it is damaged",
                     CHAIN_LINE_MAX);
    else
        line_hash(tail->str, tail->len, out);
    g_string_free(tail, TRUE);
    return rc;
}

/* chain_append - lock, chain, write one line, sync if asked, unlock */
int chain_append(const char *path, json_object *line, int mode, int sync, char **err)
{
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, mode);
    if (fd < 0)
        return dk_fail_errno(err, "cannot open %s", path);
    while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
        ;
    char prev[HASH_HEX + 1];
    int unended = 0;
    int rc = last_line_hash(fd, prev, &unended, err);
    if (rc == 0) {
        json_object_object_add(line, "prev", json_object_new_string(prev));
        /* after a line without its newline, end it first: glued to it, the
         * new line would be hidden in that one, yet the chain would hold */
        char *text = xasprintf("%s%s\n", unended ? "\n" : "",
                               json_object_to_json_string_ext(line, JSON_C_TO_STRING_PLAIN));
        size_t len = strlen(text);
        if (len - (size_t)unended > CHAIN_LINE_MAX)
            rc = dk_fail(err, "a line of %zu bytes is too long for %s", len, path);
        else if (write(fd, text, len) != (ssize_t)len || (sync && fdatasync(fd) != 0))
            rc = dk_fail_errno(err, "cannot append to %s", path);
        free(text);
    }
    flock(fd, LOCK_UN);
    close(fd);
    return rc;
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
    char prev[HASH_HEX + 1];
    size_t lines, broken; /* broken: the first line whose link is wrong, 0: none */
} verify_state;

/* check_link - each_line callback of chain_verify */
static int check_link(char *line, size_t len, size_t number, void *ctx)
{
    verify_state *s = ctx;
    s->lines = number;
    json_object *o = json_tokener_parse(line), *prev = NULL;
    int ok = o != NULL && json_object_object_get_ex(o, "prev", &prev) &&
             json_object_is_type(prev, json_type_string) &&
             strcmp(json_object_get_string(prev), s->prev) == 0;
    json_object_put(o);
    if (!ok) {
        s->broken = number;
        return -1;
    }
    line_hash(line, len, s->prev);
    return 0;
}

/* chain_verify - recompute every link */
int chain_verify(const char *path, size_t *lines, char **err)
{
    verify_state s = {.lines = 0, .broken = 0};
    memcpy(s.prev, genesis, sizeof genesis);
    int rc = each_line(path, check_link, &s, err);
    *lines = s.lines;
    if (s.broken)
        return dk_fail(err, "%s: the chain is broken at line %zu (edited, removed or reordered)",
                       path, s.broken);
    return rc;
}
