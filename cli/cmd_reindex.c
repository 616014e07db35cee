/*
 * cmd_reindex.c - the index rebuilt while the service is stopped:
 * `dokaz reindex` from the stored records (service_reindex), without
 * reading any file again, and `dokaz index compact` (service_compact).
 *
 * Functions: cmd_reindex, cmd_index.
 */
#include "cli.h"
#include "service/service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char reindex_usage[] =
    "Usage: dokaz reindex [--data DIR]\n"
    "\n"
    "Rebuild the index from the items' stored result records: no file is read or\n"
    "recognised again. The new index is built beside the old one, which serves\n"
    "searches meanwhile, and replaces it in one step. Items without a readable\n"
    "record are queued to be processed again. The service must not be running\n"
    "(stop `dokaz watch` first). Exit status: 0 when done, 1 on failure.\n"
    "\n"
    "Options:\n"
    "  --data DIR   the data directory\n";

static const char index_usage[] =
    "Usage: dokaz index compact [--data DIR] [--json]\n"
    "\n"
    "Rewrite the index compactly, as xapian-compact does: after many small\n"
    "commits (the service commits a group of items every few seconds) its\n"
    "tables hold half-empty blocks, which cost disk space and search time.\n"
    "The compacted copy is built beside the index, which serves searches\n"
    "meanwhile, and replaces it in one step; nothing else changes (no record\n"
    "or original is read). The service must not be running (stop `dokaz watch`\n"
    "first). Prints the index's size before and after.\n"
    "\n"
    "Options:\n"
    "  --data DIR   the data directory\n"
    "  --json       {\"before\": BYTES, \"after\": BYTES}\n";

/* What one of the two commands does once the service lock is held. */
typedef int (*locked_fn)(const char *data_dir, int json, char **err);

/* reindex_locked - rebuild, say what was done */
static int reindex_locked(const char *data_dir, int json, char **err)
{
    (void)json;
    service_reindexed done;
    if (service_reindex(data_dir, &done, err) != 0)
        return -1;
    printf("reindexed %zu items (%zu pages) from their records; %zu queued to be "
           "processed again\n",
           done.items, done.pages, done.requeued);
    return 0;
}

/* compact_locked - compact, say by how much */
static int compact_locked(const char *data_dir, int json, char **err)
{
    service_compacted size;
    if (service_compact(data_dir, &size, err) != 0)
        return -1;
    if (json)
        printf("{\"before\": %llu, \"after\": %llu}\n", size.before, size.after);
    else
        printf("index compacted: %.1f MB -> %.1f MB (%.0f%%)\n", size.before / 1e6,
               size.after / 1e6, size.before ? 100.0 * size.after / size.before : 100.0);
    return 0;
}

/* run_locked - parse the options, take the service lock, run fn */
static int run_locked(const char *cmd, const char *usage, locked_fn fn, int argc, char **argv)
{
    const char *data_option = NULL;
    int json = 0;
    int code = cli_simple_options(cmd, usage, argc, argv, &data_option, &json);
    if (code >= 0)
        return code;
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    char *data_dir = cli_data_dir(data_option), *err = NULL;
    int lock = service_lock(data_dir, &err);
    code = EXIT_OK;
    if (lock < 0 || fn(data_dir, json, &err) != 0) {
        fprintf(stderr, "dokaz %s: %s\n", cmd, err);
        code = EXIT_FAILED;
    }
    if (lock >= 0)
        close(lock);
    free(err);
    free(data_dir);
    return code;
}

/* cmd_reindex - `dokaz reindex` */
int cmd_reindex(int argc, char **argv)
{
    return run_locked("reindex", reindex_usage, reindex_locked, argc, argv);
}

/* cmd_index - `dokaz index compact` */
int cmd_index(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "compact") == 0)
        return run_locked("index compact", index_usage, compact_locked, argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(index_usage, stdout);
        return EXIT_OK;
    }
    return cli_usage_error("index", "give 'compact'");
}
