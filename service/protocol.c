/*
 * protocol.c - the lines between the supervisor and its workers (see
 * protocol.h): one table of words, read and written by both sides.
 *
 * Functions: proto_parse, proto_format, proto_scratch_dir.
 */
#include "protocol.h"
#include "ingest/evidence.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <string.h>

/* words - each kind's word: a line is the word alone (READY), the hash alone
 * (ITEM), or the word, a space and the hash */
static const char *const words[] = {
    [PROTO_READY] = "ready",
    [PROTO_ITEM] = "",
    [PROTO_HELP] = "help ",
    [PROTO_HELPED] = "helped ",
};

/* proto_parse - match the line against each kind's word */
proto_kind proto_parse(const char *line, proto_msg *out)
{
    out->kind = PROTO_BAD;
    out->sha256[0] = '\0';
    if (strcmp(line, words[PROTO_READY]) == 0)
        return out->kind = PROTO_READY;
    for (proto_kind k = PROTO_ITEM; k <= PROTO_HELPED; k++) {
        size_t n = strlen(words[k]);
        if (strncmp(line, words[k], n) == 0 && evidence_is_sha256(line + n)) {
            memcpy(out->sha256, line + n, sizeof out->sha256);
            return out->kind = k;
        }
    }
    return PROTO_BAD;
}

/* proto_format - the kind's word, the hash unless READY, a newline */
int proto_format(char buf[PROTO_LINE_MAX], proto_kind kind, const char *sha256)
{
    if (kind == PROTO_READY)
        return snprintf(buf, PROTO_LINE_MAX, "%s\n", words[kind]);
    if (kind < PROTO_ITEM || kind > PROTO_HELPED || !evidence_is_sha256(sha256))
        return -1;
    return snprintf(buf, PROTO_LINE_MAX, "%s%s\n", words[kind], sha256);
}

/* proto_scratch_dir - DATA/cache/work/worker-PID */
char *proto_scratch_dir(const char *data_dir, long pid)
{
    return xasprintf("%s/" PROTO_SCRATCH_PARENT "/" PROTO_SCRATCH_PREFIX "%ld", data_dir, pid);
}
