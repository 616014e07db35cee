/*
 * libreoffice.c - legacy Office and other formats our own readers do not
 * read (.doc .xls .ppt .wpd .wps .pub .vsd), converted to PDF by LibreOffice
 * and read as a born-digital PDF (pdf.c: text layers, images OCRed).
 *
 * LibreOffice runs headless as a child in its own process group, with
 * stdin and stdout on /dev/null and the log, no other descriptor of the
 * worker, its address space limited (LO_MAX_MEMORY_MB, or less when the
 * worker has less), and a user profile of its own under the worker's
 * scratch directory (env->scratch_dir: one worker, one conversion at a
 * time), made fresh with macros disabled (MacroSecurityLevel 3, macro
 * execution off) before its first start. It gets the original through a
 * symbolic link named with the format's extension, so nothing is copied and
 * the original is never opened for writing. When it has not finished
 * within the time limit (LO_TIMEOUT_S, or DOKAZ_CONVERT_TIMEOUT seconds
 * from the environment) its whole process group is killed and the item
 * fails with that reason. The group's id is written to
 * EXTRACT_CONVERTER_PGID in the scratch directory while it runs: a worker
 * killed for its job's time (SIGKILL, no exit path of its own) leaves
 * soffice.bin, a grandchild PR_SET_PDEATHSIG does not reach, and the
 * supervisor kills the group named there. The conversion is recorded as the metadata field
 * "converted_by" ("LibreOffice 7.4.7.2"); the PDF is a derived file: made in
 * the scratch directory, handed to the sink's `derived` (the service keeps it
 * as DATA/items/ab/<sha>.converted.pdf) and deleted after it is read. The
 * original stays the evidence; the PDF is never stored as one. A killed
 * LibreOffice leaves its single-instance socket in /tmp: it is removed.
 *
 * Functions: extract_converter_cleanup.
 */
#include "extract/extract_private.h"

#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROFILE_DIR "libreoffice-profile" /* in the scratch directory */

/* A conversion taking longer than this is killed (DOKAZ_CONVERT_TIMEOUT overrides). */
#define LO_TIMEOUT_S 300
/* What the sink keeps the PDF as. */
#define LO_DERIVED_NAME "converted.pdf"
/* LibreOffice's address space, at most. */
#define LO_MAX_MEMORY_MB 4096

/* The formats, by libmagic's type, with the extension LibreOffice is given. */
static const struct {
    const char *mime, *ext;
} lo_types[] = {
    {"application/msword", "doc"},
    {"application/vnd.ms-excel", "xls"},
    {"application/vnd.ms-powerpoint", "ppt"},
    {"application/vnd.ms-works", "wps"},
    {"application/vnd.wordperfect", "wpd"},
    {"application/x-mspublisher", "pub"},
    {"application/vnd.ms-publisher", "pub"},
    {"application/vnd.visio", "vsd"},
    /* StarOffice and OpenOffice.org 1 (2000-2005): XML in a zip, then binary */
    {"application/vnd.sun.xml.writer", "sxw"},
    {"application/vnd.sun.xml.writer.template", "stw"},
    {"application/vnd.sun.xml.writer.global", "sxg"},
    {"application/vnd.sun.xml.calc", "sxc"},
    {"application/vnd.sun.xml.calc.template", "stc"},
    {"application/vnd.sun.xml.impress", "sxi"},
    {"application/vnd.sun.xml.impress.template", "sti"},
    {"application/vnd.sun.xml.draw", "sxd"},
    {"application/vnd.sun.xml.draw.template", "std"},
    {"application/vnd.stardivision.writer", "sdw"},
    {"application/vnd.stardivision.calc", "sdc"},
    {"application/vnd.stardivision.impress", "sdd"},
    {"application/vnd.stardivision.draw", "sda"},
};

/* Extensions taken from the file's name for a compound file libmagic only
 * calls application/CDFV2 or x-ole-storage. */
static const char *const ole_exts[] = {"doc", "xls", "ppt", "wps", "pub", "vsd"};

