/*
 * json.c - a person as JSON: the list form and the dossier form (see
 * persons.h).
 *
 * A person's role in a document is the first of its mentions' roles there
 * that is not "other", in the order of derive_role (accused before the
 * officials); where all are "other", the role most of its documents of the
 * same case give (its role in the case). Its roles are every document's. A document's case numbers
 * are one case, named by the first court number (one with a "/") among
 * them, else by the first.
 *
 * Functions: ps_born_text, ps_person_row, ps_person_json.
 */
#include "persons/persons_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ps_born_text - "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" */
void ps_born_text(const fields_date *d, char out[16])
{
    out[0] = '\0';
    if (!d->birth || d->year <= 0 || d->year > 9999)
        return;
    if (d->month <= 0 || d->month > 12)
        snprintf(out, 16, "%04d", d->year);
    else if (d->day <= 0 || d->day > 31)
        snprintf(out, 16, "%04d-%02d", d->year, d->month);
    else
        snprintf(out, 16, "%04d-%02d-%02d", d->year, d->month, d->day);
}

/* One document of a person: the document and what the person is there. */
typedef struct {
    size_t doc;
    derive_role role;
    int case_role;            /* the role is the case's, not this document's words' */
    GArray *pages;            /* int */
    GArray *mentions;         /* size_t: the person's mentions in it */
    derive_decision decision; /* what it decides about the person */
} person_doc;

/* doc_of - the person's entry for document doc, added when new */
static person_doc *doc_of(GArray *docs, size_t doc)
{
    for (guint i = 0; i < docs->len; i++)
        if (g_array_index(docs, person_doc, i).doc == doc)
            return &g_array_index(docs, person_doc, i);
    person_doc d = {doc,
                    DERIVE_ROLE_OTHER,
                    0,
                    g_array_new(FALSE, FALSE, sizeof(int)),
                    g_array_new(FALSE, FALSE, sizeof(size_t)),
                    {0}};
    g_array_append_val(docs, d);
    return &g_array_index(docs, person_doc, docs->len - 1);
}

/* case_label - the case a document is under (ps_join_cases' label); NULL
 * when it has none */
static const char *case_label(const ps_doc *d)
{
    return d->case_label[0] != '\0' ? d->case_label : NULL;
}

/* by_date - documents in date order, undated last, then by name */
static gint by_date(gconstpointer a, gconstpointer b, gpointer data)
{
    const persons *t = data;
    const ps_doc *x = g_ptr_array_index(t->docs, ((const person_doc *)a)->doc);
    const ps_doc *y = g_ptr_array_index(t->docs, ((const person_doc *)b)->doc);
    if ((x->date[0] == '\0') != (y->date[0] == '\0'))
        return x->date[0] == '\0' ? 1 : -1;
    int c = strcmp(x->date, y->date);
    return c != 0 ? c : g_strcmp0(x->name, y->name);
}

/* share_case - whether two documents share a case number */
static int share_case(const ps_doc *a, const ps_doc *b)
{
    for (char **c = a->cases; *c; c++)
        if (g_strv_contains((const char *const *)b->cases, *c))
            return 1;
    return 0;
}

/* case_roles - a document where the person is "other" (named in passing:
 * "мне знакома Белова", a seizure ruling's list) gives them the role most
 * of their documents of the same case give, if any */
static void case_roles(const persons *t, GArray *docs)
{
    for (guint i = 0; i < docs->len; i++) {
        person_doc *d = &g_array_index(docs, person_doc, i);
        int count[DERIVE_ROLE_OTHER_OFFICIAL + 1] = {0}, best = DERIVE_ROLE_OTHER;
        if (d->role != DERIVE_ROLE_OTHER)
            continue;
        for (guint k = 0; k < docs->len; k++) {
            const person_doc *o = &g_array_index(docs, person_doc, k);
            if (o->role != DERIVE_ROLE_OTHER && o->case_role == 0 &&
                share_case(g_ptr_array_index(t->docs, d->doc), g_ptr_array_index(t->docs, o->doc)))
                count[o->role]++;
        }
        for (int r = DERIVE_ROLE_ACCUSED; r <= DERIVE_ROLE_OTHER_OFFICIAL; r++)
            if (count[r] > count[best])
                best = r;
        if (best != DERIVE_ROLE_OTHER) {
            d->role = (derive_role)best;
            d->case_role = 1;
        }
    }
}

