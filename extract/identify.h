/*
 * identify.h - what a file is, by its content (libmagic).
 *
 * The type of a received file is decided from its bytes alone, never from its
 * name: people rename files, mail programs invent extensions, and a ".pdf"
 * that is really a ZIP must be treated as a ZIP. One identify handle per
 * process (libmagic's handle is not thread-safe); it loads the magic database
 * once.
 */
#ifndef DOKAZ_EXTRACT_IDENTIFY_H
#define DOKAZ_EXTRACT_IDENTIFY_H

#include <stddef.h>

typedef struct identify identify;

/* identify_open - load the system magic database; NULL with *err on failure */
identify *identify_open(char **err);

/* identify_buffer - the MIME type of `data` ("application/pdf", "text/plain",
 * "application/octet-stream" for unrecognised bytes, "application/x-empty"
 * for size 0). Returns a malloc'd string the caller frees, independent of the
 * handle; NULL only if libmagic itself fails (identify_error says why). */
char *identify_buffer(identify *h, const void *data, size_t size);

/* identify_error - libmagic's message for the last failure (owned by the
 * handle, valid until the next call), or NULL */
const char *identify_error(identify *h);

/* identify_close - free the handle (NULL is fine) */
void identify_close(identify *h);

#endif
