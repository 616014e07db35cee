/*
 * identify.c - MIME type of a buffer by content, with libmagic (see identify.h).
 *
 * libmagic returns a string that lives inside the handle and is overwritten by
 * the next call; we hand out a malloc'd copy so callers can keep the type
 * (in a queue entry, a log line) without thinking about the handle.
 * Compressed data is not looked into (no MAGIC_COMPRESS): unpacking is the
 * archive stage's job, and decompressing hostile input here would be a
 * second, unguarded decompressor.
 *
 * Functions: identify_open, identify_buffer, identify_error, identify_close.
 */
#include "extract/identify.h"

#include "common/error.h"
#include "common/xalloc.h"

#include <magic.h>
#include <stdlib.h>
#include <string.h>

struct identify {
    magic_t magic;
};

/* identify_open - open libmagic for MIME types and load the system database */
identify *identify_open(char **err)
{
    identify *h = xcalloc(1, sizeof *h);
    h->magic = magic_open(MAGIC_MIME_TYPE);
    if (h->magic == NULL) {
        dk_fail_errno(err, "cannot open libmagic");
        free(h);
        return NULL;
    }
    if (magic_load(h->magic, NULL) != 0) {
        const char *why = magic_error(h->magic);
        dk_fail(err, "cannot load the libmagic database: %s", why ? why : "unknown error");
        identify_close(h);
        return NULL;
    }
    return h;
}

/* identify_buffer - MIME type of data (malloc'd), NULL on libmagic failure */
char *identify_buffer(identify *h, const void *data, size_t size)
{
    if (h == NULL)
        return NULL;
    /* libmagic wants a real pointer even for an empty buffer */
    const char *type = magic_buffer(h->magic, size ? data : "", size);
    if (type == NULL)
        return NULL;
    return xstrdup(type);
}

/* identify_error - libmagic's last error message */
const char *identify_error(identify *h)
{
    return h ? magic_error(h->magic) : NULL;
}

/* identify_close - release libmagic */
void identify_close(identify *h)
{
    if (h == NULL)
        return;
    if (h->magic != NULL)
        magic_close(h->magic);
    free(h);
}