/* person_docs - the person's documents, in date order (free with free_docs) */
static GArray *person_docs(const persons *t, const ps_person *p)
{
    GArray *docs = g_array_new(FALSE, FALSE, sizeof(person_doc));
    for (guint i = 0; i < p->mentions->len; i++) {
        const ps_mention *m = &g_array_index(t->mentions, ps_mention,
                                             g_array_index(p->mentions, size_t, i));
        person_doc *d = doc_of(docs, m->doc);
        g_array_append_val(d->mentions, g_array_index(p->mentions, size_t, i));
        derive_decision_add(&d->decision, &m->p.decision);
        if (d->role == DERIVE_ROLE_OTHER || (m->p.role != DERIVE_ROLE_OTHER && m->p.role < d->role))
            d->role = m->p.role;
        int seen = 0;
        for (guint k = 0; k < d->pages->len; k++)
            seen |= g_array_index(d->pages, int, k) == m->page;
        if (!seen)
            g_array_append_val(d->pages, m->page);
    }
    case_roles(t, docs);
    g_array_sort_with_data(docs, by_date, (gpointer)t);
    return docs;
}

/* free_docs - what person_docs returned */
static void free_docs(GArray *docs)
{
    for (guint i = 0; i < docs->len; i++) {
        g_array_free(g_array_index(docs, person_doc, i).pages, TRUE);
        g_array_free(g_array_index(docs, person_doc, i).mentions, TRUE);
    }
    g_array_free(docs, TRUE);
}

/* court_fits - whether one of the document's courts has every word */
static int court_fits(const ps_doc *d, char **words)
{
    for (char **c = d->courts; *c; c++) {
        char **keys = g_strsplit(*c, " ", -1);
        int all = 1;
        for (char **w = words; all && *w; w++)
            all = g_strv_contains((const char *const *)keys, *w);
        g_strfreev(keys);
        if (all)
            return 1;
    }
    return 0;
}

/* role_fits - whether the person is in the role (NULL: any;
 * PERSONS_OFFICIAL: an official's) in a document */
static int role_fits(const persons *t, const person_doc *pd, const char *role)
{
    if (role == NULL)
        return 1;
    int official = strcmp(role, PERSONS_OFFICIAL) == 0, want = derive_role_parse(role);
    for (guint i = 0; i <= pd->mentions->len; i++) {
        derive_role r = i < pd->mentions->len
                            ? g_array_index(t->mentions, ps_mention,
                                            g_array_index(pd->mentions, size_t, i))
                                  .p.role
                            : pd->role;
        if (official ? derive_role_official(r) : (int)r == want)
            return 1;
    }
    return 0;
}

/* doc_fits - whether the document is of the filter's court, article and
 * year, with the person in its role there */
static int doc_fits(const persons *t, const person_doc *pd, const ps_filter *f)
{
    const ps_doc *d = g_ptr_array_index(t->docs, pd->doc);
    return (f->court_words == NULL || court_fits(d, f->court_words)) &&
           (f->article[0] == '\0' ||
            g_strv_contains((const char *const *)d->articles, f->article)) &&
           (f->year == 0 || (d->date[0] && atoi(d->date) == f->year)) && role_fits(t, pd, f->role);
}

/* has_role - whether one of the person's mentions has the role filter's role */
static int has_role(const persons *t, const ps_person *p, const char *role)
{
    int want = strcmp(role, PERSONS_OFFICIAL) == 0 ? -1 : derive_role_parse(role);
    for (guint i = 0; i < p->mentions->len; i++) {
        derive_role r =
            g_array_index(t->mentions, ps_mention, g_array_index(p->mentions, size_t, i)).p.role;
        if (want < 0 ? derive_role_official(r) : (int)r == want)
            return 1;
    }
    return 0;
}

