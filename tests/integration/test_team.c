/*
 * test_team.c - dokaz shared by a team: the real `dokaz serve` with accounts
 * made by `dokaz user` and `dokaz token`, HTTPS with a certificate made here
 * by GnuTLS's certtool, and curl as the client. It refuses to listen beyond
 * loopback without TLS and accounts; plain HTTP to its HTTPS port gets no
 * answer; without a session every page sends to the log-in page and the API
 * answers 401; a reader cannot download an original, an investigator can;
 * session POSTs need the CSRF token; log-out ends the session; ten wrong
 * passwords lock the account; a token works until revoked or expired; an
 * admin adds and disables users on the admin page, a new password ends the
 * user's sessions; a user granted one collection sees nothing of another
 * (search, facets, counts, documents, page images, originals, status lists,
 * batch), members of an e-mail inherit its collection, content received into
 * two collections belongs to both; every view is in the access log with its
 * user, and an admin sees on a document's page who looked; dokaz.conf is
 * read (the system file, then the data directory's), flags override it,
 * an unknown key fails with its line; and
 * the limits hold: the Host check on 0.0.0.0, one Host header, cross-site
 * POSTs, an absurd Content-Length, slow clients beside a normal one, and a
 * client dripping its headers a line a second cut at the headers deadline;
 * a batch search past its time limit answers the lines done, marked
 * "truncated: time limit" in JSON, CSV and the page; a grant is seen
 * without a reload, SIGHUP makes `serve` read dokaz.conf again and keeps
 * its users logged in, and `watch` apply a new collection rule, start its
 * web interface again and log what needs a restart.
 */
#include "itest.h"
#include "testutil.h"

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <glib.h>
#include <json-c/json.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define READER_PW "reader password 1"
#define INVESTIGATOR_PW "investigator password 1"

typedef struct {
    char *dir, *data, *cert, *key, *sha, *original;
} team;

/* sh - run a shell command line; its exit status, stdout into *out (free it) */
static int sh(char **out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *argv[] = {"/bin/sh", "-c", line, NULL};
    char *text = NULL;
    int rc = tu_run(argv, &text);
    g_free(line);
    if (out)
        *out = text;
    else
        free(text);
    return rc;
}

/* setup - a data directory with one document, a reader and an investigator,
 * and a certificate for localhost and 127.0.0.1 */
static team setup(void)
{
    team t;
    t.dir = tu_tempdir("team");
    t.data = tu_path(t.dir, "data");
    t.cert = tu_path(t.dir, "cert.pem");
    t.key = tu_path(t.dir, "key.pem");
    t.original = tu_path(t.dir, "verdict.txt");
    const char verdict[] = "ПРИГОВОР\nПодсудимый Иванов Сергей Николаевич осуждён.\n";
    tu_write(t.original, verdict, sizeof verdict - 1);
    t.sha = tu_sha256_file(t.original);
    const char *bin = getenv("DOKAZ_BIN");
    ck_assert_int_eq(sh(NULL, "'%s' ingest --collection cases --data '%s' '%s' >/dev/null", bin,
                        t.data, t.original),
                     0);
    ck_assert_int_eq(sh(NULL,
                        "printf '%%s\\n' '" READER_PW "' | '%s' user add rita --role reader "
                        "--password-stdin --data '%s' && printf '%%s\\n' '" INVESTIGATOR_PW
                        "' | '%s' user add ivan --role investigator --password-stdin --data '%s'",
                        bin, t.data, bin, t.data),
                     0);
    ck_assert_int_eq(sh(NULL,
                        "'%s' user grant rita cases --data '%s' && '%s' user grant ivan "
                        "cases --data '%s'",
                        bin, t.data, bin, t.data),
                     0);
    char *tmpl = tu_path(t.dir, "cert.cfg");
    const char cfg[] = "cn = localhost\ndns_name = localhost\nip_address = 127.0.0.1\n"
                       "expiration_days = 2\ntls_www_server\n";
    tu_write(tmpl, cfg, sizeof cfg - 1);
    ck_assert_int_eq(sh(NULL,
                        "certtool --generate-privkey --outfile '%s' 2>/dev/null && certtool "
                        "--generate-self-signed --load-privkey '%s' --template '%s' --outfile "
                        "'%s' >/dev/null 2>&1",
                        t.key, t.key, tmpl, t.cert),
                     0);
    free(tmpl);
    return t;
}

/* teardown - remove everything */
static void teardown(team *t)
{
    tu_rmtree(t->dir);
    free(t->dir);
    free(t->data);
    free(t->cert);
    free(t->key);
    free(t->sha);
    free(t->original);
}

/* serve - `dokaz serve --listen LISTEN [TLS] [--session-idle S]`; its port into *port */
static pid_t serve(const team *t, const char *listen, int tls, const char *idle, int *port)
{
    const char *argv[16] = {"dokaz", "serve", "--data", t->data, "--listen", listen};
    int n = 6;
    if (tls) {
        argv[n++] = "--tls-cert";
        argv[n++] = t->cert;
        argv[n++] = "--tls-key";
        argv[n++] = t->key;
    }
    if (idle) {
        argv[n++] = "--session-idle";
        argv[n++] = idle;
    }
    char url[256];
    pid_t pid = it_start_server(argv, url, sizeof url);
    *port = atoi(strrchr(url, ':') + 1);
    ck_assert_int_gt(*port, 0);
    return pid;
}

/* stop - SIGTERM and reap */
static void stop(pid_t pid)
{
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
}

/* curl - `curl -sk ARGS` against https://127.0.0.1:PORT; the HTTP status
 * (0: no answer), the body into *body if asked */
static int curl(int port, char **body, const char *jar, const char *args, const char *path)
{
    char *out = NULL;
    sh(&out, "curl -sk --max-time 20 %s%s%s -w '\\n%%{http_code}' %s 'https://127.0.0.1:%d%s'",
       jar ? "-b '" : "", jar ? jar : "", jar ? "' " : "", args ? args : "", port, path);
    char *last = strrchr(out, '\n');
    int status = last ? atoi(last + 1) : 0;
    if (last)
        *last = '\0';
    if (body)
        *body = out;
    else
        free(out);
    return status;
}

/* login - POST /login; the cookie lands in the jar file; the status */
static int login(int port, const char *jar, const char *name, const char *password)
{
    char *args = g_strdup_printf("-c '%s' --data-urlencode 'name=%s' --data-urlencode "
                                 "'password=%s' -d next=/search",
                                 jar, name, password);
    char *path = g_strdup("/login");
    int status = curl(port, NULL, NULL, args, path);
    g_free(args);
    g_free(path);
    return status;
}

