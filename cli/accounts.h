/*
 * accounts.h - what `dokaz user` and `dokaz token` share: the users file
 * opened under its lock for a change, and a password read from a terminal or
 * standard input.
 */
#ifndef DOKAZ_CLI_ACCOUNTS_H
#define DOKAZ_CLI_ACCOUNTS_H

#include "auth/auth.h"

typedef struct {
    char *path; /* DATA/users.json (malloc'd) */
    int lock;   /* auth_db_lock's */
    auth_db db;
} accounts;

/* accounts_open - lock and load DATA/users.json; prints why it cannot and
 * returns -1 (the data directory must exist) */
int accounts_open(const char *cmd, const char *data_dir, accounts *a);

/* accounts_close - save (when `save`), unlock, free; EXIT_OK or EXIT_FAILED
 * (after printing why) */
int accounts_close(const char *cmd, accounts *a, int save);

/* accounts_read_password - a new password: the first line of standard input
 * (from_stdin), else typed twice at the terminal without echo. Malloc'd, or
 * NULL after printing why. */
char *accounts_read_password(const char *cmd, int from_stdin);

#endif
