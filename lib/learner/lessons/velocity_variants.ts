/**
 * The velocity conversion of exercise 2, written the ways the course wrote it,
 * in TypeScript: the rungs of its ladder (naive, hoisted, tables, memory order)
 * and NumPy's style (whole-array operations with broadcast tables and a
 * temporary per operation, over one, two or three dimensions). Each writes
 * `out` and returns the number of bytes its passes read and wrote, so the
 * lesson can print the memory traffic beside the time.
 *
 * These are teaching variants for `deno task bench 2 --ladder` and
 * `--numpy`, not the learner's reference: the reference is
 * `solutions/02_velocity/velocity.ts`.
 *
 * @module
 */
import type { Grid, Velocity } from "../../../exercises/02_velocity/grid.ts";

/** Degrees to radians, the factor the baseline and the reference use. */
const RAD = Math.PI / 180;
/** Bytes in one double. */
const F64 = 8;

/** A variant: fills `out` from `grid` and returns the bytes its array passes moved. */
export type Variant = (grid: Grid, out: Velocity) => number;

/**
 * Rung 1, the course's first loop: trig of both angles at every point, loops
 * latitude, longitude, radius (the innermost loop jumps `nlon` elements).
 */
export const naive: Variant = (grid, out) => {
  const { nlat, nlon, nr, latitude, longitude, vlat, vlon, vrad } = grid;
  const { vx, vy, vz } = out;
  for (let i = 0; i < nlat; i++) {
    for (let k = 0; k < nlon; k++) {
      for (let j = 0; j < nr; j++) {
        const p = (i * nr + j) * nlon + k;
        const lat = (latitude[i] as number) * RAD;
        const lon = (longitude[k] as number) * RAD;
        const n = vlat[p] as number, e = vlon[p] as number, u = vrad[p] as number;
        vx[p] = -Math.sin(lon) * e - Math.sin(lat) * Math.cos(lon) * n +
          Math.cos(lat) * Math.cos(lon) * u;
        vy[p] = Math.cos(lon) * e - Math.sin(lat) * Math.sin(lon) * n +
          Math.cos(lat) * Math.sin(lon) * u;
        vz[p] = Math.cos(lat) * n + Math.sin(lat) * u;
      }
    }
  }
  return 6 * F64 * nlat * nlon * nr;
};

/**
 * Rung 2, the course's 192 s loop: sin and cos of the latitude once per
 * latitude and of the longitude once per (latitude, longitude), same order.
 */
export const hoisted: Variant = (grid, out) => {
  const { nlat, nlon, nr, latitude, longitude, vlat, vlon, vrad } = grid;
  const { vx, vy, vz } = out;
  for (let i = 0; i < nlat; i++) {
    const lat = (latitude[i] as number) * RAD;
    const sinLat = Math.sin(lat), cosLat = Math.cos(lat);
    for (let k = 0; k < nlon; k++) {
      const lon = (longitude[k] as number) * RAD;
      const s = Math.sin(lon), c = Math.cos(lon);
      for (let j = 0; j < nr; j++) {
        const p = (i * nr + j) * nlon + k;
        const n = vlat[p] as number, e = vlon[p] as number, u = vrad[p] as number;
        vx[p] = -s * e - sinLat * c * n + cosLat * c * u;
        vy[p] = c * e - sinLat * s * n + cosLat * s * u;
        vz[p] = cosLat * n + sinLat * u;
      }
    }
  }
  return 6 * F64 * nlat * nlon * nr;
};

/** sin and cos of every longitude, once. */
function lonTables(grid: Grid): { sinLon: Float64Array; cosLon: Float64Array } {
  const sinLon = new Float64Array(grid.nlon), cosLon = new Float64Array(grid.nlon);
  for (let k = 0; k < grid.nlon; k++) {
    const lon = (grid.longitude[k] as number) * RAD;
    sinLon[k] = Math.sin(lon);
    cosLon[k] = Math.cos(lon);
  }
  return { sinLon, cosLon };
}

