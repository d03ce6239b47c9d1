#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count passed and failed test cases in meson test logs.

Usage: tap-count.py TESTLOG.json [TESTLOG.json ...]

Each file is a meson-logs/testlog.json: one JSON object per line, one per
test program, with its "name", "result" (OK, FAIL, ERROR, SKIP, TIMEOUT,
EXPECTEDFAIL, UNEXPECTEDPASS, ...) and captured "stdout".

A test program that prints TAP (GTest does) counts case by case:
  ok N ...            passed
  not ok N ...        failed
  ok N ... # SKIP     failed: a case that did not run proves nothing
and if the program itself failed (crash, timeout, bad exit) without any
"not ok" line, one more failure is counted for it. A program without TAP
lines counts as one case, passed if its result is OK or EXPECTEDFAIL.

A log file that does not exist counts as one failure: the run it belongs to
ended before any test ran (a build error, for instance).

Prints exactly one line: "N passed, N failed".
"""

import json
import re
import sys

PASSING_RESULTS = {"OK", "EXPECTEDFAIL"}

TAP_OK = re.compile(r"^ok(\s.*)?$")
TAP_NOT_OK = re.compile(r"^not ok(\s|$)")
TAP_SKIP = re.compile(r"#\s*skip", re.IGNORECASE)


def count_test(test):
    """Return (passed, failed) for one testlog entry."""
    passed = failed = 0
    saw_tap = saw_not_ok = False

    for line in (test.get("stdout") or "").splitlines():
        if TAP_NOT_OK.match(line):
            saw_tap = saw_not_ok = True
            failed += 1
            continue
        match = TAP_OK.match(line)
        if match:
            saw_tap = True
            if TAP_SKIP.search(match.group(1) or ""):
                failed += 1
            else:
                passed += 1

    result_ok = test.get("result") in PASSING_RESULTS
    if not saw_tap:
        return (1, 0) if result_ok else (0, 1)
    if not result_ok and not saw_not_ok:
        failed += 1
    return passed, failed


def count_log(path):
    """Return (passed, failed) summed over one testlog.json."""
    passed = failed = 0
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            for number, line in enumerate(log, start=1):
                line = line.strip()
                if not line:
                    continue
                try:
                    test = json.loads(line)
                except json.JSONDecodeError:
                    print(f"{path}:{number}: not a JSON line", file=sys.stderr)
                    failed += 1
                    continue
                p, f = count_test(test)
                passed += p
                failed += f
    except FileNotFoundError:
        print(f"{path}: no test log, counted as one failure", file=sys.stderr)
        return 0, 1
    return passed, failed


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    passed = failed = 0
    for path in argv[1:]:
        p, f = count_log(path)
        passed += p
        failed += f
    print(f"{passed} passed, {failed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
