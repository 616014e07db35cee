/*
 * json.c - a page's derived data to and from the JSON form described in
 * derive.h, as stored in an item's result record.
 *
 * The reader takes its input from a file on disk, which may be damaged or
 * written by hand: every member is checked for its type and range, and
 * anything unexpected is an error naming the member, never a crash.
 *
 * Functions: derived_page_to_json, derived_page_from_json.
 */
#include "derive/derive_int.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The JSON names of derive_kind, in its order. */
static const char *const kind_names[] = {"name", "initial", "next-initial", "name-initial"};
#define NKINDS (sizeof kind_names / sizeof kind_names[0])

/* add_strings - key: the n strings, left out when there are none */
static void add_strings(json_object *o, const char *key, char *const *values, size_t n)
{
    if (n == 0)
        return;
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < n; i++)
        json_object_array_add(a, json_object_new_string(values[i]));
    json_object_object_add(o, key, a);
}

/* add_int - key: n */
static void add_int(json_object *o, const char *key, int n)
{
    json_object_object_add(o, key, json_object_new_int(n));
}

/* fields_json - the "fields" object */
static json_object *fields_json(const fields_page *f)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "type", json_object_new_string(f->type ? f->type : FIELDS_OTHER));
    if (f->lang != NULL)
        json_object_object_add(o, "lang", json_object_new_string(f->lang));
    add_strings(o, "cases", f->cases, f->ncases);
    add_strings(o, "articles", f->articles, f->narticles);
    add_strings(o, "parts", f->parts, f->nparts);
    json_object *courts = f->ncourts ? json_object_new_array() : NULL;
    for (size_t i = 0; i < f->ncourts; i++) {
        json_object *c = json_object_new_object();
        json_object_object_add(c, "key", json_object_new_string(f->courts[i].key));
        json_object_object_add(c, "label", json_object_new_string(f->courts[i].label));
        if (f->courts[i].nominative)
            json_object_object_add(c, "nominative", json_object_new_boolean(1));
        json_object_array_add(courts, c);
    }
    if (courts)
        json_object_object_add(o, "courts", courts);
    json_object *dates = f->ndates ? json_object_new_array() : NULL;
    for (size_t i = 0; i < f->ndates; i++) {
        json_object *d = json_object_new_object();
        add_int(d, "y", f->dates[i].year);
        add_int(d, "m", f->dates[i].month);
        add_int(d, "d", f->dates[i].day);
        if (f->dates[i].birth)
            json_object_object_add(d, "birth", json_object_new_boolean(1));
        json_object_array_add(dates, d);
    }
    if (dates)
        json_object_object_add(o, "dates", dates);
    return o;
}

/* derived_page_to_json - {"fields":{...},"names":[[pos,kind,key(,true)],...],
 * "persons":[...]} */
json_object *derived_page_to_json(const derived_page *p)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "fields", fields_json(p->fields));
    if (p->npersons > 0)
        json_object_object_add(o, "persons", derive_persons_to_json(p->persons, p->npersons));
    if (p->nmentions == 0)
        return o;
    json_object *mentions_json = json_object_new_array();
    for (size_t i = 0; i < p->nmentions; i++) {
        const derive_mention *m = &p->mentions[i];
        json_object *a = json_object_new_array();
        json_object_array_add(a, json_object_new_int64(m->pos));
        json_object_array_add(a, json_object_new_string(kind_names[m->kind]));
        json_object_array_add(a, json_object_new_string(m->key));
        if (m->accused)
            json_object_array_add(a, json_object_new_boolean(1));
        json_object_array_add(mentions_json, a);
    }
    json_object_object_add(o, "names", mentions_json);
    return o;
}

/* member - o's key when it has the type; NULL when absent, and -1 in *bad
 * with *err when it has another */
static json_object *member(json_object *o, const char *key, json_type type, int *bad, char **err)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || v == NULL)
        return NULL;
    if (!json_object_is_type(v, type)) {
        *bad = dk_fail(err, "the derived data is damaged: \"%s\" has the wrong type", key);
        return NULL;
    }
    return v;
}

/* int_in - an integer element within [lo, hi] into *out; -1 with *err if not */
static int int_in(json_object *v, const char *what, long long lo, long long hi, long long *out,
                  char **err)
{
    if (v == NULL || !json_object_is_type(v, json_type_int))
        return dk_fail(err, "the derived data is damaged: %s is not a whole number", what);
    *out = json_object_get_int64(v);
    if (*out < lo || *out > hi)
        return dk_fail(err, "the derived data is damaged: %s %lld is out of range", what, *out);
    return 0;
}

