/*
 * merges.c - the corrections users make, kept in the audit log with the
 * user and applied in the log's order each time the table is built, so
 * they outlast re-indexing and re-clustering:
 *
 * - `dokaz person merge ID ID`, a "persons-merged" line: two persons are
 *   one (a merge whose ids are gone is skipped; an id comes from its
 *   person's fullest mention, so it stays while that mention does);
 * - `dokaz person split ID MENTION...`, a "persons-split" line: those
 *   mentions are another person. A mention's id is its document's, page's
 *   and word position's ("3fa2c1b0d9e8-1-17"), the same as long as the
 *   paper is; the split is applied to the person that holds the first of
 *   them still there (ID's when it has it), and the new person's id comes
 *   from ID and the mentions, so a merge logged after it still finds it.
 *
 * Functions: persons_merge, persons_split, ps_apply_merges, ps_mention_id.
 */
#include "persons/persons_private.h"
#include "common/error.h"
#include "ingest/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ps_mention_id - "<first 12 hex digits of its document>-<page>-<position>" */
void ps_mention_id(const persons *t, const ps_mention *m, char out[PS_MENTION_ID_MAX])
{
    const ps_doc *d = g_ptr_array_index(t->docs, m->doc);
    snprintf(out, PS_MENTION_ID_MAX, "%.12s-%d-%u", d->sha256, m->page, m->p.pos);
}

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

/* position_in - where person p holds the mention with this id, -1 for nowhere */
static long position_in(const persons *t, const ps_person *p, const char *mention)
{
    char id[PS_MENTION_ID_MAX];
    for (guint i = 0; i < p->mentions->len; i++) {
        ps_mention_id(
            t, &g_array_index(t->mentions, ps_mention, g_array_index(p->mentions, size_t, i)), id);
        if (strcmp(id, mention) == 0)
            return (long)i;
    }
    return -1;
}

/* holder - the person holding a mention, -1 for none */
static long holder(const persons *t, const char *mention)
{
    for (guint i = 0; i < t->persons->len; i++)
        if (position_in(t, g_ptr_array_index(t->persons, i), mention) >= 0)
            return (long)i;
    return -1;
}

/* fullness - how much of a name a mention writes: given name, patronymic,
 * birth date */
static int fullness(const ps_parts *p)
{
    return (p->given[0][0] ? 4 : 0) + (p->patronymic[0] ? 2 : 0) + (p->born.birth ? 3 : 0);
}

/* reparts - a person's parts again from its mentions: the fullest, with a
 * birth date or sex another gives */
static void reparts(const persons *t, ps_person *p)
{
    const ps_mention *ms = (const ps_mention *)(const void *)t->mentions->data;
    int best = -1;
    for (guint i = 0; i < p->mentions->len; i++) {
        const ps_parts *m = &ms[g_array_index(p->mentions, size_t, i)].p;
        if (fullness(m) > best) {
            best = fullness(m);
            p->best = *m;
        }
    }
    for (guint i = 0; i < p->mentions->len; i++) {
        const ps_parts *m = &ms[g_array_index(p->mentions, size_t, i)].p;
        if (!p->best.born.birth && m->born.birth)
            p->best.born = m->born;
        if (p->best.sex == NAMES_SEX_UNKNOWN)
            p->best.sex = m->sex;
    }
}

/* split_id - the new person's id: from the old id and the mentions, made
 * unique */
static void split_id(const persons *t, const char *const *words, char out[13])
{
    for (unsigned n = 0;; n++) {
        char *all = g_strjoinv(" ", (char **)words);
        char *text = g_strdup_printf("split|%s|%u", all, n);
        char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
        g_strlcpy(out, sum, 13);
        g_free(sum);
        g_free(text);
        g_free(all);
        if (index_of(t, out) < 0)
            return;
    }
}

/* split - words: the person's id, then mention ids; the mentions still in
 * the person that holds the first of them become a new person; its id into
 * new_id[13] ("" when nothing was split) */
static void split(persons *t, const char *const *words, char new_id[13])
{
    new_id[0] = '\0';
    long from = index_of(t, words[0]);
    for (size_t i = 1; words[i] != NULL && from < 0; i++)
        from = holder(t, words[i]);
    if (from < 0)
        return;
    ps_person *p = g_ptr_array_index(t->persons, (guint)from);
    GArray *moved = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t i = 1; words[i] != NULL; i++) {
        long at = position_in(t, p, words[i]);
        if (at >= 0 && p->mentions->len > 1) { /* one stays */
            g_array_append_val(moved, g_array_index(p->mentions, size_t, at));
            g_array_remove_index(p->mentions, (guint)at);
        }
    }
    if (moved->len == 0) {
        g_array_free(moved, TRUE);
        return;
    }
    ps_person *n = g_new0(ps_person, 1);
    n->mentions = moved;
    split_id(t, words, n->id);
    reparts(t, n);
    reparts(t, p);
    g_ptr_array_add(t->persons, n);
    g_strlcpy(new_id, n->id, 13);
}

/* apply - one line of the log: a merge of two persons both still there, or
 * a split */
static int apply(const audit_event *e, void *ctx)
{
    persons *t = ctx;
    if ((e->kind != AUDIT_PERSONS_MERGED && e->kind != AUDIT_PERSONS_SPLIT) || e->persons == NULL)
        return 0;
    char **words = g_strsplit(e->persons, " ", -1), new_id[13];
    if (e->kind == AUDIT_PERSONS_SPLIT && g_strv_length(words) >= 2) {
        split(t, (const char *const *)words, new_id);
    } else if (e->kind == AUDIT_PERSONS_MERGED && g_strv_length(words) == 2) {
        long keep = index_of(t, words[0]), gone = index_of(t, words[1]);
        if (keep >= 0 && gone >= 0 && keep != gone)
            join(t, keep, gone);
    }
    g_strfreev(words);
    return 0;
}

/* ps_apply_merges - every merge and split of the log, in order */
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

/* persons_split - check the id and that the mentions are some but not all
 * of its own, log the split, then make it in t */
int persons_split(const char *data_dir, persons *t, const char *id, const char *const *mentions,
                  const char *user, char new_id[13], char **err)
{
    long at = index_of(t, id);
    if (at < 0)
        return dk_fail(err, "no person has the id %s", id);
    const ps_person *p = g_ptr_array_index(t->persons, (guint)at);
    size_t n = 0;
    for (; mentions[n] != NULL; n++) {
        if (position_in(t, p, mentions[n]) < 0)
            return dk_fail(err, "person %s has no mention %s (see `dokaz person %s --json`)", id,
                           mentions[n], id);
        for (size_t k = 0; k < n; k++)
            if (strcmp(mentions[k], mentions[n]) == 0)
                return dk_fail(err, "mention %s is named twice", mentions[n]);
    }
    if (n == 0 || n >= p->mentions->len)
        return dk_fail(err, "a split takes some of the person's %u mentions, not %s",
                       p->mentions->len, n ? "all" : "none");
    char *all = g_strjoinv(" ", (char **)mentions);
    char *line = g_strdup_printf("%s %s", id, all);
    audit_event e = {.kind = AUDIT_PERSONS_SPLIT, .persons = line, .user = user};
    int rc = audit_append_event(data_dir, &e, err);
    if (rc == 0) {
        char **words = g_strsplit(line, " ", -1);
        split(t, (const char *const *)words, new_id);
        g_strfreev(words);
    }
    g_free(line);
    g_free(all);
    return rc;
}
