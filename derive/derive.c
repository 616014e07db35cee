/*
 * derive.c - the rules, and one page through them (see derive.h).
 *
 * Functions: deriver_new, deriver_free, deriver_names, derive_page,
 * derived_page_free.
 */
#include "derive/derive_int.h"
#include "common/error.h"

#include <stdlib.h>
#include <string.h>

struct deriver {
    names *names;   /* name keys (names/) */
    fields *fields; /* field rules (fields/), reading names */
};

/* deriver_new - the given-name table, then the field rules over it */
deriver *deriver_new(char **err)
{
    deriver *d = g_new0(deriver, 1);
    char *why = NULL;
    d->names = names_new(&why);
    d->fields = d->names ? fields_new(d->names, &why) : NULL;
    if (d->fields == NULL) {
        dk_fail(err, "cannot build the rules for names and fields: %s", why ? why : "?");
        free(why);
        deriver_free(d);
        return NULL;
    }
    return d;
}

/* deriver_free - the rules before the table they read */
void deriver_free(deriver *d)
{
    if (d == NULL)
        return;
    fields_free(d->fields);
    names_free(d->names);
    g_free(d);
}

/* deriver_names - the rules' given-name table */
const names *deriver_names(const deriver *d)
{
    return d != NULL ? d->names : NULL;
}

/* is_person_meta - whether a metadata field names people (senders, recipients) */
static int is_person_meta(const char *name)
{
    return strcmp(name, "from") == 0 || strcmp(name, "to") == 0 || strcmp(name, "cc") == 0;
}

/* text_words - the words of text (none for NULL), once for every pass */
static GArray *text_words(const char *text)
{
    GArray *words = g_array_new(FALSE, FALSE, sizeof(names_word));
    size_t at = 0;
    names_word w;
    while (text != NULL && names_next_word(text, &at, &w))
        g_array_append_val(words, w);
    return words;
}

/* derive_text - the mentions of one text from position *pos on, then its
 * persons, their roles and what it decides about them */
static void derive_text(const deriver *d, const char *text, unsigned *pos, GArray *mentions,
                        GArray *persons)
{
    unsigned start = *pos;
    guint first = mentions->len, first_person = persons->len;
    GArray *found_words = text_words(text);
    const derive_words words = {(const names_word *)(const void *)found_words->data,
                                found_words->len};
    derive_mentions(d->names, text, &words, pos, mentions);
    /* an empty GArray's data is NULL: no element address is taken then */
    derive_mention *found = mentions->len > first ? &g_array_index(mentions, derive_mention, first)
                                                  : NULL;
    derive_persons(d->names, text, &words, start, found, mentions->len - first, persons);
    derive_person *named = persons->len > first_person
                               ? &g_array_index(persons, derive_person, first_person)
                               : NULL;
    derive_roles(d->names, d->fields, text, &words, start, named, persons->len - first_person);
    derive_facts(text, &words, start, named, persons->len - first_person);
    derive_decisions(text, &words, start, named, persons->len - first_person);
    g_array_free(found_words, TRUE);
}

/* derive_page - the fields of the text; the mentions and persons of the
 * text, then of each sender and recipient after a gap */
derived_page *derive_page(const deriver *d, const char *text, const char *const *meta)
{
    fields_page *f = fields_extract(d->fields, text);
    GArray *mentions = g_array_new(FALSE, FALSE, sizeof(derive_mention));
    GArray *persons = g_array_new(FALSE, FALSE, sizeof(derive_person));
    unsigned pos = 0;
    derive_text(d, text, &pos, mentions, persons);
    for (size_t i = 0; meta != NULL && meta[i] != NULL && meta[i + 1] != NULL; i += 2)
        if (is_person_meta(meta[i])) {
            pos += DERIVE_META_GAP;
            derive_text(d, meta[i + 1], &pos, mentions, persons);
        }
    derived_page *p = g_new0(derived_page, 1);
    p->fields = f;
    p->nmentions = mentions->len;
    p->mentions = (derive_mention *)(void *)g_array_free(mentions, p->nmentions == 0);
    p->npersons = persons->len;
    p->persons = (derive_person *)(void *)g_array_free(persons, p->npersons == 0);
    return p;
}

/* derived_page_free - fields, mentions, persons, the page */
void derived_page_free(derived_page *p)
{
    if (p == NULL)
        return;
    fields_page_free(p->fields);
    g_free(p->mentions);
    g_free(p->persons);
    g_free(p);
}
