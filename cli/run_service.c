/*
 * run_service.c - process what is queued: with the running service, or as
 * one (see service_options.h, service_run_or_wait).
 *
 * `ingest` and `retry` queue items and return once they are processed. When
 * a `dokaz watch` holds the data directory, it does the work and this
 * process waits, taking the service lock as soon as it is free: a service
 * that stops or dies before it is through does not leave the command
 * waiting forever, the command runs the service itself for the rest.
 *
 * Functions: service_run_or_wait, service_print_outcome.
 */
#include "cli.h"
#include "service_options.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "common/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* waiting_count - how many of the items are still queued or active */
static size_t waiting_count(const char *data_dir, char *const *shas, size_t n)
{
    size_t waiting = 0;
    for (size_t i = 0; i < n; i++) {
        int state = shas[i] ? queue_state_of(data_dir, shas[i]) : -1;
        waiting += state == QUEUE_INCOMING || state == QUEUE_ACTIVE;
    }
    return waiting;
}

/* feed_and_wait - hand the running service the rest of the input (cfg->feed,
 * as far ahead as it takes it), and poll the queue until the items are
 * through (-1), or the service's lock is free (its fd: the service is gone) */
static int feed_and_wait(const char *cmd, service_config *cfg, char *const *shas, size_t n)
{
    time_t last_report = time(NULL);
    for (;;) {
        int fed = cfg->feed != NULL ? cfg->feed(cfg->feed_ctx) : SERVICE_FEED_DONE;
        if (fed == SERVICE_FEED_DONE)
            cfg->feed = NULL;
        size_t waiting = waiting_count(cfg->data_dir, shas, n);
        if (cfg->feed == NULL && waiting == 0)
            return -1;
        int lock = service_lock(cfg->data_dir, NULL);
        if (lock >= 0) {
            fprintf(stderr,
                    "dokaz %s: the service stopped before these files were through; "
                    "processing the rest here\n",
                    cmd);
            return lock;
        }
        if (time(NULL) - last_report >= 10) {
            fprintf(stderr, "dokaz %s: %zu files still being processed by the service%s\n", cmd,
                    waiting, cfg->feed ? ", more to come" : "");
            last_report = time(NULL);
        }
        usleep(200 * 1000);
    }
}

/* service_run_or_wait - run the service until idle, or wait for the running one */
int service_run_or_wait(const char *cmd, service_config *cfg, char *const *shas, size_t n)
{
    char *err = NULL;
    int lock = service_lock(cfg->data_dir, &err);
    if (lock < 0) {
        fprintf(stderr, "dokaz %s: %s; waiting for it to process the files\n", cmd, err);
        lock = feed_and_wait(cmd, cfg, shas, n);
    }
    free(err);
    err = NULL;
    int code = EXIT_OK;
    if (lock >= 0) {
        cfg->exit_when_idle = 1;
        if (service_run(cfg, &err) != 0) {
            fprintf(stderr, "dokaz %s: %s\n", cmd, err);
            code = EXIT_FAILED;
        }
        free(err);
        close(lock);
    }
    return code;
}

/* service_print_outcome - status, type, pages, safe path, prefix, reason */
int service_print_outcome(const char *data_dir, const char *sha256, const char *path)
{
    item_page_reader *pages = NULL; /* counted, not read: no text, no member list held */
    item_result *result = item_result_open(data_dir, sha256, &pages, NULL);
    const char *reason = result ? result->reason : NULL;
    size_t npages = result ? item_page_reader_count(pages) : 0;
    char *safe = text_safe(path ? path : "-"), *safe_reason = text_safe(reason ? reason : "");
    printf("%s\t%s\t%zu page%s\t%s\t%.12s%s%s\n",
           result ? item_status_name(result->status) : "not processed",
           result && result->mime ? result->mime : "-", npages, npages == 1 ? "" : "s", safe,
           sha256, reason ? "\t" : "", safe_reason);
    int failed = result == NULL || result->status == ITEM_FAILED;
    free(safe_reason);
    free(safe);
    item_page_reader_free(pages);
    item_result_free(result);
    return failed;
}
