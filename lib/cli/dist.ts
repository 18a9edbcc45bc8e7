/**
 * `deno task dist --out DIR`: writes the student version of the workbook to DIR
 * (see lib/maintain/dist.ts): no solutions, no grader, no instructor material.
 *
 * Exit status: 0 written, 1 DIR not usable, 2 usage error.
 *
 * @module
 */
import { parseOptions, runMain, UsageError } from "./args.ts";
import { CATALOGUE } from "../exercise/catalogue.ts";
import { writeDist } from "../maintain/dist.ts";
import { classroomWorkflow } from "../grade/formats/classroom.ts";
import { invocationDir } from "../exercise/paths.ts";

const USAGE = `Usage: deno task dist --out DIR [--with-grader | --classroom]

  --out DIR       an empty or new folder for the student version of the workbook
  --with-grader   keep the grader and the judge data (the quiz's key, exercise 10's
                  oracle): for a Gradescope bundle, which students never see
                  (platforms/gradescope/)
  --classroom     keep the grader and add the GitHub Classroom workflow
                  (.github/workflows/classroom.yml): a starter repository
  -h, --help      this text`;

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    out: { type: "string" },
    "with-grader": { type: "boolean", default: false },
    classroom: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.out === undefined) throw new UsageError("Name the output folder with --out DIR");
  if (positionals.length > 0) {
    throw new UsageError(`dist takes no arguments: got ${positionals.join(", ")}`);
  }
  const out = values.out.startsWith("/") ? values.out : `${invocationDir()}/${values.out}`;
  let result;
  try {
    result = await writeDist(out.replace(/\/+$/, ""), {
      withGrader: values["with-grader"] || values.classroom,
      // The classroom copy is the students' repository: never the judge data.
      withJudgeData: values["with-grader"] && !values.classroom,
      ...(values.classroom
        ? { classroomWorkflow: classroomWorkflow(CATALOGUE.filter((e) => e.available)) }
        : {}),
    });
  } catch (thrown) {
    console.error(`dist: ${(thrown as Error).message}`);
    return 1;
  }
  console.log(`Wrote the student version to ${out}: ${result.files.length} files`);
  console.log(`Tasks: ${result.tasks.join(", ")}`);
  console.log(
    `Imports: ${result.imports.join(", ")}` +
      (result.droppedImports.length > 0 ? ` (left out: ${result.droppedImports.join(", ")})` : ""),
  );
  if (result.droppedTasks.length > 0) {
    console.log(`Left out tasks: ${result.droppedTasks.join(", ")}`);
  }
  if (result.dropped.length > 0) {
    console.log(
      `Left out (they import what the students do not get): ${result.dropped.join(", ")}`,
    );
  }
  return 0;
}

if (import.meta.main) await runMain("dist", () => main(Deno.args));
