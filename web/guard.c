/*
 * guard.c - what a request must be before anything else looks at it, and
 * where the server may listen (see web_check_exposure in web.h).
 *
 * The Host header must be one, and name this server: localhost, an address
 * literal (reaching us by address is no DNS rebinding), the address we listen
 * on, the machine's host name or --server-name. A browser's POST must come
 * from our own pages: Sec-Fetch-Site same-origin (or none: typed by the
 * user), or from a browser without it an Origin equal to ours; so that no
 * page elsewhere can make a visitor's browser post a form or a text/plain
 * body to us. Clients that are no browser (curl, scripts) send neither.
 *
 * Functions: guard_host, guard_same_origin, guard_loopback, web_check_exposure.
 */
#include "web/web_private.h"
#include "common/error.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* same_name - the first n bytes of host are `name` (ignoring case) */
static int same_name(const char *host, size_t n, const char *name)
{
    return name && *name && strlen(name) == n && strncasecmp(host, name, n) == 0;
}

/* address_literal - the n bytes are an IPv4 address or a bracketed IPv6 one */
static int address_literal(const char *host, size_t n)
{
    char buf[64];
    unsigned char addr[16];
    if (n < 2 || n >= sizeof buf)
        return 0;
    if (host[0] == '[') {
        memcpy(buf, host + 1, n - 2);
        buf[n - 2] = '\0';
        return host[n - 1] == ']' && inet_pton(AF_INET6, buf, addr) == 1;
    }
    memcpy(buf, host, n);
    buf[n] = '\0';
    return inet_pton(AF_INET, buf, addr) == 1;
}

/* guard_host - one of the names above, with or without a port */
int guard_host(const char *listen_host, const char *server_name, const char *host)
{
    if (host == NULL || *host == '\0')
        return 0;
    size_t n = host[0] == '[' ? strcspn(host, "]") + 1 : strcspn(host, ":");
    if (n > strlen(host) ||
        (host[n] != '\0' && (host[n] != ':' || host[n + 1] == '\0' ||
                             strspn(host + n + 1, "0123456789") != strlen(host + n + 1))))
        return 0;
    char machine[256] = "";
    if (gethostname(machine, sizeof machine - 1) != 0)
        machine[0] = '\0';
    char bracketed[260];
    snprintf(bracketed, sizeof bracketed, strchr(listen_host, ':') ? "[%s]" : "%s", listen_host);
    return same_name(host, n, "localhost") || address_literal(host, n) ||
           same_name(host, n, bracketed) || same_name(host, n, server_name) ||
           same_name(host, n, machine);
}

/* guard_same_origin - Sec-Fetch-Site when the browser sends it (ours sends
 * "Origin: null", under Referrer-Policy no-referrer), else Origin */
int guard_same_origin(int tls, const char *host, const char *origin, const char *fetch_site)
{
    if (fetch_site)
        return strcmp(fetch_site, "same-origin") == 0 || strcmp(fetch_site, "none") == 0;
    if (origin == NULL)
        return 1;
    const char *scheme = tls ? "https://" : "http://";
    size_t k = strlen(scheme);
    return host && strncmp(origin, scheme, k) == 0 && strcasecmp(origin + k, host) == 0;
}

/* guard_loopback - 127.0.0.0/8, ::1 or localhost */
int guard_loopback(const char *host)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (strcmp(host, "localhost") == 0)
        return 1;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    return inet_pton(AF_INET6, host, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

/* web_check_exposure - beyond loopback: TLS and an enabled account */
int web_check_exposure(const web_config *cfg, char **err)
{
    const char *l = cfg->listen, *colon = strrchr(l, ':');
    char host[256] = "";
    size_t n = colon ? (size_t)(colon - l) : strlen(l);
    if (l[0] == '[' && n >= 2) {
        l++;
        n -= 2;
    }
    if (n >= sizeof host)
        return dk_fail(err, "cannot understand the address '%s'", cfg->listen);
    memcpy(host, l, n);
    host[n] = '\0';
    if (guard_loopback(host))
        return 0;
    if (cfg->tls_cert == NULL || cfg->tls_key == NULL)
        return dk_fail(err,
                       "%s is reachable from other machines: give --tls-cert FILE and "
                       "--tls-key FILE (HTTPS), and add accounts with 'dokaz user add NAME "
                       "--role admin', or listen on 127.0.0.1",
                       cfg->listen);
    char *path = auth_db_path(cfg->data_dir), *why = NULL;
    auth_db db;
    int enabled = 0;
    if (auth_db_load(path, &db, &why) == 0) {
        for (size_t i = 0; i < db.nusers; i++)
            enabled += !db.users[i].disabled && *db.users[i].password;
        auth_db_clear(&db);
    }
    free(path);
    if (enabled == 0) {
        int rc = dk_fail(err,
                         "%s is reachable from other machines, and nobody could log in%s%s: "
                         "add an account with 'dokaz user add NAME --role admin'",
                         cfg->listen, why ? ": " : "", why ? why : "");
        free(why);
        return rc;
    }
    return 0;
}
