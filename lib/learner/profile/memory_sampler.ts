/**
 * Memory sampling and progress for a profiled run, from a helper Worker: the
 * run blocks the main thread, so only another thread can watch it.
 *
 * @module
 */

/**
 * The helper Worker's code. It is inlined (as a `data:` URL) so that the
 * sampler is one module. It must be a separate thread: the run blocks this one.
 * `Deno.memoryUsage().rss` is the whole process's resident set, run included.
 */
const SAMPLER_SOURCE = `
let peak = 0;
let timer;
self.onmessage = (event) => {
  if (event.data.kind === "start") {
    const { intervalMs, progress } = event.data;
    const started = performance.now();
    let nextReport = 1000;
    const sample = () => {
      const rss = Deno.memoryUsage().rss;
      if (rss > peak) peak = rss;
      const elapsed = performance.now() - started;
      if (progress && elapsed >= nextReport) {
        console.error("profiling… " + Math.round(elapsed / 1000) + " s");
        nextReport += 1000;
      }
    };
    sample();
    timer = setInterval(sample, intervalMs);
    self.postMessage({ kind: "started" });
  } else if (event.data.kind === "stop") {
    clearInterval(timer);
    peak = Math.max(peak, Deno.memoryUsage().rss);
    self.postMessage({ kind: "peak", peak });
  }
};
`;

/** A running sampler. */
export interface MemorySampler {
  /** Stops sampling; resolves to the largest resident set seen, in bytes. */
  stop(): Promise<number>;
  /** Ends the Worker (safe to call more than once). */
  cancel(): void;
}

/**
 * Starts sampling the process's resident set every `intervalMs`.
 *
 * @param intervalMs Milliseconds between samples.
 * @param progress Print `profiling… N s` on stderr every second.
 * @returns The sampler, once its Worker has taken the first sample.
 */
export async function startMemorySampler(
  intervalMs: number,
  progress: boolean,
): Promise<MemorySampler> {
  const url = `data:application/javascript,${encodeURIComponent(SAMPLER_SOURCE)}`;
  const worker = new Worker(url, { type: "module" });
  const nextMessage = () =>
    new Promise<{ kind: string; peak?: number }>((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`Cannot sample memory: ${event.message}`));
      };
    });
  const started = nextMessage();
  worker.postMessage({ kind: "start", intervalMs, progress });
  await started;
  let cancelled = false;
  return {
    async stop() {
      const reply = nextMessage();
      worker.postMessage({ kind: "stop" });
      return (await reply).peak ?? 0;
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      worker.terminate();
    },
  };
}