/** Rung 3: trig tables once, still latitude, longitude, radius order (strided inner loop). */
export const tables: Variant = (grid, out) => {
  const { nlat, nlon, nr, latitude, vlat, vlon, vrad } = grid;
  const { vx, vy, vz } = out;
  const { sinLon, cosLon } = lonTables(grid);
  for (let i = 0; i < nlat; i++) {
    const lat = (latitude[i] as number) * RAD;
    const sinLat = Math.sin(lat), cosLat = Math.cos(lat);
    for (let k = 0; k < nlon; k++) {
      const s = sinLon[k] as number, c = cosLon[k] as number;
      for (let j = 0; j < nr; j++) {
        const p = (i * nr + j) * nlon + k;
        const n = vlat[p] as number, e = vlon[p] as number, u = vrad[p] as number;
        vx[p] = -s * e - sinLat * c * n + cosLat * c * u;
        vy[p] = c * e - sinLat * s * n + cosLat * s * u;
        vz[p] = cosLat * n + sinLat * u;
      }
    }
  }
  return 6 * F64 * nlat * nlon * nr;
};

/** Rung 4: trig tables and the loops in memory order (latitude, radius, longitude). */
export const memoryOrder: Variant = (grid, out) => {
  const { nlat, nlon, nr, latitude, vlat, vlon, vrad } = grid;
  const { vx, vy, vz } = out;
  const { sinLon, cosLon } = lonTables(grid);
  for (let i = 0; i < nlat; i++) {
    const lat = (latitude[i] as number) * RAD;
    const sinLat = Math.sin(lat), cosLat = Math.cos(lat);
    for (let j = 0; j < nr; j++) {
      const row = (i * nr + j) * nlon;
      for (let k = 0; k < nlon; k++) {
        const p = row + k;
        const s = sinLon[k] as number, c = cosLon[k] as number;
        const n = vlat[p] as number, e = vlon[p] as number, u = vrad[p] as number;
        vx[p] = -s * e - sinLat * c * n + cosLat * c * u;
        vy[p] = c * e - sinLat * s * n + cosLat * s * u;
        vz[p] = cosLat * n + sinLat * u;
      }
    }
  }
  return 6 * F64 * nlat * nlon * nr;
};

/** The rotation's 3×3 matrix as nested arrays times a vector, into a new array. */
function dot(matrix: number[][], vector: number[]): number[] {
  const result: number[] = [];
  for (const row of matrix) {
    result.push(
      (row[0] as number) * (vector[0] as number) + (row[1] as number) * (vector[1] as number) +
        (row[2] as number) * (vector[2] as number),
    );
  }
  return result;
}

/** How Question 1's variant holds the matrix it builds at every point. */
export type MatrixKind = "nested-dot" | "nested-inline" | "typed";

/**
 * Question 1 (exercise 2, Task 3): the memory-order loop, but at every point
 * the rotation is built as a 3×3 matrix and multiplied with the vector
 * (east, north, up): as nested `number[][]` with a `dot()` that builds its
 * result, as nested arrays with the product written out, or as a new
 * `Float64Array(9)`. The same products as the scalar loop, in the same order,
 * so the output is identical; only the allocations differ.
 */
export function matrixPerPoint(kind: MatrixKind): Variant {
  return (grid, out) => {
    const { nlat, nlon, nr, latitude, vlat, vlon, vrad } = grid;
    const { vx, vy, vz } = out;
    const { sinLon, cosLon } = lonTables(grid);
    for (let i = 0; i < nlat; i++) {
      const lat = (latitude[i] as number) * RAD;
      const sinLat = Math.sin(lat), cosLat = Math.cos(lat);
      for (let j = 0; j < nr; j++) {
        const row = (i * nr + j) * nlon;
        for (let k = 0; k < nlon; k++) {
          const p = row + k;
          const s = sinLon[k] as number, c = cosLon[k] as number;
          const e = vlon[p] as number, n = vlat[p] as number, u = vrad[p] as number;
          if (kind === "typed") {
            const m = new Float64Array(9);
            m[0] = -s, m[1] = -(sinLat * c), m[2] = cosLat * c;
            m[3] = c, m[4] = -(sinLat * s), m[5] = cosLat * s;
            m[6] = 0, m[7] = cosLat, m[8] = sinLat;
            vx[p] = (m[0] as number) * e + (m[1] as number) * n + (m[2] as number) * u;
            vy[p] = (m[3] as number) * e + (m[4] as number) * n + (m[5] as number) * u;
            vz[p] = (m[6] as number) * e + (m[7] as number) * n + (m[8] as number) * u;
            continue;
          }
          const m = [[-s, -(sinLat * c), cosLat * c], [c, -(sinLat * s), cosLat * s], [
            0,
            cosLat,
            sinLat,
          ]];
          const v = [e, n, u];
          if (kind === "nested-dot") {
            const r = dot(m, v);
            vx[p] = r[0] as number, vy[p] = r[1] as number, vz[p] = r[2] as number;
            continue;
          }
          const [m0, m1, m2] = m as [number[], number[], number[]];
          const [ve, vn, vu] = v as [number, number, number];
          vx[p] = (m0[0] as number) * ve + (m0[1] as number) * vn + (m0[2] as number) * vu;
          vy[p] = (m1[0] as number) * ve + (m1[1] as number) * vn + (m1[2] as number) * vu;
          vz[p] = (m2[0] as number) * ve + (m2[1] as number) * vn + (m2[2] as number) * vu;
        }
      }
    }
    return 6 * F64 * nlat * nlon * nr;
  };
}

