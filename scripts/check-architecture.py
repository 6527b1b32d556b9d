#!/usr/bin/env python3
"""Checks the repository's shape against docs/ARCHITECTURE.md and its rules:

- the dependency table in docs/ARCHITECTURE.md names, for each target, exactly the targets and
  products Package.swift gives it;
- every module a source file imports is one its target declares (or the toolchain's own);
- no file of XunchaDesk imports an HTTP module (HummingbirdBcrypt is bcrypt alone and HummingbirdOTP one-time passwords alone, no HTTP);
- the command line's mail command does not import XunchaWeb;
- no audit action is written as a string literal outside its enum (AuditAction.swift).

Exits 1 naming every breach. Usage: scripts/check-architecture.py (from anywhere in the repo).
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
problems = []

package = (root / "Package.swift").read_text()
targets = {}
for m in re.finditer(r'\.(?:target|executableTarget)\(\s*name:\s*"(\w+)"(.*?)swiftSettings', package, re.S):
    name, body = m.group(1), re.sub(r'resources:\s*\[[^\]]*\]', '', m.group(2))
    # Quoted names after `name:` are products, after `package:` packages; bare ones are targets.
    products = set(re.findall(r'name:\s*"(\w+)"', body))
    plain = set(re.findall(r'(?<!name: )(?<!package: )"(\w+)"', body)) - set(re.findall(r'package:\s*"([\w.-]+)"', body))
    targets[name] = products | plain

doc = (root / "docs/ARCHITECTURE.md").read_text()
documented = {}
for line in doc.splitlines():
    m = re.match(r'\|\s*`(\w+)`\s*\|.*\|\s*([^|]*)\|\s*$', line)
    if m and m.group(1) in targets:
        cell = m.group(2)
        documented[m.group(1)] = set(re.findall(r'`(\w+)`', cell))
for name, deps in targets.items():
    if name not in documented:
        problems.append(f"docs/ARCHITECTURE.md has no row for target {name}")
    elif documented[name] != deps:
        missing, extra = deps - documented[name], documented[name] - deps
        problems.append(f"docs/ARCHITECTURE.md row {name}: missing {sorted(missing)}, not in Package.swift {sorted(extra)}")

toolchain = {"Foundation", "FoundationEssentials", "FoundationXML", "CoreFoundation", "Dispatch", "Synchronization", "Glibc", "Darwin", "_Concurrency"}
# Modules a declared product brings with it and that may be imported by name.
carried = {
    "Hummingbird": {"HummingbirdCore", "HTTPTypes", "NIOCore", "NIOPosix", "Logging"},
    "SQLKit": {"NIOCore"},
    "SQLiteKit": {"SQLiteNIO", "NIOCore"},
    "NIOPosix": {"NIOCore"},
}
for name, deps in targets.items():
    folder = root / "Sources" / name
    allowed = deps | toolchain | {name}
    for d in deps:
        allowed |= carried.get(d, set())
    for file in folder.rglob("*.swift"):
        for imp in re.findall(r'^(?:@testable\s+|@_exported\s+)?import\s+(?:struct\s+|enum\s+|class\s+)?(\w+)', file.read_text(), re.M):
            if imp not in allowed:
                problems.append(f"{file.relative_to(root)} imports {imp}, which target {name} does not declare")

http = {"Hummingbird", "HummingbirdCore", "HTTPTypes", "NIOHTTP1", "Mustache", "MultipartKit", "HummingbirdAuth"}
for file in (root / "Sources/XunchaDesk").rglob("*.swift"):
    for imp in re.findall(r'^import\s+(\w+)', file.read_text(), re.M):
        if imp in http:
            problems.append(f"{file.relative_to(root)} imports {imp}: desks take no HTTP types")

if re.search(r'^import\s+XunchaWeb', (root / "Sources/xuncha/MailCommand.swift").read_text(), re.M):
    problems.append("Sources/xuncha/MailCommand.swift imports XunchaWeb")

enum_file = root / "Sources/XunchaCore/Audit/AuditAction.swift"
actions = set(re.findall(r'case \w+ = "([a-z_]+\.[a-z_]+)"', enum_file.read_text()))
for file in (root / "Sources").rglob("*.swift"):
    if file == enum_file:
        continue
    for literal in re.findall(r'"([a-z_]+\.[a-z_]+)"', file.read_text()):
        if literal in actions:
            problems.append(f"{file.relative_to(root)} writes the audit action \"{literal}\" as a literal; use AuditAction")

for p in problems:
    print("✗ " + p)
if problems:
    sys.exit(1)
print(f"architecture holds: {len(targets)} targets match docs/ARCHITECTURE.md; desks import no HTTP; no audit action literals")
