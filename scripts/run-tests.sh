#!/usr/bin/env bash
# run-tests.sh: run every self-test binary, print each one's cmocka report,
# and a closing 'N passed, N failed' line over all of them.  An argument
# VAR=VALUE:TEST runs TEST with VAR=VALUE in its environment.
set -u
pass=0 fail=0 failed=()
for t in "$@"; do
  case $t in
    *=*:*) echo "== ${t%%:*} ${t#*:}"; out=$(env "${t%%:*}" "${t#*:}" 2>&1); rc=$? ;;
    *) out=$("$t" 2>&1); rc=$? ;;
  esac
  printf '%s\n' "$out"
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    [ -z "$f" ] && fail=$((fail + 1))
  fi
done
echo
[ ${#failed[@]} -gt 0 ] && echo "failing: ${failed[*]}"
echo "$pass passed, $fail failed"
[ ${#failed[@]} -eq 0 ]
