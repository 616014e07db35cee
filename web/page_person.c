/*
 * page_person.c - /person/ID (and /api/person/ID, the same as `dokaz
 * person --json ID`): one person's dossier, a timeline across their cases:
 * per case, the documents in date order with type, court and the person's
 * role, each linked to its pages with the person's mentions marked there
 * (?mark=PAGE.POSITION, page_item.c). /person/ID?print=1 is the same
 * dossier as a page to print or save: no navigation, every document's
 * SHA-256 written out, the print style sheet.
 *
 * Functions: page_person.
 */
#include "web/web_private.h"

#include <stdlib.h>
#include <string.h>

/* member - a member's string, "" for null or none */
static const char *member(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) && v ? json_object_get_string(v) : "";
}

/* strings - a JSON array of strings, joined with ", " as HTML text */
static void strings(GString *b, json_object *a)
{
    for (size_t i = 0; i < json_object_array_length(a); i++) {
        if (i > 0)
            g_string_append(b, ", ");
        html_text(b, json_object_get_string(json_object_array_get_idx(a, i)));
    }
}

/* page_link - a link to page n of the document with the person's mentions
 * there marked */
static void page_link(GString *b, json_object *d, int n)
{
    json_object *at = json_object_object_get(d, "mentions");
    g_string_append(b, "<a class=\"page-link\" href=\"/item/");
    html_url(b, member(d, "sha256"));
    const char *sep = "?mark=";
    for (size_t i = 0; i < json_object_array_length(at); i++) {
        json_object *pair = json_object_array_get_idx(at, i);
        int page = json_object_get_int(json_object_array_get_idx(pair, 0));
        if (page == n) {
            g_string_append_printf(b, "%s%d.%d", sep, page,
                                   json_object_get_int(json_object_array_get_idx(pair, 1)));
            sep = ",";
        }
    }
    g_string_append_printf(b, "#p%d\">%d</a>", n, n);
}

/* documents_html - a case's documents, in date order, each linked */
static void documents_html(GString *b, json_object *docs, int print)
{
    g_string_append(b, "<table class=\"items timeline\"><tr><th>date</th><th>type</th>"
                       "<th>court</th><th>role</th><th>document</th><th>pages</th></tr>");
    for (size_t i = 0; i < json_object_array_length(docs); i++) {
        json_object *d = json_object_array_get_idx(docs, i), *pages;
        json_object *courts = json_object_object_get(d, "courts");
        html_wrap(b, "<tr><td>", member(d, "date"), "</td>");
        html_wrap(b, "<td>", member(d, "type"), "</td>");
        html_wrap(b, "<td>",
                  json_object_array_length(courts)
                      ? json_object_get_string(json_object_array_get_idx(courts, 0))
                      : "",
                  "</td>");
        html_wrap(b, "<td class=\"role\">", member(d, "role"), "</td><td><a href=\"/item/");
        html_url(b, member(d, "sha256"));
        g_string_append(b, "\">");
        html_text(b, *member(d, "name") ? member(d, "name") : member(d, "sha256"));
        g_string_append(b, "</a>");
        if (print)
            html_wrap(b, "<br><code>", member(d, "sha256"), "</code>");
        g_string_append(b, "</td><td>");
        pages = json_object_object_get(d, "pages");
        for (size_t k = 0; k < json_object_array_length(pages); k++) {
            if (k)
                g_string_append(b, " ");
            page_link(b, d, json_object_get_int(json_object_array_get_idx(pages, k)));
        }
        g_string_append(b, "</td></tr>");
    }
    g_string_append(b, "</table>");
}

/* places_html - a line under the name: the birthplace and the addresses
 * as the papers write them; nothing when none */
