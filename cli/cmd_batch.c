/*
 * cmd_batch.c - `dokaz batch NAMES.txt`: every line of a list (a name or a
 * query) searched, with the matching documents of each; as text, JSON or CSV.
 *
 * Functions: cmd_batch.
 */
#include "cli.h"
#include "search_options.h"
#include "service_options.h"
#include "index/index.h"
#include "output/output.h"
#include "common/fsutil.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz batch [OPTIONS] NAMES.txt\n"
    "\n"
    "Search every line of a list: one name (in any spelling: \"Siarhei Ivanou\",\n"
    "\"Иванов Сергей Николаевич\") or one query per line, as `dokaz search` takes\n"
    "it. Blank lines and lines starting with # are skipped; in a line without\n"
    "':' or '\"' commas count as spaces. NAMES.txt may be - for standard input.\n"
    "For each line: how many files match, and each file with its page, case\n"
    "number and a snippet, in the list's order. A long list is searched on\n"
    "several cores at once (up to 4, one for every 8 lines).\n"
    "\n"
    "Options:\n"
    "  --data DIR           data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --csv OUT            also write a CSV table to OUT (- for standard output instead\n"
    "                       of the text): line,query,found,possible,rank,file,page,\n"
    "                       cases,type,date,courts,matched,snippet,sha256,path,error\n"
    "                       (possible: a person's possible matches, counted apart)\n"
    "  --json               one JSON object {\"lines\": [{\"query\", \"total\",\n"
    "                       \"possible_total\", \"hits\"}]}\n"
    "  --limit N            at most N files per line (default 50)\n"
    "%s"
    "  --help               this help\n"
    "\n"
    "Exit status: 0 when every line was searched, 1 when a line could not be\n"
    "(its error is in the output), 2 on a usage error.\n";

/* read_list - the whole list file, or standard input for "-" (g_free) */
static char *read_list(const char *path, char **err)
{
    char *text = NULL;
    GError *e = NULL;
    if (strcmp(path, "-") != 0) {
        if (!g_file_get_contents(path, &text, NULL, &e)) {
            *err = g_strdup(e->message);
            g_error_free(e);
        }
        return text;
    }
    GString *s = g_string_new(NULL);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len(s, buf, (gssize)n);
    return g_string_free(s, FALSE);
}

/* write_csv - the CSV to path ("-": standard output); 0 or -1 */
static int write_csv(const index_batch *b, const char *path)
{
    char *csv = output_batch_csv(b);
    int rc = -1;
    if (csv != NULL && strcmp(path, "-") == 0)
        rc = fputs(csv, stdout) >= 0 ? 0 : -1;
    else if (csv != NULL)
        rc = g_file_set_contents(path, csv, -1, NULL) ? 0 : -1;
    free(csv);
    return rc;
}

/* failed_lines - how many lines could not be searched */
static size_t failed_lines(const index_batch *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->count; i++)
        n += b->lines[i].error != NULL;
    return n;
}

/* cmd_batch - parse, search every line, print */
int cmd_batch(int argc, char **argv)
{
    struct option options[16] = {
        {"data", required_argument, NULL, OPT_DATA},   {"json", no_argument, NULL, OPT_JSON},
        {"limit", required_argument, NULL, OPT_LIMIT}, {"csv", required_argument, NULL, OPT_CSV},
        {"help", no_argument, NULL, OPT_HELP},
    };
    memcpy(options + 5, search_long_options, 5 * sizeof *options);
    const char *data_option = NULL, *csv = NULL;
    int json = 0, opt, rc;
    long limit = 50;
    index_search_opts o = {0};
    search_filters filters = {.count = 0};
    /* options may follow the list's name (dokaz batch NAMES.txt --csv OUT) */
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if ((rc = search_option("batch", opt, optarg, &o, &filters)) >= 0) {
            if (rc != 0)
                return rc;
            continue;
        }
        switch (opt) {
        case OPT_HELP: printf(usage, search_options_help); return EXIT_OK;
        case OPT_DATA: data_option = optarg; break;
        case OPT_JSON: json = 1; break;
        case OPT_CSV: csv = optarg; break;
        case OPT_LIMIT:
            if (cli_parse_int(optarg, 1, 10000, &limit) != 0)
                return cli_usage_error("batch", "--limit needs a number from 1 to 10000");
            break;
        default: return cli_usage_error("batch", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("batch", "give one list file (or - for standard input)");
    o.limit = (size_t)limit;
    char *err = NULL;
    char *text = read_list(argv[optind], &err);
    if (text == NULL) {
        fprintf(stderr, "dokaz batch: cannot read %s: %s\n", argv[optind], err ? err : "?");
        g_free(err);
        return EXIT_FAILED;
    }
    char *data_dir = cli_data_dir(data_option), *index_dir = fs_join(data_dir, "index");
    index_batch *b = NULL;
    int code = EXIT_OK;
    if (index_batch_search(index_dir, text, &o, &b, &err) != 0) {
        fprintf(stderr, "dokaz batch: %s\n", err ? err : "search failed");
        code = EXIT_FAILED;
    } else {
        if (csv != NULL && write_csv(b, csv) != 0) {
            fprintf(stderr, "dokaz batch: cannot write %s\n", csv);
            code = EXIT_FAILED;
        }
        if (csv == NULL || strcmp(csv, "-") != 0) {
            char *out = json ? output_batch_json(b) : output_batch_text(b);
            fputs(out ? out : "", stdout);
            if (json)
                putchar('\n');
            free(out);
        }
        if (failed_lines(b) > 0)
            code = EXIT_FAILED;
    }
    index_batch_free(b);
    free(err);
    free(index_dir);
    free(data_dir);
    g_free(text);
    return code;
}
