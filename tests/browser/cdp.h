/*
 * cdp.h - a minimal Chrome DevTools Protocol client for the browser test:
 * headless Chromium started with --remote-debugging-pipe (commands on its
 * fd 3, answers on its fd 4, each message JSON ending in a NUL byte), one
 * page, and the few commands the test needs: navigate, evaluate, screenshot.
 */
#ifndef DOKAZ_TEST_CDP_H
#define DOKAZ_TEST_CDP_H

#include <json-c/json.h>

typedef struct cdp cdp;

/* cdp_launch - start the browser (chromium binary path) with a fresh profile
 * in profile_dir, and one more command-line flag if `flag` is not NULL, and
 * open one page of width x height; NULL with a message on stderr */
cdp *cdp_launch(const char *chromium, const char *profile_dir, int width, int height,
                const char *flag);

/* cdp_close - end the browser and free the client */
void cdp_close(cdp *c);

/* cdp_call - send a command to the page and return its "result" (put it), or NULL
 * after timeout_ms or on an error reply (printed) */
json_object *cdp_call(cdp *c, const char *method, json_object *params, int timeout_ms);

/* cdp_eval - evaluate a JavaScript expression in the page, the value as JSON (put
 * it); promises are awaited */
json_object *cdp_eval(cdp *c, const char *expression);

/* cdp_eval_bool - 1 if the expression is true */
int cdp_eval_bool(cdp *c, const char *expression);

/* cdp_wait - poll an expression until true or timeout_ms; 1 if it became true */
int cdp_wait(cdp *c, const char *expression, int timeout_ms);

/* cdp_goto - navigate and wait until the document is complete */
int cdp_goto(cdp *c, const char *url, int timeout_ms);

/* cdp_screenshot - the page (its full height) as a PNG file */
int cdp_screenshot(cdp *c, const char *path);

#endif
