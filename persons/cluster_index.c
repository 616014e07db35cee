/*
 * cluster_index.c - what clustering keeps beside the persons table so that
 * each mention is asked about a few persons, not all (see cluster.c and
 * persons_private.h's ps_index).
 *
 * Each person is filed under the keys of its surname, under those keys
 * joined with the keys of its given name (or with "" when it has none),
 * and joined with each symbol of its given initials (or with ""). agrees
 * says yes only to a person whose surname shares a key with the mention's;
 * when both write a given name, only to one whose given name does too; and
 * only to one whose initials share a symbol with the mention's, or one that
 * may stand for it across the scripts. So a mention's candidates are the
 * persons of the narrowest of those lists, and agrees decides among them
 * as it did among all. Without this, every mention was compared with every
 * person: at 200,000 pages, millions of mentions against tens of thousands.
 *
 * It also keeps which persons each document and case has a mention of,
 * to tell namesakes apart (ps_index_near) without walking every person of
 * a common surname, and the ids taken, with where set_id's count stopped
 * for each person's keys.
 *
 * Functions: ps_index_new, ps_index_free, ps_index_file, ps_index_note_doc,
 * ps_index_near, ps_index_candidates, ps_index_set_id.
 */
#include "persons/persons_private.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

struct ps_index {
    persons *t;
    GHashTable *by_surname; /* surname key -> GArray of guint, ascending */
    GHashTable *by_given;   /* surname key "\x1f" given key (or "") -> the same */
    GHashTable *by_initial; /* surname key "\x1f" given initial's symbol (or "") -> the same */
    char *across_to[256];   /* symbol -> the other symbols names_initials_across
                               takes for it, once asked (g_free) */
    GHashTable *ids;        /* the ids taken (ps_person's own strings) */
    GArray *near;           /* persons near the mention at hand, reused */
    GHashTable *docs;       /* pair(person, document) of each mention joined */
    GHashTable *case_ids;   /* case number (the documents' strings) -> its number + 1 */
    GHashTable *cases;      /* pair(person, case's number) of its documents' cases */
    GHashTable *in_doc;     /* document + 1 -> GArray of guint: its persons, each once */
    GHashTable *in_case;    /* case's number -> the same for the case */
    GHashTable *next_n;     /* a person's id keys -> the n set_id tries first for them */
};

/* Two indexes in one hash key (a pointer: 64 bits here). */
G_STATIC_ASSERT(sizeof(gsize) >= 8);

/* pair - person and n (a document, a case) as one key, never NULL */
static gpointer pair(size_t person, size_t n)
{
    assert(person < G_MAXUINT32 && n < G_MAXUINT32);
    return GSIZE_TO_POINTER(((gsize)person << 32) | (gsize)(n + 1));
}

/* pair_hash - the bits of both halves mixed into 32 */
static guint pair_hash(gconstpointer key)
{
    guint64 v = GPOINTER_TO_SIZE(key);
    v ^= v >> 29;
    v *= 0xbf58476d1ce4e5b9ULL;
    v ^= v >> 32;
    return (guint)v;
}

/* list_made - table's list of person indexes under key, made empty when
 * there is none (its entry keyed by key itself, or by a copy when copy) */
static GArray *list_made(GHashTable *table, gconstpointer key, int copy)
{
    GArray *list = g_hash_table_lookup(table, key);
    if (list == NULL) {
        list = g_array_new(FALSE, FALSE, sizeof(guint));
        g_hash_table_insert(table, copy ? g_strdup(key) : (gpointer)key, list);
    }
    return list;
}

/* note_in - person p in table's list under key */
static void note_in(GHashTable *table, gpointer key, size_t p)
{
    guint i = (guint)p;
    g_array_append_val(list_made(table, key, 0), i);
}

