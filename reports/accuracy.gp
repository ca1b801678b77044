# accuracy.gp: max ULP error of every binary32 kernel, one column per
# activation, one marker per kernel (scripts/report.sh).
# Variables: term, out, ttl, data (tab-separated: column index, fn, dir,
# class, max ulp), xt (the xtics list "(\"relu\" 1, ...)"), floor (errors
# below it, exact zeros included, are drawn on it), nfn (activations).
set terminal @term
set output out
set termoption noenhanced
set datafile separator "\t"
set datafile commentschars "#"
set logscale y
set format y "1e%T"
set yrange [floor:*]
set ytics add ("<= ".gprintf("%g", floor) floor)
set xrange [0:nfn + 1]
eval "set xtics ".xt." rotate by 45 right font \",9\""
set grid ytics lc rgb "#dddddd"
set key outside right top
set ylabel "max ulp error (sampled, actcheck accuracy)"
set title ttl
classes = "scalar avx2 neon peer"
ccol = "#1f77b4 #d62728 #2ca02c #9467bd"
off(i) = -0.3 + 0.2 * (i - 1)
filled(i) = word("7 9 5 13", i) + 0
open(i) = word("6 8 4 12", i) + 0
plot for [i = 1:4] data using (strcol(4) eq word(classes, i) && strcol(3) eq "fwd" ? $1 + off(i) : 1/0):($5 > floor ? $5 : floor) \
       with points pt filled(i) ps 0.9 lc rgb word(ccol, i) title word(classes, i)." forward", \
     for [i = 1:4] data using (strcol(4) eq word(classes, i) && strcol(3) eq "bwd" ? $1 + off(i) : 1/0):($5 > floor ? $5 : floor) \
       with points pt open(i) ps 0.9 lc rgb word(ccol, i) title word(classes, i)." backward"
