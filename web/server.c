/*
 * server.c - HTTP with libmicrohttpd: turns a connection's request into a
 * web_request, and a web_response into an answer (see web_serve in web.h).
 *
 * Every connection has a thread of its own, and its requests wait for one of
 * the gate's turns (turns.c) to be worked on; each request opens what it
 * needs (records) and closes it again, so nothing is shared between threads
 * but the read-only configuration, the gate (web_gate: accounts, sessions
 * and turns, thread-safe) and the pool of open index readers (index_pool, thread-safe:
 * opening the index and the name and field tables for every search cost
 * more than the search). Bounds: connections in all and per address,
 * an idle time-out, absolute deadlines for a request's headers and its body
 * that no trickle of bytes extends (deadline.c, swept once a second by the
 * thread that waits for signals), POST bodies of at most MAX_BODY bytes (a
 * larger Content-Length is refused before a byte of it is read). Only requests with
 * one Host header naming this server are answered (guard_host), so that a
 * web page elsewhere cannot reach the collection through DNS rebinding, and
 * a browser's POST only from our own pages (guard_same_origin). Every answer
 * forbids inline script, framing, MIME sniffing, referrers and caching; under
 * TLS (GnuTLS, --tls-cert/--tls-key) it also asks for HTTPS from now on (HSTS).
 *
 * Functions: web_serve, web_stop_signal.
 */
#include "web/web_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <malloc.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#define MAX_BODY (1 << 20)
#define MAX_CONNECTIONS 512     /* in all */
#define MAX_PER_ADDRESS 16      /* from one address */
#define CONNECTION_TIMEOUT_S 15 /* idle: no byte in or out */
#define HEADERS_DEADLINE_S 10   /* from accept (or the last answer) to a request's last header */
#define BODY_DEADLINE_S 30      /* from the headers to the body's last byte */
#define MAX_PEM (1 << 20)       /* bytes of a certificate or key file */

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self'; object-src 'none'; base-uri 'none'; "
                          "form-action 'self'; frame-ancestors 'none'";

typedef struct {
    const web_config *cfg;
    char host[256]; /* the host part of cfg->listen, for the Host check */
    web_gate *gate;
    char *cert, *key; /* PEM text under TLS, else NULL */
    deadlines *deadlines;
} server;

typedef struct {
    GPtrArray *names, *values; /* g_free'd strings; values are GStrings while a POST arrives */
    struct MHD_PostProcessor *pp;
    size_t body;
    int too_large;
} request_state;

/* add_param - one name/value pair */
static void add_param(request_state *st, const char *name, const char *value, size_t len)
{
    g_ptr_array_add(st->names, g_strdup(name ? name : ""));
    g_ptr_array_add(st->values, g_string_new_len(value ? value : "", value ? (gssize)len : 0));
}

/* collect_arg - MHD_get_connection_values iterator for the query string */
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    add_param(cls, key, value, value ? strlen(value) : 0);
    return MHD_YES;
}

/* collect_post - post processor iterator: fields and uploaded files, in pieces */
static enum MHD_Result collect_post(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *filename, const char *content_type,
                                    const char *transfer_encoding, const char *data, uint64_t off,
                                    size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
    request_state *st = cls;
    guint n = st->names->len;
    if (off > 0 && n > 0 && strcmp(g_ptr_array_index(st->names, n - 1), key) == 0)
        g_string_append_len(g_ptr_array_index(st->values, n - 1), data, (gssize)size);
    else
        add_param(st, key, data, size);
    return MHD_YES;
}

/* unescape - query values: '+' is a space (HTML forms), then %XX; in place */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    char *out = s;
    for (char *p = s; *p; p++) {
        if (*p == '+') {
            *out++ = ' ';
        } else if (*p == '%' && g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2])) {
            *out++ = (char)(g_ascii_xdigit_value(p[1]) * 16 + g_ascii_xdigit_value(p[2]));
            p += 2;
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    return (size_t)(out - s);
}

/* count_host - MHD_get_connection_values iterator: Host headers */
static enum MHD_Result count_host(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    (void)kind, (void)value;
    if (key && strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0)
        (*(int *)cls)++;
    return MHD_YES;
}

/* header - a request header's value, or NULL */
static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* bearer - the token of "Authorization: Bearer TOKEN", or NULL */
static const char *bearer(struct MHD_Connection *c)
{
    const char *a = header(c, MHD_HTTP_HEADER_AUTHORIZATION);
    return a && strncasecmp(a, "Bearer ", 7) == 0 ? a + 7 : NULL;
}

