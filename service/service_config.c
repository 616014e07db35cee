/*
 * service_config.c - what the service starts from (see service.h): the
 * default configuration, the data directory's lock, and the check that no
 * inbox would make dokaz receive its own records; the default limits against
 * hostile containers (process.h), here and not beside process_item so that a
 * command that only reads the configuration (`status`, `search`) does not
 * link the extractors.
 *
 * Functions: process_default_limits, service_default_config, service_lock, check_inboxes.
 */
#include "supervisor_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* process_default_limits - depth 10, 10000 members, 20 GiB, ratio 100 */
void process_default_limits(process_limits *limits)
{
    limits->max_depth = 10;
    limits->max_members = 250000;
    limits->max_expanded = 20LL << 30;
    limits->max_ratio = 100;
}

/* service_default_config - one worker per core, bel+rus+eng */
void service_default_config(service_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg->workers = cores > 0 ? (int)cores : 1;
    cfg->langs = "bel+rus+eng";
    cfg->job_timeout_s = 1800;
    cfg->worker_memory_mb = 4096;
    cfg->settle_ms = 1000;
    cfg->log_level = LOG_INFO;
    process_default_limits(&cfg->limits);
}

/* service_lock - flock DATA/service.lock, remembering our pid in it */
int service_lock(const char *data_dir, char **err)
{
    char *path = fs_join(data_dir, "service.lock");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        dk_fail_errno(err, "cannot open %s", path);
        free(path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        dk_fail(err, "another dokaz process%s%s is processing %s", *pid ? " (pid " : "",
                *pid ? strcat(pid, ")") : "", data_dir);
        close(fd);
        free(path);
        return -1;
    }
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len)
        log_msg(LOG_WARN, "cannot write the pid into %s", path);
    free(path);
    return fd;
}

/* path_within - 1 if `path` is `dir` or below it (both canonical) */
static int path_within(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/' || n == 1);
}

/* check_inboxes - an inbox must not hold the data directory, nor lie inside it
 * except under DATA/inbox: dokaz would otherwise receive its own records */
int check_inboxes(const service_config *cfg, char **err)
{
    char *data = realpath(cfg->data_dir, NULL);
    if (data == NULL)
        return dk_fail_errno(err, "cannot resolve %s", cfg->data_dir);
    char *own = fs_join(data, "inbox");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < cfg->ninboxes; i++) {
        char *inbox = NULL;
        if (fs_mkdirs(cfg->inboxes[i], 0755, err) != 0 ||
            (inbox = realpath(cfg->inboxes[i], NULL)) == NULL)
            rc = -1;
        else if (path_within(data, inbox))
            rc = dk_fail(err,
                         "the inbox %s contains the data directory %s: dokaz would "
                         "receive its own store; use another folder",
                         inbox, data);
        else if (path_within(inbox, data) && !path_within(inbox, own))
            rc = dk_fail(err,
                         "the inbox %s is inside the data directory; use %s or a folder "
                         "outside %s",
                         inbox, own, data);
        free(inbox);
    }
    free(own);
    free(data);
    return rc;
}
