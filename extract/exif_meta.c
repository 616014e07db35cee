/*
 * exif_meta.c - when, with what and where a photo was taken, from its EXIF.
 *
 * A photo of a court paper or of a detention is evidence of its own: the
 * moment, the camera and the place it records matter for custody. libexif
 * parses the EXIF block (found in a JPEG's APP1 segment, or given as
 * "Exif\0\0" and a TIFF structure, as HEIF files carry it); we take:
 *   photo_taken   DateTimeOriginal (else DateTime) as 2025-03-01T10:15:00,
 *                 with OffsetTimeOriginal's zone when the camera wrote one
 *   camera        Make and Model ("Apple iPhone 12")
 *   gps           latitude, longitude in signed decimal degrees
 *                 ("53.904540, 27.561524"), south and west negative
 * libexif is told not to "fix" the data: its fixing adds missing mandatory
 * tags with made-up values (today's date), which is the last thing evidence
 * needs. A broken or hostile block gives fewer fields, never a failure.
 *
 * Functions: extract_exif_meta.
 */
#include "extract/extract_private.h"

#include <glib.h>
#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ascii - an ASCII entry's text (g_free), NULL when absent or empty */
static char *ascii(ExifContent *ifd, ExifTag tag)
{
    ExifEntry *e = ifd ? exif_content_get_entry(ifd, tag) : NULL;
    if (e == NULL || e->format != EXIF_FORMAT_ASCII || e->data == NULL || e->size == 0)
        return NULL;
    size_t n = strnlen((const char *)e->data, e->size);
    char *s = g_utf8_make_valid((const char *)e->data, (gssize)n);
    g_strstrip(s);
    if (*s == '\0') {
        g_free(s);
        return NULL;
    }
    return s;
}

/* taken - "YYYY:MM:DD HH:MM:SS" as ISO 8601, with the offset if any (g_free) */
static char *taken(ExifData *d)
{
    char *raw = ascii(d->ifd[EXIF_IFD_EXIF], EXIF_TAG_DATE_TIME_ORIGINAL);
    if (raw == NULL)
        raw = ascii(d->ifd[EXIF_IFD_0], EXIF_TAG_DATE_TIME);
    int y, mo, da, h, mi, s;
    char *out = NULL;
    if (raw != NULL && sscanf(raw, "%4d:%2d:%2d %2d:%2d:%2d", &y, &mo, &da, &h, &mi, &s) == 6 &&
        y > 1800 && mo >= 1 && mo <= 12 && da >= 1 && da <= 31 && h < 24 && mi < 60 && s < 61) {
        char *zone = ascii(d->ifd[EXIF_IFD_EXIF], EXIF_TAG_OFFSET_TIME_ORIGINAL);
        int zh, zm;
        char sign;
        bool has_zone = zone && sscanf(zone, "%c%2d:%2d", &sign, &zh, &zm) == 3 &&
                        (sign == '+' || sign == '-') && zh < 15 && zm < 60;
        out = has_zone ? g_strdup_printf("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, da, h,
                                         mi, s, sign, zh, zm)
                       : g_strdup_printf("%04d-%02d-%02dT%02d:%02d:%02d", y, mo, da, h, mi, s);
        g_free(zone);
    }
    g_free(raw);
    return out;
}

/* camera - "Make Model", or the model alone when it already names the maker (g_free) */
static char *camera(ExifData *d)
{
    char *make = ascii(d->ifd[EXIF_IFD_0], EXIF_TAG_MAKE);
    char *model = ascii(d->ifd[EXIF_IFD_0], EXIF_TAG_MODEL);
    char *out;
    if (make != NULL && model != NULL && g_ascii_strncasecmp(model, make, strlen(make)) != 0)
        out = g_strdup_printf("%s %s", make, model);
    else
        out = g_strdup(model != NULL ? model : make);
    g_free(make);
    g_free(model);
    return out;
}

/* degrees - a GPS coordinate (three rationals: degrees, minutes, seconds) and
 * its reference letter; false when absent or malformed */
static bool degrees(ExifData *d, ExifTag value, ExifTag ref, char negative, double *out)
{
    ExifContent *gps = d->ifd[EXIF_IFD_GPS];
    ExifEntry *e = gps ? exif_content_get_entry(gps, value) : NULL;
    char *r = gps ? ascii(gps, ref) : NULL;
    bool ok = e != NULL && e->format == EXIF_FORMAT_RATIONAL && e->components == 3 &&
              e->data != NULL && e->size >= 24 && r != NULL;
    double v = 0, scale = 1;
    ExifByteOrder order = exif_data_get_byte_order(d);
    for (int i = 0; ok && i < 3; i++, scale *= 60) {
        ExifRational q = exif_get_rational(e->data + (size_t)8 * i, order);
        if (q.denominator == 0) {
            ok = i > 0 && q.numerator == 0; /* 0/0 minutes or seconds: not recorded */
            break;
        }
        v += (double)q.numerator / q.denominator / scale;
    }
    if (ok && r[0] == negative)
        v = -v;
    g_free(r);
    *out = v;
    return ok && isfinite(v);
}

/* position - "lat, lon" (g_free), NULL without a valid fix */
static char *position(ExifData *d)
{
    double lat, lon;
    if (!degrees(d, (ExifTag)EXIF_TAG_GPS_LATITUDE, (ExifTag)EXIF_TAG_GPS_LATITUDE_REF, 'S',
                 &lat) ||
        !degrees(d, (ExifTag)EXIF_TAG_GPS_LONGITUDE, (ExifTag)EXIF_TAG_GPS_LONGITUDE_REF, 'W',
                 &lon) ||
        fabs(lat) > 90 || fabs(lon) > 180)
        return NULL;
    return g_strdup_printf("%.6f, %.6f", lat, lon);
}

/* extract_exif_meta - parse, then emit the three fields that are there */
extract_status extract_exif_meta(const unsigned char *data, size_t size, extract_sink *sink,
                                 char **reason)
{
    if (data == NULL || size < 6 || size > 0x7FFFFFFF)
        return EXTRACT_DONE;
    ExifData *d = exif_data_new();
    if (d == NULL)
        return EXTRACT_DONE;
    exif_data_unset_option(d, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(d, data, (unsigned int)size);
    char *values[] = {taken(d), camera(d), position(d)};
    const char *names[] = {"photo_taken", "camera", "gps"};
    exif_data_unref(d);
    extract_status st = EXTRACT_DONE;
    for (size_t i = 0; i < 3; i++) {
        if (st == EXTRACT_DONE)
            st = extract_emit_meta(sink, names[i], values[i], reason);
        g_free(values[i]);
    }
    return st;
}
