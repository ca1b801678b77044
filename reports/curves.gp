# curves.gp: errors as functions of x, one panel per column (scripts/report.sh).
# Variables (gnuplot -e): term (terminal spec), out, ttl, files, titles,
# colors (one word each per curve), cols (data columns, one panel each),
# ylab1, ylab2 (panel labels), xlab, half (1: draw the 0.5 ulp line).
# Data: gelu_approx --data DIR's NAME.curve (x_lo, x_hi, then absolute,
# relative and ULP errors against the target, ULP and absolute errors
# against the own formula).  The exact values are known to 2^-40 relative
# (reference/fast.h), so relative errors below 2^-40 and ULP errors below
# 2^-17 are not resolved: relative errors below 1e-12 and ULP errors below
# 1e-5 are drawn on that floor.  Absolute errors of
# zero cannot be drawn on a log axis and are left out (the tables give
# every maximum).
set terminal @term
set output out
set termoption noenhanced
set datafile separator "\t"
set datafile commentschars "#"
set logscale y
set format y "1e%T"
set grid xtics ytics mytics lc rgb "#dddddd"
set key outside right top font ",8" spacing 0.9
set xlabel xlab
resol(c) = c == 4 ? 1e-12 : (c == 5 || c == 6) ? 1e-5 : 0
np = words(cols)
set multiplot layout np, 1 title ttl
do for [p = 1:np] {
  c = word(cols, p) + 0
  f = resol(c)
  set ylabel (p == 1 ? ylab1 : ylab2).(f > 0 ? sprintf(" (floor %g)", f) : "")
  if (f > 0) { set yrange [f:*] } else { set yrange [*:*] }
  if (half && (c == 5 || c == 6)) {
    plot for [i = 1:words(files)] word(files, i) \
           using (($1 + $2) / 2):(column(c) > f ? column(c) : (f > 0 ? f : 1/0)) \
           with lines lw 1.3 lc rgb word(colors, i) dt 1 + (i - 1) % 4 title word(titles, i), \
         0.5 with lines lw 1 lc rgb "#555555" dt 3 title "0.5 ulp"
  } else {
    plot for [i = 1:words(files)] word(files, i) \
           using (($1 + $2) / 2):(column(c) > f ? column(c) : (f > 0 ? f : 1/0)) \
           with lines lw 1.3 lc rgb word(colors, i) dt 1 + (i - 1) % 4 title word(titles, i)
  }
}
unset multiplot
