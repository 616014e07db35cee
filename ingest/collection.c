/*
 * collection.c - which collections an item belongs to (see collection.h).
 *
 * Functions: collection_name_valid, collection_of_path, collection_list,
 * collection_reception_in, collection_member_of.
 */
#include "collection.h"
#include "record/record.h"

#include <glib.h>
#include <string.h>

#define PARENT_DEPTH 32 /* containers followed up from an old reception, at most */

/* collection_name_valid - length, UTF-8, no control characters, '/', '*' */
int collection_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > COLLECTION_NAME_MAX || !g_utf8_validate(name, (gssize)n, NULL) ||
        strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || g_ascii_isspace(name[0]) ||
        g_ascii_isspace(name[n - 1]))
        return 0;
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '/' || *p == '*')
            return 0;
    return 1;
}

/* tidy - a folder's name made a valid collection name (takes name) */
static char *tidy(char *name)
{
    char *valid = g_utf8_make_valid(name, -1);
    g_free(name);
    for (char *p = valid; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '*')
            *p = '_';
    g_strstrip(valid);
    if (strlen(valid) > COLLECTION_NAME_MAX) {
        char *end = g_utf8_find_prev_char(valid, valid + COLLECTION_NAME_MAX + 1);
        *end = '\0';
        g_strchomp(valid);
    }
    if (!collection_name_valid(valid)) {
        g_free(valid);
        return g_strdup("_");
    }
    return valid;
}

/* within - the length of `dir` if `path` lies below it, else 0 */
static size_t within(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n > 0 && strncmp(path, dir, n) == 0 && path[n] == '/' ? n : 0;
}

/* collection_of_path - a rule, the inbox's top-level folder, the file's folder */
char *collection_of_path(const collection_rule *rules, size_t nrules, char *const *inboxes,
                         size_t ninboxes, const char *path)
{
    const collection_rule *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < nrules; i++) {
        size_t n = within(path, rules[i].folder);
        if (n > best_len) {
            best = &rules[i];
            best_len = n;
        }
    }
    if (best != NULL)
        return g_strdup(best->name);
    for (size_t i = 0; i < ninboxes; i++) {
        size_t n = within(path, inboxes[i]);
        if (n == 0)
            continue;
        const char *rest = path + n + 1, *slash = strchr(rest, '/');
        if (slash != NULL)
            return tidy(g_strndup(rest, (gsize)(slash - rest)));
        char *inbox = g_strndup(inboxes[i], n);
        char *name = g_path_get_basename(inbox);
        g_free(inbox);
        return tidy(name);
    }
    char *dir = g_path_get_dirname(path);
    char *name = g_path_get_basename(dir);
    g_free(dir);
    return tidy(name);
}

/* add_collections - the item's collections into the set (depth: containers left) */
static void add_collections(const char *data_dir, const char *sha256, GHashTable *set, int depth);

/* add_reception - the collections one reception put its item into */
static void add_reception(const char *data_dir, const item_reception *r, GHashTable *set, int depth)
{
    if (r->collection != NULL && collection_name_valid(r->collection))
        g_hash_table_add(set, g_strdup(r->collection));
    else if (r->parent != NULL && depth > 0)
        add_collections(data_dir, r->parent, set, depth - 1);
    else if (r->parent == NULL && r->path != NULL)
        g_hash_table_add(set, collection_of_path(NULL, 0, NULL, 0, r->path));
}

/* add_collections - every reception's */
static void add_collections(const char *data_dir, const char *sha256, GHashTable *set, int depth)
{
    item_receptions *list = item_receptions_load(data_dir, sha256, NULL);
    for (size_t i = 0; list && i < list->n; i++)
        add_reception(data_dir, &list->list[i], set, depth);
    item_receptions_free(list);
}

/* any_granted - 1 if the set holds one of granted */
static int any_granted(GHashTable *set, const char *const *granted)
{
    for (const char *const *g = granted; g && *g; g++)
        if (g_hash_table_contains(set, *g))
            return 1;
    return 0;
}

/* collection_reception_in - the reception's collections against the grants */
int collection_reception_in(const char *data_dir, const item_reception *r,
                            const char *const *granted)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    add_reception(data_dir, r, set, PARENT_DEPTH);
    int in = any_granted(set, granted);
    g_hash_table_destroy(set);
    return in;
}

/* by_name - g_qsort_with_data order of two strings */
static gint by_name(gconstpointer a, gconstpointer b, gpointer unused)
{
    (void)unused;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* collection_list - the set of every reception's collection, sorted */
char **collection_list(const char *data_dir, const char *sha256)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    add_collections(data_dir, sha256, set, PARENT_DEPTH);
    guint n = 0;
    gpointer *keys = g_hash_table_get_keys_as_array(set, &n);
    char **out = g_new0(char *, n + 1);
    for (guint i = 0; i < n; i++)
        out[i] = g_strdup(keys[i]);
    g_free(keys);
    g_hash_table_destroy(set);
    g_qsort_with_data(out, (gint)n, sizeof *out, by_name, NULL);
    return out;
}

/* collection_member_of - any of its collections granted */
int collection_member_of(const char *data_dir, const char *sha256, const char *const *granted)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    add_collections(data_dir, sha256, set, PARENT_DEPTH);
    int in = any_granted(set, granted);
    g_hash_table_destroy(set);
    return in;
}
