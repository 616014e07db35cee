/*
 * cmd_verify.c - `dokaz verify`: re-hash every original, walk the audit
 * chain, check that the store, queue, records and index agree.
 *
 * Functions: cmd_verify.
 */
#include "cli.h"
#include "custody/custody.h"
#include "common/log.h"

#include <errno.h>
#include <getopt.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: dokaz verify [OPTIONS]\n"
    "\n"
    "Check that nothing changed: re-hash every original in the evidence store,\n"
    "walk the audit log's hash chain end to end and hold it against the head the\n"
    "index keeps, and check that the audit log, the evidence store, the queue,\n"
    "the item records (bound into the chain by their hashes) and the index agree.\n"
    "Each problem is printed as 'FILE: what is wrong' with its item; then the audit\n"
    "log's head hash (note it down: a later log must still contain it) and a\n"
    "one-line summary. The result is recorded in the audit log.\n"
    "\n"
    "Exit status: 0 when nothing is wrong, 1 when something is.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --quick      compare sizes, re-hash only a random sample of originals\n"
    "  --json       one JSON object: problems, summary, head\n"
    "  --every H    run again every H hours (a decimal number) until stopped, at the\n"
    "               lowest CPU and idle I/O priority, logging each result (what\n"
    "               `dokaz watch --verify-every` runs)\n"
    "  --help       this help\n";

enum { OPT_V_DATA = 1, OPT_V_JSON, OPT_V_QUICK, OPT_V_EVERY, OPT_V_HELP };

/* ioprio_set(2)'s idle class, which glibc does not name. */
enum { IOPRIO_WHO_PROCESS = 1, IOPRIO_CLASS_IDLE = 3, IOPRIO_CLASS_SHIFT = 13 };

typedef struct {
    json_object *problems; /* --json: the array; else NULL and printed at once */
    bool tty;              /* progress goes to stderr */
} verify_out;

/* on_problem - print or collect one problem */
static void on_problem(const custody_problem *p, void *ctx)
{
    verify_out *out = ctx;
    if (out->tty)
        fputs("\r\033[K", stderr);
    if (out->problems == NULL) {
        if (p->sha256)
            printf("item %.12s  ", p->sha256);
        printf("%s: %s\n", p->file, p->what);
        fflush(stdout);
        return;
    }
    json_object *o = json_object_new_object();
    json_object_object_add(o, "sha256", p->sha256 ? json_object_new_string(p->sha256) : NULL);
    json_object_object_add(o, "file", json_object_new_string(p->file));
    json_object_object_add(o, "what", json_object_new_string(p->what));
    json_object_array_add(out->problems, o);
}

/* on_progress - "re-hashing originals: 42% (1.2 of 2.9 GB)" on a terminal */
static void on_progress(uint64_t done, uint64_t total, void *ctx)
{
    verify_out *out = ctx;
    static int last = -1;
    int pct = total ? (int)(done * 100 / total) : 100;
    if (!out->tty || pct == last)
        return;
    last = pct;
    fprintf(stderr, "\rre-hashing originals: %3d%% (%.2f of %.2f GB)", pct, (double)done / 1e9,
            (double)total / 1e9);
    if (done == total)
        fputs("\r\033[K", stderr);
}

/* summary_json - what was checked */
static json_object *summary_json(const custody_verify_summary *s)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "originals", json_object_new_int64((int64_t)s->originals));
    json_object_object_add(o, "rehashed", json_object_new_int64((int64_t)s->rehashed));
    json_object_object_add(o, "bytes", json_object_new_int64((int64_t)s->bytes));
    json_object_object_add(o, "audit_lines", json_object_new_int64((int64_t)s->audit_lines));
    json_object_object_add(o, "index_items", json_object_new_int64((int64_t)s->index_items));
    json_object_object_add(o, "tokens", json_object_new_int64((int64_t)s->tokens));
    json_object_object_add(o, "problems", json_object_new_int64((int64_t)s->problems));
    json_object_object_add(o, "seconds", json_object_new_double(s->seconds));
    json_object_object_add(o, "head", json_object_new_string(s->head));
    return o;
}

