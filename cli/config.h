/*
 * config.h - dokaz.conf for the commands that run the service or the web
 * interface (watch, ingest, serve) and for `dokaz config check`: which keys
 * exist, what each sets, and where the data directory is.
 *
 * Every option of `watch` and `serve` has a key of the same name (workers,
 * lang, listen, tls-cert, verify-every...), plus data, inbox (one line per
 * inbox), web (yes/no) and `collection FOLDER = NAME`. /etc/dokaz/dokaz.conf (or
 * $DOKAZ_CONFIG) is read first, then DATA/dokaz.conf; a later line
 * overrides an earlier one, and the command line overrides them all.
 */
#ifndef DOKAZ_CLI_CONFIG_H
#define DOKAZ_CLI_CONFIG_H

#include "service/service.h"
#include "web/web.h"

/* What was read; owns every string the configs it fills point to, so it
 * must outlive them. Freed with cli_config_free. */
typedef struct {
    service_settings settings;
    char *data_dir;         /* absolute: --data, $DOKAZ_DATA, `data`, ./dokaz-data */
    char **inboxes;         /* absolute, from `inbox` lines (g_strfreev vector) */
    collection_rule *rules; /* from `collection FOLDER = NAME` lines */
    size_t nrules;
    const char *verify_every; /* the last `verify-every` (hours), or NULL */
} cli_config;

/* cli_config_data_option - the value of --data DIR or --data=DIR in argv
 * (before any "--"), or NULL: the data directory must be known before the
 * options are parsed, to read DATA/dokaz.conf */
const char *cli_config_data_option(int argc, char **argv);

/* cli_config_load - read the configuration files; 0, or the exit code after
 * printing the error (file and line) */
int cli_config_load(const char *cmd, const char *data_option, cli_config *c);

/* cli_config_apply - set what the settings say into svc, web and *web_on
 * (any may be NULL: a command ignores the keys it has no use for); svc
 * gets the collection rules. Fails (printing file, line and why; returns
 * the exit code) on an unknown key or a bad value. */
int cli_config_apply(const char *cmd, const cli_config *c, service_config *svc, web_config *web,
                     int *web_on);

/* cli_check_hours - a number of hours for verify-every: 0 (never) or more;
 * 0, or EXIT_USAGE after saying what it takes */
int cli_check_hours(const char *cmd, const char *text);

/* cli_config_free - everything */
void cli_config_free(cli_config *c);

#endif
