/*
 * cmd_watch.c - `dokaz watch`: the service.
 *
 * Functions: cmd_watch.
 */
#include "cli.h"
#include "config.h"
#include "service_options.h"
#include "web_child.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: dokaz watch [OPTIONS] [INBOX...]\n"
    "\n"
    "Run the dokaz service until SIGINT or SIGTERM. Every file put into an inbox\n"
    "(recursively, folders included) is picked up once it is completely written,\n"
    "stored byte for byte in the evidence store, identified, read (OCR for scans)\n"
    "and indexed. Files already in the inboxes at start are picked up too; a file\n"
    "seen before (same path, size and time) is not received twice. The inbox files\n"
    "themselves are left untouched. Work still queued at a stop is kept and\n"
    "resumed at the next start. Without INBOX, the inboxes of dokaz.conf are\n"
    "watched, else DATA/inbox. Every option can be set in dokaz.conf instead (see\n"
    "'dokaz config --help'); the command line overrides it. SIGHUP reloads: the\n"
    "service stops as for SIGTERM (work keeps its place in the queue) and starts\n"
    "again with the configuration read anew.\n"
    "\n"
    "Options:\n"
    "  --settle MS          how long a new file must stay unchanged before it is\n"
    "                       picked up (default 1000)\n"
    "  --listen ADDR        where the web interface listens (default 127.0.0.1:8080);\n"
    "                       beyond loopback it needs TLS and an account (dokaz serve)\n"
    "  --tls-cert FILE, --tls-key FILE   the web interface over HTTPS\n"
    "  --no-web             do not start the web interface (`dokaz serve`)\n"
    "  --verify-every H     run `dokaz verify` every H hours (default 24; 0: never) at\n"
    "                       the lowest CPU and I/O priority; each result goes to the\n"
    "                       audit log, `dokaz status` and the status page\n";

enum { WATCH_NO_WEB = 2100, WATCH_LISTEN, WATCH_TLS_CERT, WATCH_TLS_KEY, WATCH_VERIFY_EVERY };

/* watch_options - the service options plus the web interface's (free it) */
static struct option *watch_options(void)
{
    static const struct option web[] = {
        {"no-web", no_argument, NULL, WATCH_NO_WEB},
        {"listen", required_argument, NULL, WATCH_LISTEN},
        {"tls-cert", required_argument, NULL, WATCH_TLS_CERT},
        {"tls-key", required_argument, NULL, WATCH_TLS_KEY},
        {"verify-every", required_argument, NULL, WATCH_VERIFY_EVERY},
    };
    return service_options_with(web, sizeof web / sizeof *web);
}

/* check_hours - a number of hours for --verify-every: 0 (never) or above */
static int check_hours(const char *text)
{
    char *end = NULL;
    double h = strtod(text, &end);
    if (end == text || *end != '\0' || !(h >= 0 && h < 1e6))
        return cli_usage_error("watch", "--verify-every takes a number of hours (0: never)");
    return 0;
}

/* watch - parse over the configuration, lock, run */
static int watch(int argc, char **argv, const cli_config *conf)
{
    service_config cfg;
    service_default_config(&cfg);
    const char *data_option = NULL, *verify_every = "24";
    web_config web_cfg;
    web_default_config(&web_cfg);
    int verbose = 0, opt, web = 1;
    int rc0 = cli_config_apply("watch", conf, &cfg, &web_cfg, &web);
    if (rc0 != 0)
        return rc0;
    struct option *options = watch_options();
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        int rc = 0;
        if (opt == OPT_HELP)
            printf("%s%s", usage, service_options_help);
        else if (opt == WATCH_NO_WEB)
            web = 0;
        else if (opt == WATCH_LISTEN)
            web_cfg.listen = optarg;
        else if (opt == WATCH_TLS_CERT)
            web_cfg.tls_cert = optarg;
        else if (opt == WATCH_TLS_KEY)
            web_cfg.tls_key = optarg;
        else if (opt == WATCH_VERIFY_EVERY)
            rc = check_hours(verify_every = optarg);
        else if ((rc = service_option("watch", opt, optarg, &cfg, &data_option, &verbose)) < 0)
            rc = cli_usage_error("watch", "unknown option");
        if (opt == OPT_HELP || rc != 0) {
            free(options);
            return opt == OPT_HELP ? EXIT_OK : rc;
        }
    }
    free(options);
    cfg.log_level = verbose ? LOG_DEBUG : LOG_INFO;
    log_setup("watch", (log_level)cfg.log_level);
    (void)data_option; /* the configuration resolved it, with the rest */
    char *data_dir = xstrdup(conf->data_dir);
    cfg.data_dir = data_dir;
    web_cfg.data_dir = data_dir;
    size_t configured = g_strv_length(conf->inboxes);
    size_t n = argc > optind ? (size_t)(argc - optind) : MAX(configured, 1);
    char **inboxes = xcalloc(n, sizeof *inboxes);
    for (size_t i = 0; i < n; i++)
        inboxes[i] = argc > optind ? fs_abspath(argv[optind + (int)i])
                     : configured  ? xstrdup(conf->inboxes[i])
                                   : fs_join(data_dir, "inbox");
    cfg.inboxes = inboxes;
    cfg.ninboxes = n;
    char *err = NULL;
    int code = EXIT_OK;
    int lock = -1;
    web_child child = {0, -1}, verifier = {0, -1};
    if ((web && web_check_exposure(&web_cfg, &err) != 0) || fs_mkdirs(data_dir, 0755, &err) != 0 ||
        (lock = service_lock(data_dir, &err)) < 0) {
        fprintf(stderr, "dokaz watch: %s\n", err ? err : "failed");
        code = EXIT_FAILED;
    } else {
        if (web && web_child_start(&child, &web_cfg, verbose, &err) != 0) {
            log_msg(LOG_WARN, "%s; going on without the web interface", err);
            free(err);
            err = NULL;
        }
        const char *every[] = {"verify", "--data", data_dir, "--every", verify_every, NULL};
        if (strtod(verify_every, NULL) > 0 &&
            web_child_spawn(&verifier, every, "scheduled verification", &err) != 0) {
            log_msg(LOG_WARN, "%s; going on without scheduled verification", err);
            free(err);
            err = NULL;
        }
        if (service_run(&cfg, &err) != 0) {
            fprintf(stderr, "dokaz watch: %s\n", err ? err : "failed");
            code = EXIT_FAILED;
        }
        web_child_stop(&verifier);
        web_child_stop(&child);
    }
    if (lock >= 0)
        close(lock);
    free(err);
    for (size_t i = 0; i < n; i++)
        free(inboxes[i]);
    free(inboxes);
    free(data_dir);
    return code;
}

/* cmd_watch - the configuration files, then watch; again after SIGHUP */
int cmd_watch(int argc, char **argv)
{
    cli_config conf;
    int code = cli_config_load("watch", cli_config_data_option(argc, argv), &conf);
    if (code == EXIT_OK)
        code = watch(argc, argv, &conf);
    cli_config_free(&conf);
    if (code == EXIT_OK &&
        service_stop_signal() == SIGHUP) /* systemctl reload: work stays queued */
        return cli_reexec(argc, argv);
    return code;
}
