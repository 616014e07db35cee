/*
 * person_json.c - a page's persons to and from the "persons" list of the
 * JSON form described in derive.h.
 *
 * The reader takes what a file on disk holds: a member of the wrong type, a
 * key too long, an initial list too long, an unknown sex or role, a birth
 * date that is none, a place too long or too many addresses is an error
 * naming what is wrong, never a crash.
 *
 * Functions: derive_persons_to_json, derive_persons_from_json.
 */
#include "derive/derive_int.h"
#include "common/error.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* add_keys - key: the non-empty keys of a part, left out when none */
static void add_keys(json_object *o, const char *key, const char keys[][NAMES_KEY_MAX])
{
    if (keys[0][0] == '\0')
        return;
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < DERIVE_PART_KEYS && keys[i][0] != '\0'; i++)
        json_object_array_add(a, json_object_new_string(keys[i]));
    json_object_object_add(o, key, a);
}

/* add_text - key: value, left out when empty */
static void add_text(json_object *o, const char *key, const char *value)
{
    if (value[0] != '\0')
        json_object_object_add(o, key, json_object_new_string(value));
}

/* add_born - "born": "YYYY-MM-DD", "YYYY-MM" or "YYYY", left out when none */
static void add_born(json_object *o, const fields_date *d)
{
    char text[40];
    if (!d->birth || d->year <= 0)
        return;
    if (d->month == 0)
        snprintf(text, sizeof text, "%04d", d->year);
    else if (d->day == 0)
        snprintf(text, sizeof text, "%04d-%02d", d->year, d->month);
    else
        snprintf(text, sizeof text, "%04d-%02d-%02d", d->year, d->month, d->day);
    add_text(o, "born", text);
}

/* add_addresses - "addresses": the ones written, left out when none */
static void add_addresses(json_object *o, const char addresses[][DERIVE_PLACE_MAX])
{
    if (addresses[0][0] == '\0')
        return;
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < DERIVE_ADDRESSES && addresses[i][0] != '\0'; i++)
        json_object_array_add(a, json_object_new_string(addresses[i]));
    json_object_object_add(o, "addresses", a);
}

/* derive_persons_to_json - [{"pos":..,"surname":[..],...}] */
json_object *derive_persons_to_json(const derive_person *persons, size_t n)
{
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < n; i++) {
        const derive_person *p = &persons[i];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "pos", json_object_new_int64(p->pos));
        add_keys(o, "surname", p->surname);
        add_keys(o, "given", p->given);
        add_text(o, "gi", p->given_initials);
        add_text(o, "patronymic", p->patronymic);
        add_text(o, "pi", p->patronymic_initials);
        char sex[2] = {(char)p->sex, '\0'};
        add_text(o, "sex", sex);
        if (p->accused)
            json_object_object_add(o, "accused", json_object_new_boolean(1));
        if (p->role != DERIVE_ROLE_OTHER)
            add_text(o, "role", derive_role_name(p->role));
        add_born(o, &p->born);
        add_text(o, "born_place", p->born_place);
        add_addresses(o, p->addresses);
        json_object *decision = derive_decision_to_json(&p->decision);
        if (decision != NULL)
            json_object_object_add(o, "decision", decision);
        json_object_array_add(a, o);
    }
    return a;
}

/* damaged - the error of a person that cannot be read */
static int damaged(char **err, const char *what)
{
    return dk_fail(err, "the derived data is damaged: a person's %s", what);
}

/* read_text - an optional string member shorter than size into out */
static int read_text(json_object *o, const char *key, char *out, size_t size, char **err)
{
    json_object *v = NULL;
    out[0] = '\0';
    if (!json_object_object_get_ex(o, key, &v))
        return 0;
    if (!json_object_is_type(v, json_type_string) || (size_t)json_object_get_string_len(v) >= size)
        return damaged(err, key);
    memcpy(out, json_object_get_string(v), (size_t)json_object_get_string_len(v) + 1);
    return 0;
}

/* read_keys - an optional list of at most DERIVE_PART_KEYS keys */
static int read_keys(json_object *o, const char *key, char out[][NAMES_KEY_MAX], char **err)
{
    json_object *v = NULL;
    memset(out, 0, (size_t)DERIVE_PART_KEYS * NAMES_KEY_MAX);
    if (!json_object_object_get_ex(o, key, &v))
        return 0;
    if (!json_object_is_type(v, json_type_array) || json_object_array_length(v) == 0 ||
        json_object_array_length(v) > DERIVE_PART_KEYS)
        return damaged(err, key);
    for (size_t i = 0; i < json_object_array_length(v); i++) {
        json_object *k = json_object_array_get_idx(v, i);
        size_t len = json_object_is_type(k, json_type_string)
                         ? (size_t)json_object_get_string_len(k)
                         : 0;
        if (len == 0 || len >= NAMES_KEY_MAX)
            return damaged(err, key);
        memcpy(out[i], json_object_get_string(k), len + 1);
    }
    return 0;
}