/* first_written - the person's first mention's words as written; "" */
static const char *first_written(const persons *t, const ps_person *p)
{
    for (guint i = 0; i < p->mentions->len; i++) {
        const ps_mention *m = &g_array_index(t->mentions, ps_mention,
                                             g_array_index(p->mentions, size_t, i));
        if (m->written != NULL)
            return m->written;
    }
    return "";
}

/* ps_person_row - its documents: one that fits, the cases, the last date */
int ps_person_row(const persons *t, const ps_person *p, const ps_filter *f, persons_row *r)
{
    GArray *docs = person_docs(t, p);
    GPtrArray *labels = g_ptr_array_new();
    int by_documents = f->court_words != NULL || f->article[0] || f->year;
    int fits = by_documents ? 0 : f->role == NULL || has_role(t, p, f->role);
    *r = (persons_row){.id = p->id, .name = first_written(t, p), .documents = (int)docs->len};
    for (guint i = 0; i < docs->len; i++) {
        const person_doc *pd = &g_array_index(docs, person_doc, i);
        const ps_doc *d = g_ptr_array_index(t->docs, pd->doc);
        const char *label = case_label(d);
        fits = fits || (by_documents && doc_fits(t, pd, f));
        if (strcmp(d->date, r->last) > 0)
            g_strlcpy(r->last, d->date, sizeof r->last);
        if (label != NULL && !g_ptr_array_find_with_equal_func(labels, label, g_str_equal, NULL))
            g_ptr_array_add(labels, (gpointer)label);
    }
    r->cases = (int)labels->len;
    g_ptr_array_free(labels, TRUE);
    free_docs(docs);
    return fits;
}

/* add_unique - a string to a JSON array unless it is there */
static void add_unique(json_object *a, const char *s)
{
    for (size_t i = 0; i < json_object_array_length(a); i++)
        if (strcmp(json_object_get_string(json_object_array_get_idx(a, i)), s) == 0)
            return;
    json_object_array_add(a, json_object_new_string(s));
}

/* names_json - the person's names as written, in reading order */
static json_object *names_json(const persons *t, const ps_person *p)
{
    json_object *a = json_object_new_array();
    for (guint i = 0; i < p->mentions->len; i++) {
        const ps_mention *m = &g_array_index(t->mentions, ps_mention,
                                             g_array_index(p->mentions, size_t, i));
        if (m->written != NULL)
            add_unique(a, m->written);
    }
    return a;
}

/* roles_json - the roles of its documents, in derive_role's order; "other"
 * only when it has no other */
static json_object *roles_json(const GArray *docs)
{
    json_object *a = json_object_new_array();
    for (int r = DERIVE_ROLE_ACCUSED; r <= DERIVE_ROLE_OTHER_OFFICIAL; r++)
        for (guint i = 0; i < docs->len; i++)
            if ((int)g_array_index(docs, person_doc, i).role == r) {
                json_object_array_add(a, json_object_new_string(derive_role_name(r)));
                break;
            }
    if (json_object_array_length(a) == 0)
        json_object_array_add(a, json_object_new_string(derive_role_name(DERIVE_ROLE_OTHER)));
    return a;
}

/* strings_json - a NULL-terminated list as a JSON array */
static json_object *strings_json(char **list)
{
    json_object *a = json_object_new_array();
    for (; *list; list++)
        json_object_array_add(a, json_object_new_string(*list));
    return a;
}

/* mentions_json - the person's mentions in a document: each as [page, word
 * position], or with ids as its id ("3fa2c1b0d9e8-1-17") */
static json_object *mentions_json(const persons *t, const person_doc *pd, int ids)
{
    json_object *a = json_object_new_array();
    for (guint i = 0; i < pd->mentions->len; i++) {
        const ps_mention *m = &g_array_index(t->mentions, ps_mention,
                                             g_array_index(pd->mentions, size_t, i));
        if (ids) {
            char id[PS_MENTION_ID_MAX];
            ps_mention_id(t, m, id);
            json_object_array_add(a, json_object_new_string(id));
        } else {
            json_object *pair = json_object_new_array();
            json_object_array_add(pair, json_object_new_int(m->page));
            json_object_array_add(pair, json_object_new_int((int)m->p.pos));
            json_object_array_add(a, pair);
        }
    }
    return a;
}

