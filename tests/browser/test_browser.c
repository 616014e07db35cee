/*
 * test_browser.c - the web interface in a real browser (headless Chromium,
 * driven over the DevTools protocol): documents are ingested with the real
 * `dokaz ingest`, `dokaz serve` listens on a free loopback port, and the test
 * does what a person would: searches a name from the search box, sees the hit,
 * narrows the results by a facet (document type), opens the scanned document,
 * sees its page image and the marked text, runs a batch search, and opens a hostile
 * document whose <script> must show as text and never run.
 *
 * The persons pages: the list filtered by role, a dossier, and from it a
 * document's page with the person's mention marked.
 *
 * With accounts, a team member logs in, searches, opens a document, logs out,
 * and the back button shows the log-in page, not the document; a session left
 * idle past its time-out sends them back to the log-in page. The same again
 * over HTTPS, with a certificate made by certtool and trusted by Chromium
 * for its key's hash alone (--ignore-certificate-errors-spki-list): there the
 * session cookie must be Secure, HttpOnly and SameSite=Strict, and answers
 * carry HSTS.
 *
 * Environment: DOKAZ_BIN, CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR
 * (where search.png, document.png, persons.png, dossier.png and mention.png,
 * and the log-in flow's steps login.png, wrong-password.png, searched.png,
 * logged-in.png, logged-out.png and back.png, those over HTTPS prefixed
 * tls-, are saved for people to look at; the log says where).
 */
#include "cdp.h"
#include "itest.h"
#include "testutil.h"

#include <cairo.h>
#include <check.h>
#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Markup after a long plain paragraph: identified as text/plain (libmagic looks
 * for HTML near the start), so the page text holds the markup itself. */
#define HOSTILE_TAIL \
    "\nВ сообщении было: <script>document.title='pwned'; window.__pwned = 1;" \
    "</script>\n<img src=x onerror=\"window.__pwned = 2\">\n"

/* draw_notice - a clean one-page scan with a name on it, for OCR */
static void draw_notice(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1400, 700);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 56);
    const char *lines[] = {"ПОВЕСТКА", "Гражданин Иванов Сергей", "явиться в суд 14 марта"};
    for (int i = 0; i < 3; i++) {
        cairo_move_to(cr, 100, 180 + i * 150);
        cairo_show_text(cr, lines[i]);
    }
    cairo_destroy(cr);
    ck_assert_int_eq(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
}

/* make_inbox - text, a scan and a hostile document */
static void make_inbox(const char *inbox)
{
    char *p = tu_path(inbox, "verdict.txt");
    const char *verdict = "ПРИГОВОР\nпо уголовному делу № 1-234/2024\nСуд рассмотрел дело. "
                          "Подсудимый Иванов Сергей Николаевич осуждён по ч. 1 ст. 342 УК.\n";
    tu_write(p, verdict, strlen(verdict));
    free(p);
    p = tu_path(inbox, "notice.png");
    draw_notice(p);
    free(p);
    GString *hostile = g_string_new("Протокол допроса свидетеля.");
    for (int i = 0; i < 80; i++)
        g_string_append(hostile, " Свидетель показал, что ничего не видел.");
    g_string_append(hostile, HOSTILE_TAIL);
    p = tu_path(inbox, "<img src=x onerror=alert(1)>.txt");
    tu_write(p, hostile->str, hostile->len);
    g_string_free(hostile, TRUE);
    free(p);
}

/* step - wait for an expression, failing with what the page shows otherwise */
static void step(cdp *c, const char *what, const char *expression, int timeout_ms)
{
    if (cdp_wait(c, expression, timeout_ms))
        return;
    json_object *v = cdp_eval(c, "location.href + '\\n' + document.body.innerText.slice(0, 600)");
    ck_abort_msg("%s: not seen (%s); the page shows: %s", what, expression,
                 v ? json_object_get_string(v) : "nothing");
}

/* stop - end the server and check it stopped cleanly */
static void stop(pid_t server)
{
    kill(server, SIGTERM);
    int status = 0;
    while (waitpid(server, &status, 0) < 0 && errno == EINTR)
        ;
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "dokaz serve did not stop cleanly");
}

/* go - open base + path and wait for it */
static void go(cdp *c, const char *base, const char *path)
{
    char *u = g_strdup_printf("%s%s", base, path);
    ck_assert_int_eq(cdp_goto(c, u, 15000), 0);
    g_free(u);
}

