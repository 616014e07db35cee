/*
 * fuzz_audit.c - feeds arbitrary bytes to the audit log's readers as
 * DATA/audit.log: audit_each (the typed events), audit_each_backward (the
 * same from the end) and audit_verify (the hash chain). Must hold: no crash,
 * leak or undefined behaviour; every event handed out has its kind's name
 * and strings that are strings; read backwards, the log holds as many events
 * as read forwards, and as many "verified" ones when only they are asked for
 * (fewer only when the log has escapes: the kind's word is looked for as
 * dokaz writes it); a log that
 * verifies still verifies after one more event is appended to it, and that
 * event is read back: one event more than before.
 */
#include "harness.h"
#include "ingest/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t events, verified; /* events; of them, "verified" ones */
} counts;

/* touch_event - audit_each callback: read every field, count */
static int touch_event(const audit_event *e, void *ctx)
{
    counts *n = ctx;
    const char *strings[] = {e->time, e->sha256, e->path, e->parent, e->member, e->reason};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        if (strings[i] != NULL)
            (void)strlen(strings[i]);
    if (audit_kind_name(e->kind) == NULL)
        abort();
    n->events++;
    n->verified += e->kind == AUDIT_VERIFIED;
    return 0;
}

/* LLVMFuzzerTestOneInput - read, verify, append, verify again */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_data_dir("audit");
    fuzz_put(dir, "audit.log", data, size);
    char *err = NULL;
    size_t skipped = 0, lines = 0;
    counts forward = {0}, backward = {0}, verified = {0};
    if (audit_each(dir, touch_event, &forward, &skipped, &err) != 0) {
        free(err);
        err = NULL;
    }
    const audit_kind only = AUDIT_VERIFIED;
    if (audit_each_backward(dir, NULL, 0, NULL, touch_event, &backward, &err) != 0 ||
        backward.events != forward.events ||
        audit_each_backward(dir, &only, 0, NULL, touch_event, &verified, &err) != 0 ||
        verified.verified != verified.events || verified.events > forward.verified ||
        (verified.events < forward.verified && memchr(data, '\\', size) == NULL)) {
        fprintf(stderr, "%zu events (%zu verified) forwards, %zu backwards, %zu verified: %s\n",
                forward.events, forward.verified, backward.events, verified.events, err ? err : "");
        abort();
    }
    if (audit_verify(dir, &lines, &err) != 0) {
        free(err);
        return 0;
    }
    audit_event more = {
        .kind = AUDIT_FAILED,
        .sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        .reason = "fuzz",
    };
    if (audit_append_event(dir, &more, &err) != 0 || audit_verify(dir, &lines, &err) != 0) {
        fprintf(stderr, "a log that verified no longer does: %s\n", err ? err : "?");
        abort();
    }
    counts after = {0};
    if (audit_each(dir, touch_event, &after, &skipped, &err) != 0 ||
        after.events != forward.events + 1) {
        fprintf(stderr, "%zu events before, %zu after appending one\n", forward.events,
                after.events);
        abort();
    }
    return 0;
}
