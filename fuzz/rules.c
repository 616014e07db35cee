/*
 * rules.c - the name table and the field rules, built once in
 * LLVMFuzzerInitialize, for the targets that read text as a page or a query
 * does (see harness.h).
 */
#include "harness.h"

#include <stdlib.h>

names *fuzz_table;
fields *fuzz_fields;

/* LLVMFuzzerInitialize - build both, or abort: a target cannot run without them */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char *err = NULL;
    fuzz_table = names_new(&err);
    fuzz_fields = fuzz_table ? fields_new(fuzz_table, &err) : NULL;
    if (fuzz_fields == NULL)
        abort();
    return 0;
}
