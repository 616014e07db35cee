/*
 * cluster.c - mentions joined into persons (see persons.h).
 *
 * The most complete mentions come first (a given name, a patronymic, a
 * birth date), so that each person starts from its fullest form; a mention
 * then joins the one person it agrees with, or, when several agree
 * (namesakes, or initials that fit two persons), the one named in the same
 * document, else in the same case; when none can be told, it is a person of
 * its own. Initials typed in two scripts agree where they begin two forms
 * of one given name (О. and А. for Олег/Алег). A person's parts grow with
 * what its mentions add (a birth date written on one paper only), but never
 * its surname or given name, so a person is filed under their keys once,
 * when it starts, and a mention is compared only with the persons filed
 * under its own (the clustering struct below). Which documents and cases a
 * person's mentions stand in is kept in sets as they join, so that telling
 * namesakes apart does not walk every mention of each.
 *
 * Functions: ps_agrees, ps_cluster.
 */
#include "persons/persons_private.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* share_key - whether two parts' key lists share a key */
static int share_key(const char a[][NAMES_KEY_MAX], const char b[][NAMES_KEY_MAX])
{
    for (size_t i = 0; i < DERIVE_PART_KEYS; i++)
        for (size_t j = 0; a[i][0] != '\0' && j < DERIVE_PART_KEYS; j++)
            if (strcmp(a[i], b[j]) == 0)
                return 1;
    return 0;
}

/* share_initial - whether two initial lists share a symbol; yes when
 * either is empty. Two typed initials (both_typed) also agree when they
 * begin two forms of one given name (n's table: Климович О.В. in a Russian
 * paper is Клімовіч А.В. in a Belarusian one); a name written in full
 * carries its forms' initials already. */
static int share_initial(const names *n, const char *a, const char *b, int both_typed)
{
    if (a[0] == '\0' || b[0] == '\0')
        return 1;
    for (const char *c = a; *c; c++)
        for (const char *d = b; *d; d++)
            if (*c == *d || (both_typed && names_initials_across(n, *c, *d)))
                return 1;
    return 0;
}

/* born_agrees - whether two birth dates may be one: the parts both give */
static int born_agrees(const fields_date *a, const fields_date *b)
{
    if (!a->birth || !b->birth)
        return 1;
    return a->year == b->year && (a->month == 0 || b->month == 0 || a->month == b->month) &&
           (a->day == 0 || b->day == 0 || a->day == b->day);
}

/* agrees - surname, given name, patronymic, sex, birth date; typed
 * initials across the scripts' forms of n's given names (n may be NULL) */
static int agrees(const names *n, const derive_person *a, const derive_person *b)
{
    if (!share_key(a->surname, b->surname))
        return 0;
    if (a->given[0][0] != '\0' && b->given[0][0] != '\0' && !share_key(a->given, b->given))
        return 0;
    if (a->patronymic[0] != '\0' && b->patronymic[0] != '\0' &&
        strcmp(a->patronymic, b->patronymic) != 0)
        return 0;
    if (a->sex != NAMES_SEX_UNKNOWN && b->sex != NAMES_SEX_UNKNOWN && a->sex != b->sex)
        return 0;
    return share_initial(n, a->given_initials, b->given_initials,
                         a->given[0][0] == '\0' && b->given[0][0] == '\0') &&
           share_initial(n, a->patronymic_initials, b->patronymic_initials,
                         a->patronymic[0] == '\0' && b->patronymic[0] == '\0') &&
           born_agrees(&a->born, &b->born);
}

/* ps_agrees - agrees, typed initials by their letters alone */
int ps_agrees(const derive_person *a, const derive_person *b)
{
    return agrees(NULL, a, b);
}

/* completeness - how much of a name a mention writes */
static int completeness(const derive_person *p)
{
    return (p->given[0][0]         ? 4
            : p->given_initials[0] ? 1
                                   : 0) +
           (p->patronymic[0]            ? 2
            : p->patronymic_initials[0] ? 1
                                        : 0) +
           (p->born.birth ? (p->born.day ? 4 : 3) : 0);
}