/**
 * NumPy's way, one operation per pass: every `a * b` or `a + b` is a loop of
 * its own over a block of `length` elements, into a fresh temporary, and a
 * per-longitude table takes part by broadcasting (read again for each of the
 * block's `length / nlon` rows, as NumPy reads a stride-0 axis).
 */
class BlockOps {
  /** Bytes read and written by the passes so far. */
  bytes = 0;
  constructor(readonly length: number, readonly nlon: number) {}

  /** table (broadcast along the rows) × field[offset …]: a temporary of the block's size. */
  tableTimesField(table: Float64Array, field: Float64Array, offset: number): Float64Array {
    const t = new Float64Array(this.length);
    const nlon = this.nlon;
    for (let row = 0; row < this.length; row += nlon) {
      for (let k = 0; k < nlon; k++) {
        t[row + k] = (table[k] as number) * (field[offset + row + k] as number);
      }
    }
    this.bytes += 3 * F64 * this.length;
    return t;
  }

  /** a·x + b·y element by element (a and b scalars): one more temporary. */
  combine(a: number, x: Float64Array, b: number, y: Float64Array): Float64Array {
    const t = new Float64Array(this.length);
    for (let p = 0; p < this.length; p++) t[p] = a * (x[p] as number) + b * (y[p] as number);
    this.bytes += 3 * F64 * this.length;
    return t;
  }

  /** a scalar × field[offset …]: a temporary. */
  scalarTimesField(a: number, field: Float64Array, offset: number): Float64Array {
    const t = new Float64Array(this.length);
    for (let p = 0; p < this.length; p++) t[p] = a * (field[offset + p] as number);
    this.bytes += 2 * F64 * this.length;
    return t;
  }

  /** out[offset …] = x + y, the assignment into the result. */
  store(out: Float64Array, offset: number, x: Float64Array, y: Float64Array): void {
    for (let p = 0; p < this.length; p++) out[offset + p] = (x[p] as number) + (y[p] as number);
    this.bytes += 3 * F64 * this.length;
  }
}

/** How many axes one NumPy-style statement covers: longitude; radius × longitude; all three. */
export type VectorisedAxes = 1 | 2 | 3;

/**
 * The conversion in NumPy's style, vectorised over the last `axes` axes: for
 * 1, one statement per (latitude, radius) row of `nlon` elements (the course's
 * 3.5 s); for 2, per latitude, a slab of `nr × nlon` (its 1.5 s); for 3, the
 * whole grid at once (its "slightly slower — why?").
 *
 * @param axes How many trailing axes each statement covers.
 * @returns The variant.
 */
