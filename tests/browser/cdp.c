/*
 * cdp.c - the browser test's DevTools client (see cdp.h).
 *
 * The pipe transport needs no WebSocket and no port: Chromium reads commands
 * from its fd 3 and writes answers and events to its fd 4. Events are read
 * and dropped; the test polls the page's state with Runtime.evaluate instead.
 */
#include "cdp.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cdp {
    pid_t pid;
    int to, from; /* our ends: commands out, answers in */
    GString *in;  /* bytes read, not yet a whole message */
    int next_id;
    char *session; /* the page's flat session id */
};

/* now_ms - monotonic milliseconds */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* send_message - one command, NUL-terminated */
static int send_message(cdp *c, int id, const char *method, json_object *params, int page)
{
    json_object *m = json_object_new_object();
    json_object_object_add(m, "id", json_object_new_int(id));
    json_object_object_add(m, "method", json_object_new_string(method));
    json_object_object_add(m, "params", params ? params : json_object_new_object());
    if (page && c->session)
        json_object_object_add(m, "sessionId", json_object_new_string(c->session));
    const char *text = json_object_to_json_string_ext(m, JSON_C_TO_STRING_PLAIN);
    size_t len = strlen(text) + 1, done = 0;
    while (done < len) {
        ssize_t n = write(c->to, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            json_object_put(m);
            return -1;
        }
        done += (size_t)n;
    }
    json_object_put(m);
    return 0;
}

/* read_reply - messages until the answer with this id (its "result", owned by caller) */
static json_object *read_reply(cdp *c, int id, const char *method, int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        char *nul;
        while ((nul = memchr(c->in->str, '\0', c->in->len)) != NULL) {
            json_object *m = json_tokener_parse(c->in->str);
            g_string_erase(c->in, 0, nul - c->in->str + 1);
            json_object *v = NULL, *result = NULL;
            if (m && json_object_object_get_ex(m, "id", &v) && json_object_get_int(v) == id) {
                if (json_object_object_get_ex(m, "result", &result))
                    result = json_object_get(result);
                else
                    fprintf(stderr, "cdp: %s failed: %s\n", method, json_object_to_json_string(m));
                json_object_put(m);
                return result;
            }
            json_object_put(m);
        }
        long long left = deadline - now_ms();
        struct pollfd p = {.fd = c->from, .events = POLLIN};
        if (left <= 0 || poll(&p, 1, (int)left) <= 0) {
            fprintf(stderr, "cdp: no answer to %s within %d ms\n", method, timeout_ms);
            return NULL;
        }
        char buf[65536];
        ssize_t n = read(c->from, buf, sizeof buf);
        if (n <= 0) {
            fprintf(stderr, "cdp: the browser closed its pipe during %s\n", method);
            return NULL;
        }
        g_string_append_len(c->in, buf, n);
    }
}

/* call - a command to the browser (page = 0) or to the page (page = 1) */
static json_object *call(cdp *c, const char *method, json_object *params, int page, int timeout_ms)
{
    int id = ++c->next_id;
    if (send_message(c, id, method, params, page) != 0) {
        fprintf(stderr, "cdp: cannot send %s\n", method);
        return NULL;
    }
    return read_reply(c, id, method, timeout_ms);
}

/* cdp_call - to the page */
json_object *cdp_call(cdp *c, const char *method, json_object *params, int timeout_ms)
{
    return call(c, method, params, 1, timeout_ms);
}

/* open_page - a target, attached with a flat session, at the wanted size */
static int open_page(cdp *c, int width, int height)
{
    json_object *p = json_object_new_object();
    json_object_object_add(p, "url", json_object_new_string("about:blank"));
    json_object *r = call(c, "Target.createTarget", p, 0, 20000), *v = NULL;
    if (r == NULL || !json_object_object_get_ex(r, "targetId", &v))
        return -1;
    p = json_object_new_object();
    json_object_object_add(p, "targetId", json_object_get(v));
    json_object_object_add(p, "flatten", json_object_new_boolean(1));
    json_object_put(r);
    r = call(c, "Target.attachToTarget", p, 0, 10000);
    if (r == NULL || !json_object_object_get_ex(r, "sessionId", &v))
        return -1;
    c->session = g_strdup(json_object_get_string(v));
    json_object_put(r);
    p = json_object_new_object();
    json_object_object_add(p, "width", json_object_new_int(width));
    json_object_object_add(p, "height", json_object_new_int(height));
    json_object_object_add(p, "deviceScaleFactor", json_object_new_int(1));
    json_object_object_add(p, "mobile", json_object_new_boolean(0));
    r = cdp_call(c, "Emulation.setDeviceMetricsOverride", p, 10000);
    json_object_put(r);
    return r ? 0 : -1;
}

