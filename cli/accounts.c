/*
 * accounts.c - the users file for `dokaz user` and `dokaz token` (see accounts.h).
 *
 * The whole change (load, change, save) happens under the file's lock, so
 * that two commands, or a command and the admin page, never lose each
 * other's change.
 *
 * Functions: accounts_open, accounts_close, accounts_read_password.
 */
#include "accounts.h"
#include "cli.h"
#include "common/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MIN_PASSWORD 10
#define MAX_PASSWORD 1024

/* accounts_open - lock, load */
int accounts_open(const char *cmd, const char *data_dir, accounts *a)
{
    memset(a, 0, sizeof *a);
    a->lock = -1;
    if (!fs_exists(data_dir)) {
        fprintf(stderr, "dokaz %s: no data directory at %s (give --data DIR)\n", cmd, data_dir);
        return -1;
    }
    char *err = NULL;
    a->path = auth_db_path(data_dir);
    a->lock = auth_db_lock(a->path, &err);
    if (a->lock < 0 || auth_db_load(a->path, &a->db, &err) != 0) {
        fprintf(stderr, "dokaz %s: %s\n", cmd, err ? err : "cannot read the users file");
        free(err);
        auth_db_unlock(a->lock);
        free(a->path);
        return -1;
    }
    return 0;
}

/* accounts_close - save, unlock, free */
int accounts_close(const char *cmd, accounts *a, int save)
{
    char *err = NULL;
    int code = EXIT_OK;
    if (save && auth_db_save(a->path, &a->db, &err) != 0) {
        fprintf(stderr, "dokaz %s: %s\n", cmd, err ? err : "cannot save the users file");
        code = EXIT_FAILED;
    }
    free(err);
    auth_db_unlock(a->lock);
    auth_db_clear(&a->db);
    free(a->path);
    return code;
}

/* read_line - one line from f without its newline (echo off at a terminal) */
static char *read_line(FILE *f, const char *prompt)
{
    struct termios old, quiet;
    int tty = prompt && tcgetattr(fileno(f), &old) == 0;
    if (tty) {
        fputs(prompt, stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fileno(f), TCSAFLUSH, &quiet);
    }
    char *line = malloc(MAX_PASSWORD + 2);
    int ok = line && fgets(line, MAX_PASSWORD + 2, f) != NULL;
    if (tty) {
        tcsetattr(fileno(f), TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!ok) {
        free(line);
        return NULL;
    }
    line[strcspn(line, "\r\n")] = '\0';
    return line;
}

/* accounts_read_password - stdin's first line, or twice at the terminal */
char *accounts_read_password(const char *cmd, int from_stdin)
{
    if (!from_stdin && !isatty(STDIN_FILENO)) {
        fprintf(stderr, "dokaz %s: no terminal to type a password at: give --password-stdin\n",
                cmd);
        return NULL;
    }
    char *pw = read_line(stdin, from_stdin ? NULL : "New password: ");
    if (pw && !from_stdin) {
        char *again = read_line(stdin, "The same again: ");
        int same = again && strcmp(pw, again) == 0;
        free(again);
        if (!same) {
            fprintf(stderr, "dokaz %s: the two passwords differ\n", cmd);
            free(pw);
            return NULL;
        }
    }
    if (pw == NULL || strlen(pw) < MIN_PASSWORD || strlen(pw) > MAX_PASSWORD) {
        fprintf(stderr, "dokaz %s: a password needs %d to %d characters\n", cmd, MIN_PASSWORD,
                MAX_PASSWORD);
        free(pw);
        return NULL;
    }
    return pw;
}
