# table.awk: a tab-separated table (first line: the header; a line
# "#section TITLE" starts a new table under a heading) as HTML (fmt=html)
# or Markdown (fmt=md).  Use with report.awk.  Cells starting with "`" are
# code (inputs, commands).  Numeric-looking cells are right-aligned.
BEGIN { FS = "\t"; head = 1 }
/^#section / {
  close_table()
  t = substr($0, 10)
  if (fmt == "html") print "<h4>" esc(t) "</h4>"
  else print "\n#### " t "\n"
  head = 1
  next
}
{
  if (head) { open_table(); head = 0; next }
  row()
}
END { close_table() }

function numeric(s) { return s ~ /^[-+]?[0-9.]+(e[-+]?[0-9]+)?%?$/ }

function cell(s, tag,   c, a) {
  c = s ~ /^`/; if (c) s = substr(s, 2)
  if (fmt == "html") {
    a = (tag == "td" && numeric(s)) ? " class=\"n\"" : ""
    if (s ~ /^(SKIPPED|NO|FAIL)|BROKEN/) a = " class=\"bad\""
    return "<" tag a ">" (c ? "<code>" esc(s) "</code>" : esc(s)) "</" tag ">"
  }
  gsub(/\|/, "\\|", s)
  return c ? "`" s "`" : s
}

function open_table(   i, l) {
  ncol = NF
  if (fmt == "html") {
    l = "<table><thead><tr>"
    for (i = 1; i <= NF; i++) l = l cell($i, "th")
    print l "</tr></thead><tbody>"
  } else {
    l = "|"; for (i = 1; i <= NF; i++) l = l " " cell($i, "th") " |"
    print l
    l = "|"; for (i = 1; i <= NF; i++) l = l (i == 1 ? "---|" : "---:|")
    print l
  }
  open = 1
}

function row(   i, l) {
  if (fmt == "html") {
    l = "<tr>"; for (i = 1; i <= NF; i++) l = l cell($i, "td")
    print l "</tr>"
  } else {
    l = "|"; for (i = 1; i <= NF; i++) l = l " " cell($i, "td") " |"
    print l
  }
}

function close_table() {
  if (!open) return
  if (fmt == "html") print "</tbody></table>"
  open = 0
}
