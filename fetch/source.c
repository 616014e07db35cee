/*
 * source.c - where a shard's files are, from DATA/shards.conf (see fetch.h):
 * a "files NAME = local DIR | ssh HOST DIR" line, else the shard line's own
 * place (`local DIR/index`: DIR; `remote ssh HOST DATA`: HOST and DATA).
 *
 * Functions: fetch_source_find, fetch_source_clear.
 */
#include "fetch/fetch_private.h"
#include "common/error.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* in_folder - path, relative to the configuration's folder (g_free) */
static char *in_folder(const char *conf_dir, const char *path)
{
    return g_path_is_absolute(path) ? g_strdup(path) : g_build_filename(conf_dir, path, NULL);
}

/* set_ssh - SOURCE_SSH to host and dir, or -1 for a host ssh would read as an option */
static int set_ssh(fetch_source *src, const char *host, const char *dir, char **why)
{
    if (host[0] == '\0' || host[0] == '-' || dir[0] == '\0')
        return dk_fail(why, "not a host and a folder: \"%s\" \"%s\"", host, dir);
    *src = (fetch_source){SOURCE_SSH, g_strdup(host), g_strdup(dir)};
    return 0;
}

/* files_line - "files NAME = local DIR | ssh HOST DIR" into *src */
static int files_line(const char *conf_dir, char **w, int n, fetch_source *src, char **why)
{
    fetch_source_clear(src);
    if (n == 5 && strcmp(w[3], FETCH_WORD_LOCAL) == 0) {
        *src = (fetch_source){SOURCE_LOCAL, NULL, in_folder(conf_dir, w[4])};
        return 0;
    }
    if (n == 6 && strcmp(w[3], FETCH_WORD_SSH) == 0)
        return set_ssh(src, w[4], w[5], why);
    return dk_fail(why, "expected \"files NAME = local DIR\" or \"files NAME = ssh HOST DIR\"");
}

/* shard_line - what "shard NAME = local DIR/index | remote ssh HOST DATA" implies */
static void shard_line(const char *conf_dir, char **w, int n, fetch_source *src)
{
    if (n == 5 && strcmp(w[3], "local") == 0) {
        char *index = in_folder(conf_dir, w[4]), *base = g_path_get_basename(index);
        if (strcmp(base, "index") == 0)
            *src = (fetch_source){SOURCE_LOCAL, NULL, g_path_get_dirname(index)};
        g_free(base);
        g_free(index);
    } else if (n == 7 && strcmp(w[3], "remote") == 0 && strcmp(w[4], "ssh") == 0) {
        set_ssh(src, w[5], w[6], NULL);
    }
}

/* fetch_source_find - the files line wins over the shard line */
int fetch_source_find(const char *conf, const char *name, fetch_source *src, char **err)
{
    *src = (fetch_source){0};
    char *text = NULL;
    GError *gerr = NULL;
    if (!g_file_get_contents(conf, &text, NULL, &gerr)) {
        dk_fail(err, "cannot read %s: %s", conf, gerr->message);
        g_error_free(gerr);
        return -1;
    }
    char *conf_dir = g_path_get_dirname(conf), **lines = g_strsplit(text, "\n", -1);
    fetch_source implied = {0}, given = {0}; /* by the shard line, by a files line */
    int rc = 0, has_files = 0;
    for (int i = 0; rc == 0 && lines[i] != NULL; i++) {
        char **w = NULL, *why = NULL;
        int n = 0;
        g_strstrip(lines[i]);
        if (lines[i][0] != '\0' && lines[i][0] != '#' &&
            g_shell_parse_argv(lines[i], &n, &w, NULL) && n >= 4 && strcmp(w[1], name) == 0 &&
            strcmp(w[2], "=") == 0) {
            if (strcmp(w[0], FETCH_WORD_FILES) == 0) {
                rc = files_line(conf_dir, w, n, &given, &why);
                has_files = 1;
            } else if (strcmp(w[0], "shard") == 0) {
                fetch_source_clear(&implied);
                shard_line(conf_dir, w, n, &implied);
            }
        }
        if (rc < 0)
            dk_fail(err, "%s line %d: %s", conf, i + 1, why ? why : "?");
        free(why);
        g_strfreev(w);
    }
    fetch_source *chosen = has_files ? &given : &implied;
    if (rc == 0) { /* handed over */
        *src = *chosen;
        *chosen = (fetch_source){0};
    }
    fetch_source_clear(&given);
    fetch_source_clear(&implied);
    g_strfreev(lines);
    g_free(conf_dir);
    g_free(text);
    return rc;
}

/* fetch_source_clear - host and dir */
void fetch_source_clear(fetch_source *src)
{
    g_free(src->host);
    g_free(src->dir);
    *src = (fetch_source){0};
}
