/*
 * search_options.h - the options `search` and `batch` share: how hits are
 * ordered, filtered and counted (index_search_opts).
 */
#ifndef DOKAZ_CLI_SEARCH_OPTIONS_H
#define DOKAZ_CLI_SEARCH_OPTIONS_H

#include "index/index.h"

#include <getopt.h>

/* Option codes, clear of service_options.h's. */
enum { OPT_SORT = 2000, OPT_FILTER, OPT_FACETS, OPT_EXACT, OPT_CSV };

/* The long options both commands accept (terminated by a zero entry). */
extern const struct option search_long_options[];

/* Help text describing those options. */
extern const char search_options_help[];

/* Filters given with --filter, kept for index_search_opts. */
typedef struct {
    index_filter items[64];
    char fields[64][16]; /* the field names; the values point into argv */
    size_t count;
} search_filters;

/* search_option - apply one parsed option to o (filters go to f): 0 when
 * applied, EXIT_USAGE on a bad value, -1 when it is no search option */
int search_option(const char *cmd, int opt, const char *arg, index_search_opts *o,
                  search_filters *f);

#endif