/* The fresh profile's settings: macros never run. */
static const char profile_xcu[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
    "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\">"
    "<prop oor:name=\"MacroSecurityLevel\" oor:op=\"fuse\"><value>3</value></prop></item>\n"
    "<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\">"
    "<prop oor:name=\"DisableMacrosExecution\" oor:op=\"fuse\"><value>true</value></prop>"
    "</item>\n"
    "</oor:items>\n";

/* name_ext - the file name's extension if it is one of ole_exts, else NULL */
static const char *name_ext(const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    for (size_t i = 0; dot && i < sizeof ole_exts / sizeof ole_exts[0]; i++)
        if (g_ascii_strcasecmp(dot + 1, ole_exts[i]) == 0)
            return ole_exts[i];
    return NULL;
}

/* lo_ext - the extension to give LibreOffice, or NULL when it is not ours */
static const char *lo_ext(const extract_input *in)
{
    if (in->mime == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof lo_types / sizeof lo_types[0]; i++)
        if (strcmp(in->mime, lo_types[i].mime) == 0)
            return lo_types[i].ext;
    if (strcmp(in->mime, "application/CDFV2") == 0 ||
        strcmp(in->mime, "application/x-ole-storage") == 0)
        return name_ext(in->name);
    return NULL;
}

/* lo_bid - the legacy types libmagic names */
static int lo_bid(const extract_input *in)
{
    return lo_ext(in) != NULL ? 40 : 0;
}

/* timeout_s - LO_TIMEOUT_S, or DOKAZ_CONVERT_TIMEOUT when it is a positive number */
static int timeout_s(void)
{
    const char *s = getenv("DOKAZ_CONVERT_TIMEOUT");
    char *end = NULL;
    long v = s ? strtol(s, &end, 10) : 0;
    return s && *end == '\0' && v > 0 && v < 86400 ? (int)v : LO_TIMEOUT_S;
}

/* child_exec - in the forked child: own group, limits, descriptors, exec
 * with envp (no return) */
static void child_exec(const char *program, char *const argv[], char *const envp[], int log_fd)
{
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a worker killed for time takes it along */
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull < 0 || dup2(devnull, STDIN_FILENO) < 0 || dup2(log_fd, STDOUT_FILENO) < 0 ||
        dup2(log_fd, STDERR_FILENO) < 0)
        _exit(126);
    struct rlimit mem;
    rlim_t cap = (rlim_t)LO_MAX_MEMORY_MB << 20;
    if (getrlimit(RLIMIT_AS, &mem) == 0 && (mem.rlim_cur == RLIM_INFINITY || mem.rlim_cur > cap)) {
        mem.rlim_cur = cap;
        setrlimit(RLIMIT_AS, &mem);
    }
    closefrom(STDERR_FILENO + 1); /* the worker's pipes and files are not its business */
    execve(program, argv, envp);
    _exit(127);
}

/* run_limited - run argv[0] (found in PATH) with its output in log_path and
 * HOME and TMPDIR in the scratch directory `home` (what it keeps of its own,
 * dconf's cache included, stays there, where a sandboxed worker may write);
 * 0 when it exited 0; -1 with *reason when it could not run, failed, or was
 * killed with its process group after `limit` seconds (*timed_out set) */
