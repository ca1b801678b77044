#!/usr/bin/env bash
# bench-kernels.sh: the kernel throughput benchmark (make bench-kernels).
# Every registered kernel and every peer (oneDNN, SLEEF, libmvec adapters in
# impls/peers/): elements/ns on L1- and L2-resident arrays beside the max ULP
# error, per activation, with the targets of issue 5 at the end.  Arguments go
# to bench_kernels (--fn FN, --reps R, --ms T).  The machine is shared: the
# load average is printed, and a warning when it is above 1 (numbers from a
# busy machine are low and noisy).  DNNL_MAX_CPU_ISA (e.g. AVX2) limits
# oneDNN's code path.  Output also goes to $B/bench/bench-kernels.txt.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
out=$B/bench/bench-kernels.txt
mkdir -p "$B/bench"
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN{exit !(l > 1)}'; then
  echo "bench-kernels: warning: load average $load on $(nproc) cores: other work is running;" \
       "throughput figures will be low and noisy (see uptime)" >&2
fi
{
  echo "# $(date -u '+%F %H:%M') UTC, $(nproc) cores, uptime: $(uptime | sed 's/^ *//')"
  echo "# command: $B/bench/bench_kernels $*${DNNL_MAX_CPU_ISA:+ (DNNL_MAX_CPU_ISA=$DNNL_MAX_CPU_ISA)}"
  "$B/bench/bench_kernels" "$@"
} | tee "$out"
exit "${PIPESTATUS[0]}"
