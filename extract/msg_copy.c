/*
 * msg_copy.c - an embedded Outlook message (or OLE object) as a file of its own.
 *
 * An attached message is a storage inside its attachment's storage, not a
 * byte range: to store it as an evidence item (and read its own
 * attachments in turn) its tree is copied into a new compound file with
 * libgsf's OLE2 writer, in memory. The only change [MS-OXMSG] asks for is
 * the properties stream's header, 24 bytes in an embedded message and 32
 * at the top: eight zero bytes are put after the first 24. The copy is
 * bounded in depth and in bytes.
 *
 * Functions: msg_copy_storage.
 */
#include "extract/msg_private.h"

#include "common/error.h"

#include <glib.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <string.h>

#define MAX_DEPTH 32

/* A copy in progress: what may still be copied, and the first failure. */
typedef struct {
    size_t budget;
    bool message; /* the top properties stream gets the top-level header */
    char **reason;
    int failed;
} copy_state;

/* copy_stream - one stream; the top properties stream gets its longer header */
static void copy_stream(copy_state *c, GsfInput *in, GsfOutfile *to, const char *name, bool top)
{
    size_t len = 0;
    unsigned char *data = msg_read_all(in, c->budget, &len);
    if (data == NULL) {
        c->failed = dk_fail(c->reason,
                            "the embedded message's stream %s is unreadable or "
                            "larger than the file",
                            name);
        return;
    }
    c->budget -= len;
    GsfOutput *out = gsf_outfile_new_child(to, name, FALSE);
    if (c->message && top && strcmp(name, MSG_PROPERTIES) == 0 && len >= MSG_HEADER_EMBEDDED) {
        static const unsigned char reserved[MSG_HEADER_TOP - MSG_HEADER_EMBEDDED];
        gsf_output_write(out, MSG_HEADER_EMBEDDED, data);
        gsf_output_write(out, sizeof reserved, reserved);
        gsf_output_write(out, len - MSG_HEADER_EMBEDDED, data + MSG_HEADER_EMBEDDED);
    } else {
        gsf_output_write(out, len, data);
    }
    gsf_output_close(out);
    g_object_unref(out);
    g_free(data);
}

/* copy_tree - every child of `from` into `to`, storages recursively */
static void copy_tree(copy_state *c, GsfInfile *from, GsfOutfile *to, int depth)
{
    if (depth > MAX_DEPTH) {
        c->failed = dk_fail(c->reason, "the embedded object nests deeper than %d storages",
                            MAX_DEPTH);
        return;
    }
    int n = gsf_infile_num_children(from);
    for (int i = 0; i < n && !c->failed; i++) {
        const char *name = gsf_infile_name_by_index(from, i);
        GsfInput *child = gsf_infile_child_by_index(from, i);
        if (name == NULL || child == NULL) {
            if (child != NULL)
                g_object_unref(child);
            continue;
        }
        if (msg_storage(child) != NULL) {
            GsfOutput *sub = gsf_outfile_new_child(to, name, TRUE);
            copy_tree(c, msg_storage(child), GSF_OUTFILE(sub), depth + 1);
            gsf_output_close(sub);
            g_object_unref(sub);
        } else {
            copy_stream(c, child, to, name, depth == 0);
        }
        g_object_unref(child);
    }
}

/* msg_copy_storage - write the tree into a memory compound file */
unsigned char *msg_copy_storage(GsfInfile *dir, bool message, size_t budget, size_t *len,
                                char **reason)
{
    GsfOutput *mem = gsf_output_memory_new();
    GsfOutfile *out = gsf_outfile_msole_new(mem);
    copy_state c = {budget, message, reason, 0};
    copy_tree(&c, dir, out, 0);
    gsf_output_close(GSF_OUTPUT(out)); /* closes mem as well */
    g_object_unref(out);
    unsigned char *bytes = NULL;
    if (!c.failed) {
        *len = (size_t)gsf_output_size(mem);
        bytes = g_memdup2(gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(mem)), *len);
    }
    g_object_unref(mem);
    return bytes;
}
