/*
 * extract_harness.c - fuzz_extract (see harness.h): a counting sink that
 * pulls every member's bytes, as the evidence store does, and refuses once
 * the limits are reached; the extractor targets share it.
 *
 * Functions: fuzz_extract.
 */
#include "harness.h"
#include "extract/extract.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* What the sink saw; `refused` is set once it said no. */
typedef struct {
    size_t pages, members, metas, skips;
    int refused;
} counts;

/* seen - one more callback: none may come after a refusal */
static void seen(counts *c)
{
    if (c->refused)
        abort();
}

/* count_page - a page's text must be UTF-8 */
static int count_page(void *ctx, const extract_page *page, char **err)
{
    (void)err;
    counts *c = ctx;
    seen(c);
    if (page->text == NULL || !g_utf8_validate(page->text, -1, NULL))
        abort();
    c->pages++;
    return 0;
}

/* count_child - its name is UTF-8; read it to its end, refusing past the limits */
static int count_child(void *ctx, const extract_child *child, char **err)
{
    counts *c = ctx;
    seen(c);
    if (child->member == NULL || !g_utf8_validate(child->member, -1, NULL) || child->read == NULL)
        abort();
    if (++c->members > FUZZ_MAX_MEMBERS) {
        c->refused = 1;
        *err = strdup("fuzz: too many members");
        return -1;
    }
    static unsigned char buf[65536];
    size_t total = 0;
    for (;;) {
        long n = child->read(child->src, buf, sizeof buf, err);
        if (n < 0) {
            c->refused = 1; /* the store gives up on a damaged member */
            return -1;
        }
        if (n == 0)
            return 0;
        if ((unsigned long)n > sizeof buf)
            abort();
        total += (size_t)n;
        if (total > FUZZ_MAX_MEMBER_BYTES) {
            c->refused = 1;
            free(*err);
            *err = strdup("fuzz: member too large");
            return -1;
        }
    }
}

/* count_meta - names and values are strings */
static int count_meta(void *ctx, const char *name, const char *value, char **err)
{
    (void)err;
    counts *c = ctx;
    seen(c);
    if (name == NULL || value == NULL)
        abort();
    c->metas++;
    return 0;
}

/* count_skipped - a member and its reason */
static int count_skipped(void *ctx, const char *member, const char *reason, char **err)
{
    (void)err;
    counts *c = ctx;
    seen(c);
    if (member == NULL || reason == NULL)
        abort();
    c->skips++;
    return 0;
}

/* fuzz_extract - choose, check the choice, run, check the outcome */
void fuzz_extract(const uint8_t *data, size_t size, const char *mime, const char *extractor_name)
{
    extract_input in = {.path = "fuzz-input", .data = data, .size = size, .mime = mime};
    const extractor *x = extract_choose(&in);
    if (x == NULL || strcmp(x->name, extractor_name) != 0)
        return;
    counts c = {0};
    extract_sink sink = {.page = count_page,
                         .ctx = &c,
                         .child = count_child,
                         .meta = count_meta,
                         .skipped = count_skipped};
    char *reason = NULL;
    extract_status st = extract_run(NULL, &in, &sink, &reason);
    if ((st == EXTRACT_DONE) != (reason == NULL))
        abort();
    if (c.refused && st == EXTRACT_DONE)
        abort(); /* the sink said no and the extractor went on as if it had not */
    free(reason);
}
