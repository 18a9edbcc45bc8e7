/**
 * The model for exercise 2: a spherical grid and the velocity fields on it.
 * Read it, but do not edit it: the hidden check builds its inputs with this file.
 *
 * Every field is one flat `Float64Array` laid out [lat][r][lon], so the value at
 * latitude index `i`, radius index `j` and longitude index `k` lives at
 * `(i * nr + j) * nlon + k`: longitude is the fastest-moving index.
 *
 * @module
 */

/** The number of points along each axis of the grid. */
export interface GridSize {
  /** Latitudes, from -90° to 90°. */
  nlat: number;
  /** Longitudes, from 0° to 360°. */
  nlon: number;
  /** Radii, from 3485 km (the core-mantle boundary) to 6371 km (the surface). */
  nr: number;
}

/** The grid's coordinates and the spherical velocity components at every point. */
export interface Grid extends GridSize {
  /** `nlat` latitudes in degrees. */
  latitude: Float64Array;
  /** `nlon` longitudes in degrees. */
  longitude: Float64Array;
  /** `nr` radii in km. */
  radius: Float64Array;
  /** Northward component, one value per point, laid out [lat][r][lon]. */
  vlat: Float64Array;
  /** Eastward component, one value per point, laid out [lat][r][lon]. */
  vlon: Float64Array;
  /** Outward (radial) component, one value per point, laid out [lat][r][lon]. */
  vrad: Float64Array;
}

/** Cartesian velocity components, one value per point, laid out [lat][r][lon]. */
export interface Velocity {
  vx: Float64Array;
  vy: Float64Array;
  vz: Float64Array;
}

/** The course's grid: 500 × 800 × 300, 120 million points (about 1 GB per field). */
export const COURSE_SIZE: GridSize = { nlat: 500, nlon: 800, nr: 300 };

/** The benchmark's grid: half of the course's along each axis, 15 million points. */
export const BENCHMARK_SIZE: GridSize = { nlat: 250, nlon: 400, nr: 150 };

const LAT_MIN = -90;
const LAT_MAX = 90;
const LON_MIN = 0;
const LON_MAX = 360;
/** Radius of the core-mantle boundary, km. */
const R_MIN = 3485;
/** Radius of the Earth's surface, km. */
const R_MAX = 6371;
/** The middle of the mantle and its half-thickness, km: they map the radii onto [-1, 1]. */
const R_MID = 4928;
const R_HALF = 1443;

/**
 * Evenly spaced numbers from `start` to `stop`, both ends included (like
 * `numpy.linspace`).
 *
 * @param start The first value.
 * @param stop The last value (exactly, when `count` > 1).
 * @param count How many values; 1 gives `[start]`, 0 gives an empty array.
 * @returns A new array of `count` values.
 * @throws {RangeError} If `count` is not a non-negative integer.
 * @example
 * ```ts
 * import { linspace } from "./grid.ts";
 * const values = linspace(0, 1, 5);
 * if (values.join() !== "0,0.25,0.5,0.75,1") throw new Error("unexpected values");
 * ```
 */
