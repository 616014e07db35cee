/*
 * derive_bench.c - the CPU time of deriving pages, and what they derive, for
 * comparing two builds of derive/, names/ and fields/.
 *
 * Usage: derive_bench ROUNDS OUT FILE...
 * Each FILE is a text of pages separated by form feeds (bench/index/corpus.py's
 * .txt papers). Every page goes through derive_page ROUNDS times; the CPU time
 * (user+sys) of that loop is printed, and the JSON form of each page's derived
 * data is written to OUT, one line a page, so two builds' OUT files compare
 * byte for byte.
 */
#include "derive/derive.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* cpu_seconds - user+sys time of this process so far */
static double cpu_seconds(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

/* read_pages - every file's pages, split at form feeds, into pages */
static int read_pages(char **files, int n, GPtrArray *pages)
{
    for (int i = 0; i < n; i++) {
        char *text = NULL;
        GError *e = NULL;
        if (!g_file_get_contents(files[i], &text, NULL, &e)) {
            fprintf(stderr, "derive_bench: %s\n", e->message);
            g_error_free(e);
            return -1;
        }
        char **split = g_strsplit(text, "\f", -1);
        for (char **p = split; *p != NULL; p++)
            g_ptr_array_add(pages, g_strdup(*p));
        g_strfreev(split);
        g_free(text);
    }
    return 0;
}

/* write_derived - the JSON of each page's derived data, a line each */
static int write_derived(const deriver *d, GPtrArray *pages, const char *out)
{
    FILE *f = fopen(out, "w");
    if (f == NULL) {
        perror(out);
        return -1;
    }
    for (guint i = 0; i < pages->len; i++) {
        derived_page *p = derive_page(d, g_ptr_array_index(pages, i), NULL);
        json_object *o = derived_page_to_json(p);
        fprintf(f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
        derived_page_free(p);
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* main - read, derive ROUNDS times for the time, then once for OUT */
int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: derive_bench ROUNDS OUT FILE...\n");
        return 2;
    }
    int rounds = atoi(argv[1]);
    char *err = NULL;
    deriver *d = deriver_new(&err);
    if (d == NULL) {
        fprintf(stderr, "derive_bench: %s\n", err);
        free(err);
        return 1;
    }
    GPtrArray *pages = g_ptr_array_new_with_free_func(g_free);
    if (read_pages(argv + 3, argc - 3, pages) != 0)
        return 1;
    double t0 = cpu_seconds();
    for (int r = 0; r < rounds; r++)
        for (guint i = 0; i < pages->len; i++)
            derived_page_free(derive_page(d, g_ptr_array_index(pages, i), NULL));
    double t = cpu_seconds() - t0;
    printf("%u pages x %d rounds: %.3f s CPU, %.1f us a page\n", pages->len, rounds, t,
           t * 1e6 / ((double)pages->len * rounds));
    int rc = write_derived(d, pages, argv[2]);
    g_ptr_array_free(pages, TRUE);
    deriver_free(d);
    return rc == 0 ? 0 : 1;
}