/* csrf - the CSRF token in a page of the session (g_malloc'd) */
static char *csrf(int port, const char *jar)
{
    char *page = NULL;
    ck_assert_int_eq(curl(port, &page, jar, NULL, "/"), 200);
    const char *at = strstr(page, "name=\"csrf\" value=\"");
    ck_assert_msg(at != NULL, "no CSRF token in %s", page);
    char *token = g_strndup(at + strlen("name=\"csrf\" value=\""), 64);
    free(page);
    return token;
}

/* with_sha - the pattern with '@' replaced by the hash, into path */
static void with_sha(char *path, size_t size, const char *pattern, const char *sha)
{
    char **parts = g_strsplit(pattern, "@", -1);
    char *joined = g_strjoinv(sha, parts);
    g_strlcpy(path, joined, size);
    g_free(joined);
    g_strfreev(parts);
}

START_TEST(refuses_to_listen_exposed)
{
    team t = setup();
    const char *bin = getenv("DOKAZ_BIN");
    char *out = NULL;
    char *empty = tu_path(t.dir, "empty");
    ck_assert_int_eq(mkdir(empty, 0700), 0);
    ck_assert_int_eq(sh(&out, "'%s' serve --data '%s' --listen 0.0.0.0:0 2>&1", bin, t.data), 1);
    ck_assert_msg(strstr(out, "--tls-cert") && strstr(out, "--tls-key"), "%s", out);
    free(out);
    ck_assert_int_eq(sh(&out,
                        "'%s' serve --data '%s' --listen 0.0.0.0:0 --tls-cert '%s' --tls-key "
                        "'%s' 2>&1",
                        bin, empty, t.cert, t.key),
                     1);
    ck_assert_msg(strstr(out, "dokaz user add"), "%s", out);
    free(out);
    ck_assert_int_eq(sh(&out, "'%s' watch --data '%s' --listen '[::]:0' 2>&1", bin, empty), 1);
    ck_assert_msg(strstr(out, "--tls-cert"), "%s", out);
    free(out);
    free(empty);
    teardown(&t);
}
END_TEST

START_TEST(https_sessions_and_roles)
{
    team t = setup();
    int port = 0;
    pid_t server = serve(&t, "127.0.0.1:0", 1, NULL, &port);
    char *jar = tu_path(t.dir, "jar"), *body = NULL, path[256];

    /* plain HTTP to the HTTPS port: no answer */
    char *plain = NULL;
    sh(&plain, "curl -s --max-time 5 -o /dev/null -w '%%{http_code}' http://127.0.0.1:%d/", port);
    ck_assert_str_eq(plain, "000");
    free(plain);

    /* no session: pages send to the log-in page, the API answers 401 */
    const char *pages[] = {"/",
                           "/search?q=x",
                           "/status",
                           "/batch",
                           "/item/@",
                           "/item/@/original",
                           "/item/@/page/1.png",
                           "/logout"};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        with_sha(path, sizeof path, pages[i], t.sha);
        ck_assert_int_eq(curl(port, &body, NULL, "-D -", path), 303);
        ck_assert_msg(strstr(body, "location: /login?next=") ||
                          strstr(body, "Location: /login?next="),
                      "%s: %s", path, body);
        free(body);
    }
    const char *api[] = {"/api/search?q=x", "/api/status", "/api/item/@"};
    for (size_t i = 0; i < sizeof api / sizeof *api; i++) {
        with_sha(path, sizeof path, api[i], t.sha);
        ck_assert_int_eq(curl(port, NULL, NULL, NULL, path), 401);
    }
    ck_assert_int_eq(curl(port, NULL, NULL, "-d names=x", "/api/batch"), 401);
    ck_assert_int_eq(curl(port, &body, NULL, "-D -", "/login"), 200);
    ck_assert_msg(strstr(body, "strict-transport-security") ||
                      strstr(body, "Strict-Transport-Security"),
                  "%s", body);
    free(body);

    /* a reader: searches, reads, but no original and no batch */
    ck_assert_int_eq(login(port, jar, "rita", "wrong password"), 401);
    ck_assert_int_eq(login(port, jar, "rita", READER_PW), 303);
    char *cookies = tu_read(jar, NULL);
    ck_assert_msg(strstr(cookies, "#HttpOnly_") && strstr(cookies, "TRUE\t0\tdokaz_session"), "%s",
                  cookies);
    free(cookies);
    ck_assert_int_eq(curl(port, &body, jar, NULL, "/api/search?q=Иванов"), 200);
    ck_assert_msg(strstr(body, t.sha) != NULL, "%s", body);
    free(body);
    ck_assert_int_eq(curl(port, &body, jar, NULL, "/search?q=Иванов"), 200);
    ck_assert_msg(strstr(body, "<span class=\"who\">rita</span>") && strstr(body, "/logout"),
                  "the page does not say who is logged in");
    free(body);
    snprintf(path, sizeof path, "/item/%s/original", t.sha);
    ck_assert_int_eq(curl(port, NULL, jar, NULL, path), 403);
    char *token = csrf(port, jar);
    char *args = g_strdup_printf("-d names=Иванов -d csrf=%s", token);
    ck_assert_int_eq(curl(port, NULL, jar, args, "/api/batch"), 403);
    g_free(args);
    g_free(token);

    /* an investigator: the original, byte for byte; batch with the CSRF token only */
    ck_assert_int_eq(login(port, jar, "ivan", INVESTIGATOR_PW), 303);
    char *got = tu_path(t.dir, "got");
    args = g_strdup_printf("-o '%s'", got);
    ck_assert_int_eq(curl(port, NULL, jar, args, path), 200);
    g_free(args);
    char *sha = tu_sha256_file(got);
    ck_assert_str_eq(sha, t.sha);
    free(sha);
    free(got);
    ck_assert_int_eq(curl(port, NULL, jar, "-d names=Иванов", "/api/batch"), 403);
    token = csrf(port, jar);
    args = g_strdup_printf("-d names=Иванов -d csrf=%s", token);
    ck_assert_int_eq(curl(port, &body, jar, args, "/api/batch"), 200);
    ck_assert_msg(strstr(body, t.sha) != NULL, "%s", body);
    free(body);
    g_free(args);
    /* another site's form, even with the token, is refused */
    args = g_strdup_printf("-H 'Origin: https://evil.example' -d names=x -d csrf=%s", token);
    ck_assert_int_eq(curl(port, NULL, jar, args, "/api/batch"), 403);
    g_free(args);

    /* log out: the session is over */
    args = g_strdup_printf("-D - -d csrf=%s", token);
    ck_assert_int_eq(curl(port, &body, jar, args, "/logout"), 303);
    ck_assert_msg(strstr(body, "Clear-Site-Data") || strstr(body, "clear-site-data"), "%s", body);
    free(body);
    g_free(args);
    g_free(token);
    ck_assert_int_eq(curl(port, NULL, jar, NULL, "/api/search?q=Иванов"), 401);

    stop(server);
    free(jar);
    teardown(&t);
}
END_TEST

