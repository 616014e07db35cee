/*
 * cmd_token.c - `dokaz token`: API tokens for scripts.
 *
 *   dokaz token add USER [--expires DAYS]   prints the new token, once
 *   dokaz token revoke ID
 *   dokaz token list [--json]
 *
 * A token carries its user's role; it is sent as `Authorization: Bearer
 * TOKEN`. Only its hash is stored, so a lost token cannot be shown again:
 * revoke it and make another.
 *
 * Functions: cmd_token.
 */
#include "accounts.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { TOKEN_DATA = 3100, TOKEN_EXPIRES, TOKEN_JSON, TOKEN_HELP };

static const char usage[] =
    "Usage: dokaz token add USER [--expires DAYS]\n"
    "       dokaz token revoke ID\n"
    "       dokaz token list [--json]\n"
    "\n"
    "API tokens for scripts, sent as 'Authorization: Bearer TOKEN'; a token may do\n"
    "what its user may. 'add' prints the new token on standard output, once: only\n"
    "its hash is kept. Its ID (shown by 'add' on standard error, and by 'list')\n"
    "names it for 'revoke'.\n"
    "\n"
    "Options:\n"
    "  --data DIR       data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --expires DAYS   the token stops working after DAYS days (default: never)\n"
    "  --json           list as JSON\n"
    "  --help           this help\n";

/* list - id, user, expiry */
static void list(const auth_db *db, int json)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < db->ntokens; i++) {
        const auth_token *t = &db->tokens[i];
        char when[AUTH_TIME_TEXT];
        auth_token_expiry(t, when);
        if (!json) {
            printf("%s\t%s\texpires %s\n", t->id, t->user, when);
            continue;
        }
        json_object *o = json_object_new_object();
        json_object_object_add(o, "id", json_object_new_string(t->id));
        json_object_object_add(o, "user", json_object_new_string(t->user));
        json_object_object_add(o, "expires", json_object_new_string(when));
        json_object_array_add(arr, o);
    }
    if (json)
        cli_print_json(arr);
    json_object_put(arr);
}

/* change - add or revoke; 0 to save, else the exit code */
static int change(const char *action, const char *arg, long days, auth_db *db)
{
    char *err = NULL, *token = NULL;
    int rc = strcmp(action, "add") == 0
                 ? auth_db_add_token(db, arg, days, (long long)time(NULL), &token, &err)
                 : auth_db_revoke_token(db, arg, &err);
    if (rc != 0) {
        fprintf(stderr, "dokaz token: %s\n", err ? err : "failed");
        free(err);
        return EXIT_FAILED;
    }
    if (token) {
        fprintf(stderr, "token %s for %s (shown once: keep it safe)\n",
                db->tokens[db->ntokens - 1].id, arg);
        printf("%s\n", token);
        free(token);
    }
    return 0;
}

/* cmd_token - parse, lock, change or list, save */
int cmd_token(int argc, char **argv)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, TOKEN_DATA},
        {"expires", required_argument, NULL, TOKEN_EXPIRES},
        {"json", no_argument, NULL, TOKEN_JSON},
        {"help", no_argument, NULL, TOKEN_HELP},
        {NULL, 0, NULL, 0},
    };
    const char *data = NULL;
    long days = 0;
    int json = 0, opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case TOKEN_HELP: fputs(usage, stdout); return EXIT_OK;
        case TOKEN_DATA: data = optarg; break;
        case TOKEN_EXPIRES:
            if (cli_parse_int(optarg, 1, 36500, &days) != 0)
                return cli_usage_error("token", "--expires needs days (1 or more)");
            break;
        case TOKEN_JSON: json = 1; break;
        default: return cli_usage_error("token", "unknown option");
        }
    }
    const char *action = optind < argc ? argv[optind] : "";
    int listing = strcmp(action, "list") == 0;
    if (!listing && strcmp(action, "add") != 0 && strcmp(action, "revoke") != 0)
        return cli_usage_error("token", "say add, revoke or list");
    if (argc - optind != (listing ? 1 : 2))
        return cli_usage_error("token",
                               listing ? "list takes nothing more" : "%s needs one USER or ID",
                               action);
    char *data_dir = cli_data_dir(data);
    accounts a;
    int code = EXIT_FAILED;
    if (accounts_open("token", data_dir, &a) == 0) {
        code = listing ? EXIT_OK : change(action, argv[optind + 1], days, &a.db);
        if (listing)
            list(&a.db, json);
        int saved = accounts_close("token", &a, !listing && code == 0);
        code = code ? code : saved;
    }
    free(data_dir);
    return code;
}
