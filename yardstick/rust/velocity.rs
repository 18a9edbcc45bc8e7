// Exercise 2's algorithm: spherical to Cartesian velocities on an
// N × 0.6N × 1.6N grid stored [lat][r][lon], sin/cos tables for longitudes,
// one sin/cos per latitude, looping in memory order. The fields are the
// workbook's noise-free profiles (exercises/02_velocity/grid.ts).
include!("common.rs");
use std::sync::OnceLock;

struct Grid {
    nlat: usize,
    nr: usize,
    nlon: usize,
    latitude: Vec<f64>,
    longitude: Vec<f64>,
    vlat: Vec<f64>,
    vlon: Vec<f64>,
    vrad: Vec<f64>,
}

static GRID: OnceLock<Grid> = OnceLock::new();
static mut VX: Vec<f64> = Vec::new();
static mut VY: Vec<f64> = Vec::new();
static mut VZ: Vec<f64> = Vec::new();

fn linspace(a: f64, b: f64, count: usize) -> Vec<f64> {
    let step = if count > 1 { (b - a) / (count - 1) as f64 } else { 0.0 };
    let mut v: Vec<f64> = (0..count).map(|i| a + i as f64 * step).collect();
    if count > 1 {
        v[count - 1] = b;
    }
    v
}

fn p2(x: f64) -> f64 {
    (3.0 * x * x - 1.0) / 2.0
}
fn p3(x: f64) -> f64 {
    (5.0 * x * x * x - 3.0 * x) / 2.0
}

fn make_grid(n: usize) -> Grid {
    let (nlat, nr, nlon) = (n, n * 3 / 5, n * 8 / 5);
    let latitude = linspace(-90.0, 90.0, nlat);
    let longitude = linspace(0.0, 360.0, nlon);
    let radius = linspace(3485.0, 6371.0, nr);
    let count = nlat * nr * nlon;
    let (mut vlat, mut vlon, mut vrad) = (vec![0.0; count], vec![0.0; count], vec![0.0; count]);
    for i in 0..nlat {
        for j in 0..nr {
            for k in 0..nlon {
                let p = (i * nr + j) * nlon + k;
                vlat[p] = p3(latitude[i] / 90.0);
                vlon[p] = p2(longitude[k] / 180.0 - 1.0);
                vrad[p] = p3((radius[j] - 4928.0) / 1443.0);
            }
        }
    }
    Grid { nlat, nr, nlon, latitude, longitude, vlat, vlon, vrad }
}

#[allow(static_mut_refs)]
fn velocity(n: i64) -> f64 {
    let g = GRID.get_or_init(|| make_grid(n as usize));
    let deg = std::f64::consts::PI / 180.0;
    let sin_lon: Vec<f64> = g.longitude.iter().map(|l| (l * deg).sin()).collect();
    let cos_lon: Vec<f64> = g.longitude.iter().map(|l| (l * deg).cos()).collect();
    // Safety: one thread; the output lives in statics so that the checksum can read it.
    let (vx, vy, vz) = unsafe { (&mut VX, &mut VY, &mut VZ) };
    for i in 0..g.nlat {
        let (sin_lat, cos_lat) = ((g.latitude[i] * deg).sin(), (g.latitude[i] * deg).cos());
        for j in 0..g.nr {
            let row = (i * g.nr + j) * g.nlon;
            let (north, east, up) = (
                &g.vlat[row..row + g.nlon],
                &g.vlon[row..row + g.nlon],
                &g.vrad[row..row + g.nlon],
            );
            let (x, y, z) = (
                &mut vx[row..row + g.nlon],
                &mut vy[row..row + g.nlon],
                &mut vz[row..row + g.nlon],
            );
            for k in 0..g.nlon {
                let (s, c) = (sin_lon[k], cos_lon[k]);
                x[k] = -s * east[k] - sin_lat * c * north[k] + cos_lat * c * up[k];
                y[k] = c * east[k] - sin_lat * s * north[k] + cos_lat * s * up[k];
                z[k] = cos_lat * north[k] + sin_lat * up[k];
            }
        }
    }
    0.0
}

// A checksum of the output in storage order, printed after the timed runs.
#[allow(static_mut_refs)]
fn checksum(_: f64) -> f64 {
    let (vx, vy, vz) = unsafe { (&VX, &VY, &VZ) };
    let mut sum = 0.0;
    for p in 0..vx.len() {
        sum += vx[p] + vy[p] + vz[p];
    }
    sum
}

#[allow(static_mut_refs)]
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(0);
    GRID.get_or_init(|| make_grid(n));
    let count = n * (n * 3 / 5) * (n * 8 / 5);
    unsafe {
        VX = vec![0.0; count];
        VY = vec![0.0; count];
        VZ = vec![0.0; count];
    }
    time_runs(velocity, checksum);
}