START_TEST(wrong_passwords_are_rate_limited)
{
    team t = setup();
    int port = 0;
    pid_t server = serve(&t, "127.0.0.1:0", 1, NULL, &port);
    char *jar = tu_path(t.dir, "jar");
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(login(port, jar, "rita", "not her password"), 401);
    /* now even the right password waits, and the page says so */
    char *args = g_strdup_printf("--data-urlencode 'name=rita' --data-urlencode 'password=%s'",
                                 READER_PW);
    char *body = NULL;
    ck_assert_int_eq(curl(port, &body, NULL, args, "/login"), 429);
    ck_assert_msg(strstr(body, "try again in 15 minutes") != NULL, "%s", body);
    free(body);
    g_free(args);
    stop(server);
    free(jar);
    teardown(&t);
}
END_TEST

START_TEST(admin_manages_users)
{
    team t = setup();
    const char *bin = getenv("DOKAZ_BIN");
    ck_assert_int_eq(sh(NULL,
                        "printf '%%s\\n' 'admin password 1' | '%s' user add anna --role admin "
                        "--password-stdin --data '%s'",
                        bin, t.data),
                     0);
    int port = 0;
    pid_t server = serve(&t, "127.0.0.1:0", 1, NULL, &port);
    char *jar = tu_path(t.dir, "jar"), *reader = tu_path(t.dir, "reader"), *body = NULL;
    ck_assert_int_eq(login(port, reader, "rita", READER_PW), 303);
    ck_assert_int_eq(curl(port, NULL, reader, NULL, "/admin"), 403);
    ck_assert_int_eq(login(port, jar, "anna", "admin password 1"), 303);
    ck_assert_int_eq(curl(port, &body, jar, NULL, "/admin"), 200);
    ck_assert_msg(strstr(body, "<td class=\"name\">rita</td>") != NULL, "%s", body);
    free(body);
    char *token = csrf(port, jar);
    /* without the CSRF token: refused, nothing added */
    ck_assert_int_eq(curl(port, NULL, jar,
                          "-d action=add -d name=vera -d role=reader -d 'password=vera password 1'",
                          "/admin"),
                     403);
    char *vera = tu_path(t.dir, "vera");
    ck_assert_int_eq(login(port, vera, "vera", "vera password 1"), 401);
    char *args = g_strdup_printf("-d action=add -d name=vera -d role=reader -d "
                                 "'password=vera password 1' -d csrf=%s",
                                 token);
    ck_assert_int_eq(curl(port, NULL, jar, args, "/admin"), 200);
    g_free(args);
    ck_assert_int_eq(login(port, vera, "vera", "vera password 1"), 303);
    /* disabling rita ends her session at once */
    ck_assert_int_eq(curl(port, NULL, reader, NULL, "/api/status"), 200);
    args = g_strdup_printf("-d action=disable -d name=rita -d csrf=%s", token);
    ck_assert_int_eq(curl(port, NULL, jar, args, "/admin"), 200);
    g_free(args);
    ck_assert_int_eq(curl(port, NULL, reader, NULL, "/api/status"), 401);
    /* a new password ends the user's sessions */
    ck_assert_int_eq(curl(port, NULL, vera, NULL, "/api/status"), 200);
    ck_assert_int_eq(sh(NULL,
                        "printf '%%s\\n' 'vera password 2' | '%s' user passwd vera "
                        "--password-stdin --data '%s'",
                        bin, t.data),
                     0);
    ck_assert_int_eq(curl(port, NULL, vera, NULL, "/api/status"), 401);
    ck_assert_int_eq(login(port, vera, "vera", "vera password 2"), 303);
    char *list = NULL;
    ck_assert_int_eq(sh(&list, "'%s' user list --data '%s'", bin, t.data), 0);
    ck_assert_msg(strstr(list, "rita\treader\tdisabled") && strstr(list, "vera\treader\tenabled"),
                  "%s", list);
    free(list);
    g_free(token);
    stop(server);
    free(jar);
    free(reader);
    free(vera);
    teardown(&t);
}
END_TEST

/* walls - two collections, alpha-cases and beta-cases, with a shared file,
 * an e-mail with an attachment and an unreadable file; ana (investigator)
 * may see alpha, bob (reader) beta. The hashes into sha[]: 0 alpha's
 * verdict, 1 beta's, 2 the shared one, 3 the e-mail's attachment, 4 beta's
 * unreadable file. */
