/*
 * cmd_config.c - `dokaz config check`: read dokaz.conf as watch, ingest and
 * serve would, and say what is wrong, with the file and line.
 *
 * Functions: cmd_config.
 */
#include "cli.h"
#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz config check [--data DIR]\n"
    "\n"
    "Check the configuration files as 'dokaz watch', 'ingest' and 'serve' read them:\n"
    "/etc/dokaz/dokaz.conf (or the file $DOKAZ_CONFIG names), then DATA/dokaz.conf.\n"
    "Each line is 'key = value'; '#' starts a comment line. A later line overrides an\n"
    "earlier one, and a command-line option overrides both. An unknown key or a bad\n"
    "value is an error, reported with its file and line (exit status 2).\n"
    "\n"
    "Keys (each as the option of the same name; see 'dokaz watch --help' and\n"
    "'dokaz serve --help'):\n"
    "  data = DIR                the data directory (in /etc/dokaz/dokaz.conf)\n"
    "  inbox = DIR               an inbox of 'dokaz watch'; one line per inbox\n"
    "  collection DIR = NAME     files below DIR belong to the collection NAME\n"
    "  workers, lang, timeout, worker-memory, settle, poll,\n"
    "  max-depth, max-members, max-expanded, max-ratio      the processing service\n"
    "  listen, tls-cert, tls-key, server-name, session-idle, threads,\n"
    "  batch-time-limit          the web interface\n"
    "  web = yes|no              whether 'dokaz watch' serves the web interface\n"
    "  verify-every = H          hours between the scheduled verifications of watch\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else 'data', else ./dokaz-data)\n"
    "  --help       this help\n";

/* cmd_config - check */
int cmd_config(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (argc < 2 || strcmp(argv[1], "check") != 0)
        return cli_usage_error("config", "say check");
    const char *data = cli_config_data_option(argc - 1, argv + 1);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--data") == 0 ? ++i >= argc : strncmp(argv[i], "--data=", 7) != 0)
            return cli_usage_error("config", "check takes --data DIR only");
    cli_config c;
    int code = cli_config_load("config", data, &c);
    if (code != EXIT_OK)
        return code;
    service_config svc;
    service_default_config(&svc);
    web_config web;
    web_default_config(&web);
    int web_on = 1;
    code = cli_config_apply("config", &c, &svc, &web, &web_on);
    if (code == EXIT_OK && (web.tls_cert == NULL) != (web.tls_key == NULL))
        code = cli_usage_error("config", "tls-cert and tls-key go together: give both or neither");
    if (code == EXIT_OK) {
        size_t nfiles = c.settings.files ? g_strv_length(c.settings.files) : 0;
        printf("%zu setting%s in %zu file%s", c.settings.n, c.settings.n == 1 ? "" : "s", nfiles,
               nfiles == 1 ? "" : "s");
        for (size_t i = 0; i < nfiles; i++)
            printf("%s%s", i ? ", " : ": ", c.settings.files[i]);
        printf("; data directory %s: fine\n", c.data_dir);
    }
    cli_config_free(&c);
    return code;
}
