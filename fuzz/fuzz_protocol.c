/*
 * fuzz_protocol.c - feeds one arbitrary line (without its newline) to
 * proto_parse, as a worker or the supervisor reads it. Must hold: no crash;
 * a line that parses names a 64-hex-digit hash (or none for "ready") and
 * proto_format writes it back as the same line.
 */
#include "harness.h"
#include "service/protocol.h"

#include <stdlib.h>
#include <string.h>

/* LLVMFuzzerTestOneInput - parse, and format back what parsed */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = fuzz_text(data, size);
    proto_msg msg;
    proto_kind kind = proto_parse(line, &msg);
    if (kind != msg.kind)
        abort();
    if (kind != PROTO_BAD) {
        char buf[PROTO_LINE_MAX];
        int n = proto_format(buf, kind, msg.sha256);
        if (n <= 0 || n >= PROTO_LINE_MAX || buf[n - 1] != '\n')
            abort();
        buf[n - 1] = '\0';
        if (strcmp(buf, line) != 0)
            abort();
    }
    free(line);
    return 0;
}