static void walls(team *t, char *sha[5])
{
    const char *bin = getenv("DOKAZ_BIN");
    char *alpha = tu_path(t->dir, "alpha-cases"), *beta = tu_path(t->dir, "beta-cases");
    g_mkdir_with_parents(alpha, 0755);
    g_mkdir_with_parents(beta, 0755);
    const char *files[][2] = {
        {"alpha-cases/a.txt", "ПРИГОВОР\nПодсудимый Петров Олег Игоревич, дело альфа.\n"},
        {"beta-cases/b.txt", "ПРИГОВОР\nПодсудимый Петров Олег Игоревич, дело бета.\n"},
        {"alpha-cases/shared.txt", "Петров Олег Игоревич: общий документ обеих групп.\n"},
        {"beta-cases/copy.txt", "Петров Олег Игоревич: общий документ обеих групп.\n"},
        {"beta-cases/blob.bin", "\x01\x02\x03\x04\x05\x06\x07\x08\x01\x02\x03\x04"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        char *path = tu_path(t->dir, files[i][0]);
        tu_write(path, files[i][1], strlen(files[i][1]));
        if (i != 3)
            sha[i < 3 ? i : 4] = tu_sha256_file(path);
        free(path);
    }
    const char note[] = "Петров Олег Игоревич: вложение письма.\n";
    char *b64 = g_base64_encode((const guchar *)note, sizeof note - 1);
    char *mail = g_strdup_printf(
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: note\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n"
        "\r\nsee the note\r\n--XX\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Disposition: attachment; filename=note.txt\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--XX--\r\n",
        b64);
    char *eml = tu_path(t->dir, "alpha-cases/mail.eml"), *att = tu_path(t->dir, "note.txt");
    tu_write(eml, mail, strlen(mail));
    tu_write(att, note, sizeof note - 1);
    sha[3] = tu_sha256_file(att);
    ck_assert_int_eq(sh(NULL, "'%s' ingest --data '%s' '%s' '%s' >/dev/null", bin, t->data, alpha,
                        beta),
                     0);
    ck_assert_int_eq(sh(NULL,
                        "printf '%%s\\n' 'ana password 1' | '%s' user add ana --role investigator "
                        "--password-stdin --data '%s' && printf '%%s\\n' 'bob password 1' | '%s' "
                        "user add bob --role reader --password-stdin --data '%s' && '%s' user "
                        "grant ana alpha-cases --data '%s' && '%s' user grant bob beta-cases "
                        "--data '%s'",
                        bin, t->data, bin, t->data, bin, t->data, bin, t->data),
                     0);
    g_free(b64);
    g_free(mail);
    free(eml);
    free(att);
    free(alpha);
    free(beta);
}

/* done_count - "done" of /api/status as the user sees it */
static long done_count(int port, const char *jar)
{
    char *body = NULL;
    ck_assert_int_eq(curl(port, &body, jar, NULL, "/api/status"), 200);
    json_object *o = json_tokener_parse(body), *done = NULL;
    ck_assert_msg(o && json_object_object_get_ex(o, "done", &done), "%s", body);
    long n = (long)json_object_get_int64(done);
    json_object_put(o);
    free(body);
    return n;
}

START_TEST(collections_are_walls)
{
    team t = setup();
    char *sha[5], *body = NULL, path[256];
    walls(&t, sha);
    int port = 0;
    pid_t server = serve(&t, "127.0.0.1:0", 1, NULL, &port);
    char *ana = tu_path(t.dir, "ana"), *bob = tu_path(t.dir, "bob");
    ck_assert_int_eq(login(port, ana, "ana", "ana password 1"), 303);
    ck_assert_int_eq(login(port, bob, "bob", "bob password 1"), 303);

    /* search and facets: alpha's verdict, the shared file, the attachment; never beta's */
    ck_assert_int_eq(curl(port, &body, ana, NULL, "/api/search?q=Петров&facets=1&limit=50"), 200);
    ck_assert_msg(strstr(body, sha[0]) && strstr(body, sha[2]) && strstr(body, sha[3]), "%s", body);
    ck_assert_msg(!strstr(body, sha[1]) && !strstr(body, "beta-cases"), "%s", body);
    free(body);
    ck_assert_int_eq(curl(port, &body, bob, NULL, "/search?q=Петров&limit=50"), 200);
    ck_assert_msg(strstr(body, sha[1]) && strstr(body, sha[2]), "bob misses his own");
    ck_assert_msg(!strstr(body, sha[0]) && !strstr(body, sha[3]), "bob sees alpha's");
    free(body);
    /* counts: alpha holds a.txt, shared.txt, mail.eml and its note; beta b.txt,
     * copy.txt (the shared content) and blob.bin */
    ck_assert_int_eq(done_count(port, ana), 4);
    ck_assert_int_eq(done_count(port, bob), 3);
    ck_assert_int_eq(curl(port, &body, ana, NULL, "/status"), 200);
    ck_assert_msg(!strstr(body, sha[4]) && !strstr(body, "blob.bin"), "%s", body);
    free(body);
    ck_assert_int_eq(curl(port, &body, bob, NULL, "/api/status"), 200);
    ck_assert_msg(strstr(body, sha[4]) != NULL, "bob's unreadable file is not listed: %s", body);
    free(body);

    /* beta's document, its page, image and original do not exist for ana */
    const char *pages[] = {"/item/@", "/api/item/@", "/item/@/original", "/item/@/page/1.png"};
    for (size_t i = 0; i < G_N_ELEMENTS(pages); i++) {
        with_sha(path, sizeof path, pages[i], sha[1]);
        ck_assert_int_eq(curl(port, &body, ana, NULL, path), 404);
        ck_assert_msg(!strstr(body, "бета"), "%s: %s", path, body);
        free(body);
        with_sha(path, sizeof path, pages[i], sha[0]);
        if (i < 3)
            ck_assert_int_eq(curl(port, NULL, ana, NULL, path), 200);
    }
    /* the shared file, first received into alpha: bob sees his own reception only */
    with_sha(path, sizeof path, "/api/item/@", sha[2]);
    ck_assert_int_eq(curl(port, &body, bob, NULL, path), 200);
    ck_assert_msg(strstr(body, "copy.txt") && !strstr(body, "alpha-cases"), "%s", body);
    free(body);
    ck_assert_int_eq(curl(port, &body, bob, NULL, "/api/search?q=общий&facets=1"), 200);
    ck_assert_msg(strstr(body, sha[2]) && strstr(body, "copy.txt") && !strstr(body, "alpha-cases"),
                  "%s", body);
    free(body);

    /* batch: the same wall */
    char *token = csrf(port, ana);
    char *args = g_strdup_printf("-d names=Петров -d csrf=%s", token);
    ck_assert_int_eq(curl(port, &body, ana, args, "/api/batch"), 200);
    ck_assert_msg(strstr(body, sha[0]) && !strstr(body, sha[1]), "%s", body);
    free(body);
    g_free(args);
    g_free(token);

    /* the e-mail received again into a third collection: it and its note join it */
    const char *bin = getenv("DOKAZ_BIN");
    ck_assert_int_eq(sh(NULL,
                        "'%s' ingest --collection gamma --data '%s' '%s/alpha-cases/mail.eml' "
                        ">/dev/null && '%s' user grant bob gamma --data '%s'",
                        bin, t.data, t.dir, bin, t.data),
                     0);
    with_sha(path, sizeof path, "/api/item/@", sha[3]);
    ck_assert_int_eq(curl(port, NULL, bob, NULL, path), 200);
    ck_assert_int_eq(curl(port, &body, bob, NULL, "/api/search?q=вложение"), 200);
    ck_assert_msg(strstr(body, sha[3]) != NULL, "%s", body);
    free(body);

    /* every view is in the access log with its user; admins see who looked */
    char *log = NULL;
    ck_assert_int_eq(sh(&log, "'%s' access-log --data '%s' --user ana", bin, t.data), 0);
    char *want = g_strdup_printf("\tana\t127.0.0.1\titem\t%s\t0\t404\t", sha[1]);
    ck_assert_msg(strstr(log, "\tana\t127.0.0.1\tsearch\t-\t0\t200\tПетров") &&
                      strstr(log, "\tbatch\t-\t0\t200\tПетров") && strstr(log, want) &&
                      !strstr(log, "\tbob\t"),
                  "%s", log);
    g_free(want);
    free(log);
    ck_assert_int_eq(sh(&log, "'%s' access-log --data '%s' --item %.8s --json", bin, t.data,
                        sha[2]),
                     0);
    ck_assert_msg(strstr(log, "\"user\":\"bob\"") && !strstr(log, sha[0]), "%s", log);
    free(log);
    ck_assert_int_eq(sh(NULL,
                        "printf '%%s\\n' 'adm password 1' | '%s' user add adm --role admin "
                        "--password-stdin --data '%s'",
                        bin, t.data),
                     0);
    char *adm = tu_path(t.dir, "adm");
    ck_assert_int_eq(login(port, adm, "adm", "adm password 1"), 303);
    with_sha(path, sizeof path, "/item/@", sha[2]);
    ck_assert_int_eq(curl(port, &body, adm, NULL, path), 200);
    ck_assert_msg(strstr(body, "Looked at by") && strstr(body, "<td>bob</td>"), "%s", body);
    free(body);
    ck_assert_int_eq(curl(port, &body, bob, NULL, path), 200);
    ck_assert_msg(!strstr(body, "Looked at by"), "a reader sees who looked");
    free(body);
    free(adm);

    stop(server);
    for (int i = 0; i < 5; i++)
        free(sha[i]);
    free(ana);
    free(bob);
    teardown(&t);
}
END_TEST

START_TEST(configuration_file)
{
    team t = setup();
    const char *bin = getenv("DOKAZ_BIN");
    char *out = NULL, *conf = tu_path(t.data, "dokaz.conf"), *system = tu_path(t.dir, "etc.conf");
    /* the system file names the data directory, whose own file says where to listen */
    char *text = g_strdup_printf("# the team's server\ndata = %s\n", t.data);
    tu_write(system, text, strlen(text));
    const char listen[] = "threads = 2\nlisten = 0.0.0.0:0\n";
    tu_write(conf, listen, sizeof listen - 1);
    ck_assert_int_eq(sh(&out, "DOKAZ_CONFIG='%s' '%s' config check", system, bin), 0);
    ck_assert_msg(strstr(out, "3 settings in 2 files"), "%s", out);
    free(out);
    ck_assert_int_eq(sh(&out, "DOKAZ_CONFIG='%s' '%s' serve 2>&1", system, bin), 1);
    ck_assert_msg(strstr(out, "--tls-cert"), "not read: %s", out);
    free(out);
    /* a flag overrides it: on loopback it serves */
    const char *argv[] = {"dokaz", "serve", "--data", t.data, "--listen", "127.0.0.1:0", NULL};
    char url[256];
    pid_t server = it_start_server(argv, url, sizeof url);
    ck_assert_msg(strstr(url, "127.0.0.1") != NULL, "%s", url);
    stop(server);
    /* an unknown key is an error with its line, for every command */
    const char typo[] = "threads = 2\n\nwrokers = 4\n";
    tu_write(conf, typo, sizeof typo - 1);
    const char *cmds[] = {"config check", "serve", "watch", "ingest /dev/null"};
    for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
        ck_assert_int_eq(sh(&out, "'%s' %s --data '%s' 2>&1", bin, cmds[i], t.data), 2);
        ck_assert_msg(strstr(out, "dokaz.conf line 3: unknown key 'wrokers'"), "%s", out);
        free(out);
    }
    const char bad[] = "workers = lots\n";
    tu_write(conf, bad, sizeof bad - 1);
    ck_assert_int_eq(sh(&out, "'%s' config check --data '%s' 2>&1", bin, t.data), 2);
    ck_assert_msg(strstr(out, "--workers needs a number") && strstr(out, "line 1: workers = lots"),
                  "%s", out);
    free(out);
    /* the keys of the time limits take what their options take */
    const char times[] = "batch-time-limit = 2.5\nverify-every = 12\n";
    tu_write(conf, times, sizeof times - 1);
    ck_assert_int_eq(sh(NULL, "'%s' config check --data '%s' >/dev/null 2>&1", bin, t.data), 0);
    const char *bad_times[] = {"batch-time-limit = 0\n", "verify-every = soon\n"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad_times); i++) {
        tu_write(conf, bad_times[i], strlen(bad_times[i]));
        ck_assert_int_eq(sh(&out, "'%s' config check --data '%s' 2>&1", bin, t.data), 2);
        ck_assert_msg(strstr(out, "line 1:"), "%s", out);
        free(out);
    }
    g_free(text);
    free(conf);
    free(system);
    teardown(&t);
}
END_TEST

