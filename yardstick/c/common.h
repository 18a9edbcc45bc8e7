/*
 * What every yardstick program shares: a monotonic clock in milliseconds, and
 * the one output line the workbook reads: the sum (%.17g, enough digits to
 * compare it bit for bit; velocity prints a checksum of its output instead) and then the time of each run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Usage: prog N RUNS. N is read through a volatile so that the compiler cannot
 * fold the runs into one (the kernels are pure functions of N). */
static void parse_args(int argc, char **argv, long *n, int *runs) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s N RUNS\n", argv[0]);
    exit(2);
  }
  *n = atol(argv[1]);
  *runs = atoi(argv[2]);
}

#define TIME_RUNS(n, runs, kernel, shown)                       \
  do {                                                          \
    volatile long vn = (n);                                     \
    double times[64], sum = 0;                                  \
    int count = (runs) > 64 ? 64 : (runs);                      \
    for (int r = 0; r < count; r++) {                           \
      double t0 = now_ms();                                     \
      sum = kernel(vn);                                         \
      times[r] = now_ms() - t0;                                 \
    }                                                           \
    printf("%.17g", shown(sum));                                \
    for (int r = 0; r < count; r++) printf(" %.3f", times[r]); \
    printf("\n");                                               \
  } while (0)

/* What the kernels that return their sum print: the sum itself. */
static inline double as_is(double sum) { return sum; }
