/*
 * itest_index.c - what the integration tests read from the index directly
 * (see itest.h): only the tests that link index_dep have it.
 */
#include "itest.h"
#include "testutil.h"
#include "index/xapian/xapian_c.h"

#include <check.h>
#include <stdlib.h>

/* it_doc_count - open DATA/index read-only and count */
unsigned long it_doc_count(const char *data)
{
    char *dir = tu_path(data, "index"), *err = NULL;
    xc_db *db = xc_db_open(dir, NULL, &err);
    ck_assert_msg(db != NULL, "cannot open the index: %s", err);
    unsigned long n = xc_db_doccount(db);
    xc_db_close(db);
    free(dir);
    return n;
}
