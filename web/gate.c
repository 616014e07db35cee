/*
 * gate.c - who may come in: the server's accounts, sessions, log-in limiter
 * and batch slots (see web_private.h).
 *
 * The users file is read again whenever it changes (its inode, size or time:
 * `dokaz user` replaces it by a rename), so that a user disabled or a token
 * revoked on the command line stops working at the next request, without a
 * restart. A session names its user; every request looks the user up again,
 * so a session ends with its user's account; a new password ends the user's
 * sessions. Sessions are kept in DATA/sessions.json (auth_sessions_keep), so
 * that a restart or a reload (SIGHUP) of the server logs nobody out.
 *
 * Functions: gate_new, gate_free, gate_accounts, gate_identify, gate_login,
 * gate_logout, gate_batch_begin, gate_batch_end, gate_turns,
 * web_user_clear, web_user_collections.
 */
#include "web/web_private.h"
#include "common/log.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SESSION_MAX_S (12L * 3600) /* the absolute time-out */
#define LOGIN_FAILURES 10          /* failed log-ins allowed per account and address... */
#define LOGIN_WINDOW_S (15L * 60)  /* ...within this long */

struct web_gate {
    GMutex lock; /* db, seen, batches */
    char *path;
    auth_db db;
    struct stat seen; /* the users file as last read */
    int tls;
    auth_sessions *sessions;
    auth_limiter *limiter;
    GHashTable *batches; /* user name -> 1 while their batch runs */
    turns *work, *batch; /* see gate_turns */
};

/* gate_new - nothing read yet */
web_gate *gate_new(const web_config *cfg)
{
    web_gate *g = g_new0(web_gate, 1);
    g_mutex_init(&g->lock);
    g->path = auth_db_path(cfg->data_dir);
    g->tls = cfg->tls_cert != NULL;
    g->sessions = auth_sessions_new(cfg->session_idle_s > 0 ? cfg->session_idle_s : 1800,
                                    SESSION_MAX_S);
    char *kept = g_build_filename(cfg->data_dir, AUTH_SESSIONS_FILE, NULL), *err = NULL;
    if (auth_sessions_keep(g->sessions, kept, (long long)time(NULL), &err) != 0) {
        log_msg(LOG_WARN, "%s: everyone logs in again", err);
        free(err);
    }
    g_free(kept);
    g->limiter = auth_limiter_new(LOGIN_FAILURES, LOGIN_WINDOW_S);
    g->batches = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g->work = turns_new(cfg->threads > 0 ? (unsigned)cfg->threads : 1);
    g->batch = turns_new(WEB_BATCHES_AT_ONCE);
    return g;
}

/* gate_free - NULL is fine */
void gate_free(web_gate *g)
{
    if (g == NULL)
        return;
    auth_db_clear(&g->db);
    auth_sessions_free(g->sessions);
    auth_limiter_free(g->limiter);
    g_hash_table_destroy(g->batches);
    turns_free(g->work);
    turns_free(g->batch);
    g_mutex_clear(&g->lock);
    free(g->path);
    g_free(g);
}

/* end_changed - end the sessions of users whose password changed between
 * two readings of the file (locked: gate, then sessions) */
static void end_changed(web_gate *g, const auth_db *before, const auth_db *after)
{
    for (size_t i = 0; i < after->nusers; i++) {
        const auth_user *old = auth_db_user(before, after->users[i].name);
        if (old && strcmp(old->password, after->users[i].password) != 0)
            auth_sessions_end_user(g->sessions, old->name);
    }
}

/* refresh - read the users file again if it changed (locked). A file that
 * cannot be read leaves nobody in: better closed than open. */
static void refresh(web_gate *g)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    if (stat(g->path, &st) != 0)
        memset(&st, 0, sizeof st);
    if (st.st_ino == g->seen.st_ino && st.st_size == g->seen.st_size &&
        st.st_mtim.tv_sec == g->seen.st_mtim.tv_sec &&
        st.st_mtim.tv_nsec == g->seen.st_mtim.tv_nsec && st.st_mode == g->seen.st_mode)
        return;
    char *err = NULL;
    auth_db fresh;
    int ok = auth_db_load(g->path, &fresh, &err) == 0;
    if (ok)
        end_changed(g, &g->db, &fresh);
    auth_db_clear(&g->db);
    if (!ok) {
        log_msg(LOG_WARN, "%s; nobody can log in until it is fixed", err);
        free(err);
        /* one user nobody can be: the server stays closed, not open */
        auth_db_add_user(&g->db, "-", AUTH_READER, NULL, NULL);
        g->db.users[0].disabled = 1;
    } else {
        g->db = fresh;
    }
    g->seen = st;
}

