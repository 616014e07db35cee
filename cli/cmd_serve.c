/*
 * cmd_serve.c - `dokaz serve`: the web interface and JSON API.
 *
 * Also, hidden, `dokaz serve --render SHA:PAGE`: the child process the server
 * starts to draw one page image into the cache, under memory and CPU limits
 * and in the sandbox (web_render_confined).
 *
 * Functions: cmd_serve.
 */
#include "cli.h"
#include "config.h"
#include "web/web.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    SERVE_DATA = 2000,
    SERVE_LISTEN,
    SERVE_THREADS,
    SERVE_VERBOSE,
    SERVE_HELP,
    SERVE_RENDER,
    SERVE_TLS_CERT,
    SERVE_TLS_KEY,
    SERVE_SERVER_NAME,
    SERVE_SESSION_IDLE,
    SERVE_BATCH_TIME
};

static const char usage[] =
    "Usage: dokaz serve [OPTIONS]\n"
    "\n"
    "Serve the web interface and the JSON API: search with paging and filters,\n"
    "each document's pages (image beside text, matches marked), downloads of the\n"
    "original, the queue's status with failures and their reasons, and batch\n"
    "search of a list of names. Read-only: it never changes the evidence or the\n"
    "index. Runs until SIGINT or SIGTERM; prints its address on standard output.\n"
    "\n"
    "JSON: /api/search?q=…&offset=N&limit=N, /api/item/SHA256, /api/status,\n"
    "POST /api/batch (field 'names', one per line).\n"
    "\n"
    "Accounts: once 'dokaz user add' has made one, every page needs a log-in and\n"
    "every API call a session or a token ('dokaz token add'; sent as\n"
    "'Authorization: Bearer TOKEN'). Without accounts it serves one person on\n"
    "loopback. Any other address needs --tls-cert, --tls-key and an account.\n"
    "Every option can be set in dokaz.conf instead (see 'dokaz config --help').\n"
    "SIGHUP starts it again with the configuration read anew (users stay logged in:\n"
    "sessions are kept in DATA/sessions.json).\n"
    "\n"
    "Options:\n"
    "  --data DIR         data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --listen ADDR      address and port (default 127.0.0.1:8080; port 0 picks a\n"
    "                     free one); 0.0.0.0:443 for a team (with TLS and accounts)\n"
    "  --tls-cert FILE    HTTPS: the server's certificate chain (PEM)\n"
    "  --tls-key FILE     HTTPS: its private key (PEM)\n"
    "  --server-name NAME the DNS name the team reaches it by (localhost, address\n"
    "                     literals and this machine's host name are always fine)\n"
    "  --session-idle S   a log-in ends after S seconds unused (default 1800; it ends\n"
    "                     12 hours after it began in any case)\n"
    "  --batch-time-limit S  a batch search stops after S seconds and answers the\n"
    "                     lines done, marked 'truncated: time limit' (default 30)\n"
    "  --threads N        requests worked on at once; the others wait their turn,\n"
    "                     first come, first served (default: two a processor)\n"
    "  --verbose          log every request\n"
    "  --help             this help\n";

/* render_one - the --render child: "SHA:PAGE" into the cache */
static int render_one(const char *data_dir, const char *target)
{
    const char *colon = strchr(target, ':');
    long page = 0;
    char sha[65] = "";
    if (colon == NULL || colon - target != 64 || cli_parse_int(colon + 1, 1, 100000, &page) != 0)
        return cli_usage_error("serve", "--render needs SHA256:PAGE");
    memcpy(sha, target, 64);
    char *err = NULL;
    if (web_render_confined(data_dir, sha, (int)page, &err) != 0) {
        fprintf(stderr, "%s\n", err ? err : "cannot render the page");
        free(err);
        return EXIT_FAILED;
    }
    return EXIT_OK;
}

