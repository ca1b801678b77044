#!/usr/bin/env bash
# report.sh: the actcheck report (make report, make report-full).  The GELU
# approximation comparison (every registered gelu, gelu_tanh, gelu_sigmoid
# kernel and derivative against x Phi(x) and against its own formula, with
# throughput) and every kernel's accuracy, as an HTML page and a Markdown
# file with gnuplot plots, in $OUT (default $B/report).  Every figure is
# computed in the run, by:
#   bench_kernels --fn gelu --fn gelu_tanh --fn gelu_sigmoid  data/bench.txt
#   actcheck accuracy                                  data/accuracy.txt
#   gelu_approx --step K --data data/gelu              data/gelu/ (curves, binades)
#   actcheck sweep --out (FULL=1, or SWEEPS=DIR)        data/sweeps/
# Environment:
#   B           build folder (binaries), default build
#   OUT         report folder, default $B/report
#   GELU_STEP   gelu_approx takes every K-th bit pattern (default 4096: 2^20
#               inputs per kernel, 2048 per binade)
#   BENCH=0     no throughput (bench_kernels times the kernels: ~10 s)
#   SWEEPS=DIR  also report the `actcheck sweep --out` result files in DIR
#   FULL=1      first run the exhaustive sweep (all 2^32 inputs, against the
#               kernel's own formula) of every GELU-family kernel into
#               SWEEP_DIR (default $B/report-sweeps; resumed where a file
#               stopped) and report them: about a minute per kernel on two
#               idle cores; NEON rows only with SWEEP_NEON=1 (~25 min each
#               under qemu); SWEEP_KERNELS=REGEX sweeps only the kernels whose
#               names match (grep -E)
#   RENDER=1    only redraw the page from the data already in $OUT/data
# Exit status: 0 when the report was written, 1 when a measurement could not
# be made (the page then says what is missing), 2 on usage errors.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
OUT=${OUT:-$B/report}
STEP=${GELU_STEP:-4096}
D=$OUT/data
LIB=reports/report.awk
AWKLIB="$(cat "$LIB")"$'\n'
t_start=$(date +%s)
status=0

die() { echo "report.sh: $*" >&2; exit 2; }
note() { echo "report.sh: $*" >&2; }
for f in "$B/actcheck" "$B/bench/gelu_approx"; do
  [ -x "$f" ] || die "$f is missing: run make B=$B report"
done
command -v gnuplot >/dev/null || die "gnuplot is missing: bash scripts/deps.sh installs gnuplot-nox"

# ---- measurements ------------------------------------------------------------
if [ "${RENDER:-0}" != 1 ]; then
  rm -rf "$D" && mkdir -p "$D" || die "cannot create $D"
  {
    echo "date	$(date -u '+%F %H:%M UTC')"
    echo "commit	$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "cpu	$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "cores	$(nproc)"
    echo "load_start	$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "step	$STEP"
    echo "gnuplot	$(gnuplot --version)"
  } > "$D/run.tsv"
  "$B/actcheck" list > "$D/list.txt" 2>&1

  # Throughput first, on its own (the other measurements would slow it).
  if [ "${BENCH:-1}" != 0 ] && [ -x "$B/bench/bench_kernels" ]; then
    note "bench_kernels (GELU family)"
    "$B/bench/bench_kernels" --fn gelu --fn gelu_tanh --fn gelu_sigmoid > "$D/bench.txt" 2>&1
    echo $? > "$D/bench.rc"
  fi
  # actcheck accuracy is one thread; gelu_approx uses every core beside it.
  note "actcheck accuracy (every kernel, sampled) and gelu_approx --step $STEP"
  ( "$B/actcheck" accuracy > "$D/accuracy.txt" 2> "$D/accuracy.err"; echo $? > "$D/accuracy.rc" ) &
  acc_pid=$!
  t0=$(date +%s)
  "$B/bench/gelu_approx" --step "$STEP" --data "$D/gelu" > "$D/gelu_approx.txt" 2> "$D/gelu_approx.err"
  echo $? > "$D/gelu_approx.rc"
  echo "gelu_seconds	$(( $(date +%s) - t0 ))" >> "$D/run.tsv"
  wait "$acc_pid"
  echo "accuracy_seconds	$(( $(date +%s) - t0 ))" >> "$D/run.tsv"

  if [ "${FULL:-0}" = 1 ]; then
    SWEEP_DIR=${SWEEP_DIR:-$B/report-sweeps}
    mkdir -p "$SWEEP_DIR"
    rm -f "$SWEEP_DIR/not-swept.txt"
    awk -F'\t' '!/^#/ && $6 == "ok" { print $1, $2, $3, $4 }' "$D/gelu/summary.tsv" |
    while read -r k fn dir isa; do
      if [ -n "${SWEEP_KERNELS:-}" ] && ! echo "$k" | grep -Eq -- "$SWEEP_KERNELS"; then
        continue
      fi
      if [ "$isa" = neon ] && [ "${SWEEP_NEON:-0}" != 1 ]; then
        echo "$k: not swept (NEON under qemu; SWEEP_NEON=1 sweeps it)" >> "$SWEEP_DIR/not-swept.txt"
        continue
      fi
      note "sweep $k (all 2^32 inputs)"
      "$B/actcheck" sweep --fn "$fn" $([ "$dir" = bwd ] && echo --deriv) --impl "$k" \
        --out "$SWEEP_DIR/$k.sweep" > "$SWEEP_DIR/$k.txt" 2>&1
      rc=$?
      [ $rc -le 1 ] || note "sweep $k: exit $rc (see $SWEEP_DIR/$k.txt)"
    done
    SWEEPS=$SWEEP_DIR
  fi
  echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)" >> "$D/run.tsv"
  echo "measure_seconds	$(( $(date +%s) - t_start ))" >> "$D/run.tsv"
