/*
 * scratch.c - what a dead worker leaves behind: its scratch directory
 * (DATA/cache/work/worker-PID: LibreOffice's profile, a half-made PDF) and
 * a converter still running in its own process group (see
 * supervisor_private.h), and the socket a killed LibreOffice leaves in /tmp.
 *
 * A worker killed with SIGKILL for its job's time has no exit path: the
 * LibreOffice it started kills its direct child through PR_SET_PDEATHSIG,
 * but soffice.bin, a grandchild, would go on converting. The worker names
 * the converter's group in EXTRACT_CONVERTER_PGID (extract.h); once the
 * worker is reaped, that group is killed and the directory removed. At
 * start the same is done for every worker directory whose process is gone
 * (a supervisor killed too). A group is killed only while a process in it
 * is still a LibreOffice one, so a recycled id is never hit.
 *
 * Functions: scratch_reap, scratch_clean.
 */
#include "supervisor_private.h"
#include "extract/extract.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* is_converter - does a process of group pgid run LibreOffice? (/proc) */
static int is_converter(long pgid)
{
    DIR *proc = opendir("/proc");
    struct dirent *de;
    int found = 0;
    while (!found && proc != NULL && (de = readdir(proc)) != NULL) {
        char path[64], stat[512] = "";
        snprintf(path, sizeof path, "/proc/%.20s/stat", de->d_name);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            continue;
        size_t n = fread(stat, 1, sizeof stat - 1, f);
        fclose(f);
        stat[n] = '\0';
        /* "pid (comm) state ppid pgrp ...": comm may hold spaces, the last ')' ends it */
        const char *close = strrchr(stat, ')');
        long group = -1;
        if (close != NULL && sscanf(close + 1, " %*c %*d %ld", &group) == 1 && group == pgid)
            found = strstr(stat, "(soffice") != NULL || strstr(stat, "(oosplash") != NULL;
    }
    if (proc != NULL)
        closedir(proc);
    return found;
}

/* scratch_reap - kill the converter group worker `pid` named, remove its directory */
void scratch_reap(const char *data_dir, long pid)
{
    char *dir = proto_scratch_dir(data_dir, pid);
    char *file = fs_join(dir, EXTRACT_CONVERTER_PGID), *text = NULL;
    long pgid = 0;
    if (g_file_get_contents(file, &text, NULL, NULL) && sscanf(text, "%ld", &pgid) == 1 &&
        pgid > 1 && is_converter(pgid)) {
        kill((pid_t)-pgid, SIGKILL);
        log_msg(LOG_WARN, "the converter (process group %ld) of dead worker %ld was killed", pgid,
                pid);
    }
    extract_converter_cleanup(dir); /* its socket in /tmp, when it was killed */
    g_free(text);
    fs_remove_tree(dir);
    free(file);
    free(dir);
}

/* scratch_clean - scratch_reap each worker directory whose process is gone */
size_t scratch_clean(const char *data_dir)
{
    char *work = fs_join(data_dir, PROTO_SCRATCH_PARENT);
    DIR *d = opendir(work);
    struct dirent *de;
    size_t removed = 0;
    while (d != NULL && (de = readdir(d)) != NULL) {
        char *end = NULL;
        if (strncmp(de->d_name, PROTO_SCRATCH_PREFIX, strlen(PROTO_SCRATCH_PREFIX)) != 0)
            continue;
        long pid = strtol(de->d_name + strlen(PROTO_SCRATCH_PREFIX), &end, 10);
        if (pid <= 0 || *end != '\0' || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* not a worker's, or its process (or one with its id) lives */
        scratch_reap(data_dir, pid);
        removed++;
    }
    if (d != NULL)
        closedir(d);
    free(work);
    return removed;
}
