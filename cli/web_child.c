/*
 * web_child.c - starting and stopping the web interface beside the service
 * (see web_child.h).
 *
 * The supervisor reaps every child with waitpid(-1), workers or not, and
 * logs the end of a child that is not a worker; so by the time we stop the
 * web server it may be gone and its pid free for another process. A pidfd
 * names the process itself, so a stop signal can never hit a stranger.
 *
 * Functions: web_child_spawn, web_child_start, web_child_stop.
 */
#include "web_child.h"
#include "common/error.h"
#include "common/log.h"

#include <glib.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

enum { STOP_WAIT_MS = 5000 };

/* web_child_spawn - fork + exec ourselves with args */
int web_child_spawn(web_child *child, const char *const *args, const char *what, char **err)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    child->pid = 0;
    child->pidfd = -1;
    if (n <= 0)
        return dk_fail_errno(err, "cannot find the dokaz executable");
    exe[n] = '\0';
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        return dk_fail_errno(err, "cannot start %s", what);
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(0);
        char *argv[16];
        int argc = 0;
        argv[argc++] = "dokaz";
        for (; args[argc - 1] != NULL && argc < 15; argc++)
            argv[argc] = (char *)args[argc - 1];
        argv[argc] = NULL;
        execv(exe, argv);
        fprintf(stderr, "dokaz: cannot run %s %s: %s\n", exe, args[0], strerror(errno));
        _exit(127);
    }
    child->pid = pid;
    child->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    log_msg(LOG_INFO, "%s starting (pid %ld)", what, (long)pid);
    return 0;
}

/* web_child_start - `dokaz serve`, with the TLS files when cfg has them */
int web_child_start(web_child *child, const web_config *cfg, int verbose, char **err)
{
    const char *args[12] = {"serve", "--data", cfg->data_dir, "--listen", cfg->listen};
    int k = 5;
    if (cfg->tls_cert && cfg->tls_key) {
        args[k++] = "--tls-cert";
        args[k++] = cfg->tls_cert;
        args[k++] = "--tls-key";
        args[k++] = cfg->tls_key;
    }
    if (verbose)
        args[k++] = "--verbose";
    char *what = g_strdup_printf("web interface on %s", cfg->listen);
    int rc = web_child_spawn(child, args, what, err);
    g_free(what);
    return rc;
}

/* send_signal - through the pidfd when there is one */
static void send_signal(const web_child *child, int sig)
{
    if (child->pidfd >= 0)
        syscall(SYS_pidfd_send_signal, child->pidfd, sig, NULL, 0);
    else
        kill(child->pid, sig);
}

/* web_child_stop - ask, wait, insist, reap */
void web_child_stop(web_child *child)
{
    if (child->pid <= 0)
        return;
    send_signal(child, SIGTERM);
    if (child->pidfd >= 0) {
        struct pollfd p = {.fd = child->pidfd, .events = POLLIN};
        if (poll(&p, 1, STOP_WAIT_MS) == 0) {
            log_msg(LOG_WARN, "child %ld did not stop within %d s: killing it", (long)child->pid,
                    STOP_WAIT_MS / 1000);
            send_signal(child, SIGKILL);
        }
        close(child->pidfd);
    }
    int status;
    while (waitpid(child->pid, &status, 0) < 0 && errno == EINTR)
        ;
    child->pid = 0;
    child->pidfd = -1;
}
