/**
 * `deno task check` as a learner runs it: exit codes, one-line errors, and the
 * JSON report against its schema.
 *
 * @module
 */
import { Ajv } from "ajv";
import schema from "../../lib/check/check_result.schema.json" with { type: "json" };
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes, TEST_SEED } from "../_helpers/helpers.ts";

/** Runs `lib/cli/check.ts` with `args`; returns its exit code and output. */
async function check(...args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/lib/cli/check.ts`, ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

const validate = new Ajv({ allErrors: true }).compile(schema);

function assertValid(document: unknown): void {
  const valid = validate(document);
  assert(valid, `schema: ${JSON.stringify(validate.errors)}`);
}

Deno.test("check: usage errors exit 2 with a one-line reason first", async () => {
  const cases: [string[], string][] = [
    [[], "Name the exercise"],
    [["99"], 'Cannot find exercise "99"'],
    [["nope"], 'Cannot find exercise "nope"'],
    [["velocty"], 'Cannot find exercise "velocty": did you mean 2 (velocity)?'],
    [["1", "2"], "one exercise at a time"],
    [["1", "--seed=-5"], "Cannot use --seed -5"],
    [["1", "--seed", "-5"], "'--seed'"],
    [["1", "--seed", "1.5"], "Cannot use --seed 1.5"],
    [["1", "--solution", "--dir", "x"], "Cannot use --solution with --dir"],
    [["1", "--bogus"], "--bogus"],
    [["1", "--size", "huge"], "Cannot use --size huge"],
  ];
  for (const [args, expected] of cases) {
    const { code, stderr } = await check(...args);
    assertEquals(code, 2, `exit code of check ${args.join(" ")}`);
    assertIncludes(stderr.split("\n")[0] ?? "", expected, `first line of check ${args.join(" ")}`);
  }
});

/** An exercise that is not available yet, if any is left. */
const UNAVAILABLE = CATALOGUE.find((e) => !e.available);

Deno.test({
  name: "check: an exercise not yet available says so in one line and exits 1",
  ignore: UNAVAILABLE === undefined,
  async fn() {
    const { number, slug } = UNAVAILABLE!;
    const { code, stderr } = await check(String(number));
    assertEquals(code, 1, "exit code");
    assertEquals(stderr.trim().split("\n").length, 1, "one line");
    assertIncludes(stderr, `Exercise ${number} (${slug}) is not available yet`, "message");
  },
});

Deno.test("check: a missing file is named", async () => {
  const { code, stderr, stdout } = await check("1", "--dir", "/nonexistent/place", "--quick");
  assertEquals(code, 1, "exit code");
  assertIncludes(
    stdout + stderr,
    "Cannot find /nonexistent/place/01_slow_series/slow_series.ts",
    "message",
  );
});

Deno.test("check: the stubs fail with 'not implemented' and exit 1", async () => {
  for (const exercise of ["1", "velocity"]) {
    const { code, stdout } = await check(exercise, "--quick", "--seed", String(TEST_SEED));
    assertEquals(code, 1, `exit code of check ${exercise}`);
    assertIncludes(stdout, "not implemented", `output of check ${exercise}`);
    assertIncludes(stdout, "✗ ERROR", `verdict of check ${exercise}`);
  }
});

Deno.test("check --json: a pass, a stub and an unavailable exercise all match the schema", async () => {
  const passed = await check("1", "--solution", "--quick", "--json", "--seed", "7");
  assertEquals(passed.code, 0, "exit code of a pass");
  const document = JSON.parse(passed.stdout);
  assertValid(document);
  assertEquals(document.status, "pass", "status");
  assertEquals(document.seed, 7, "seed");
  assert(document.tests.length > 20, "tests listed");

  const stub = await check("2", "--quick", "--json");
  assertEquals(stub.code, 1, "exit code of the stub");
  const stubDocument = JSON.parse(stub.stdout);
  assertValid(stubDocument);
  assertEquals(stubDocument.status, "error", "stub status");

  if (UNAVAILABLE !== undefined) {
    const unavailable = await check(String(UNAVAILABLE.number), "--json");
    assertEquals(unavailable.code, 1, "exit code of an unavailable exercise");
    assertValid(JSON.parse(unavailable.stdout));
  }
});
