/*
 * cmd_search.c - `dokaz search`: ranked hits, one per file, with the best page.
 *
 * Functions: cmd_search.
 */
#include "cli.h"
#include "search_options.h"
#include "service_options.h"
#include "index/index.h"
#include "output/output.h"
#include "report/report.h"
#include "common/fsutil.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz search [OPTIONS] QUERY...\n"
    "\n"
    "Find documents. One hit per file, with its best page and a snippet where\n"
    "the matching words are marked. Words are matched as written and by their\n"
    "Russian stem (приговор finds приговора). All words must match unless OR is\n"
    "used.\n"
    "\n"
    "Query syntax:\n"
    "  word word            both words (AND)\n"
    "  \"a phrase\"           the words in this order\n"
    "  a OR b, a NOT b      boolean operators (upper case)\n"
    "  -word, +word         exclude / require a word\n"
    "  prefix*              words starting with prefix\n"
    "  file:NAME            the original file name contains NAME\n"
    "  mime:application/pdf items of one type\n"
    "  from:, to:, cc:, subject:  e-mail headers (from:ivanov subject:приговор)\n"
    "  title:, author:      document properties\n"
    "\n"
    "Names: a word also matches by its name key, the same for every spelling and\n"
    "grammatical case (Siarhei Ivanou = Сергей Иванов = Іваноў Сяргей = Иванова\n"
    "Сергея), and two to four words also as a name (near each other; a given\n"
    "name also as an initial: Иванову С.Н.). Capitalised words that read as a\n"
    "person (Анна Василевич, Василевич А.В.) find the files naming that person;\n"
    "files naming only the surname, or the given name and patronymic, follow\n"
    "apart as possible matches, not counted. Exact spellings rank first, and\n"
    "documents naming the person as the accused above passing mentions.\n"
    "  name:\"Siarhei Ivanou\"  names only\n"
    "Fields found in the documents:\n"
    "  case:1-234/2024      a case number (as any paper writes it)\n"
    "  article:342          an article, any part; article:361-1, article:\"ч.1 ст.342\"\n"
    "  court:Минский        a court by words of its name\n"
    "  type:verdict         notice, summons, ruling, protocol, letter, other\n"
    "  date:2023..2024      a date mentioned (2024, 2024-03, 12.03.2024, A..B)\n"
    "  year:2024            the document's year     born:1986   a birth date\n"
    "  lang:be              be, ru, en, pl          folder:NAME a folder received from\n"
    "\n"
    "Options:\n"
    "  --data DIR           data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --json               one JSON object: {\"query\", \"total\", \"possible_total\",\n"
    "                       \"hits\": [{\"match\": \"exact\"|\"possible\", ...}]}\n"
    "  --limit N            at most N hits (default 20)\n"
    "  --offset N           skip the first N hits (paging)\n"
    "  --facets             count matching files by type, court, article, year,\n"
    "                       language and folder\n"
    "%s"
    "  --help               this help\n";

/* cmd_search - parse, search, print */
int cmd_search(int argc, char **argv)
{
    struct option options[16] = {
        {"data", required_argument, NULL, OPT_DATA},
        {"json", no_argument, NULL, OPT_JSON},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"offset", required_argument, NULL, OPT_OFFSET},
        {"help", no_argument, NULL, OPT_HELP},
    };
    memcpy(options + 5, search_long_options, 5 * sizeof *options);
    const char *data_option = NULL;
    int json = 0, opt, rc;
    long limit = 20, offset = 0;
    index_search_opts o = {0};
    search_filters filters = {.count = 0};
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        if ((rc = search_option("search", opt, optarg, &o, &filters)) >= 0) {
            if (rc != 0)
                return rc;
            continue;
        }
        switch (opt) {
        case OPT_HELP: printf(usage, search_options_help); return EXIT_OK;
        case OPT_DATA: data_option = optarg; break;
        case OPT_JSON: json = 1; break;
        case OPT_LIMIT:
            if (cli_parse_int(optarg, 1, 10000, &limit) != 0)
                return cli_usage_error("search", "--limit needs a number from 1 to 10000");
            break;
        case OPT_OFFSET:
            if (cli_parse_int(optarg, 0, 1000000, &offset) != 0)
                return cli_usage_error("search", "--offset needs a number of hits to skip");
            break;
        default: return cli_usage_error("search", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("search", "give a query");
    char *query = g_strjoinv(" ", argv + optind);
    char *data_dir = cli_data_dir(data_option);
    char *index_dir = fs_join(data_dir, "index");
    index_results *results = NULL;
    char *err = NULL;
    int code = EXIT_OK;
    o.offset = (size_t)offset;
    o.limit = (size_t)limit;
    if (index_search_ex(index_dir, query, &o, &results, &err) != 0) {
        fprintf(stderr, "dokaz search: %s\n", err ? err : "search failed");
        code = EXIT_FAILED;
    } else {
        for (size_t i = 0; i < results->count; i++) /* where each hit came from */
            results->hits[i].chain = report_chain(data_dir, results->hits[i].sha256);
        char *out = json ? output_results_json(results) : output_results_text(results);
        fputs(out, stdout);
        if (*out && out[strlen(out) - 1] != '\n')
            putchar('\n');
        free(out);
    }
    index_results_free(results);
    free(err);
    free(index_dir);
    free(data_dir);
    g_free(query);
    return code;
}
