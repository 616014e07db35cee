/*
 * fuzz_record.c - feeds arbitrary bytes to the record module's loaders, as
 * the file an item's result.json.gz holds (read as gzip when it is, as it
 * is when not), as its own received.jsonl and as the log of receptions its
 * hash's first digits share (items/aa/receptions-a.jsonl) (record.h
 * reads only from files: one data directory is made once, in /dev/shm where
 * there is one (a write to /tmp's disk costs milliseconds) else in the
 * temporary directory; the files are rewritten each run, the directory is
 * removed at exit). Must
 * hold: no crash or leak; a result it accepts when loaded it accepts when
 * opened for indexing (without its member lists), and the reverse; saved, it
 * is what item_result_json writes, and loads again as the same JSON.
 */
#include "harness.h"
#include "record/record.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHA "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static char *data_dir; /* the data directory, made once */

/* log_path - the log of SHA's receptions (g_free) */
static char *log_path(void)
{
    char *rel = item_reception_log_rel(SHA);
    char *path = g_build_filename(data_dir, rel, NULL);
    free(rel);
    return path;
}

/* remove_item - the files of item sha, and the folder above them when empty */
static void remove_item(const char *sha)
{
    const char *files[] = {"result.json.gz", "received.jsonl"};
    for (size_t i = 0; i < 2; i++) {
        char *f = item_file(data_dir, sha, files[i]);
        g_remove(f);
        free(f);
    }
    char *log = log_path();
    g_remove(log);
    g_free(log);
    char *ab = item_files_dir(data_dir, sha);
    g_rmdir(ab);
    free(ab);
}

/* remove_dir - the item's files and the directories above it, at exit */
static void remove_dir(void)
{
    remove_item(SHA);
    char *items = g_build_filename(data_dir, "items", NULL);
    g_rmdir(items);
    g_rmdir(data_dir);
    g_free(items);
}

/* put_at - replace the file at path with data[0..size) */
static void put_at(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
}

/* put - replace the item's file `name` with data[0..size) */
static void put(const char *name, const void *data, size_t size)
{
    char *path = item_file(data_dir, SHA, name);
    put_at(path, data, size);
    free(path);
}

/* load_receptions - the item's receptions loaded, its first written back,
 * their hash taken and the item looked for by a prefix */
static void load_receptions(void)
{
    char *err = NULL, hex[65];
    item_receptions *list = item_receptions_load(data_dir, SHA, &err);
    const item_reception *first = item_receptions_first(list);
    if (first != NULL)
        json_object_put(item_reception_json(first));
    if ((list != NULL) != item_received(data_dir, SHA) ||
        (item_record_sha256(data_dir, SHA, ITEM_RECORD_RECEPTIONS, hex, NULL) == 0) !=
            (list != NULL))
        abort(); /* the item has receptions or not, whoever asks */
    item_receptions_free(list);
    free(err);
    err = NULL;
    free(item_resolve(data_dir, "aaaa", &err));
    free(err);
}

/* is_sha256 - 64 lower-case hex digits */
static int is_sha256(const char *s)
{
    return s != NULL && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* written - the result as item_result_json writes it (g_free) */
static char *written(const item_result *r)
{
    json_object *o = item_result_json(r);
    char *s = g_strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    json_object_put(o);
    return s;
}

/* LLVMFuzzerInitialize - make the data directory and its item's folder */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir();
    data_dir = g_build_filename(tmp, "fuzz_record.XXXXXX", NULL);
    if (g_mkdtemp(data_dir) == NULL)
        abort();
    char *ab = item_files_dir(data_dir, SHA);
    if (g_mkdir_with_parents(ab, 0700) != 0)
        abort();
    free(ab);
    atexit(remove_dir);
    return 0;
}

/* LLVMFuzzerTestOneInput - load both, and a result once more as written */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *err = NULL;
    put("received.jsonl", data, size);
    load_receptions();
    char *own_file = item_file(data_dir, SHA, "received.jsonl"), *log = log_path();
    g_remove(own_file); /* the same bytes as the log its lines would be in */
    put_at(log, data, size);
    load_receptions();
    g_remove(log);
    g_free(log);
    free(own_file);

    put(item_record_name(ITEM_RECORD_RESULT), data, size);
    item_result *r = item_result_load(data_dir, SHA, &err);
    free(err);
    err = NULL;
    item_page_reader *pages = NULL; /* opened for indexing: the same verdict */
    item_result *head = item_result_open(data_dir, SHA, &pages, &err);
    free(err);
    err = NULL;
    if ((head == NULL) != (r == NULL) || (head != NULL && head->nchildren + head->nskipped > 0))
        abort();
    item_page_reader_free(pages);
    item_result_free(head);
    if (r == NULL || !is_sha256(r->sha256)) { /* saved where its own "sha256" says: */
        item_result_free(r);                  /* only a well-formed one, in data_dir */
        return 0;
    }
    char *once = written(r), *own = g_strdup(r->sha256);
    if (item_result_write(data_dir, r, &err) != 0)
        abort();
    item_result_free(r);
    char *saved = item_result_text(data_dir, own, NULL, NULL);
    if (saved == NULL || strcmp(saved, once) != 0)
        abort(); /* saved in pieces as item_result_json says it */
    g_free(saved);
    r = item_result_load(data_dir, own, &err);
    if (r == NULL)
        abort(); /* it refuses what it wrote itself */
    char *twice = written(r);
    if (strcmp(once, twice) != 0)
        abort();
    item_result_free(r);
    if (strcmp(own, SHA) != 0) /* another item's: removed, as remove_dir would */
        remove_item(own);
    g_free(own);
    g_free(once);
    g_free(twice);
    return 0;
}
