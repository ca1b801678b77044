#!/usr/bin/env bash
# bench-kernels.sh: the kernel throughput benchmark (make bench-kernels).
# Every registered kernel and every peer (oneDNN, XNNPACK, SLEEF, libmvec adapters in
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
cpu_line() {
  local f
  f=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  f="$f, family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')"
  f="$f model $(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')"
  if grep -qm1 ' avx512f' /proc/cpuinfo; then f="$f, AVX-512F"; else f="$f, no AVX-512F"; fi
  echo "$f"
}
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN{exit !(l > 1)}'; then
  echo "bench-kernels: warning: load average $load on $(nproc) cores: other work is running;" \
       "throughput figures will be low and noisy (see uptime)" >&2
fi
{
  echo "# $(date -u '+%F %H:%M') UTC, $(nproc) cores, uptime: $(uptime | sed 's/^ *//')"
  # the ratios depend on the host: Zen 1 (AMD family 23 model 1) runs each
  # 256-bit operation as two 128-bit halves, so its AVX2/scalar ratios are
  # about half of an Intel host's with the same code
  echo "# cpu: $(cpu_line)"
  echo "# command: $B/bench/bench_kernels $*${DNNL_MAX_CPU_ISA:+ (DNNL_MAX_CPU_ISA=$DNNL_MAX_CPU_ISA)}"
  "$B/bench/bench_kernels" "$@"
} | tee "$out"
exit "${PIPESTATUS[0]}"
