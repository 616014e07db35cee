/*
 * exif.c - which way up a phone photo is meant to be seen.
 *
 * Phones store the sensor's pixels as they come and record in the EXIF
 * Orientation tag how they must be turned to be seen upright; leptonica
 * decodes the pixels and ignores the tag. The tag sits in IFD0 of the TIFF
 * structure inside the APP1 "Exif" segment, before the image data. Only the
 * marker segments before the first scan are walked, each length checked
 * against the file: a broken or hostile header gives "no orientation".
 *
 * Functions: extract_exif_orientation, extract_exif_apply.
 */
#include "extract/extract_private.h"

#include <leptonica/allheaders.h>
#include <stdint.h>
#include <string.h>

/* u16, u32 - TIFF fields in the file's byte order (big: "MM") */
static uint32_t u16(const unsigned char *p, int big)
{
    return big ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}
static uint32_t u32(const unsigned char *p, int big)
{
    return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* tiff_orientation - tag 0x0112 of IFD0 of the TIFF block t (n bytes) */
static int tiff_orientation(const unsigned char *t, size_t n)
{
    if (n < 8 || !(memcmp(t, "II*\0", 4) == 0 || memcmp(t, "MM\0*", 4) == 0))
        return 0;
    int big = t[0] == 'M';
    uint32_t ifd = u32(t + 4, big);
    if (ifd > n - 2)
        return 0;
    uint32_t count = u16(t + ifd, big);
    for (uint32_t i = 0; i < count; i++) {
        size_t e = ifd + 2 + (size_t)i * 12;
        if (e + 12 > n)
            return 0;
        if (u16(t + e, big) == 0x0112) {
            uint32_t v = u16(t + e + 8, big);
            return v >= 1 && v <= 8 ? (int)v : 0;
        }
    }
    return 0;
}

/* extract_exif_orientation - 1..8 from a JPEG's EXIF, 0 if none or not JPEG */
int extract_exif_orientation(const unsigned char *data, size_t size)
{
    if (size < 4 || data[0] != 0xFF || data[1] != 0xD8)
        return 0;
    size_t pos = 2;
    while (pos + 4 <= size && data[pos] == 0xFF) {
        unsigned marker = data[pos + 1];
        size_t len = (size_t)data[pos + 2] << 8 | data[pos + 3];
        if (marker == 0xDA || len < 2 || pos + 2 + len > size) /* start of scan */
            return 0;
        const unsigned char *seg = data + pos + 4;
        if (marker == 0xE1 && len >= 8 && memcmp(seg, "Exif\0\0", 6) == 0)
            return tiff_orientation(seg + 6, len - 8);
        pos += 2 + len;
    }
    return 0;
}

/* extract_exif_apply - the image as it is meant to be seen (new image, or a
 * clone for orientation 1/0) */
struct Pix *extract_exif_apply(struct Pix *pix, int orientation)
{
    /* what each value asks to display it: 2 mirror, 3 turn 180, 4 mirror and
     * turn 180, 5 mirror and turn 270 cw, 6 turn 90 cw, 7 mirror and turn 90
     * cw, 8 turn 270 cw (mirror first, then turn clockwise) */
    static const int quads[9] = {0, 0, 0, 2, 2, 3, 1, 1, 3};
    static const int mirror[9] = {0, 0, 1, 0, 1, 1, 0, 1, 0};
    if (orientation < 2 || orientation > 8)
        return pixClone(pix);
    struct Pix *flipped = mirror[orientation] ? pixFlipLR(NULL, pix) : pixClone(pix);
    if (flipped == NULL)
        return NULL;
    struct Pix *out = quads[orientation] ? pixRotateOrth(flipped, quads[orientation])
                                         : pixClone(flipped);
    pixDestroy(&flipped);
    if (out != NULL && quads[orientation] % 2)
        pixSetResolution(out, pixGetYRes(pix), pixGetXRes(pix));
    else if (out != NULL)
        pixCopyResolution(out, pix);
    return out;
}
