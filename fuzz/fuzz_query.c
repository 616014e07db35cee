/*
 * fuzz_query.c - feeds a search query as a user types it to ix_query_build
 * (index/query/query.h, private to index/ but needing no database): the
 * rewriting of bare words and name: values, the field processors (case:,
 * article:, court:, date:...) and Xapian's QueryParser, twice. The names
 * table is built once (rules.c). Must hold: no crash or leak; a
 * query or an error message, never neither.
 */
#include "harness.h"
#include "index/query/query.h"

#include <stdlib.h>

/* LLVMFuzzerTestOneInput - one query, with name alternatives for bare words */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size), *err = NULL;
    ix_query *iq = ix_query_new(fuzz_table);
    xc_query *q = ix_query_build(NULL, text, iq, 1, &err);
    if ((q == NULL) == (err == NULL))
        abort();
    xc_query_free(q);
    ix_query_free(iq);
    free(err);
    free(text);
    return 0;
}