fi
if [ -n "${SWEEPS:-}" ]; then
  echo "sweeps	$SWEEPS" >> "$D/run.tsv"
  rm -rf "$D/sweeps" && mkdir -p "$D/sweeps"
  for f in "$SWEEPS"/*.sweep; do
    [ -f "$f" ] || continue
    k=$(basename "$f" .sweep)
    "$B/actcheck" merge "$f" > "$D/sweeps/$k.merge" 2>&1
    echo $? > "$D/sweeps/$k.rc"
    # binade lines: field count max (a hex float, converted by printf)
    grep '^binade ' "$f" | while read -r _ field n max; do
      b=$((field)); s=+; [ $b -ge 256 ] && s=-
      printf '0x%03x\t%s\t%d\t%s\t%.6e\t-\n' "$b" "$s" \
        $(( (b & 255) - 127 )) "$n" "$max"
    done > "$D/sweeps/$k.binade"
    sed -n 's/^\(fn\|deriv\|impl\|range\|n\|n_cr\) //p' "$f" | tr '\n' '\t' > "$D/sweeps/$k.head"
  done
  [ -f "$SWEEPS/not-swept.txt" ] && cp "$SWEEPS/not-swept.txt" "$D/sweeps/"
fi
[ -f "$D/run.tsv" ] || die "no data in $D: run without RENDER=1 first"
run() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$D/run.tsv" | tail -1; }

ga_rc=$(cat "$D/gelu_approx.rc" 2>/dev/null || echo missing)
if [ "$ga_rc" != 0 ] || [ ! -s "$D/gelu/summary.tsv" ]; then
  note "gelu_approx failed (exit $ga_rc): $(head -3 "$D/gelu_approx.err" 2>/dev/null)"
  status=1
fi
acc_rc=$(cat "$D/accuracy.rc" 2>/dev/null || echo missing)
# actcheck accuracy exits 1 when a kernel has special-value failures (a
# finding, reported in the tables); 2 and up is an error.
if ! [ "$acc_rc" -le 1 ] 2>/dev/null || ! grep -q '^kernel' "$D/accuracy.txt" 2>/dev/null; then
  note "actcheck accuracy failed (exit $acc_rc): $(head -3 "$D/accuracy.err" 2>/dev/null)"
  status=1
fi

# ---- plots -------------------------------------------------------------------
# The terminal: pngcairo, else libgd png, else svg.
if gnuplot -e 'set terminal pngcairo' </dev/null >/dev/null 2>&1; then
  TERMS='pngcairo size %d,%d font "sans,10"'; EXT=png
elif gnuplot -e 'set terminal png' </dev/null >/dev/null 2>&1; then
  TERMS='png size %d,%d'; EXT=png
else
  TERMS='svg size %d,%d font "sans,10"'; EXT=svg
fi
term() { printf "$TERMS" "$1" "$2"; }
rm -f "$OUT"/*.png "$OUT"/*.svg
PAL="#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b #e377c2 #17becf #bcbd22 #7f7f7f #000000 #aec7e8 #98df8a #ff9896"
# per activation: shades, for plots that mix the three
PAL_gelu="#08306b #2171b5 #6baed6 #4292c6 #08519c #9ecae1"
PAL_gelu_tanh="#a50f15 #ef3b2c #d94801 #fd8d3c #7f2704 #fc9272"
PAL_gelu_sigmoid="#006d2c #41ab5d #74c476"
gp_err=$D/gnuplot.err
: > "$gp_err"
rm -f "$D/plots-failed"

# reps FN DIR PEERS [SRC EXT]: one kernel per (activation, algorithm): the
# first registered row that ran; the others of that algorithm are in the
# tables.  FN '*' takes all three activations.  Prints "name fn" lines.
reps() {
  awk -F'\t' -v fn="$1" -v dir="$2" -v peers="$3" "$AWKLIB"'
    !/^#/ && $6 == "ok" && (fn == "*" || $2 == fn) && $3 == dir && (peers || $5 == 0) {
      key = $2 "/" algo($1, $2)
      if (!(key in seen)) { seen[key] = 1; print $1, $2 }
    }' "$D/gelu/summary.tsv"
}

# all_rows FN DIR: every kernel of FN and DIR that ran, "name fn" lines.
all_rows() {
  awk -F'\t' -v fn="$1" -v dir="$2" '!/^#/ && $6 == "ok" && $2 == fn && $3 == dir { print $1, $2 }' \
    "$D/gelu/summary.tsv"
}

# plot TEMPLATE OUTNAME W H PALETTE-MODE "title" "extra gnuplot -e" < "name fn" lines
# PALETTE-MODE: one (PAL in order) or fn (shades per activation)
plot() {
  local tpl=$1 name=$2 w=$3 h=$4 mode=$5 ttl=$6 extra=$7 src=$8 ext=$9
  local files="" titles="" colors="" i=0 ig=0 it=0 is=0 k fn c
  while read -r k fn; do
    [ -f "$src/$k$ext" ] || continue
    i=$((i + 1))
    if [ "$mode" = fn ]; then
      case $fn in
        gelu) ig=$((ig + 1)); c=$(echo $PAL_gelu | cut -d' ' -f$(( (ig - 1) % 6 + 1 ))) ;;
        gelu_tanh) it=$((it + 1)); c=$(echo $PAL_gelu_tanh | cut -d' ' -f$(( (it - 1) % 6 + 1 ))) ;;
        *) is=$((is + 1)); c=$(echo $PAL_gelu_sigmoid | cut -d' ' -f$(( (is - 1) % 3 + 1 ))) ;;
      esac
    else
      c=$(echo $PAL | cut -d' ' -f$(( (i - 1) % 14 + 1 )))
    fi
    files="$files $src/$k$ext"; titles="$titles $k"; colors="$colors $c"
  done
  [ $i -gt 0 ] || return 0
  if gnuplot -e "term='$(term "$w" "$h")'; out='$OUT/$name.$EXT'; ttl=\"$ttl\"; files='${files# }';
                 titles='${titles# }'; colors='${colors# }'; $extra" "reports/$tpl.gp" 2>> "$gp_err"; then
    echo "$name.$EXT"
  else
    note "gnuplot failed on $name (see $gp_err)"; echo "$name" >> "$D/plots-failed"
  fi
}

CURVE_INFO=$(head -1 "$(ls "$D"/gelu/*.curve 2>/dev/null | head -1)" 2>/dev/null | sed 's/^# [^:]*: //; s/; target.*//')
declare -A IMG
if [ -s "$D/gelu/summary.tsv" ]; then
  IMG[head_fwd]=$(reps '*' fwd 0 | plot curves gelu-headline-fwd 1280 820 fn \
    "GELU approximations, forward: error against x Phi(x) (one kernel per algorithm, ours)" \
    "cols='3 4'; ylab1=\"|y - x Phi(x)|\"; ylab2=\"|y - x Phi(x)| / |x Phi(x)|\"; xlab=\"x\"; half=0" "$D/gelu" .curve)
  IMG[head_bwd]=$(reps '*' bwd 0 | plot curves gelu-headline-bwd 1280 820 fn \
    "GELU approximations, backward: error against gelu'(x) = Phi(x) + x phi(x) (one kernel per algorithm, ours)" \
    "cols='3 4'; ylab1=\"|dx - gelu'(x)|\"; ylab2=\"|dx - gelu'(x)| / |gelu'(x)|\"; xlab=\"x\"; half=0" "$D/gelu" .curve)
  for fn in gelu gelu_tanh gelu_sigmoid; do
    for dir in fwd bwd; do
      if [ $dir = fwd ]; then tgt="x Phi(x)"; d=""; else tgt="gelu'(x)"; d="'"; fi
      IMG[${fn}_${dir}_tgt]=$(reps $fn $dir 1 | plot curves "$fn-$dir-target" 1280 820 one \
        "$fn$d kernels against the target $tgt (one kernel per algorithm)" \
        "cols='3 5'; ylab1=\"absolute error\"; ylab2=\"ulp error against $tgt\"; xlab=\"x\"; half=1" "$D/gelu" .curve)
      IMG[${fn}_${dir}_own]=$(reps $fn $dir 1 | plot curves "$fn-$dir-own" 1280 500 one \
        "$fn$d kernels against their own formula $fn$d (implementation error)" \
        "cols='6'; ylab1=\"ulp error against own formula\"; ylab2=\"\"; xlab=\"x\"; half=1" "$D/gelu" .curve)
      IMG[${fn}_${dir}_bin]=$(reps $fn $dir 1 | plot binades "$fn-$dir-binades" 1280 520 one \
        "$fn$d: max ulp error against own formula per binade (every ${STEP}th bit pattern)" \
        "col=5; floor=1e-3" "$D/gelu" .binade)
      if [ -d "$D/sweeps" ]; then
        IMG[${fn}_${dir}_swp]=$(all_rows $fn $dir | plot binades "$fn-$dir-sweep-binades" 1280 520 one \
          "$fn$d: max ulp error against own formula per binade, from actcheck sweep result files (every swept kernel)" \
          "col=5; floor=1e-3" "$D/sweeps" .binade)
      fi
    done
  done
