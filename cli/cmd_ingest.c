/*
 * cmd_ingest.c - `dokaz ingest`: receive files once and wait until they are searchable.
 *
 * The files are received exactly as `watch` receives them (evidence store,
 * records, queue). Then, if no service runs on the data directory, this
 * process runs the service itself until the queue is empty; if one runs, it
 * waits for that service to process them.
 *
 * Functions: cmd_ingest.
 */
#include "cli.h"
#include "service_options.h"
#include "ingest/accept.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/text.h"
#include "common/xalloc.h"

#include <ftw.h>
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
    "\n"
    "Options:\n";

typedef struct {
    char *path;
    char sha256[65];
    char *error; /* could not be received */
} ingest_entry;

typedef struct {
    ingest_entry *items;
    size_t count, cap;
    const char *data_dir;
} ingest_list;

/* receive_one - accept one file and remember the outcome */
static void receive_one(ingest_list *list, const char *path)
{
    if (list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    ingest_entry *e = &list->items[list->count++];
    memset(e, 0, sizeof *e);
    e->path = fs_abspath(path);
    evidence_ref ref;
    int queued = 0;
    if (accept_file(list->data_dir, e->path, &ref, &queued, &e->error) == 0)
        memcpy(e->sha256, ref.sha256, sizeof e->sha256);
}

static ingest_list *walk_list; /* nftw has no context argument */
static size_t walk_root;       /* length of the folder walked, for relative paths */
static const service_config *walk_cfg;

/* walk_entry - nftw callback: receive regular files */
static int walk_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_F && accept_in_share(path + walk_root, walk_cfg->share_k, walk_cfg->share_n))
        receive_one(walk_list, path);
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

/* cmd_ingest - receive, process (or wait), report */
int cmd_ingest(int argc, char **argv)
{
    service_config cfg;
    service_default_config(&cfg);
    const char *data_option = NULL;
    int verbose = 0, opt;
    while ((opt = getopt_long(argc, argv, "+", service_long_options, NULL)) != -1) {
        if (opt == OPT_HELP) {
            printf("%s%s", usage, service_options_help);
            return EXIT_OK;
        }
        int rc = service_option("ingest", opt, optarg, &cfg, &data_option, &verbose);
        if (rc != 0)
            return rc > 0 ? rc : cli_usage_error("ingest", "unknown option");
    }
    if (optind >= argc)
        return cli_usage_error("ingest", "give at least one file or folder");
    cfg.log_level = verbose ? LOG_DEBUG : LOG_WARN;
    log_setup("ingest", (log_level)cfg.log_level);
    char *data_dir = cli_data_dir(data_option);
    cfg.data_dir = data_dir;
    char *err = NULL;
    if (accept_prepare(data_dir, &err) != 0) {
        fprintf(stderr, "dokaz ingest: %s\n", err);
        free(err);
        free(data_dir);
        return EXIT_FAILED;
    }
    ingest_list list = {.data_dir = data_dir};
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            walk_list = &list;
            walk_cfg = &cfg;
            walk_root = strlen(argv[i]) + (argv[i][strlen(argv[i]) - 1] != '/');
            nftw(argv[i], walk_entry, 32, FTW_PHYS);
        } else if (accept_in_share(argv[i], cfg.share_k, cfg.share_n)) {
            receive_one(&list, argv[i]);
        }
    }
    char **shas = xcalloc(list.count + 1, sizeof *shas);
    for (size_t i = 0; i < list.count; i++)
        shas[i] = list.items[i].error ? NULL : list.items[i].sha256;
    int code = service_run_or_wait("ingest", &cfg, shas, list.count);
    free(shas);
    int reported = report(&list);
    if (code == EXIT_OK)
        code = reported;
    for (size_t i = 0; i < list.count; i++) {
        free(list.items[i].path);
        free(list.items[i].error);
    }
    free(list.items);
    free(data_dir);
    return code;
}
