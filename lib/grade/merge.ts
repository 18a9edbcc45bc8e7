/**
 * `grade --merge OUT PART...`: the parts graded by `grade --shard I/N`
 * (shard.ts) combined into one gradebook and every export, as if one run had
 * graded the whole class.
 *
 * Parts that do not belong together are refused: a different seed, exercise
 * set, grader or Deno version, number of shards or class. Two parts of the same
 * shard (a shard graded again into another folder): the newer is used, and
 * said. Students graded in two shards, and students of the class that no part
 * graded, are reported. Merging reads only the parts, so after re-running one
 * shard, merging again replaces exactly that shard's rows.
 *
 * Each student's result keeps the machine it was timed on (`machine` in
 * result.json): a merged gradebook never compares timings across machines.
 *
 * @module
 */
import { writeAtomically } from "../exercise/files.ts";
import { GRADE_SCHEMA, type Gradebook, type StudentGrade } from "./result.ts";
import { SHARD_FILE, SHARD_SCHEMA, ShardError, type ShardRecord } from "./shard.ts";
import { studentDir, writeGradebook } from "./formats/outputs.ts";
import { gradebookRow } from "./records.ts";

/** What a merge found besides the grades, a line each. */
export interface MergeResult {
  grades: StudentGrade[];
  notes: string[];
  /** Class submissions no part graded. */
  missing: string[];
  /** Submissions graded in more than one shard (the first shard's grade is used). */
  duplicated: string[];
}

interface Part {
  dir: string;
  record: ShardRecord;
  book: Gradebook;
}

async function readJson<T>(path: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch {
    throw new ShardError(`${what}: cannot read ${path}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ShardError(`${what}: ${path} is not valid JSON`);
  }
}

async function readPart(dir: string): Promise<Part> {
  const record = await readJson<ShardRecord>(
    `${dir}/${SHARD_FILE}`,
    `${dir} is not a shard's output`,
  );
  if (record.schema !== SHARD_SCHEMA) {
    throw new ShardError(`${dir}/${SHARD_FILE}: not a ${SHARD_SCHEMA} record`);
  }
  const book = await readJson<Gradebook>(`${dir}/gradebook.json`, `${dir} has no gradebook`);
  return { dir, record, book };
}

/** Why `part` does not belong with `first`, or null. */
function mismatch(first: Part, part: Part): string | null {
  const a = first.record;
  const b = part.record;
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (a.seed !== b.seed) return `seed ${b.seed}, not ${a.seed}`;
  if (!same(a.exercises, b.exercises)) {
    return `exercises ${b.exercises.join(",")}, not ${a.exercises.join(",")}`;
  }
  if (a.versions.grader !== b.versions.grader) {
    return "a different grader (its fingerprint differs)";
  }
  if (a.versions.deno !== b.versions.deno) return `Deno ${b.versions.deno}, not ${a.versions.deno}`;
  if (a.shard.count !== b.shard.count) return `${b.shard.count} shards, not ${a.shard.count}`;
  if (!same(a.classSubmissions, b.classSubmissions)) return "a different class of submissions";
  return null;
}

/** The gradebook of merged grades, with the first part's settings. */
function gradebookOf(first: Part, grades: readonly StudentGrade[]): Gradebook {
  return {
    ...first.book,
    students: grades.map(gradebookRow),
    updatedAt: new Date().toISOString(),
  };
}

/** Copies a student's folder (their files and the code kept for the similarity report). */
async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isFile) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
    else if (entry.isDirectory) await copyDir(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

/**
 * Merges the parts in `partDirs` into `outDir` (gradebook, students' files, `merge.json`).
 *
 * @throws {ShardError} A part cannot be read or does not belong with the others.
 */
export async function mergeParts(
  outDir: string,
  partDirs: readonly string[],
): Promise<MergeResult> {
  if (partDirs.length === 0) throw new ShardError("Name the parts to merge: --merge OUT PART...");
  const parts = await Promise.all(partDirs.map(readPart));
  const first = parts[0] as Part;
  for (const part of parts.slice(1)) {
    const why = mismatch(first, part);
    if (why !== null) {
      throw new ShardError(`Cannot merge ${part.dir} with ${first.dir}: it was graded with ${why}`);
    }
  }
  const notes: string[] = [];
  // One part per shard: the newest when a shard was graded again into another folder.
  const byShard = new Map<number, Part>();
  for (const part of parts) {
    const earlier = byShard.get(part.record.shard.index);
    const newer = earlier === undefined || part.record.createdAt > earlier.record.createdAt;
    if (earlier !== undefined) {
      const [used, dropped] = newer ? [part, earlier] : [earlier, part];
      notes.push(
        `shard ${part.record.shard.index}/${part.record.shard.count} is in ${used.dir} and ${dropped.dir}: the newer, ${used.dir}, is used`,
      );
    }
    if (newer) byShard.set(part.record.shard.index, part);
  }
  const count = first.record.shard.count;
  for (let i = 1; i <= count; i++) {
    if (!byShard.has(i)) notes.push(`shard ${i}/${count} is missing`);
  }

  const graded = new Map<string, { grade: StudentGrade; part: Part }>();
  const duplicated: string[] = [];
  const ids = new Set<string>();
  for (
    const part of [...byShard.values()].sort((a, b) => a.record.shard.index - b.record.shard.index)
  ) {
    for (const { path, student } of part.record.submissions) {
      if (graded.has(path)) {
        duplicated.push(path);
        continue;
      }
      const grade = await readJson<StudentGrade>(
        `${studentDir(part.dir, student)}/result.json`,
        `${part.dir}: ${student}'s result`,
      );
      if (grade.schema !== GRADE_SCHEMA) {
        throw new ShardError(
          `${part.dir}: ${student}'s result.json is not a ${GRADE_SCHEMA} result`,
        );
      }
      if (ids.has(grade.student)) {
        throw new ShardError(
          `${part.dir}: the student id ${grade.student} is used by another shard too: give the submissions distinct names`,
        );
      }
      ids.add(grade.student);
      graded.set(path, { grade, part });
    }
  }
  for (const path of duplicated) notes.push(`${path} was graded in two shards: the first is used`);
  const missing = first.record.classSubmissions.filter((p) => !graded.has(p));
  for (const path of missing) notes.push(`${path} was graded in no part`);

  // Rows in the class's order: the same order whichever machine graded them.
  const rows = first.record.classSubmissions.flatMap((p) => {
    const found = graded.get(p);
    return found === undefined ? [] : [found];
  });
  await Deno.mkdir(outDir, { recursive: true });
  for (const { grade, part } of rows) {
    await copyDir(studentDir(part.dir, grade.student), studentDir(outDir, grade.student));
  }
  const grades = rows.map((r) => r.grade);
  await writeGradebook(outDir, gradebookOf(first, grades));
  await writeAtomically(
    `${outDir}/merge.json`,
    JSON.stringify(
      {
        schema: "workbook-merge/1",
        seed: first.record.seed,
        exercises: first.record.exercises,
        versions: first.record.versions,
        parts: [...byShard.values()].map((p) => ({
          dir: p.dir,
          shard: p.record.shard,
          machine: p.record.machine,
          createdAt: p.record.createdAt,
          submissions: p.record.submissions,
        })),
        missing,
        duplicated,
        notes,
      },
      null,
      2,
    ) + "\n",
  );
  return { grades, notes, missing, duplicated };
}
