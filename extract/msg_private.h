/*
 * msg_private.h - what msg.c shares with the files that read and copy an
 * Outlook message's properties (msg_props.c, msg_copy.c).
 *
 * An Outlook .msg ([MS-OXMSG]) is a compound file read with libgsf: the
 * message, each recipient and each attachment is a storage (GsfInfile)
 * whose MAPI properties are streams "__substg1.0_IIIITTTT" (strings,
 * binary) or 16-byte entries of its "__properties_version1.0" stream
 * (numbers, times) after a header whose length depends on the object.
 * Every GsfInput handed out here is the caller's to g_object_unref.
 */
#ifndef DOKAZ_MSG_PRIVATE_H
#define DOKAZ_MSG_PRIVATE_H

#include <gsf/gsf-infile.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Property types ([MS-OXCDATA] 2.11.1). */
#define MSG_PT_LONG 0x0003
#define MSG_PT_OBJECT 0x000D
#define MSG_PT_STRING8 0x001E
#define MSG_PT_UNICODE 0x001F
#define MSG_PT_SYSTIME 0x0040
#define MSG_PT_BINARY 0x0102

/* Length of the properties stream's header, by object ([MS-OXMSG] 2.4). */
#define MSG_HEADER_TOP 32
#define MSG_HEADER_EMBEDDED 24
#define MSG_HEADER_CHILD 8 /* recipients and attachments */

/* Largest property value we read into memory (a body, an HTML or RTF text). */
#define MSG_MAX_VALUE ((size_t)64 * 1024 * 1024)

/* Storage name prefixes of recipients and attachments. */
#define MSG_RECIPIENT_PREFIX "__recip_version1.0_#"
#define MSG_ATTACHMENT_PREFIX "__attach_version1.0_#"
#define MSG_PROPERTIES "__properties_version1.0"

/* msg_storage - `in` as a storage, NULL when it is a stream (libgsf's
 * compound-file reader makes every entry a GsfInfile; a stream has -1 children) */
GsfInfile *msg_storage(GsfInput *in);

/* msg_prop_stream - the stream of property `id` of `type`, or NULL */
GsfInput *msg_prop_stream(GsfInfile *dir, unsigned id, unsigned type);

/* msg_read_all - the rest of a stream, at most `max` bytes (g_free; *len set);
 * NULL when it cannot be read or is longer */
unsigned char *msg_read_all(GsfInput *in, size_t max, size_t *len);

/* msg_prop_bytes - property `id` of `type` read whole (g_free), NULL if absent */
unsigned char *msg_prop_bytes(GsfInfile *dir, unsigned id, unsigned type, size_t *len);

/* msg_prop_string - string property `id` as UTF-8 (g_free): the Unicode
 * form, else the 8-bit one in `codepage` (0: guessed); NULL if absent or "" */
char *msg_prop_string(GsfInfile *dir, unsigned id, int codepage);

/* msg_prop_fixed - a fixed-size property's 8 value bytes as a number (little
 * endian) from the properties stream with a `header`-byte header */
bool msg_prop_fixed(GsfInfile *dir, size_t header, unsigned id, unsigned type, uint64_t *value);

/* msg_filetime - a FILETIME (100 ns since 1601, UTC) as ISO 8601 (g_free), NULL if absurd */
char *msg_filetime(uint64_t filetime);

/* msg_copy_storage - the storage `dir` as a compound file of its own, in
 * memory (g_free; *len set): an embedded message (`message`: its properties
 * header, MSG_HEADER_EMBEDDED long, gets the top-level length) becomes a
 * .msg, an embedded OLE object (a Word document) the file it was. At most
 * `budget` bytes are copied (a hostile file can point many streams at the
 * same sectors); NULL with *reason when over it or unreadable. */
unsigned char *msg_copy_storage(GsfInfile *dir, bool message, size_t budget, size_t *len,
                                char **reason);

#endif