/* cdp_launch - fork chromium with the pipes on fds 3 and 4 */
cdp *cdp_launch(const char *chromium, const char *profile_dir, int width, int height,
                const char *flag)
{
    int to[2], from[2];
    if (pipe(to) != 0 || pipe(from) != 0)
        return NULL;
    char *profile = g_strdup_printf("--user-data-dir=%s", profile_dir);
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0); /* its helpers die with it: we signal the whole group */
        /* its singleton socket's folder, which a killed browser leaves behind,
         * goes with the profile instead of into /tmp */
        setenv("TMPDIR", profile_dir, 1);
        int in = dup(to[0]), out = dup(from[1]);
        dup2(in, 3);
        dup2(out, 4);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, STDOUT_FILENO);
        if (getenv("DOKAZ_BROWSER_LOG") == NULL)
            dup2(devnull, STDERR_FILENO);
        for (int fd = 5; fd < 1024; fd++)
            close(fd);
        execl(chromium, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-pipe",
              "--hide-scrollbars", profile, flag ? flag : "--headless", "about:blank",
              (char *)NULL);
        _exit(127);
    }
    g_free(profile);
    close(to[0]);
    close(from[1]);
    if (pid < 0) {
        close(to[1]);
        close(from[0]);
        return NULL;
    }
    cdp *c = g_new0(cdp, 1);
    c->pid = pid;
    c->to = to[1];
    c->from = from[0];
    c->in = g_string_new(NULL);
    signal(SIGPIPE, SIG_IGN);
    if (open_page(c, width, height) != 0) {
        fprintf(stderr, "cdp: cannot open a page in %s\n", chromium);
        cdp_close(c);
        return NULL;
    }
    return c;
}

/* cdp_close - ask politely, then end the process group */
void cdp_close(cdp *c)
{
    if (c == NULL)
        return;
    json_object_put(call(c, "Browser.close", NULL, 0, 3000));
    close(c->to);
    close(c->from);
    kill(-c->pid, SIGKILL);
    while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    g_string_free(c->in, TRUE);
    g_free(c->session);
    g_free(c);
}

/* cdp_eval - Runtime.evaluate by value */
json_object *cdp_eval(cdp *c, const char *expression)
{
    json_object *p = json_object_new_object();
    json_object_object_add(p, "expression", json_object_new_string(expression));
    json_object_object_add(p, "returnByValue", json_object_new_boolean(1));
    json_object_object_add(p, "awaitPromise", json_object_new_boolean(1));
    json_object *r = cdp_call(c, "Runtime.evaluate", p, 15000), *res = NULL, *v = NULL;
    if (r && json_object_object_get_ex(r, "result", &res) &&
        json_object_object_get_ex(res, "value", &v))
        v = json_object_get(v);
    else
        v = NULL;
    json_object_put(r);
    return v;
}

/* cdp_eval_bool - truthiness of a boolean result */
int cdp_eval_bool(cdp *c, const char *expression)
{
    json_object *v = cdp_eval(c, expression);
    int yes = v && json_object_is_type(v, json_type_boolean) && json_object_get_boolean(v);
    json_object_put(v);
    return yes;
}

/* cdp_wait - poll every 50 ms */
int cdp_wait(cdp *c, const char *expression, int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;
    do {
        if (cdp_eval_bool(c, expression))
            return 1;
        usleep(50 * 1000);
    } while (now_ms() < deadline);
    return 0;
}

/* cdp_goto - Page.navigate, then wait for readyState complete at that address */
int cdp_goto(cdp *c, const char *url, int timeout_ms)
{
    json_object *p = json_object_new_object();
    json_object_object_add(p, "url", json_object_new_string(url));
    json_object *r = cdp_call(c, "Page.navigate", p, timeout_ms);
    if (r == NULL)
        return -1;
    json_object_put(r);
    return cdp_wait(c, "document.readyState === 'complete' && location.href !== 'about:blank'",
                    timeout_ms)
               ? 0
               : -1;
}

/* cdp_screenshot - Page.captureScreenshot beyond the viewport, base64-decoded */
int cdp_screenshot(cdp *c, const char *path)
{
    json_object *p = json_object_new_object();
    json_object_object_add(p, "format", json_object_new_string("png"));
    json_object_object_add(p, "captureBeyondViewport", json_object_new_boolean(1));
    json_object *r = cdp_call(c, "Page.captureScreenshot", p, 20000), *v = NULL;
    int rc = -1;
    if (r && json_object_object_get_ex(r, "data", &v)) {
        gsize len = 0;
        guchar *png = g_base64_decode(json_object_get_string(v), &len);
        rc = g_file_set_contents(path, (const char *)png, (gssize)len, NULL) ? 0 : -1;
        g_free(png);
    }
    json_object_put(r);
    return rc;
}
