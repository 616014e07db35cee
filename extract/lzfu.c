/*
 * lzfu.c - Outlook's compressed RTF ([MS-OXRTFCP]), inflated to RTF.
 *
 * An Outlook message often keeps its body only as PR_RTF_COMPRESSED: a
 * 16-byte header (compressed size, raw size, the magic "LZFu" or "MELA" for
 * stored, a CRC) and then LZ77 tokens in groups of eight, each group led by
 * a control byte whose bits (lowest first) say literal byte (0) or a
 * two-byte big-endian reference (1): a 12-bit position in a 4096-byte ring
 * and a 4-bit length less two. The ring starts filled with a fixed RTF
 * prelude, and a reference to the current write position ends the stream.
 * The output is capped at `max` bytes and at the raw size the header
 * declares, whichever is smaller; a truncated stream gives what it holds.
 *
 * Functions: extract_lzfu_inflate.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#define RING 4096

/* The dictionary's initial contents, from [MS-OXRTFCP] 2.1.2.1. */
static const char prelude[] = "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil "
                              "\\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans "
                              "SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0"
                              "\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";
_Static_assert(sizeof prelude - 1 == 207, "the prelude is 207 bytes long");

/* le32 - a little-endian header field */
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* inflate - the tokens after the header into out, until the end marker,
 * the end of the input or `limit` bytes */
static void inflate(const unsigned char *p, size_t n, size_t limit, GByteArray *out)
{
    unsigned char ring[RING];
    size_t fill = sizeof prelude - 1;
    memset(ring, 0, sizeof ring);
    memcpy(ring, prelude, fill);
    size_t write = fill, i = 0;
    while (i < n && out->len < limit) {
        unsigned control = p[i++];
        for (int bit = 0; bit < 8 && i < n && out->len < limit; bit++) {
            if (!(control & (1u << bit))) {
                ring[write] = p[i];
                write = (write + 1) % RING;
                g_byte_array_append(out, p + i, 1);
                i++;
                continue;
            }
            if (i + 2 > n)
                return;
            unsigned ref = (unsigned)p[i] << 8 | p[i + 1];
            i += 2;
            size_t from = ref >> 4, length = (ref & 0x0F) + 2;
            if (from == write)
                return; /* the end marker */
            for (size_t k = 0; k < length && out->len < limit; k++) {
                unsigned char c = ring[(from + k) % RING];
                ring[write] = c;
                write = (write + 1) % RING;
                g_byte_array_append(out, &c, 1);
            }
        }
    }
}

/* extract_lzfu_inflate - header checked, then stored or inflated bytes */
unsigned char *extract_lzfu_inflate(const unsigned char *data, size_t size, size_t max,
                                    size_t *out_len, char **reason)
{
    if (size < 16) {
        dk_fail(reason, "the compressed RTF is shorter than its header");
        return NULL;
    }
    size_t raw = le32(data + 4), limit = raw < max ? raw : max;
    size_t body = size - 16;
    size_t declared = le32(data) >= 12 ? le32(data) - 12 : 0;
    if (declared < body)
        body = declared; /* padding after the stream is not part of it */
    GByteArray *out = g_byte_array_new();
    if (memcmp(data + 8, "MELA", 4) == 0) {
        g_byte_array_append(out, data + 16, (guint)(body < limit ? body : limit));
    } else if (memcmp(data + 8, "LZFu", 4) == 0) {
        inflate(data + 16, body, limit, out);
    } else {
        g_byte_array_free(out, TRUE);
        dk_fail(reason, "the compressed RTF has neither the LZFu nor the MELA signature");
        return NULL;
    }
    *out_len = out->len;
    return g_byte_array_free(out, FALSE);
}