/* expire_tokens - set every token's expiry to the past, as time would */
static void expire_tokens(const char *data)
{
    char *path = tu_path(data, "users.json"), *tmp = tu_path(data, "users.json.new");
    json_object *root = json_object_from_file(path), *tokens = NULL;
    ck_assert(json_object_object_get_ex(root, "tokens", &tokens));
    for (size_t i = 0; i < json_object_array_length(tokens); i++)
        json_object_object_add(json_object_array_get_idx(tokens, i), "expires",
                               json_object_new_int64((long long)time(NULL) - 10));
    ck_assert_int_eq(json_object_to_file(tmp, root), 0);
    ck_assert_int_eq(chmod(tmp, 0600), 0);
    ck_assert_int_eq(rename(tmp, path), 0);
    json_object_put(root);
    free(path);
    free(tmp);
}

START_TEST(tokens_work_until_revoked_or_expired)
{
    team t = setup();
    int port = 0;
    pid_t server = serve(&t, "127.0.0.1:0", 1, NULL, &port);
    const char *bin = getenv("DOKAZ_BIN");
    char *token = NULL, *list = NULL, *args = NULL;
    ck_assert_int_eq(sh(&token, "'%s' token add ivan --expires 30 --data '%s' 2>/dev/null", bin,
                        t.data),
                     0);
    token[strcspn(token, "\n")] = '\0';
    char *users = tu_path(t.data, "users.json");
    char *file = tu_read(users, NULL);
    ck_assert_ptr_null(strstr(file, token + 23)); /* only its hash is kept */
    free(file);
    free(users);
    args = g_strdup_printf("-H 'Authorization: Bearer %s'", token);
    char *body = NULL;
    ck_assert_int_eq(curl(port, &body, NULL, args, "/api/search?q=Иванов"), 200);
    ck_assert_msg(strstr(body, t.sha) != NULL, "%s", body);
    free(body);
    /* a script posts its list as text/plain with the token */
    char *plain = g_strdup_printf("%s -H 'Content-Type: text/plain' --data-binary 'Иванов'", args);
    ck_assert_int_eq(curl(port, NULL, NULL, plain, "/api/batch"), 200);
    g_free(plain);
    ck_assert_int_eq(sh(&list, "'%s' token list --data '%s'", bin, t.data), 0);
    char id[17] = "";
    ck_assert_int_eq(sscanf(list, "%16s", id), 1);
    free(list);
    ck_assert_int_eq(sh(NULL, "'%s' token revoke %s --data '%s'", bin, id, t.data), 0);
    ck_assert_int_eq(curl(port, NULL, NULL, args, "/api/search?q=Иванов"), 401);
    g_free(args);
    free(token);

    ck_assert_int_eq(sh(&token, "'%s' token add rita --data '%s' 2>/dev/null", bin, t.data), 0);
    token[strcspn(token, "\n")] = '\0';
    args = g_strdup_printf("-H 'Authorization: Bearer %s'", token);
    ck_assert_int_eq(curl(port, NULL, NULL, args, "/api/status"), 200);
    expire_tokens(t.data);
    ck_assert_int_eq(curl(port, NULL, NULL, args, "/api/status"), 401);
    g_free(args);
    free(token);
    stop(server);
    teardown(&t);
}
END_TEST

