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
 * its surname, given name or initials, so a person is filed under their
 * keys once, when it starts, and a mention is compared only with the
 * persons filed under its own (cluster_index.c).
 *
 * Functions: ps_agrees, ps_cluster.
 */
#include "persons/persons_private.h"

#include <string.h>

/* share_key - whether two parts' key lists share a key (the table's own
 * strings: one key, one address) */
static int share_key(const char *const a[DERIVE_PART_KEYS], const char *const b[DERIVE_PART_KEYS])
{
    for (size_t i = 0; i < DERIVE_PART_KEYS; i++)
        for (size_t j = 0; a[i][0] != '\0' && j < DERIVE_PART_KEYS; j++)
            if (a[i] == b[j])
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
static int agrees(const names *n, const ps_parts *a, const ps_parts *b)
{
    if (!share_key(a->surname, b->surname))
        return 0;
    if (a->given[0][0] != '\0' && b->given[0][0] != '\0' && !share_key(a->given, b->given))
        return 0;
    if (a->patronymic[0] != '\0' && b->patronymic[0] != '\0' && a->patronymic != b->patronymic)
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
int ps_agrees(const ps_parts *a, const ps_parts *b)
{
    return agrees(NULL, a, b);
}

/* completeness - how much of a name a mention writes */
static int completeness(const ps_parts *p)
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
static void grow(ps_parts *best, const ps_parts *m)
{
    if (!best->born.birth && m->born.birth)
        best->born = m->born;
    if (best->patronymic[0] == '\0' && m->patronymic[0] != '\0') {
        best->patronymic = m->patronymic;
        memcpy(best->patronymic_initials, m->patronymic_initials, sizeof best->patronymic_initials);
    }
    if (best->sex == NAMES_SEX_UNKNOWN)
        best->sex = m->sex;
}

/* pick - the person a mention joins: the only one that agrees, else the
 * first of its document that does, else of its case; -1 for a new person.
 * Any person that agrees is a candidate, so past the second one found the
 * candidates are left, and only the persons near the mention are asked. */
static long pick(const persons *t, ps_index *c, const ps_mention *m)
{
    const names *n = deriver_names(t->rules);
    ps_candidates maybe;
    ps_index_candidates(c, &m->p, &maybe);
    long found = -1;
    int more = 0;
    for (size_t l = 0; l < maybe.n && !more; l++)
        for (guint k = 0; k < maybe.lists[l]->len && !more; k++) {
            guint i = g_array_index(maybe.lists[l], guint, k);
            if ((long)i == found ||
                !agrees(n, &((ps_person *)g_ptr_array_index(t->persons, i))->best, &m->p))
                continue;
            if (found >= 0)
                more = 1;
            else
                found = (long)i;
        }
    if (!more)
        return found;
    for (int same_case = 0; same_case < 2; same_case++) {
        const GArray *near = ps_index_near(c, m->doc, same_case);
        for (guint k = 0; k < near->len; k++) {
            guint i = g_array_index(near, guint, k);
            if (agrees(n, &((ps_person *)g_ptr_array_index(t->persons, i))->best, &m->p))
                return (long)i;
        }
    }
    return -1;
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
    ps_index *c = ps_index_new(t);
    GArray *order = g_array_sized_new(FALSE, FALSE, sizeof(size_t), t->mentions->len);
    for (size_t i = 0; i < t->mentions->len; i++)
        g_array_append_val(order, i);
    g_array_sort_with_data(order, by_completeness, t->mentions);
    for (guint k = 0; k < order->len; k++) {
        size_t i = g_array_index(order, size_t, k);
        ps_mention *m = &g_array_index(t->mentions, ps_mention, i);
        long at = pick(t, c, m);
        ps_person *p;
        if (at < 0) {
            p = g_new0(ps_person, 1);
            p->mentions = g_array_new(FALSE, FALSE, sizeof(size_t));
            p->best = m->p;
            ps_index_set_id(c, p);
            g_ptr_array_add(t->persons, p);
            at = (long)t->persons->len - 1;
            ps_index_file(c, (guint)at);
        } else {
            p = g_ptr_array_index(t->persons, at);
            grow(&p->best, &m->p);
        }
        g_array_append_val(p->mentions, i);
        m->person = (size_t)at;
        ps_index_note_doc(c, (size_t)at, m->doc);
    }
    g_array_free(order, TRUE);
    ps_index_free(c);
    case_roles(t);
}
