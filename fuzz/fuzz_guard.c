/*
 * fuzz_guard.c - feeds what a client sends before it is known: the lines of
 * the input as a Host header, an Origin, a Sec-Fetch-Site, an API token and
 * a session cookie, to the web's guards (guard_host, guard_same_origin) and
 * auth's checks (auth_db_check_token, auth_session_find, auth_csrf_check).
 * Must hold: no crash; nothing matches a token or session that does not
 * exist; an accepted Host holds no '/', space or '@' (it names a host, and a
 * port at most).
 */
#include "harness.h"
#include "auth/auth.h"
#include "web/web_private.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* LLVMFuzzerTestOneInput - split into lines, check each guard */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    char **lines = g_strsplit(text, "\n", 5);
    const char *host = lines[0], *origin = lines[0] && lines[1] ? lines[1] : NULL;
    const char *site = origin && lines[2] ? lines[2] : NULL;
    const char *token = site && lines[3] ? lines[3] : "";
    const char *cookie = token[0] && lines[4] ? lines[4] : "";
    if (host && guard_host("0.0.0.0", "dokaz.example.org", host) && strpbrk(host, "/ @") != NULL)
        abort();
    guard_same_origin(size & 1, host, origin, site);
    auth_db db = {0};
    if (auth_db_add_user(&db, "anna", AUTH_ADMIN, NULL, NULL) != 0 ||
        auth_db_check_token(&db, token, 1000) != NULL)
        abort();
    auth_db_clear(&db);
    auth_sessions *s = auth_sessions_new(60, 600);
    char user[AUTH_NAME_MAX + 1], csrf[AUTH_ID_HEX + 1], id[AUTH_ID_HEX + 1];
    auth_session_start(s, "anna", 1000, id);
    if (auth_session_find(s, cookie, 1001, user, csrf) == 0 && strcmp(cookie, id) != 0)
        abort();
    if (auth_session_find(s, id, 1001, user, csrf) != 0 || auth_csrf_check(csrf, cookie))
        abort();
    auth_sessions_free(s);
    g_strfreev(lines);
    free(text);
    return 0;
}