static void places_html(GString *b, json_object *p)
{
    json_object *born = json_object_object_get(p, "born_place");
    json_object *addresses = json_object_object_get(p, "addresses");
    size_t n = addresses != NULL ? json_object_array_length(addresses) : 0;
    if (born == NULL && n == 0)
        return;
    g_string_append(b, "<p class=\"places\">");
    if (born != NULL)
        html_wrap(b, "born in ", member(born, "place"), "");
    for (size_t i = 0; i < n; i++)
        html_wrap(b, born != NULL || i > 0 ? " · address " : "address ",
                  member(json_object_array_get_idx(addresses, i), "address"), "");
    g_string_append(b, "</p>");
}

/* dossier_html - the person: names, id, born, roles, then each case */
static void dossier_html(GString *b, json_object *p, int print)
{
    g_string_append(b, "<h1>");
    strings(b, json_object_object_get(p, "names"));
    html_wrap(b, "</h1><p>id <code>", member(p, "id"), "</code>");
    html_wrap(b, " · born ", *member(p, "born") ? member(p, "born") : "unknown", " · ");
    strings(b, json_object_object_get(p, "roles"));
    if (!print) {
        g_string_append(b, " · <a class=\"noprint\" href=\"/person/");
        html_url(b, member(p, "id"));
        g_string_append(b, "?print=1\">printable dossier</a>");
    }
    g_string_append(b, "</p>");
    places_html(b, p);
    json_object *cases = json_object_object_get(p, "cases");
    for (size_t k = 0; k < json_object_array_length(cases); k++) {
        json_object *c = json_object_array_get_idx(cases, k);
        html_wrap(b, "<section class=\"case\"><h2>case ",
                  *member(c, "case") ? member(c, "case") : "unknown", "</h2>");
        documents_html(b, json_object_object_get(c, "documents"), print);
        g_string_append(b, "</section>");
    }
}

/* print_page - the dossier alone, for paper: its own head, the print style */
static void print_page(GString *b, json_object *p, web_response *resp)
{
    GDateTime *now = g_date_time_new_now_utc();
    char *when = g_date_time_format(now, "%Y-%m-%d %H:%M UTC");
    g_string_append(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                       "Dossier ");
    html_text(b, member(p, "id"));
    g_string_append(b, " – dokaz</title><link rel=\"stylesheet\" href=\"/static/dokaz.css\">"
                       "</head>\n<body class=\"print\"><main>");
    dossier_html(b, p, 1);
    html_wrap(
        b, "<p class=\"meta\">dokaz dossier, made ", when,
        "; each document is named by the SHA-256 of its original.</p></main></body></html>\n");
    g_free(when);
    g_date_time_unref(now);
    resp->status = 200;
    resp->type = "text/html; charset=utf-8";
    resp->len = b->len;
    resp->body = g_string_free(b, FALSE);
}

/* page_person - the dossier of the person with the id */
void page_person(const web_config *cfg, const web_request *req, const char *id, web_response *resp,
                 int json)
{
    const char *print = web_param_get(req, "print");
    if (print && strcmp(print, "") != 0 && strcmp(print, "0") != 0 && strcmp(print, "1") != 0) {
        web_error(resp, 400, json, "print is 0 or 1");
        return;
    }
    const persons *t = persons_build_for(cfg, req, resp, json);
    if (t == NULL)
        return;
    json_object *o = persons_dossier_json(t, id);
    persons_give_back(t);
    json_object *p = json_object_array_get_idx(json_object_object_get(o, "persons"), 0);
    if (p == NULL) {
        web_error(resp, 404, json, "no person has the id %s", id);
        json_object_put(o);
        return;
    }
    if (json) {
        web_json(resp, o);
    } else if (print && strcmp(print, "1") == 0) {
        print_page(g_string_sized_new(8192), p, resp);
        json_object_put(o);
    } else {
        GString *b = html_begin("Person", "Persons");
        for (size_t i = 0; i < json_object_array_length(json_object_object_get(o, "persons")); i++)
            dossier_html(b, json_object_array_get_idx(json_object_object_get(o, "persons"), i), 0);
        json_object_put(o);
        html_finish(b, resp);
    }
}
