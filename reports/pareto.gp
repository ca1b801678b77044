# pareto.gp: forward GELU-family kernels, throughput against approximation
# error (scripts/report.sh).  Variables: term, out, data (tab-separated: L2
# elements/ns, max |y - x Phi(x)| on |x| <= 10, kernel, activation, the
# label: the kernel where it is on the Pareto front, else empty).
set terminal @term
set output out
set termoption noenhanced
set datafile separator "\t"
set logscale y
set format y "1e%T"
set logscale x 2
set grid xtics ytics lc rgb "#dddddd"
set xlabel "throughput, elements/ns (L2: 32768 floats, one thread; bench_kernels)"
set ylabel "max |y - x Phi(x)| on |x| <= 10 (gelu_approx)"
set title "Forward GELU-family kernels: approximation error against speed (lower right is better; labelled: the Pareto front)"
set key outside right top
fns = "gelu gelu_tanh gelu_sigmoid"
cols = "#1f77b4 #d62728 #2ca02c"
plot for [i = 1:3] data using (strcol(4) eq word(fns, i) ? $1 : 1/0):2 \
       with points pt 7 ps 1.2 lc rgb word(cols, i) title word(fns, i), \
     data using 1:2:5 with labels left offset 0.8, 0 font ",8" textcolor rgb "#444444" notitle
