/*
 * web_config.c - the web server's default configuration (see web.h), apart
 * from the server, so that a command that only reads the configuration
 * (`dokaz status`, `search`) links none of the web interface.
 *
 * Functions: web_default_config.
 */
#include "web/web.h"

#include <string.h>

/* web_default_config - loopback only: the collection is sensitive */
void web_default_config(web_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->listen = "127.0.0.1:8080";
    cfg->threads = 4;
    cfg->session_idle_s = 1800;
    cfg->batch_time_s = 30;
}
