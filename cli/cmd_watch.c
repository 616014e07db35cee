/*
 * cmd_watch.c - `dokaz watch`: the service, with the web interface and the
 * scheduled verification as child processes.
 *
 * SIGHUP reaches the supervisor, which calls our reload hook: dokaz.conf and
 * the command line are read again, what the service may change live is
 * changed in the very config it runs with, the children are started again
 * with their new settings, and what needs a restart is logged as such.
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
    "'dokaz config --help'); the command line overrides it. SIGHUP reads\n"
    "dokaz.conf and ocr.conf again without stopping: languages, limits, time-out\n"
    "and collection rules apply to the next jobs and files, the web interface and\n"
    "the verification schedule start again with theirs (users stay logged in);\n"
    "workers, settle, poll, data and inbox take a restart (it says so in the log).\n"
    "\n"
    "Options:\n"
    "  --settle MS          how long a new file must stay unchanged before it is\n"
    "                       picked up (default 1000)\n"
    "  --poll SECONDS       also read every inbox again this often, for a network\n"
    "                       file system dokaz does not recognise (default 0: inotify\n"
    "                       only, except that inboxes on NFS, SMB/CIFS, FUSE, 9P,\n"
    "                       Ceph and the like, whose files written by other machines\n"
    "                       raise no event here, and folders beyond the inotify\n"
    "                       watch limit are read again every 60 s)\n"
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

/* Everything watch runs with: dokaz.conf, then the options over it. */
typedef struct {
    service_config svc;
    web_config web;
    int web_on, verbose, help, first_inbox; /* first_inbox: argv's index of INBOX... */
    const char *verify_every;
} watch_settings;

