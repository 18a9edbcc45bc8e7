/*
 * Exercise 2's algorithm: spherical to Cartesian velocities on an
 * nlat × nr × nlon grid stored [lat][r][lon], with sin/cos tables for the
 * longitudes and one sin/cos per latitude, looping in memory order. N is the
 * number of latitudes; the grid is N × (0.6·N) × (1.6·N) (250 × 150 × 400).
 * The fields are the workbook's noise-free profiles (exercises/02_velocity/grid.ts).
 */
#include <math.h>
#include "common.h"

static int nlat, nr, nlon;
static double *vlat, *vlon, *vrad, *vx, *vy, *vz, *latitude, *longitude;

static double p2(double x) { return (3 * x * x - 1) / 2; }
static double p3(double x) { return (5 * x * x * x - 3 * x) / 2; }

static double velocity(long n) {
  (void)n;
  const double deg = M_PI / 180;
  double *sin_lon = malloc(nlon * sizeof(double)), *cos_lon = malloc(nlon * sizeof(double));
  for (int k = 0; k < nlon; k++) {
    sin_lon[k] = sin(longitude[k] * deg);
    cos_lon[k] = cos(longitude[k] * deg);
  }
  for (int i = 0; i < nlat; i++) {
    double sin_lat = sin(latitude[i] * deg), cos_lat = cos(latitude[i] * deg);
    for (int j = 0; j < nr; j++) {
      long row = ((long)i * nr + j) * nlon;
      for (int k = 0; k < nlon; k++) {
        long p = row + k;
        double s = sin_lon[k], c = cos_lon[k];
        double north = vlat[p], east = vlon[p], up = vrad[p];
        vx[p] = -s * east - sin_lat * c * north + cos_lat * c * up;
        vy[p] = c * east - sin_lat * s * north + cos_lat * s * up;
        vz[p] = cos_lat * north + sin_lat * up;
      }
    }
  }
  free(sin_lon);
  free(cos_lon);
  return 0;
}

/* A checksum of the output in storage order, printed after the timed runs. */
static double checksum(double unused) {
  (void)unused;
  double sum = 0;
  long count = (long)nlat * nr * nlon;
  for (long p = 0; p < count; p++) sum += vx[p] + vy[p] + vz[p];
  return sum;
}

static void linspace(double *out, double a, double b, int count) {
  double step = count > 1 ? (b - a) / (count - 1) : 0;
  for (int i = 0; i < count; i++) out[i] = a + i * step;
  if (count > 1) out[count - 1] = b;
}

int main(int argc, char **argv) {
  long n; int runs;
  parse_args(argc, argv, &n, &runs);
  nlat = (int)n; nr = (int)(n * 3 / 5); nlon = (int)(n * 8 / 5);
  long count = (long)nlat * nr * nlon;
  double **fields[] = {&vlat, &vlon, &vrad, &vx, &vy, &vz};
  for (int f = 0; f < 6; f++) *fields[f] = malloc(count * sizeof(double));
  latitude = malloc(nlat * sizeof(double));
  longitude = malloc(nlon * sizeof(double));
  double *radius = malloc(nr * sizeof(double));
  linspace(latitude, -90, 90, nlat);
  linspace(longitude, 0, 360, nlon);
  linspace(radius, 3485, 6371, nr);
  for (int i = 0; i < nlat; i++)
    for (int j = 0; j < nr; j++)
      for (int k = 0; k < nlon; k++) {
        long p = ((long)i * nr + j) * nlon + k;
        vlat[p] = p3(latitude[i] / 90);
        vlon[p] = p2(longitude[k] / 180 - 1);
        vrad[p] = p3((radius[j] - 4928) / 1443);
      }
  TIME_RUNS(n, runs, velocity, checksum);
  return 0;
}
