/*
 * cmd_ingest.c - `dokaz ingest`: receive files once and wait until they are searchable.
 *
 * The files are received as `watch` receives them (evidence store, records,
 * queue), in groups of ACCEPT_GROUP_MAX (ingest/accept.h), found one at a
 * time (ingest/walk.h) and never more than INGEST_WINDOW ahead of the files
 * reported, so that memory does not grow with the input: each file's line
 * is printed once it is through. The files are received by a thread of
 * their own (receive_input), which the service learns of from its queue,
 * as it learns of files received by another process: receiving and
 * processing overlap. If no service runs on the data directory, this process
 * runs the service itself until the queue is empty; if one runs, that
 * service processes the files while this process receives them and waits.
 * Each turn of either (feed) reports the files that are through.
 *
 * Functions: cmd_ingest.
 */
#include "cli.h"
#include "config.h"
#include "service_options.h"
#include "ingest_progress.h"
#include "ingest/accept.h"
#include "ingest/collection.h"
#include "ingest/queue.h"
#include "ingest/walk.h"
#include "record/record.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/text.h"
#include "common/xalloc.h"

#include <glib.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "Usage: dokaz ingest [OPTIONS] PATH...\n"
    "\n"
    "Receive files, or every file below folders, into the data directory; read\n"
    "and index them; return when they are searchable. Prints one line per file\n"
    "once it is through (not in the order given): status, type, pages, path,\n"
    "SHA-256 prefix. Exit status: 0 when every file\n"
    "was processed (an unsupported type is stored and listed, not an error),\n"
    "1 when any failed, 2 on a usage error. If `dokaz watch` is running on the\n"
    "same data directory, it does the processing and this command waits for it.\n"
    "Progress goes to stderr: a line redrawn in place on a terminal, else a line\n"
    "every 5 seconds.\n"
    "\n"
    "Collections: a folder given is received into the collection named by the\n"
    "folder, a file given into its own folder's, unless a 'collection FOLDER = NAME'\n"
    "line of dokaz.conf names the collection of a folder holding it.\n"
    "\n"
    "Options:\n";

static const char ingest_help[] =
    "  --collection NAME    receive everything given into this collection\n"
    "  --json               progress as one JSON object a line on stderr, every\n"
    "                       second: received, done, failed, total, pages,\n"
    "                       items_per_second, eta_seconds, elapsed_seconds, final\n";

enum { INGEST_COLLECTION = 2200 };

static const struct option ingest_options[] = {
    {"collection", required_argument, NULL, INGEST_COLLECTION},
    {"json", no_argument, NULL, OPT_JSON},
};

/* INGEST_WINDOW - the most files received and not yet reported: the files
 * given are received only this far ahead of the service, so that memory,
 * queue/incoming and the time to list it stay the same however many files
 * are given */
enum { INGEST_WINDOW = 2048 };

/* How often the window is looked over for files through (ms), besides after
 * each index commit of the service run here (an item is through when the
 * commit that made it searchable moves it to queue/done or failed). */
enum { SWEEP_EVERY_MS = 1000 };

/* The files given, found one at a time. */
typedef struct {
    char **args; /* the paths given */
    int nargs, next;
    walk *walk;  /* the folder given being walked, else NULL */
    char *given; /* its absolute path (malloc'd) */
    size_t root; /* its length with the '/', for paths relative to it */
    int quiet;   /* do not say what is skipped (the counting pass) */
    unsigned share_k, share_n;
} ingest_input;

/* One file received and not yet reported. */
typedef struct {
    char *path; /* absolute (malloc'd) */
    char sha256[65];
    char *error; /* could not be received (malloc'd), else NULL */
} ingest_slot;

/* The run. The receiver thread owns `input`; `lock` guards slots, used,
 * committed, failed, progress, received_all and stopping; `shas` is only
 * touched by the thread that calls feed (the service's, or the waiting
 * loop's), which copies it from the slots when it looks them over. */
typedef struct {
    ingest_input input;
    ingest_slot *slots; /* INGEST_WINDOW; slots[0..used) are received */
    char **shas;        /* INGEST_WINDOW: the used slots' sha256 at the last sweep, else NULL */
    size_t used;
    long long swept_ms; /* when the window was last looked over */
    int committed;      /* the service committed since then */
    int failed;         /* a file failed */
    const char *data_dir;
    const service_config *cfg; /* its collection rules */
    const char *collection;    /* --collection, else NULL */
    ingest_progress progress;
    GMutex lock;
    GCond room;        /* signalled when a sweep makes room in the window */
    GThread *receiver; /* receive_input, from the first feed on */
    int received_all;  /* the input is all received */
    int stopping;      /* the run is over: the receiver stops after its group */
} ingest_run;

/* input_next - the next file given (absolute, malloc'd), NULL when none is
 * left; *given gets the folder given that holds it, else NULL (borrowed) */
