/*
 * turns.c - how many requests the server works on at once, admitted in the
 * order they came (see web_private.h).
 *
 * A search is CPU work: on two cores, sixteen searches running at once take
 * as long in all as sixteen run two at a time, but each of them ends late,
 * and libmicrohttpd's threads, each serving the connections it accepted,
 * make some clients wait behind many others while others wait behind none.
 * So every connection has a thread of its own to read and write, and the
 * work between a request's last byte and its answer waits for a turn: a
 * ticket, served first come, first served.
 *
 * Functions: turns_new, turns_free, turn_take, turn_give.
 */
#include "web/web_private.h"

#include <assert.h>

struct turns {
    GMutex lock;
    GCond moved;                  /* a turn was taken or given back */
    unsigned long next, admitted; /* tickets given out, tickets let in */
    unsigned running, most;       /* working now, at most */
};

/* turns_new - at most `most` (at least 1) at once */
turns *turns_new(unsigned most)
{
    turns *t = g_new0(turns, 1);
    g_mutex_init(&t->lock);
    g_cond_init(&t->moved);
    t->most = most > 0 ? most : 1;
    return t;
}

/* turns_free - none may be waiting; NULL is fine */
void turns_free(turns *t)
{
    if (t == NULL)
        return;
    assert(t->running == 0 && t->next == t->admitted);
    g_cond_clear(&t->moved);
    g_mutex_clear(&t->lock);
    g_free(t);
}

/* turn_take - wait for every earlier ticket to be let in and for a free turn */
void turn_take(turns *t)
{
    g_mutex_lock(&t->lock);
    unsigned long mine = t->next++;
    while (mine != t->admitted || t->running >= t->most)
        g_cond_wait(&t->moved, &t->lock);
    t->admitted++;
    t->running++;
    g_cond_broadcast(&t->moved); /* the next ticket may be let in too */
    g_mutex_unlock(&t->lock);
}

/* turn_give - the work is done */
void turn_give(turns *t)
{
    g_mutex_lock(&t->lock);
    assert(t->running > 0);
    t->running--;
    g_cond_broadcast(&t->moved);
    g_mutex_unlock(&t->lock);
}