/* ps_index_note_doc - person p has a mention in document doc: so its cases too */
void ps_index_note_doc(ps_index *c, size_t p, size_t doc)
{
    if (!g_hash_table_add(c->docs, pair(p, doc)))
        return;
    note_in(c->in_doc, GSIZE_TO_POINTER(doc + 1), p);
    for (char **n = ((ps_doc *)g_ptr_array_index(c->t->docs, doc))->cases; *n; n++) {
        gpointer id = g_hash_table_lookup(c->case_ids, *n);
        if (id == NULL) {
            id = GUINT_TO_POINTER(g_hash_table_size(c->case_ids) + 1);
            g_hash_table_insert(c->case_ids, *n, id);
        }
        if (g_hash_table_add(c->cases, pair(p, GPOINTER_TO_UINT(id))))
            note_in(c->in_case, id, p);
    }
}

/* by_index - ascending person indexes */
static gint by_index(gconstpointer a, gconstpointer b)
{
    guint x = *(const guint *)a, y = *(const guint *)b;
    return x < y ? -1 : x > y;
}

/* sort_once - a list of person indexes ascending, each once */
static void sort_once(GArray *a)
{
    g_array_sort(a, by_index);
    guint kept = 0;
    for (guint i = 0; i < a->len; i++)
        if (kept == 0 || g_array_index(a, guint, i) != g_array_index(a, guint, kept - 1))
            g_array_index(a, guint, kept++) = g_array_index(a, guint, i);
    g_array_set_size(a, kept);
}

/* append_list - table's list under key, if any, to a */
static void append_list(GArray *a, GHashTable *table, gconstpointer key)
{
    const GArray *list = g_hash_table_lookup(table, key);
    if (list != NULL)
        g_array_append_vals(a, list->data, list->len);
}

/* ps_index_near - the persons with a mention in document doc (same_case:
 * or in a document sharing a case number with it), ascending, each once */
const GArray *ps_index_near(ps_index *c, size_t doc, int same_case)
{
    g_array_set_size(c->near, 0);
    append_list(c->near, c->in_doc, GSIZE_TO_POINTER(doc + 1));
    for (char **n = ((ps_doc *)g_ptr_array_index(c->t->docs, doc))->cases; same_case && *n; n++) {
        gpointer id = g_hash_table_lookup(c->case_ids, *n);
        if (id != NULL)
            append_list(c->near, c->in_case, id);
    }
    sort_once(c->near);
    return c->near;
}

/* The longest key a list is filed under: a surname key, "\x1f", a given name key. */
enum { LIST_KEY_MAX = 2 * NAMES_KEY_MAX + 2 };

/* list_key - the key persons are filed and looked up under: the surname
 * key alone (rest NULL), or surname "\x1f" rest */
static const char *list_key(char key[LIST_KEY_MAX], const char *surname, const char *rest)
{
    if (rest == NULL)
        g_strlcpy(key, surname, LIST_KEY_MAX);
    else
        snprintf(key, LIST_KEY_MAX, "%s\x1f%s", surname, rest);
    return key;
}

/* file_under - person i in index's list under list_key(surname, rest) */
static void file_under(GHashTable *index, const char *surname, const char *rest, guint i)
{
    char key[LIST_KEY_MAX];
    GArray *list = list_made(index, list_key(key, surname, rest), 1);
    assert(list->len == 0 || g_array_index(list, guint, list->len - 1) <= i);
    if (list->len == 0 || g_array_index(list, guint, list->len - 1) != i) /* a key twice */
        g_array_append_val(list, i);
}

