/*
 * fuzz_http.c - feeds arbitrary requests to the real web server (web_serve,
 * libmicrohttpd) over loopback TCP: what arrives before web_handle, the
 * request target's percent-decoding and query string, the Host check, forms
 * (application/x-www-form-urlencoded) and multipart uploads (the batch
 * page's file field), and the body limit. The server runs in a thread for
 * all the inputs, on an empty data directory. The input is
 * "METHOD\nTARGET\nCONTENT-TYPE\nBODY"; the target frames it as one
 * HTTP/1.1 request with its exact length, so every input gets an answer.
 * Must hold: no crash, leak or undefined behaviour; an answer begins with an
 * HTTP status line (a request line libmicrohttpd cannot read gets none, the
 * connection is closed), and the server keeps accepting connections.
 */
#include "harness.h"
#include "web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static web_config cfg;
static char listen_at[32];
static struct sockaddr_in server_addr;
static int idle_threads = -1; /* this process's threads while no request is served */

/* serve - the server thread: web_serve until the process ends */
static void *serve(void *unused)
{
    (void)unused;
    char *err = NULL;
    if (web_serve(&cfg, &err) != 0) {
        fprintf(stderr, "fuzz_http: %s\n", err);
        abort();
    }
    return NULL;
}

/* free_port - a loopback port nobody uses now */
static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
        getsockname(s, (struct sockaddr *)&a, &len) != 0)
        abort();
    close(s);
    return ntohs(a.sin_port);
}

/* exchange - send the request, read the answer to its end (g_free), NULL
 * with errno set when the server cannot be reached */
static GString *exchange(const char *request, size_t len)
{
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0 || connect(s, (struct sockaddr *)&server_addr, sizeof server_addr) != 0) {
        int why = errno;
        if (s >= 0)
            close(s);
        errno = why;
        return NULL;
    }
    struct timeval timeout = {.tv_sec = 10};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    GString *answer = g_string_new(NULL);
    size_t sent = 0;
    while (sent < len) {
        ssize_t n = send(s, request + sent, len - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += (size_t)n;
    }
    char buf[4096];
    ssize_t n;
    while ((n = recv(s, buf, sizeof buf, 0)) > 0)
        g_string_append_len(answer, buf, n);
    /* end with a reset: tens of thousands of connections in TIME_WAIT would
     * use up the loopback's ports within a minute */
    struct linger reset = {.l_onoff = 1, .l_linger = 0};
    setsockopt(s, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    close(s);
    return answer;
}

/* thread_count - this process's threads now */
static int thread_count(void)
{
    GDir *tasks = g_dir_open("/proc/self/task", 0, NULL);
    if (tasks == NULL)
        abort();
    int n = 0;
    while (g_dir_read_name(tasks) != NULL)
        n++;
    g_dir_close(tasks);
    return n;
}

/* connections_ended - wait (at most 2 s) until no thread is left of the
 * server's connections, as few threads as when it was idle. The leak check
 * libFuzzer runs after an input must not overlap the end of a connection's
 * thread: GLib frees the memory it keeps a thread (its slice allocator's)
 * in a thread-exit destructor, which the leak checker, counting the thread
 * as gone already, reports as lost. */
static void connections_ended(void)
{
    int n = thread_count();
    for (int i = 0; i < 2000 && n > idle_threads; i++) {
        usleep(1000);
        n = thread_count();
    }
    idle_threads = n; /* a thread that stays is not a connection's (persons in the background) */
}

/* LLVMFuzzerInitialize - start the server and wait until it answers */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    int port = free_port();
    snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", port);
    web_default_config(&cfg);
    cfg.data_dir = fuzz_data_dir("http");
    cfg.listen = listen_at;
    cfg.threads = 1;
    server_addr = (struct sockaddr_in){.sin_family = AF_INET,
                                       .sin_port = htons((uint16_t)port),
                                       .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    pthread_t thread;
    if (pthread_create(&thread, NULL, serve, NULL) != 0)
        abort();
    pthread_detach(thread);
    for (int i = 0; i < 500; i++) {
        const char ping[] = "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        GString *a = exchange(ping, sizeof ping - 1);
        int up = a != NULL && a->len > 0;
        if (a != NULL)
            g_string_free(a, TRUE);
        if (up)
            return 0;
        usleep(10 * 1000);
    }
    abort();
}

/* next_line - the text up to '\n' (CRs dropped: they would end the line for
 * HTTP), *rest after it; "" at the end */
static char *next_line(char **rest)
{
    char *line = *rest, *nl = strchr(line, '\n');
    if (nl != NULL) {
        *nl = '\0';
        *rest = nl + 1;
    } else {
        *rest = line + strlen(line);
    }
    char *out = line;
    for (char *p = line; *p; p++)
        if (*p != '\r')
            *out++ = *p;
    *out = '\0';
    return line;
}

/* LLVMFuzzerTestOneInput - one request, framed, answered */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (idle_threads < 0) { /* libFuzzer's threads have started too by now */
        usleep(100 * 1000); /* and the first answer's connection has ended */
        idle_threads = thread_count();
    }
    char *text = fuzz_text(data, size);
    char *rest = text;
    char *method = next_line(&rest), *target = next_line(&rest), *type = next_line(&rest);
    size_t body = size - (size_t)(rest - text); /* the body may hold NULs */
    GString *request = g_string_new(NULL);
    g_string_printf(request, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n",
                    *method ? method : "GET", *target ? target : "/", listen_at);
    if (*type)
        g_string_append_printf(request, "Content-Type: %s\r\n", type);
    g_string_append_printf(request, "Content-Length: %zu\r\n\r\n", body);
    g_string_append_len(request, rest, (gssize)body);
    GString *answer = exchange(request->str, request->len);
    if (answer == NULL) {
        fprintf(stderr, "fuzz_http: the server is gone: %s\n", g_strerror(errno));
        abort();
    }
    /* a request line libmicrohttpd cannot read is closed without an answer */
    if (answer->len > 0 && strncmp(answer->str, "HTTP/1.", 7) != 0) {
        fprintf(stderr, "not an HTTP answer to:\n%s\n", request->str);
        abort();
    }
    g_string_free(answer, TRUE);
    g_string_free(request, TRUE);
    free(text);
    connections_ended();
    return 0;
}
