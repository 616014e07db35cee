/*
 * accept.h - receiving a file: store the original, record the reception in the
 * item's records and the audit log, and queue it for processing.
 */
#ifndef DOKAZ_INGEST_ACCEPT_H
#define DOKAZ_INGEST_ACCEPT_H

#include "evidence.h"
#include "record/record.h"

/* accept_prepare - create the data directory layout under data_dir */
int accept_prepare(const char *data_dir, char **err);

/* accept_file - receive the file at `path` (absolute) into `collection`
 * (collection.h). *queued is 1 when the content is new to the queue, or was
 * processed before but not in this collection (it is processed again, so
 * that its members join the collection too); 0 when it was received before.
 * Fails with DK_ERR_CHANGED (common/error.h) when the file changed while it
 * was read: nothing is recorded, and it is not rejected, only not received yet. */
int accept_file(const char *data_dir, const char *path, const char *collection, evidence_ref *ref,
                int *queued, char **err);

/* accept_record - record a reception of content already stored as `ref` and
 * queue it (used for files and for members of archives and emails); queued
 * again when done or failed before and r->collection is new to it */
int accept_record(const char *data_dir, const evidence_ref *ref, const item_reception *r,
                  int *queued, char **err);

/* accept_rejected - record in the audit log that `path` could not be received */
int accept_rejected(const char *data_dir, const char *path, const char *reason, char **err);

#endif
