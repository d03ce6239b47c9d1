# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by build-aux/dev and .ci/run: starts a virtual X server for tests
# that open real windows.
#
#   start_xvfb   starts Xvfb on the first free display from :99 on, exports
#                DISPLAY and sets XVFB_PID; returns 1 if none could start.
#   stop_xvfb    ends the server that start_xvfb started, if any.
#
# The caller installs the trap that calls stop_xvfb on exit.

XVFB_PID=

start_xvfb ()
{
  local n pid log

  log=$(mktemp "${TMPDIR:-/tmp}/rapport-xvfb.XXXXXX")
  for n in $(seq 99 199); do
    # A lock file or a socket means another server has (or had) this display.
    if [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; then
      continue
    fi

    Xvfb ":$n" -screen 0 1280x1024x24 -nolisten tcp >"$log" 2>&1 &
    pid=$!

    for _ in $(seq 100); do
      if [ -S "/tmp/.X11-unix/X$n" ]; then
        XVFB_PID=$pid
        export DISPLAY=":$n"
        rm -f "$log"
        return 0
      fi
      # It died: most likely another server took the display meanwhile.
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done

    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done

  echo "Could not start Xvfb; its last words were:" >&2
  cat "$log" >&2
  rm -f "$log"
  return 1
}

stop_xvfb ()
{
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=
  fi
}