/* batch_post - POST the file `list` as text/plain with the token to path; the status */
static int batch_post(int port, const char *token, const char *list, const char *path, char **body)
{
    char *args = g_strdup_printf("-H 'Authorization: Bearer %s' -H 'Content-Type: text/plain' "
                                 "--data-binary '@%s'",
                                 token, list);
    int status = curl(port, body, NULL, args, path);
    g_free(args);
    return status;
}

/* long_list - a batch list of 500 lines (its path) and an API token of
 * ivan's for posting it */
static char *long_list(const team *t, char **token)
{
    char *list = tu_path(t->dir, "list.txt");
    ck_assert_int_eq(sh(token, "'%s' token add ivan --data '%s' 2>/dev/null", getenv("DOKAZ_BIN"),
                        t->data),
                     0);
    (*token)[strcspn(*token, "\n")] = '\0';
    GString *lines = g_string_new("");
    for (int i = 0; i < 500; i++)
        g_string_append_printf(lines,
                               "Иванов Сергей %d OR case:1-%d/2024 OR Petrov Aliaksei OR Сідаровіч "
                               "Ганна OR Kowalski Jan OR Лукашевич Ирина Петровна OR Nowak "
                               "Anna Maria OR Шевченко Олег OR Kazlou Dzmitry OR Сидорова Е.И.\n",
                               i, i);
    tu_write(list, lines->str, lines->len);
    g_string_free(lines, TRUE);
    return list;
}

START_TEST(batch_time_limit)
{
    team t = setup();
    char *token = NULL, *body = NULL, *list = long_list(&t, &token);
    /* 500 such lines take about a second here: 50 ms cuts them short */
    const char *argv[] = {
        "dokaz",      "serve", "--data",    t.data, "--listen",           "127.0.0.1:0",
        "--tls-cert", t.cert,  "--tls-key", t.key,  "--batch-time-limit", "0.05",
        NULL};
    char url[256];
    pid_t server = it_start_server(argv, url, sizeof url);
    int port = atoi(strrchr(url, ':') + 1);
    ck_assert_int_eq(batch_post(port, token, list, "/api/batch", &body), 200);
    json_object *root = json_tokener_parse(body), *v = NULL, *done = NULL;
    ck_assert_msg(root && json_object_object_get_ex(root, "truncated", &v), "%.300s", body);
    ck_assert_str_eq(json_object_get_string(v), "time limit");
    ck_assert(json_object_object_get_ex(root, "unsearched", &v));
    ck_assert(json_object_object_get_ex(root, "lines", &done));
    ck_assert_int_gt(json_object_get_int(v), 0);
    ck_assert_int_eq(json_object_get_int(v) + (int)json_object_array_length(done), 500);
    json_object_put(root);
    free(body);
    ck_assert_int_eq(batch_post(port, token, list, "/api/batch?format=csv", &body), 200);
    ck_assert_msg(strstr(body, ",truncated: time limit: "), "%.300s", body);
    free(body);
    ck_assert_int_eq(batch_post(port, token, list, "/batch", &body), 200);
    ck_assert_msg(strstr(body, "<strong>truncated: time limit</strong>"), "%.300s", body);
    free(body);
    stop(server);
    /* the default (30 s) lets a list finish, unmarked */
    server = serve(&t, "127.0.0.1:0", 1, NULL, &port);
    ck_assert_int_eq(batch_post(port, token, list, "/api/batch", &body), 200);
    root = json_tokener_parse(body);
    ck_assert(json_object_object_get_ex(root, "lines", &done));
    ck_assert_int_eq(json_object_array_length(done), 500);
    ck_assert_msg(!strstr(body, "truncated"), "%.300s", body);
    json_object_put(root);
    free(body);
    stop(server);
    free(token);
    free(list);
    teardown(&t);
}
END_TEST

/* A batch posted from another thread, and when its answer was in. */
typedef struct {
    int port, status;
    const char *token, *list;
    gint64 done_us;
} batch_run;

static gpointer post_batch(gpointer data)
{
    batch_run *b = data;
    char *body = NULL;
    b->status = batch_post(b->port, b->token, b->list, "/api/batch", &body);
    b->done_us = g_get_monotonic_time();
    free(body);
    return NULL;
}

START_TEST(batch_keeps_nobody_waiting)
{
    team t = setup();
    char *token = NULL, *list = long_list(&t, &token);
    /* one request at work at once: a batch has turns of its own, so a search
     * posted while it runs is answered before it ends (a server whose
     * threads each serve their connections in turn would hold it back) */
    const char *argv[] = {"dokaz",       "serve",      "--data", t.data,      "--listen",
                          "127.0.0.1:0", "--tls-cert", t.cert,   "--tls-key", t.key,
                          "--threads",   "1",          NULL};
    char url[256];
    pid_t server = it_start_server(argv, url, sizeof url);
    batch_run b = {.port = atoi(strrchr(url, ':') + 1), .token = token, .list = list};
    GThread *batch = g_thread_new("batch", post_batch, &b);
    g_usleep(100000);
    char *auth = g_strdup_printf("-H 'Authorization: Bearer %s'", token);
    ck_assert_int_eq(curl(b.port, NULL, NULL, auth, "/api/search?q=Petrov"), 200);
    gint64 searched_us = g_get_monotonic_time();
    g_thread_join(batch);
    ck_assert_int_eq(b.status, 200);
    ck_assert_msg(searched_us < b.done_us, "the search waited %.2f s for the batch to end",
                  (double)(searched_us - b.done_us) / 1e6);
    g_free(auth);
    stop(server);
    free(token);
    free(list);
    teardown(&t);
}
END_TEST

