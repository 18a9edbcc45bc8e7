/*
 * Exercise 1's algorithm as its reference runs it: Σ termSign(SEED, k)/k for
 * k = 1..n without a 9 in k, testing every k with 32-bit integer division by
 * the constant 10, the sign a bit of a hash of (SEED, k / 32) computed once per
 * 32 terms (checks/shared/term_sign.ts). SEED is the yardstick's
 * (SIGNED_SERIES_SEED in lib/learner/yardstick/problems.ts): the sums agree bit
 * for bit only when the two are the same.
 */
#include <stdint.h>
#include "common.h"

#define SEED 12345u

/* The 32 signs of the block k / 32 = block: bit k % 32 set means -1. */
static uint32_t block_signs(uint32_t seed, uint32_t block) {
  uint32_t h = (block * 0x9e3779b1u) ^ seed;
  h = (h ^ (h >> 16)) * 0x85ebca6bu;
  h = (h ^ (h >> 13)) * 0xc2b2ae35u;
  return h ^ (h >> 16);
}

static double slow_series_signed(long n) {
  double total = 0;
  uint32_t signs = block_signs(SEED, 0);
  for (int k = 1; k <= n; k++) {
    if ((k & 31) == 0) signs = block_signs(SEED, (uint32_t)k >> 5);
    int rest = k, nine = 0;
    while (rest > 0) {
      int next = rest / 10;
      if (rest - next * 10 == 9) { nine = 1; break; }
      rest = next;
    }
    /* ±1/k exactly: (1 - 2·bit) is ±1, as the reference writes it */
    if (!nine) total += (double)(1 - (int)(((signs >> (k & 31)) & 1) << 1)) / k;
  }
  return total;
}

int main(int argc, char **argv) {
  long n; int runs;
  parse_args(argc, argv, &n, &runs);
  TIME_RUNS(n, runs, slow_series_signed, as_is);
  return 0;
}