/* log_problem - a problem found by a scheduled run goes to the log */
static void log_problem(const custody_problem *p, void *ctx)
{
    (void)ctx;
    log_msg(LOG_ERROR, "verify: %s%.12s%s%s: %s", p->sha256 ? "item " : "",
            p->sha256 ? p->sha256 : "", p->sha256 ? " " : "", p->file, p->what);
}

/* every - verify every `hours` until killed, gently: lowest CPU priority,
 * idle I/O class; each result is logged and recorded in the audit log */
static int every(const char *data_dir, double hours, bool quick)
{
    if (setpriority(PRIO_PROCESS, 0, 19) != 0 ||
        syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_CLASS_IDLE << IOPRIO_CLASS_SHIFT) !=
            0)
        log_msg(LOG_WARN, "verify: cannot lower my priority: %s", strerror(errno));
    custody_verify_opts opts = {.quick = quick, .problem = log_problem};
    for (;;) {
        double left = hours * 3600;
        while (left > 0) {
            struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
            struct timespec rest = {0, 0};
            if (nanosleep(&ts, &rest) == 0)
                break;
            left = (double)rest.tv_sec + (double)rest.tv_nsec / 1e9;
        }
        custody_verify_summary sum;
        char *err = NULL;
        if (custody_verify(data_dir, &opts, &sum, &err) != 0 ||
            custody_verify_record(data_dir, &sum, &err) != 0) {
            log_msg(LOG_ERROR, "verify: %s", err);
            free(err);
            continue;
        }
        char *line = custody_verify_line(&sum);
        log_msg(sum.problems ? LOG_ERROR : LOG_INFO, "%s", line);
        free(line);
    }
    return EXIT_OK;
}

/* cmd_verify - parse, check, report, record */
int cmd_verify(int argc, char **argv)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, OPT_V_DATA},   {"json", no_argument, NULL, OPT_V_JSON},
        {"quick", no_argument, NULL, OPT_V_QUICK},       {"help", no_argument, NULL, OPT_V_HELP},
        {"every", required_argument, NULL, OPT_V_EVERY}, {NULL, 0, NULL, 0},
    };
    const char *data_option = NULL;
    int json = 0, opt;
    double hours = 0;
    custody_verify_opts opts = {.problem = on_problem, .progress = on_progress};
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        if (opt == OPT_V_HELP) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (opt == OPT_V_DATA) {
            data_option = optarg;
        } else if (opt == OPT_V_JSON) {
            json = 1;
        } else if (opt == OPT_V_QUICK) {
            opts.quick = true;
        } else if (opt == OPT_V_EVERY) {
            char *end = NULL;
            hours = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || !(hours > 0 && hours < 1e6))
                return cli_usage_error("verify", "--every takes a number of hours above 0");
        } else {
            return cli_usage_error("verify", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("verify", "takes no arguments");
    if (hours > 0) {
        char *dir = cli_data_dir(data_option);
        int code = every(dir, hours, opts.quick);
        free(dir);
        return code;
    }
    char *data_dir = cli_data_dir(data_option), *err = NULL;
    verify_out out = {json ? json_object_new_array() : NULL, isatty(STDERR_FILENO) == 1};
    opts.ctx = &out;
    custody_verify_summary sum;
    if (custody_verify(data_dir, &opts, &sum, &err) != 0) {
        fprintf(stderr, "dokaz verify: %s\n", err);
        free(err);
        json_object_put(out.problems);
        free(data_dir);
        return EXIT_FAILED;
    }
    if (custody_verify_record(data_dir, &sum, &err) != 0) {
        fprintf(stderr, "dokaz verify: the result could not be recorded: %s\n", err);
        free(err);
    }
    char *line = custody_verify_line(&sum);
    if (json) {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "clean", json_object_new_boolean(sum.problems == 0));
        json_object_object_add(o, "problems", out.problems);
        json_object_object_add(o, "summary", summary_json(&sum));
        json_object_object_add(o, "line", json_object_new_string(line));
        cli_print_json(o);
        json_object_put(o);
    } else {
        printf("audit log head %s (line %zu)\n%s\n", sum.head, sum.audit_lines, line);
    }
    free(line);
    free(data_dir);
    return sum.problems == 0 ? EXIT_OK : EXIT_FAILED;
}