START_TEST(person_uses_the_web_interface)
{
    const char *chromium = getenv("CHROMIUM") ? getenv("CHROMIUM") : "/usr/bin/chromium";
    ck_assert_msg(access(chromium, X_OK) == 0, "%s is missing: scripts/setup installs chromium",
                  chromium);
    char *root = tu_tempdir("browser");
    char *inbox = tu_path(root, "inbox"), *data = tu_path(root, "data");
    char *profile = tu_path(root, "profile");
    make_inbox(inbox);
    char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, "--lang",
                      "rus+eng",           inbox,    NULL};
    char *out = NULL;
    ck_assert_msg(tu_run(ingest, &out) == 0, "dokaz ingest failed: %s", out);
    free(out);

    char base[256], *u;
    pid_t server = it_serve(data, base, sizeof base);
    cdp *c = cdp_launch(chromium, profile, 1280, 900, NULL);
    ck_assert_msg(c != NULL, "cannot drive %s", chromium);

    /* search a name from the search box */
    u = g_strdup_printf("%s/", base);
    ck_assert_int_eq(cdp_goto(c, u, 15000), 0);
    g_free(u);
    ck_assert(cdp_eval_bool(c,
                            "(() => { document.getElementById('q').value = 'Иванов'; "
                            "document.querySelector('form.search').submit(); return true; })()"));
    step(c, "search results",
         "location.pathname === '/search' && "
         "document.readyState === 'complete' && "
         "document.querySelectorAll('li.hit').length === 2",
         15000);
    step(c, "the verdict and the scan among the hits",
         "[...document.querySelectorAll('a.hit-link')].map(a => a.textContent).sort().join() "
         "=== 'notice.png,verdict.txt'",
         1000);
    step(c, "the matched word marked in a snippet",
         "[...document.querySelectorAll('.snippet b')].some(b => /Иванов/i.test(b.textContent))",
         1000);
    char *shots = getenv("SCREENSHOT_DIR") ? g_strdup(getenv("SCREENSHOT_DIR"))
                                           : tu_path(root, "s");
    g_mkdir_with_parents(shots, 0755);
    char *shot = g_build_filename(shots, "search.png", NULL);
    ck_assert_int_eq(cdp_screenshot(c, shot), 0);
    g_free(shot);

    /* narrow by a facet: the verdict's document type */
    step(c, "a type facet with the verdict counted",
         "[...document.querySelectorAll('[data-facet=\"type\"] li')].some(li => "
         "li.querySelector('a').textContent === 'verdict' && "
         "li.querySelector('.n').textContent === '1')",
         1000);
    ck_assert(cdp_eval_bool(c,
                            "(() => { [...document.querySelectorAll('[data-facet=\"type\"] a')]"
                            ".find(a => a.textContent === 'verdict').click(); return true; })()"));
    step(c, "only the verdict when narrowed to its type",
         "location.search.includes('type=verdict') && document.readyState === 'complete' && "
         "document.querySelectorAll('li.hit').length === 1 && "
         "document.querySelector('a.hit-link').textContent === 'verdict.txt'",
         15000);
    step(c, "its case number and article among the hit's fields",
         "document.querySelector('li.hit .facts .case').textContent.includes('1-234/2024') && "
         "document.querySelector('li.hit .facts .article').textContent.includes('342')",
         1000);

    /* back to all hits, then the scan */
    u = g_strdup_printf("%s/search?q=%%D0%%98%%D0%%B2%%D0%%B0%%D0%%BD%%D0%%BE%%D0%%B2", base);
    ck_assert_int_eq(cdp_goto(c, u, 15000), 0);
    g_free(u);
    ck_assert(
        cdp_eval_bool(c, "(() => { [...document.querySelectorAll('a.hit-link')]"
                         ".find(a => a.textContent === 'notice.png').click(); return true; })()"));

    /* open the scan: its page image and the marked text */
    step(c, "the document page",
         "location.pathname.startsWith('/item/') && "
         "document.readyState === 'complete'",
         15000);
    step(c, "the page image shown",
         "(() => { const i = document.querySelector('.page-image img'); "
         "return !!i && i.complete && i.naturalWidth > 500; })()",
         20000);
    step(c, "a marked match in the page text",
         "[...document.querySelectorAll('pre.text mark')].some(m => /Иванов/i.test(m.textContent))",
         1000);
    step(c, "a download link for the original",
         "!!document.querySelector('a[href$=\"/original\"]')", 1000);
    shot = g_build_filename(shots, "document.png", NULL);
    ck_assert_int_eq(cdp_screenshot(c, shot), 0);
    g_free(shot);

    /* a hostile document: its markup is text, its script never runs */
    u = g_strdup_printf("%s/search?q=%%D1%%81%%D0%%B2%%D0%%B8%%D0%%B4%%D0%%B5%%D1%%82%%D0%%B5"
                        "%%D0%%BB%%D1%%8C",
                        base); /* свидетель */
    ck_assert_int_eq(cdp_goto(c, u, 15000), 0);
    g_free(u);
    step(c, "the hostile document's name as text",
         "document.querySelector('a.hit-link').textContent === '<img src=x onerror=alert(1)>.txt'",
         5000);
    ck_assert(cdp_eval_bool(c, "(() => { document.querySelector('a.hit-link').click(); "
                               "return true; })()"));
    step(c, "the hostile document's page",
         "location.pathname.startsWith('/item/') && "
         "document.readyState === 'complete'",
         15000);
    step(
        c, "its script shown as text",
        "document.querySelector('pre.text').textContent.includes(\"<script>document.title='pwned'\")",
        2000);
    usleep(300 * 1000); /* give an injected onerror handler time to fire */
    char *safe =
        g_strdup_printf("window.__pwned === undefined && !document.title.includes('%s') && "
                        "document.querySelectorAll('script').length === 1 && "
                        "document.querySelectorAll('main img').length === 0",
                        "pwned");
    step(c, "nothing from the document ran", safe, 1000);
    g_free(safe);

    /* batch: a list of names, results per line */
    u = g_strdup_printf("%s/batch", base);
    ck_assert_int_eq(cdp_goto(c, u, 15000), 0);
    g_free(u);
    ck_assert(cdp_eval_bool(c, "(() => { document.getElementById('names').value = "
                               "'Иванов Сергей\\nНикто Никтович'; "
                               "document.querySelector('form.batch').submit(); return true; })()"));
    step(c, "a result row per line",
         "document.querySelectorAll('tr.line').length === 2 && "
         "document.querySelector('tr.line .total').textContent === '2'",
         15000);

    /* status */
    u = g_strdup_printf("%s/status", base);
    ck_assert_int_eq(cdp_goto(c, u, 15000), 0);
    g_free(u);
    step(c, "three documents done", "document.querySelector('.count.done dd').textContent === '3'",
         5000);

    cdp_close(c);
    stop(server);
    tu_rmtree(root);
    g_free(shots);
    free(inbox);
    free(data);
    free(profile);
    free(root);
}
END_TEST

