/*
 * pst_private.h - what pst.c shares with pst_io.c (the mapped store as a
 * libbfio handle) and pst_message.c (one message written out as an e-mail).
 */
#ifndef DOKAZ_PST_PRIVATE_H
#define DOKAZ_PST_PRIVATE_H

#include <libbfio.h>
#include <libpff.h>
#include <stddef.h>

/* pst_io_open - a libbfio handle that reads `size` bytes at `data` (lent,
 * must outlive the handle) with every read bounded by them (pst_io.c);
 * free with libbfio_handle_free. 0, or -1 when libbfio refuses. */
int pst_io_open(const unsigned char *data, size_t size, libbfio_handle_t **handle);

/* Deepest nesting of attached messages written into one e-mail. */
#define PST_MAX_NESTING 8

/* pst_message_eml - the message as RFC 822 bytes (g_free; *len set): From,
 * To, Cc, Date, Subject and Message-ID headers, the body (plain text, else
 * HTML, else the RTF body as text), every data attachment as a base64 part
 * and every attached message as a message/rfc822 part. Attachments larger
 * than `budget` bytes together are left out (a hostile store can point
 * many at one block). *subject gets the subject (g_free) or NULL. Never
 * fails: what libpff cannot read is left out. */
unsigned char *pst_message_eml(libpff_item_t *message, size_t budget, size_t *len, char **subject);

#endif
