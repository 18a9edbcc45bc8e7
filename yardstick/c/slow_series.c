/*
 * Exercise 1's algorithm: Σ 1/k for k = 1..n without a 9 in k, testing every k
 * with 32-bit integer division by the constant 10 (a multiply and a shift).
 */
#include "common.h"

static double slow_series(long n) {
  double total = 0;
  for (int k = 1; k <= n; k++) {
    int rest = k, nine = 0;
    while (rest > 0) {
      int next = rest / 10;
      if (rest - next * 10 == 9) { nine = 1; break; }
      rest = next;
    }
    if (!nine) total += 1.0 / k; /* ascending k, as the references add */
  }
  return total;
}

int main(int argc, char **argv) {
  long n; int runs;
  parse_args(argc, argv, &n, &runs);
  TIME_RUNS(n, runs, slow_series, as_is);
  return 0;
}
