#!/usr/bin/env bash
# bench-sweep.sh: the sweep benchmark (make bench-sweep).
#  1. the fast reference against pure MPFR on the same inputs, one thread
#     (build/bench/bench_ref): one input at a time, in batches, and in runs
#     of consecutive patterns from every binade as an exhaustive sweep asks;
#  2. wall time of an exhaustive binary32 sweep (all 2^32 inputs) of the
#     scalar kernel of each activation and direction, and of its first AVX2
#     kernel (the reference's and the engine's own cost, with a kernel that
#     costs little), on all cores, with the user CPU time beside it (wall
#     is what a person waits; user/cores is what it would be on an idle
#     machine).
# FNS="tanh gelu" chooses the rows (FNS=all: every elementwise row); SWEEP=0
# skips part 2; SCALAR=0 sweeps the AVX2 kernels only.
# Output also goes to build/bench/bench-sweep.txt.
set -u
cd "$(dirname "$0")/.."
out=build/bench/bench-sweep.txt
mkdir -p build/bench
fns=${FNS:-"gelu sigmoid tanh silu softplus mish elu gelu_tanh"}
if [ "$fns" = all ]; then # every elementwise row of the registry (softmax and log_softmax are rows)
  fns=$(build/actcheck list | awk '/^[a-z]/ && $1 != "softmax" && $1 != "log_softmax" {print $1}' | tr '\n' ' ')
fi
{
  echo "# $(date -u +%F) $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "## fast reference vs MPFR (build/bench/bench_ref ${NFAST:-1048576} ${NMPFR:-20000} ${RPER:-8} $fns)"
  build/bench/bench_ref "${NFAST:-1048576}" "${NMPFR:-20000}" "${RPER:-8}" $fns
  if [ "${SWEEP:-1}" != 0 ]; then
    echo
    echo "## exhaustive sweeps (build/actcheck sweep --fn FN [--deriv] --impl K)"
    echo "# the scalar kernel, then the row's first AVX2 kernel (when the machine has AVX2):"
    echo "# the second shows what the reference and the sweep engine cost with a cheap kernel"
    printf '%-12s %-4s %-40s %8s %8s %12s %10s\n' activation dir kernel "wall s" "user s" "max ulp" fallbacks
    avx2=$(grep -qw avx2 /proc/cpuinfo && echo 1 || echo 0)
    for fn in $fns; do
      for dir in fwd bwd; do
        if [ $dir = fwd ]; then d=FWD; flag=; else d=BWD; flag=--deriv; fi
        ks=$(grep -hF "\"$fn\", $d, SCALAR" impls/kernels.def | head -1 | sed 's/KERNEL("\([^"]*\)".*/\1/')
        [ -n "$ks" ] || { echo "no scalar $dir kernel for $fn"; continue; }
        kv=
        [ "$avx2" = 1 ] && kv=$(grep -hF "\"$fn\", $d, AVX2" impls/avx2/fast.def impls/avx2/exp.def impls/avx2/gelu.def impls/avx2/pw.def | head -1 | sed 's/KERNEL("\([^"]*\)".*/\1/')
        kl="$ks $kv"
        [ "${SCALAR:-1}" = 0 ] && kl=$kv
        for k in $kl; do
          TIMEFORMAT='%R %U'
          { time build/actcheck sweep --fn "$fn" $flag --impl "$k" > build/bench/sweep.txt 2>/dev/null; } 2> build/bench/time.txt
          read -r wall user < build/bench/time.txt
          mu=$(sed -n 's/.*max ulp *\([0-9.e+]*\).*/\1/p' build/bench/sweep.txt | head -1)
          fb=$(sed -n 's/.*fallbacks *\([0-9]*\) to MPFR.*/\1/p' build/bench/sweep.txt | head -1)
          printf '%-12s %-4s %-40s %8.1f %8.1f %12s %10s\n' "$fn" $dir "$k" "$wall" "$user" "${mu:-?}" "${fb:-?}"
        done
      done
    done
  fi
} | tee "$out"
