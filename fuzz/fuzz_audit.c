/*
 * fuzz_audit.c - feeds arbitrary bytes to the audit log's readers as
 * DATA/audit.log: audit_each (the typed events), audit_each_backward (the
 * same from the end) and audit_verify (the hash chain). Must hold: no crash,
 * leak or undefined behaviour; every event handed out has its kind's name
 * and strings that are strings; read backwards, the log holds as many events
 * as read forwards; a log that
 * verifies still verifies after one more event is appended to it, and that
 * event is read back: one event more than before.
 */
#include "harness.h"
#include "ingest/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* touch_event - audit_each callback: read every field, count */
static int touch_event(const audit_event *e, void *ctx)
{
    size_t *n = ctx;
    const char *strings[] = {e->time, e->sha256, e->path, e->parent, e->member, e->reason};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        if (strings[i] != NULL)
            (void)strlen(strings[i]);
    if (audit_kind_name(e->kind) == NULL)
        abort();
    (*n)++;
    return 0;
}

/* LLVMFuzzerTestOneInput - read, verify, append, verify again */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_data_dir("audit");
    fuzz_put(dir, "audit.log", data, size);
    char *err = NULL;
    size_t events = 0, skipped = 0, lines = 0;
    if (audit_each(dir, touch_event, &events, &skipped, &err) != 0) {
        free(err);
        err = NULL;
    }
    size_t backward = 0;
    if (audit_each_backward(dir, touch_event, &backward, &err) != 0 || backward != events) {
        fprintf(stderr, "%zu events forwards, %zu backwards: %s\n", events, backward,
                err ? err : "");
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
    size_t after = 0;
    if (audit_each(dir, touch_event, &after, &skipped, &err) != 0 || after != events + 1) {
        fprintf(stderr, "%zu events before, %zu after appending one\n", events, after);
        abort();
    }
    return 0;
}
