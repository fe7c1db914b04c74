#!/usr/bin/env python3
"""Split checker/ by concern (issue #14 part 3).

  python3 split.py move     # git mv every mapped file (sources and their tests), then fix paths
  python3 split.py fix      # only rewrite paths (re-run after merging branches that edit the flat files)

Mapping: mapping.txt beside this script, "old new" relative to checker/. A test follows its source:
test/checker/<name>.test.ts -> test/checker/<dir>/<name>.test.ts when checker/<name>.ts maps to
checker/<dir>/<name>.ts (plus the extra test moves below). Files not in the map stay where they are.

Path fixing, for every .ts file under checker/, test/, bench/, impl/net/ and spec/:
  * every relative string literal ending in .js ("./x.js", "../../checker/x.js": imports, import(),
    new URL(...)) is resolved first against the file's current folder (kept if that file exists),
    else against the folder the file had before the move (its old path in the map), and the target is
    mapped old -> new and re-relativized from the file's current folder;
  * every repo- or dist-relative mention "checker/<old>.ts|.js" (code, strings, comments) becomes the new path;
  * names that left explore-bfs.ts when the engine became generic are imported from their new homes:
    in an import that names exploreBfs, latentReductionProblem or firstViolation, those two and the world's
    BfsOptions (and BfsProgress, BfsResult, StopReason, Violation, which it re-exports) come from
    checker/model/world-bfs.ts, firstViolation from checker/model/first-violation.ts.

New flat files that merged branches add to checker/ stay where they are until given a line in mapping.txt
(the tidy test fails on a file loose in checker/): put a file in the lowest layer whose folders it needs
(engine < mutants < model < search < trace < render < simulate < cli), its test in test/checker/<layer>/,
then run `python3 tools/split-checker/split.py move`.
"""
import os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXTRA_TESTS = {  # tests named after no single source file: where they mirror to
    "test/checker/adversary-completeness.test.ts": "test/checker/model/adversary-completeness.test.ts",
    "test/checker/golden-counts.test.ts": "test/checker/model/golden-counts.test.ts",
    "test/checker/latent-reduction.test.ts": "test/checker/model/latent-reduction.test.ts",
    "test/checker/latent-reduction-f2.test.ts": "test/checker/model/latent-reduction-f2.test.ts",
    "test/checker/world-faults.test.ts": "test/checker/model/world-faults.test.ts",
    "test/checker/trace-corpus.test.ts": "test/checker/trace/trace-corpus.test.ts",
    "test/checker/mutant-catalog.test.ts": "test/checker/mutants/mutant-catalog.test.ts",
    "test/checker/mutants-cli.test.ts": "test/checker/cli/mutants-cli.test.ts",
    "test/checker/replay-cli.test.ts": "test/checker/cli/replay-cli.test.ts",
}


def load_map():
    moves = {}
    for line in open(os.path.join(HERE, "mapping.txt")):
        line = line.split("#")[0].strip()
        if not line:
            continue
        old, new = line.split()
        moves["checker/" + old] = "checker/" + new
        base = os.path.basename(old)[:-3]
        test_old = f"test/checker/{old[:-3]}.test.ts"
        test_new = f"test/checker/{new[:-len(os.path.basename(new))]}{base}.test.ts"
        moves[test_old] = test_new
    moves.update(EXTRA_TESTS)
    return moves


def move(moves):
    for old, new in sorted(moves.items()):
        if not os.path.exists(old):
            continue
        os.makedirs(os.path.dirname(new), exist_ok=True)
        subprocess.run(["git", "mv", old, new], check=True)


REL = re.compile(r'''(["'`])(\.{1,2}/[^"'`\n]*?\.js)\1''')
ABS = re.compile(r'''\bchecker/([\w./-]+?)\.(ts|js)\b''')


def norm(p):
    return os.path.normpath(p).replace(os.sep, "/")


def relative(from_dir, target):
    r = os.path.relpath(target, from_dir).replace(os.sep, "/")
    return r if r.startswith(".") else "./" + r


def fix_file(path, moves, back):
    src = open(path).read()
    here = os.path.dirname(path)
    before = os.path.dirname(back.get(path, path))

    def rel(m):
        spec = m.group(2)
        cur = norm(os.path.join(here, spec))[:-3]
        if os.path.exists(cur + ".ts") or os.path.exists(cur + ".js") or os.path.exists(cur + ".cjs"):
            return m.group(0)
        old = norm(os.path.join(before, spec))[:-3] + ".ts"
        new = moves.get(old, old)
        if not os.path.exists(new):
            return m.group(0)
        return m.group(1) + relative(here, new[:-3] + ".js") + m.group(1)

    def absolute(m):
        new = moves.get("checker/" + m.group(1) + ".ts")
        return m.group(0) if new is None else new[:-3] + "." + m.group(2)

    out = ABS.sub(absolute, REL.sub(rel, src))
    if not path.startswith("checker/engine/") and path != "checker/model/world-bfs.ts":
        out = IMPORT_FROM_BFS.sub(lambda m: moved_names(m, here), out)
    if out != src:
        open(path, "w").write(out)
        return True
    return False


IMPORT_FROM_BFS = re.compile(r'''import\s+(type\s+)?\{([^}]*)\}\s+from\s+"([^"]*engine/explore-bfs)\.js";''')
WORLD_NAMES = {"exploreBfs", "latentReductionProblem", "BfsOptions", "BfsProgress", "BfsResult", "StopReason",
               "Violation"}


def moved_names(m, here):
    """Splits an import from engine/explore-bfs.js into the engine's names and those now in model/."""
    type_all, names, spec = m.group(1) or "", [n.strip() for n in m.group(2).split(",") if n.strip()], m.group(3)
    bare = lambda n: n.replace("type ", "").split(" as ")[0].strip()
    if not any(bare(n) in ("exploreBfs", "latentReductionProblem", "firstViolation") for n in names):
        return m.group(0)
    engine = [n for n in names if bare(n) not in WORLD_NAMES and bare(n) != "firstViolation"]
    world = [n for n in names if bare(n) in WORLD_NAMES]
    first = [n for n in names if bare(n) == "firstViolation"]
    to = lambda target: relative(here, target)
    out = []
    if engine:
        out.append(f'import {type_all}{{ {", ".join(engine)} }} from "{spec}.js";')
    if world:
        out.append(f'import {type_all}{{ {", ".join(world)} }} from "{to("checker/model/world-bfs.js")}";')
    if first:
        out.append(f'import {type_all}{{ {", ".join(first)} }} from "{to("checker/model/first-violation.js")}";')
    return "\n".join(out)


def fix(moves):
    back = {new: old for old, new in moves.items()}
    changed = 0
    for top in ("checker", "test", "bench", "impl/net", "spec"):
        for dirpath, _, names in os.walk(top):
            for name in names:
                if name.endswith(".ts"):
                    changed += fix_file(norm(os.path.join(dirpath, name)), moves, back)
    print(f"rewrote paths in {changed} files")


if __name__ == "__main__":
    moves = load_map()
    if sys.argv[1:] == ["move"]:
        move(moves)
        fix(moves)
    elif sys.argv[1:] == ["fix"]:
        fix(moves)
    else:
        sys.exit("usage: split.py move|fix")