/* client_address - the peer's numeric address into buf */
static void client_address(struct MHD_Connection *c, char *buf, size_t size)
{
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c,
                                                                MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    buf[0] = '\0';
    if (i && i->client_addr)
        getnameinfo(i->client_addr,
                    i->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                          : sizeof(struct sockaddr_in),
                    buf, (socklen_t)size, NULL, 0, NI_NUMERICHOST);
}

/* refusal - why a request is refused before it is handled (status into *status), or NULL */
static const char *refusal(const server *srv, struct MHD_Connection *c, const char *method,
                           int *status)
{
    int hosts = 0;
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_host, &hosts);
    const char *host = header(c, MHD_HTTP_HEADER_HOST);
    *status = 400;
    if (hosts != 1)
        return "a request needs exactly one Host header";
    *status = 421;
    if (!guard_host(srv->host, srv->cfg->server_name, host))
        return "this server does not answer for that host name (see --server-name)";
    *status = 403;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
        !guard_same_origin(srv->cert != NULL, host, header(c, "Origin"),
                           header(c, "Sec-Fetch-Site")))
        return "a request from another site is refused";
    return NULL;
}

/* disposition - attachment; filename="ascii"; filename*=UTF-8''percent-encoded */
static char *disposition(const char *name)
{
    GString *d = g_string_new("attachment; filename=\"");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        g_string_append_c(d, *p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\' ? '_' : *p);
    g_string_append(d, "\"; filename*=UTF-8''");
    html_url(d, name);
    return g_string_free(d, FALSE);
}

/* send_response - queue a web_response on the connection */
static enum MHD_Result send_response(struct MHD_Connection *c, web_response *resp, int tls)
{
    struct MHD_Response *r;
    if (resp->fd >= 0) {
        r = MHD_create_response_from_fd64(resp->size, resp->fd);
        if (r)
            resp->fd = -1; /* MHD closes it */
    } else {
        r = MHD_create_response_from_buffer_with_free_callback(resp->len, resp->body, g_free);
        if (r)
            resp->body = NULL;
    }
    if (r == NULL) {
        web_response_clear(resp);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                            resp->type ? resp->type : "application/octet-stream");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_SECURITY_POLICY, csp);
    MHD_add_response_header(r, MHD_HTTP_HEADER_X_CONTENT_TYPE_OPTIONS, "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                            resp->immutable ? "private, max-age=31536000, immutable" : "no-store");
    if (tls)
        MHD_add_response_header(r, MHD_HTTP_HEADER_STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    if (resp->location)
        MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, resp->location);
    if (resp->cookie)
        MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, resp->cookie);
    if (resp->logout)
        MHD_add_response_header(r, "Clear-Site-Data", "\"cache\"");
    if (resp->status == 401)
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
    if (resp->filename) {
        char *d = disposition(resp->filename);
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, d);
        g_free(d);
    }
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    web_response_clear(resp);
    return ok;
}

/* answer - build the request and hand it to web_handle */
static enum MHD_Result answer(server *srv, struct MHD_Connection *c, const char *url,
                              const char *method, request_state *st)
{
    web_response resp;
    memset(&resp, 0, sizeof resp);
    resp.fd = -1;
    int status = 0;
    const char *refused = refusal(srv, c, method, &status);
    if (refused) {
        web_error(&resp, status, strncmp(url, "/api/", 5) == 0, "%s", refused);
    } else if (st->too_large) {
        web_error(&resp, 413, strncmp(url, "/api/", 5) == 0, "the request is larger than %d bytes",
                  MAX_BODY);
    } else {
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, st);
        guint n = st->names->len;
        web_param *params = g_new0(web_param, n + 1);
        for (guint i = 0; i < n; i++) {
            params[i].name = g_ptr_array_index(st->names, i);
            params[i].value = ((GString *)g_ptr_array_index(st->values, i))->str;
        }
        web_request req = {.method = method, .path = url, .params = params, .nparams = n};
        char client[INET6_ADDRSTRLEN + 8];
        client_address(c, client, sizeof client);
        web_caller caller = {.cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
                                                                   WEB_SESSION_COOKIE),
                             .bearer = bearer(c),
                             .client = client};
        web_dispatch(srv->cfg, srv->gate, &caller, &req, &resp);
        g_free(params);
    }
    if (resp.status >= 500)
        log_msg(LOG_WARN, "%s %s: %d", method, url, resp.status);
    else
        log_msg(LOG_DEBUG, "%s %s: %d", method, url, resp.status);
    return send_response(c, &resp, srv->cert != NULL);
}

