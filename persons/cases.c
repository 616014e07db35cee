/*
 * cases.c - the documents' case numbers joined into cases (see persons.h):
 * numbers one paper names together are one case, across every document.
 *
 * A court numbers a case "1-234/2024", the investigators "20211500123"; a
 * verdict or a notice often names both, a summons only one. Union-find
 * over the numbers: each document's numbers are joined, so that a summons
 * with only the investigators' number and the court's verdict naming both
 * are one case. A paper that names more than JOIN_MAX numbers is a list of
 * cases (a letter about several people), not one case: it joins nothing,
 * and stands under the case of its first court number (else first number).
 * Then each document that joined holds its case's numbers, the court's
 * first (so "share a case number" means "one case" wherever it is asked),
 * and its label names them all: "1-234/2024 / 20211500123".
 *
 * Functions: ps_join_cases.
 */
#include "persons/persons_private.h"

#include <string.h>

#define JOIN_MAX 4 /* numbers one paper may name and still be one case */

/* find - the root of number i, halving the path on the way */
static guint find(guint *parent, guint i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* court_first - court numbers (with "/") before investigators', each in
 * text order */
static gint court_first(gconstpointer a, gconstpointer b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int cx = strchr(x, '/') != NULL, cy = strchr(y, '/') != NULL;
    return cx != cy ? cy - cx : strcmp(x, y);
}

/* label_of - a case's numbers joined with " / ", cut before a number that
 * would not fit */
static void label_of(char **numbers, char out[PS_CASE_LABEL_MAX])
{
    out[0] = '\0';
    for (char **n = numbers; *n; n++) {
        size_t len = strlen(out);
        if (len + strlen(*n) + 4 > PS_CASE_LABEL_MAX)
            break;
        g_snprintf(out + len, PS_CASE_LABEL_MAX - len, "%s%s", len ? " / " : "", *n);
    }
}

/* own_number - a document's first court number, else its first number;
 * NULL when it has none */
static const char *own_number(const ps_doc *d)
{
    for (char **c = d->cases; *c; c++)
        if (strchr(*c, '/') != NULL)
            return *c;
    return d->cases[0];
}

/* groups_of - for each number's index, its case's numbers, the court's
 * first, at its root's index (NULL elsewhere; free with free_groups) */
static GPtrArray **groups_of(guint *up, const GPtrArray *numbers)
{
    GPtrArray **groups = g_new0(GPtrArray *, numbers->len + 1);
    for (guint k = 0; k < numbers->len; k++) {
        guint root = find(up, k);
        if (groups[root] == NULL)
            groups[root] = g_ptr_array_new();
        g_ptr_array_add(groups[root], g_ptr_array_index(numbers, k));
    }
    for (guint k = 0; k < numbers->len; k++)
        if (groups[k] != NULL) {
            g_ptr_array_sort(groups[k], court_first);
            g_ptr_array_add(groups[k], NULL);
        }
    return groups;
}

/* free_groups - what groups_of returned, for n numbers */
static void free_groups(GPtrArray **groups, guint n)
{
    for (guint k = 0; k < n; k++)
        if (groups[k] != NULL)
            g_ptr_array_free(groups[k], TRUE);
    g_free(groups);
}

/* joins - whether a document's numbers are one case */
static int joins(const ps_doc *d)
{
    return d->cases[0] != NULL && g_strv_length(d->cases) <= JOIN_MAX;
}

/* ps_join_cases - join, then give each document its case's numbers and label */
void ps_join_cases(persons *t)
{
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal); /* number -> its index + 1 */
    GPtrArray *numbers = g_ptr_array_new();                        /* lent by the documents */
    GArray *parent = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < t->docs->len; i++) {
        ps_doc *d = g_ptr_array_index(t->docs, i);
        for (char **c = d->cases; joins(d) && *c; c++) {
            guint at = GPOINTER_TO_UINT(g_hash_table_lookup(index, *c));
            if (at == 0) {
                guint self = numbers->len;
                g_ptr_array_add(numbers, *c);
                g_array_append_val(parent, self);
                g_hash_table_insert(index, *c, GUINT_TO_POINTER(numbers->len));
                at = numbers->len;
            }
            guint *up = (guint *)(void *)parent->data;
            guint first = GPOINTER_TO_UINT(g_hash_table_lookup(index, d->cases[0])) - 1;
            up[find(up, at - 1)] = find(up, first);
        }
    }
    guint *up = (guint *)(void *)parent->data;
    GPtrArray **groups = groups_of(up, numbers);
    char ***lists = g_new0(char **, t->docs->len + 1);
    for (guint i = 0; i < t->docs->len; i++) {
        ps_doc *d = g_ptr_array_index(t->docs, i);
        const char *own = own_number(d);
        guint at = own ? GPOINTER_TO_UINT(g_hash_table_lookup(index, own)) : 0;
        if (at == 0) { /* none, or a list of cases none of which another joined */
            g_strlcpy(d->case_label, own ? own : "", PS_CASE_LABEL_MAX);
            continue;
        }
        char **group = (char **)groups[find(up, at - 1)]->pdata;
        label_of(group, d->case_label);
        if (joins(d)) /* a list of cases keeps its numbers, under its first's case */
            lists[i] = g_strdupv(group);
    }
    free_groups(groups, numbers->len);
    for (guint i = 0; i < t->docs->len; i++) { /* the numbers were lent until now */
        ps_doc *d = g_ptr_array_index(t->docs, i);
        if (lists[i] != NULL) {
            g_strfreev(d->cases);
            d->cases = lists[i];
        }
    }
    g_free(lists);
    g_array_free(parent, TRUE);
    g_ptr_array_free(numbers, TRUE);
    g_hash_table_destroy(index);
}