/* shot - a screenshot into SCREENSHOT_DIR (or dir) */
static void shot(cdp *c, const char *dir, const char *name)
{
    char *shots = getenv("SCREENSHOT_DIR") ? g_strdup(getenv("SCREENSHOT_DIR")) : g_strdup(dir);
    g_mkdir_with_parents(shots, 0755);
    char *path = g_build_filename(shots, name, NULL);
    ck_assert_int_eq(cdp_screenshot(c, path), 0);
    g_free(path);
    g_free(shots);
}

/* log_in - fill the log-in form and send it */
static void log_in(cdp *c, const char *name, const char *password)
{
    step(c, "the log-in page",
         "location.pathname === '/login' && document.readyState === 'complete' && "
         "!!document.querySelector('form.login')",
         15000);
    char *js = g_strdup_printf("(() => { document.getElementById('name').value = '%s'; "
                               "document.getElementById('password').value = '%s'; "
                               "document.querySelector('form.login').submit(); return true; })()",
                               name, password);
    ck_assert(cdp_eval_bool(c, js));
    g_free(js);
}

/* make_cert - a self-signed certificate for 127.0.0.1 in dir (cert.pem,
 * key.pem); its SPKI hash (base64 SHA-256, g_malloc'd) for Chromium's
 * --ignore-certificate-errors-spki-list, which trusts this key alone */
static char *make_cert(const char *dir)
{
    char *line = g_strdup_printf(
        "cd '%s' && printf 'cn = localhost\\nip_address = 127.0.0.1\\nexpiration_days = 2\\n"
        "tls_www_server\\n' > cert.cfg && certtool --generate-privkey --outfile key.pem "
        "2>/dev/null && certtool --generate-self-signed --load-privkey key.pem --template "
        "cert.cfg --outfile cert.pem >/dev/null 2>&1 && certtool -i --infile cert.pem | "
        "sed -n 's/.*pin-sha256://p' | head -n 1",
        dir);
    char *argv[] = {"/bin/sh", "-c", line, NULL}, *out = NULL;
    ck_assert_int_eq(tu_run(argv, &out), 0);
    g_free(line);
    char *pin = g_strdup(g_strstrip(out));
    free(out);
    ck_assert_msg(strlen(pin) == 44, "no SPKI hash from certtool: '%s'", pin);
    return pin;
}

