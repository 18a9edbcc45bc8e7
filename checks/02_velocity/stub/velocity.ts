/**
 * Exercise 2: convert the spherical velocity on a grid to Cartesian components,
 * fast. Read README.md first; the grid and its layout are in grid.ts.
 *
 * @module
 */
import type { Grid, Velocity } from "./grid.ts";

/**
 * Converts the spherical velocity components of `grid` to Cartesian ones.
 *
 * At every point, with the latitude and longitude in radians:
 *
 *   vx = −sin(lon)·vlon − sin(lat)·cos(lon)·vlat + cos(lat)·cos(lon)·vrad
 *   vy =  cos(lon)·vlon − sin(lat)·sin(lon)·vlat + cos(lat)·sin(lon)·vrad
 *   vz =  cos(lat)·vlat + sin(lat)·vrad
 *
 * The contract: write every element of `out.vx`, `out.vy` and `out.vz` (the
 * check fills them with garbage first, so an element you skip fails), and return
 * `out`. Returning three fresh arrays of the right length is accepted too, but
 * allocating them costs time.
 *
 * @param grid The grid: `nlat`, `nlon`, `nr`, the coordinates in degrees and km,
 *   and `vlat`, `vlon`, `vrad`, laid out [lat][r][lon]: the point (i, j, k) is at
 *   index `(i * nr + j) * nlon + k`.
 * @param out Three arrays of `nlat * nlon * nr` elements, laid out like the fields.
 * @returns `out`, filled.
 */
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  // TODO: Task 1: loop over every point and apply the three formulas above.
  //       Degrees to radians: multiply by Math.PI / 180.
  // TODO: Task 2: compute each sin and cos once per latitude or longitude, not
  //       once per point, and loop in the order the fields are stored.
  void grid; // These two lines only keep the linter quiet about unused
  void out; // parameters: delete them when you start.
  throw new Error("Not implemented: toCartesian()");
}
