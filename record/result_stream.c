/*
 * result_stream.c - an item's result read a page at a time (see record.h,
 * item_result_open), so that a 100 MB text cut into pages is never held
 * whole by its reader.
 *
 * The record is read through zlib (which reads an older dokaz's uncompressed
 * result.json as it is) into a buffer of READ_CHUNK bytes; offsets here
 * are offsets in the JSON text, which zlib seeks by decompressing again
 * from the start (only a record too long to keep, below, is read twice).
 * Its top-level object is walked here, one member at a time; each member's
 * value, and each element of "pages", is parsed by json-c's tokener, fed as
 * much of the buffer as it takes. The first pass keeps every member but
 * "pages" (the head) and checks each page as it goes, keeping only their
 * number and where the array starts; the pages are then read again, one per
 * call, from the same open file (a saved record is replaced by rename,
 * never rewritten, so the descriptor keeps the bytes the first pass
 * checked). The record's layout is unchanged: "pages" may stand anywhere in
 * the object.
 *
 * A record whose pages take no more than KEEP_BYTES (most of them: a paper
 * of a few pages) is not read twice: the first pass keeps the pages it
 * parsed and hands them out. Beyond that, it drops them all and the pages
 * are read again as above, so memory stays bounded.
 *
 * The first pass also keeps the "fields" member of each page's derived data
 * that differs from those kept before (a few hundred bytes each, and the
 * pages of one paper mostly repeat them), so that a reader of the pages knows
 * the fields of the whole item before it reads the first page again.
 *
 * The head keeps "children" and "skipped" only for item_result_load: an
 * archive's may name 100,000 members, and item_result_open, which indexing
 * uses, reads past them an element at a time.
 *
 * Functions: rec_open, item_result_open, item_page_reader_count, item_page_reader_fields,
 * item_page_reader_next, item_page_reader_free.
 */
#include "record/record.h"
#include "record/record_private.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { READ_CHUNK = 64 << 10 };

/* The bytes of "pages" up to which the first pass keeps the pages it parsed
 * (json-c holds them in a few times as many bytes). */
enum { KEEP_BYTES = 1 << 20 };

struct item_page_reader {
    gzFile gz;
    char *path;
    char buf[READ_CHUNK];
    size_t pos, len; /* buf[pos..len) is read and not yet consumed */
    off_t offset;    /* the text offset of buf[len] */
    json_tokener *tok;
    bool keep_lists;     /* the head keeps "children" and "skipped" */
    off_t pages_at;      /* the offset just after the '[' of "pages"; -1: none */
    size_t count;        /* pages the record holds */
    size_t read;         /* pages handed out so far */
    json_object *page;   /* the page handed out last */
    GPtrArray *kept;     /* the pages the first pass parsed, or NULL: read again */
    item_page current;   /* its typed form, pointing into `page` */
    json_object *fields; /* the distinct derived "fields" of the pages, in order */
    GHashTable *seen;    /* their JSON text (owned by the objects in `fields`) */
};

/* fill - make at least one unconsumed byte available: 1, 0 at the end of
 * the file, -1 with *err */
static int fill(item_page_reader *rd, char **err)
{
    if (rd->pos < rd->len)
        return 1;
    int n = gzread(rd->gz, rd->buf, sizeof rd->buf);
    if (n < 0)
        return rec_gz_failed(rd->gz, rd->path, err);
    rd->pos = 0;
    rd->len = (size_t)n;
    rd->offset += n;
    return n > 0;
}

/* seek - continue reading at text offset `at` */
static int seek(item_page_reader *rd, off_t at, char **err)
{
    if (gzseek(rd->gz, at, SEEK_SET) != at)
        return rec_gz_failed(rd->gz, rd->path, err);
    rd->pos = rd->len = 0;
    rd->offset = at;
    return 0;
}

/* here - the text offset of the next unconsumed byte */
static off_t here(const item_page_reader *rd)
{
    return rd->offset - (off_t)(rd->len - rd->pos);
}