/* check_cookie_and_hsts - the session cookie is Secure, HttpOnly and
 * SameSite=Strict, and answers ask for HTTPS from now on (HSTS) */
static void check_cookie_and_hsts(cdp *c, const char *base)
{
    json_object *params = json_object_new_object(), *urls = json_object_new_array();
    json_object_array_add(urls, json_object_new_string(base));
    json_object_object_add(params, "urls", urls);
    json_object *r = cdp_call(c, "Network.getCookies", params, 5000), *cookies = NULL;
    ck_assert(r && json_object_object_get_ex(r, "cookies", &cookies));
    int found = 0;
    for (size_t i = 0; i < json_object_array_length(cookies); i++) {
        json_object *k = json_object_array_get_idx(cookies, i), *v = NULL;
        json_object_object_get_ex(k, "name", &v);
        if (strcmp(json_object_get_string(v), "dokaz_session") != 0)
            continue;
        found = 1;
        ck_assert(json_object_object_get_ex(k, "secure", &v) && json_object_get_boolean(v));
        ck_assert(json_object_object_get_ex(k, "httpOnly", &v) && json_object_get_boolean(v));
        ck_assert(json_object_object_get_ex(k, "sameSite", &v));
        ck_assert_str_eq(json_object_get_string(v), "Strict");
    }
    ck_assert_msg(found, "no session cookie: %s", json_object_to_json_string(r));
    json_object_put(r);
    json_object *hsts = cdp_eval(c, "fetch('/login').then(r => "
                                    "r.headers.get('strict-transport-security'))");
    ck_assert_msg(hsts && json_object_get_string(hsts) &&
                      strstr(json_object_get_string(hsts), "max-age="),
                  "no HSTS header");
    json_object_put(hsts);
}

/* team_member - log in (a wrong password first), search, open the document,
 * log out, go back; then the idle time-out. Over HTTPS (tls), with a
 * certificate made here and trusted by its key's hash alone, the session
 * cookie's flags and HSTS are checked too. Screenshots of each step go to
 * SCREENSHOT_DIR (named with `prefix`). */
