"""Print src/python/stdlib.ts from the interpreters given (run: python3 scripts/stdlib-names.py $(pyenv prefix 3.10.13)/bin/python3 $(pyenv prefix 3.13.0)/bin/python3 > src/python/stdlib.ts)."""
import json
import subprocess
import sys

names = set()
for py in sys.argv[1:]:
    out = subprocess.check_output([py, "-c", "import sys, json; print(json.dumps(sorted(sys.stdlib_module_names)))"])
    names |= set(json.loads(out))
names = sorted({n for n in names if not n.startswith("_")} | {"__future__"})
lines, cur = [], "  "
for n in names:
    item = f"'{n}', "
    if len(cur) + len(item) > 110:
        lines.append(cur.rstrip())
        cur = "  "
    cur += item
lines.append(cur.rstrip())
print("// The standard library's top-level modules (sys.stdlib_module_names of CPython 3.10 and 3.13, private")
print("// names left out), for placing imports in isort's sections. Regenerate with scripts/stdlib-names.py.")
print("export const STDLIB_MODULES: ReadonlySet<string> = new Set([")
print("\n".join(lines))
print("]);")
