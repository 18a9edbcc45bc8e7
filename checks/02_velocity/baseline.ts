/**
 * Exercise 2's baseline: the course's first version, for TypeScript. The speed-up
 * a learner reaches is measured against it.
 *
 * It is slow on purpose, in the two ways the course's first attempt is: it
 * converts degrees to radians and calls `Math.sin` and `Math.cos` at every one
 * of the grid's points, although they depend on one latitude or one longitude
 * only; and it loops latitude, then longitude, then radius, so the innermost
 * loop jumps `nlon` elements through memory at every step instead of walking it.
 *
 * @module
 */
import type { Grid, Velocity } from "../../exercises/02_velocity/grid.ts";

/** Converts the spherical velocity to Cartesian components with the naive triple loop. */
export function toCartesianBaseline(grid: Grid, out: Velocity): Velocity {
  const { nlat, nlon, nr, latitude, longitude, vlat, vlon, vrad } = grid;
  const { vx, vy, vz } = out;
  for (let i = 0; i < nlat; i++) {
    for (let k = 0; k < nlon; k++) {
      for (let j = 0; j < nr; j++) {
        const lat = (latitude[i] as number) * (Math.PI / 180);
        const lon = (longitude[k] as number) * (Math.PI / 180);
        const sinLat = Math.sin(lat);
        const cosLat = Math.cos(lat);
        const sinLon = Math.sin(lon);
        const cosLon = Math.cos(lon);
        const p = (i * nr + j) * nlon + k;
        const north = vlat[p] as number;
        const east = vlon[p] as number;
        const up = vrad[p] as number;
        vx[p] = -sinLon * east - sinLat * cosLon * north + cosLat * cosLon * up;
        vy[p] = cosLon * east - sinLat * sinLon * north + cosLat * sinLon * up;
        vz[p] = cosLat * north + sinLat * up;
      }
    }
  }
  return out;
}