static void team_member(int tls, const char *prefix)
{
    const char *chromium = getenv("CHROMIUM") ? getenv("CHROMIUM") : "/usr/bin/chromium";
    char *root = tu_tempdir("browser-team");
    char *inbox = tu_path(root, "inbox"), *data = tu_path(root, "data");
    char *profile = tu_path(root, "profile"), *p = tu_path(inbox, "verdict.txt");
    g_mkdir_with_parents(inbox, 0755);
    const char *verdict = "ПРИГОВОР\nпо уголовному делу № 1-234/2024\nПодсудимый Иванов Сергей "
                          "Николаевич осуждён по ч. 1 ст. 342 УК.\n";
    tu_write(p, verdict, strlen(verdict));
    free(p);
    const char *bin = getenv("DOKAZ_BIN");
    char *line = g_strdup_printf("'%s' ingest --data '%s' '%s' >/dev/null && printf '%%s\\n' "
                                 "'anna password 1' | '%s' user add anna --role investigator "
                                 "--password-stdin --data '%s' && '%s' user grant anna inbox "
                                 "--data '%s'",
                                 bin, data, inbox, bin, data, bin, data);
    char *setup[] = {"/bin/sh", "-c", line, NULL};
    ck_assert_int_eq(tu_run(setup, NULL), 0);
    g_free(line);
    char *pin = tls ? make_cert(root) : NULL, *flag = NULL;
    char *cert = tu_path(root, "cert.pem"), *key = tu_path(root, "key.pem");
    const char *args[] = {"dokaz",      "serve",       "--data",         data,
                          "--listen",   "127.0.0.1:0", "--session-idle", "4",
                          "--tls-cert", cert,          "--tls-key",      key,
                          NULL};
    if (!tls)
        args[8] = NULL;
    char base[256], *u;
    pid_t server = it_start_server(args, base, sizeof base);
    ck_assert_msg(g_str_has_prefix(base, tls ? "https://" : "http://"), "%s", base);
    if (tls)
        flag = g_strdup_printf("--ignore-certificate-errors-spki-list=%s", pin);
    cdp *c = cdp_launch(chromium, profile, 1280, 900, flag);
    ck_assert_msg(c != NULL, "cannot drive %s", chromium);
    char *shots = getenv("SCREENSHOT_DIR") ? g_strdup(getenv("SCREENSHOT_DIR")) : g_strdup(root);
    fprintf(stderr, "screenshots of the log-in flow over %s: %s/%s*.png\n", tls ? "HTTPS" : "HTTP",
            shots, prefix);
#define SHOT(name) \
    do { \
        char *file = g_strdup_printf("%s%s", prefix, name); \
        shot(c, root, file); \
        g_free(file); \
    } while (0)

    /* any page sends to the log-in page first, and back after it */
    u = g_strdup_printf("%s/", base);
    ck_assert_int_eq(cdp_goto(c, u, 15000), 0);
    g_free(u);
    step(c, "the log-in page", "location.pathname === '/login'", 15000);
    SHOT("login.png");
    log_in(c, "anna", "wrong password 1");
    step(c, "a wrong password said so",
         "location.pathname === '/login' && document.readyState === 'complete' && "
         "document.querySelector('.error').textContent.includes('Wrong name or password')",
         15000);
    SHOT("wrong-password.png");
    log_in(c, "anna", "anna password 1");
    step(c, "the search page, with who is logged in",
         "location.pathname === '/' && document.readyState === 'complete' && "
         "document.querySelector('.user .who').textContent === 'anna'",
         15000);
    if (tls)
        check_cookie_and_hsts(c, base);
    ck_assert(cdp_eval_bool(c,
                            "(() => { document.getElementById('q').value = 'Иванов'; "
                            "document.querySelector('form.search').submit(); return true; })()"));
    step(c, "the hit",
         "location.pathname === '/search' && document.readyState === 'complete' && "
         "document.querySelectorAll('li.hit').length === 1",
         15000);
    SHOT("searched.png");
    ck_assert(cdp_eval_bool(c, "(() => { document.querySelector('a.hit-link').click(); "
                               "return true; })()"));
    step(c, "the document",
         "location.pathname.startsWith('/item/') && document.readyState === 'complete' && "
         "document.querySelector('pre.text').textContent.includes('Подсудимый')",
         15000);
    SHOT("logged-in.png");

    /* log out; the back button does not bring the document back */
    ck_assert(cdp_eval_bool(c, "(() => { document.querySelector('.user form button').click(); "
                               "return true; })()"));
    step(c, "the log-in page after logging out",
         "location.pathname === '/login' && document.readyState === 'complete'", 15000);
    SHOT("logged-out.png");
    ck_assert(cdp_eval_bool(c, "(() => { history.back(); return true; })()"));
    usleep(1500 * 1000);
    step(c, "nothing of the document after going back",
         "document.readyState === 'complete' && !document.body.innerText.includes('Подсудимый') "
         "&& location.pathname === '/login'",
         15000);
    SHOT("back.png");
#undef SHOT

    /* logging in again leads back to the document; a session left idle past
     * its time-out ends */
    log_in(c, "anna", "anna password 1");
    step(c, "logged in again, back at the document",
         "location.pathname.startsWith('/item/') && document.readyState === 'complete' && "
         "document.querySelector('pre.text').textContent.includes('Подсудимый')",
         15000);
    sleep(6);
    u = g_strdup_printf("%s/search?q=%%D0%%98%%D0%%B2%%D0%%B0%%D0%%BD%%D0%%BE%%D0%%B2", base);
    ck_assert_int_eq(cdp_goto(c, u, 15000), 0);
    g_free(u);
    step(c, "the log-in page once the session timed out",
         "location.pathname === '/login' && document.readyState === 'complete'", 15000);

    cdp_close(c);
    stop(server);
    tu_rmtree(root);
    g_free(shots);
    g_free(flag);
    g_free(pin);
    free(cert);
    free(key);
    free(inbox);
    free(data);
    free(profile);
    free(root);
}

START_TEST(team_member_logs_in_and_out)
{
    team_member(0, "");
}
END_TEST

START_TEST(team_member_over_https)
{
    team_member(1, "tls-");
}
END_TEST

