/*
 * verify_tokens.c - the kept time-stamp tokens: each still matches its
 * request (and its authority's signature, when a CA was given at import),
 * and stamps a line the audit log still has (see custody_private.h).
 *
 * Functions: vf_tokens.
 */
#include "custody_private.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* check_token - one DATA/timestamps/<head>.tsr */
static void check_token(vf_state *v, const char *name)
{
    char *rel = xasprintf("timestamps/%s", name), *path = fs_join(v->data_dir, rel);
    char head[65] = "", *why = NULL;
    v->sum->tokens++;
    if (ts_check(v->data_dir, path, head, &why) != 0)
        vf_problem(v, NULL, rel, "%s", why);
    else if (!g_hash_table_contains(v->line_hashes, head))
        vf_problem(v, NULL, rel,
                   "stamps the log's head %.16s…, a line the log no longer has: the log was "
                   "truncated or rewritten",
                   head);
    free(why);
    free(path);
    free(rel);
}

/* vf_tokens - every .tsr in the folder */
void vf_tokens(vf_state *v)
{
    char *dir = fs_join(v->data_dir, "timestamps");
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".tsr") == 0)
            check_token(v, e->d_name);
    }
    if (d)
        closedir(d);
    free(dir);
}