/* serve - parse over the configuration, serve */
static int serve(int argc, char **argv, const cli_config *conf)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, SERVE_DATA},
        {"listen", required_argument, NULL, SERVE_LISTEN},
        {"threads", required_argument, NULL, SERVE_THREADS},
        {"verbose", no_argument, NULL, SERVE_VERBOSE},
        {"help", no_argument, NULL, SERVE_HELP},
        {"render", required_argument, NULL, SERVE_RENDER},
        {"tls-cert", required_argument, NULL, SERVE_TLS_CERT},
        {"tls-key", required_argument, NULL, SERVE_TLS_KEY},
        {"server-name", required_argument, NULL, SERVE_SERVER_NAME},
        {"session-idle", required_argument, NULL, SERVE_SESSION_IDLE},
        {"batch-time-limit", required_argument, NULL, SERVE_BATCH_TIME},
        {NULL, 0, NULL, 0},
    };
    web_config cfg;
    web_default_config(&cfg);
    int rc0 = cli_config_apply("serve", conf, NULL, &cfg, NULL);
    if (rc0 != 0)
        return rc0;
    const char *data_option = NULL, *render = NULL;
    int verbose = 0, opt;
    long threads = cfg.threads, idle = cfg.session_idle_s;
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        switch (opt) {
        case SERVE_HELP: fputs(usage, stdout); return EXIT_OK;
        case SERVE_DATA: data_option = optarg; break;
        case SERVE_LISTEN: cfg.listen = optarg; break;
        case SERVE_THREADS:
            if (cli_parse_int(optarg, 1, 64, &threads) != 0)
                return cli_usage_error("serve", "--threads needs a number from 1 to 64");
            break;
        case SERVE_VERBOSE: verbose = 1; break;
        case SERVE_RENDER: render = optarg; break;
        case SERVE_TLS_CERT: cfg.tls_cert = optarg; break;
        case SERVE_TLS_KEY: cfg.tls_key = optarg; break;
        case SERVE_SERVER_NAME: cfg.server_name = optarg; break;
        case SERVE_SESSION_IDLE:
            if (cli_parse_int(optarg, 1, 7L * 24 * 3600, &idle) != 0)
                return cli_usage_error("serve", "--session-idle needs seconds (1 or more)");
            break;
        case SERVE_BATCH_TIME:
            if (cli_parse_seconds("serve", "--batch-time-limit", optarg, &cfg.batch_time_s) != 0)
                return EXIT_USAGE;
            break;
        default: return cli_usage_error("serve", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("serve", "takes no arguments");
    (void)data_option; /* the configuration resolved it, with the rest */
    char *data_dir = xstrdup(conf->data_dir);
    if (render) {
        int code = render_one(data_dir, render);
        free(data_dir);
        return code;
    }
    log_setup("serve", verbose ? LOG_DEBUG : LOG_INFO);
    if (!fs_exists(data_dir)) {
        fprintf(stderr, "dokaz serve: no data directory at %s (give --data DIR)\n", data_dir);
        free(data_dir);
        return EXIT_FAILED;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    cfg.data_dir = data_dir;
    cfg.threads = (int)threads;
    cfg.session_idle_s = idle;
    cfg.render_exe = n > 0 ? exe : NULL;
    char *err = NULL;
    int code = EXIT_OK;
    if (web_serve(&cfg, &err) != 0) {
        fprintf(stderr, "dokaz serve: %s\n", err ? err : "failed");
        code = EXIT_FAILED;
    }
    free(err);
    free(data_dir);
    return code;
}

/* cmd_serve - the configuration files, then serve; again after SIGHUP */
int cmd_serve(int argc, char **argv)
{
    cli_config conf;
    int code = cli_config_load("serve", cli_config_data_option(argc, argv), &conf);
    if (code == EXIT_OK)
        code = serve(argc, argv, &conf);
    cli_config_free(&conf);
    if (code == EXIT_OK && web_stop_signal() == SIGHUP) /* systemctl reload: work stays queued */
        return cli_reexec(argc, argv);
    return code;
}
