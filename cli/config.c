/*
 * config.c - dokaz.conf's keys and what they set (see config.h).
 *
 * A service key is applied by the very function that applies its option
 * (service_option), so the file and the command line cannot disagree on
 * what a value means.
 *
 * Functions: cli_config_data_option, cli_config_load, cli_check_hours,
 * cli_config_apply, cli_config_free.
 */
#include "config.h"
#include "cli.h"
#include "service_options.h"
#include "ingest/collection.h"
#include "common/fsutil.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The keys that set a service option, by the option's code. */
static const struct {
    const char *key;
    int opt;
} service_keys[] = {
    {"workers", OPT_WORKERS},
    {"lang", OPT_LANG},
    {"timeout", OPT_TIMEOUT},
    {"worker-memory", OPT_WORKER_MEMORY},
    {"settle", OPT_SETTLE},
    {"poll", OPT_POLL},
    {"max-depth", OPT_MAX_DEPTH},
    {"max-members", OPT_MAX_MEMBERS},
    {"max-expanded", OPT_MAX_EXPANDED},
    {"max-ratio", OPT_MAX_RATIO},
};

/* The keys of the web interface and the rest. */
static const char *const web_keys[] = {"listen",       "tls-cert", "tls-key",         "server-name",
                                       "session-idle", "threads",  "batch-time-limit"};
static const char *const other_keys[] = {"data", "inbox", "web", "collection", "verify-every"};

/* cli_config_data_option - scan argv for --data */
const char *cli_config_data_option(int argc, char **argv)
{
    const char *found = NULL;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            found = argv[++i];
        else if (strncmp(argv[i], "--data=", 7) == 0)
            found = argv[i] + 7;
    }
    return found;
}

/* last_value - the value of the last line setting key, or NULL */
static const char *last_value(const service_settings *s, const char *key)
{
    for (size_t i = s->n; i > 0; i--)
        if (strcmp(s->list[i - 1].key, key) == 0)
            return s->list[i - 1].value;
    return NULL;
}

/* collect - the inboxes and collection rules of the settings */
static void collect(cli_config *c)
{
    GPtrArray *inboxes = g_ptr_array_new();
    for (size_t i = 0; i < c->settings.n; i++) {
        const service_setting *st = &c->settings.list[i];
        if (strcmp(st->key, "verify-every") == 0) {
            c->verify_every = st->value;
        } else if (strcmp(st->key, "inbox") == 0) {
            g_ptr_array_add(inboxes, g_strdup(st->value));
        } else if (strcmp(st->key, "collection") == 0) {
            c->rules = g_renew(collection_rule, c->rules, c->nrules + 1);
            c->rules[c->nrules++] = (collection_rule){st->arg, st->value};
        }
    }
    g_ptr_array_add(inboxes, NULL);
    c->inboxes = (char **)g_ptr_array_free(inboxes, FALSE);
}

/* cli_config_load - the system file, the data directory, its own file */
int cli_config_load(const char *cmd, const char *data_option, cli_config *c)
{
    memset(c, 0, sizeof *c);
    const char *system = getenv("DOKAZ_CONFIG");
    char *err = NULL;
    if (service_settings_load(system && *system ? system : SERVICE_CONF_SYSTEM, &c->settings,
                              &err) != 0) {
        fprintf(stderr, "dokaz %s: %s\n", cmd, err);
        free(err);
        return EXIT_USAGE;
    }
    const char *data = data_option;
    if (data == NULL || *data == '\0')
        data = getenv("DOKAZ_DATA");
    if (data == NULL || *data == '\0')
        data = last_value(&c->settings, "data");
    c->data_dir = cli_data_dir(data);
    char *own = fs_join(c->data_dir, SERVICE_CONF_NAME);
    int rc = service_settings_load(own, &c->settings, &err);
    free(own);
    if (rc != 0) {
        fprintf(stderr, "dokaz %s: %s\n", cmd, err);
        free(err);
        return EXIT_USAGE;
    }
    collect(c);
    return EXIT_OK;
}

/* cli_check_hours - strtod, 0 or above */
int cli_check_hours(const char *cmd, const char *text)
{
    char *end = NULL;
    double h = g_ascii_strtod(text, &end);
    if (end == text || *end != '\0' || !(h >= 0 && h < 1e6))
        return cli_usage_error(cmd, "verify-every takes a number of hours (0: never), not '%s'",
                               text);
    return 0;
}

