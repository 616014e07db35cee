/*
 * merges.c - the corrections users make: two persons that are one, said
 * with `dokaz person merge ID ID`, kept in the audit log (a
 * "persons-merged" line with the user) and applied each time the table is
 * built, so they outlast re-indexing as long as the ids do (an id comes from
 * its person's fullest mention; a merge whose ids are gone is skipped).
 *
 * Functions: persons_merge, ps_apply_merges.
 */
#include "persons/persons_private.h"
#include "common/error.h"
#include "ingest/audit.h"

#include <stdlib.h>
#include <string.h>

/* index_of - the index of the person with this id, -1 for none */
static long index_of(const persons *t, const char *id)
{
    for (guint i = 0; i < t->persons->len; i++)
        if (strcmp(((ps_person *)g_ptr_array_index(t->persons, i))->id, id) == 0)
            return (long)i;
    return -1;
}

/* join - move person gone's mentions to person keep, then drop gone */
static void join(persons *t, long keep, long gone)
{
    ps_person *k = g_ptr_array_index(t->persons, (guint)keep);
    ps_person *g = g_ptr_array_index(t->persons, (guint)gone);
    g_array_append_vals(k->mentions, g->mentions->data, g->mentions->len);
    g_array_free(g->mentions, TRUE);
    g_free(g);
    g_ptr_array_remove_index(t->persons, (guint)gone);
}

/* apply - one line of the log: a merge of two persons both still there */
static int apply(const audit_event *e, void *ctx)
{
    persons *t = ctx;
    if (e->kind != AUDIT_PERSONS_MERGED || e->persons == NULL)
        return 0;
    char **ids = g_strsplit(e->persons, " ", 3);
    if (g_strv_length(ids) == 2) {
        long keep = index_of(t, ids[0]), gone = index_of(t, ids[1]);
        if (keep >= 0 && gone >= 0 && keep != gone)
            join(t, keep, gone);
    }
    g_strfreev(ids);
    return 0;
}

/* ps_apply_merges - every merge of the log, in order */
int ps_apply_merges(persons *t, const char *data_dir, char **err)
{
    return audit_each(data_dir, apply, t, NULL, err);
}

/* persons_merge - check both ids, then log the merge */
int persons_merge(const char *data_dir, const persons *t, const char *keep, const char *gone,
                  const char *user, char **err)
{
    if (index_of(t, keep) < 0)
        return dk_fail(err, "no person has the id %s", keep);
    if (index_of(t, gone) < 0)
        return dk_fail(err, "no person has the id %s", gone);
    if (strcmp(keep, gone) == 0)
        return dk_fail(err, "a person cannot be merged with itself");
    char *both = g_strdup_printf("%s %s", keep, gone);
    audit_event e = {.kind = AUDIT_PERSONS_MERGED, .persons = both, .user = user};
    int rc = audit_append_event(data_dir, &e, err);
    g_free(both);
    return rc;
}
