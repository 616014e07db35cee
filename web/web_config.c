/*
 * web_config.c - the web server's default configuration (see web.h), apart
 * from the server, so that a command that only reads the configuration
 * (`dokaz status`, `search`) links none of the web interface.
 *
 * Functions: web_default_config.
 */
#include "web/web.h"

#include <string.h>
#include <unistd.h>

/* web_default_config - loopback only: the collection is sensitive */
void web_default_config(web_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->listen = "127.0.0.1:8080";
    long cores = sysconf(_SC_NPROCESSORS_ONLN); /* two a core: one may wait on a disk */
    cfg->threads = cores > 1 ? (int)(cores < 32 ? 2 * cores : 64) : 2;
    cfg->session_idle_s = 1800;
    cfg->batch_time_s = 30;
}