START_TEST(persons_list_dossier_and_mention)
{
    const char *chromium = getenv("CHROMIUM") ? getenv("CHROMIUM") : "/usr/bin/chromium";
    char *root = tu_tempdir("browser-persons");
    char *inbox = tu_path(root, "inbox"), *data = tu_path(root, "data");
    char *profile = tu_path(root, "profile");
    g_mkdir_with_parents(inbox, 0755);
    const char *files[][2] = {
        {"verdict.txt", "ПРИГОВОР\n12 марта 2024 года\nМинский городской суд рассмотрел "
                        "уголовное дело № 1-234/2024 в отношении обвиняемого Иванова Сергея "
                        "Николаевича по ч. 1 ст. 342 УК.\n"},
        {"protocol.txt", "ПРОТОКОЛ допроса\n3 апреля 2024 г.\nпо уголовному делу № 1-234/2024 "
                         "допрошен свидетель Петров Олег Иванович.\n"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        char *p = tu_path(inbox, files[i][0]);
        tu_write(p, files[i][1], strlen(files[i][1]));
        free(p);
    }
    char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, inbox, NULL};
    ck_assert_int_eq(tu_run(ingest, NULL), 0);
    char base[256];
    pid_t server = it_serve(data, base, sizeof base);
    cdp *c = cdp_launch(chromium, profile, 1280, 900, NULL);
    ck_assert_msg(c != NULL, "cannot drive %s", chromium);
    go(c, base, "/persons"); /* the list, then only the witnesses by the role filter */
    step(c, "both persons listed", "document.querySelectorAll('table.persons tr').length === 3",
         5000);
    ck_assert(cdp_eval_bool(c, "(() => { document.getElementById('role').value = 'witness'; "
                               "document.querySelector('form.persons-filter').submit(); "
                               "return true; })()"));
    step(c, "only the witness",
         "location.search.includes('role=witness') && document.readyState === 'complete' && "
         "document.querySelectorAll('table.persons tr').length === 2 && "
         "document.querySelector('table.persons td a').textContent.includes('Петров')",
         15000);
    ck_assert(cdp_eval_bool(c, "(() => { document.getElementById('role').value = 'accused'; "
                               "document.querySelector('form.persons-filter').submit(); "
                               "return true; })()"));
    step(c, "only the accused",
         "location.search.includes('role=accused') && document.readyState === 'complete' && "
         "document.querySelectorAll('table.persons tr').length === 2 && "
         "document.querySelector('table.persons td a').textContent.includes('Иванов')",
         15000);
    shot(c, root, "persons.png");

    /* his dossier: the case, the verdict with its court and his role */
    ck_assert(cdp_eval_bool(c, "(() => { document.querySelector('table.persons td a').click(); "
                               "return true; })()"));
    step(c, "the dossier",
         "location.pathname.startsWith('/person/') && document.readyState === 'complete' && "
         "document.querySelector('section.case h2').textContent === 'case 1-234/2024'",
         15000);
    step(c, "the verdict in the timeline with court and role",
         "(() => { const r = document.querySelector('table.timeline tr:nth-child(2)'); "
         "return !!r && r.textContent.includes('2024-03-12') && "
         "r.textContent.includes('Минский городской суд') && "
         "r.querySelector('td.role').textContent === 'accused'; })()",
         1000);
    shot(c, root, "dossier.png");

    /* follow the page link: his mention marked on the page */
    ck_assert(cdp_eval_bool(c, "(() => { document.querySelector('a.page-link').click(); "
                               "return true; })()"));
    step(c, "the page with his mention marked",
         "location.pathname.startsWith('/item/') && document.readyState === 'complete' && "
         "(() => { const m = document.querySelectorAll('pre.text mark.mention'); "
         "return m.length === 1 && m[0].textContent === 'Иванова Сергея Николаевича'; })()",
         15000);
    step(c, "the persons it names, linked", "!!document.querySelector('section.persons a')", 1000);
    shot(c, root, "mention.png");

    cdp_close(c);
    stop(server);
    tu_rmtree(root);
    free(inbox);
    free(data);
    free(profile);
    free(root);
}
END_TEST

/* main - three scenarios: one person alone, the persons pages, a team with accounts */
int main(void)
{
    Suite *s = suite_create("browser");
    TCase *tc = tcase_create("web");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, person_uses_the_web_interface);
    suite_add_tcase(s, tc);
    tc = tcase_create("persons");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, persons_list_dossier_and_mention);
    suite_add_tcase(s, tc);
    tc = tcase_create("team");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, team_member_logs_in_and_out);
    tcase_add_test(tc, team_member_over_https);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