/* in - 1 if key is one of the n words */
static int in(const char *key, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, words[i]) == 0)
            return 1;
    return 0;
}

/* web_setting - one key of the web interface into web; 0, or the exit code */
static int web_setting(const char *cmd, const service_setting *st, web_config *web)
{
    long v = 0;
    if (strcmp(st->key, "listen") == 0)
        web->listen = st->value;
    else if (strcmp(st->key, "tls-cert") == 0)
        web->tls_cert = st->value;
    else if (strcmp(st->key, "tls-key") == 0)
        web->tls_key = st->value;
    else if (strcmp(st->key, "server-name") == 0)
        web->server_name = st->value;
    else if (strcmp(st->key, "threads") == 0 && cli_parse_int(st->value, 1, 64, &v) == 0)
        web->threads = (int)v;
    else if (strcmp(st->key, "session-idle") == 0 &&
             cli_parse_int(st->value, 1, 7L * 24 * 3600, &v) == 0)
        web->session_idle_s = v;
    else if (strcmp(st->key, "batch-time-limit") == 0)
        return cli_parse_seconds(cmd, st->key, st->value, &web->batch_time_s);
    else
        return cli_usage_error(cmd, "%s needs a whole number, not '%s'", st->key, st->value);
    return 0;
}

/* other_setting - data, inbox, web, collection, verify-every; 0, or the exit code */
static int other_setting(const char *cmd, const service_setting *st, int *web_on)
{
    if (strcmp(st->key, "inbox") == 0 && st->value[0] != '/')
        return cli_usage_error(cmd, "inbox needs an absolute folder, not '%s'", st->value);
    if (strcmp(st->key, "collection") == 0 && !collection_name_valid(st->value))
        return cli_usage_error(cmd, "'%s' cannot name a collection", st->value);
    if (strcmp(st->key, "verify-every") == 0 && cli_check_hours(cmd, st->value) != 0)
        return EXIT_USAGE;
    if (strcmp(st->key, "web") == 0) {
        int yes = strcmp(st->value, "yes") == 0, no = strcmp(st->value, "no") == 0;
        if (!yes && !no)
            return cli_usage_error(cmd, "web is yes or no, not '%s'", st->value);
        if (web_on)
            *web_on = yes;
    }
    return 0;
}

/* apply_one - one setting; 0, the exit code after a bad value's message, or
 * -1 after an unknown key's (with its file and line) */
static int apply_one(const char *cmd, const service_setting *st, service_config *svc,
                     web_config *web, int *web_on)
{
    for (size_t k = 0; k < G_N_ELEMENTS(service_keys); k++) {
        if (strcmp(st->key, service_keys[k].key) != 0)
            continue;
        service_config scratch;
        const char *data = NULL;
        int verbose = 0;
        if (svc == NULL)
            service_default_config(&scratch);
        return service_option(cmd, service_keys[k].opt, st->value, svc ? svc : &scratch, &data,
                              &verbose);
    }
    if (in(st->key, web_keys, G_N_ELEMENTS(web_keys))) {
        web_config scratch;
        web_default_config(&scratch);
        return web_setting(cmd, st, web ? web : &scratch);
    }
    if (in(st->key, other_keys, G_N_ELEMENTS(other_keys)))
        return other_setting(cmd, st, web_on);
    fprintf(stderr, "dokaz %s: %s line %d: unknown key '%s' (see 'dokaz config --help')\n", cmd,
            st->file, st->line, st->key);
    return -1;
}

/* cli_config_apply - every setting in order; the first bad one stops */
int cli_config_apply(const char *cmd, const cli_config *c, service_config *svc, web_config *web,
                     int *web_on)
{
    for (size_t i = 0; i < c->settings.n; i++) {
        const service_setting *st = &c->settings.list[i];
        int rc = apply_one(cmd, st, svc, web, web_on);
        if (rc > 0) /* a bad value: its message is out, say where it stands */
            fprintf(stderr, "  (%s line %d: %s = %s)\n", st->file, st->line, st->key, st->value);
        if (rc != 0)
            return EXIT_USAGE;
    }
    if (svc != NULL) {
        svc->collections = c->rules;
        svc->ncollections = c->nrules;
    }
    return 0;
}

/* cli_config_free - the settings and what was collected from them */
void cli_config_free(cli_config *c)
{
    service_settings_free(&c->settings);
    g_strfreev(c->inboxes);
    g_free(c->rules);
    free(c->data_dir);
    memset(c, 0, sizeof *c);
}
