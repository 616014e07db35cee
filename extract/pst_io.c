/*
 * pst_io.c - the mapped store as a libbfio handle that libpff reads from.
 *
 * libbfio's own memory range (Debian 12, 20170123) copies as many bytes as
 * asked for even past the end of the range: a store that points past its
 * own end, or is shorter than its header, makes it read beyond the mapping
 * (fuzz_pst found it). This handle does the same job with the bounds
 * checked: a read at or past the end gives what is there, down to nothing,
 * as a file would. libbfio owns the small state (the mapping is lent).
 *
 * Functions: pst_io_open.
 */
#include "extract/pst_private.h"

#include <glib.h>
#include <string.h>

/* Where libpff is reading in the mapping. */
typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} mapped;

/* io_free - libbfio drops the state */
static int io_free(intptr_t **io, libbfio_error_t **error)
{
    (void)error;
    g_free(*io);
    *io = NULL;
    return 1;
}

/* io_clone - another reader over the same mapping */
static int io_clone(intptr_t **to, intptr_t *from, libbfio_error_t **error)
{
    (void)error;
    *to = (intptr_t *)g_memdup2(from, sizeof(mapped));
    return 1;
}

/* io_open - reading starts at the beginning */
static int io_open(intptr_t *io, int flags, libbfio_error_t **error)
{
    (void)flags;
    (void)error;
    ((mapped *)io)->offset = 0;
    return 1;
}

/* io_close - nothing to release (libbfio's convention: 0 is success) */
static int io_close(intptr_t *io, libbfio_error_t **error)
{
    (void)io;
    (void)error;
    return 0;
}

/* io_read - at most what is left after the offset */
static ssize_t io_read(intptr_t *io, uint8_t *buf, size_t size, libbfio_error_t **error)
{
    (void)error;
    mapped *m = (mapped *)io;
    size_t left = m->offset < m->size ? m->size - m->offset : 0;
    size_t n = size < left ? size : left;
    if (n > SSIZE_MAX)
        n = SSIZE_MAX;
    memcpy(buf, m->data + m->offset, n);
    m->offset += n;
    return (ssize_t)n;
}

/* io_write - the store is read-only */
static ssize_t io_write(intptr_t *io, const uint8_t *buf, size_t size, libbfio_error_t **error)
{
    (void)io;
    (void)buf;
    (void)size;
    (void)error;
    return -1;
}

/* io_seek - any offset from 0 on (past the end reads nothing) */
static off64_t io_seek(intptr_t *io, off64_t offset, int whence, libbfio_error_t **error)
{
    (void)error;
    mapped *m = (mapped *)io;
    off64_t base = whence == SEEK_SET   ? 0
                   : whence == SEEK_CUR ? (off64_t)m->offset
                                        : (off64_t)m->size;
    if ((whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) ||
        offset > INT64_MAX - base || base + offset < 0)
        return -1;
    m->offset = (size_t)(base + offset);
    return base + offset;
}

/* io_yes - it exists and is open */
static int io_yes(intptr_t *io, libbfio_error_t **error)
{
    (void)io;
    (void)error;
    return 1;
}

/* io_size - the mapping's length */
static int io_size(intptr_t *io, size64_t *size, libbfio_error_t **error)
{
    (void)error;
    *size = ((mapped *)io)->size;
    return 1;
}

/* pst_io_open - a handle over data (lent), 0 or -1 */
int pst_io_open(const unsigned char *data, size_t size, libbfio_handle_t **handle)
{
    mapped *m = g_new0(mapped, 1);
    m->data = data;
    m->size = size;
    libbfio_error_t *e = NULL;
    if (libbfio_handle_initialize(handle, (intptr_t *)m, io_free, io_clone, io_open, io_close,
                                  io_read, io_write, io_seek, io_yes, io_yes, io_size,
                                  LIBBFIO_FLAG_IO_HANDLE_MANAGED |
                                      LIBBFIO_FLAG_IO_HANDLE_CLONE_BY_FUNCTION,
                                  &e) == 1)
        return 0;
    if (e != NULL)
        libbfio_error_free(&e);
    g_free(m);
    return -1;
}
