#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that po/POTFILES.in lists every file with translatable strings, so
# that none of them is left out of rapport.pot, and that every file it lists
# exists, since xgettext stops at a missing one.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]
#
# A file under src/ has translatable strings when it calls _(), N_(), C_(),
# NC_() or ngettext(), or marks a property translatable="yes". Under data/, the
# desktop file, the metainfo, the settings schemas and any file with
# translatable="yes" have them. Files listed in po/POTFILES.skip are ignored.

set -eu
set -o pipefail
export LC_ALL=C

root=${1:-"$(dirname "$0")/.."}
cd "$root"

potfiles=po/POTFILES.in
skipfiles=po/POTFILES.skip

if [ ! -f "$potfiles" ]; then
  echo "check-potfiles: $root/$potfiles is missing" >&2
  exit 1
fi

# The entries of a POTFILES-style list: no comments, no blank lines.
entries () {
  [ -f "$1" ] || return 0
  sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$1" | grep -v '^$' || true
}

listed=$(entries "$potfiles" | sort -u)
skipped=$(entries "$skipfiles" | sort -u)

gettext_call='(^|[^[:alnum:]_])((N|C|NC)?_|g_d?n?gettext|ngettext)[[:space:]]*\('
translatable_attr='translatable=["'\'']yes["'\'']'

needed=$(
  {
    if [ -d src ]; then
      grep -rlE --binary-files=without-match "$gettext_call|$translatable_attr" src || true
    fi
    if [ -d data ]; then
      find data -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \
        -o -name '*.appdata.xml.in' -o -name '*.gschema.xml' \)
      grep -rlE --binary-files=without-match "$translatable_attr" data || true
    fi
  } | sed 's|^\./||' | sort -u
)

missing=$(comm -23 <(printf '%s\n' "$needed" | grep -v '^$' || true) \
                   <(printf '%s\n%s\n' "$listed" "$skipped" | grep -v '^$' | sort -u))

stale=$(while IFS= read -r f; do
          [ -n "$f" ] && [ ! -e "$f" ] && printf '%s\n' "$f"
        done <<< "$listed" || true)

status=0
if [ -n "$missing" ]; then
  echo "These files have translatable strings but are not in $potfiles:"
  printf '%s\n' "$missing" | sed 's/^/  /'
  status=1
fi
if [ -n "$stale" ]; then
  echo "These files are in $potfiles but do not exist:"
  printf '%s\n' "$stale" | sed 's/^/  /'
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "$potfiles lists all $(printf '%s\n' "$needed" | grep -c . || true) files with translatable strings"
fi
exit "$status"
