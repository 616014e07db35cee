/*
 * evidence_name.c - where an original lives in the evidence store, and what
 * its name looks like (see evidence.h). Apart from the storing and checking
 * (evidence.c), so that the light `dokaz` (cli/meson.build), which only
 * names originals, links no OpenSSL.
 *
 * Functions: evidence_is_sha256, evidence_path.
 */
#include "evidence.h"
#include "common/xalloc.h"

/* evidence_is_sha256 - 64 lower-case hex digits */
int evidence_is_sha256(const char *s)
{
    size_t n = 0;
    for (; s && s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return 0;
    return n == 64;
}

/* evidence_path - DATA/evidence/ab/<sha> */
char *evidence_path(const char *data_dir, const char *sha256)
{
    return xasprintf("%s/evidence/%.2s/%s", data_dir, sha256, sha256);
}