/* by_completeness - the fuller mention first, then in reading order */
static gint by_completeness(gconstpointer a, gconstpointer b, gpointer data)
{
    const ps_mention *ms = (const ps_mention *)(const void *)((GArray *)data)->data;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int ci = completeness(&ms[i].p), cj = completeness(&ms[j].p);
    if (ci != cj)
        return cj - ci;
    return i < j ? -1 : i > j;
}

/* grow - what a joining mention adds to the person's parts */
static void grow(derive_person *best, const derive_person *m)
{
    if (!best->born.birth && m->born.birth)
        best->born = m->born;
    if (best->patronymic[0] == '\0' && m->patronymic[0] != '\0') {
        memcpy(best->patronymic, m->patronymic, sizeof best->patronymic);
        memcpy(best->patronymic_initials, m->patronymic_initials, sizeof best->patronymic_initials);
    }
    if (best->sex == NAMES_SEX_UNKNOWN)
        best->sex = m->sex;
}

/* What clustering keeps beside the table: each person filed under the
 * keys of its surname, and under those keys joined with the keys of its
 * given name (or with "" when it has none), and the ids taken. agrees says
 * yes only to a person whose surname shares a key with the mention's and,
 * when both write a given name, whose given name does too; so only those
 * are asked. Without them every mention was compared with every person:
 * at 200,000 pages, millions of mentions against tens of thousands. */
typedef struct {
    persons *t;
    GHashTable *by_surname; /* surname key -> GArray of guint, ascending */
    GHashTable *by_given;   /* surname key "\x1f" given key (or "") -> the same */
    GHashTable *by_initial; /* surname key "\x1f" given initial's symbol (or "") -> the same */
    char *across_to[256];   /* symbol -> the other symbols names_initials_across
                               takes for it, once asked (g_free) */
    GHashTable *ids;        /* the ids taken (ps_person's own strings) */
    GArray *found;          /* candidates of the mention at hand, reused */
    GHashTable *docs;       /* pair(person, document) of each mention joined */
    GHashTable *case_ids;   /* case number (the documents' strings) -> its number + 1 */
    GHashTable *cases;      /* pair(person, case's number) of its documents' cases */
    GHashTable *next_n;     /* a person's id keys -> the n set_id tries first for them */
} clustering;

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

/* note_doc - person p has a mention in document doc: so its cases too */
static void note_doc(clustering *c, size_t p, size_t doc)
{
    if (!g_hash_table_add(c->docs, pair(p, doc)))
        return;
    for (char **n = ((ps_doc *)g_ptr_array_index(c->t->docs, doc))->cases; *n; n++) {
        gpointer id = g_hash_table_lookup(c->case_ids, *n);
        if (id == NULL) {
            id = GUINT_TO_POINTER(g_hash_table_size(c->case_ids) + 1);
            g_hash_table_insert(c->case_ids, *n, id);
        }
        g_hash_table_add(c->cases, pair(p, GPOINTER_TO_UINT(id)));
    }
}

/* shares - whether person p has a mention in document doc (same_case: or
 * in a document sharing a case number with it) */
static int shares(const clustering *c, size_t p, size_t doc, int same_case)
{
    if (g_hash_table_contains(c->docs, pair(p, doc)))
        return 1;
    for (char **n = ((ps_doc *)g_ptr_array_index(c->t->docs, doc))->cases; same_case && *n; n++) {
        gpointer id = g_hash_table_lookup(c->case_ids, *n);
        if (id != NULL && g_hash_table_contains(c->cases, pair(p, GPOINTER_TO_UINT(id))))
            return 1;
    }
    return 0;
}