/* doc_json - one document of the dossier */
static json_object *doc_json(const persons *t, const person_doc *pd)
{
    const ps_doc *d = g_ptr_array_index(t->docs, pd->doc);
    json_object *o = json_object_new_object(), *pages = json_object_new_array();
    json_object_object_add(o, "sha256", json_object_new_string(d->sha256));
    json_object_object_add(o, "name", d->name ? json_object_new_string(d->name) : NULL);
    json_object_object_add(o, "member", d->member ? json_object_new_string(d->member) : NULL);
    json_object_object_add(o, "type", json_object_new_string(d->type));
    json_object_object_add(o, "date", d->date[0] ? json_object_new_string(d->date) : NULL);
    json_object_object_add(o, "courts", strings_json(d->court_labels));
    json_object_object_add(o, "articles", strings_json(d->articles));
    json_object_object_add(o, "role", json_object_new_string(derive_role_name(pd->role)));
    for (guint i = 0; i < pd->pages->len; i++)
        json_object_array_add(pages, json_object_new_int(g_array_index(pd->pages, int, i)));
    json_object_object_add(o, "pages", pages);
    json_object_object_add(o, "mentions", mentions_json(t, pd, 0));
    json_object_object_add(o, "mention_ids", mentions_json(t, pd, 1));
    json_object_object_add(o, "decision", derive_decision_to_json(&pd->decision));
    return o;
}

/* cases_json - the dossier's cases with their documents, in the order of
 * their first document */
static json_object *cases_json(const persons *t, const GArray *docs)
{
    json_object *a = json_object_new_array();
    GPtrArray *labels = g_ptr_array_new();
    for (guint i = 0; i < docs->len; i++) {
        const char *label = case_label(
            g_ptr_array_index(t->docs, g_array_index(docs, person_doc, i).doc));
        guint k = 0;
        while (k < labels->len && g_strcmp0(g_ptr_array_index(labels, k), label) != 0)
            k++;
        if (k == labels->len) {
            g_ptr_array_add(labels, (gpointer)label);
            json_object *c = json_object_new_object();
            json_object_object_add(c, "case", label ? json_object_new_string(label) : NULL);
            json_object_object_add(c, "documents", json_object_new_array());
            json_object_array_add(a, c);
        }
        json_object *list = json_object_object_get(json_object_array_get_idx(a, k), "documents");
        json_object_array_add(list, doc_json(t, &g_array_index(docs, person_doc, i)));
    }
    g_ptr_array_free(labels, TRUE);
    return a;
}

/* case_labels_json - the labels of its documents' cases */
static json_object *case_labels_json(const persons *t, const GArray *docs)
{
    json_object *a = json_object_new_array();
    for (guint i = 0; i < docs->len; i++) {
        const char *label = case_label(
            g_ptr_array_index(t->docs, g_array_index(docs, person_doc, i).doc));
        if (label != NULL)
            add_unique(a, label);
    }
    return a;
}

/* ps_person_json - id, names, born, roles, then cases as labels and the
 * number of documents, or the cases with their documents */
json_object *ps_person_json(const persons *t, const ps_person *p, int dossier)
{
    GArray *docs = person_docs(t, p);
    json_object *o = json_object_new_object();
    char born[16];
    ps_born_text(&p->best.born, born);
    json_object_object_add(o, "id", json_object_new_string(p->id));
    json_object_object_add(o, "names", names_json(t, p));
    json_object_object_add(o, "born", born[0] ? json_object_new_string(born) : NULL);
    json_object_object_add(o, "roles", roles_json(docs));
    if (dossier) {
        ps_places_json(t, p, o);
        json_object_object_add(o, "cases", cases_json(t, docs));
    } else {
        json_object_object_add(o, "cases", case_labels_json(t, docs));
        json_object_object_add(o, "documents", json_object_new_int((int)docs->len));
    }
    free_docs(docs);
    return o;
}
