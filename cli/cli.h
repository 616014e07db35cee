/*
 * cli.h - the `dokaz` command's subcommands and what they share.
 */
#ifndef DOKAZ_CLI_H
#define DOKAZ_CLI_H

#include <getopt.h>
#include <json-c/json.h>

/* Exit codes shared by all subcommands. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

int cmd_watch(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_worker(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_export_pdf(int argc, char **argv);
int cmd_retry(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_custody(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_timestamp(int argc, char **argv);
int cmd_access_log(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_persons(int argc, char **argv);
int cmd_person(int argc, char **argv);

/* cli_data_dir - the data directory: --data, else $DOKAZ_DATA, else ./dokaz-data
 * (absolute, malloc'd) */
char *cli_data_dir(const char *option);

/* cli_usage_error - print "dokaz CMD: message" and a hint to stderr; returns EXIT_USAGE */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* cli_simple_options - parse the options of a command that takes only --data,
 * --json and --help. Returns -1 to go on, else the exit code to return at once
 * (help printed, or a usage error reported). */
int cli_simple_options(const char *cmd, const char *usage, int argc, char **argv,
                       const char **data_option, int *json);

/* The options of `dokaz persons` and `dokaz person`. */
typedef struct {
    const char *data;    /* --data, NULL when not given */
    const char *role;    /* --role, a valid role filter, NULL when not given */
    const char *court;   /* --court, as typed, NULL when not given */
    const char *article; /* --article, as typed, NULL when not given */
    int year;            /* --year, 0 when not given */
    const char *csv;     /* --csv (dokaz person), NULL when not given */
    int json;
    int takes_role; /* set by the caller: whether --role, --court, --article and
                       --year are options */
} cli_persons_opts;

/* cli_persons_options - parse them (options and arguments in any order;
 * optind is left at the first argument). Returns -1 to go on, else the exit
 * code to return at once (help printed, or a usage error reported). */
int cli_persons_options(const char *cmd, const char *usage, int argc, char **argv,
                        cli_persons_opts *o);

/* cli_persons_build - the persons of the data directory (persons/persons.h,
 * persons_free it), or NULL with the error printed as cmd's */
struct persons *cli_persons_build(const char *cmd, const char *data_option);

/* cli_decision_text - a dossier document's "decision" in words ("prison 3 y
 * 6 m, general regime; fine 100 base units; property seized"; g_free) */
char *cli_decision_text(json_object *decision);

/* cli_json_join - a JSON array's items as text, sep between ("a, b"; g_free) */
char *cli_json_join(json_object *a, const char *sep);

/* cli_person_csv - a person's dossier (persons_dossier_json's form) as CSV
 * at path: case,date,type,court,role,decision,sha256,name,pages, one row a
 * document; -1 with *err when it cannot be written */
int cli_person_csv(json_object *person, const char *path, char **err);

/* cli_persons_print - print o with cli_print_json (json) or text, put it,
 * free t; EXIT_OK */
int cli_persons_print(struct persons *t, json_object *o, int json, void (*text)(json_object *));

/* cli_parse_int - a whole number within [min, max] from an option's text */
int cli_parse_int(const char *text, long min, long max, long *out);

/* cli_parse_seconds - a time in seconds, fractions allowed, from 0.01 to
 * 3600, for `what` (an option or key) of cmd; 0, or EXIT_USAGE after saying
 * what it takes */
int cli_parse_seconds(const char *cmd, const char *what, const char *text, double *out);

/* cli_reexec - replace this process by `dokaz` with the same subcommand and
 * arguments (argv as the subcommand got it): how SIGHUP reloads the
 * configuration of watch and serve. Returns only on failure (the exit code). */
int cli_reexec(int argc, char **argv);

/* cli_print_json - print an object as pretty JSON followed by a newline */
void cli_print_json(json_object *o);

#endif
