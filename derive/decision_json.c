/*
 * decision_json.c - a person's "decision" in the JSON form described in
 * derive.h, written and read back.
 *
 * The reader takes what a file on disk holds: a member of the wrong type, a
 * number out of range or an unknown regime is an error naming it, never a
 * crash.
 *
 * Functions: derive_decision_to_json, derive_decision_from_json.
 */
#include "derive/derive_int.h"
#include "common/error.h"

#include <string.h>

#define MONTHS_MAX (12 * 100) /* a term longer is damage */
#define UNITS_MAX 100000000   /* base units */

/* derive_decision_to_json - {"prison_years","prison_months","regime",
 * "fine_base_units","seized"}, each left out when not said; NULL when
 * nothing is */
json_object *derive_decision_to_json(const derive_decision *d)
{
    if (d->prison_months == 0 && d->regime == DERIVE_REGIME_NONE && d->fine_base_units == 0 &&
        !d->seized)
        return NULL;
    json_object *o = json_object_new_object();
    if (d->prison_months >= 12)
        json_object_object_add(o, "prison_years", json_object_new_int(d->prison_months / 12));
    if (d->prison_months % 12)
        json_object_object_add(o, "prison_months", json_object_new_int(d->prison_months % 12));
    if (d->regime != DERIVE_REGIME_NONE)
        json_object_object_add(o, "regime", json_object_new_string(derive_regime_name(d->regime)));
    if (d->fine_base_units > 0)
        json_object_object_add(o, "fine_base_units", json_object_new_int(d->fine_base_units));
    if (d->seized)
        json_object_object_add(o, "seized", json_object_new_boolean(1));
    return o;
}

/* damaged - the error of a decision that cannot be read */
static int damaged(char **err, const char *what)
{
    return dk_fail(err, "the derived data is damaged: a decision's %s", what);
}

/* read_int - an optional whole number within [1, max] into *out (0 when absent) */
static int read_int(json_object *o, const char *key, int max, int *out, char **err)
{
    json_object *v = NULL;
    *out = 0;
    if (!json_object_object_get_ex(o, key, &v))
        return 0;
    if (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 1 ||
        json_object_get_int64(v) > max)
        return damaged(err, key);
    *out = (int)json_object_get_int64(v);
    return 0;
}

/* derive_decision_from_json - o's "decision" (absent: none) into d */
int derive_decision_from_json(json_object *o, derive_decision *d, char **err)
{
    json_object *dec = NULL, *v = NULL;
    memset(d, 0, sizeof *d);
    if (!json_object_object_get_ex(o, "decision", &dec))
        return 0;
    if (!json_object_is_type(dec, json_type_object))
        return damaged(err, "type");
    int years, months;
    if (read_int(dec, "prison_years", MONTHS_MAX / 12, &years, err) < 0 ||
        read_int(dec, "prison_months", 11, &months, err) < 0 ||
        read_int(dec, "fine_base_units", UNITS_MAX, &d->fine_base_units, err) < 0)
        return -1;
    d->prison_months = years * 12 + months;
    if (json_object_object_get_ex(dec, "regime", &v)) {
        int r = json_object_is_type(v, json_type_string)
                    ? derive_regime_parse(json_object_get_string(v))
                    : -1;
        if (r < 0)
            return damaged(err, "regime");
        d->regime = (derive_regime)r;
    }
    if (json_object_object_get_ex(dec, "seized", &v)) {
        if (!json_object_is_type(v, json_type_boolean) || !json_object_get_boolean(v))
            return damaged(err, "seized");
        d->seized = 1;
    }
    return 0;
}