/* deadline_of - the connection's deadline slot (its socket context) */
static void *deadline_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c,
                                                                MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return i ? i->socket_context : NULL;
}

/* on_connection - MHD's connection notice: a deadline slot from accept to close */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    server *srv = cls;
    if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        deadline_end(srv->deadlines, *socket_context);
        *socket_context = NULL;
        return;
    }
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c,
                                                                MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context = i ? deadline_start(srv->deadlines, i->connect_fd) : NULL;
    if (i && *socket_context == NULL) /* more connections than slots: none unwatched */
        shutdown(i->connect_fd, SHUT_RDWR);
}

/* on_request - MHD access handler: set up, take the body, answer */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    server *srv = cls;
    request_state *st = *con_cls;
    const char *length = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (st == NULL) /* the headers are in */
        deadline_phase(srv->deadlines, deadline_of(c), DEADLINE_BODY);
    if (st == NULL && length && strtoull(length, NULL, 10) > MAX_BODY) {
        /* refused before a byte of the body is read; MHD then closes the connection */
        web_response resp;
        memset(&resp, 0, sizeof resp);
        web_error(&resp, 413, strncmp(url, "/api/", 5) == 0, "the request is larger than %d bytes",
                  MAX_BODY);
        deadline_phase(srv->deadlines, deadline_of(c), DEADLINE_ANSWER);
        return send_response(c, &resp, srv->cert != NULL);
    }
    if (st == NULL) {
        st = g_new0(request_state, 1);
        st->names = g_ptr_array_new_with_free_func(g_free);
        st->values = g_ptr_array_new();
        if (strcmp(method, "POST") == 0)
            st->pp = MHD_create_post_processor(c, 16384, collect_post, st);
        *con_cls = st;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        st->body += *upload_data_size;
        if (st->body > MAX_BODY)
            st->too_large = 1;
        else if (st->pp)
            MHD_post_process(st->pp, upload_data, *upload_data_size);
        else if (st->names->len == 0) /* a plain-text body: the list of names itself */
            add_param(st, "names", upload_data, *upload_data_size);
        else
            g_string_append_len(g_ptr_array_index(st->values, 0), upload_data,
                                (gssize)*upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    deadline_phase(srv->deadlines, deadline_of(c), DEADLINE_ANSWER);
    return answer(srv, c, url, method, st);
}

/* on_completed - free the request's state; the next request's headers are awaited */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    deadline_phase(((server *)cls)->deadlines, deadline_of(c), DEADLINE_HEADERS);
    request_state *st = *con_cls;
    if (st == NULL)
        return;
    if (st->pp)
        MHD_destroy_post_processor(st->pp);
    for (guint i = 0; i < st->values->len; i++)
        g_string_free(g_ptr_array_index(st->values, i), TRUE);
    g_ptr_array_free(st->values, TRUE);
    g_ptr_array_free(st->names, TRUE);
    g_free(st);
    *con_cls = NULL;
}

/* mhd_log - libmicrohttpd's messages into our log */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char *msg = g_strdup_vprintf(fmt, ap);
    log_msg(LOG_WARN, "http: %s", g_strstrip(msg));
    g_free(msg);
}

/* parse_listen - "host:port" or "[v6]:port" into an address; host kept for the Host check */
static int parse_listen(const char *listen, server *srv, struct sockaddr_storage *addr, char **err)
{
    const char *colon = strrchr(listen, ':');
    const char *host = listen, *end = colon;
    if (listen[0] == '[') {
        host = listen + 1;
        end = strchr(listen, ']');
        if (end == NULL || end[1] != ':')
            return dk_fail(err, "cannot understand the address '%s' (use [::1]:8080)", listen);
        colon = end + 1;
    }
    if (colon == NULL || colon == listen || colon[1] == '\0' ||
        (size_t)(end - host) >= sizeof srv->host)
        return dk_fail(err, "cannot understand the address '%s' (use 127.0.0.1:8080)", listen);
    memcpy(srv->host, host, (size_t)(end - host));
    srv->host[end - host] = '\0';
    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV},
                    *res = NULL;
    int rc = getaddrinfo(srv->host, colon + 1, &hints, &res);
    if (rc != 0)
        return dk_fail(err, "cannot use the address '%s': %s", listen, gai_strerror(rc));
    memcpy(addr, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
}