/* file_under - person i in index's list under key (taken) */
static void file_under(GHashTable *index, char *key, guint i)
{
    GArray *list = g_hash_table_lookup(index, key);
    if (list == NULL) {
        list = g_array_new(FALSE, FALSE, sizeof(guint));
        g_hash_table_insert(index, key, list);
    } else {
        g_free(key);
    }
    assert(list->len == 0 || g_array_index(list, guint, list->len - 1) <= i);
    if (list->len == 0 || g_array_index(list, guint, list->len - 1) != i) /* a key twice */
        g_array_append_val(list, i);
}

/* file_person - person i under its keys, and its id */
static void file_person(clustering *c, guint i)
{
    ps_person *p = g_ptr_array_index(c->t->persons, i);
    const derive_person *b = &p->best;
    for (size_t k = 0; k < DERIVE_PART_KEYS; k++) {
        if (b->surname[k][0] == '\0')
            continue;
        file_under(c->by_surname, g_strdup(b->surname[k]), i);
        if (b->given[0][0] == '\0') /* agrees takes it as no given name */
            file_under(c->by_given, g_strconcat(b->surname[k], "\x1f", NULL), i);
        for (size_t g = 0; b->given[0][0] != '\0' && g < DERIVE_PART_KEYS; g++)
            if (b->given[g][0] != '\0')
                file_under(c->by_given, g_strconcat(b->surname[k], "\x1f", b->given[g], NULL), i);
        if (b->given_initials[0] == '\0') /* share_initial takes it as any */
            file_under(c->by_initial, g_strconcat(b->surname[k], "\x1f", NULL), i);
        for (const char *x = b->given_initials; *x; x++)
            file_under(c->by_initial, g_strdup_printf("%s\x1f%c", b->surname[k], *x), i);
    }
    g_hash_table_add(c->ids, p->id);
}

/* free_list - an index's list */
static void free_list(gpointer list)
{
    g_array_free(list, TRUE);
}

/* by_index - ascending person indexes */
static gint by_index(gconstpointer a, gconstpointer b)
{
    guint x = *(const guint *)a, y = *(const guint *)b;
    return x < y ? -1 : x > y;
}

/* The lists a mention's candidates are gathered from, by one way of
 * filing; total is how many persons they hold (SIZE_MAX: a way not open to
 * the mention). Two surname keys, each with its given name's keys and "",
 * or with every symbol its initials may stand for, fit. */
enum { PLAN_LISTS = DERIVE_PART_KEYS * 64 };
typedef struct {
    const GArray *lists[PLAN_LISTS];
    size_t n, total;
} plan;

/* plan_add - index's list under surname "\x1f" rest, if there is one */
static void plan_add(plan *p, GHashTable *index, const char *surname, const char *rest)
{
    char key[2 * NAMES_KEY_MAX + 2];
    snprintf(key, sizeof key, "%s\x1f%s", surname, rest);
    const GArray *list = g_hash_table_lookup(index, key);
    if (list == NULL || list->len == 0 || p->total == SIZE_MAX)
        return;
    if (p->n == PLAN_LISTS) { /* cannot happen with the sizes above; if it did, not this way */
        p->total = SIZE_MAX;
        return;
    }
    p->lists[p->n++] = list;
    p->total += list->len;
}

/* across_to - the symbols other than x that names_initials_across takes for x */
static const char *across_to(clustering *c, char x)
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
static void by_surname_plan(clustering *c, const derive_person *m, plan *p)
{
    for (size_t k = 0; k < DERIVE_PART_KEYS; k++) {
        GArray *list = m->surname[k][0] ? g_hash_table_lookup(c->by_surname, m->surname[k]) : NULL;
        if (list != NULL && list->len > 0) {
            p->lists[p->n++] = list;
            p->total += list->len;
        }
    }
}

/* by_given_plan - a mention that writes a given name: the persons that
 * write one of its keys, or none (agrees asks no more of them) */
