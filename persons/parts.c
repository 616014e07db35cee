/*
 * parts.c - a page's person as the persons table keeps it (ps_parts, see
 * persons_private.h): its name's keys held once for the whole table, so
 * that a million mentions of a few thousand surnames hold a few thousand
 * strings and compare keys by address, and its places apart (most
 * mentions write none).
 *
 * Functions: ps_parts_of, ps_parts_asked, ps_places_of, ps_places_free.
 */
#include "persons/persons_private.h"

/* one_key - the table's own copy of key (added when add and new); "" for
 * none; without add, key itself when the table has no copy: it then
 * equals no key of the table, as no mention has it */
static const char *one_key(GHashTable *keys, const char *key, int add)
{
    if (key[0] == '\0')
        return "";
    const char *own = g_hash_table_lookup(keys, key);
    if (own == NULL && add) {
        char *copy = g_strdup(key);
        g_hash_table_add(keys, copy);
        own = copy;
    }
    return own != NULL ? own : key;
}

/* parts_with - p's parts with the keys', adding those it lacks when add */
static void parts_with(GHashTable *keys, const derive_person *p, ps_parts *out, int add)
{
    *out = (ps_parts){.pos = p->pos,
                      .patronymic = one_key(keys, p->patronymic, add),
                      .sex = p->sex,
                      .accused = p->accused,
                      .role = p->role,
                      .born = p->born,
                      .decision = p->decision};
    for (size_t k = 0; k < DERIVE_PART_KEYS; k++) {
        out->surname[k] = one_key(keys, p->surname[k], add);
        out->given[k] = one_key(keys, p->given[k], add);
    }
    g_strlcpy(out->given_initials, p->given_initials, sizeof out->given_initials);
    g_strlcpy(out->patronymic_initials, p->patronymic_initials, sizeof out->patronymic_initials);
}

/* ps_parts_of - p's parts, its keys added to t's */
void ps_parts_of(persons *t, const derive_person *p, ps_parts *out)
{
    parts_with(t->keys, p, out, 1);
}

/* ps_parts_asked - p's parts, with t's keys where t has them */
void ps_parts_asked(const persons *t, const derive_person *p, ps_parts *out)
{
    parts_with(t->keys, p, out, 0);
}

/* ps_places_of - p's places, or NULL when it writes none (ps_places_free) */
ps_places *ps_places_of(const derive_person *p)
{
    int any = p->born_place[0] != '\0';
    for (size_t k = 0; k < DERIVE_ADDRESSES; k++)
        any |= p->addresses[k][0] != '\0';
    if (!any)
        return NULL;
    ps_places *pl = g_new0(ps_places, 1);
    pl->born_place = p->born_place[0] != '\0' ? g_strdup(p->born_place) : NULL;
    for (size_t k = 0; k < DERIVE_ADDRESSES; k++)
        pl->addresses[k] = p->addresses[k][0] != '\0' ? g_strdup(p->addresses[k]) : NULL;
    return pl;
}

/* ps_places_free - its strings and it (NULL is fine) */
void ps_places_free(ps_places *pl)
{
    if (pl == NULL)
        return;
    g_free(pl->born_place);
    for (size_t k = 0; k < DERIVE_ADDRESSES; k++)
        g_free(pl->addresses[k]);
    g_free(pl);
}
