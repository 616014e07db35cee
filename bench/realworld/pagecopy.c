/*
 * pagecopy.c - bench/realworld's image tool: a page image turned and saved
 * in another format, with leptonica (the library dokaz reads images with).
 *
 * Usage: pagecopy IN OUT [DEGREES]
 * OUT's format follows its extension (.png .jpg .tif .webp .jp2); DEGREES
 * (90, 180, 270) turns the page clockwise. The resolution is kept. Built by
 * bench/realworld/run; not part of dokaz.
 */
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* format_of - leptonica's format constant for a file name's extension */
static int format_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    static const struct {
        const char *ext;
        int format;
    } formats[] = {{".png", IFF_PNG},
                   {".jpg", IFF_JFIF_JPEG},
                   {".tif", IFF_TIFF_ZIP},
                   {".webp", IFF_WEBP},
                   {".jp2", IFF_JP2}};
    for (size_t i = 0; dot != NULL && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(dot, formats[i].ext) == 0)
            return formats[i].format;
    return IFF_PNG;
}

/* main - read, turn, write */
int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pagecopy IN OUT [DEGREES]\n");
        return 2;
    }
    PIX *pix = pixRead(argv[1]);
    if (pix == NULL) {
        fprintf(stderr, "pagecopy: cannot read %s\n", argv[1]);
        return 1;
    }
    int quads = argc > 3 ? atoi(argv[3]) / 90 : 0;
    if (quads % 4 != 0) {
        PIX *turned = pixRotateOrth(pix, quads % 4);
        pixDestroy(&pix);
        pix = turned;
    }
    int format = format_of(argv[2]);
    if (format == IFF_JFIF_JPEG || format == IFF_WEBP || format == IFF_JP2) {
        PIX *rgb = pixConvertTo32(pix); /* these writers want 8 or 32 bpp */
        pixDestroy(&pix);
        pix = rgb;
    }
    int rc = pix == NULL || pixWrite(argv[2], pix, format) != 0;
    if (rc)
        fprintf(stderr, "pagecopy: cannot write %s\n", argv[2]);
    pixDestroy(&pix);
    return rc;
}
