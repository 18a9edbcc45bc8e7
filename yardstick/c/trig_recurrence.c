/*
 * Exercise 7's algorithm: Σ cos(i)/i for i = 1..n, cos i and sin i carried by
 * the angle-addition recurrence and restarted from libm's cos and sin every
 * 1024 terms (the anchors), as solutions/07_jit_tiers/jit_tiers.ts does.
 */
#include <math.h>
#include "common.h"

#define ANCHOR_INTERVAL 1024

static double trig_recurrence(long n) {
  const double cos1 = cos(1.0), sin1 = sin(1.0);
  double total = 0;
  for (long anchor = 1; anchor <= n; anchor += ANCHOR_INTERVAL) {
    long last = anchor + ANCHOR_INTERVAL - 1 < n ? anchor + ANCHOR_INTERVAL - 1 : n;
    double c = cos((double)anchor), s = sin((double)anchor);
    for (long i = anchor; i <= last; i++) {
      total += c / (double)i;
      double next = c * cos1 - s * sin1;
      s = s * cos1 + c * sin1;
      c = next;
    }
  }
  return total;
}

int main(int argc, char **argv) {
  long n; int runs;
  parse_args(argc, argv, &n, &runs);
  TIME_RUNS(n, runs, trig_recurrence, as_is);
  return 0;
}
