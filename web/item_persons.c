/*
 * item_persons.c - the document page's list of the persons it names, each
 * with their role in it, linked to their dossier (the persons the user may
 * see, joined across documents as /persons shows them). Nothing is shown
 * when the persons cannot be read or the document names none.
 *
 * Functions: persons_html.
 */
#include "web/web_private.h"

#include <stdlib.h>
#include <string.h>

/* doc_in - the document with sha in a dossier person's cases; NULL if none */
static json_object *doc_in(json_object *p, const char *sha)
{
    json_object *cases = json_object_object_get(p, "cases");
    for (size_t i = 0; i < json_object_array_length(cases); i++) {
        json_object *docs = json_object_object_get(json_object_array_get_idx(cases, i),
                                                   "documents");
        for (size_t k = 0; k < json_object_array_length(docs); k++) {
            json_object *d = json_object_array_get_idx(docs, k);
            if (strcmp(json_object_get_string(json_object_object_get(d, "sha256")), sha) == 0)
                return d;
        }
    }
    return NULL;
}

/* person_html - one <li>: the names linked to the dossier, the role */
static void person_html(GString *b, json_object *p, json_object *d)
{
    json_object *written = json_object_object_get(p, "names");
    g_string_append(b, "<li><a href=\"/person/");
    html_url(b, json_object_get_string(json_object_object_get(p, "id")));
    g_string_append(b, "\">");
    for (size_t i = 0; i < json_object_array_length(written); i++) {
        if (i)
            g_string_append(b, ", ");
        html_text(b, json_object_get_string(json_object_array_get_idx(written, i)));
    }
    html_wrap(b, "</a> <span class=\"role\">",
              json_object_get_string(json_object_object_get(d, "role")), "</span></li>");
}

/* persons_html - a section listing the persons the document sha names */
void persons_html(GString *b, const web_config *cfg, const web_request *req, const char *sha)
{
    char *err = NULL;
    const persons *t = persons_take(cfg->data_dir, web_user_collections(req->user), &err);
    free(err);
    if (t == NULL)
        return;
    json_object *all = persons_in_document_json(t, sha);
    json_object *list = json_object_object_get(all, "persons");
    size_t shown = 0;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *p = json_object_array_get_idx(list, i), *d = doc_in(p, sha);
        if (d != NULL) {
            g_string_append(b,
                            shown++ ? "" : "<section class=\"persons\"><h2>Persons named</h2><ul>");
            person_html(b, p, d);
        }
    }
    if (shown)
        g_string_append(b, "</ul></section>");
    json_object_put(all);
    persons_give_back(t);
}
