# Shared by the .ci step scripts: `check NAME COMMAND...` runs one check and counts it; `checks_summary` prints
# "checks: N passed, N failed" (which .ci/run adds to its total) and returns non-zero when any failed.
checks_passed=0
checks_failed=0

check() {
  local name=$1
  shift
  if "$@"; then
    checks_passed=$((checks_passed + 1))
    echo "ok    $name"
  else
    checks_failed=$((checks_failed + 1))
    echo "FAIL  $name"
  fi
}

checks_summary() {
  echo "checks: $checks_passed passed, $checks_failed failed"
  [ "$checks_failed" -eq 0 ]
}
