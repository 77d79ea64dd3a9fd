#!/usr/bin/env python3
"""trunk post-build step, run on trunk's staging folder before it becomes dist/.

1. Moves trunk's inline `<script type="module">` into `boot-<hash>.js`: the Content-Security-Policy allows
   no inline script, and a hashed name lets the file be cached for good like trunk's own assets.
2. Writes the build's file list and version into `sw.js`, so the service worker precaches exactly this app
   shell and a new build installs a new worker.
3. Writes `.gz` and `.br` beside every text and Wasm asset, so the server sends them without compressing on
   each request.
"""
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

staging = Path(os.environ.get("TRUNK_STAGING_DIR") or sys.argv[1])
index = staging / "index.html"
html = index.read_text()

# trunk's minifier may drop the quotes: `type=module`.
inline = re.compile(r'<script\s+type=["\']?module["\']?(?![^>]*\bsrc=)[^>]*>(.*?)</script>', re.S)
match = inline.search(html)
if match:
    code = match.group(1).strip() + "\n"
    digest = hashlib.sha256(code.encode()).hexdigest()[:16]
    (staging / f"boot-{digest}.js").write_text(code)
    html = inline.sub(f'<script type="module" src="/boot-{digest}.js"></script>', html, count=1)
    index.write_text(html)
if inline.search(html) or re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html):
    sys.exit("post_build: index.html still has an inline script, which the CSP would block")

compressible = {".js", ".wasm", ".css", ".html", ".webmanifest", ".svg", ".json", ".txt"}
# Data fetched only when a page needs it (the common-password list, 79 KB, on the password step) is not
# precached: every visitor would pay for what few need.
on_demand = {".txt"}
shell = sorted(
    "/" + p.relative_to(staging).as_posix()
    for p in staging.rglob("*")
    if p.is_file() and p.suffix not in {".gz", ".br"} | on_demand and p.name != "sw.js"
)
version = hashlib.sha256("".join(shell).encode() + html.encode()).hexdigest()[:16]
sw = staging / "sw.js"
precache = ",\n  ".join(f'"{path}"' for path in ["/"] + [p for p in shell if p != "/index.html"])
sw.write_text(
    sw.read_text()
    .replace('"__NJIA_BUILD__"', f'"{version}"')
    .replace("/*__NJIA_PRECACHE__*/", precache)
)

brotli = shutil.which("brotli")
for path in staging.rglob("*"):
    if path.is_file() and path.suffix in compressible:
        data = path.read_bytes()
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
        if brotli:
            subprocess.run([brotli, "-q", "11", "-f", "-o", str(path) + ".br", str(path)], check=True)
if not brotli:
    print("post_build: brotli not found; serving gzip only", file=sys.stderr)
