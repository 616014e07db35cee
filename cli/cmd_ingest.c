/*
 * cmd_ingest.c - `dokaz ingest`: receive files once and wait until they are searchable.
 *
 * The files are received as `watch` receives them (evidence store, records,
 * queue), in groups of ACCEPT_GROUP_MAX (ingest/accept.h). If no service runs
 * on the data directory, this process runs the service itself until the
 * queue is empty, receiving a group between the turns of its loop, so that
 * the workers start on the first files while the rest are received; if one
 * runs, it receives them all, then waits for that service to process them.
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
#include "record/record.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/text.h"
#include "common/xalloc.h"

#include <ftw.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "Usage: dokaz ingest [OPTIONS] PATH...\n"
    "\n"
    "Receive files, or every file below folders, into the data directory; read\n"
    "and index them; return when they are searchable. Prints one line per file:\n"
    "status, type, pages, path, SHA-256 prefix. Exit status: 0 when every file\n"
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
    "                       items_per_second, eta_seconds, final\n";

enum { INGEST_COLLECTION = 2200 };

static const struct option ingest_options[] = {
    {"collection", required_argument, NULL, INGEST_COLLECTION},
    {"json", no_argument, NULL, OPT_JSON},
};

typedef struct {
    char *path;
    const char *given; /* the folder given that holds it (the list's), else NULL */
    char sha256[65];
    char *error; /* could not be received */
} ingest_entry;

typedef struct {
    ingest_entry *items;
    size_t count, cap;
    size_t received; /* items[0..received) are received, the rest wait for their group */
    char **shas;     /* each received item's sha256 (in items), else NULL; count + 1 */
    const char *data_dir;
    const service_config *cfg; /* its collection rules */
    const char *collection;    /* --collection, else NULL */
    GPtrArray *given;          /* the folders given, walked */
    ingest_progress progress;
} ingest_list;

/* collection_of - --collection, a rule, the folder given, the file's own folder */
static char *collection_of(const ingest_list *list, const ingest_entry *e)
{
    const char *path = e->path;
    if (list->collection != NULL)
        return g_strdup(list->collection);
    char *above = e->given ? g_path_get_dirname(e->given) : NULL;
    char *const inboxes[] = {above};
    char *name = collection_of_path(list->cfg->collections, list->cfg->ncollections, inboxes,
                                    above ? 1 : 0, path);
    g_free(above);
    return name;
}

/* receive_group - service_feed_fn: the next ACCEPT_GROUP_MAX files listed,
 * received as one group; 1 while files are left */
static int receive_group(void *ctx)
{
    ingest_list *list = ctx;
    size_t n = MIN(list->count - list->received, (size_t)ACCEPT_GROUP_MAX);
    ingest_entry *group = list->items + list->received;
    accept_item items[ACCEPT_GROUP_MAX];
    for (size_t i = 0; i < n; i++)
        items[i] = (accept_item){.path = group[i].path,
                                 .collection = collection_of(list, &group[i])};
    accept_files(list->data_dir, items, n); /* each item says how it went */
    for (size_t i = 0; i < n; i++) {
        if (items[i].rc == 0) {
            memcpy(group[i].sha256, items[i].ref.sha256, sizeof group[i].sha256);
            list->shas[list->received + i] = group[i].sha256;
        }
        group[i].error = items[i].error;
        g_free((char *)items[i].collection);
        ingest_progress_received(&list->progress);
    }
    list->received += n;
    return list->received < list->count;
}

/* list_one - list one file to receive */
static void list_one(ingest_list *list, const char *path)
{
    if (list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    ingest_entry *e = &list->items[list->count++];
    memset(e, 0, sizeof *e);
    e->path = fs_abspath(path);
    e->given = list->given->len ? g_ptr_array_index(list->given, list->given->len - 1) : NULL;
}

static ingest_list *walk_list; /* nftw has no context argument */
static size_t walk_root;       /* length of the folder walked, for relative paths */
static const service_config *walk_cfg;

/* walk_entry - nftw callback: list regular files */
static int walk_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_F && accept_in_share(path + walk_root, walk_cfg->share_k, walk_cfg->share_n))
        list_one(walk_list, path);
    else if (flag == FTW_SL)
        fprintf(stderr, "dokaz ingest: skipping symbolic link %s\n", path);
    else if (flag == FTW_DNR)
        fprintf(stderr, "dokaz ingest: cannot read folder %s\n", path);
    return 0;
}

/* report - one line per file; returns the exit code */
static int report(const ingest_list *list)
{
    int code = EXIT_OK;
    for (size_t i = 0; i < list->count; i++) {
        const ingest_entry *e = &list->items[i];
        if (e->error) {
            char *path = text_safe(e->path);
            printf("failed\t-\t-\t%s\t-\t%s\n", path, e->error);
            free(path);
            code = EXIT_FAILED;
        } else if (service_print_outcome(list->data_dir, e->sha256, e->path)) {
            code = EXIT_FAILED;
        }
    }
    return code;
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
    ingest_list list = {.data_dir = data_dir, .cfg = &cfg, .collection = collection};
    ingest_progress_init(&list.progress, json);
    cfg.progress = ingest_progress_update;
    cfg.progress_ctx = &list.progress;
    list.given = g_ptr_array_new_with_free_func(free);
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            walk_list = &list;
            walk_cfg = &cfg;
            char *given = fs_abspath(argv[i]);
            g_ptr_array_add(list.given, given);
            walk_root = strlen(given) + (given[strlen(given) - 1] != '/');
            nftw(given, walk_entry, 32, FTW_PHYS);
            g_ptr_array_add(list.given, NULL); /* the files given after it are in none */
        } else if (accept_in_share(argv[i], cfg.share_k, cfg.share_n)) {
            list_one(&list, argv[i]);
        }
    }
    list.shas = xcalloc(list.count + 1, sizeof *list.shas);
    cfg.feed = receive_group; /* received while the service runs */
    cfg.feed_ctx = &list;
    int code = service_run_or_wait("ingest", &cfg, list.shas, list.count);
    free(list.shas);
    ingest_progress_finish(&list.progress);
    int reported = report(&list);
    if (code == EXIT_OK)
        code = reported;
    for (size_t i = 0; i < list.count; i++) {
        free(list.items[i].path);
        free(list.items[i].error);
    }
    free(list.items);
    g_ptr_array_free(list.given, TRUE);
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
