/**
 * Exercise 2, reference solution: spherical to Cartesian velocity with trig
 * tables and loops in memory order.
 *
 * @module
 */
import type { Grid, Velocity } from "../../exercises/02_velocity/grid.ts";

/** Degrees to radians. The baseline uses the same factor, so the angles match bit for bit. */
const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * Converts the spherical velocity components of `grid` to Cartesian ones.
 *
 * @param grid The grid and its `vlat`, `vlon`, `vrad` fields, laid out [lat][r][lon].
 * @param out Where to write `vx`, `vy`, `vz`; every element is overwritten.
 * @returns `out`.
 */
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  const { nlat, nlon, nr, latitude, longitude, vlat, vlon, vrad } = grid;
  const { vx, vy, vz } = out;

  // sin and cos depend on the longitude alone: nlon calls each, instead of one
  // per grid point (nlat × nr times more). Typed arrays keep the table as plain
  // doubles, side by side in memory.
  const sinLon = new Float64Array(nlon);
  const cosLon = new Float64Array(nlon);
  for (let k = 0; k < nlon; k++) {
    const lon = (longitude[k] as number) * RADIANS_PER_DEGREE;
    sinLon[k] = Math.sin(lon);
    cosLon[k] = Math.cos(lon);
  }

  // Loop in the order the fields are stored, [lat][r][lon]: the innermost loop
  // then reads and writes consecutive elements, which the CPU's caches and
  // prefetcher serve fastest. (Looping over r innermost would jump nlon elements
  // at every step.)
  for (let i = 0; i < nlat; i++) {
    // One latitude per outer step: its sin and cos are computed once here.
    const lat = (latitude[i] as number) * RADIANS_PER_DEGREE;
    const sinLat = Math.sin(lat);
    const cosLat = Math.cos(lat);
    for (let j = 0; j < nr; j++) {
      const row = (i * nr + j) * nlon;
      // The inner loop only loads, multiplies, adds and stores: no calls, no allocation.
      for (let k = 0; k < nlon; k++) {
        const p = row + k;
        const s = sinLon[k] as number;
        const c = cosLon[k] as number;
        const north = vlat[p] as number;
        const east = vlon[p] as number;
        const up = vrad[p] as number;
        vx[p] = -s * east - sinLat * c * north + cosLat * c * up;
        vy[p] = c * east - sinLat * s * north + cosLat * s * up;
        vz[p] = cosLat * north + sinLat * up;
      }
    }
  }
  return out;
}
