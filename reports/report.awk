# report.awk: formatting helpers for scripts/report.sh (loaded with -f
# before each table's own program; POSIX awk, mawk and gawk alike).

function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }

# a ULP error: three decimals below 1000 (0.500 is correctly rounded), else
# three significant digits
function fu(v) {
  if (v == "-" || v == "") return "-"
  v += 0
  return v < 1000 ? sprintf("%.3f", v) : sprintf("%.3g", v)
}

# an absolute or relative error: three significant digits
function fa(v) {
  if (v == "-" || v == "") return "-"
  return (v + 0 == 0) ? "0" : sprintf("%.3g", v + 0)
}

# binary32 kind of kernel, from its name: scalar, avx2, neon or peer
function isa_class(name,   t, n) {
  n = split(name, t, "-")
  if (t[3] == "bwd") return t[4]
  return t[3]
}

# the algorithm part of a kernel name: f32-gelu-bwd-avx2-rational-12-10-div
# -> rational-12-10-div; peers keep their library: peer-sleef-erf-u10
function algo(name, fn) {
  sub(/^(f32|f64|f16|bf16)-/, "", name)
  if (index(name, fn "-") == 1) name = substr(name, length(fn) + 2)
  sub(/^bwd-/, "", name)
  sub(/^(scalar|avx2|neon)-/, "", name)
  return name
}

function esc(s) {
  gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
  return s
}
