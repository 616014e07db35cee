/*
 * prng.h - the sample generator's own small pseudo-random number generator.
 *
 * Test data must be byte-identical for a given seed on every machine, so
 * rand() is out: its sequence belongs to the C library.  SplitMix64 is tiny,
 * passes the usual statistical batteries and needs no state beyond one word.
 *
 * Every page gets its own stream, derived from the seed and the page's name,
 * so that adding or reordering documents never changes the pages already
 * there.
 */
#ifndef DOKAZ_SAMPLES_PRNG_H
#define DOKAZ_SAMPLES_PRNG_H

#include <stdint.h>

typedef struct prng {
    uint64_t state;
} prng;

/* prng_next - next 64 random bits (SplitMix64) */
static inline uint64_t prng_next(prng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* prng_derive - independent stream for (seed, label, index) */
static inline prng prng_derive(uint64_t seed, const char *label, int index)
{
    /* FNV-1a over the label, then mixed with the seed and index through
     * SplitMix64 itself so that nearby seeds give unrelated streams. */
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (const unsigned char *p = (const unsigned char *)label; *p; p++)
        h = (h ^ *p) * UINT64_C(0x100000001b3);
    prng r = {seed ^ h ^ ((uint64_t)(uint32_t)index << 32)};
    (void)prng_next(&r);
    return r;
}

/* prng_uniform - uniform double in [0, 1) */
static inline double prng_uniform(prng *r)
{
    return (double)(prng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* prng_range - uniform double in [lo, hi) */
static inline double prng_range(prng *r, double lo, double hi)
{
    return lo + (hi - lo) * prng_uniform(r);
}

/* prng_gauss - approximately standard normal value (Irwin-Hall, n = 4) */
static inline double prng_gauss(prng *r)
{
    /* Four 16-bit uniforms from one draw: sum has mean 2, variance 1/3.
     * Tails are cut at +-3.46 sigma, which is what scanner noise needs. */
    uint64_t v = prng_next(r);
    double s = 0.0;
    for (int i = 0; i < 4; i++, v >>= 16)
        s += (double)(v & 0xffff) * (1.0 / 65536.0);
    return (s - 2.0) * 1.7320508075688772;
}

#endif
