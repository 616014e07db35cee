/*
 * web_child.h - the child processes `dokaz watch` runs beside the service:
 * the web interface (`dokaz serve`) and the scheduled verification (`dokaz
 * verify --every`), started before the service and stopped after.
 */
#ifndef DOKAZ_CLI_WEB_CHILD_H
#define DOKAZ_CLI_WEB_CHILD_H

#include "web/web.h"

#include <sys/types.h>

typedef struct {
    pid_t pid; /* 0 when not running */
    int pidfd; /* signals reach this very process even after it was reaped; -1 if none */
} web_child;

/* web_child_spawn - run `dokaz ARGS...` (NULL-terminated, at most 14) as a
 * child that ends by itself should this process die; `what` names it in logs */
int web_child_spawn(web_child *child, const char *const *args, const char *what, char **err);

/* web_child_start - run `dokaz serve --data DATA --listen ADDR` (with the TLS
 * files, if cfg has them); it ends by itself should this process die
 * (PR_SET_PDEATHSIG) */
int web_child_start(web_child *child, const web_config *cfg, int verbose, char **err);

/* web_child_stop - SIGTERM, wait up to a few seconds, then SIGKILL; reap it
 * (if the supervisor has not reaped it already) */
void web_child_stop(web_child *child);

#endif
