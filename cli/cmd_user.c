/*
 * cmd_user.c - `dokaz user`: the accounts of the web interface and API.
 *
 *   dokaz user add NAME --role reader|investigator|admin [--password-stdin]
 *   dokaz user passwd NAME [--password-stdin]
 *   dokaz user disable NAME
 *   dokaz user list [--json]
 *   dokaz user grant|revoke NAME COLLECTION...
 *
 * Run by the data directory's owner on the server, the operator, who may do
 * anything; the users file is that owner's alone (0600).
 *
 * Functions: cmd_user.
 */
#include "accounts.h"
#include "cli.h"
#include "ingest/collection.h"
#include "common/xalloc.h"

#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { USER_DATA = 3000, USER_ROLE, USER_PASSWORD_STDIN, USER_JSON, USER_HELP };

static const char usage[] =
    "Usage: dokaz user add NAME --role reader|investigator|admin [--password-stdin]\n"
    "       dokaz user passwd NAME [--password-stdin]\n"
    "       dokaz user disable NAME\n"
    "       dokaz user list [--json]\n"
    "       dokaz user grant NAME COLLECTION...\n"
    "       dokaz user revoke NAME COLLECTION...\n"
    "\n"
    "The accounts of the web interface and the JSON API, kept in DATA/users.json\n"
    "(readable by its owner only; passwords as Argon2id hashes). A reader searches\n"
    "and reads page texts and images; an investigator also downloads originals and\n"
    "searchable PDFs and runs batch searches; an admin also manages users and tokens.\n"
    "A password is typed twice at the terminal, or read from the first line of\n"
    "standard input with --password-stdin (at least 10 characters). A disabled user\n"
    "can no longer log in, and their sessions and tokens stop working.\n"
    "\n"
    "Readers and investigators see only the collections granted to them (search\n"
    "results, facets, counts, documents, page images, status lists, batch search);\n"
    "anything else answers 'not found'. Admins see every collection. An item's\n"
    "collection is the top-level folder under the inbox it arrived in (see\n"
    "'dokaz ingest --help' and dokaz.conf's 'collection FOLDER = NAME').\n"
    "\n"
    "Options:\n"
    "  --data DIR          data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --role ROLE         reader, investigator or admin (for add)\n"
    "  --password-stdin    read the password from standard input\n"
    "  --json              list as JSON\n"
    "  --help              this help\n";

typedef struct {
    const char *data, *role;
    int password_stdin, json;
} user_options;

/* list - name, role, state; JSON with --json */
static void list(const auth_db *db, int json)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < db->nusers; i++) {
        const auth_user *u = &db->users[i];
        char *granted = u->collections ? g_strjoinv(",", u->collections) : g_strdup("");
        if (!json)
            printf("%s\t%s\t%s\t%s\n", u->name, auth_role_name(u->role),
                   u->disabled    ? "disabled"
                   : *u->password ? "enabled"
                                  : "no password",
                   u->role >= AUTH_ADMIN ? "*" : granted);
        g_free(granted);
        if (!json)
            continue;
        json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(u->name));
        json_object_object_add(o, "role", json_object_new_string(auth_role_name(u->role)));
        json_object_object_add(o, "disabled", json_object_new_boolean(u->disabled));
        json_object_object_add(o, "password", json_object_new_boolean(*u->password != '\0'));
        json_object *c = json_object_new_array();
        for (char **p = u->collections; p && *p; p++)
            json_object_array_add(c, json_object_new_string(*p));
        json_object_object_add(o, "collections", c);
        json_object_array_add(arr, o);
    }
    if (json)
        cli_print_json(arr);
    json_object_put(arr);
}

/* grant - give or take the collections names[0..n-1]; 0 to save, else the exit code */
static int grant(auth_user *u, int give, char **names, int n)
{
    size_t have = 0;
    while (u->collections && u->collections[have])
        have++;
    for (int i = 0; i < n; i++) {
        if (!collection_name_valid(names[i]))
            return cli_usage_error("user", "'%s' cannot name a collection", names[i]);
        size_t at = 0;
        while (at < have && strcmp(u->collections[at], names[i]) != 0)
            at++;
        if (give && at == have) {
            u->collections = xrealloc(u->collections, (have + 2) * sizeof *u->collections);
            u->collections[have++] = xstrdup(names[i]);
        } else if (!give && at < have) {
            free(u->collections[at]);
            memmove(&u->collections[at], &u->collections[at + 1], (have - at) * sizeof(char *));
            have--;
        }
        if (u->collections)
            u->collections[have] = NULL;
    }
    return 0;
}

