/*
 * harness.h - what the fuzz targets share: the input as a C string
 * (harness.c, in every target), one extractor run on the input with a sink
 * that only counts and checks (extract_harness.c, in the extractor targets),
 * and the name and field rules (rules.c, in those that read text as pages
 * or queries do).
 *
 * Ownership: fuzz_text's string is the caller's (free); fuzz_table and
 * fuzz_fields are kept for all the runs; fuzz_data_dir's directory and
 * string are the harness's, removed and freed at exit.
 */
#ifndef DOKAZ_FUZZ_HARNESS_H
#define DOKAZ_FUZZ_HARNESS_H

#include "fields/fields.h"
#include "names/names.h"

#include <stddef.h>
#include <stdint.h>

/* The sink refuses the member after this many (the archive must stop there). */
#define FUZZ_MAX_MEMBERS 16
/* ...and a member once this many of its bytes were read. */
#define FUZZ_MAX_MEMBER_BYTES (1u << 20)

/* LLVMFuzzerTestOneInput - libFuzzer's entry: one input, 0 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* LLVMFuzzerInitialize - libFuzzer's optional set-up, once before the inputs */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* fuzz_text - data[0..size) with a NUL after it (malloc'd; it may hold NULs) */
char *fuzz_text(const uint8_t *data, size_t size);

/* fuzz_data_dir - a fresh directory for the target's files, in /dev/shm
 * where there is one (a write to /tmp's disk costs milliseconds), removed
 * with all it holds at exit; aborts when it cannot be made */
const char *fuzz_data_dir(const char *target);

/* fuzz_put - replace the file dir/name with data[0..size); aborts on failure */
void fuzz_put(const char *dir, const char *name, const void *data, size_t size);

/* fuzz_extract - run extract_run on the bytes as `mime` (no OCR engine),
 * when the extractor it picks is the one named (else nothing); aborts when
 * the extraction breaks its contract (a callback after the sink refused,
 * a page or member name that is not UTF-8, a status without a reason) */
void fuzz_extract(const uint8_t *data, size_t size, const char *mime, const char *extractor_name);

/* The name table and the field rules of the targets linked with rules.c,
 * built once before the first input (its LLVMFuzzerInitialize aborts when
 * they cannot be built). */
extern names *fuzz_table;
extern fields *fuzz_fields;

#endif