static char *input_next(ingest_input *in, const char **given)
{
    for (;;) {
        if (in->walk != NULL) {
            char *path = NULL;
            walk_kind k = walk_next(in->walk, &path);
            if (k == WALK_FILE && accept_in_share(path + in->root, in->share_k, in->share_n)) {
                *given = in->given;
                return path;
            }
            if (k == WALK_LINK && !in->quiet)
                fprintf(stderr, "dokaz ingest: skipping symbolic link %s\n", path);
            else if (k == WALK_UNREADABLE && !in->quiet)
                fprintf(stderr, "dokaz ingest: cannot read folder %s\n", path);
            free(path);
            if (k == WALK_END) {
                walk_close(in->walk);
                in->walk = NULL;
            }
            continue;
        }
        free(in->given);
        in->given = NULL;
        if (in->next >= in->nargs)
            return NULL;
        const char *arg = in->args[in->next++];
        struct stat st;
        if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
            in->given = fs_abspath(arg);
            in->root = strlen(in->given) + (in->given[strlen(in->given) - 1] != '/');
            in->walk = walk_open(in->given);
        } else if (accept_in_share(arg, in->share_k, in->share_n)) {
            *given = NULL;
            return fs_abspath(arg);
        }
    }
}

/* count_files - how many files the input holds (a pass that only reads folders) */
static size_t count_files(ingest_input in)
{
    in.quiet = 1;
    size_t n = 0;
    const char *given;
    char *path;
    while ((path = input_next(&in, &given)) != NULL) {
        free(path);
        n++;
    }
    return n;
}

/* collection_of - --collection, a rule, the folder given, the file's own folder */
static char *collection_of(const ingest_run *run, const char *path, const char *given)
{
    if (run->collection != NULL)
        return g_strdup(run->collection);
    char *above = given ? g_path_get_dirname(given) : NULL;
    char *const inboxes[] = {above};
    char *name = collection_of_path(run->cfg->collections, run->cfg->ncollections, inboxes,
                                    above ? 1 : 0, path);
    g_free(above);
    return name;
}

/* report - one file's line: status, type, pages, path, SHA-256 prefix */
static void report(ingest_run *run, const ingest_slot *e)
{
    if (e->error) {
        char *path = text_safe(e->path);
        printf("failed\t-\t-\t%s\t-\t%s\n", path, e->error);
        free(path);
        run->failed = 1;
    } else if (service_print_outcome(run->data_dir, e->sha256, e->path)) {
        run->failed = 1;
    }
}

/* sweep - report the files of the window that are through (all when `all`)
 * and close up the rest */
static void sweep(ingest_run *run, int all)
{
    size_t kept = 0;
    for (size_t i = 0; i < run->used; i++) {
        ingest_slot *e = &run->slots[i];
        int state = e->error ? -1 : queue_state_of(run->data_dir, e->sha256);
        if (!all && (state == QUEUE_INCOMING || state == QUEUE_ACTIVE)) {
            run->slots[kept++] = *e;
            continue;
        }
        report(run, e);
        free(e->path);
        free(e->error);
    }
    run->used = kept;
    for (size_t i = 0; i < INGEST_WINDOW; i++)
        run->shas[i] = i < kept && run->slots[i].error == NULL ? run->slots[i].sha256 : NULL;
    fflush(stdout);
    run->swept_ms = g_get_monotonic_time() / 1000;
    run->committed = 0;
}

/* committed - a service_progress_fn: show the progress, look over the window
 * at the next turn */
static void committed(const service_progress *progress, void *ctx)
{
    ingest_run *run = ctx;
    g_mutex_lock(&run->lock);
    ingest_progress_update(progress, &run->progress);
    run->committed = 1;
    g_mutex_unlock(&run->lock);
}

/* receive_group - receive the next ACCEPT_GROUP_MAX files of the input as
 * one group, into the window (which has room for them); 1 when the input
 * may hold more */
static int receive_group(ingest_run *run)
{
    accept_item items[ACCEPT_GROUP_MAX];
    size_t n = 0;
    const char *given;
    char *path;
    while (n < ACCEPT_GROUP_MAX && (path = input_next(&run->input, &given)) != NULL)
        items[n++] = (accept_item){.path = path, .collection = collection_of(run, path, given)};
    if (n > 0)
        accept_files(run->data_dir, items, n); /* each item says how it went */
    g_mutex_lock(&run->lock);
    g_assert(run->used + n <= INGEST_WINDOW);
    for (size_t i = 0; i < n; i++) {
        ingest_slot *e = &run->slots[run->used++];
        *e = (ingest_slot){.path = (char *)items[i].path, .error = items[i].error};
        if (items[i].rc == 0)
            memcpy(e->sha256, items[i].ref.sha256, sizeof e->sha256);
        g_free((char *)items[i].collection);
        ingest_progress_received(&run->progress);
    }
    g_mutex_unlock(&run->lock);
    return n == ACCEPT_GROUP_MAX;
}

/* receive_input - the receiver thread: the input, a group at a time, each
 * once the window has room for it, until it is all received or the run
 * stops */