/* load_tls - read the certificate and key (PEM) for MHD */
static int load_tls(const web_config *cfg, server *srv, char **err)
{
    if (cfg->tls_cert == NULL && cfg->tls_key == NULL)
        return 0;
    if (cfg->tls_cert == NULL || cfg->tls_key == NULL)
        return dk_fail(err, "HTTPS needs both --tls-cert and --tls-key");
    if (!MHD_is_feature_supported(MHD_FEATURE_TLS))
        return dk_fail(err, "this libmicrohttpd was built without TLS");
    size_t n = 0;
    if (fs_read_all(cfg->tls_cert, &srv->cert, &n, err) != 0)
        return -1;
    if (n > MAX_PEM || fs_read_all(cfg->tls_key, &srv->key, &n, err) != 0 || n > MAX_PEM) {
        if (n > MAX_PEM)
            dk_fail(err, "%s or %s is too large for a PEM file", cfg->tls_cert, cfg->tls_key);
        free(srv->cert);
        free(srv->key);
        srv->cert = srv->key = NULL;
        return -1;
    }
    return 0;
}

/* start - the daemon with our options, TLS ones when there are files */
static struct MHD_Daemon *start(server *srv, const struct sockaddr_storage *addr)
{
    struct MHD_OptionItem tls[] = {
        {srv->cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, srv->cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, srv->key},
        {MHD_OPTION_END, 0, NULL},
    };
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO_INTERNAL_THREAD |
                     MHD_USE_ERROR_LOG | (addr->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0) |
                     (srv->cert ? MHD_USE_TLS : 0);
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER,
                            mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)addr,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)MAX_PER_ADDRESS,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
                            MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
                            MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_ARRAY, tls,
                            MHD_OPTION_END);
}

static int stop_signal; /* what ended the last web_serve */

/* web_stop_signal - the signal that ended the last web_serve */
int web_stop_signal(void)
{
    return stop_signal;
}

/* web_serve - start the daemon, wait for a stop signal, stop it */
int web_serve(const web_config *cfg, char **err)
{
    web_config run = *cfg; /* with the readers this run shares */
    server srv = {.cfg = &run};
    struct sockaddr_storage addr;
    memset(&addr, 0, sizeof addr);
    if (parse_listen(cfg->listen, &srv, &addr, err) != 0 || web_check_exposure(cfg, err) != 0 ||
        load_tls(cfg, &srv, err) != 0)
        return -1;
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* before the threads start: they inherit it */
    signal(SIGPIPE, SIG_IGN);
    /* A thread a connection, but only the turns' worth of them at work: as
     * many malloc arenas, not glibc's eight a core that each keep what their
     * threads freed (a server's peak at 16 clients: 147 MB against 67) */
    (void)mallopt(M_ARENA_MAX, (run.threads > 0 ? run.threads : 1) + WEB_BATCHES_AT_ONCE);
    char *index_dir = fs_join(cfg->data_dir, "index");
    run.readers = index_pool_new(index_dir);
    free(index_dir);
    srv.gate = gate_new(cfg);
    srv.deadlines = deadlines_new(MAX_CONNECTIONS + 64, HEADERS_DEADLINE_S, BODY_DEADLINE_S);
    struct MHD_Daemon *d = start(&srv, &addr);
    int rc = 0;
    if (d == NULL) {
        pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
        rc = dk_fail(err,
                     "cannot listen on %s (in use, not an address of this machine, or a "
                     "certificate and key that do not fit?)",
                     cfg->listen);
    } else {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        unsigned port = info ? info->port : 0;
        char url[300];
        snprintf(url, sizeof url, strchr(srv.host, ':') ? "%s://[%s]:%u/" : "%s://%s:%u/",
                 srv.cert ? "https" : "http", srv.host, port);
        log_msg(LOG_INFO, "web interface at %s (data in %s%s)", url, cfg->data_dir,
                gate_accounts(srv.gate) ? ", accounts on" : ", no accounts: loopback only");
        printf("%s\n", url); /* for scripts and tests that asked for port 0 */
        fflush(stdout);
        const struct timespec second = {.tv_sec = 1};
        int sig;
        while ((sig = sigtimedwait(&stop, NULL, &second)) < 0) {
            int shut = deadline_sweep(srv.deadlines);
            if (shut > 0)
                log_msg(LOG_INFO, "closed %d connection%s too slow to send a request", shut,
                        shut == 1 ? "" : "s");
        }
        log_msg(LOG_INFO, "%s: %s", strsignal(sig),
                sig == SIGHUP ? "starting again with dokaz.conf and the TLS files read anew "
                                "(sessions are kept)"
                              : "stopping the web interface");
        stop_signal = sig;
        MHD_stop_daemon(d);
    }
    gate_free(srv.gate);
    deadlines_free(srv.deadlines);
    index_pool_free(run.readers);
    free(srv.cert);
    free(srv.key);
    return rc;
}