/* free_port - a port nobody listens on now (for a server that must come
 * back on the same one after SIGHUP) */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    socklen_t len = sizeof a;
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* until_status - curl path (with args) until it answers `status`, up to 20 s */
static int until_status(int port, const char *args, const char *path, int status)
{
    for (int i = 0; i < 80; i++) {
        if (curl(port, NULL, NULL, args, path) == status)
            return 1;
        usleep(250 * 1000);
    }
    return 0;
}

START_TEST(reload_serve)
{
    team t = setup();
    const char *bin = getenv("DOKAZ_BIN");
    char *other = tu_path(t.dir, "other.txt"), *jar = tu_path(t.dir, "jar"), *body = NULL;
    const char text[] = "ПРИГОВОР\nПодсудимый Петров Алексей осуждён.\n";
    tu_write(other, text, sizeof text - 1);
    char *sha = tu_sha256_file(other);
    ck_assert_int_eq(sh(NULL, "'%s' ingest --collection other --data '%s' '%s' >/dev/null", bin,
                        t.data, other),
                     0);
    char listen[32];
    snprintf(listen, sizeof listen, "127.0.0.1:%d", free_port());
    int port = 0;
    pid_t server = serve(&t, listen, 1, NULL, &port);
    ck_assert_int_eq(login(port, jar, "rita", READER_PW), 303);
    ck_assert_int_eq(curl(port, &body, jar, NULL, "/api/search?q=Петров"), 200);
    ck_assert_msg(strstr(body, sha) == NULL, "not granted, yet seen: %s", body);
    free(body);
    /* a grant on the command line: seen at the next request, no reload */
    ck_assert_int_eq(sh(NULL, "'%s' user grant rita other --data '%s'", bin, t.data), 0);
    ck_assert_int_eq(curl(port, &body, jar, NULL, "/api/search?q=Петров"), 200);
    ck_assert_msg(strstr(body, sha) != NULL, "granted, not seen: %s", body);
    free(body);
    /* dokaz.conf changed: SIGHUP reads it; the session survives the reload */
    char *conf = tu_path(t.data, "dokaz.conf");
    const char name[] = "server-name = dokaz.example.org\n";
    tu_write(conf, name, sizeof name - 1);
    const char *host = "-H 'Host: dokaz.example.org'";
    ck_assert_int_eq(curl(port, NULL, NULL, host, "/login"), 421);
    ck_assert_int_eq(kill(server, SIGHUP), 0);
    ck_assert_msg(until_status(port, host, "/login", 200), "the new server name is not served");
    ck_assert_int_eq(kill(server, 0), 0); /* the same process */
    ck_assert_int_eq(curl(port, &body, jar, NULL, "/api/search?q=Петров"), 200);
    ck_assert_msg(strstr(body, sha) != NULL, "logged out by the reload: %s", body);
    free(body);
    /* log-out ends it for good, reloads or not */
    char *token = csrf(port, jar), *args = g_strdup_printf("-d csrf=%s", token);
    ck_assert_int_eq(curl(port, NULL, jar, args, "/logout"), 303);
    ck_assert_int_eq(kill(server, SIGHUP), 0);
    ck_assert(until_status(port, NULL, "/login", 200));
    ck_assert_int_eq(curl(port, NULL, jar, NULL, "/api/status"), 401);
    g_free(args);
    g_free(token);
    stop(server);
    free(conf);
    free(sha);
    free(other);
    free(jar);
    teardown(&t);
}
END_TEST

/* shown_in - `dokaz show --json SHA` holds `what`, within 30 s */
static int shown_in(const char *data, const char *sha, const char *what)
{
    for (int i = 0; i < 120; i++) {
        char *out = NULL;
        sh(&out, "'%s' show --json --data '%s' %s 2>/dev/null", getenv("DOKAZ_BIN"), data, sha);
        int found = strstr(out, what) != NULL;
        free(out);
        if (found)
            return 1;
        usleep(250 * 1000);
    }
    return 0;
}

START_TEST(reload_watch)
{
    team t = setup();
    char *inbox = tu_path(t.dir, "inbox"), *log = tu_path(t.dir, "watch.log");
    g_mkdir_with_parents(inbox, 0755);
    char *a = tu_path(inbox, "partners/a.txt"), *b = tu_path(inbox, "partners/b.txt");
    char *conf = tu_path(t.data, "dokaz.conf");
    tu_write(a, "Иванов первый\n", strlen("Иванов первый\n"));
    char listen[32];
    int port = free_port();
    snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
    const char *args[] = {"--settle", "200",       "--listen", listen, "--tls-cert",
                          t.cert,     "--tls-key", t.key,      inbox,  NULL};
    pid_t watch = it_watch_run(t.dir, t.data, args);
    char *sha = tu_sha256_file(a);
    ck_assert_msg(shown_in(t.data, sha, "\"collection\":\"partners\""), "a.txt not received");
    free(sha);
    ck_assert(until_status(port, NULL, "/login", 200));
    /* a rule for the folder, and a setting that needs a restart */
    char *text = g_strdup_printf("collection %s/partners = Partners\nworkers = 3\n", inbox);
    tu_write(conf, text, strlen(text));
    g_free(text);
    ck_assert_int_eq(kill(watch, SIGHUP), 0);
    sleep(1);
    tu_write(b, "Иванов второй\n", strlen("Иванов второй\n"));
    sha = tu_sha256_file(b);
    ck_assert_msg(shown_in(t.data, sha, "\"collection\":\"Partners\""), "the rule was not read");
    free(sha);
    ck_assert_msg(until_status(port, NULL, "/login", 200), "the web interface did not come back");
    it_watch_stop(watch);
    char *logged = tu_read(log, NULL);
    ck_assert_msg(strstr(logged, "SIGHUP: dokaz.conf read again") &&
                      strstr(logged, "'workers' changed, which takes a restart"),
                  "%s", logged);
    free(logged);
    free(conf);
    free(a);
    free(b);
    free(log);
    free(inbox);
    teardown(&t);
}
END_TEST

