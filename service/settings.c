/*
 * settings.c - reading dokaz.conf (see service.h): `key = value` lines,
 * '#' comments and blank lines; `collection FOLDER = NAME` names a folder's
 * collection. The meaning of each key is the command line's (cli/).
 *
 * Functions: service_settings_load, service_settings_free.
 */
#include "service/service.h"
#include "common/error.h"
#include "common/fsutil.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define COLLECTION_KEY "collection"

/* key_valid - lower-case letters, digits and '-' */
static int key_valid(const char *key)
{
    if (*key == '\0')
        return 0;
    for (const char *p = key; *p; p++)
        if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '-')
            return 0;
    return 1;
}

/* parse_line - one non-blank, non-comment line into *out; -1 with *err */
static int parse_line(char *text, service_setting *out, char **err)
{
    char *eq = strchr(text, '=');
    if (eq == NULL)
        return dk_fail(err, "'%s' is no setting: write key = value", text);
    *eq = '\0';
    char *left = g_strstrip(text), *value = g_strstrip(eq + 1);
    char *arg = NULL;
    if (strncmp(left, COLLECTION_KEY, strlen(COLLECTION_KEY)) == 0 &&
        g_ascii_isspace(left[strlen(COLLECTION_KEY)])) {
        arg = g_strstrip(left + strlen(COLLECTION_KEY) + 1);
        left[strlen(COLLECTION_KEY)] = '\0';
        if (*arg != '/')
            return dk_fail(err, "collection needs an absolute folder: collection /path = NAME");
    }
    if (!key_valid(left))
        return dk_fail(err, "'%s' is no key: keys are words such as workers or listen", left);
    if (strcmp(left, COLLECTION_KEY) == 0 && arg == NULL)
        return dk_fail(err, "collection needs a folder: collection /path = NAME");
    if (*value == '\0')
        return dk_fail(err, "%s has no value", left);
    out->key = g_strdup(left);
    out->arg = g_strdup(arg);
    out->value = g_strdup(value);
    return 0;
}

/* service_settings_load - read, split in lines, parse each */
int service_settings_load(const char *path, service_settings *s, char **err)
{
    char *data = NULL, *why = NULL;
    if (fs_read_all(path, &data, NULL, &why) != 0) {
        int missing = !fs_exists(path);
        if (!missing)
            dk_fail(err, "%s", why);
        free(why);
        return missing ? 0 : -1;
    }
    guint nfiles = s->files ? g_strv_length(s->files) : 0;
    s->files = g_renew(char *, s->files, nfiles + 2);
    s->files[nfiles] = g_strdup(path);
    s->files[nfiles + 1] = NULL;
    char **lines = g_strsplit(data, "\n", -1);
    free(data);
    int rc = 0;
    for (int i = 0; rc == 0 && lines[i]; i++) {
        char *text = g_strstrip(lines[i]);
        if (*text == '\0' || *text == '#')
            continue;
        service_setting one = {.line = i + 1, .file = s->files[nfiles]};
        if (parse_line(text, &one, &why) != 0) {
            rc = dk_fail(err, "%s line %d: %s", path, i + 1, why);
            free(why);
            continue;
        }
        s->list = g_renew(service_setting, s->list, s->n + 1);
        s->list[s->n++] = one;
    }
    g_strfreev(lines);
    return rc;
}

/* service_settings_free - every string */
void service_settings_free(service_settings *s)
{
    for (size_t i = 0; i < s->n; i++) {
        g_free(s->list[i].key);
        g_free(s->list[i].arg);
        g_free(s->list[i].value);
    }
    g_free(s->list);
    g_strfreev(s->files);
    memset(s, 0, sizeof *s);
}