/* change - add, passwd or disable one user; 0 to save, else the exit code */
static int change(const char *action, const char *name, const user_options *o, auth_db *db)
{
    auth_user *u = auth_db_user(db, name);
    auth_role role = AUTH_READER;
    if (strcmp(action, "add") == 0 && (o->role == NULL || auth_role_parse(o->role, &role) != 0))
        return cli_usage_error("user", "add needs --role reader, investigator or admin");
    if (strcmp(action, "add") != 0 && u == NULL) {
        fprintf(stderr, "dokaz user: there is no user '%s'\n", name);
        return EXIT_FAILED;
    }
    if (strcmp(action, "disable") == 0) {
        u->disabled = 1;
        return 0;
    }
    char *pw = accounts_read_password("user", o->password_stdin), *err = NULL;
    if (pw == NULL)
        return EXIT_FAILED;
    int rc = 0;
    if (strcmp(action, "add") == 0) {
        rc = auth_db_add_user(db, name, role, pw, &err);
    } else {
        char *hash = NULL;
        rc = auth_password_hash(pw, &hash, &err);
        if (rc == 0) {
            free(u->password);
            u->password = hash;
            u->disabled = 0;
        }
    }
    free(pw);
    if (rc != 0)
        fprintf(stderr, "dokaz user: %s\n", err ? err : "failed");
    free(err);
    return rc != 0 ? EXIT_FAILED : 0;
}

/* cmd_user - parse, lock, change or list, save */
int cmd_user(int argc, char **argv)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, USER_DATA},
        {"role", required_argument, NULL, USER_ROLE},
        {"password-stdin", no_argument, NULL, USER_PASSWORD_STDIN},
        {"json", no_argument, NULL, USER_JSON},
        {"help", no_argument, NULL, USER_HELP},
        {NULL, 0, NULL, 0},
    };
    user_options o = {0};
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case USER_HELP: fputs(usage, stdout); return EXIT_OK;
        case USER_DATA: o.data = optarg; break;
        case USER_ROLE: o.role = optarg; break;
        case USER_PASSWORD_STDIN: o.password_stdin = 1; break;
        case USER_JSON: o.json = 1; break;
        default: return cli_usage_error("user", "unknown option");
        }
    }
    const char *action = optind < argc ? argv[optind] : "";
    int listing = strcmp(action, "list") == 0;
    int granting = strcmp(action, "grant") == 0 || strcmp(action, "revoke") == 0;
    if (!listing && !granting && strcmp(action, "add") != 0 && strcmp(action, "passwd") != 0 &&
        strcmp(action, "disable") != 0)
        return cli_usage_error("user", "say add, passwd, disable, list, grant or revoke");
    if (granting && argc - optind < 3)
        return cli_usage_error("user", "%s needs a NAME and at least one COLLECTION", action);
    if (!granting && argc - optind != (listing ? 1 : 2))
        return cli_usage_error("user", listing ? "list takes no names" : "%s needs one NAME",
                               action);
    char *data_dir = cli_data_dir(o.data);
    accounts a;
    int code = EXIT_FAILED;
    if (accounts_open("user", data_dir, &a) == 0) {
        auth_user *u = granting ? auth_db_user(&a.db, argv[optind + 1]) : NULL;
        if (granting && u == NULL)
            fprintf(stderr, "dokaz user: there is no user '%s'\n", argv[optind + 1]);
        else if (granting)
            code = grant(u, action[0] == 'g', argv + optind + 2, argc - optind - 2);
        else
            code = listing ? EXIT_OK : change(action, argv[optind + 1], &o, &a.db);
        if (listing)
            list(&a.db, o.json);
        int saved = accounts_close("user", &a, !listing && code == 0);
        code = code ? code : saved;
    }
    free(data_dir);
    return code;
}
