/*
 * audit_private.h - what the audit log's files share: an event as the JSON
 * object of its line, and back. Not for use outside ingest/.
 */
#ifndef DOKAZ_INGEST_AUDIT_PRIVATE_H
#define DOKAZ_INGEST_AUDIT_PRIVATE_H

#include "audit.h"

#include <json-c/json.h>

/* audit_event_json - {"time","event",<the kind's fields>} for `event`, stamped
 * with `time` (event->time is not used); the caller adds "prev" and puts it */
json_object *audit_event_json(const audit_event *event, const char *time);

/* audit_event_read - the event a line's object holds, its strings pointing
 * into `line` (valid while it is); -1 when it holds none: not an object, an
 * unknown word, or a field of the kind missing or of the wrong type */
int audit_event_read(json_object *line, audit_event *event);

#endif
