/*
 * cmd_person_csv.c - a dossier as text for people: what a paper decides
 * about the person in words, and `dokaz person ID --csv OUT`, one CSV row a
 * document (RFC 4180, UTF-8, output_csv_cell's quoting), with the
 * birthplace and addresses that document writes about the person.
 *
 * Functions: cli_decision_text, cli_json_join, cli_person_csv.
 */
#include "cli.h"
#include "common/fsutil.h"
#include "output/output.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* number - a JSON member's whole number, 0 when absent */
static int number(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_int(v) : 0;
}

/* cli_decision_text - "prison 3 y 6 m, general regime; fine 100 base
 * units; property seized", "" for none */
char *cli_decision_text(json_object *dec)
{
    GString *s = g_string_new(NULL);
    json_object *v = NULL;
    if (number(dec, "prison_years") || number(dec, "prison_months"))
        g_string_append_printf(s, "; prison %d y %d m", number(dec, "prison_years"),
                               number(dec, "prison_months"));
    if (json_object_object_get_ex(dec, "regime", &v))
        g_string_append_printf(s, "%s %s regime", s->len ? "," : ";", json_object_get_string(v));
    if (number(dec, "fine_base_units"))
        g_string_append_printf(s, "; fine %d base units", number(dec, "fine_base_units"));
    if (json_object_object_get_ex(dec, "seized", &v))
        g_string_append(s, "; property seized");
    char *text = g_strdup(s->len ? s->str + 2 : "");
    g_string_free(s, TRUE);
    return text;
}

/* member - a JSON member's string, NULL when absent or null */
static const char *member(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) && v ? json_object_get_string(v) : NULL;
}

/* cli_json_join - the items one after the other, sep between */
char *cli_json_join(json_object *a, const char *sep)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < json_object_array_length(a); i++)
        g_string_append_printf(s, "%s%s", i ? sep : "",
                               json_object_get_string(json_object_array_get_idx(a, i)));
    return g_string_free(s, FALSE);
}

/* places_of - the person's birthplace (key "place" of "born_place") or
 * addresses that document sha wrote, joined with "; " (g_free) */
static char *places_of(json_object *person, const char *sha, int born)
{
    json_object *list = json_object_new_array(), *b = json_object_object_get(person, "born_place");
    json_object *addresses = json_object_object_get(person, "addresses");
    if (born && b != NULL && g_strcmp0(member(b, "sha256"), sha) == 0)
        json_object_array_add(list, json_object_get(json_object_object_get(b, "place")));
    for (size_t i = 0; !born && addresses && i < json_object_array_length(addresses); i++) {
        json_object *a = json_object_array_get_idx(addresses, i);
        if (g_strcmp0(member(a, "sha256"), sha) == 0)
            json_object_array_add(list, json_object_get(json_object_object_get(a, "address")));
    }
    char *text = cli_json_join(list, "; ");
    json_object_put(list);
    return text;
}

/* put_row - one document of a case, with the places it writes about the
 * person */
static void put_row(FILE *f, const char *label, json_object *d, json_object *person)
{
    json_object *dec = NULL;
    json_object_object_get_ex(d, "decision", &dec);
    char *courts = cli_json_join(json_object_object_get(d, "courts"), "; ");
    char *decision = dec ? cli_decision_text(dec) : g_strdup("");
    char *pages = cli_json_join(json_object_object_get(d, "pages"), "; ");
    char *born_place = places_of(person, member(d, "sha256"), 1);
    char *addresses = places_of(person, member(d, "sha256"), 0);
    char *name = member(d, "member")
                     ? g_strdup_printf("%s / %s", member(d, "name"), member(d, "member"))
                     : g_strdup(member(d, "name"));
    const char *cells[] = {label,
                           member(d, "date"),
                           member(d, "type"),
                           courts,
                           member(d, "role"),
                           decision,
                           member(d, "sha256"),
                           name,
                           pages,
                           born_place,
                           addresses};
    for (size_t i = 0; i < G_N_ELEMENTS(cells); i++)
        output_csv_cell(f, cells[i], i + 1 < G_N_ELEMENTS(cells) ? ',' : '\r');
    fputc('\n', f);
    g_free(courts);
    g_free(decision);
    g_free(pages);
    g_free(name);
    g_free(born_place);
    g_free(addresses);
}

/* cli_person_csv - a header, then a row per document, case by case, in
 * date order; written whole or not at all */
int cli_person_csv(json_object *person, const char *path, char **err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs("case,date,type,court,role,decision,sha256,name,pages,born_place,addresses\r\n", f);
    json_object *cases = json_object_object_get(person, "cases");
    for (size_t c = 0; c < json_object_array_length(cases); c++) {
        json_object *k = json_object_array_get_idx(cases, c);
        json_object *docs = json_object_object_get(k, "documents");
        for (size_t i = 0; i < json_object_array_length(docs); i++)
            put_row(f, member(k, "case"), json_object_array_get_idx(docs, i), person);
    }
    fclose(f);
    int rc = fs_write_atomic(path, buf, len, err);
    free(buf);
    return rc;
}