/* int_member - o's member key as int_in reads it (absent: not a whole number) */
static int int_member(json_object *o, const char *key, const char *what, long long lo, long long hi,
                      long long *out, char **err)
{
    json_object *v = NULL;
    return int_in(json_object_object_get_ex(o, key, &v) ? v : NULL, what, lo, hi, out, err);
}

/* read_strings - f's list key of non-empty strings (absent: none) */
static int read_strings(json_object *f, const char *key, char ***list, size_t *n, char **err)
{
    int bad = 0;
    json_object *a = member(f, key, json_type_array, &bad, err);
    if (a == NULL)
        return bad;
    size_t len = json_object_array_length(a);
    *list = len ? xcalloc(len, sizeof **list) : NULL;
    for (size_t i = 0; i < len; i++) {
        json_object *s = json_object_array_get_idx(a, i);
        if (!json_object_is_type(s, json_type_string) || json_object_get_string_len(s) == 0)
            return dk_fail(err,
                           "the derived data is damaged: \"%s\" holds something other "
                           "than words",
                           key);
        (*list)[(*n)++] = xstrdup(json_object_get_string(s));
    }
    return 0;
}

/* read_flag - an optional true/false member (absent: false) */
static int read_flag(json_object *o, const char *key, int *flag, char **err)
{
    int bad = 0;
    json_object *v = member(o, key, json_type_boolean, &bad, err);
    *flag = v != NULL && json_object_get_boolean(v);
    return bad;
}

/* read_courts - [{"key","label","nominative"?}] */
static int read_courts(json_object *f, fields_page *p, char **err)
{
    int bad = 0;
    json_object *a = member(f, "courts", json_type_array, &bad, err);
    if (a == NULL)
        return bad;
    size_t len = json_object_array_length(a);
    p->courts = len ? xcalloc(len, sizeof *p->courts) : NULL;
    for (size_t i = 0; i < len; i++) {
        json_object *c = json_object_array_get_idx(a, i), *key = NULL, *label = NULL;
        if (!json_object_is_type(c, json_type_object) ||
            (key = member(c, "key", json_type_string, &bad, err)) == NULL ||
            (label = member(c, "label", json_type_string, &bad, err)) == NULL ||
            json_object_get_string_len(key) == 0)
            return bad < 0 ? -1
                           : dk_fail(err, "the derived data is damaged: a court "
                                          "without its key and name");
        fields_court *court = &p->courts[p->ncourts++];
        court->key = xstrdup(json_object_get_string(key));
        court->label = xstrdup(json_object_get_string(label));
        if (read_flag(c, "nominative", &court->nominative, err) < 0)
            return -1;
    }
    return 0;
}

/* read_dates - [{"y","m","d","birth"?}] */
static int read_dates(json_object *f, fields_page *p, char **err)
{
    int bad = 0;
    json_object *a = member(f, "dates", json_type_array, &bad, err);
    if (a == NULL)
        return bad;
    size_t len = json_object_array_length(a);
    p->dates = len ? xcalloc(len, sizeof *p->dates) : NULL;
    for (size_t i = 0; i < len; i++) {
        json_object *d = json_object_array_get_idx(a, i);
        long long y, m, day;
        if (!json_object_is_type(d, json_type_object))
            return dk_fail(err, "the derived data is damaged: a date is not an object");
        if (int_member(d, "y", "a year", 1, 9999, &y, err) < 0 ||
            int_member(d, "m", "a month", 0, 12, &m, err) < 0 ||
            int_member(d, "d", "a day", 0, 31, &day, err) < 0)
            return -1;
        fields_date *date = &p->dates[p->ndates++];
        *date = (fields_date){(int)y, (int)m, (int)day, 0};
        if (read_flag(d, "birth", &date->birth, err) < 0)
            return -1;
    }
    return 0;
}

/* known - the static string of fields/ for a stored type or language, which
 * must be written as that string is */
static const char *known(const char *stored, const char *(*parse)(const char *))
{
    const char *s = stored ? parse(stored) : NULL;
    return s != NULL && strcmp(s, stored) == 0 ? s : NULL;
}

