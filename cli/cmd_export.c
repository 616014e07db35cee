/*
 * cmd_export.c - `dokaz export`: a package of items for handing over, that
 * the recipient can check offline: the items given, those a search finds, or
 * every document of a person.
 *
 * Functions: cmd_export.
 */
#include "cli.h"
#include "custody/custody.h"
#include "index/index.h"
#include "persons/persons.h"
#include "record/record.h"
#include "common/error.h"
#include "common/fsutil.h"

#include <getopt.h>
#include <glib.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "Usage: dokaz export --out DIR [OPTIONS] (--query QUERY | --person ID | SHA256...)\n"
    "\n"
    "Write a self-contained package of items into the new folder DIR:\n"
    "  originals/     byte-identical copies, named <sha256 prefix>_<safe name>\n"
    "  derived/       working copies: page texts, searchable PDFs\n"
    "  custody/       each item's chain of custody, as JSON and as text\n"
    "  manifest.json  every file with its SHA-256, size, role and item\n"
    "  SHA256SUMS     checked with `sha256sum -c SHA256SUMS`\n"
    "  README.txt     how the recipient checks the package offline\n"
    "Every export is recorded in the audit log (what, where, by whom, and the\n"
    "hash of the package's SHA256SUMS).\n"
    "\n"
    "Options:\n"
    "  --data DIR     data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --out DIR      the package's folder (must be new or empty)\n"
    "  --query QUERY  export every item the search finds (up to 10000)\n"
    "  --person ID    export every document of the person (`dokaz persons`),\n"
    "                 with its dossier as selection.json\n"
    "  --zip          also write DIR.zip\n"
    "  --sign KEY     sign SHA256SUMS with this GnuPG key (SHA256SUMS.asc,\n"
    "                 checked with `gpg --verify SHA256SUMS.asc SHA256SUMS`)\n"
    "  --json         print the result as one JSON object\n"
    "  --help         this help\n";

enum {
    OPT_E_DATA = 1,
    OPT_E_OUT,
    OPT_E_QUERY,
    OPT_E_PERSON,
    OPT_E_ZIP,
    OPT_E_SIGN,
    OPT_E_JSON,
    OPT_E_HELP
};

/* The most items --query exports. */
enum { QUERY_LIMIT = 10000 };

/* add_unique - append a hash not yet in the list */
static void add_unique(GPtrArray *shas, const char *sha)
{
    for (guint i = 0; i < shas->len; i++)
        if (strcmp(g_ptr_array_index(shas, i), sha) == 0)
            return;
    g_ptr_array_add(shas, g_strdup(sha));
}

/* query_items - every item the query finds */
static int query_items(const char *data_dir, const char *query, GPtrArray *shas, char **err)
{
    char *dir = fs_join(data_dir, "index");
    index_search_opts o = {.limit = QUERY_LIMIT};
    index_results *r = NULL;
    int rc = index_search_ex(dir, query, &o, &r, err);
    for (size_t i = 0; rc == 0 && i < r->count; i++)
        add_unique(shas, r->hits[i].sha256);
    index_results_free(r);
    free(dir);
    return rc;
}

/* person_items - every document of the person, and its dossier as JSON
 * into *selection (g_free) */
static int person_items(const char *data_option, const char *id, GPtrArray *shas, char **selection,
                        char **err)
{
    persons *t = cli_persons_build("export", data_option);
    if (t == NULL)
        return dk_fail(err, "the persons cannot be listed");
    char **docs = persons_documents(t, id, err);
    for (char **d = docs; d != NULL && *d; d++)
        add_unique(shas, *d);
    if (docs != NULL) {
        json_object *o = persons_dossier_json(t, id);
        *selection = g_strdup(
            json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
                                                  JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(o);
    }
    int rc = docs != NULL ? 0 : -1;
    g_strfreev(docs);
    persons_free(t);
    return rc;
}

/* user_name - who runs the command */
static char *user_name(void)
{
    struct passwd pw, *found = NULL;
    char buf[1024];
    if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &found) == 0 && found)
        return g_strdup(found->pw_name);
    return g_strdup_printf("uid %u", (unsigned)getuid());
}

