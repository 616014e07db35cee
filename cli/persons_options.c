/*
 * persons_options.c - what `dokaz persons` and `dokaz person` share: their
 * options and the table of persons they read.
 *
 * Functions: cli_persons_options, cli_persons_build, cli_persons_print.
 */
#include "cli.h"
#include "service_options.h"
#include "persons/persons.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

enum { OPT_ROLE = OPT_DATA + 100, OPT_COURT, OPT_ARTICLE, OPT_YEAR, OPT_CSV };

#define YEAR_MIN 1900 /* a document's year, as --year takes it */
#define YEAR_MAX 2200

/* cli_persons_options - getopt_long (options and arguments in any order)
 * over --data, --json, --help and, where takes_role is set, --role,
 * --court, --article and --year, else --csv */
int cli_persons_options(const char *cmd, const char *usage, int argc, char **argv,
                        cli_persons_opts *o)
{
    static const struct option options[] = {
        {"role", required_argument, NULL, OPT_ROLE},
        {"court", required_argument, NULL, OPT_COURT},
        {"article", required_argument, NULL, OPT_ARTICLE},
        {"year", required_argument, NULL, OPT_YEAR},
        {"csv", required_argument, NULL, OPT_CSV},
        {"data", required_argument, NULL, OPT_DATA},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == OPT_HELP) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (opt == OPT_DATA) {
            o->data = optarg;
        } else if (opt == OPT_JSON) {
            o->json = 1;
        } else if (opt == OPT_ROLE && o->takes_role) {
            if (!persons_role_valid(optarg))
                return cli_usage_error(cmd, "unknown role \"%s\"", optarg);
            o->role = optarg;
        } else if (opt == OPT_COURT && o->takes_role) {
            o->court = optarg;
        } else if (opt == OPT_ARTICLE && o->takes_role) {
            o->article = optarg;
        } else if (opt == OPT_CSV && !o->takes_role) {
            o->csv = optarg;
        } else if (opt == OPT_YEAR && o->takes_role) {
            long year;
            if (cli_parse_int(optarg, YEAR_MIN, YEAR_MAX, &year) < 0)
                return cli_usage_error(cmd, "--year takes a year, not \"%s\"", optarg);
            o->year = (int)year;
        } else {
            return cli_usage_error(cmd, "unknown option");
        }
    }
    return -1;
}

/* cli_persons_build - the table, or NULL with the error printed */
struct persons *cli_persons_build(const char *cmd, const char *data_option)
{
    char *data_dir = cli_data_dir(data_option), *err = NULL;
    size_t skipped = 0;
    persons *t = persons_build(data_dir, NULL, &skipped, &err);
    free(data_dir);
    if (t == NULL) {
        fprintf(stderr, "dokaz %s: %s\n", cmd, err);
        free(err);
    } else if (skipped > 0) {
        fprintf(stderr, "dokaz %s: %zu records could not be read and are left out\n", cmd, skipped);
    }
    return t;
}

/* cli_persons_print - the answer as JSON or as text, then both freed */
int cli_persons_print(struct persons *t, json_object *o, int json, void (*text)(json_object *))
{
    if (json)
        cli_print_json(o);
    else
        text(o);
    json_object_put(o);
    persons_free(t);
    return EXIT_OK;
}
