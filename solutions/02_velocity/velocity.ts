/**
 * Exercise 2, reference solution: spherical to Cartesian velocity with trig
 * tables and loops in memory order.
 *
 * Against the compiled yardstick (`deno task yardstick --only velocity`, the
 * same loops in C and Rust, five rounds of the three back to back): on the AMD
 * EPYC development machine (2 shared cores, load average 0.6–0.9) this loop
 * took 28.1 ms against Rust's 22.0 ms and C's 23.6 ms, 1.27× (1.25–1.29× in
 * four of the five rounds, 2.56× in one a burst of load hit). 1.1× would be
 * 24.2 ms; no loop found gets there. What V8 does differently, read from the machine code
 * (`perf record` with `--perf-prof`, `perf inject --jit`, `perf annotate`;
 * Deno's V8 has no `--print-opt-code` disassembler):
 *
 * - C and Rust vectorise the inner loop (four doubles an AVX2 instruction) and
 *   check no bounds. TurboFan emits scalar code: per point 8 bounds checks (one
 *   per array read or written, `cmp` + `jae`), 2 overflow checks on the int32
 *   index arithmetic (`jo`), an interrupt check on the back edge, and ~20
 *   arithmetic instructions: about 58 instructions a point. Eight arrays need a
 *   base and a length each, more than the free registers, so the three
 *   outputs' bases and lengths are reloaded from the stack at every point.
 * - The loop is then bound by instructions, and each typed-array access costs
 *   about the same whatever the arithmetic (medians of 9 runs, one process,
 *   variants taking turns, load 0.8–1.8): a loop that only copies the three
 *   fields into the three outputs (6 accesses a point) took 21.7 ms, Rust's
 *   time for the whole kernel; the same 8 accesses as here with 3 additions
 *   instead of the kernel's 18 operations took 25.7 ms, already above 1.1×
 *   Rust's. So a loop that reads and writes the eight arrays at every point
 *   cannot reach 1.1× in V8, and fewer accesses cost more elsewhere:
 *   longitude outside the radius (sin and cos read once per column, the fields
 *   strided) 60–63 ms; two passes per row (vx and vy, then vz, the row still in
 *   L1) 36.6 ms; two rows per step sharing s and c 44 ms.
 * - Variants that keep every rounding (so the output stays bit for bit the same)
 *   measured no faster: one interleaved sin/cos table 27.0–28.2 ms, a row kernel
 *   in its own function (TurboFan inlines it; p and k counted apart, no `jo`)
 *   27.0 ms against 27.6 ms here (2%, inside the noise), `| 0` on the indices
 *   28–29 ms, unrolled by two 27–52 ms, one flat loop per latitude with k
 *   wrapping 29.8 ms. Those that keep more values live (per-latitude product
 *   tables 40.7 ms, subarrays per row, separate passes per output) took 40–52
 *   ms; in the one annotated (per-latitude product tables) an index was spilled
 *   to the stack, so every iteration waits on a store and its reload.
 * - Math.sin/Math.cos are not the cost: nlon + nlat calls of each, against 15
 *   million points.
 *
 * So the remaining gap, 1.27×, is what a JIT without auto-vectorisation or
 * bounds-check elimination leaves on a loop over eight typed arrays; the
 * lesson's steps (tables, memory order) are what bring it from seconds to this.
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