fi

# Accuracy / throughput scatter of the forward GELU kernels.
if [ -s "$D/bench.txt" ] && [ -s "$D/gelu/summary.tsv" ]; then
  awk -F'|' '/^\| f32-/ { n = $2; gsub(/^ +| +$| \(\*\)/, "", n); gsub(/ /, "", $5); gsub(/ /, "", $6);
                          print n "\t" $5 "\t" $6 }' "$D/bench.txt" > "$D/bench.tsv"
  awk -F'\t' -v bf="$D/bench.tsv" 'FILENAME == bf { l2[$1] = $3; next }
              !/^#/ && $6 == "ok" && $3 == "fwd" && ($1 in l2) { print l2[$1] "\t" $27 "\t" $1 "\t" $2 }' \
    "$D/bench.tsv" "$D/gelu/summary.tsv" |
    # the front: no other kernel both faster and more accurate; only these are labelled
    sort -t'	' -k1,1gr -k2,2g | awk -F'\t' 'NR == 1 || $2 + 0 < best { best = $2 + 0; print $0 "\t" $3; next } { print $0 "\t" }' \
    > "$D/pareto.tsv"
  if [ -s "$D/pareto.tsv" ] &&
     gnuplot -e "term='$(term 1280 760)'; out='$OUT/gelu-pareto.$EXT'; data='$D/pareto.tsv'" reports/pareto.gp 2>> "$gp_err"; then
    IMG[pareto]=gelu-pareto.$EXT
  else
    note "no accuracy/throughput plot (see $gp_err)"
  fi
