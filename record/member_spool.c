/*
 * member_spool.c - an item's member lists written out as they come (see
 * record.h, item_member_spool), for the worker that unpacks an archive of
 * 100,000 members.
 *
 * Each list is an unnamed file beside the item's records (O_TMPFILE, or a
 * named one removed at once where the file system has no O_TMPFILE), so a
 * killed worker leaves nothing behind. It holds the list's elements as the
 * record's array holds them, each after a comma: json-c writes each element,
 * so the record saved from the spool is the one item_result_json describes,
 * byte for byte.
 *
 * Functions: item_member_spool_open, item_member_spool_child, item_member_spool_skipped,
 * item_member_spool_count, item_member_spool_free, rec_spool_copy, rec_spool_has.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One list: its file and how many elements it holds. */
typedef struct {
    FILE *file;
    size_t n;
} spooled_list;

struct item_member_spool {
    char *dir; /* the folder of the item's records, for messages */
    spooled_list children, skipped;
};

/* unnamed_file - a file in dir that has no name, open for reading and
 * writing; NULL with *err */
static FILE *unnamed_file(const char *dir, char **err)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        char *name = fs_join(dir, "members.tmp-XXXXXX");
        fd = mkostemp(name, O_CLOEXEC);
        if (fd >= 0)
            unlink(name);
        free(name);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
    if (f == NULL) {
        dk_fail_errno(err, "cannot create a member list in %s", dir);
        if (fd >= 0)
            close(fd);
    }
    return f;
}

/* item_member_spool_open - a file for each list, beside the item's records */
item_member_spool *item_member_spool_open(const char *data_dir, const char *sha256, char **err)
{
    item_member_spool *s = xcalloc(1, sizeof *s);
    s->dir = item_files_dir(data_dir, sha256);
    if (fs_mkdirs(s->dir, 0755, err) != 0 ||
        (s->children.file = unnamed_file(s->dir, err)) == NULL ||
        (s->skipped.file = unnamed_file(s->dir, err)) == NULL) {
        item_member_spool_free(s);
        return NULL;
    }
    return s;
}

/* append - ",<element>" to the list; takes the element */
static int append(item_member_spool *s, spooled_list *list, json_object *element, char **err)
{
    const char *text = json_object_to_json_string_ext(element, JSON_C_TO_STRING_PLAIN);
    int rc = fprintf(list->file, ",%s", text) < 0
                 ? dk_fail_errno(err, "cannot write a member list in %s", s->dir)
                 : 0;
    json_object_put(element);
    list->n += rc == 0;
    return rc;
}

/* item_member_spool_child - one element of "children" */
int item_member_spool_child(item_member_spool *s, const char *sha256, const char *member,
                            uint64_t size, char **err)
{
    return append(s, &s->children, rec_child_json(sha256, member, size), err);
}

/* item_member_spool_skipped - one element of "skipped" */
int item_member_spool_skipped(item_member_spool *s, const char *member, const char *reason,
                              char **err)
{
    return append(s, &s->skipped, rec_skip_json(member, reason), err);
}

/* item_member_spool_count - both lists' lengths */
size_t item_member_spool_count(const item_member_spool *s)
{
    return s ? s->children.n + s->skipped.n : 0;
}

/* rec_spool_has - a list's length is not 0 */
bool rec_spool_has(const item_member_spool *s, bool skipped)
{
    return s != NULL && (skipped ? s->skipped.n : s->children.n) > 0;
}

/* rec_spool_copy - the list's file from its start (its first comma left out
 * when nothing came before) */
int rec_spool_copy(item_member_spool *s, bool skipped, FILE *to, bool *any, char **err)
{
    spooled_list *list = skipped ? &s->skipped : &s->children;
    if (list->n == 0)
        return 0;
    if (fflush(list->file) != 0 || fseek(list->file, *any ? 0 : 1, SEEK_SET) != 0)
        return dk_fail_errno(err, "cannot read a member list in %s", s->dir);
    char buf[64 << 10];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, list->file)) > 0)
        if (fwrite(buf, 1, n, to) != n)
            return dk_fail_errno(err, "cannot write the record in %s", s->dir);
    if (ferror(list->file) || fseek(list->file, 0, SEEK_END) != 0)
        return dk_fail_errno(err, "cannot read a member list in %s", s->dir);
    *any = true;
    return 0;
}

/* item_member_spool_free - both files and the directory's name */
void item_member_spool_free(item_member_spool *s)
{
    if (s == NULL)
        return;
    if (s->children.file)
        fclose(s->children.file);
    if (s->skipped.file)
        fclose(s->skipped.file);
    free(s->dir);
    free(s);
}