/* ps_index_file - person i under its keys, and its id taken */
void ps_index_file(ps_index *c, guint i)
{
    ps_person *p = g_ptr_array_index(c->t->persons, i);
    const ps_parts *b = &p->best;
    for (size_t k = 0; k < DERIVE_PART_KEYS; k++) {
        if (b->surname[k][0] == '\0')
            continue;
        file_under(c->by_surname, b->surname[k], NULL, i);
        if (b->given[0][0] == '\0') /* agrees takes it as no given name */
            file_under(c->by_given, b->surname[k], "", i);
        for (size_t g = 0; b->given[0][0] != '\0' && g < DERIVE_PART_KEYS; g++)
            if (b->given[g][0] != '\0')
                file_under(c->by_given, b->surname[k], b->given[g], i);
        if (b->given_initials[0] == '\0') /* share_initial takes it as any */
            file_under(c->by_initial, b->surname[k], "", i);
        for (const char *x = b->given_initials; *x; x++) {
            char one[2] = {*x, '\0'};
            file_under(c->by_initial, b->surname[k], one, i);
        }
    }
    g_hash_table_add(c->ids, p->id);
}

/* free_list - an index's list */
static void free_list(gpointer list)
{
    g_array_free(list, TRUE);
}

/* A way of filing's lists for a mention; total SIZE_MAX: a way not open to it. */
typedef ps_candidates plan;

/* plan_add - index's list under list_key(surname, rest), if there is one */
static void plan_add(plan *p, GHashTable *index, const char *surname, const char *rest)
{
    char key[LIST_KEY_MAX];
    const GArray *list = g_hash_table_lookup(index, list_key(key, surname, rest));
    if (list == NULL || list->len == 0 || p->total == SIZE_MAX)
        return;
    if (p->n == PS_CANDIDATE_LISTS) { /* not with PS_CANDIDATE_LISTS's size; else not this way */
        p->total = SIZE_MAX;
        return;
    }
    p->lists[p->n++] = list;
    p->total += list->len;
}

/* across_to - the symbols other than x that names_initials_across takes for x */
static const char *across_to(ps_index *c, char x)
{
    unsigned char at = (unsigned char)x;
    if (c->across_to[at] == NULL) {
        const names *n = deriver_names(c->t->rules);
        GString *to = g_string_new(NULL);
        for (int y = 1; y < 256; y++)
            if ((char)y != x && names_initials_across(n, (char)y, x))
                g_string_append_c(to, (char)y);
        c->across_to[at] = g_string_free(to, FALSE);
    }
    return c->across_to[at];
}

/* by_surname_plan - every person filed under m's surname's keys */
static void by_surname_plan(ps_index *c, const ps_parts *m, plan *p)
{
    for (size_t k = 0; k < DERIVE_PART_KEYS; k++)
        if (m->surname[k][0] != '\0')
            plan_add(p, c->by_surname, m->surname[k], NULL);
}

/* by_given_plan - under surname key s, for a mention that writes a given
 * name: the persons that write one of its keys, or none (agrees asks no
 * more of them) */
static void by_given_plan(ps_index *c, const ps_parts *m, const char *s, plan *p)
{
    plan_add(p, c->by_given, s, "");
    for (size_t g = 0; g < DERIVE_PART_KEYS; g++)
        if (m->given[g][0] != '\0')
            plan_add(p, c->by_given, s, m->given[g]);
}

/* by_initial_plan - under surname key s, for a mention with given
 * initials: the persons with none, or with one of its symbols, or, when it
 * writes no given name, with a symbol that may stand for one of them
 * across the scripts (share_initial) */
static void by_initial_plan(ps_index *c, const ps_parts *m, const char *s, plan *p)
{
    plan_add(p, c->by_initial, s, "");
    for (const char *x = m->given_initials; *x; x++) {
        char one[2] = {*x, '\0'};
        plan_add(p, c->by_initial, s, one);
        for (const char *y = m->given[0][0] ? "" : across_to(c, *x); *y; y++) {
            char other[2] = {*y, '\0'};
            plan_add(p, c->by_initial, s, other);
        }
    }
}

/* ps_index_candidates - the lists of the persons agrees may say yes to
 * for mention m: those filed under its surname's keys, narrowed by its
 * given name or by its initials, whichever leaves fewer to ask */
