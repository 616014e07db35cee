/*
 * cmd_access_log.c - `dokaz access-log`: who saw what through the web
 * interface and the API (DATA/access.log, auth/auth.h), filtered by user,
 * item and time, after checking the log's hash chain.
 *
 * Functions: cmd_access_log.
 */
#include "cli.h"
#include "auth/auth.h"
#include "record/record.h"

#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACCESS_DATA = 3100, ACCESS_USER, ACCESS_ITEM, ACCESS_SINCE, ACCESS_JSON, ACCESS_HELP };

static const char usage[] =
    "Usage: dokaz access-log [--user NAME] [--item SHA256] [--since DATE] [--json]\n"
    "\n"
    "Who saw what: every search (its text), document, page image, download of an\n"
    "original or searchable PDF, batch search and export made through the web\n"
    "interface or the API, with the user, the time (UTC), the client's address and\n"
    "the answer's HTTP status (404: not there, or outside the user's collections).\n"
    "One line each, oldest first: time, user, address, action, item, page, status,\n"
    "query. The log (DATA/access.log) is readable by the data directory's owner\n"
    "only; its lines are hash-chained, and a line removed, edited or reordered is\n"
    "reported (exit status 1). Admins also see on each document's page who looked.\n"
    "\n"
    "Options:\n"
    "  --data DIR       data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --user NAME      only this user's lines\n"
    "  --item SHA256    only lines about this item (a unique prefix of 4+ digits will do)\n"
    "  --since DATE     only lines from this time on: 2026-12-01 or 2026-12-01T10:00\n"
    "  --json           a JSON array of objects\n"
    "  --help           this help\n";

typedef struct {
    const char *user, *item, *since;
    json_object *json; /* the array when --json */
} access_filter;

/* date_valid - YYYY-MM-DD, optionally followed by THH:MM or THH:MM:SS */
static int date_valid(const char *s)
{
    static const char form[] = "dddd-dd-ddTdd:dd:dd";
    size_t n = strlen(s);
    if (n != 10 && n != 16 && n != 19)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (form[i] == 'd' ? !g_ascii_isdigit(s[i]) : s[i] != form[i])
            return 0;
    return 1;
}

/* show - auth_access_each callback: a line that passes the filter */
static int show(const auth_access *a, void *ctx)
{
    const access_filter *f = ctx;
    if ((f->user && strcmp(a->user, f->user) != 0) ||
        (f->item && (a->item == NULL || strcmp(a->item, f->item) != 0)) ||
        (f->since && strncmp(a->time, f->since, strlen(f->since)) < 0))
        return 0;
    if (f->json == NULL) {
        printf("%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", a->time, a->user, a->address ? a->address : "-",
               a->action, a->item ? a->item : "-", a->page, a->status, a->query ? a->query : "");
        return 0;
    }
    json_object *o = json_object_new_object();
    json_object_object_add(o, "time", json_object_new_string(a->time));
    json_object_object_add(o, "user", json_object_new_string(a->user));
    json_object_object_add(o, "address", a->address ? json_object_new_string(a->address) : NULL);
    json_object_object_add(o, "action", json_object_new_string(a->action));
    json_object_object_add(o, "item", a->item ? json_object_new_string(a->item) : NULL);
    json_object_object_add(o, "page", json_object_new_int(a->page));
    json_object_object_add(o, "status", json_object_new_int(a->status));
    json_object_object_add(o, "query", a->query ? json_object_new_string(a->query) : NULL);
    json_object_array_add(f->json, o);
    return 0;
}

/* list - verify the chain, then print the lines that pass */
static int list(const char *data_dir, access_filter *f)
{
    char *err = NULL, *verify_err = NULL;
    size_t lines = 0;
    int broken = auth_access_verify(data_dir, &lines, &verify_err) != 0;
    int rc = auth_access_each(data_dir, show, f, &err);
    if (rc == 0 && f->json)
        cli_print_json(f->json);
    if (rc != 0)
        fprintf(stderr, "dokaz access-log: %s\n", err);
    if (broken)
        fprintf(stderr, "dokaz access-log: %s\n", verify_err);
    free(err);
    free(verify_err);
    return rc != 0 || broken ? EXIT_FAILED : EXIT_OK;
}

/* cmd_access_log - parse, list */
int cmd_access_log(int argc, char **argv)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, ACCESS_DATA},
        {"user", required_argument, NULL, ACCESS_USER},
        {"item", required_argument, NULL, ACCESS_ITEM},
        {"since", required_argument, NULL, ACCESS_SINCE},
        {"json", no_argument, NULL, ACCESS_JSON},
        {"help", no_argument, NULL, ACCESS_HELP},
        {NULL, 0, NULL, 0},
    };
    const char *data = NULL;
    access_filter f = {0};
    int json = 0, opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case ACCESS_HELP: fputs(usage, stdout); return EXIT_OK;
        case ACCESS_DATA: data = optarg; break;
        case ACCESS_USER: f.user = optarg; break;
        case ACCESS_ITEM: f.item = optarg; break;
        case ACCESS_SINCE:
            if (!date_valid(optarg))
                return cli_usage_error("access-log",
                                       "--since needs 2026-12-01 or "
                                       "2026-12-01T10:00, not '%s'",
                                       optarg);
            f.since = optarg;
            break;
        case ACCESS_JSON: json = 1; break;
        default: return cli_usage_error("access-log", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("access-log", "takes no arguments");
    char *data_dir = cli_data_dir(data), *sha = NULL, *err = NULL;
    if (f.item && strlen(f.item) != 64) {
        sha = item_resolve(data_dir, f.item, &err);
        if (sha == NULL) {
            fprintf(stderr, "dokaz access-log: %s\n", err);
            free(err);
            free(data_dir);
            return EXIT_FAILED;
        }
        f.item = sha;
    }
    f.json = json ? json_object_new_array() : NULL;
    int code = list(data_dir, &f);
    json_object_put(f.json);
    free(sha);
    free(data_dir);
    return code;
}
