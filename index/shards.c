/*
 * shards.c - several machines' indexes searched as one: DATA/shards.conf
 * names the shards, each opened on its own through Xapian (a local
 * directory, xapian-tcpsrv, or xapian-progsrv over ssh or another pipe), and
 * those that answer are added to one database (xc_db_add). Xapian then ranks
 * across them as if they were one index. A shard that does not answer is
 * named, never fatal: the search runs on the others.
 *
 * One shard a line, '#' starts a comment, words as in a shell:
 *
 *   shard A = local /srv/dokaz/index            (relative: to the file's folder)
 *   shard B = remote tcp 10.0.0.2 33333          (xapian-tcpsrv --port 33333 ...)
 *   shard C = remote ssh node3 /srv/dokaz        (ssh node3 xapian-progsrv /srv/dokaz/index)
 *   shard D = remote pipe PROGRAM ARGS...        (any program speaking progsrv's protocol)
 *
 * Lines "files NAME = ..." say where a shard's originals are; fetch/ reads
 * them, the index skips them.
 *
 * Functions: ix_shards_conf, ix_shards_open.
 */
#include "index/shards.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SHARD_TIMEOUT_MS 5000 /* connecting, and each exchange with a remote shard */
#define PROGSRV "xapian-progsrv"

/* ix_shards_conf - DATA/shards.conf beside DATA/index, if it exists */
char *ix_shards_conf(const char *index_dir)
{
    char *data = g_path_get_dirname(index_dir);
    char *conf = g_build_filename(data, IX_SHARDS_CONF, NULL);
    g_free(data);
    char *found = access(conf, F_OK) == 0 ? xstrdup(conf) : NULL;
    g_free(conf);
    return found;
}

/* open_local - a directory, relative to the configuration's folder */
static xc_db *open_local(const char *conf_dir, const char *path, char **err)
{
    char *full = g_path_is_absolute(path) ? g_strdup(path) : g_build_filename(conf_dir, path, NULL);
    xc_db *db = xc_db_open(full, NULL, err);
    g_free(full);
    return db;
}

/* open_remote - tcp HOST PORT, ssh HOST DATA, pipe PROGRAM ARGS...; *wrong
 * set when the words are wrong, not the shard */
static xc_db *open_remote(char **w, int n, int *wrong, char **err)
{
    *wrong = 1;
    if (n == 3 && strcmp(w[0], "tcp") == 0) {
        char *end = NULL;
        unsigned long port = strtoul(w[2], &end, 10);
        if (*end != '\0' || port == 0 || port > 65535) {
            dk_fail(err, "not a port: \"%s\"", w[2]);
            return NULL;
        }
        *wrong = 0;
        return xc_db_open_tcp(w[1], (unsigned)port, SHARD_TIMEOUT_MS, err);
    }
    if (n == 3 && strcmp(w[0], "ssh") == 0) {
        *wrong = 0;
        char *index = g_build_filename(w[2], "index", NULL);
        char *args = g_strdup_printf("-o BatchMode=yes %s " PROGSRV " %s", w[1], index);
        xc_db *db = xc_db_open_program("ssh", args, SHARD_TIMEOUT_MS, err);
        g_free(args);
        g_free(index);
        return db;
    }
    if (n >= 2 && strcmp(w[0], "pipe") == 0) {
        *wrong = 0;
        char *args = g_strjoinv(" ", w + 2);
        xc_db *db = xc_db_open_program(w[1], args, SHARD_TIMEOUT_MS, err);
        g_free(args);
        return db;
    }
    dk_fail(err, "use remote tcp HOST PORT, remote ssh HOST DATA or remote pipe PROGRAM ARGS");
    return NULL;
}

/* open_line - one "shard NAME = local|remote ..." line: 1 and *db when the
 * shard answered, 0 and *why when it did not, -1 when the line is wrong */
static int open_line(const char *conf_dir, char **w, int n, xc_db **db, char **why)
{
    if (n < 5 || strcmp(w[0], "shard") != 0 || strcmp(w[2], "=") != 0 ||
        (strcmp(w[3], "local") != 0 && strcmp(w[3], "remote") != 0))
        return dk_fail(why, "expected \"shard NAME = local PATH\" or \"shard NAME = remote ...\"");
    if (strcmp(w[3], "local") == 0 && n != 5)
        return dk_fail(why, "expected \"shard NAME = local PATH\"");
    int wrong = 0;
    *db = strcmp(w[3], "local") == 0 ? open_local(conf_dir, w[4], why)
                                     : open_remote(w + 4, n - 4, &wrong, why);
    return wrong ? -1 : *db != NULL ? 1 : 0;
}

/* add_failure - "shard NAME: why" onto the list of failures */
static void add_failure(GString *failed, const char *name, const char *why)
{
    g_string_append_printf(failed, "%sshard %s: %s", failed->len > 0 ? "; " : "", name,
                           why ? why : "no answer");
}

/* ix_shards_open - each line, each shard on its own */
xc_db *ix_shards_open(const char *conf, ix_shards_status *st, char **err)
{
    *st = (ix_shards_status){0};
    char *text = NULL;
    GError *gerr = NULL;
    if (!g_file_get_contents(conf, &text, NULL, &gerr)) {
        dk_fail(err, "cannot read %s: %s", conf, gerr->message);
        g_error_free(gerr);
        return NULL;
    }
    char *conf_dir = g_path_get_dirname(conf), **lines = g_strsplit(text, "\n", -1);
    GString *failed = g_string_new(NULL);
    GPtrArray *names = g_ptr_array_new();
    xc_db *all = xc_db_new_empty(err);
    for (int i = 0; all != NULL && lines[i] != NULL; i++) {
        char **w = NULL, *why = NULL;
        int n = 0;
        g_strstrip(lines[i]);
        if (lines[i][0] == '\0' || lines[i][0] == '#' ||
            strncmp(lines[i], IX_FILES_WORD " ", strlen(IX_FILES_WORD " ")) == 0)
            continue; /* a shard's files (fetch/) are not the index's business */
        if (!g_shell_parse_argv(lines[i], &n, &w, NULL))
            dk_fail(&why, "cannot split the line into words");
        xc_db *db = NULL;
        int rc = w != NULL ? open_line(conf_dir, w, n, &db, &why) : -1;
        if (rc < 0) {
            dk_fail(err, "%s line %d: %s", conf, i + 1, why ? why : "?");
            xc_db_close(all);
            all = NULL;
        } else {
            st->named++;
            if (rc == 0)
                add_failure(failed, w[1], why);
            else if (xc_db_add(all, db, &why) == 0)
                g_ptr_array_add(names, g_strdup(w[1]));
            else
                add_failure(failed, w[1], why);
        }
        xc_db_close(db);
        free(why);
        g_strfreev(w);
    }
    if (all != NULL && st->named == 0) {
        dk_fail(err, "%s names no shard", conf);
        xc_db_close(all);
        all = NULL;
    }
    st->failed = all != NULL && failed->len > 0 ? xstrdup(failed->str) : NULL;
    st->answered = (int)names->len;
    g_ptr_array_add(names, NULL);
    st->names = (char **)g_ptr_array_free(names, FALSE);
    if (all == NULL) {
        g_strfreev(st->names);
        st->names = NULL;
    }
    g_string_free(failed, TRUE);
    g_strfreev(lines);
    g_free(conf_dir);
    g_free(text);
    return all;
}
