/*
 * cmd_person.c - `dokaz person QUERY|ID`: the dossier of a person, by id or
 * name: the spellings found, the birth date, the roles, and per case the
 * documents in date order with type, date, role and pages; and `dokaz
 * person merge ID ID` and `dokaz person split ID MENTION...`, a user's
 * corrections.
 *
 * Functions: cmd_person.
 */
#include "cli.h"
#include "persons/persons.h"
#include "common/xalloc.h"

#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz person [OPTIONS] QUERY|ID\n"
    "       dokaz person [--data DIR] merge ID ID\n"
    "       dokaz person [--data DIR] split ID MENTION...\n"
    "\n"
    "The dossier of a person: by the id `dokaz persons` shows (or its first six\n"
    "digits or more), or by name (\"Иванов Сергей\", \"Ivanou S.\"); when a name fits\n"
    "several persons, each, best first. Per case, the documents in date order\n"
    "with their type, date, the person's role in them and the pages, and what\n"
    "the paper decides about the accused: prison term and regime, fine, seizure.\n"
    "\n"
    "merge ID ID: the two persons are one (the first id stays); recorded in the\n"
    "audit log with the user, and applied whenever persons are listed again.\n"
    "split ID MENTION...: those mentions of the person (their ids are in\n"
    "`dokaz person ID --json`, each document's \"mention_ids\") are another person,\n"
    "whose id is printed; recorded and applied the same way, also after a merge.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --csv OUT    also write the person's documents to the file OUT as CSV\n"
    "               (RFC 4180, UTF-8), one row a document: case,date,type,court,\n"
    "               role,decision,sha256,name,pages,born_place,addresses; the\n"
    "               query must fit one person\n"
    "  --json       one JSON object: {\"query\",\"persons\":[{\"id\",\"names\",\"born\",\n"
    "               \"roles\",\"cases\":[{\"case\",\"documents\":[{\"sha256\",\"name\",\n"
    "               \"member\",\"type\",\"date\",\"courts\",\"articles\",\"role\",\n"
    "               \"pages\",\"mentions\":[[page,position]],\"mention_ids\",\n"
    "               \"decision\":{\"prison_years\",\n"
    "               \"prison_months\",\"regime\",\"fine_base_units\",\"seized\"} or null}]}]}]}\n"
    "  --help       this help\n";

/* text - a JSON member's string, or "-" for null */
static const char *text(json_object *o, const char *key)
{
    json_object *v = NULL;
    json_object_object_get_ex(o, key, &v);
    return v ? json_object_get_string(v) : "-";
}

/* print_decision - what a document decides about the person, on a line of
 * its own under it; nothing when it says nothing */
static void print_decision(json_object *d)
{
    json_object *dec = NULL;
    if (!json_object_object_get_ex(d, "decision", &dec) || dec == NULL)
        return;
    char *s = cli_decision_text(dec);
    printf("                decided: %s\n", s);
    g_free(s);
}

/* print_documents - one line per document of a case */
static void print_documents(json_object *docs)
{
    for (size_t i = 0; i < json_object_array_length(docs); i++) {
        json_object *d = json_object_array_get_idx(docs, i);
        printf("    %-10s  %-8s  %-14s  %.12s  %s%s%s  p. %s\n", text(d, "date"), text(d, "type"),
               text(d, "role"), text(d, "sha256"), text(d, "name"),
               json_object_object_get(d, "member") ? " / " : "",
               json_object_object_get(d, "member") ? text(d, "member") : "",
               json_object_to_json_string(json_object_object_get(d, "pages")));
        print_decision(d);
    }
}

/* print_places - the birthplace and each address, with the first 12
 * digits of the document that writes it */
static void print_places(json_object *p)
{
    json_object *born = json_object_object_get(p, "born_place");
    json_object *addresses = json_object_object_get(p, "addresses");
    if (born != NULL)
        printf("  born in: %s  (%.12s)\n", text(born, "place"), text(born, "sha256"));
    for (size_t i = 0; addresses != NULL && i < json_object_array_length(addresses); i++) {
        json_object *a = json_object_array_get_idx(addresses, i);
        printf("  address: %s  (%.12s)\n", text(a, "address"), text(a, "sha256"));
    }
}