/* read_fields - the "fields" object into a new fields_page (*out) */
static int read_fields(json_object *o, fields_page **out, char **err)
{
    int bad = 0;
    json_object *f = member(o, "fields", json_type_object, &bad, err), *v = NULL;
    if (f == NULL)
        return bad < 0 ? -1 : dk_fail(err, "the derived data is damaged: no \"fields\"");
    fields_page *p = *out = xcalloc(1, sizeof *p);
    v = member(f, "type", json_type_string, &bad, err);
    if (bad < 0 ||
        (p->type = known(v ? json_object_get_string(v) : NULL, fields_parse_type)) == NULL)
        return bad < 0 ? -1 : dk_fail(err, "the derived data is damaged: no known \"type\"");
    v = member(f, "lang", json_type_string, &bad, err);
    if (bad < 0 ||
        (v != NULL && (p->lang = known(json_object_get_string(v), fields_parse_lang)) == NULL))
        return bad < 0 ? -1 : dk_fail(err, "the derived data is damaged: unknown \"lang\"");
    if (read_strings(f, "cases", &p->cases, &p->ncases, err) < 0 ||
        read_strings(f, "articles", &p->articles, &p->narticles, err) < 0 ||
        read_strings(f, "parts", &p->parts, &p->nparts, err) < 0 || read_courts(f, p, err) < 0 ||
        read_dates(f, p, err) < 0)
        return -1;
    return 0;
}

/* read_mention - [pos, kind, key] or [pos, "name", key, true] */
static int read_mention(json_object *a, derive_mention *m, char **err)
{
    size_t len = json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 0;
    long long pos = 0;
    if (len < 3 || len > 4)
        return dk_fail(err, "the derived data is damaged: a name is not [position, kind, key]");
    if (int_in(json_object_array_get_idx(a, 0), "a position", 0, UINT32_MAX, &pos, err) < 0)
        return -1;
    json_object *kind = json_object_array_get_idx(a, 1), *key = json_object_array_get_idx(a, 2);
    size_t k = 0;
    while (k < NKINDS && !(json_object_is_type(kind, json_type_string) &&
                           strcmp(json_object_get_string(kind), kind_names[k]) == 0))
        k++;
    if (k == NKINDS)
        return dk_fail(err, "the derived data is damaged: a name of unknown kind");
    m->pos = (unsigned)pos;
    m->kind = (derive_kind)k;
    size_t keylen = json_object_is_type(key, json_type_string)
                        ? (size_t)json_object_get_string_len(key)
                        : 0;
    if (keylen == 0 || keylen >= NAMES_KEY_MAX || (m->kind != DERIVE_NAME && keylen != 1))
        return dk_fail(err, "the derived data is damaged: a name's key is empty or too long");
    memcpy(m->key, json_object_get_string(key), keylen + 1);
    if (len == 4) {
        json_object *accused = json_object_array_get_idx(a, 3);
        if (m->kind != DERIVE_NAME || !json_object_is_type(accused, json_type_boolean))
            return dk_fail(err, "the derived data is damaged: a name's fourth element is "
                                "not its accused role");
        m->accused = json_object_get_boolean(accused);
    }
    return 0;
}

/* read_names - the "names" list (absent: none) */
static int read_names(json_object *o, derived_page *p, char **err)
{
    int bad = 0;
    json_object *a = member(o, "names", json_type_array, &bad, err);
    if (a == NULL)
        return bad;
    size_t len = json_object_array_length(a);
    p->mentions = len ? g_new0(derive_mention, len) : NULL;
    for (; p->nmentions < len; p->nmentions++)
        if (read_mention(json_object_array_get_idx(a, p->nmentions), &p->mentions[p->nmentions],
                         err) < 0)
            return -1;
    return 0;
}

/* derived_page_from_json - fields, names, persons; what was read is freed on
 * error */
derived_page *derived_page_from_json(json_object *o, char **err)
{
    if (!json_object_is_type(o, json_type_object)) {
        dk_fail(err, "the derived data is damaged: not a JSON object");
        return NULL;
    }
    derived_page *p = g_new0(derived_page, 1);
    if (read_fields(o, &p->fields, err) < 0 || read_names(o, p, err) < 0 ||
        derive_persons_from_json(o, p, err) < 0) {
        derived_page_free(p);
        return NULL;
    }
    return p;
}