export function vectorised(axes: VectorisedAxes): Variant {
  return (grid, out) => {
    const { nlat, nlon, nr, latitude, vlat, vlon, vrad } = grid;
    const { sinLon, cosLon } = lonTables(grid);
    // Per-latitude tables for the three-axis case: sinLat × cosLon is then a
    // (nlat, 1, nlon) table, broadcast along the radius.
    const length = axes === 1 ? nlon : axes === 2 ? nr * nlon : nlat * nr * nlon;
    const ops = new BlockOps(length, nlon);
    const blocks = axes === 1 ? nlat * nr : axes === 2 ? nlat : 1;
    for (let b = 0; b < blocks; b++) {
      const offset = b * length;
      if (axes === 3) {
        // No loop at all: the per-latitude factors become whole-grid temporaries
        // too, as they would in NumPy (`sin(lat)[:, None, None] * cos(lon)`).
        wholeGrid(grid, out, ops, sinLon, cosLon);
        break;
      }
      const i = axes === 1 ? Math.floor(b / nr) : b;
      const lat = (latitude[i] as number) * RAD;
      const sinLat = Math.sin(lat), cosLat = Math.cos(lat);
      // vx = −sinLon·vlon − sinLat·cosLon·vlat + cosLat·cosLon·vrad
      const eastS = ops.tableTimesField(sinLon, vlon, offset);
      const northC = ops.tableTimesField(cosLon, vlat, offset);
      const upC = ops.tableTimesField(cosLon, vrad, offset);
      ops.store(
        out.vx,
        offset,
        ops.combine(-1, eastS, -sinLat, northC),
        ops.scalarTimesField(cosLat, upC, 0),
      );
      // vy = cosLon·vlon − sinLat·sinLon·vlat + cosLat·sinLon·vrad
      const eastC = ops.tableTimesField(cosLon, vlon, offset);
      const northS = ops.tableTimesField(sinLon, vlat, offset);
      const upS = ops.tableTimesField(sinLon, vrad, offset);
      ops.store(
        out.vy,
        offset,
        ops.combine(1, eastC, -sinLat, northS),
        ops.scalarTimesField(cosLat, upS, 0),
      );
      // vz = cosLat·vlat + sinLat·vrad
      ops.store(
        out.vz,
        offset,
        ops.scalarTimesField(cosLat, vlat, offset),
        ops.scalarTimesField(sinLat, vrad, offset),
      );
    }
    return ops.bytes;
  };
}

/** The three-axis case: the latitude factors stretched to whole-grid temporaries first. */
function wholeGrid(
  grid: Grid,
  out: Velocity,
  ops: BlockOps,
  sinLon: Float64Array,
  cosLon: Float64Array,
): void {
  const { nlat, nlon, nr, latitude, vlat, vlon, vrad } = grid;
  const total = ops.length;
  const slab = nr * nlon;
  // sinLat and cosLat broadcast over (nr, nlon): two whole-grid temporaries.
  const sinLatG = new Float64Array(total), cosLatG = new Float64Array(total);
  for (let i = 0; i < nlat; i++) {
    const lat = (latitude[i] as number) * RAD;
    sinLatG.fill(Math.sin(lat), i * slab, (i + 1) * slab);
    cosLatG.fill(Math.cos(lat), i * slab, (i + 1) * slab);
  }
  ops.bytes += 2 * F64 * total;
  const times = (x: Float64Array, y: Float64Array) => {
    const t = new Float64Array(total);
    for (let p = 0; p < total; p++) t[p] = (x[p] as number) * (y[p] as number);
    ops.bytes += 3 * F64 * total;
    return t;
  };
  const minus = (x: Float64Array, y: Float64Array) => {
    const t = new Float64Array(total);
    for (let p = 0; p < total; p++) t[p] = (x[p] as number) - (y[p] as number);
    ops.bytes += 3 * F64 * total;
    return t;
  };
  const eastS = ops.tableTimesField(sinLon, vlon, 0);
  const eastC = ops.tableTimesField(cosLon, vlon, 0);
  const northC = ops.tableTimesField(cosLon, vlat, 0);
  const northS = ops.tableTimesField(sinLon, vlat, 0);
  const upC = ops.tableTimesField(cosLon, vrad, 0);
  const upS = ops.tableTimesField(sinLon, vrad, 0);
  const zero = new Float64Array(total);
  ops.store(out.vx, 0, minus(minus(zero, eastS), times(sinLatG, northC)), times(cosLatG, upC));
  ops.store(out.vy, 0, minus(eastC, times(sinLatG, northS)), times(cosLatG, upS));
  ops.store(out.vz, 0, times(cosLatG, vlat), times(sinLatG, vrad));
}

/**
 * The largest difference between two velocities, to show each variant computes
 * the same thing (they differ only in rounding, when at all).
 */
export function maxDifference(a: Velocity, b: Velocity): number {
  let worst = 0;
  for (const key of ["vx", "vy", "vz"] as const) {
    const x = a[key], y = b[key];
    for (let p = 0; p < x.length; p++) {
      const d = Math.abs((x[p] as number) - (y[p] as number));
      if (d > worst || Number.isNaN(d)) worst = Number.isNaN(d) ? Infinity : d;
    }
  }
  return worst;
}
