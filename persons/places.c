/*
 * places.c - a person's birthplace and addresses in the dossier form (see
 * persons.h): as each paper writes them, with the document each came from.
 *
 * The birthplace is the first its mentions give, in the order the
 * documents were read; the addresses are every one its mentions give, each
 * once (as written: "г. Минск, ул. Ленина, д. 5" and "г. Минск, ул.
 * Ленина, д.5" are two), in the same order.
 *
 * Functions: ps_places_json.
 */
#include "persons/persons_private.h"

#include <string.h>

/* place_json - {key: text, "sha256": the document's} */
static json_object *place_json(const char *key, const char *text, const ps_doc *d)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, key, json_object_new_string(text));
    json_object_object_add(o, "sha256", json_object_new_string(d->sha256));
    return o;
}

/* add_address - an address to the list unless the same text is there */
static void add_address(json_object *list, const char *text, const ps_doc *d)
{
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *a = json_object_object_get(json_object_array_get_idx(list, i), "address");
        if (strcmp(json_object_get_string(a), text) == 0)
            return;
    }
    json_object_array_add(list, place_json("address", text, d));
}

/* ps_places_json - "born_place" ({"place","sha256"} or null) and
 * "addresses" ([{"address","sha256"}...]) of p into o */
void ps_places_json(const persons *t, const ps_person *p, json_object *o)
{
    json_object *born = NULL, *addresses = json_object_new_array();
    for (guint i = 0; i < p->mentions->len; i++) {
        const ps_mention *m = &g_array_index(t->mentions, ps_mention,
                                             g_array_index(p->mentions, size_t, i));
        const ps_doc *d = g_ptr_array_index(t->docs, m->doc);
        if (m->places == NULL)
            continue;
        if (born == NULL && m->places->born_place != NULL)
            born = place_json("place", m->places->born_place, d);
        for (size_t k = 0; k < DERIVE_ADDRESSES && m->places->addresses[k] != NULL; k++)
            add_address(addresses, m->places->addresses[k], d);
    }
    json_object_object_add(o, "born_place", born);
    json_object_object_add(o, "addresses", addresses);
}