export function linspace(start: number, stop: number, count: number): Float64Array {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot make a linspace: count must be a non-negative integer, got ${count}`,
    );
  }
  const values = new Float64Array(count);
  if (count === 0) return values;
  const step = count > 1 ? (stop - start) / (count - 1) : 0;
  for (let i = 0; i < count; i++) values[i] = start + i * step;
  if (count > 1) values[count - 1] = stop;
  return values;
}

/**
 * The Legendre polynomial of degree 2, P2(x) = (3x² − 1) / 2.
 *
 * @param x Any number; the fields use x in [-1, 1].
 * @returns P2(x).
 */
export function legendreP2(x: number): number {
  return (3 * x * x - 1) / 2;
}

/**
 * The Legendre polynomial of degree 3, P3(x) = (5x³ − 3x) / 2.
 *
 * @param x Any number; the fields use x in [-1, 1].
 * @returns P3(x).
 */
export function legendreP3(x: number): number {
  return (5 * x * x * x - 3 * x) / 2;
}

/** Throws unless every axis of `size` is a positive integer. */
function checkSize(size: GridSize): void {
  for (const axis of ["nlat", "nlon", "nr"] as const) {
    const n = size[axis];
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`Invalid grid size: ${axis} must be a positive integer, got ${n}`);
    }
  }
}

/**
 * The number of points on a grid of this size.
 *
 * @param size The grid's size.
 * @returns `nlat × nlon × nr`.
 * @throws {RangeError} If an axis is not a positive integer.
 */
export function pointCount(size: GridSize): number {
  checkSize(size);
  return size.nlat * size.nlon * size.nr;
}

/**
 * Builds the course's grid and velocity fields:
 * `vlat = P3(latitude / 90)`, `vlon = P2(longitude / 180 − 1)` and
 * `vrad = P3((radius − 4928) / 1443)`, each repeated along the axes it does not
 * depend on. With `noise` > 0, a seeded uniform value in [−noise, noise] is added
 * to every element of the three fields, so each one varies along all three axes.
 *
 * @param size The grid's size.
 * @param options `noise` (default 0: the course's fields exactly) and `seed` of
 *   the noise (default 0; ignored without noise).
 * @returns A new grid; the same size and options always give the same grid.
 * @throws {RangeError} If an axis is not a positive integer, or `noise` is negative
 *   or not finite.
 * @example
 * ```ts
 * import { makeGrid } from "./grid.ts";
 * const grid = makeGrid({ nlat: 3, nlon: 4, nr: 2 });
 * if (grid.vlat.length !== 24 || grid.latitude[1] !== 0) throw new Error("unexpected grid");
 * ```
 */
export function makeGrid(size: GridSize, options: { noise?: number; seed?: number } = {}): Grid {
  const count = pointCount(size);
  const { nlat, nlon, nr } = size;
  const noise = options.noise ?? 0;
  if (!Number.isFinite(noise) || noise < 0) {
    throw new RangeError(`Cannot make the grid: noise must be a finite number ≥ 0, got ${noise}`);
  }
  const latitude = linspace(LAT_MIN, LAT_MAX, nlat);
  const longitude = linspace(LON_MIN, LON_MAX, nlon);
  const radius = linspace(R_MIN, R_MAX, nr);

  // Each field depends on one axis only: compute that 1-D profile once, then
  // copy it into the 3-D array with the built-in fill() and set().
  const latProfile = latitude.map((lat) => legendreP3(lat / LAT_MAX));
  const lonProfile = longitude.map((lon) => legendreP2(lon / 180 - 1));
  const radProfile = radius.map((r) => legendreP3((r - R_MID) / R_HALF));

  const vlat = new Float64Array(count);
  const vlon = new Float64Array(count);
  const vrad = new Float64Array(count);
  for (let i = 0; i < nlat; i++) {
    const slab = i * nr * nlon;
    vlat.fill(latProfile[i] as number, slab, slab + nr * nlon);
    for (let j = 0; j < nr; j++) {
      const row = slab + j * nlon;
      vlon.set(lonProfile, row);
      vrad.fill(radProfile[j] as number, row, row + nlon);
    }
  }

  if (noise > 0) addNoise([vlat, vlon, vrad], noise, options.seed ?? 0);
  return { nlat, nlon, nr, latitude, longitude, radius, vlat, vlon, vrad };
}

/**
 * Allocates the output of a conversion: three zero-filled fields.
 *
 * @param size The grid's size.
 * @returns `vx`, `vy` and `vz`, each of `pointCount(size)` zeros.
 * @throws {RangeError} If an axis is not a positive integer.
 */
export function createVelocity(size: GridSize): Velocity {
  const count = pointCount(size);
  return {
    vx: new Float64Array(count),
    vy: new Float64Array(count),
    vz: new Float64Array(count),
  };
}

/**
 * Adds a uniform value in [−noise, noise] to every element, from a seeded
 * xorshift32 stream. Inlined rather than a generator object: the benchmark grid
 * has 45 million elements, and a call per element would dominate building it.
 */
function addNoise(fields: Float64Array[], noise: number, seed: number): void {
  // xorshift32 must not start at 0; mixing the seed also spreads nearby seeds apart.
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0) || 1;
  const scale = (2 * noise) / 4294967296;
  for (const field of fields) {
    for (let p = 0; p < field.length; p++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      field[p] = (field[p] as number) + ((state >>> 0) * scale - noise);
    }
  }
}
