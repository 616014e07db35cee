/*
 * search_options.c - options shared by `dokaz search` and `dokaz batch`:
 * --sort, --filter, --facets, --exact.
 *
 * Functions: search_option.
 */
#include "search_options.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

const struct option search_long_options[] = {
    {"sort", required_argument, NULL, OPT_SORT}, {"filter", required_argument, NULL, OPT_FILTER},
    {"facets", no_argument, NULL, OPT_FACETS}, /* listed in search's help */
    {"exact", no_argument, NULL, OPT_EXACT},     {NULL, 0, NULL, 0},
};

const char search_options_help[] =
    "  --sort ORDER         relevance (default), newest or oldest (by document date)\n"
    "  --filter FIELD=VALUE only files with this value: type=verdict, court=KEY,\n"
    "                       article=342, year=2024, lang=be, folder=PATH, case=1-234/2024,\n"
    "                       date=2023..2024, born=1986 (repeat: same field ORs, fields AND)\n"
    "  --exact              words only as written and by stem, not by name key\n";

/* search_option - one option */
int search_option(const char *cmd, int opt, const char *arg, index_search_opts *o,
                  search_filters *f)
{
    switch (opt) {
    case OPT_SORT:
        if (strcmp(arg, "relevance") == 0)
            o->sort = INDEX_SORT_RELEVANCE;
        else if (strcmp(arg, "newest") == 0)
            o->sort = INDEX_SORT_NEWEST;
        else if (strcmp(arg, "oldest") == 0)
            o->sort = INDEX_SORT_OLDEST;
        else
            return cli_usage_error(cmd, "--sort takes relevance, newest or oldest");
        return 0;
    case OPT_FILTER: {
        const char *eq = strchr(arg, '=');
        if (eq == NULL || eq == arg || eq[1] == '\0')
            return cli_usage_error(cmd, "--filter takes FIELD=VALUE, e.g. type=verdict");
        if (f->count == sizeof f->items / sizeof f->items[0])
            return cli_usage_error(cmd, "too many --filter options");
        snprintf(f->fields[f->count], sizeof f->fields[0], "%.*s", (int)(eq - arg), arg);
        f->items[f->count].field = f->fields[f->count];
        f->items[f->count].value = eq + 1;
        f->count++;
        o->filters = f->items;
        o->nfilters = f->count;
        return 0;
    }
    case OPT_FACETS: o->facets = 1; return 0;
    case OPT_EXACT: o->exact = 1; return 0;
    }
    return -1;
}