static gpointer receive_input(gpointer ctx)
{
    ingest_run *run = ctx;
    sigset_t all; /* signals are the main thread's: the service's signalfd, or their default */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    int more = 1;
    while (more) {
        g_mutex_lock(&run->lock);
        while (!run->stopping && INGEST_WINDOW - run->used < ACCEPT_GROUP_MAX)
            g_cond_wait(&run->room, &run->lock);
        int stop = run->stopping;
        g_mutex_unlock(&run->lock);
        more = !stop && receive_group(run);
    }
    g_mutex_lock(&run->lock);
    run->received_all = 1;
    g_mutex_unlock(&run->lock);
    return NULL;
}

/* feed - service_feed_fn: start the receiver (the first time), report what
 * is through now and then, and say whether more is to come */
static int feed(void *ctx)
{
    ingest_run *run = ctx;
    if (run->receiver == NULL)
        run->receiver = g_thread_new("receive", receive_input, run);
    g_mutex_lock(&run->lock);
    int all = run->received_all; /* before the sweep, so that it sees them all */
    if (all || run->committed || g_get_monotonic_time() / 1000 - run->swept_ms >= SWEEP_EVERY_MS) {
        sweep(run, 0);
        g_cond_signal(&run->room);
    }
    g_mutex_unlock(&run->lock);
    return all ? SERVICE_FEED_DONE : SERVICE_FEED_LATER;
}

/* receiver_stop - stop the receiver after the group it holds, and wait for it */
static void receiver_stop(ingest_run *run)
{
    if (run->receiver == NULL)
        return;
    g_mutex_lock(&run->lock);
    run->stopping = 1;
    g_cond_signal(&run->room);
    g_mutex_unlock(&run->lock);
    g_thread_join(run->receiver);
    run->receiver = NULL;
}

/* ingest - parse over the configuration, receive, process (or wait), report */
static int ingest(int argc, char **argv, const cli_config *conf)
{
    service_config cfg;
    service_default_config(&cfg);
    int rc0 = cli_config_apply("ingest", conf, &cfg, NULL, NULL);
    if (rc0 != 0)
        return rc0;
    const char *data_option = NULL, *collection = NULL;
    int verbose = 0, json = 0, opt;
    struct option *options = service_options_with(ingest_options,
                                                  sizeof ingest_options / sizeof *ingest_options);
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        int rc = 0;
        if (opt == OPT_HELP)
            printf("%s%s%s", usage, ingest_help, service_options_help);
        else if (opt == INGEST_COLLECTION && !collection_name_valid(optarg))
            rc = cli_usage_error("ingest", "'%s' cannot name a collection", optarg);
        else if (opt == INGEST_COLLECTION)
            collection = optarg;
        else if (opt == OPT_JSON)
            json = 1;
        else if ((rc = service_option("ingest", opt, optarg, &cfg, &data_option, &verbose)) < 0)
            rc = cli_usage_error("ingest", "unknown option");
        if (opt == OPT_HELP || rc != 0) {
            free(options);
            return opt == OPT_HELP ? EXIT_OK : rc;
        }
    }
    free(options);
    if (optind >= argc)
        return cli_usage_error("ingest", "give at least one file or folder");
    cfg.log_level = verbose ? LOG_DEBUG : LOG_WARN;
    log_setup("ingest", (log_level)cfg.log_level);
    (void)data_option; /* the configuration resolved it, with the rest */
    char *data_dir = xstrdup(conf->data_dir);
    cfg.data_dir = data_dir;
    char *err = NULL;
    if (accept_prepare(data_dir, &err) != 0) {
        fprintf(stderr, "dokaz ingest: %s\n", err);
        free(err);
        free(data_dir);
        return EXIT_FAILED;
    }
    ingest_run run = {.data_dir = data_dir, .cfg = &cfg, .collection = collection};
    run.input = (ingest_input){.args = argv + optind,
                               .nargs = argc - optind,
                               .share_k = cfg.share_k,
                               .share_n = cfg.share_n};
    run.slots = xcalloc(INGEST_WINDOW, sizeof *run.slots);
    run.shas = xcalloc(INGEST_WINDOW, sizeof *run.shas);
    ingest_progress_init(&run.progress, json, count_files(run.input));
    cfg.progress = committed;
    cfg.progress_ctx = &run;
    cfg.feed = feed; /* received while the service runs */
    cfg.feed_ctx = &run;
    g_mutex_init(&run.lock);
    g_cond_init(&run.room);
    int code = service_run_or_wait("ingest", &cfg, run.shas, INGEST_WINDOW);
    receiver_stop(&run);
    ingest_progress_finish(&run.progress);
    sweep(&run, 1);
    g_cond_clear(&run.room);
    g_mutex_clear(&run.lock);
    if (code == EXIT_OK && run.failed)
        code = EXIT_FAILED;
    free(run.slots);
    free(run.shas);
    free(data_dir);
    return code;
}

/* cmd_ingest - the configuration files, then ingest */
int cmd_ingest(int argc, char **argv)
{
    cli_config conf;
    int code = cli_config_load("ingest", cli_config_data_option(argc, argv), &conf);
    if (code == EXIT_OK)
        code = ingest(argc, argv, &conf);
    cli_config_free(&conf);
    return code;
}
