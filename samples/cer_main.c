/*
 * cer_main.c - the `cer` tool of the OCR benchmark.
 *
 * Usage: cer < LIST
 * LIST has one page a line: GROUP <tab> TRUTH_FILE <tab> TEXT_FILE. For every
 * group, in order of first appearance, it prints
 *   GROUP <tab> pages <tab> CER
 * where CER is the summed edit distance over the summed truth length, and a
 * last line "all" over every page. A missing text file counts as empty text.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "cer.h"

struct group {
    char *name;
    long pages, dist, len;
};

/* group_of - the group named name, added at the end if new */
static struct group *group_of(GArray *groups, const char *name)
{
    for (guint i = 0; i < groups->len; i++) {
        struct group *g = &g_array_index(groups, struct group, i);
        if (strcmp(g->name, name) == 0)
            return g;
    }
    struct group g = {g_strdup(name), 0, 0, 0};
    g_array_append_val(groups, g);
    return &g_array_index(groups, struct group, groups->len - 1);
}

/* main - read the list, print the table */
int main(void)
{
    GArray *groups = g_array_new(FALSE, TRUE, sizeof(struct group));
    struct group all = {"all", 0, 0, 0};
    char line[8192];
    int rc = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        char **f = g_strsplit(line, "\t", 3);
        if (g_strv_length(f) != 3) {
            g_strfreev(f);
            continue;
        }
        char *truth = NULL, *text = NULL;
        if (!g_file_get_contents(f[1], &truth, NULL, NULL)) {
            fprintf(stderr, "cer: cannot read %s\n", f[1]);
            rc = 1;
        } else {
            if (!g_file_get_contents(f[2], &text, NULL, NULL))
                text = g_strdup("");
            long len = 0, d = cer_distance(truth, text, &len);
            if (d < 0) {
                fprintf(stderr, "cer: %s or %s is not UTF-8\n", f[1], f[2]);
                d = len;
            }
            struct group *g = group_of(groups, f[0]);
            g->pages++, g->dist += d, g->len += len;
            all.pages++, all.dist += d, all.len += len;
        }
        g_free(truth);
        g_free(text);
        g_strfreev(f);
    }
    for (guint i = 0; i < groups->len; i++) {
        struct group *g = &g_array_index(groups, struct group, i);
        printf("%s\t%ld\t%.4f\n", g->name, g->pages, g->len ? (double)g->dist / g->len : 0.0);
        g_free(g->name);
    }
    printf("all\t%ld\t%.4f\n", all.pages, all.len ? (double)all.dist / all.len : 0.0);
    g_array_free(groups, TRUE);
    return rc;
}