/* settings - apply the configuration, then parse argv over it; 0 or the exit code */
static int settings(int argc, char **argv, const cli_config *conf, watch_settings *w)
{
    memset(w, 0, sizeof *w);
    service_default_config(&w->svc);
    web_default_config(&w->web);
    w->web_on = 1;
    w->verify_every = conf->verify_every ? conf->verify_every : "24";
    int rc = cli_config_apply("watch", conf, &w->svc, &w->web, &w->web_on), opt;
    const char *data_option = NULL; /* the configuration resolved it, with the rest */
    struct option *options = watch_options();
    optind = 0; /* parsed again at each SIGHUP */
    while (rc == 0 && !w->help && (opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        if (opt == OPT_HELP)
            w->help = 1;
        else if (opt == WATCH_NO_WEB)
            w->web_on = 0;
        else if (opt == WATCH_LISTEN)
            w->web.listen = optarg;
        else if (opt == WATCH_TLS_CERT)
            w->web.tls_cert = optarg;
        else if (opt == WATCH_TLS_KEY)
            w->web.tls_key = optarg;
        else if (opt == WATCH_VERIFY_EVERY)
            rc = cli_check_hours("watch", w->verify_every = optarg);
        else if ((rc = service_option("watch", opt, optarg, &w->svc, &data_option, &w->verbose)) <
                 0)
            rc = cli_usage_error("watch", "unknown option");
    }
    free(options);
    w->first_inbox = optind;
    w->svc.log_level = w->verbose ? LOG_DEBUG : LOG_INFO;
    return rc;
}

/* What SIGHUP needs: the command line, the configuration in force (which its
 * settings point into), and the children it may restart. */
typedef struct {
    int argc;
    char **argv;
    cli_config conf;
    watch_settings *now;
    web_child *web, *verifier;
} reloader;

/* start_verifier - `dokaz verify --every H` unless H is 0 */
static void start_verifier(web_child *verifier, const char *data_dir, const char *hours)
{
    const char *every[] = {"verify", "--data", data_dir, "--every", hours, NULL};
    char *err = NULL;
    if (strtod(hours, NULL) > 0 &&
        web_child_spawn(verifier, every, "scheduled verification", &err) != 0) {
        log_msg(LOG_WARN, "%s; going on without scheduled verification", err);
        free(err);
    }
}

/* start_web - the web interface's child, if it is on and may listen there */
static void start_web(web_child *child, const watch_settings *w)
{
    char *err = NULL;
    if (w->web_on && web_child_start(child, &w->web, w->verbose, &err) != 0) {
        log_msg(LOG_WARN, "%s; going on without the web interface", err);
        free(err);
    }
}

/* restart_needed - log the settings read at start only that SIGHUP found changed */
static void restart_needed(const reloader *r, const cli_config *conf, const watch_settings *w)
{
    const service_config *a = &r->now->svc, *b = &w->svc;
    const char *changed[5] = {NULL};
    int n = 0;
    if (a->workers != b->workers)
        changed[n++] = "workers";
    if (a->settle_ms != b->settle_ms)
        changed[n++] = "settle";
    if (a->poll_ms != b->poll_ms)
        changed[n++] = "poll";
    if (strcmp(conf->data_dir, r->conf.data_dir) != 0)
        changed[n++] = "data";
    if (w->first_inbox >= r->argc &&
        !g_strv_equal((const char *const *)conf->inboxes, (const char *const *)r->conf.inboxes))
        changed[n++] = "inbox";
    for (int i = 0; i < n; i++)
        log_msg(LOG_WARN, "SIGHUP: '%s' changed, which takes a restart (systemctl restart dokaz)",
                changed[i]);
}

/* reload - the service's SIGHUP hook: read dokaz.conf and the options again;
 * what can change live changes, the web interface and the verifier start
 * again with theirs, the rest is logged as needing a restart */
static void reload(void *ctx)
{
    reloader *r = ctx;
    cli_config conf;
    watch_settings w;
    if (cli_config_load("watch", cli_config_data_option(r->argc, r->argv), &conf) != EXIT_OK) {
        log_msg(LOG_WARN, "SIGHUP: the configuration has an error (above); nothing changed");
        return;
    }
    if (settings(r->argc, r->argv, &conf, &w) != 0 || w.help) {
        log_msg(LOG_WARN, "SIGHUP: the configuration has an error (above); nothing changed");
        cli_config_free(&conf);
        return;
    }
    watch_settings *now = r->now;
    restart_needed(r, &conf, &w);
    now->svc.langs = w.svc.langs;
    now->svc.limits = w.svc.limits;
    now->svc.worker_memory_mb = w.svc.worker_memory_mb;
    now->svc.job_timeout_s = w.svc.job_timeout_s;
    now->svc.collections = w.svc.collections;
    now->svc.ncollections = w.svc.ncollections;
    log_msg(LOG_INFO,
            "SIGHUP: dokaz.conf read again: lang, timeout, worker-memory, max-* and "
            "%zu collection rule%s apply to the next jobs and files",
            conf.nrules, conf.nrules == 1 ? "" : "s");
    char *err = NULL;
    w.web.data_dir = now->web.data_dir;
    if (w.web_on && web_check_exposure(&w.web, &err) != 0) {
        log_msg(LOG_WARN, "SIGHUP: the web interface keeps its old settings: %s", err);
        free(err);
        w.web = now->web;
        w.web_on = now->web_on;
    } else {
        web_child_stop(r->web); /* sessions are kept in DATA/sessions.json */
        start_web(r->web, &w);
    }
    if (strcmp(w.verify_every, now->verify_every) != 0) {
        web_child_stop(r->verifier);
        start_verifier(r->verifier, now->svc.data_dir, w.verify_every);
    }
    now->web = w.web;
    now->web_on = w.web_on;
    now->verify_every = w.verify_every;
    cli_config_free(&r->conf); /* nothing in force points into it any more */
    r->conf = conf;
}

/* run - lock, start the children, run the service, stop them */
static int run(watch_settings *w, reloader *r, char **err)
{
    int lock = -1, code = EXIT_OK;
    const char *data_dir = w->svc.data_dir;
    if ((w->web_on && web_check_exposure(&w->web, err) != 0) ||
        fs_mkdirs(data_dir, 0755, err) != 0 || (lock = service_lock(data_dir, err)) < 0) {
        fprintf(stderr, "dokaz watch: %s\n", *err ? *err : "failed");
        return EXIT_FAILED;
    }
    start_web(r->web, w);
    start_verifier(r->verifier, data_dir, w->verify_every);
    w->svc.reload = reload;
    w->svc.reload_ctx = r;
    if (service_run(&w->svc, err) != 0) {
        fprintf(stderr, "dokaz watch: %s\n", *err ? *err : "failed");
        code = EXIT_FAILED;
    }
    web_child_stop(r->verifier);
    web_child_stop(r->web);
    close(lock);
    return code;
}

/* cmd_watch - the configuration files, the options over them, then run */
int cmd_watch(int argc, char **argv)
{
    web_child child = {0, -1}, verifier = {0, -1};
    watch_settings w;
    reloader r = {.argc = argc, .argv = argv, .now = &w, .web = &child, .verifier = &verifier};
    int code = cli_config_load("watch", cli_config_data_option(argc, argv), &r.conf);
    if (code != EXIT_OK)
        return code;
    code = settings(argc, argv, &r.conf, &w);
    if (code != 0 || w.help) {
        if (w.help)
            printf("%s%s", usage, service_options_help);
        cli_config_free(&r.conf);
        return code;
    }
    log_setup("watch", (log_level)w.svc.log_level);
    char *data_dir = xstrdup(r.conf.data_dir);
    w.svc.data_dir = data_dir;
    w.web.data_dir = data_dir;
    size_t configured = g_strv_length(r.conf.inboxes);
    size_t n = argc > w.first_inbox ? (size_t)(argc - w.first_inbox) : MAX(configured, 1);
    char **inboxes = xcalloc(n, sizeof *inboxes);
    for (size_t i = 0; i < n; i++)
        inboxes[i] = argc > w.first_inbox ? fs_abspath(argv[w.first_inbox + (int)i])
                     : configured         ? xstrdup(r.conf.inboxes[i])
                                          : fs_join(data_dir, "inbox");
    w.svc.inboxes = inboxes;
    w.svc.ninboxes = n;
    char *err = NULL;
    code = run(&w, &r, &err);
    free(err);
    for (size_t i = 0; i < n; i++)
        free(inboxes[i]);
    free(inboxes);
    free(data_dir);
    cli_config_free(&r.conf);
    return code;
}
