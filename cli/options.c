/*
 * options.c - helpers every subcommand uses (see cli.h).
 *
 * Functions: cli_data_dir, cli_usage_error, cli_simple_options, cli_parse_int,
 * cli_parse_seconds, cli_print_json, cli_reexec.
 */
#include "cli.h"
#include "service_options.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cli_data_dir - option, environment, default; made absolute */
char *cli_data_dir(const char *option)
{
    const char *dir = option;
    if (dir == NULL || *dir == '\0')
        dir = getenv("DOKAZ_DATA");
    if (dir == NULL || *dir == '\0')
        dir = "dokaz-data";
    return fs_abspath(dir);
}

/* cli_usage_error - message plus a pointer to --help */
int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "dokaz %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized): started above */
    va_end(ap);
    fprintf(stderr, "\nTry 'dokaz %s --help'.\n", cmd);
    return EXIT_USAGE;
}

/* cli_simple_options - getopt_long over --data, --json, --help */
int cli_simple_options(const char *cmd, const char *usage, int argc, char **argv,
                       const char **data_option, int *json)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, OPT_DATA},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0},
    };
    int opt;
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        if (opt == OPT_HELP) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (opt == OPT_DATA) {
            *data_option = optarg;
        } else if (opt == OPT_JSON) {
            *json = 1;
        } else {
            return cli_usage_error(cmd, "unknown option");
        }
    }
    return -1;
}

/* cli_parse_int - strtol with range and trailing-garbage checks */
int cli_parse_int(const char *text, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* cli_parse_seconds - strtod, within range */
int cli_parse_seconds(const char *cmd, const char *what, const char *text, double *out)
{
    char *end = NULL;
    double v = g_ascii_strtod(text, &end);
    if (end == text || *end != '\0' || !(v >= 0.01 && v <= 3600))
        return cli_usage_error(cmd, "%s needs seconds from 0.01 to 3600, not '%s'", what, text);
    *out = v;
    return 0;
}

/* cli_print_json - pretty, unescaped slashes, UTF-8 as is */
void cli_print_json(json_object *o)
{
    puts(json_object_to_json_string_ext(o,
                                        JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
}

/* cli_reexec - run this dokaz again with the same command and arguments */
int cli_reexec(int argc, char **argv)
{
    char **again = xcalloc((size_t)argc + 2, sizeof *again);
    again[0] = "dokaz";
    memcpy(again + 1, argv, (size_t)argc * sizeof *again);
    fprintf(stderr, "dokaz %s: reloading: reading the configuration again\n", argv[0]);
    fflush(NULL);
    execv("/proc/self/exe", again);
    fprintf(stderr, "dokaz %s: cannot start again: %s\n", argv[0], strerror(errno));
    free(again);
    return EXIT_FAILED;
}
