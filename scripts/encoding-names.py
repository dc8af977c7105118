"""Print src/file/encodings.ts from the interpreters given (run: python3 scripts/encoding-names.py $(pyenv prefix 3.10.13)/bin/python3 $(pyenv prefix 3.13.0)/bin/python3 > src/file/encodings.ts).

A coding declaration names a codec the way codecs.lookup() finds it: through encodings.aliases, else by
the module of the encodings package. Python reads a source file only in a text encoding. For each text
codec this lists the ASCII characters it does not read as themselves (such as "+" in UTF-7 or "~" in
HZ), found by decoding each character in a few contexts: loopmigrate reads an ASCII file declaring such
a codec as UTF-8 only when none of them occurs."""
import json
import subprocess
import sys

PROBE = r'''
import codecs, encodings, encodings.aliases, json, pkgutil
CONTEXTS = [b"a%sa", b"%su0041", b"%sU00000041", b"%sx41", b"%sN{DASH}", b"%s{a}", b"%s-", b"%s%s", b"xn-%s-a", b"%s$B"]
codecs_ = {}
for m in pkgutil.iter_modules(encodings.__path__):
    try:
        info = codecs.lookup(m.name)
    except LookupError:
        continue
    if not info._is_text_encoding:
        continue

    def same(raw):
        try:
            return codecs.decode(raw, m.name) == raw.decode("ascii")
        except Exception:
            return False

    special = ""
    for b in range(1, 128):
        ch = bytes([b])
        # A context tells only where it reads as itself with an ordinary letter in the character's place.
        if not same(ch) or any(same(c.replace(b"%s", b"a")) and not same(c.replace(b"%s", ch)) for c in CONTEXTS):
            special += chr(b)
    codecs_[m.name] = special
print(json.dumps({"codecs": codecs_, "aliases": encodings.aliases.aliases}))
'''

codecs_, aliases = {}, {}
for py in sys.argv[1:]:
    data = json.loads(subprocess.check_output([py, "-I", "-c", PROBE]))
    for name, special in data["codecs"].items():
        codecs_[name] = "".join(sorted(set(codecs_.get(name, "")) | set(special)))
    aliases.update(data["aliases"])
# Windows only (the ANSI and OEM code pages, ASCII-compatible): Python on Windows accepts them.
for name in ("mbcs", "oem"):
    codecs_.setdefault(name, "")
aliases = {a: m for a, m in aliases.items() if m in codecs_ or m in ("mbcs", "oem")}


def ts(s):
    """A single-quoted TypeScript string."""
    out = ""
    for c in s:
        if c in "\\'":
            out += "\\" + c
        elif " " <= c <= "~":
            out += c
        else:
            out += "\\x%02x" % ord(c)
    return "'" + out + "'"


def lines_of(items):
    lines, cur = [], "  "
    for item in items:
        if len(cur) + len(item) + 1 > 110:
            lines.append(cur.rstrip())
            cur = "  "
        cur += item + " "
    lines.append(cur.rstrip())
    return "\n".join(lines)


ascii_all = "".join(chr(b) for b in range(1, 128))
print("// Python's text codecs and their aliases (CPython 3.10 and 3.13, plus Windows' mbcs and oem), for")
print("// checking coding declarations as Python does. Regenerate with scripts/encoding-names.py.")
print("")
print("/** Codec module → the ASCII characters it does not read as themselves ('*': none of them). */")
print("export const TEXT_CODECS: ReadonlyMap<string, string> = new Map([")
print(lines_of(f"[{ts(n)}, {ts('*' if s == ascii_all else s)}]," for n, s in sorted(codecs_.items())))
print("]);")
print("")
print("/** encodings.aliases: a normalised alias → its codec module. */")
print("export const CODEC_ALIASES: ReadonlyMap<string, string> = new Map([")
print(lines_of(f"[{ts(a)}, {ts(m)}]," for a, m in sorted(aliases.items())))
print("]);")
