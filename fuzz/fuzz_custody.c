/*
 * fuzz_custody.c - feeds arbitrary bytes to what reads the audit log for
 * `dokaz verify` and `dokaz custody` (a tampered log is hostile input), and
 * to the time-stamp reply parser, as a reply to import. One data directory
 * is made once (in /dev/shm where there is one), its audit.log rewritten
 * each run. Must hold: no crash or leak; every line the walk sees has a
 * 64-digit hash; every custody event can be printed.
 */
#include "harness.h"
#include "custody/custody.h"
#include "ingest/audit.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHA "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static char *data_dir; /* the data directory, made once */
static char *log_path; /* its audit.log */
static char *tsr_path; /* a reply to import, beside it */

/* remove_dir - the files and the directory, at exit */
static void remove_dir(void)
{
    g_remove(log_path);
    g_remove(tsr_path);
    g_rmdir(data_dir);
}

/* put - replace `path` with data[0..size) */
static void put(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
}

/* LLVMFuzzerInitialize - make the data directory */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir();
    data_dir = g_build_filename(tmp, "fuzz_custody.XXXXXX", NULL);
    if (g_mkdtemp(data_dir) == NULL)
        abort();
    log_path = g_build_filename(data_dir, "audit.log", NULL);
    tsr_path = g_build_filename(data_dir, "reply.tsr", NULL);
    atexit(remove_dir);
    return 0;
}

/* check_line - audit_walk callback: the hash is always there */
static int check_line(const audit_line *line, void *ctx)
{
    (void)ctx;
    if (line->hash == NULL || strlen(line->hash) != 64 || line->expected == NULL)
        abort();
    return 0;
}

/* LLVMFuzzerTestOneInput - the bytes as the log, then as a time-stamp reply */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *err = NULL, head[65];
    put(log_path, data, size);
    if (audit_walk(data_dir, check_line, NULL, &err) != 0)
        abort(); /* a readable file always walks */
    json_object *o = custody_events(data_dir, SHA, &err);
    if (o == NULL)
        abort();
    json_object *events = json_object_object_get(o, "events");
    for (size_t i = 0; i < json_object_array_length(events); i++)
        free(custody_event_line(json_object_array_get_idx(events, i)));
    json_object_put(o);
    json_object_put(custody_last_verified(data_dir, NULL));

    put(tsr_path, data, size);
    if (custody_ts_import(data_dir, tsr_path, NULL, head, &err) == 0)
        abort(); /* no request was kept: nothing can match */
    free(err);
    return 0;
}