/* raw - connect to 127.0.0.1:port from `from`, send `request`, read the
 * answer (up to timeout_s); the status, or 0 when closed without one */
static int raw(const char *from, int port, const char *request, int timeout_s)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in me = {.sin_family = AF_INET}, to = {.sin_family = AF_INET};
    inet_pton(AF_INET, from, &me.sin_addr);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&me, sizeof me), 0);
    to.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&to, sizeof to), 0);
    struct timeval tv = {.tv_sec = timeout_s};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ck_assert_int_eq(write(fd, request, strlen(request)), (ssize_t)strlen(request));
    char answer[512] = "";
    ssize_t n = read(fd, answer, sizeof answer - 1);
    close(fd);
    int status = 0;
    if (n > 0 && sscanf(answer, "HTTP/1.%*d %d", &status) != 1)
        status = 0;
    return status;
}

/* slow - a connection from `from` that sends part of its headers and stalls */
static int slow(const char *from, int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in me = {.sin_family = AF_INET}, to = {.sin_family = AF_INET};
    inet_pton(AF_INET, from, &me.sin_addr);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&me, sizeof me), 0);
    to.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&to, sizeof to), 0);
    const char part[] = "GET / HTTP/1.1\r\nHost: localhost\r\n";
    ck_assert_int_eq(write(fd, part, sizeof part - 1), (ssize_t)sizeof part - 1);
    return fd;
}

/* closed - the server has closed fd (read gives 0 or an error within timeout_s) */
static int closed(int fd, int timeout_s)
{
    struct timeval tv = {.tv_sec = timeout_s};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char c;
    ssize_t n = read(fd, &c, 1);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* drip - a client from `from` that sends a header line a second, as a slow
 * attack does; the seconds until the server closed it (0: never, in 30) */
static long drip(const char *from, int port)
{
    int fd = slow(from, port);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 30; i++) {
        sleep(1);
        char line[64], c;
        int n = snprintf(line, sizeof line, "X-Drip-%d: a line a second\r\n", i);
        ssize_t got = recv(fd, &c, 1, MSG_DONTWAIT);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK) ||
            send(fd, line, (size_t)n, MSG_NOSIGNAL) != n)
            break;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    close(fd);
    return b.tv_sec - a.tv_sec < 30 ? (long)(b.tv_sec - a.tv_sec) : 0;
}

START_TEST(limits_hold)
{
    team t = setup();
    int port = 0;
    /* on all addresses (TLS and accounts): the Host check still holds */
    pid_t server = serve(&t, "0.0.0.0:0", 1, NULL, &port);
    ck_assert_int_eq(curl(port, NULL, NULL, "-H 'Host: attacker.example'", "/login"), 421);
    ck_assert_int_eq(curl(port, NULL, NULL, "-H 'Host: localhost'", "/login"), 200);
    stop(server);

    /* loopback without accounts: the operator's own server */
    char *users = tu_path(t.data, "users.json");
    ck_assert_int_eq(unlink(users), 0);
    free(users);
    server = serve(&t, "127.0.0.1:0", 0, NULL, &port);
    const char ok[] = "GET /api/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    ck_assert_int_eq(raw("127.0.0.1", port, ok, 10), 200);
    ck_assert_int_eq(raw("127.0.0.1", port,
                         "GET /api/status HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n"
                         "Connection: close\r\n\r\n",
                         10),
                     400);
    ck_assert_int_eq(raw("127.0.0.1", port, "GET /api/status HTTP/1.1\r\nConnection: close\r\n\r\n",
                         10),
                     400);
    ck_assert_int_eq(raw("127.0.0.1", port,
                         "POST /api/batch HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                         "1000000000000000\r\nConnection: close\r\n\r\n",
                         5),
                     413);
    /* another site's page posting text/plain through a visitor's browser */
    ck_assert_int_eq(raw("127.0.0.1", port,
                         "POST /api/batch HTTP/1.1\r\nHost: localhost\r\nOrigin: "
                         "https://evil.example\r\nSec-Fetch-Site: cross-site\r\nContent-Type: "
                         "text/plain\r\nContent-Length: 7\r\nConnection: close\r\n\r\nИван",
                         10),
                     403);
    ck_assert_int_eq(raw("127.0.0.1", port,
                         "POST /api/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                         "text/plain\r\nContent-Length: 8\r\nConnection: close\r\n\r\nИванов",
                         10),
                     200);

    /* slow clients from one address: 16 held (web/server.c's MAX_PER_ADDRESS),
     * the others closed at once; a normal client served */
    int fds[40];
    for (int i = 0; i < 40; i++)
        fds[i] = slow("127.0.0.2", port);
    sleep(2);
    int refused = 0;
    for (int i = 0; i < 40; i++) {
        char c;
        ssize_t n = recv(fds[i], &c, 1, MSG_DONTWAIT);
        refused += n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    }
    ck_assert_int_eq(refused, 24);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    ck_assert_int_eq(raw("127.0.0.1", port, ok, 5), 200);
    clock_gettime(CLOCK_MONOTONIC, &b);
    ck_assert_msg(b.tv_sec - a.tv_sec < 2, "a normal client waited %lds",
                  (long)(b.tv_sec - a.tv_sec));
    /* headers a line a second: each line restarts the idle time-out, but the
     * deadline for the headers (10 s from accept) does not move */
    long cut = drip("127.0.0.3", port);
    ck_assert_msg(cut >= 9 && cut <= 13, "a client dripping headers was cut after %lds", cut);
    ck_assert_int_eq(raw("127.0.0.1", port, ok, 5), 200);
    /* and the stalled ones are closed after the idle time-out */
    ck_assert_msg(closed(fds[0], 25), "a stalled connection was kept open");
    for (int i = 0; i < 40; i++)
        close(fds[i]);
    stop(server);
    teardown(&t);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("team");
    TCase *tc = tcase_create("team");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, refuses_to_listen_exposed);
    tcase_add_test(tc, https_sessions_and_roles);
    tcase_add_test(tc, wrong_passwords_are_rate_limited);
    tcase_add_test(tc, tokens_work_until_revoked_or_expired);
    tcase_add_test(tc, admin_manages_users);
    tcase_add_test(tc, collections_are_walls);
    tcase_add_test(tc, configuration_file);
    tcase_add_test(tc, limits_hold);
    tcase_add_test(tc, batch_time_limit);
    tcase_add_test(tc, batch_keeps_nobody_waiting);
    tcase_add_test(tc, reload_serve);
    tcase_add_test(tc, reload_watch);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