fi

# ---- every kernel's accuracy (actcheck accuracy) -------------------------------
# accuracy.txt -> acc.tsv: name fmt fn dir class max mean cr special repro output
if [ -s "$D/accuracy.txt" ]; then
  awk "$AWKLIB"'
    /^(f32|f64|f16|bf16)-/ {
      name = $1; n = split(name, t, "-"); fmt = t[1]; fn = t[2]
      dir = (t[3] == "bwd") ? "bwd" : "fwd"; cls = isa_class(name)
      if ($2 == "SKIPPED:") {
        r = $0; sub(/^[^ ]+ +/, "", r)
        print name "\t" fmt "\t" fn "\t" dir "\t" cls "\t" r "\t-\t-\t-\t-\t-"; next
      }
      if ($2 !~ /^[0-9.e+-]+$|^(inf|nan)$/) next
      line = $0; out = line; sub(/.*-> kernel /, "", out)
      rep = line; sub(/ +-> kernel .*/, "", rep); sub(/^[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +/, "", rep)
      print name "\t" fmt "\t" fn "\t" dir "\t" cls "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" rep "\t" out
    }' "$D/accuracy.txt" > "$D/acc.tsv"
  # every kernel line must have been understood
  ACC_LINES=$(grep -Ec '^(f32|f64|f16|bf16)-' "$D/accuracy.txt")
  ACC_PARSED=$(awk 'END { print NR }' "$D/acc.tsv")
  if [ "$ACC_LINES" != "$ACC_PARSED" ]; then
    note "actcheck accuracy: parsed $ACC_PARSED of $ACC_LINES kernel lines (has its output format changed?)"
    status=1
  fi
  # strip chart of the binary32 kernels: column per activation, in registry order
  awk -F'\t' '$2 == "f32" && $6 ~ /^[0-9]/ {
      if (!($3 in col)) { col[$3] = ++n; xt = xt (n > 1 ? ", " : "") "\\\"" $3 "\\\" " n }
      print col[$3] "\t" $3 "\t" $4 "\t" $5 "\t" $6
    } END { print "(" xt ")" > "/dev/stderr"; print n > "/dev/stderr" }' "$D/acc.tsv" \
    > "$D/acc-f32.tsv" 2> "$D/acc-f32.xt"
  xt=$(head -1 "$D/acc-f32.xt"); nfn=$(sed -n 2p "$D/acc-f32.xt")
  if gnuplot -e "term='$(term 1400 700)'; out='$OUT/accuracy-f32.$EXT'; data='$D/acc-f32.tsv';
                 xt=\"$xt\"; floor=1e-3; nfn=$nfn;
                 ttl='Every binary32 kernel: max ulp error against its own activation (actcheck accuracy, sampled)'" \
       reports/accuracy.gp 2>> "$gp_err"; then
    IMG[acc]=accuracy-f32.$EXT
  else
    note "gnuplot failed on accuracy-f32 (see $gp_err)"; status=1
  fi