/* read_addresses - an optional list of at most DERIVE_ADDRESSES addresses,
 * each shorter than DERIVE_PLACE_MAX */
static int read_addresses(json_object *o, char out[][DERIVE_PLACE_MAX], char **err)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, "addresses", &v))
        return 0;
    if (!json_object_is_type(v, json_type_array) || json_object_array_length(v) == 0 ||
        json_object_array_length(v) > DERIVE_ADDRESSES)
        return damaged(err, "addresses");
    for (size_t i = 0; i < json_object_array_length(v); i++) {
        json_object *a = json_object_array_get_idx(v, i);
        size_t len = json_object_is_type(a, json_type_string)
                         ? (size_t)json_object_get_string_len(a)
                         : 0;
        if (len == 0 || len >= DERIVE_PLACE_MAX)
            return damaged(err, "addresses");
        memcpy(out[i], json_object_get_string(a), len + 1);
    }
    return 0;
}

/* read_born - "born" back into d; a date that is none is damage */
static int read_born(json_object *o, fields_date *d, char **err)
{
    char text[16];
    if (read_text(o, "born", text, sizeof text, err) < 0)
        return -1;
    memset(d, 0, sizeof *d);
    if (text[0] == '\0')
        return 0;
    int n = sscanf(text, "%4d-%2d-%2d", &d->year, &d->month, &d->day);
    if (n < 1 || d->year < 1000 || d->month < 0 || d->month > 12 || d->day < 0 || d->day > 31)
        return damaged(err, "birth date");
    d->birth = 1;
    return 0;
}

/* read_person - one object of the list */
static int read_person(json_object *o, derive_person *p, char **err)
{
    json_object *pos = NULL, *accused = NULL;
    char sex[2];
    if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, "pos", &pos) ||
        !json_object_is_type(pos, json_type_int) || json_object_get_int64(pos) < 0 ||
        json_object_get_int64(pos) > UINT32_MAX)
        return damaged(err, "position");
    p->pos = (unsigned)json_object_get_int64(pos);
    if (read_keys(o, "surname", p->surname, err) < 0 || read_keys(o, "given", p->given, err) < 0 ||
        read_text(o, "gi", p->given_initials, sizeof p->given_initials, err) < 0 ||
        read_text(o, "patronymic", p->patronymic, sizeof p->patronymic, err) < 0 ||
        read_text(o, "pi", p->patronymic_initials, sizeof p->patronymic_initials, err) < 0 ||
        read_text(o, "sex", sex, sizeof sex, err) < 0)
        return -1;
    if (sex[0] != '\0' && sex[0] != NAMES_SEX_MALE && sex[0] != NAMES_SEX_FEMALE)
        return damaged(err, "sex");
    p->sex = (names_sex)sex[0];
    if (json_object_object_get_ex(o, "accused", &accused)) {
        if (!json_object_is_type(accused, json_type_boolean))
            return damaged(err, "accused role");
        p->accused = json_object_get_boolean(accused);
    }
    char role[24];
    if (read_text(o, "role", role, sizeof role, err) < 0)
        return -1;
    int r = role[0] != '\0' ? derive_role_parse(role) : DERIVE_ROLE_OTHER;
    if (r < 0)
        return damaged(err, "role");
    p->role = (derive_role)r;
    if (derive_decision_from_json(o, &p->decision, err) < 0 ||
        read_text(o, "born_place", p->born_place, sizeof p->born_place, err) < 0 ||
        read_addresses(o, p->addresses, err) < 0)
        return -1;
    return read_born(o, &p->born, err);
}

/* derive_persons_from_json - the "persons" list of o (absent: none) */
int derive_persons_from_json(json_object *o, derived_page *p, char **err)
{
    json_object *a = NULL;
    if (!json_object_object_get_ex(o, "persons", &a))
        return 0;
    if (!json_object_is_type(a, json_type_array))
        return dk_fail(err, "the derived data is damaged: \"persons\" has the wrong type");
    size_t len = json_object_array_length(a);
    p->persons = len ? g_new0(derive_person, len) : NULL;
    for (; p->npersons < len; p->npersons++)
        if (read_person(json_object_array_get_idx(a, p->npersons), &p->persons[p->npersons], err) <
            0)
            return -1;
    return 0;
}
