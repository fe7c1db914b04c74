/**
 * The data-driven file format of etcd raft's testdata (cockroachdb/datadriven):
 *
 *   # comments and blank lines before a case are kept as they are
 *   command args...
 *   ----
 *   expected output, one line each
 *   <blank line>
 *
 * A case may hold several command lines before `----`; their outputs are joined.
 * An empty output is written as `ok`, so a blank line always ends a case.
 * `rewrite` re-renders a file with the actual outputs (REWRITE=1).
 */

export interface DataCase {
  /** Lines before the output, verbatim: comments, blank lines, the commands and the `----`. */
  readonly header: readonly string[];
  readonly commands: readonly { readonly line: string; readonly lineNumber: number }[];
  readonly expected: readonly string[];
}

export interface DataFile {
  readonly cases: readonly DataCase[];
  /** Comments and blank lines after the last case. */
  readonly trailer: readonly string[];
}

const separator = "----";
const isComment = (line: string): boolean => line.trim() === "" || line.trimStart().startsWith("#");

export function parseDataFile(text: string, name: string): DataFile {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const cases: DataCase[] = [];
  let i = 0;
  while (i < lines.length) {
    const header: string[] = [];
    const commands: { line: string; lineNumber: number }[] = [];
    for (; i < lines.length && lines[i] !== separator; i++) {
      const line = lines[i] as string;
      header.push(line);
      if (!isComment(line)) commands.push({ line: line.trim(), lineNumber: i + 1 });
    }
    if (i >= lines.length) {
      if (commands.length > 0) {
        throw new Error(`${name}:${commands[0]?.lineNumber}: command without a "${separator}" line`);
      }
      return { cases, trailer: header };
    }
    if (commands.length === 0) throw new Error(`${name}:${i + 1}: "${separator}" without a command`);
    header.push(separator);
    i++;
    const expected: string[] = [];
    for (; i < lines.length && lines[i] !== ""; i++) expected.push(lines[i] as string);
    i++; // the blank line that ends the case
    cases.push({ header, commands, expected });
  }
  return { cases, trailer: [] };
}

export function renderDataFile(file: DataFile, outputs: readonly (readonly string[])[]): string {
  const lines: string[] = [];
  file.cases.forEach((c, i) => {
    lines.push(...c.header, ...normalizeOutput(outputs[i] ?? []), "");
  });
  lines.push(...file.trailer);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return `${lines.join("\n")}\n`;
}

export function normalizeOutput(lines: readonly string[]): string[] {
  const kept = lines.map((l) => l.trimEnd()).filter((l) => l !== "");
  return kept.length === 0 ? ["ok"] : kept;
}

export interface DataRun {
  /** The file as it would be with the actual outputs. */
  readonly actual: string;
  /** One readable report per case whose output differs from its expectation. */
  readonly mismatches: readonly string[];
}

/** Runs every command through `run` in order and compares each case's output with its expectation. */
export function runDataFile(text: string, name: string, run: (command: string) => readonly string[]): DataRun {
  const file = parseDataFile(text, name);
  const outputs: string[][] = [];
  const mismatches: string[] = [];
  for (const c of file.cases) {
    const out: string[] = [];
    for (const command of c.commands) {
      try {
        out.push(...run(command.line));
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new Error(`${name}:${command.lineNumber}: ${command.line}\n  ${message}`, { cause: error });
      }
    }
    const actual = normalizeOutput(out);
    outputs.push(actual);
    if (actual.join("\n") !== c.expected.join("\n")) {
      const first = c.commands[0];
      mismatches.push(`${name}:${first?.lineNumber}: ${c.commands.map((x) => x.line).join(" / ")}\n` +
        `--- expected\n${c.expected.join("\n")}\n+++ actual\n${actual.join("\n")}`);
    }
  }
  return { actual: renderDataFile(file, outputs), mismatches };
}