fi

[ -s "$D/plots-failed" ] && status=1

# ---- tables ------------------------------------------------------------------
# GELU table: one section per activation and direction, every row.
gelu_table() {
  awk -F'\t' -v want_fn="$1" -v want_dir="$2" -v bf="$BENCH_TSV" "$AWKLIB"'
    FILENAME == bf { l1[$1] = $2; l2[$1] = $3; next }
    FNR == 1 {
      tg = want_dir == "fwd" ? "x Phi(x)" : "gelu'"'"'"
      print "kernel\tISA\tpromise (ulp vs own, registry)\tmax ulp vs own (sampled)\tworst input vs own" \
            "\twithin promise\tCR % vs own\tmax ulp vs " tg "\tmax ulp vs " tg ", |x| <= 4" \
            "\tmax |y - t| vs " tg ", |x| <= 10\tat x\tmax rel. error vs " tg ", |x| <= 4" \
            "\tspecial (own / target)\tL1 el/ns\tL2 el/ns"
      next
    }
    /^#/ || $2 != want_fn || $3 != want_dir { next }
    $6 != "ok" {
      print $1 "\t" $4 "\t" fu($7) "\t" $6 "\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-"; next
    }
    {
      kept = ($11 + 0 <= $7 + 0) ? "yes" : "NO"
      tp1 = ($1 in l1) ? l1[$1] : ($4 == "neon" ? "not timed (qemu)" : "-")
      tp2 = ($1 in l2) ? l2[$1] : ($4 == "neon" ? "not timed (qemu)" : "-")
      print $1 "\t" $4 "\t" fu($7) "\t" fu($11) "\t`" $12 " = " sprintf("%.6g", $13) "\t" kept "\t" $16 "\t" fu($20) "\t" fu($23) \
            "\t" fa($27) "\t`" $28 " = " sprintf("%.6g", $29) "\t" fa($30) "\t" $17 " / " $26 "\t" tp1 "\t" tp2
    }' "${BENCH_TSV:-/dev/null}" "$D/gelu/summary.tsv"
}
BENCH_TSV=$D/bench.tsv; [ -s "$BENCH_TSV" ] || BENCH_TSV=/dev/null
{
  for fn in gelu gelu_tanh gelu_sigmoid; do
    for dir in fwd bwd; do
      echo "#section $fn ($([ $dir = fwd ] && echo forward || echo backward))"
      gelu_table $fn $dir
    done
  done
} > "$D/gelu-table.tsv" 2>/dev/null
# Ranking of the forward kernels by max absolute error against x Phi(x).
{
  echo "rank	kernel	activation	max |y - x Phi(x)|, |x| <= 10	at x	max rel. error, |x| <= 4	max ulp vs own (sampled)	L2 el/ns"
  awk -F'\t' -v bf="$BENCH_TSV" 'FILENAME == bf { l2[$1] = $3; next } !/^#/ && $6 == "ok" && $3 == "fwd" {
      print $27 "\t" $1 "\t" $2 "\t" $28 " = " $29 "\t" $30 "\t" $11 "\t" (($1 in l2) ? l2[$1] : ($4 == "neon" ? "not timed (qemu)" : "-")) }' \
    "$BENCH_TSV" "$D/gelu/summary.tsv" | sort -t'	' -k1,1g |
  awk -F'\t' "$AWKLIB"'{ print NR "\t" $2 "\t" $3 "\t" fa($1) "\t`" $4 "\t" fa($5) "\t" fu($6) "\t" $7 }'
} > "$D/gelu-rank.tsv" 2>/dev/null
# Findings: sampled maxima above the registry promise (the promise is an
# exhaustive measurement, so a sample above it means the row is wrong).
FINDINGS=$(awk -F'\t' '!/^#/ && $6 == "ok" && $11 + 0 > $7 + 0 {
    printf "%s%s: %.4g ulp at x = %s against a promise of %s", (n++ ? "; " : ""), $1, $11, $12, $7 }' \
  "$D/gelu/summary.tsv" 2>/dev/null)