/* is_space - JSON's white space */
static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* next_char - the next byte that is not JSON white space, consumed: 0, or
 * -1 with *err (also at the end of the file: the record is cut short) */
static int next_char(item_page_reader *rd, char *c, char **err)
{
    for (;;) {
        int rc = fill(rd, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            return dk_fail(err, "%s is not valid JSON (it ends too soon)", rd->path);
        char b = rd->buf[rd->pos++];
        if (!is_space(b)) {
            *c = b;
            return 0;
        }
    }
}

/* expect - the next byte that is not white space is `want` */
static int expect(item_page_reader *rd, char want, char **err)
{
    char c;
    if (next_char(rd, &c, err) != 0)
        return -1;
    if (c != want)
        return dk_fail(err, "%s is not a result record ('%c' where '%c' belongs)", rd->path, c,
                       want);
    return 0;
}

/* read_value - the next JSON value, parsed (the caller puts it); NULL with
 * *err. A value that is JSON null comes back as NULL too, with *null set. */
static json_object *read_value(item_page_reader *rd, int *null, char **err)
{
    char c;
    if (next_char(rd, &c, err) != 0)
        return NULL;
    rd->pos--; /* the tokener reads it */
    json_tokener_reset(rd->tok);
    *null = 0;
    for (;;) {
        int rc = fill(rd, err);
        if (rc < 0)
            return NULL;
        if (rc == 0) {
            dk_fail(err, "%s is not valid JSON (it ends too soon)", rd->path);
            return NULL;
        }
        json_object *v = json_tokener_parse_ex(rd->tok, rd->buf + rd->pos,
                                               (int)(rd->len - rd->pos));
        enum json_tokener_error e = json_tokener_get_error(rd->tok);
        rd->pos += json_tokener_get_parse_end(rd->tok);
        if (e == json_tokener_success) {
            *null = v == NULL; /* JSON null: no object, and no error */
            return v;
        }
        if (e != json_tokener_continue) {
            dk_fail(err, "%s is not valid JSON: %s", rd->path, json_tokener_error_desc(e));
            return NULL;
        }
    }
}

/* read_any - read_value for a value that may be null (then a JSON null
 * object's stand-in, NULL, with 0); -1 with *err */
static int read_any(item_page_reader *rd, json_object **v, char **err)
{
    int null;
    *v = read_value(rd, &null, err);
    return *v != NULL || null ? 0 : -1;
}

/* after_element - ',' (1: another follows) or `close` (0), else -1; one
 * ',' right before `close` is taken as json-c's whole-record parse takes it
 * (item_result_load), so that both read a record alike */
static int after_element(item_page_reader *rd, char close, char **err)
{
    char c = '\0';
    if (next_char(rd, &c, err) != 0)
        return -1;
    if (c == ',') {
        if (next_char(rd, &c, err) != 0)
            return -1;
        if (c == close)
            return 0;
        rd->pos--;
        return 1;
    }
    if (c == close)
        return 0;
    return dk_fail(err, "%s is not a result record ('%c' after a value)", rd->path, c);
}

/* keep_fields - keep the page's derived "fields" unless an equal one is kept */
static void keep_fields(item_page_reader *rd, const item_page *page)
{
    json_object *f = NULL;
    if (page->derived == NULL ||
        !json_object_object_get_ex(page->derived, RECORD_DERIVED_FIELDS, &f) || f == NULL)
        return;
    const char *text = json_object_to_json_string_ext(f, JSON_C_TO_STRING_PLAIN);
    if (g_hash_table_contains(rd->seen, text))
        return;
    json_object_array_add(rd->fields, json_object_get(f));
    g_hash_table_add(rd->seen, (char *)text);
}

/* An element of an array the first pass reads, handed over (it puts it). */
typedef int (*element_fn)(item_page_reader *rd, json_object *element, char **err);

/* each_element - the elements of the array that comes next, one at a time,
 * to `take`; *start (when not NULL) gets the offset just after its '[', or
 * -1 when the value is not an array, which is read and dropped */
static int each_element(item_page_reader *rd, element_fn take, off_t *start, char **err)
{
    char c;
    json_object *v;
    if (next_char(rd, &c, err) != 0)
        return -1;
    if (c != '[') { /* not a list: read and forget it */
        rd->pos--;
        if (start)
            *start = -1;
        if (read_any(rd, &v, err) != 0)
            return -1;
        json_object_put(v);
        return 0;
    }
    if (start)
        *start = here(rd);
    if (next_char(rd, &c, err) != 0)
        return -1;
    if (c == ']')
        return 0;
    rd->pos--;
    for (int more = 1; more == 1;) {
        if (read_any(rd, &v, err) != 0 || take(rd, v, err) != 0)
            return -1;
        if ((more = after_element(rd, ']', err)) < 0)
            return -1;
    }
    return 0;
}

/* put_page - json_object_put as a GDestroyNotify */
static void put_page(void *p)
{
    json_object_put(p);
}

/* keep_page - keep p (taken) for item_page_reader_next while the pages so
 * far take no more than KEEP_BYTES of the record, else drop it and them */
static void keep_page(item_page_reader *rd, json_object *p)
{
    if (rd->kept != NULL && here(rd) - rd->pages_at <= KEEP_BYTES) {
        g_ptr_array_add(rd->kept, p);
        return;
    }
    json_object_put(p);
    if (rd->kept != NULL)
        g_ptr_array_free(rd->kept, TRUE);
    rd->kept = NULL;
}

/* check_page - a page of the first pass, parsed and checked, its fields
 * kept, counted, then kept or dropped (keep_page) */
static int check_page(item_page_reader *rd, json_object *p, char **err)
{
    item_page page;
    int rc = rec_parse_page(p, rd->count, &page, rd->path, err);
    if (rc == 0) {
        keep_fields(rd, &page);
        keep_page(rd, p);
        rd->count++;
    } else {
        json_object_put(p);
    }
    return rc;
}

/* drop - an element of a member list the reader does not keep */
static int drop(item_page_reader *rd, json_object *element, char **err)
{
    (void)rd;
    (void)err;
    json_object_put(element);
    return 0;
}

/* is_list - "children" or "skipped": a member list, which may be long */
static bool is_list(const char *key)
{
    return strcmp(key, "children") == 0 || strcmp(key, "skipped") == 0;
}

/* scan - the first pass: the head (every member but "pages") into *head */
static int scan(item_page_reader *rd, json_object **head, char **err)
{
    *head = json_object_new_object();
    char c;
    if (next_char(rd, &c, err) != 0)
        return -1;
    if (c != '{')
        return dk_fail(err, "%s is not a result record (not a JSON object)", rd->path);
    if (next_char(rd, &c, err) != 0)
        return -1;
    if (c == '}')
        return 0;
    rd->pos--;
    for (int more = 1; more == 1;) {
        json_object *key, *value;
        if (read_any(rd, &key, err) != 0)
            return -1;
        if (!json_object_is_type(key, json_type_string)) {
            json_object_put(key);
            return dk_fail(err, "%s is not a result record (a key is not a string)", rd->path);
        }
        int rc = expect(rd, ':', err);
        const char *name = json_object_get_string(key);
        if (rc == 0 && strcmp(name, "pages") == 0) {
            rd->count = 0;
            if (rd->kept != NULL) /* a record with "pages" twice: the last counts */
                g_ptr_array_set_size(rd->kept, 0);
            rc = each_element(rd, check_page, &rd->pages_at, err);
        } else if (rc == 0 && !rd->keep_lists && is_list(name))
            rc = each_element(rd, drop, NULL, err);
        else if (rc == 0 && (rc = read_any(rd, &value, err)) == 0)
            json_object_object_add(*head, json_object_get_string(key), value);
        json_object_put(key);
        if (rc != 0)
            return -1;
        if ((more = after_element(rd, '}', err)) < 0)
            return -1;
    }
    int rc;
    for (; (rc = fill(rd, err)) == 1; rd->pos++) /* white space may follow */
        if (!is_space(rd->buf[rd->pos]))
            return dk_fail(err, "%s is not a result record (bytes after it)", rd->path);
    return rc;
}

/* rec_open - the first pass; the head parsed as a whole record */
item_result *rec_open(const char *data_dir, const char *sha256, bool keep_lists,
                      item_page_reader **pages, char **err)
{
    item_page_reader *rd = xcalloc(1, sizeof *rd);
    rd->keep_lists = keep_lists;
    rd->path = item_file(data_dir, sha256, item_record_found(data_dir, sha256, ITEM_RECORD_RESULT));
    rd->tok = json_tokener_new();
    rd->pages_at = -1;
    rd->fields = json_object_new_array();
    rd->seen = g_hash_table_new(g_str_hash, g_str_equal);
    rd->kept = g_ptr_array_new_with_free_func(put_page);
    rd->gz = gzopen(rd->path, "rbe");
    if (rd->gz != NULL)
        gzbuffer(rd->gz, READ_CHUNK);
    json_object *head = NULL;
    item_result *r = NULL;
    char *why = NULL;
    if (rd->gz == NULL)
        dk_fail_errno(&why, "cannot read %s", rd->path);
    else if (scan(rd, &head, &why) == 0)
        r = rec_parse_head(head, sha256, rd->path, &why);
    json_object_put(head);
    if (r == NULL || (rd->pages_at >= 0 && seek(rd, rd->pages_at, &why) != 0)) {
        item_result_free(r);
        item_page_reader_free(rd);
        if (err)
            *err = why;
        else
            free(why);
        return NULL;
    }
    *pages = rd;
    return r;
}

/* item_result_open - rec_open without the member lists */
item_result *item_result_open(const char *data_dir, const char *sha256, item_page_reader **pages,
                              char **err)
{
    return rec_open(data_dir, sha256, false, pages, err);
}

/* item_page_reader_count - what the first pass counted */
size_t item_page_reader_count(const item_page_reader *rd)
{
    return rd->count;
}

/* item_page_reader_fields - what the first pass kept */
json_object *item_page_reader_fields(const item_page_reader *rd)
{
    return rd->fields;
}

/* item_page_reader_next - parse the next element of "pages" */
int item_page_reader_next(item_page_reader *rd, const item_page **page, char **err)
{
    json_object_put(rd->page);
    rd->page = NULL;
    if (rd->read == rd->count)
        return 0;
    if (rd->kept != NULL) { /* handed over, so that it goes at the next call */
        rd->page = g_ptr_array_index(rd->kept, rd->read);
        g_ptr_array_index(rd->kept, rd->read) = NULL;
    } else {
        int more = rd->read > 0 ? after_element(rd, ']', err) : 1;
        if (more <= 0)
            return more < 0 ? -1 : dk_fail(err, "%s has fewer pages than it had", rd->path);
        int null;
        rd->page = read_value(rd, &null, err);
    }
    if (rd->page == NULL || rec_parse_page(rd->page, rd->read, &rd->current, rd->path, err) != 0)
        return -1;
    rd->read++;
    *page = &rd->current;
    return 1;
}

/* item_page_reader_free - the file, the tokener and the last page */
void item_page_reader_free(item_page_reader *rd)
{
    if (rd == NULL)
        return;
    if (rd->gz != NULL)
        gzclose_r(rd->gz);
    json_tokener_free(rd->tok);
    json_object_put(rd->page);
    if (rd->kept != NULL)
        g_ptr_array_free(rd->kept, TRUE);
    g_hash_table_destroy(rd->seen);
    json_object_put(rd->fields);
    free(rd->path);
    free(rd);
}
