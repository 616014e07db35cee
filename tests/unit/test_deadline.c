/*
 * test_deadline.c - the web server's absolute deadlines per connection
 * (web/deadline.c) on real sockets: a connection waiting too long for its
 * headers, or for its body, is shut down once, however recently it sent a
 * byte; one being answered is not; the table is bounded, and a slot given
 * back starts afresh for the next connection; a slot whose descriptor now
 * names another socket does not cut that socket.
 */
#include "web/web_private.h"
#include "testutil.h"

#include <check.h>
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

/* shut - 1 if the peer of fd was shut down (EOF), 0 if it is still open */
static int shut(int fd)
{
    char c;
    ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);
    if (n < 0)
        ck_assert_msg(errno == EAGAIN || errno == EWOULDBLOCK, "recv: %s", g_strerror(errno));
    return n == 0;
}

START_TEST(deadlines_cut_the_slow)
{
    int a[2], b[2], c[2];
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, a), 0);
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, b), 0);
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, c), 0);
    deadlines *d = deadlines_new(2, 1, 2); /* headers in 1 s, a body in 2 */
    void *ha = deadline_start(d, a[0]), *hb = deadline_start(d, b[0]);
    ck_assert_ptr_nonnull(ha);
    ck_assert_ptr_nonnull(hb);
    ck_assert_ptr_null(deadline_start(d, c[0])); /* two slots, both taken */
    deadline_phase(d, hb, DEADLINE_BODY);
    deadline_phase(d, hb, DEADLINE_ANSWER); /* being answered: no deadline */
    ck_assert_int_eq(deadline_sweep(d), 0);
    usleep(1200 * 1000);
    ck_assert_int_eq(deadline_sweep(d), 1);
    ck_assert(shut(a[1]));
    ck_assert(!shut(b[1]));
    deadline_phase(d, ha, DEADLINE_HEADERS); /* a cut one stays cut, */
    ck_assert_int_eq(deadline_sweep(d), 0);  /* and is shut once */
    /* the slot given back serves the next connection, its clock new */
    deadline_end(d, ha);
    void *hc = deadline_start(d, c[0]);
    ck_assert_ptr_eq(hc, ha);
    deadline_phase(d, hc, DEADLINE_BODY);
    usleep(1200 * 1000);
    ck_assert_int_eq(deadline_sweep(d), 0); /* a body may take 2 s */
    ck_assert(!shut(c[1]));
    usleep(1000 * 1000);
    ck_assert_int_eq(deadline_sweep(d), 1);
    ck_assert(shut(c[1]));
    ck_assert(!shut(b[1]));
    deadline_end(d, hb);
    deadline_end(d, hc);
    deadline_end(d, NULL);
    deadlines_free(d);
    for (int i = 0; i < 2; i++) {
        close(a[i]);
        close(b[i]);
        close(c[i]);
    }
}
END_TEST

/* a descriptor closed while its slot is still taken, its number given to
 * another socket: the sweep leaves that socket alone */
START_TEST(deadlines_spare_a_reused_number)
{
    int a[2], e[2];
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, a), 0);
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, e), 0);
    deadlines *d = deadlines_new(1, 1, 1);
    void *h = deadline_start(d, a[0]);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(dup2(e[0], a[0]), a[0]); /* a[0] closed, its number now e's socket */
    usleep(1200 * 1000);
    ck_assert_int_eq(deadline_sweep(d), 0);
    ck_assert(!shut(e[1]));
    deadline_end(d, h);
    deadlines_free(d);
    for (int i = 0; i < 2; i++) {
        close(a[i]);
        close(e[i]);
    }
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("deadline");
    TCase *tc = tcase_create("deadline");
    tcase_add_test(tc, deadlines_cut_the_slow);
    tcase_add_test(tc, deadlines_spare_a_reused_number);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
