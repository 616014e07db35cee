/*
 * deadline.c - absolute deadlines for a connection's request headers and
 * body (see web_private.h).
 *
 * libmicrohttpd knows only an idle time-out, which every byte restarts: a
 * client that sends one header line a second holds its connection for ever.
 * So the server notes when each connection started waiting for headers (at
 * accept, and again after each answer on a kept-alive connection) and when
 * its headers were complete (then the body is awaited); deadline_sweep,
 * called about once a second, shuts down the socket of every connection that
 * has waited longer than its phase allows. libmicrohttpd then sees the
 * connection end and closes it as usual.
 *
 * The table is fixed (as many slots as the server allows connections) and
 * guarded by one mutex, held also while a closed connection's slot is given
 * back: libmicrohttpd closes the descriptor only after that, so a sweep never
 * shuts a descriptor that has been reused by another connection.
 *
 * Functions: deadlines_new, deadlines_free, deadline_start, deadline_end,
 * deadline_phase, deadline_sweep.
 */
#include "web/web_private.h"

#include <sys/socket.h>
#include <sys/stat.h>

typedef struct {
    int fd;              /* -1: a free slot */
    ino_t socket;        /* the socket fd was when the slot was taken */
    deadline_wait phase; /* what the connection waits for */
    long long since;     /* monotonic microseconds: since when */
} slot;

struct deadlines {
    GMutex lock;
    slot *slots;
    size_t n;
    long long limit[DEADLINE_WAITS]; /* microseconds each phase may last; 0: no limit */
};

/* deadlines_new - n free slots */
deadlines *deadlines_new(size_t n, int header_s, int body_s)
{
    deadlines *d = g_new0(deadlines, 1);
    g_mutex_init(&d->lock);
    d->slots = g_new(slot, n);
    d->n = n;
    for (size_t i = 0; i < n; i++)
        d->slots[i].fd = -1;
    d->limit[DEADLINE_HEADERS] = (long long)header_s * G_USEC_PER_SEC;
    d->limit[DEADLINE_BODY] = (long long)body_s * G_USEC_PER_SEC;
    return d;
}

/* deadlines_free - NULL is fine */
void deadlines_free(deadlines *d)
{
    if (d == NULL)
        return;
    g_mutex_clear(&d->lock);
    g_free(d->slots);
    g_free(d);
}

/* deadline_start - a free slot for the new connection's fd, waiting for
 * headers; NULL when the table is full (then the caller shuts it) */
void *deadline_start(deadlines *d, int fd)
{
    slot *s = NULL;
    g_mutex_lock(&d->lock);
    for (size_t i = 0; i < d->n && s == NULL; i++)
        if (d->slots[i].fd < 0)
            s = &d->slots[i];
    struct stat st;
    if (s) {
        s->fd = fd;
        s->socket = fstat(fd, &st) == 0 ? st.st_ino : 0;
        s->phase = DEADLINE_HEADERS;
        s->since = g_get_monotonic_time();
    }
    g_mutex_unlock(&d->lock);
    return s;
}

/* deadline_end - free the slot (before its descriptor is closed) */
void deadline_end(deadlines *d, void *handle)
{
    if (handle == NULL)
        return;
    g_mutex_lock(&d->lock);
    ((slot *)handle)->fd = -1;
    g_mutex_unlock(&d->lock);
}

/* deadline_phase - the connection waits for something else from now on */
void deadline_phase(deadlines *d, void *handle, deadline_wait phase)
{
    if (handle == NULL)
        return;
    g_mutex_lock(&d->lock);
    slot *s = handle;
    if (s->phase != phase && s->phase != DEADLINE_CUT) {
        s->phase = phase;
        s->since = g_get_monotonic_time();
    }
    g_mutex_unlock(&d->lock);
}

/* still_the_socket - whether the slot's descriptor is still the socket it
 * was taken for. A descriptor is only a number: were one ever closed before
 * its slot was given back, the number could name another socket of this
 * process by now (a client's, a listening one), which a shutdown would cut */
static int still_the_socket(const slot *s)
{
    struct stat st;
    return s->socket != 0 && fstat(s->fd, &st) == 0 && S_ISSOCK(st.st_mode) &&
           st.st_ino == s->socket;
}

/* deadline_sweep - shut the connections past their deadline; how many */
int deadline_sweep(deadlines *d)
{
    int shut = 0;
    long long now = g_get_monotonic_time();
    g_mutex_lock(&d->lock);
    for (size_t i = 0; i < d->n; i++) {
        slot *s = &d->slots[i];
        long long limit = s->fd >= 0 ? d->limit[s->phase] : 0;
        if (limit > 0 && now - s->since > limit && still_the_socket(s) &&
            shutdown(s->fd, SHUT_RDWR) == 0) {
            s->phase = DEADLINE_CUT; /* once is enough */
            shut++;
        }
    }
    g_mutex_unlock(&d->lock);
    return shut;
}