SWEEP_BROKEN=$(cat "$D"/sweeps/*.merge 2>/dev/null | grep -c 'promise .*BROKEN')
# Skipped GELU rows, said loudly.
SKIPPED_GELU=$(awk -F'\t' '!/^#/ && $6 != "ok" { n++ } END { print n + 0 }' "$D/gelu/summary.tsv" 2>/dev/null)

# Exhaustive sweeps.
if [ -d "$D/sweeps" ]; then
  {
    echo "kernel	activation	direction	range	inputs	max ulp vs own (exhaustive)	worst input	CR %	special-value failures	promise	merge exit"
    for h in "$D"/sweeps/*.head; do
      [ -f "$h" ] || continue
      k=$(basename "$h" .head); m=$D/sweeps/$k.merge
      awk -F'\t' -v m="$m" -v rc="$(cat "$D/sweeps/$k.rc")" -v k="$k" '{
          fn = $1; dir = $2 == 1 ? "bwd" : "fwd"; range = $4; n = $5
          while ((getline l < m) > 0) {
            if (l ~ /^  max ulp /) { split(l, w, " "); mu = w[3]; wx = w[7] }
            if (l ~ /^  promise /) { sub(/^  promise +/, "", l); pr = l }
            if (l ~ /^  correctly rounded /) { split(l, w, " "); cr = w[3] }
            if (l ~ /^  special-value failures/) { sub(/^  special-value failures:? */, "", l); sp = l }
          }
          print k "\t" fn "\t" dir "\t`" range "\t" n "\t" mu "\t`" wx "\t" cr "\t" (sp == "" ? "?" : sp) "\t" pr "\t" rc
        }' "$h"
    done
  } > "$D/sweep-table.tsv"
fi

# Every kernel's accuracy: binary32 by activation, then the other formats.
if [ -s "$D/acc.tsv" ]; then
  {
    echo "kernel	direction	kind	max ulp	mean ulp	CR %	special	worst input (reproduce)	kernel output"
    awk -F'\t' "$AWKLIB"'$2 == "f32" { if ($3 != last) { print "#section " $3; print "kernel\tdirection\tkind\tmax ulp\tmean ulp\tCR %\tspecial\tworst input (reproduce)\tkernel output"; last = $3 }
        print $1 "\t" $4 "\t" $5 "\t" ($7 == "-" ? $6 : fu($6)) "\t" fu($7) "\t" $8 "\t" $9 "\t`" $10 "\t`" $11 }' "$D/acc.tsv"
  } | sed 1d > "$D/acc-f32-table.tsv"
  {
    echo "kernel	format	direction	max ulp	mean ulp	CR %	special	worst input (reproduce)	kernel output"
    awk -F'\t' "$AWKLIB"'$2 != "f32" {
        print $1 "\t" $2 "\t" $4 "\t" ($7 == "-" ? $6 : sprintf("%.9f", $6)) "\t" fu($7) "\t" $8 "\t" $9 "\t`" $10 "\t`" $11 }' "$D/acc.tsv"
  } > "$D/acc-fmt-table.tsv"
  ACC_SKIPPED=$(awk -F'\t' '$6 ~ /^SKIPPED/ { n++ } END { print n + 0 }' "$D/acc.tsv")
  ACC_N=$(awk 'END { print NR }' "$D/acc.tsv")
  ACC_SPECIAL=$(awk -F'\t' '$9 ~ /^[0-9]+$/ && $9 > 0 { n++ } END { print n + 0 }' "$D/acc.tsv")
fi

