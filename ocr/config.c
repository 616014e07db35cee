/*
 * config.c - DATA/ocr.conf: the OCR settings of a data directory.
 *
 * One setting per line, '#' starts a comment:
 *   orientation = on        deskew = on        normalize = on
 *   resolution = on         cleanup = on       blank = on
 *   corrections = on        searchable_pdf = on     low_confidence = 60
 *   lang = bel+rus+eng                  the default languages
 *   lang /srv/inbox/poland = pol+eng    files received under this folder
 * A folder's languages apply to everything received under it, archive
 * members included (they carry the path their archive was received at).
 * Unknown keys and bad values are errors: a typo must not silently leave
 * a step on.
 *
 * The settings' defaults are here too (ocr_prep_defaults), apart from the
 * steps, so that reading the settings (`dokaz status`) needs no leptonica.
 *
 * Functions: ocr_prep_defaults, ocr_config_load, ocr_config_free, ocr_config_langs,
 * ocr_config_prep, ocr_config_low_confidence, ocr_config_searchable_pdf.
 */
#include "ocr/ocr_private.h"

#include "common/error.h"
#include "common/fsutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

struct ocr_config {
    char *langs;
    GPtrArray *folders; /* "folder\tlangs" */
    ocr_prep prep;
    double low_confidence;
    bool searchable_pdf;
};

/* ocr_prep_defaults - every step on */
void ocr_prep_defaults(ocr_prep *prep)
{
    prep->orient = prep->deskew = prep->normalize = true;
    prep->resolution = prep->cleanup = prep->blank = prep->correct = true;
}

/* parse_bool - "on"/"off"/"yes"/"no"/"true"/"false"/"1"/"0" */
static int parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"on", "yes", "true", "1"};
    static const char *const no[] = {"off", "no", "false", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (g_ascii_strcasecmp(v, yes[i]) == 0)
            return *out = true, 0;
        if (g_ascii_strcasecmp(v, no[i]) == 0)
            return *out = false, 0;
    }
    return -1;
}

/* set_key - one "key = value" line */
static int set_key(ocr_config *cfg, const char *key, const char *value, const char *path, int line,
                   char **err)
{
    struct {
        const char *name;
        bool *flag;
    } flags[] = {
        {"orientation", &cfg->prep.orient},  {"deskew", &cfg->prep.deskew},
        {"normalize", &cfg->prep.normalize}, {"resolution", &cfg->prep.resolution},
        {"cleanup", &cfg->prep.cleanup},     {"blank", &cfg->prep.blank},
        {"corrections", &cfg->prep.correct}, {"searchable_pdf", &cfg->searchable_pdf},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(key, flags[i].name) == 0) {
            if (parse_bool(value, flags[i].flag) != 0)
                return dk_fail(err, "%s:%d: %s must be on or off, not '%s'", path, line, key,
                               value);
            return 0;
        }
    if (strcmp(key, "low_confidence") == 0) {
        char *end;
        cfg->low_confidence = strtod(value, &end);
        if (*end != '\0' || cfg->low_confidence < 0 || cfg->low_confidence > 100)
            return dk_fail(err, "%s:%d: low_confidence must be 0..100", path, line);
        return 0;
    }
    if (strcmp(key, "lang") == 0) {
        g_free(cfg->langs);
        cfg->langs = g_strdup(value);
        return 0;
    }
    if (strncmp(key, "lang ", 5) == 0) {
        char *folder = g_strstrip(g_strdup(key + 5));
        size_t n = strlen(folder);
        while (n > 1 && folder[n - 1] == '/')
            folder[--n] = '\0';
        g_ptr_array_add(cfg->folders, g_strdup_printf("%s\t%s", folder, value));
        g_free(folder);
        return 0;
    }
    return dk_fail(err, "%s:%d: unknown setting '%s'", path, line, key);
}

/* ocr_config_load - defaults, then DATA/ocr.conf line by line */
ocr_config *ocr_config_load(const char *data_dir, const char *default_langs, char **err)
{
    ocr_config *cfg = g_new0(ocr_config, 1);
    cfg->langs = g_strdup(default_langs ? default_langs : "bel+rus+eng");
    cfg->folders = g_ptr_array_new_with_free_func(g_free);
    ocr_prep_defaults(&cfg->prep);
    cfg->low_confidence = 60;
    cfg->searchable_pdf = true;
    char *path = g_build_filename(data_dir, "ocr.conf", NULL);
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        g_free(path);
        return cfg; /* no file: the defaults */
    }
    char **lines = g_strsplit(text, "\n", -1);
    int rc = 0;
    for (int i = 0; lines[i] != NULL && rc == 0; i++) {
        char *l = lines[i];
        l[strcspn(l, "#")] = '\0';
        g_strstrip(l);
        if (*l == '\0')
            continue;
        char *eq = strchr(l, '=');
        if (eq == NULL) {
            rc = dk_fail(err, "%s:%d: expected 'key = value'", path, i + 1);
            break;
        }
        *eq = '\0';
        rc = set_key(cfg, g_strstrip(l), g_strstrip(eq + 1), path, i + 1, err);
    }
    g_strfreev(lines);
    g_free(text);
    g_free(path);
    if (rc != 0) {
        ocr_config_free(cfg);
        return NULL;
    }
    return cfg;
}

/* ocr_config_free - everything */
void ocr_config_free(ocr_config *cfg)
{
    if (cfg == NULL)
        return;
    g_free(cfg->langs);
    g_ptr_array_free(cfg->folders, TRUE);
    g_free(cfg);
}

/* ocr_config_langs - the longest folder holding path, else the default */
const char *ocr_config_langs(const ocr_config *cfg, const char *path)
{
    const char *best = cfg->langs;
    size_t best_len = 0;
    for (guint i = 0; path != NULL && i < cfg->folders->len; i++) {
        const char *entry = g_ptr_array_index(cfg->folders, i);
        size_t n = strcspn(entry, "\t");
        bool inside = strncmp(path, entry, n) == 0 && (path[n] == '/' || path[n] == '\0');
        if (inside && n > best_len) {
            best_len = n;
            best = entry + n + 1;
        }
    }
    return best;
}

/* ocr_config_prep - the switches */
const ocr_prep *ocr_config_prep(const ocr_config *cfg)
{
    return &cfg->prep;
}

/* ocr_config_low_confidence - pages below it are flagged */
double ocr_config_low_confidence(const ocr_config *cfg)
{
    return cfg->low_confidence;
}

/* ocr_config_searchable_pdf - whether to make searchable PDFs */
bool ocr_config_searchable_pdf(const ocr_config *cfg)
{
    return cfg->searchable_pdf;
}