static void by_given_plan(clustering *c, const derive_person *m, plan *p)
{
    if (m->given[0][0] == '\0') {
        p->total = SIZE_MAX;
        return;
    }
    for (size_t k = 0; k < DERIVE_PART_KEYS; k++) {
        if (m->surname[k][0] == '\0')
            continue;
        plan_add(p, c->by_given, m->surname[k], "");
        for (size_t g = 0; g < DERIVE_PART_KEYS; g++)
            if (m->given[g][0] != '\0')
                plan_add(p, c->by_given, m->surname[k], m->given[g]);
    }
}

/* by_initial_plan - a mention with given initials: the persons with none,
 * or with one of its symbols, or, when it writes no given name, with a
 * symbol that may stand for one of them across the scripts (share_initial) */
static void by_initial_plan(clustering *c, const derive_person *m, plan *p)
{
    if (m->given_initials[0] == '\0') {
        p->total = SIZE_MAX;
        return;
    }
    for (size_t k = 0; k < DERIVE_PART_KEYS; k++) {
        if (m->surname[k][0] == '\0')
            continue;
        plan_add(p, c->by_initial, m->surname[k], "");
        for (const char *x = m->given_initials; *x; x++) {
            char one[2] = {*x, '\0'};
            plan_add(p, c->by_initial, m->surname[k], one);
            for (const char *y = m->given[0][0] ? "" : across_to(c, *x); *y; y++) {
                char other[2] = {*y, '\0'};
                plan_add(p, c->by_initial, m->surname[k], other);
            }
        }
    }
}

/* candidates - the persons agrees may say yes to for mention m, ascending,
 * each once: those filed under its surname's keys, narrowed by its given
 * name or by its initials, whichever leaves fewer to ask */
static const GArray *candidates(clustering *c, const derive_person *m)
{
    plan ways[3] = {{.n = 0}, {.n = 0}, {.n = 0}};
    by_surname_plan(c, m, &ways[0]);
    by_given_plan(c, m, &ways[1]);
    by_initial_plan(c, m, &ways[2]);
    const plan *best = &ways[0];
    for (size_t w = 1; w < 3; w++)
        if (ways[w].total < best->total)
            best = &ways[w];
    g_array_set_size(c->found, 0);
    for (size_t l = 0; l < best->n; l++)
        g_array_append_vals(c->found, best->lists[l]->data, best->lists[l]->len);
    if (best->n > 1) { /* two lists may hold one person: in order, once */
        g_array_sort(c->found, by_index);
        guint kept = 0;
        for (guint i = 0; i < c->found->len; i++)
            if (kept == 0 ||
                g_array_index(c->found, guint, i) != g_array_index(c->found, guint, kept - 1))
                g_array_index(c->found, guint, kept++) = g_array_index(c->found, guint, i);
        g_array_set_size(c->found, kept);
    }
    return c->found;
}

/* pick - the person a mention joins: the only one that agrees, else the
 * one of its document, else of its case; -1 for a new person */
static long pick(clustering *c, const ps_mention *m)
{
    const persons *t = c->t;
    const names *n = deriver_names(t->rules);
    const GArray *maybe = candidates(c, &m->p);
    long found = -1, count = 0;
    for (guint k = 0; k < maybe->len; k++) {
        guint i = g_array_index(maybe, guint, k);
        if (agrees(n, &((ps_person *)g_ptr_array_index(t->persons, i))->best, &m->p)) {
            found = (long)i;
            count++;
        }
    }
    if (count <= 1)
        return found;
    for (int same_case = 0; same_case < 2; same_case++)
        for (guint k = 0; k < maybe->len; k++) {
            guint i = g_array_index(maybe, guint, k);
            ps_person *p = g_ptr_array_index(t->persons, i);
            if (agrees(n, &p->best, &m->p) && shares(c, i, m->doc, same_case))
                return (long)i;
        }
    return -1;
}

/* set_id - the person's id from its first mention's keys and the first
 * n that makes it unique; the persons before it with the same keys took
 * the n below the one kept for them (ids are never given back), so the
 * search starts there */
static void set_id(const clustering *c, ps_person *p)
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

