// The step protocol shared by the acceptance scripts: they read one JSON object from stdin and
// print one line per step, "STEP <name> OK <detail>" or "STEP <name> FAIL <error>", which the Java
// tests parse (AcceptanceTest.steps).

/** The JSON object on stdin. */
export const readInput = async () => {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  return JSON.parse(input);
};

/** An error as one line of at most 600 characters: "<name>: <message>". */
export const short = (e) => `${e?.name ?? 'Error'}: ${e?.message ?? e}`.replace(/\s+/g, ' ').slice(0, 600);

const lines = [];

/** Runs f and records "OK <its result>", or "FAIL <the error>" if it throws. */
export const step = async (name, f) => {
  try {
    lines.push(`STEP ${name} OK ${await f()}`);
  } catch (e) {
    lines.push(`STEP ${name} FAIL ${short(e)}`);
  }
};

/** Records a line as it is (for steps a script checks by hand). */
export const record = (line) => lines.push(line);

/** Writes every recorded line to stdout. */
export const printSteps = () => process.stdout.write(lines.join('\n') + '\n');