/* print_text - each person's dossier */
static void print_text(json_object *o)
{
    json_object *list = json_object_object_get(o, "persons");
    if (json_object_array_length(list) == 0)
        printf("no person fits \"%s\"\n", text(o, "query"));
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *p = json_object_array_get_idx(list, i);
        printf("%s%s  born %s  %s\n  written: %s\n", i ? "\n" : "", text(p, "id"), text(p, "born"),
               json_object_to_json_string(json_object_object_get(p, "roles")),
               json_object_to_json_string(json_object_object_get(p, "names")));
        print_places(p);
        json_object *cases = json_object_object_get(p, "cases");
        for (size_t k = 0; k < json_object_array_length(cases); k++) {
            json_object *c = json_object_array_get_idx(cases, k);
            printf("  case %s\n", text(c, "case"));
            print_documents(json_object_object_get(c, "documents"));
        }
    }
}

/* correct - log a merge (args: ID ID) or a split (args: ID MENTION...,
 * NULL-terminated) as the user running dokaz says */
static int correct(const char *data_option, int is_split, char **args)
{
    persons *t = cli_persons_build("person", data_option);
    if (t == NULL)
        return EXIT_FAILED;
    char *data_dir = cli_data_dir(data_option), *err = NULL, new_id[13];
    int rc = is_split ? persons_split(data_dir, t, args[0], (const char *const *)args + 1,
                                      g_get_user_name(), new_id, &err)
                      : persons_merge(data_dir, t, args[0], args[1], g_get_user_name(), &err);
    free(data_dir);
    persons_free(t);
    if (rc < 0) {
        fprintf(stderr, "dokaz person: %s\n", err);
        free(err);
        return EXIT_FAILED;
    }
    if (is_split)
        printf("split from %s: %s (recorded in the audit log)\n", args[0], new_id);
    else
        printf("%s merged into %s (recorded in the audit log)\n", args[1], args[0]);
    return EXIT_OK;
}

/* write_csv - the one person the query names as CSV; -1 with the error
 * printed when it names none or several */
static int write_csv(json_object *o, const char *path)
{
    json_object *list = json_object_object_get(o, "persons");
    char *err = NULL;
    if (json_object_array_length(list) != 1)
        err = xasprintf("--csv takes one person; \"%s\" fits %zu: give an id",
                        json_object_get_string(json_object_object_get(o, "query")),
                        json_object_array_length(list));
    else if (cli_person_csv(json_object_array_get_idx(list, 0), path, &err) == 0)
        return 0;
    fprintf(stderr, "dokaz person: %s\n", err);
    free(err);
    return -1;
}

/* cmd_person - parse, build the table, find, print */
int cmd_person(int argc, char **argv)
{
    cli_persons_opts opts = {0};
    int code = cli_persons_options("person", usage, argc, argv, &opts);
    if (code >= 0)
        return code;
    if (optind + 3 == argc && strcmp(argv[optind], "merge") == 0)
        return correct(opts.data, 0, argv + optind + 1);
    if (optind + 3 <= argc && strcmp(argv[optind], "split") == 0)
        return correct(opts.data, 1, argv + optind + 1); /* argv ends with NULL */
    if (optind != argc - 1)
        return cli_usage_error("person",
                               "takes one QUERY or ID, merge ID ID or split ID MENTION...");
    persons *t = cli_persons_build("person", opts.data);
    if (t == NULL)
        return EXIT_FAILED;
    json_object *o = persons_dossier_json(t, argv[optind]);
    if (opts.csv != NULL && write_csv(o, opts.csv) < 0) {
        json_object_put(o);
        persons_free(t);
        return EXIT_FAILED;
    }
    return cli_persons_print(t, o, opts.json, print_text);
}
