/*
 * Exercise 9's algorithm: visit only the 9-free k. Every k ≥ 10 is 10·P + m for
 * a 9-free prefix P and a last digit m in 0..8; prefixes are counted upwards
 * (skipping 9 with a carry), so the terms come in ascending k, as the brute
 * force adds them: the sum is the same double.
 */
#include "common.h"

static double block_enumeration(long n) {
  double total = 0;
  for (long k = 1; k <= 8 && k <= n; k++) total += 1.0 / k;
  int prefix[20] = {1};
  int length = 1;
  long value = 1;
  while (10 * value <= n) {
    double base = 10.0 * value;
    if (10 * value + 9 <= n) {
      /* A whole block: nine independent divisions, added in order. */
      for (int m = 0; m <= 8; m++) total += 1.0 / (base + m);
    } else {
      for (int m = 0; m <= 8; m++) if (10 * value + m <= n) total += 1.0 / (base + m);
    }
    /* The next 9-free prefix. */
    int position = 0;
    long step = 1;
    for (;;) {
      if (prefix[position] < 8) { prefix[position]++; value += step; break; }
      value -= 8 * step; /* carry: 8 → 0 */
      prefix[position++] = 0;
      step *= 10;
      if (position == length) { prefix[position] = 1; value += step; length++; break; }
    }
  }
  return total;
}

int main(int argc, char **argv) {
  long n; int runs;
  parse_args(argc, argv, &n, &runs);
  TIME_RUNS(n, runs, block_enumeration, as_is);
  return 0;
}
