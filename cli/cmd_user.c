/*
 * cmd_user.c - `dokaz user`: the accounts of the web interface and API.
 *
 *   dokaz user add NAME --role reader|investigator|admin [--password-stdin]
 *   dokaz user passwd NAME [--password-stdin]
 *   dokaz user disable NAME
 *   dokaz user list [--json]
 *
 * Run by the data directory's owner on the server, the operator, who may do
 * anything; the users file is that owner's alone (0600).
 *
 * Functions: cmd_user.
 */
#include "accounts.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { USER_DATA = 3000, USER_ROLE, USER_PASSWORD_STDIN, USER_JSON, USER_HELP };

static const char usage[] =
    "Usage: dokaz user add NAME --role reader|investigator|admin [--password-stdin]\n"
    "       dokaz user passwd NAME [--password-stdin]\n"
    "       dokaz user disable NAME\n"
    "       dokaz user list [--json]\n"
    "\n"
    "The accounts of the web interface and the JSON API, kept in DATA/users.json\n"
    "(readable by its owner only; passwords as Argon2id hashes). A reader searches\n"
    "and reads page texts and images; an investigator also downloads originals and\n"
    "searchable PDFs and runs batch searches; an admin also manages users and tokens.\n"
    "A password is typed twice at the terminal, or read from the first line of\n"
    "standard input with --password-stdin (at least 10 characters). A disabled user\n"
    "can no longer log in, and their sessions and tokens stop working.\n"
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
        if (!json) {
            printf("%s\t%s\t%s\n", u->name, auth_role_name(u->role),
                   u->disabled    ? "disabled"
                   : *u->password ? "enabled"
                                  : "no password");
            continue;
        }
        json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(u->name));
        json_object_object_add(o, "role", json_object_new_string(auth_role_name(u->role)));
        json_object_object_add(o, "disabled", json_object_new_boolean(u->disabled));
        json_object_object_add(o, "password", json_object_new_boolean(*u->password != '\0'));
        json_object_array_add(arr, o);
    }
    if (json)
        cli_print_json(arr);
    json_object_put(arr);
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
    if (!listing && strcmp(action, "add") != 0 && strcmp(action, "passwd") != 0 &&
        strcmp(action, "disable") != 0)
        return cli_usage_error("user", "say add, passwd, disable or list");
    if (argc - optind != (listing ? 1 : 2))
        return cli_usage_error("user", listing ? "list takes no names" : "%s needs one NAME",
                               action);
    char *data_dir = cli_data_dir(o.data);
    accounts a;
    int code = EXIT_FAILED;
    if (accounts_open("user", data_dir, &a) == 0) {
        code = listing ? EXIT_OK : change(action, argv[optind + 1], &o, &a.db);
        if (listing)
            list(&a.db, o.json);
        int saved = accounts_close("user", &a, !listing && code == 0);
        code = code ? code : saved;
    }
    free(data_dir);
    return code;
}
