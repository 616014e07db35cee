/*
 * share.c - a node's deterministic share of a shared folder, --share K/N
 * (see accept.h): a file is this node's when a hash of its path, relative
 * to the folder, falls to K of N, so several machines split one read-only
 * input with no coordinator. Apart from accept.c, and hashed with GLib
 * rather than OpenSSL (a path is short; SHA-256 is the same either way), so
 * that the light `dokaz` (cli/meson.build), which parses the option, links
 * neither the rest of receiving nor libcrypto (3 ms of every start).
 *
 * Functions: accept_parse_share, accept_in_share.
 */
#include "accept.h"

#include <assert.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* accept_parse_share - K/N */
int accept_parse_share(const char *text, unsigned *k, unsigned *n)
{
    char *end = NULL;
    unsigned long kk = strtoul(text, &end, 10), nn = 0;
    if (end == text || *end != '/')
        return -1;
    const char *rest = end + 1;
    nn = strtoul(rest, &end, 10);
    if (end == rest || *end != '\0' || kk < 1 || nn < 1 || kk > nn || nn > 65536)
        return -1;
    *k = (unsigned)kk;
    *n = (unsigned)nn;
    return 0;
}

/* accept_in_share - the first 4 bytes of SHA-256(rel_path), modulo n, are k - 1 */
int accept_in_share(const char *rel_path, unsigned k, unsigned n)
{
    if (n == 0)
        return 1;
    guint8 digest[32];
    gsize len = sizeof digest;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *)rel_path, (gssize)strlen(rel_path));
    g_checksum_get_digest(sum, digest, &len);
    g_checksum_free(sum);
    assert(len == sizeof digest);
    guint32 h = ((guint32)digest[0] << 24) | ((guint32)digest[1] << 16) |
                ((guint32)digest[2] << 8) | digest[3];
    return h % n == k - 1;
}