/* same_case - whether documents a and b are one or share a case number */
static int same_case(const persons *t, size_t a, size_t b)
{
    char **mine = ((ps_doc *)g_ptr_array_index(t->docs, a))->cases;
    char **theirs = ((ps_doc *)g_ptr_array_index(t->docs, b))->cases;
    for (char **c = mine; a != b && *c; c++)
        if (g_strv_contains((const char *const *)theirs, *c))
            return 1;
    return a == b;
}

/* case_roles - a mention with no role word of its own ("Также мне знакома
 * Козловская А.В." in a witness's protocol) takes the role its person has
 * in another paper of the same case: a person has one role a case */
static void case_roles(persons *t)
{
    ps_mention *ms = (ps_mention *)(void *)t->mentions->data;
    for (guint i = 0; i < t->persons->len; i++) {
        const GArray *mine = ((ps_person *)g_ptr_array_index(t->persons, i))->mentions;
        for (guint j = 0; j < mine->len; j++) {
            ps_mention *m = &ms[g_array_index(mine, size_t, j)];
            for (guint k = 0; m->p.role == DERIVE_ROLE_OTHER && k < mine->len; k++) {
                const ps_mention *o = &ms[g_array_index(mine, size_t, k)];
                if (o->p.role != DERIVE_ROLE_OTHER && same_case(t, m->doc, o->doc))
                    m->p.role = o->p.role;
            }
        }
    }
}

/* ps_cluster - fullest first, each into the person it joins */
void ps_cluster(persons *t)
{
    clustering c = {t,
                    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_list),
                    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_list),
                    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_list),
                    {NULL},
                    g_hash_table_new(g_str_hash, g_str_equal),
                    g_array_new(FALSE, FALSE, sizeof(guint)),
                    g_hash_table_new(pair_hash, g_direct_equal),
                    g_hash_table_new(g_str_hash, g_str_equal),
                    g_hash_table_new(pair_hash, g_direct_equal),
                    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    for (guint i = 0; i < t->persons->len; i++) {
        file_person(&c, i);
        const GArray *mine = ((ps_person *)g_ptr_array_index(t->persons, i))->mentions;
        for (guint j = 0; j < mine->len; j++)
            note_doc(&c, i,
                     g_array_index(t->mentions, ps_mention, g_array_index(mine, size_t, j)).doc);
    }
    GArray *order = g_array_sized_new(FALSE, FALSE, sizeof(size_t), t->mentions->len);
    for (size_t i = 0; i < t->mentions->len; i++)
        g_array_append_val(order, i);
    g_array_sort_with_data(order, by_completeness, t->mentions);
    for (guint k = 0; k < order->len; k++) {
        size_t i = g_array_index(order, size_t, k);
        ps_mention *m = &g_array_index(t->mentions, ps_mention, i);
        long at = pick(&c, m);
        ps_person *p;
        if (at < 0) {
            p = g_new0(ps_person, 1);
            p->mentions = g_array_new(FALSE, FALSE, sizeof(size_t));
            p->best = m->p;
            set_id(&c, p);
            g_ptr_array_add(t->persons, p);
            at = (long)t->persons->len - 1;
            file_person(&c, (guint)at);
        } else {
            p = g_ptr_array_index(t->persons, at);
            grow(&p->best, &m->p);
        }
        g_array_append_val(p->mentions, i);
        m->person = (size_t)at;
        note_doc(&c, (size_t)at, m->doc);
    }
    g_array_free(order, TRUE);
    g_array_free(c.found, TRUE);
    g_hash_table_destroy(c.docs);
    g_hash_table_destroy(c.case_ids);
    g_hash_table_destroy(c.cases);
    g_hash_table_destroy(c.next_n);
    g_hash_table_destroy(c.ids);
    g_hash_table_destroy(c.by_given);
    g_hash_table_destroy(c.by_initial);
    for (size_t x = 0; x < G_N_ELEMENTS(c.across_to); x++)
        g_free(c.across_to[x]);
    g_hash_table_destroy(c.by_surname);
    case_roles(t);
}
