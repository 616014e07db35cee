/*
 * harness.c - the input as a C string, for the targets that read text, and
 * a scratch data directory, for those that read files (see harness.h).
 *
 * Functions: fuzz_text, fuzz_data_dir, fuzz_put.
 */
#define _XOPEN_SOURCE 700
#include "harness.h"

#include <ftw.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *scratch; /* fuzz_data_dir's directory */

/* fuzz_text - copy and terminate */
char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* remove_one - nftw callback: remove a file or an emptied directory */
static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

/* remove_scratch - at exit: the directory and everything in it */
static void remove_scratch(void)
{
    nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    g_free(scratch);
}

/* fuzz_data_dir - mkdtemp once, removed at exit */
const char *fuzz_data_dir(const char *target)
{
    if (scratch != NULL)
        return scratch;
    const char *tmp = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir();
    char *name = g_strdup_printf("fuzz_%s.XXXXXX", target);
    scratch = g_build_filename(tmp, name, NULL);
    g_free(name);
    if (g_mkdtemp(scratch) == NULL)
        abort();
    atexit(remove_scratch);
    return scratch;
}

/* fuzz_put - fopen, fwrite, fclose */
void fuzz_put(const char *dir, const char *name, const void *data, size_t size)
{
    char *path = g_build_filename(dir, name, NULL);
    FILE *f = fopen(path, "wb");
    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
    g_free(path);
}
