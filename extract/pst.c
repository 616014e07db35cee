/*
 * pst.c - Outlook stores (.pst, .ost), read with libpff: a container.
 *
 * Every message in every folder becomes a child: an e-mail written from its
 * properties (pst_message.c), whose member path is its folder path and its
 * subject ("Top of Personal Folders/Inbox/Re: documents.eml"); the e-mail
 * extractor then reads it, so attachments are grandchildren of the store.
 * libpff reads the mapped bytes through a bounded libbfio handle (pst_io.c):
 * the store is never copied or written anywhere. Folders are walked to a fixed depth
 * and count, so a store whose folder tree loops ends.
 *
 * The store itself gives no page: its messages are the content. A store
 * libpff cannot open is failed with libpff's reason.
 */
#include "extract/extract_private.h"
#include "extract/pst_private.h"

#include "common/error.h"

#include <glib.h>
#include <gmime/gmime.h>
#include <libbfio.h>
#include <string.h>

#define MAX_DEPTH 64
#define MAX_FOLDERS 100000

/* pst_bid - the store's signature "!BDN" (libmagic calls it an Outlook file) */
static int pst_bid(const extract_input *in)
{
    return in->size >= 512 && memcmp(in->data, "!BDN", 4) == 0 ? 70 : 0;
}

/* A walk over the store: where children go, how far it has gone. */
typedef struct {
    extract_sink *sink;
    char **reason;
    size_t budget; /* attachment bytes one message may take */
    int folders, messages;
    extract_status st;
} pst_walk;

/* folder_name - a folder's display name (g_free), "folder-N" if it has none */
static char *folder_name(libpff_item_t *folder, int n)
{
    libpff_error_t *e = NULL;
    size_t size = 0;
    char *name = NULL;
    if (libpff_folder_get_utf8_name_size(folder, &size, &e) == 1 && size > 1 && size < 4096) {
        name = g_malloc0(size + 1);
        if (libpff_folder_get_utf8_name(folder, (uint8_t *)name, size, &e) != 1) {
            g_free(name);
            name = NULL;
        }
    }
    if (e != NULL)
        libpff_error_free(&e);
    if (name == NULL || *name == '\0') {
        g_free(name);
        return g_strdup_printf("folder-%d", n);
    }
    g_strdelimit(name, "/\\", '_');
    return name;
}

/* message - one message as a child .eml under the folder's path */
static void message(pst_walk *w, libpff_item_t *m, const char *path, int n)
{
    char *subject = NULL;
    size_t len = 0;
    unsigned char *eml = pst_message_eml(m, w->budget, &len, &subject);
    if (subject != NULL)
        g_strdelimit(subject, "/\\", '_');
    char *file = subject ? g_strdup_printf("%s.eml", subject)
                         : g_strdup_printf("message-%d.eml", n);
    char *base = *path ? g_strdup_printf("%s/%s", path, file) : g_strdup(file);
    g_free(file);
    char *member = extract_utf8_name(base);
    w->st = extract_emit_memory(w->sink, member, eml, len, w->reason);
    w->messages++;
    free(member);
    g_free(base);
    g_free(subject);
    g_free(eml);
}

/* folder - its messages, then its sub-folders, depth first */
static void folder(pst_walk *w, libpff_item_t *f, const char *path, int depth)
{
    libpff_error_t *e = NULL;
    if (depth > MAX_DEPTH || ++w->folders > MAX_FOLDERS)
        return;
    int n = 0;
    if (libpff_folder_get_number_of_sub_messages(f, &n, &e) != 1)
        n = 0;
    for (int i = 0; i < n && w->st == EXTRACT_DONE; i++) {
        libpff_item_t *m = NULL;
        if (libpff_folder_get_sub_message(f, i, &m, &e) == 1)
            message(w, m, path, i + 1);
        if (m != NULL)
            libpff_item_free(&m, NULL);
    }
    if (libpff_folder_get_number_of_sub_folders(f, &n, &e) != 1)
        n = 0;
    for (int i = 0; i < n && w->st == EXTRACT_DONE; i++) {
        libpff_item_t *sub = NULL;
        if (libpff_folder_get_sub_folder(f, i, &sub, &e) == 1) {
            char *name = folder_name(sub, i + 1);
            char *subpath = *path ? g_strdup_printf("%s/%s", path, name) : g_strdup(name);
            folder(w, sub, subpath, depth + 1);
            g_free(subpath);
            g_free(name);
        }
        if (sub != NULL)
            libpff_item_free(&sub, NULL);
    }
    if (e != NULL)
        libpff_error_free(&e);
}

/* open_store - libpff over the mapped bytes; its message on failure */
static libpff_file_t *open_store(const extract_input *in, libbfio_handle_t **io, char **reason)
{
    libpff_file_t *file = NULL;
    libpff_error_t *e = NULL;
    if (pst_io_open(in->data, in->size, io) != 0) {
        dk_fail(reason, "cannot read the Outlook store from memory");
        return NULL;
    }
    if (libpff_file_initialize(&file, &e) == 1 &&
        libpff_file_open_file_io_handle(file, *io, LIBPFF_OPEN_READ, &e) == 1)
        return file;
    char why[512] = "unknown error";
    if (e != NULL) {
        libpff_error_sprint(e, why, sizeof why);
        libpff_error_free(&e);
    }
    for (char *nl = strchr(why, '\n'); nl != NULL; nl = strchr(nl, '\n'))
        *nl = ' ';
    dk_fail(reason, "cannot open the Outlook store: %s", why);
    if (file != NULL)
        libpff_file_free(&file, NULL);
    return NULL;
}

/* pst_run - open, walk the folders from the root, close */
static extract_status pst_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                              char **reason)
{
    (void)env;
    g_mime_init(); /* GMime counts the calls: only the first initialises */
    libbfio_handle_t *io = NULL;
    libpff_file_t *file = open_store(in, &io, reason);
    if (file == NULL) {
        if (io != NULL)
            libbfio_handle_free(&io, NULL);
        return EXTRACT_FAILED;
    }
    pst_walk w = {sink, reason, in->size, 0, 0, EXTRACT_DONE};
    libpff_item_t *root = NULL;
    libpff_error_t *e = NULL;
    if (libpff_file_get_root_folder(file, &root, &e) == 1) {
        folder(&w, root, "", 0);
        libpff_item_free(&root, NULL);
    } else {
        dk_fail(reason, "the Outlook store has no root folder");
        w.st = EXTRACT_FAILED;
    }
    if (e != NULL)
        libpff_error_free(&e);
    libpff_file_close(file, NULL);
    libpff_file_free(&file, NULL);
    libbfio_handle_free(&io, NULL);
    return w.st;
}

const extractor extractor_pst = {
    .name = "pst",
    .bid = pst_bid,
    .run = pst_run,
};
