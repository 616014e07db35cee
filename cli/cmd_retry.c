/*
 * cmd_retry.c - `dokaz retry`: process failed items again.
 *
 * A failed item (a worker crash, a time-out, a full disk at the wrong
 * moment, an index that would not take it) goes back to queue/incoming by
 * the queue's own rename, with a "requeued" line in the audit log, and is
 * processed like a new one: by the running service, or by this command.
 *
 * Functions: cmd_retry.
 */
#include "cli.h"
#include "service_options.h"
#include "ingest/audit.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz retry [OPTIONS] (SHA256... | --failed)\n"
    "\n"
    "Process failed items again: the items named by their SHA-256, or with\n"
    "--failed every failed item. Returns when they are processed (by the running\n"
    "`dokaz watch`, else by this command), printing one line per item as\n"
    "`dokaz ingest` does. Exit status: 0 when every item is now\n"
    "processed, 1 when any failed again or is not a failed item, 2 on a usage error.\n"
    "\n"
    "Options:\n"
    "  --failed             every failed item\n";

enum { RETRY_FAILED = 2200 };

/* requeue - failed -> incoming with an audit line; 0, or -1 (said) */
static int requeue(const char *data_dir, const char *sha)
{
    char *err = NULL;
    audit_event ev = {.kind = AUDIT_REQUEUED, .sha256 = sha, .reason = "retry asked for"};
    if (!evidence_is_sha256(sha)) {
        fprintf(stderr, "dokaz retry: %s is not a SHA-256 (64 lower-case hex digits)\n", sha);
        return -1;
    }
    if (queue_move(data_dir, sha, QUEUE_FAILED, QUEUE_INCOMING, &err) != 0 ||
        audit_append_event(data_dir, &ev, &err) != 0) {
        int state = queue_state_of(data_dir, sha);
        fprintf(stderr, "dokaz retry: %.12s is %s, not failed: %s\n", sha,
                state < 0 ? "unknown" : queue_state_name((queue_state)state), err);
        free(err);
        return -1;
    }
    return 0;
}

/* report - one line per item; EXIT_FAILED when any is not processed */
static int report(const char *data_dir, char *const *shas, size_t n)
{
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (shas[i] == NULL)
            continue;
        item_receptions *r = item_receptions_load(data_dir, shas[i], NULL);
        const item_reception *first = item_receptions_first(r);
        failed |= service_print_outcome(data_dir, shas[i], first ? first->path : NULL);
        item_receptions_free(r);
    }
    return failed ? EXIT_FAILED : EXIT_OK;
}

/* cmd_retry - parse, requeue, process, report */
int cmd_retry(int argc, char **argv)
{
    service_config cfg;
    service_default_config(&cfg);
    const char *data_option = NULL;
    int verbose = 0, all = 0, opt;
    static const struct option failed[] = {{"failed", no_argument, NULL, RETRY_FAILED}};
    struct option *options = service_options_with(failed, 1);
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        int rc = opt == RETRY_FAILED ? (all = 1, 0)
                 : opt == OPT_HELP
                     ? (printf("%s%s", usage, service_options_help), -2)
                     : service_option("retry", opt, optarg, &cfg, &data_option, &verbose);
        if (rc != 0) {
            free(options);
            return rc == -2 ? EXIT_OK : rc > 0 ? rc : cli_usage_error("retry", "unknown option");
        }
    }
    free(options);
    if (all == (optind < argc))
        return cli_usage_error("retry", "give SHA-256s or --failed, not both or neither");
    cfg.log_level = verbose ? LOG_DEBUG : LOG_WARN;
    log_setup("retry", (log_level)cfg.log_level);
    char *data_dir = cli_data_dir(data_option);
    cfg.data_dir = data_dir;
    char **shas = NULL, *err = NULL;
    size_t n = 0;
    int code = EXIT_OK;
    if (all && queue_list(data_dir, QUEUE_FAILED, &shas, &n, &err) != 0) {
        fprintf(stderr, "dokaz retry: %s\n", err);
        free(err);
        free(data_dir);
        return EXIT_FAILED;
    }
    if (!all) {
        n = (size_t)(argc - optind);
        shas = xcalloc(n, sizeof *shas);
        for (size_t i = 0; i < n; i++)
            shas[i] = xstrdup(argv[optind + (int)i]);
    }
    for (size_t i = 0; i < n; i++)
        if (requeue(data_dir, shas[i]) != 0) {
            free(shas[i]);
            shas[i] = NULL;
            code = EXIT_FAILED;
        }
    if (n > 0 && service_run_or_wait("retry", &cfg, shas, n) != EXIT_OK)
        code = EXIT_FAILED;
    if (report(data_dir, shas, n) != EXIT_OK)
        code = EXIT_FAILED;
    queue_list_free(shas, n);
    free(data_dir);
    return code;
}