void ps_index_candidates(ps_index *c, const ps_parts *m, ps_candidates *out)
{
    plan ways[3] = {{.n = 0}, {.n = 0}, {.n = 0}}; /* by surname, given name, initials */
    by_surname_plan(c, m, &ways[0]);
    ways[1].total = m->given[0][0] ? 0 : SIZE_MAX;
    ways[2].total = m->given_initials[0] ? 0 : SIZE_MAX;
    for (size_t k = 0; k < DERIVE_PART_KEYS; k++) {
        if (m->surname[k][0] == '\0')
            continue;
        if (ways[1].total != SIZE_MAX)
            by_given_plan(c, m, m->surname[k], &ways[1]);
        if (ways[2].total != SIZE_MAX)
            by_initial_plan(c, m, m->surname[k], &ways[2]);
    }
    const plan *best = &ways[0];
    for (size_t w = 1; w < 3; w++)
        if (ways[w].total < best->total)
            best = &ways[w];
    *out = *best;
}

/* ps_index_set_id - the person's id from its first mention's keys and the first
 * n that makes it unique; the persons before it with the same keys took
 * the n below the one kept for them (ids are never given back), so the
 * search starts there */
void ps_index_set_id(const ps_index *c, ps_person *p)
{
    char born[16];
    ps_born_text(&p->best.born, born);
    char *keys = g_strdup_printf("%s|%s|%s|%s", p->best.surname[0], p->best.given[0],
                                 p->best.patronymic, born);
    unsigned n = GPOINTER_TO_UINT(g_hash_table_lookup(c->next_n, keys));
    for (;; n++) {
        char *text = g_strdup_printf("%s|%u", keys, n);
        char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
        g_strlcpy(p->id, sum, sizeof p->id);
        g_free(sum);
        g_free(text);
        if (!g_hash_table_contains(c->ids, p->id))
            break;
    }
    g_hash_table_insert(c->next_n, keys, GUINT_TO_POINTER(n + 1));
}

/* ps_index_new - t's persons filed, with their documents */
ps_index *ps_index_new(persons *t)
{
    ps_index *c = g_new0(ps_index, 1);
    c->t = t;
    c->by_surname = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_list);
    c->by_given = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_list);
    c->by_initial = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_list);
    c->ids = g_hash_table_new(g_str_hash, g_str_equal);
    c->near = g_array_new(FALSE, FALSE, sizeof(guint));
    c->docs = g_hash_table_new(pair_hash, g_direct_equal);
    c->case_ids = g_hash_table_new(g_str_hash, g_str_equal);
    c->cases = g_hash_table_new(pair_hash, g_direct_equal);
    c->in_doc = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_list);
    c->in_case = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_list);
    c->next_n = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < t->persons->len; i++) {
        ps_index_file(c, i);
        const GArray *mine = ((ps_person *)g_ptr_array_index(t->persons, i))->mentions;
        for (guint j = 0; j < mine->len; j++)
            ps_index_note_doc(
                c, i, g_array_index(t->mentions, ps_mention, g_array_index(mine, size_t, j)).doc);
    }
    return c;
}

/* ps_index_free - every table (NULL is fine) */
void ps_index_free(ps_index *c)
{
    if (c == NULL)
        return;
    g_hash_table_destroy(c->by_surname);
    g_hash_table_destroy(c->by_given);
    g_hash_table_destroy(c->by_initial);
    for (size_t x = 0; x < G_N_ELEMENTS(c->across_to); x++)
        g_free(c->across_to[x]);
    g_hash_table_destroy(c->ids);
    g_array_free(c->near, TRUE);
    g_hash_table_destroy(c->docs);
    g_hash_table_destroy(c->case_ids);
    g_hash_table_destroy(c->cases);
    g_hash_table_destroy(c->in_doc);
    g_hash_table_destroy(c->in_case);
    g_hash_table_destroy(c->next_n);
    g_free(c);
}