/* gate_accounts - refresh, count */
int gate_accounts(web_gate *g)
{
    g_mutex_lock(&g->lock);
    refresh(g);
    int any = g->db.nusers > 0;
    g_mutex_unlock(&g->lock);
    return any;
}

/* fill - the web_user of an account, without collections (locked) */
static void fill(const auth_user *u, const char *csrf, web_user *user)
{
    g_strlcpy(user->name, u->name, sizeof user->name);
    user->role = u->role;
    g_strlcpy(user->csrf, csrf ? csrf : "", sizeof user->csrf);
    user->collections = NULL;
}

/* web_user_clear - the collections */
void web_user_clear(web_user *user)
{
    g_strfreev(user->collections);
    user->collections = NULL;
}

/* web_user_collections - admins and the operator see everything */
const char *const *web_user_collections(const web_user *user)
{
    if (user == NULL || user->role >= AUTH_ADMIN)
        return NULL;
    static const char *const none[] = {NULL};
    return user->collections ? (const char *const *)user->collections : none;
}

/* gate_identify - the session's user, else the token's */
int gate_identify(web_gate *g, const char *cookie, const char *bearer, web_user *user)
{
    long long now = (long long)time(NULL);
    char name[AUTH_NAME_MAX + 1] = "", csrf[AUTH_ID_HEX + 1] = "";
    int session = cookie && auth_session_find(g->sessions, cookie, now, name, csrf) == 0;
    g_mutex_lock(&g->lock);
    refresh(g);
    const auth_user *u = session ? auth_db_user(&g->db, name) : NULL;
    if (u && u->disabled)
        u = NULL;
    if (u == NULL && bearer)
        u = auth_db_check_token(&g->db, bearer, now);
    if (u) {
        fill(u, session ? csrf : NULL, user);
        user->collections = g_strdupv(u->collections);
    }
    g_mutex_unlock(&g->lock);
    if (session && u == NULL)
        auth_sessions_end_user(g->sessions, name);
    return u ? 0 : -1;
}

/* gate_login - limiter, password, session; the hash is checked outside the
 * lock (it takes a tenth of a second), on a copy of the user's hash */
long gate_login(web_gate *g, const char *name, const char *password, const char *client,
                char *session_id, web_user *user)
{
    long long now = (long long)time(NULL);
    char *by_user = g_strdup_printf("user:%s", name), *by_addr = g_strdup_printf("addr:%s", client);
    long wait = MAX(auth_limiter_wait(g->limiter, by_user, now),
                    auth_limiter_wait(g->limiter, by_addr, now));
    if (wait == 0) {
        g_mutex_lock(&g->lock);
        refresh(g);
        const auth_user *u = auth_db_user(&g->db, name);
        char *hash = g_strdup(u && !u->disabled ? u->password : "");
        web_user who = {0};
        if (u)
            fill(u, NULL, &who);
        g_mutex_unlock(&g->lock);
        if (auth_password_check(hash, password)) {
            auth_limiter_forget(g->limiter, by_user);
            auth_session_start(g->sessions, who.name, now, session_id);
            char csrf[AUTH_ID_HEX + 1];
            auth_session_find(g->sessions, session_id, now, who.name, csrf);
            g_strlcpy(who.csrf, csrf, sizeof who.csrf);
            *user = who;
        } else {
            auth_limiter_fail(g->limiter, by_user, now);
            auth_limiter_fail(g->limiter, by_addr, now);
            wait = -1;
        }
        g_free(hash);
    }
    g_free(by_user);
    g_free(by_addr);
    return wait;
}

/* gate_logout - end the session */
void gate_logout(web_gate *g, const char *cookie)
{
    auth_session_end(g->sessions, cookie);
}

/* gate_batch_begin - a slot for the user's batch: one per user */
int gate_batch_begin(web_gate *g, const char *user)
{
    g_mutex_lock(&g->lock);
    int ok = !g_hash_table_contains(g->batches, user);
    if (ok)
        g_hash_table_add(g->batches, g_strdup(user));
    g_mutex_unlock(&g->lock);
    return ok ? 0 : -1;
}

/* gate_batch_end - give the slot back */
void gate_batch_end(web_gate *g, const char *user)
{
    g_mutex_lock(&g->lock);
    g_hash_table_remove(g->batches, user);
    g_mutex_unlock(&g->lock);
}

/* gate_turns - the batches' or everything else's */
turns *gate_turns(web_gate *g, int batch)
{
    return batch ? g->batch : g->work;
}
