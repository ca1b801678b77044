# binades.gp: max ULP error per binade, x < 0 on the left (|x| growing
# leftwards), x > 0 on the right (scripts/report.sh).
# Variables: term, out, ttl, files, titles, colors, col (the data column:
# 5 against the kernel's own formula), floor (errors below it, exact zeros
# included, are drawn on it).
# Data: tab-separated field, sign (+/-), exponent (-127: zero and
# subnormals, 128: inf/NaN, left out), count, ULP errors.
set terminal @term
set output out
set termoption noenhanced
set datafile separator "\t"
set datafile commentschars "#"
set logscale y
set format y "1e%T"
set grid xtics ytics lc rgb "#dddddd"
set key inside right top font ",8" spacing 0.9 opaque
set multiplot layout 1, 2 title ttl
set ylabel "max ulp error in the binade"
# one y range for both panels
ymax = floor
do for [i = 1:words(files)] {
  stats word(files, i) using (column(col)) nooutput
  if (STATS_max > ymax) { ymax = STATS_max }
}
set yrange [floor:ymax * 2]
set ytics add ("<= ".gprintf("%g", floor) floor)
set xlabel "x < 0: binade [-2^(e+1), -2^e], e ="
set xrange [128:-128]
set lmargin 10
set rmargin 0
unset key
plot for [i = 1:words(files)] word(files, i) \
       using (strcol(2) eq "-" && $3 < 128 ? $3 : 1/0):(column(col) > floor ? column(col) : floor) \
       with linespoints pt 7 ps 0.4 lw 1.2 lc rgb word(colors, i) dt 1 + (i - 1) % 4 title word(titles, i)
set xlabel "x > 0: binade [2^e, 2^(e+1)), e ="
set xrange [-128:128]
set lmargin 9
set rmargin 2
set ylabel ""
set key inside right top font ",8" spacing 0.9 opaque
plot for [i = 1:words(files)] word(files, i) \
       using (strcol(2) eq "+" && $3 < 128 ? $3 : 1/0):(column(col) > floor ? column(col) : floor) \
       with linespoints pt 7 ps 0.4 lw 1.2 lc rgb word(colors, i) dt 1 + (i - 1) % 4 title word(titles, i)
unset multiplot
