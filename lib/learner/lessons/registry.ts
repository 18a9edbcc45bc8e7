/**
 * The course's lessons that `deno task bench N --FLAG` reproduces, in one
 * table: which flag, which exercise, what it shows, and how it runs. The CLI
 * (`lib/cli/bench.ts`) and docs/COVERAGE.md read this list; a flag given for
 * another exercise is a usage error that names the right one.
 *
 * @module
 */
import type { LessonOptions, LessonSection } from "./section.ts";
import { ladderLesson, mapLesson, matrixLesson, numpyLesson } from "./velocity_lessons.ts";
import { flatTableLesson } from "./flat_table.ts";
import { deoptLesson, jitlessLesson } from "./jit_lessons.ts";
import { spawnLesson, threadsLesson } from "./processes.ts";

/** What a lesson gets: the shared options and `--n` when given. */
export interface LessonContext extends LessonOptions {
  /** `--n VALUE`, when given (a lesson with a problem size uses it). */
  n: number | null;
}

/** One reproducible lesson. */
export interface Lesson {
  /** The `bench` flag, without dashes. */
  flag: string;
  /** The exercise whose bench offers it. */
  exercise: number;
  /** One line for `--help`. */
  summary: string;
  /** Whether `--n` sets its problem size. */
  takesN: boolean;
  /** Runs it. */
  run(context: LessonContext): Promise<LessonSection[]>;
}

/** Every lesson, by exercise. */
export const LESSONS: readonly Lesson[] = [
  {
    flag: "ladder",
    exercise: 2,
    summary:
      "the velocity ladder: naive, hoisted, tables, memory order (the course's 1280 s → 1.5 s)",
    takesN: false,
    run: async (c) => [await ladderLesson(c)],
  },
  {
    flag: "matrix",
    exercise: 2,
    summary:
      "Question 1 measured: a 3×3 matrix per point, three ways, beside the scalar loop (Task 3's answer)",
    takesN: false,
    run: async (c) => [await matrixLesson(c)],
  },
  {
    flag: "numpy",
    exercise: 2,
    summary:
      "broadcasting's shape tables, vectorising over 1/2/3 axes (memory traffic), map as np.vectorize",
    takesN: true,
    run: async (c) => [...(await numpyLesson(c)), await mapLesson(c, c.n ?? undefined)],
  },
  {
    flag: "flat",
    exercise: 4,
    summary:
      "the given pipeline with its mask on 1/2/4 Workers: the course's flat table (18.4/17.4/17.0 s)",
    takesN: true,
    run: async (c) => [await flatTableLesson(c, c.n ?? undefined)],
  },
  {
    flag: "threads",
    exercise: 5,
    summary: "Workers as OS threads: the thread list while 4 Workers spin (ps -T, top -H)",
    takesN: false,
    run: async (c) => [await threadsLesson(4, undefined, c.progress)],
  },
  {
    flag: "spawn",
    exercise: 5,
    summary: "a process (Deno.Command) against a Worker: start-up and a message round trip",
    takesN: false,
    run: async (c) => [await spawnLesson(c)],
  },
  {
    flag: "jitless",
    exercise: 7,
    summary: "Σ cos(i)/i with V8's interpreter only beside the JIT (the course's ~10× from Numba)",
    takesN: true,
    run: async (c) => [await jitlessLesson(c, c.n ?? undefined)],
  },
  {
    flag: "deopt",
    exercise: 7,
    summary:
      "--trace-deopt: optimised code left when a string arrives (Numba's object vs nopython mode)",
    takesN: false,
    run: async () => [await deoptLesson()],
  },
];

/** The lessons of one exercise. */
export function lessonsOf(exercise: number): Lesson[] {
  return LESSONS.filter((lesson) => lesson.exercise === exercise);
}

/** The `--help` lines of every lesson. */
export function lessonUsage(): string {
  const width = Math.max(...LESSONS.map((l) => l.flag.length)) + 2;
  return LESSONS.map((l) => `  --${l.flag.padEnd(width)} (exercise ${l.exercise}) ${l.summary}`)
    .join("\n");
}