/* print_result - text or JSON */
static void print_result(const custody_export_result *r, int json)
{
    if (!json) {
        printf("exported %zu items (%zu files) to %s\nSHA256SUMS %s\n", r->items, r->files, r->dir,
               r->sums_sha256);
        if (r->zip_path)
            printf("zip %s\n", r->zip_path);
        return;
    }
    json_object *o = json_object_new_object();
    json_object_object_add(o, "dir", json_object_new_string(r->dir));
    json_object_object_add(o, "zip", r->zip_path ? json_object_new_string(r->zip_path) : NULL);
    json_object_object_add(o, "items", json_object_new_int64((int64_t)r->items));
    json_object_object_add(o, "files", json_object_new_int64((int64_t)r->files));
    json_object_object_add(o, "sha256sums", json_object_new_string(r->sums_sha256));
    cli_print_json(o);
    json_object_put(o);
}

/* cmd_export - parse, resolve the items, export */
int cmd_export(int argc, char **argv)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, OPT_E_DATA},
        {"out", required_argument, NULL, OPT_E_OUT},
        {"query", required_argument, NULL, OPT_E_QUERY},
        {"person", required_argument, NULL, OPT_E_PERSON},
        {"zip", no_argument, NULL, OPT_E_ZIP},
        {"sign", required_argument, NULL, OPT_E_SIGN},
        {"json", no_argument, NULL, OPT_E_JSON},
        {"help", no_argument, NULL, OPT_E_HELP},
        {NULL, 0, NULL, 0},
    };
    const char *data_option = NULL, *query = NULL, *person = NULL;
    custody_export_opts o = {0};
    int json = 0, opt;
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        switch (opt) {
        case OPT_E_HELP: fputs(usage, stdout); return EXIT_OK;
        case OPT_E_DATA: data_option = optarg; break;
        case OPT_E_OUT: o.out_dir = optarg; break;
        case OPT_E_QUERY: query = optarg; break;
        case OPT_E_PERSON: person = optarg; break;
        case OPT_E_ZIP: o.zip = true; break;
        case OPT_E_SIGN: o.sign_key = optarg; break;
        case OPT_E_JSON: json = 1; break;
        default: return cli_usage_error("export", "unknown option");
        }
    }
    if (o.out_dir == NULL)
        return cli_usage_error("export", "--out DIR is required");
    if ((query != NULL) + (person != NULL) + (optind < argc) != 1)
        return cli_usage_error("export", "give one of --query QUERY, --person ID or item hashes");
    char *data_dir = cli_data_dir(data_option), *err = NULL, *user = user_name();
    GPtrArray *shas = g_ptr_array_new_with_free_func(g_free);
    char *selection = NULL;
    int rc = query    ? query_items(data_dir, query, shas, &err)
             : person ? person_items(data_option, person, shas, &selection, &err)
                      : 0;
    for (int i = optind; rc == 0 && i < argc; i++) {
        char *sha = item_resolve(data_dir, argv[i], &err);
        if (sha == NULL)
            rc = -1;
        else
            add_unique(shas, sha);
        free(sha);
    }
    o.shas = (const char *const *)shas->pdata;
    o.nshas = shas->len;
    o.user = user;
    o.selection = selection;
    custody_export_result r = {0};
    if (rc == 0)
        rc = custody_export(data_dir, &o, &r, &err);
    if (rc == 0)
        print_result(&r, json);
    else
        fprintf(stderr, "dokaz export: %s\n", err);
    custody_export_result_free(&r);
    g_ptr_array_free(shas, TRUE);
    g_free(selection);
    free(err);
    g_free(user);
    free(data_dir);
    return rc == 0 ? EXIT_OK : EXIT_FAILED;
}