static int run_limited(char *const argv[], const char *home, const char *log_path, int limit,
                       bool *timed_out, char **reason)
{
    *timed_out = false;
    char *program = g_find_program_in_path(argv[0]);
    if (program == NULL)
        return dk_fail(reason, "LibreOffice is not installed (no %s in PATH)", argv[0]);
    int log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log_fd < 0) {
        g_free(program);
        return dk_fail_errno(reason, "cannot create %s", log_path);
    }
    char **envp = g_environ_setenv(g_get_environ(), "HOME", home, TRUE);
    envp = g_environ_setenv(envp, "TMPDIR", home, TRUE);
    pid_t pid = fork();
    if (pid == 0)
        child_exec(program, argv, envp, log_fd);
    int saved = errno;
    close(log_fd);
    g_strfreev(envp);
    g_free(program);
    if (pid < 0) {
        errno = saved;
        return dk_fail_errno(reason, "cannot start LibreOffice");
    }
    setpgid(pid, pid); /* either side may get there first */
    char *dir = g_path_get_dirname(log_path);
    char *group_file = g_build_filename(dir, EXTRACT_CONVERTER_PGID, NULL);
    char *group = g_strdup_printf("%ld\n", (long)pid);
    if (!g_file_set_contents(group_file, group, -1, NULL))
        g_clear_pointer(&group_file, g_free); /* unrecorded: only the limit here kills it */
    g_free(group);
    g_free(dir);
    gint64 deadline = g_get_monotonic_time() + (gint64)limit * G_USEC_PER_SEC;
    int status = 0;
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 && g_get_monotonic_time() < deadline)
        g_usleep(20000);
    if (done == 0) {
        *timed_out = true;
        kill(-pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    kill(-pid, SIGKILL); /* anything it left behind in its group */
    for (int i = 0; i < 50 && kill(-pid, 0) == 0; i++)
        g_usleep(20000); /* a second for the group to be gone */
    if (group_file != NULL)
        g_unlink(group_file);
    g_free(group_file);
    if (*timed_out)
        return dk_fail(reason, "LibreOffice did not finish within the limit of %d s: killed",
                       limit);
    if (done < 0)
        return dk_fail_errno(reason, "cannot wait for LibreOffice");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return dk_fail(reason, "LibreOffice failed (%s %d)",
                       WIFEXITED(status) ? "exit status" : "signal",
                       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    return 0;
}

/* version - "LibreOffice 7.4.7.2" from `soffice --version`, asked once (static) */
static const char *version(const char *dir)
{
    static char found[64] = "";
    if (found[0] != '\0')
        return found;
    char *log = g_build_filename(dir, "version.txt", NULL);
    char *argv[] = {"soffice", "--version", NULL};
    bool timed_out = false;
    char *why = NULL, *out = NULL;
    if (run_limited(argv, dir, log, 60, &timed_out, &why) == 0 &&
        g_file_get_contents(log, &out, NULL, NULL)) {
        /* "LibreOffice 7.4.7.2 40(Build:2)", whatever warnings came before it */
        const char *line = g_str_has_prefix(out, "LibreOffice ") ? out
                                                                 : strstr(out, "\nLibreOffice ");
        line += line != NULL && *line == '\n';
        char **words = line ? g_strsplit_set(line, " \n", 3) : NULL;
        if (words && words[0] && words[1])
            g_snprintf(found, sizeof found, "%s %s", words[0], words[1]);
        g_strfreev(words);
    }
    g_free(out);
    free(why);
    g_unlink(log);
    g_free(log);
    return found[0] ? found : "LibreOffice (version unknown)";
}

/* extract_converter_cleanup - (extract.h) LibreOffice's single-instance
 * socket is /tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<MD5 of the profile's URL
 * as UTF-16LE, each byte in hex without a leading zero> (LibreOffice 7.4's
 * desktop/source/app/officeipcthread.cxx; the folder is fixed, /var/tmp when
 * /tmp is not writable, whatever TMPDIR says). It removes it when it exits;
 * killed, it leaves it behind, a file in /tmp for every conversion stopped at
 * its time limit. Only a socket of that name is removed. */
void extract_converter_cleanup(const char *scratch_dir)
{
    char *dir = g_canonicalize_filename(scratch_dir, NULL); /* as lo_run names it */
    char *profile = g_build_filename(dir, PROFILE_DIR, NULL);
    char *url = g_filename_to_uri(profile, NULL, NULL);
    glong units = 0;
    gunichar2 *utf16 = url ? g_utf8_to_utf16(url, -1, NULL, &units, NULL) : NULL;
    GChecksum *md5 = g_checksum_new(G_CHECKSUM_MD5);
    for (glong i = 0; i < units; i++) {
        guchar le[2] = {(guchar)(utf16[i] & 0xff), (guchar)(utf16[i] >> 8)};
        g_checksum_update(md5, le, 2);
    }
    guint8 digest[16];
    gsize len = sizeof digest;
    g_checksum_get_digest(md5, digest, &len);
    GString *name = g_string_new(NULL);
    g_string_printf(name, "OSL_PIPE_%lu_SingleOfficeIPC_", (unsigned long)getuid());
    for (gsize i = 0; i < len; i++)
        g_string_append_printf(name, "%x", digest[i]);
    static const char *const folders[] = {"/tmp", "/var/tmp"};
    for (size_t i = 0; utf16 != NULL && i < G_N_ELEMENTS(folders); i++) {
        char *path = g_build_filename(folders[i], name->str, NULL);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
            g_unlink(path);
        g_free(path);
    }
    g_string_free(name, TRUE);
    g_checksum_free(md5);
    g_free(utf16);
    g_free(url);
    g_free(profile);
    g_free(dir);
}

/* make_profile - the worker's LibreOffice profile, made with macros off
 * when it does not exist yet; its file: URL (g_free) */
static char *make_profile(const char *dir, char **reason)
{
    char *profile = g_build_filename(dir, PROFILE_DIR, NULL);
    char *user = g_build_filename(profile, "user", NULL);
    char *xcu = g_build_filename(user, "registrymodifications.xcu", NULL);
    char *url = NULL;
    GError *gerr = NULL;
    if (g_file_test(xcu, G_FILE_TEST_EXISTS) ||
        (g_mkdir_with_parents(user, 0700) == 0 && g_file_set_contents(xcu, profile_xcu, -1, &gerr)))
        url = g_filename_to_uri(profile, NULL, NULL);
    if (url == NULL)
        dk_fail(reason, "cannot make LibreOffice's profile in %s: %s", profile,
                gerr ? gerr->message : g_strerror(errno));
    g_clear_error(&gerr);
    g_free(xcu);
    g_free(user);
    g_free(profile);
    return url;
}

/* convert - the input as a PDF at *pdf (g_free; the caller deletes it) in dir */
static int convert(const extract_input *in, const char *ext, const char *dir, char **pdf,
                   char **reason)
{
    char *profile = make_profile(dir, reason);
    if (profile == NULL)
        return -1;
    char *base = g_strdup_printf("input.%s", ext);
    char *link = g_build_filename(dir, base, NULL);
    char *outdir = g_build_filename(dir, "converted", NULL);
    char *log = g_build_filename(dir, "libreoffice.log", NULL);
    *pdf = g_build_filename(outdir, "input.pdf", NULL);
    char *env_arg = g_strdup_printf("-env:UserInstallation=%s", profile);
    g_unlink(link);
    g_unlink(*pdf);
    int rc = 0;
    char *target = g_canonicalize_filename(in->path, NULL); /* the link is elsewhere */
    if (symlink(target, link) != 0)
        rc = dk_fail_errno(reason, "cannot link %s for LibreOffice", in->path);
    g_free(target);
    char *argv[] = {"soffice",     "--headless",    "--norestore", "--nologo",
                    "--nodefault", "--nolockcheck", env_arg,       "--convert-to",
                    "pdf",         "--outdir",      outdir,        link,
                    NULL};
    bool timed_out = false;
    if (rc == 0) {
        rc = run_limited(argv, dir, log, timeout_s(), &timed_out, reason);
        extract_converter_cleanup(dir); /* its socket, when it was killed */
    }
    if (rc == 0 && !g_file_test(*pdf, G_FILE_TEST_IS_REGULAR))
        rc = dk_fail(reason, "LibreOffice could not convert the %s file to PDF", ext);
    g_unlink(link);
    g_unlink(log);
    g_free(env_arg);
    g_free(log);
    g_free(outdir);
    g_free(link);
    g_free(base);
    g_free(profile);
    return rc;
}

/* read_pdf - the converted PDF read by the PDF extractor, as this item's pages */
static extract_status read_pdf(const extract_env *env, const char *pdf, extract_sink *sink,
                               char **reason)
{
    GError *gerr = NULL;
    GMappedFile *map = g_mapped_file_new(pdf, FALSE, &gerr);
    if (map == NULL) {
        dk_fail(reason, "cannot read LibreOffice's PDF: %s", gerr->message);
        g_error_free(gerr);
        return EXTRACT_FAILED;
    }
    extract_input converted = {
        .path = pdf,
        .data = (const unsigned char *)g_mapped_file_get_contents(map),
        .size = g_mapped_file_get_length(map),
        .mime = "application/pdf",
    };
    extract_status st = extractor_pdf.run(env, &converted, sink, reason);
    g_mapped_file_unref(map);
    return st;
}

/* lo_run - convert in the scratch directory (a temporary one without it), read, clean up */
static extract_status lo_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                             char **reason)
{
    const char *ext = lo_ext(in);
    char *tmp = NULL, *dir = NULL; /* absolute: the profile is given as a file: URL */
    if (env->scratch_dir != NULL && g_mkdir_with_parents(env->scratch_dir, 0700) == 0)
        dir = g_canonicalize_filename(env->scratch_dir, NULL);
    else if ((tmp = g_dir_make_tmp("dokaz-libreoffice-XXXXXX", NULL)) != NULL)
        dir = g_canonicalize_filename(tmp, NULL);
    if (dir == NULL) {
        dk_fail_errno(reason, "cannot make a scratch directory for LibreOffice");
        return EXTRACT_FAILED;
    }
    char *pdf = NULL;
    extract_status st = EXTRACT_FAILED;
    if (convert(in, ext, dir, &pdf, reason) == 0)
        st = extract_emit_meta(sink, "converted_by", version(dir), reason);
    if (st == EXTRACT_DONE)
        st = extract_emit_derived(sink, LO_DERIVED_NAME, pdf, reason);
    if (st == EXTRACT_DONE)
        st = read_pdf(env, pdf, sink, reason);
    if (pdf != NULL)
        g_unlink(pdf);
    g_free(pdf);
    if (tmp != NULL)
        fs_remove_tree(tmp);
    g_free(tmp);
    g_free(dir);
    return st;
}

const extractor extractor_libreoffice = {
    .name = "libreoffice",
    .bid = lo_bid,
    .run = lo_run,
};