# ---- the page ------------------------------------------------------------------
t_end=$(date +%s)
# emit FMT: the whole report in html or md
emit() {
  local fmt=$1
  h() { if [ "$fmt" = html ]; then echo "<h$1 id=\"$2\">$3</h$1>"; else printf '\n%s %s\n\n' "$(printf '#%.0s' $(seq "$1"))" "$3"; fi; }
  p() { if [ "$fmt" = html ]; then echo "<p>$*</p>"; else echo "$*" | sed 's/<[^>]*>//g'; echo; fi; }
  img() { [ -n "${1:-}" ] || return 0; if [ "$fmt" = html ]; then echo "<p><img src=\"$1\" alt=\"$2\"></p>"; else echo "![$2]($1)"; echo; fi; }
  tbl() { [ -s "$1" ] || { p "(no data: $1 is missing)"; return; }; awk -f "$LIB" -f reports/table.awk -v fmt="$fmt" "$1"; }
  pre() { if [ "$fmt" = html ]; then echo "<pre>"; sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; echo "</pre>"; else echo '```'; cat; echo '```'; echo; fi; }

  if [ "$fmt" = html ]; then
    echo "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>actcheck report</title><style>"
    cat reports/style.css
    echo "</style></head><body>"
  fi
  h 1 top "actcheck report: GELU approximations and kernel accuracy"
  p "Generated $(run date) from commit $(run commit) on $(run cpu), $(run cores) cores (load average $(run load_start) at the start, $(run load_end) at the end). Measurements took $(run measure_seconds) s (gelu_approx $(run gelu_seconds) s, actcheck accuracy $(run accuracy_seconds) s beside it), the page $((t_end - t_start)) s in this run. Every number and plot below was computed in that run; the raw output is in <code>data/</code>."
  if [ $status -ne 0 ]; then p "<b>Incomplete:</b> a measurement failed; see the notes above each section and data/*.err."; fi

  h 2 defs "Definitions"
  p "Every kernel of an approximation is measured against two references: (a) the exact value of its <i>own formula</i> (its implementation error, in ULP, as <code>actcheck sweep</code> measures it), and (b) the exact <i>target function</i> x&Phi;(x), or gelu'(x) = &Phi;(x) + x&phi;(x) for backward kernels (its approximation error: absolute, relative and ULP). ULP error of y against the exact t: |y &minus; t| / ulp(t), ulp(t) = 2^(max(e, &minus;126) &minus; 23) for 2^e &le; |t| &lt; 2^(e+1); 0.500 means correctly rounded. Exact values come from the certified fast reference (reference/fast.h, MPFR where it cannot decide); absolute errors use t to 2^-40 relative. Special-value failures (NaN, infinities, signs of zeros) are counted apart, never folded into a figure. The formulas (<code>actcheck list</code>):"
  awk '/^gelu/ { on = 1; print; next } /^[a-z]/ { on = 0 } on' "$D/list.txt" | pre

  h 2 gelu "GELU approximations"
  p "Kernels: every registered gelu, gelu_tanh and gelu_sigmoid kernel, forward and backward (ours, NEON and the peers oneDNN, SLEEF, glibc libmvec). Tables: every bit pattern k&middot;$(run step) (k = 0, 1, ...: $(awk -F'\t' '!/^#/ && $6 == "ok" { print $9; exit }' "$D/gelu/summary.tsv" 2>/dev/null) inputs per kernel, all binades, NaN and infinities included; <code>$B/bench/gelu_approx --step $(run step)</code>). Curves: ${CURVE_INFO:-?}, the maximum per bin. Plots draw one kernel per algorithm (the first registered row; scalar, AVX2 and NEON rows of one algorithm and the peers are all in the tables). Absolute errors of zero are left out of the log-scale curves; relative errors below 1e-12 and ULP errors below 1e-5 (finer than the exact values, known to 2^-40 relative, resolve) are drawn on that floor."
  if [ "${SKIPPED_GELU:-0}" -gt 0 ]; then
    p "<b>SKIPPED (not run, not passed):</b> $SKIPPED_GELU GELU-family kernels whose ISA this machine lacks: $(awk -F'\t' '!/^#/ && $6 != "ok" { printf "%s%s", (n++ ? ", " : ""), $1 }' "$D/gelu/summary.tsv")."
  fi
  if [ -n "$FINDINGS" ]; then
    p "<b>Above the registry promise</b> (sampled maxima against the own formula; the promise should hold for all 2^32 inputs, so each is a row to fix; <code>actcheck sweep --fn FN --impl NAME</code> confirms it): $FINDINGS."
  else
    p "Every GELU-family kernel that ran stayed within its registry promise on these samples."
  fi
  if [ "${SWEEP_BROKEN:-0}" -gt 0 ]; then
    p "<b>$SWEEP_BROKEN exhaustive sweeps broke their promise</b> (the sweep table below, marked BROKEN)."
  fi
  [ "$ga_rc" = 0 ] || p "<b>gelu_approx failed</b> (exit $ga_rc): $(head -3 "$D/gelu_approx.err" 2>/dev/null | sed 's/&/\&amp;/g; s/</\&lt;/g')"
  img "${IMG[head_fwd]:-}" "forward GELU approximations against x Phi(x)"
  p "Every 1 + erf and 1 + tanh form cancels for x &lt; 0 and returns &minus;0 where gelu is tiny: relative error 1 there, by design. The tanh and sigmoid forms' approximation error dominates their implementation error everywhere but in the far left tail."
  img "${IMG[head_bwd]:-}" "backward GELU approximations against gelu'(x)"
  h 3 rank "Forward kernels ranked by max absolute error against x&Phi;(x)"
  tbl "$D/gelu-rank.tsv"
  img "${IMG[pareto]:-}" "accuracy against throughput"
  if [ -z "${IMG[pareto]:-}" ]; then p "(No throughput: bench_kernels was not run, BENCH=0.)"; fi
  for fn in gelu gelu_tanh gelu_sigmoid; do
    for dir in fwd bwd; do
      h 3 "$fn-$dir" "$fn $([ $dir = fwd ] && echo forward || echo backward)"
      img "${IMG[${fn}_${dir}_tgt]:-}" "$fn $dir against the target"
      img "${IMG[${fn}_${dir}_own]:-}" "$fn $dir against its own formula"
      img "${IMG[${fn}_${dir}_bin]:-}" "$fn $dir per binade"
      img "${IMG[${fn}_${dir}_swp]:-}" "$fn $dir per binade, exhaustive"
    done
  done
  h 3 gelu-table "Every GELU-family kernel"
  p "Promise: the registry's max ULP against the kernel's own formula (measured by exhaustive sweeps, impls/*.def); 'within promise' compares this run's sampled maximum with it (NO is a finding). 'special': special-value failures on the samples, against the own formula / the target. Throughput: <code>bench_kernels --fn gelu --fn gelu_tanh --fn gelu_sigmoid</code>, elements per ns, one thread, L1 = 1024 and L2 = 32768 floats, fastest of 21 interleaved windows; the machine was shared (load above), so ratios mean more than absolute figures. Worst inputs reproduce with <code>actcheck ref FN [--deriv] X</code>."
  tbl "$D/gelu-table.tsv"

  h 3 sweeps "Exhaustive sweeps (all 2^32 inputs, against the own formula)"
  if [ -s "$D/sweep-table.tsv" ]; then
    p "From the <code>actcheck sweep --out</code> result files in $(run sweeps) (read back with <code>actcheck merge</code>, which checks them)."
    tbl "$D/sweep-table.tsv"
    [ -f "$D/sweeps/not-swept.txt" ] && pre < "$D/sweeps/not-swept.txt"
  else
    p "None in this run: <code>make report-full</code> sweeps every GELU-family kernel over all 2^32 inputs (about a minute each on two idle cores, resumable), or <code>make report SWEEPS=DIR</code> reports existing result files. The per-binade plots above are sampled."
  fi

  h 2 accuracy "Every kernel's accuracy (actcheck accuracy)"
  if [ -s "$D/acc.tsv" ]; then
    [ "$ACC_LINES" = "$ACC_PARSED" ] || p "<b>Parsed only $ACC_PARSED of $ACC_LINES kernel lines</b> of data/accuracy.txt: the table below is incomplete."
    p "<code>$B/actcheck accuracy</code> (exit $acc_rc): every registered kernel against the correctly rounded reference of its own activation, binary32 on ~8 inputs per binade plus 2000 in the interesting domain (row kernels: 400 random rows), binary16/bfloat16 on all 65,536 inputs, binary64 sampled. $ACC_N kernels; $ACC_SKIPPED SKIPPED (this machine lacks the ISA: not run, not passed); $ACC_SPECIAL with special-value failures (the 'special' column; listed in data/accuracy.txt)."
    img "${IMG[acc]:-}" "max ulp per binary32 kernel"
    h 3 acc-f32 "binary32"
    tbl "$D/acc-f32-table.tsv"
    h 3 acc-fmt "binary16, bfloat16, binary64"
    tbl "$D/acc-fmt-table.tsv"
  else
    p "<b>actcheck accuracy gave no output</b> (exit $acc_rc): $(head -3 "$D/accuracy.err" 2>/dev/null)"
  fi

  h 2 files "Data and commands"
  p "data/run.tsv (machine, load, times), data/gelu/summary.tsv (every GELU figure, inputs as hex floats), data/gelu/NAME.curve and NAME.binade (the plotted data), data/accuracy.txt, data/bench.txt, data/gelu_approx.txt, data/sweeps/. Reproduce: <code>make B=$B report</code> (GELU_STEP=K: every K-th bit pattern; BENCH=0: no throughput; SWEEPS=DIR: include sweep result files), <code>make B=$B report-full</code> (exhaustive)."
  if [ "$fmt" = html ]; then echo "</body></html>"; fi
}
emit html > "$OUT/index.html.tmp" && mv "$OUT/index.html.tmp" "$OUT/index.html"
emit md > "$OUT/report.md.tmp" && mv "$OUT/report.md.tmp" "$OUT/report.md"
[ -s "$gp_err" ] && note "gnuplot said: $(sort -u "$gp_err" | head -5)"
echo "report: $OUT/index.html, $OUT/report.md ($(ls "$OUT"/*."$EXT" 2>/dev/null | wc -l) plots, $(( $(date +%s) - t_start )) s)"
exit $status
