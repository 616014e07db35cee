/*
 * pagecopy.c - bench/realworld's image tool: a page image turned and saved
 * in another format, or made to look photographed, with leptonica (the
 * library dokaz reads images with).
 *
 * Usage: pagecopy IN OUT [DEGREES | photo]
 * OUT's format follows its extension (.png .jpg .tif .webp .jp2); DEGREES
 * (90, 180, 270) turns the page clockwise. The resolution is kept, except
 * for `photo`: the page as a phone photographs a curled sheet on a desk,
 * its lines bent (a quadratic vertical shear, as a page curling up from
 * its spine bends them), seen at an angle (a projective warp: the top
 * narrower than the bottom), lit from one corner (brightness falling off to
 * 60% at the far corner), with sensor noise, saved saying 72 dpi as phones
 * do. Built by bench/realworld/run; not part of dokaz.
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

/* shade - brightness falling off linearly from the top left corner to
 * `least` at the bottom right (in place, 32 bpp) */
static void shade(PIX *pix, double least)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
    l_uint32 *data = pixGetData(pix);
    double far = (double)w + h;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            l_uint32 *p = data + y * wpl + x;
            double f = 1.0 - (1.0 - least) * (x + y) / far;
            l_int32 r, g, b;
            extractRGBValues(*p, &r, &g, &b);
            composeRGBPixel((l_int32)(r * f), (l_int32)(g * f), (l_int32)(b * f), p);
        }
}

/* photograph - the page bent, at an angle, lit unevenly and noisy (new image) */
static PIX *photograph(PIX *page)
{
    PIX *rgb = pixConvertTo32(page);
    int w = pixGetWidth(rgb), h = pixGetHeight(rgb);
    /* lines bent: up to 8% of the height at the edges, more at the top */
    PIX *bent = pixQuadraticVShear(rgb, L_WARP_TO_RIGHT, h / 12, h / 25, L_INTERPOLATED,
                                   L_BRING_IN_WHITE);
    /* at an angle: the top edge 8% narrower, the page a little turned */
    PTA *src = ptaCreate(4), *dst = ptaCreate(4);
    ptaAddPt(src, 0, 0), ptaAddPt(src, w, 0), ptaAddPt(src, 0, h), ptaAddPt(src, w, h);
    ptaAddPt(dst, 0.04f * w, 0.01f * h), ptaAddPt(dst, 0.96f * w, 0.03f * h);
    ptaAddPt(dst, 0, h), ptaAddPt(dst, w, 0.98f * h);
    PIX *angled = bent ? pixProjectivePtaColor(bent, dst, src, 0xb0b0a000) : NULL;
    PIX *noisy = NULL;
    if (angled != NULL) {
        shade(angled, 0.6);
        noisy = pixAddGaussianNoise(angled, 6.0f);
    }
    if (noisy != NULL)
        pixSetResolution(noisy, 72, 72);
    ptaDestroy(&src);
    ptaDestroy(&dst);
    pixDestroy(&rgb);
    pixDestroy(&bent);
    pixDestroy(&angled);
    return noisy;
}

/* main - read, turn or photograph, write */
int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pagecopy IN OUT [DEGREES | photo]\n");
        return 2;
    }
    PIX *pix = pixRead(argv[1]);
    if (pix == NULL) {
        fprintf(stderr, "pagecopy: cannot read %s\n", argv[1]);
        return 1;
    }
    int quads = argc > 3 ? atoi(argv[3]) / 90 : 0;
    if (argc > 3 && strcmp(argv[3], "photo") == 0) {
        PIX *photo = photograph(pix);
        pixDestroy(&pix);
        pix = photo;
    } else if (quads % 4 != 0) {
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
