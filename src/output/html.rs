//! `--format html`: one self-contained page per run for reviewing claims.
//!
//! ## What it does
//! [`HEAD`] opens the page (its style and script inline: the page loads
//! nothing from the network), [`document`] writes one `<section>` per
//! document, and [`FOOT`] closes the page; [`page`] does all three for a
//! list of analyses. Each section holds:
//!
//! * the article text with every claim highlighted (`<span class="claim">`,
//!   shaded by its score), and inside the claims the speakers, numbers and
//!   dates (`<span class="speaker|number|date">`);
//! * a table of the claims, sorted by check-worthiness (click a column
//!   header to sort by it), each row linked to its claim in the text;
//! * filters by speaker and by category.
//!
//! ## Invariants
//! All text is HTML-escaped. Marks are well nested: claims never overlap;
//! an inner mark that overlaps an earlier one or crosses a claim's edge is
//! left out. Element ids are unique in the page: they start with a hash of
//! the document id and its position in the run.

use std::fmt::Write;

use crate::document::Analysis;
use crate::span::Span;

use super::claim_date;

/// The page up to the first document.
pub const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="claimscan">
<title>claimscan: claims for review</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem; color: #222; }
h2 { font-size: 1.1rem; border-bottom: 1px solid #ccc; }
.article { white-space: pre-wrap; background: #fafafa; padding: .75rem; border: 1px solid #eee; }
.claim { border-bottom: 2px solid #999; }
.claim.high { background: #ffe08a; border-color: #d99a00; }
.claim.mid { background: #fff3c4; }
.claim:target, .claim.flash { outline: 2px solid #c0392b; }
.speaker { font-weight: 600; color: #1d4e89; }
.number { background: #cdeccd; }
.date { background: #d9e4fb; }
table { border-collapse: collapse; width: 100%; margin-top: .75rem; }
th, td { border: 1px solid #ddd; padding: .25rem .4rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; cursor: pointer; user-select: none; }
th[aria-sort=descending]::after { content: " ▼"; }
th[aria-sort=ascending]::after { content: " ▲"; }
td.score { font-variant-numeric: tabular-nums; }
.filters label { margin-right: 1rem; }
.legend span { margin-right: .75rem; padding: 0 .25rem; }
</style>
</head>
<body>
<h1>claimscan: claims for review</h1>
<p class="legend"><span class="claim high">check-worthy claim</span><span class="claim">other claim</span><span class="speaker">speaker</span><span class="number">number</span><span class="date">date</span></p>
"#;

/// The end of the page, with the script that sorts and filters the tables.
pub const FOOT: &str = r#"<script>
"use strict";
(function () {
  function cell(row, key) {
    var v = row.getAttribute("data-" + key) || "";
    return key === "score" || key === "order" ? parseFloat(v) : v.toLowerCase();
  }
  function sortBy(table, th) {
    var key = th.getAttribute("data-key");
    var desc = th.getAttribute("aria-sort") !== "descending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", desc ? "descending" : "ascending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cell(a, key), y = cell(b, key);
      var c = x < y ? -1 : x > y ? 1 : cell(a, "order") - cell(b, "order");
      return desc ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function filter(section) {
    var sp = section.querySelector("select.speaker-filter").value;
    var cat = section.querySelector("select.category-filter").value;
    var shown = 0;
    section.querySelectorAll("tbody tr").forEach(function (r) {
      var ok = (!sp || r.getAttribute("data-speaker") === sp) && (!cat || r.getAttribute("data-category") === cat);
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    section.querySelector(".shown").textContent = String(shown);
  }
  document.querySelectorAll("section.doc").forEach(function (section) {
    var table = section.querySelector("table.claims");
    table.querySelectorAll("th[data-key]").forEach(function (th) {
      th.addEventListener("click", function () { sortBy(table, th); });
    });
    section.querySelectorAll("select").forEach(function (s) {
      s.addEventListener("change", function () { filter(section); });
    });
    section.querySelectorAll("a.to-claim").forEach(function (a) {
      a.addEventListener("click", function () {
        var target = document.getElementById(a.getAttribute("href").slice(1));
        if (target) {
          target.classList.add("flash");
          setTimeout(function () { target.classList.remove("flash"); }, 1500);
        }
      });
    });
    filter(section);
  });
  document.body.setAttribute("data-ready", "1");
})();
</script>
</body>
</html>
"#;

/// A whole page for `analyses`.
pub fn page(analyses: &[Analysis]) -> String {
    let mut out = String::from(HEAD);
    for (i, a) in analyses.iter().enumerate() {
        out.push_str(&document(a, i));
    }
    out.push_str(FOOT);
    out
}

/// The section of one document; `n` is its position in the run.
pub fn document(a: &Analysis, n: usize) -> String {
    let prefix = format!("d{n}-{:08x}", fnv32(a.doc.id.as_bytes()));
    let mut out = String::new();
    let dct = a.doc.dct.map_or_else(|| "unknown".to_string(), |d| d.to_string());
    let _ = writeln!(out, "<section class=\"doc\" id=\"{prefix}\">");
    let _ = writeln!(out, "<h2>{} <small>· date {dct} · {} claims</small></h2>", esc(&a.doc.id), a.claims.claims.len());
    filters(&mut out, a);
    table(&mut out, a, &prefix);
    out.push_str("<div class=\"article\">");
    article(&mut out, a, &prefix);
    out.push_str("</div>\n</section>\n");
    out
}

/// An error record's section.
pub fn error(id: &str, kind: &str, message: &str) -> String {
    format!("<section class=\"error\"><h2>{}</h2><p>error {}: {}</p></section>\n", esc(id), esc(kind), esc(message))
}

fn filters(out: &mut String, a: &Analysis) {
    let text = a.doc.text.as_str();
    let mut speakers: Vec<&str> = a.claims.claims.iter().filter_map(|c| c.speaker.map(|s| s.slice(text))).collect();
    speakers.sort_unstable();
    speakers.dedup();
    let mut cats: Vec<&str> = a.claims.claims.iter().map(|c| c.category).collect();
    cats.sort_unstable();
    cats.dedup();
    out.push_str(
        "<p class=\"filters\"><label>Speaker <select class=\"speaker-filter\"><option value=\"\">all</option>",
    );
    for s in speakers {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", esc(s));
    }
    out.push_str("</select></label><label>Category <select class=\"category-filter\"><option value=\"\">all</option>");
    for c in cats {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", esc(c));
    }
    out.push_str("</select></label><span class=\"shown\"></span> claims shown</p>\n");
}

fn table(out: &mut String, a: &Analysis, prefix: &str) {
    let text = a.doc.text.as_str();
    out.push_str(
        "<table class=\"claims\"><thead><tr><th data-key=\"score\" aria-sort=\"descending\">check-worthy</th>\
         <th data-key=\"order\">claim</th><th data-key=\"category\">category</th><th data-key=\"speaker\">speaker</th>\
         <th>reasons</th><th>date</th></tr></thead>\n<tbody>\n",
    );
    let mut order: Vec<usize> = (0..a.claims.claims.len()).collect();
    // Highest score first; text order among equals.
    order.sort_by(|&x, &y| a.claims.claims[y].checkworthy.total_cmp(&a.claims.claims[x].checkworthy).then(x.cmp(&y)));
    for i in order {
        let c = &a.claims.claims[i];
        let speaker = c.speaker.map_or("", |s| s.slice(text));
        let _ = writeln!(
            out,
            "<tr data-score=\"{score:.3}\" data-order=\"{i}\" data-category=\"{cat}\" data-speaker=\"{sp}\" data-claim=\"c{i}\">\
             <td class=\"score\">{score:.3}</td><td><a class=\"to-claim\" href=\"#{prefix}-c{i}\">c{i}</a> {claim}</td>\
             <td>{cat}</td><td>{sp}</td><td>{reasons}</td><td>{date}</td></tr>",
            score = c.checkworthy_3dp(),
            cat = esc(c.category),
            sp = esc(speaker),
            claim = esc(c.span.slice(text)),
            reasons = esc(&c.reasons.join(", ")),
            date = esc(&claim_date(a, c).unwrap_or_default()),
        );
    }
    out.push_str("</tbody></table>\n");
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Speaker,
    Number,
    Date,
}

/// The text with claims and, inside them, speakers, numbers and dates.
fn article(out: &mut String, a: &Analysis, prefix: &str) {
    let text = a.doc.text.as_str();
    let claims = &a.claims.claims;
    let mut inner: Vec<(Span, Kind)> = Vec::new();
    inner.extend(claims.iter().filter_map(|c| c.speaker).map(|s| (s, Kind::Speaker)));
    inner.extend(a.numbers.numbers.iter().map(|n| (n.span, Kind::Number)));
    inner.extend(a.dates.dates.iter().map(|d| (d.span, Kind::Date)));
    inner.sort();
    inner.dedup();
    // Keep marks that nest: no overlap with the previous kept mark, and
    // inside one claim or outside all of them.
    let mut kept: Vec<(Span, Kind)> = Vec::new();
    for (s, k) in inner {
        if s.is_empty() || kept.last().is_some_and(|(p, _)| p.end > s.start) {
            continue;
        }
        if claims.iter().any(|c| c.span.overlaps(s) && !c.span.contains(s)) {
            continue;
        }
        kept.push((s, k));
    }
    let mut pos = 0;
    let mut ki = 0;
    let emit_inner_until = |out: &mut String, pos: &mut usize, ki: &mut usize, end: usize| {
        while *ki < kept.len() && kept[*ki].0.start < end {
            let (s, k) = kept[*ki];
            out.push_str(&esc(&text[*pos..s.start]));
            let class = match k {
                Kind::Speaker => "speaker",
                Kind::Number => "number",
                Kind::Date => "date",
            };
            let _ = write!(out, "<span class=\"{class}\">{}</span>", esc(s.slice(text)));
            *pos = s.end;
            *ki += 1;
        }
        out.push_str(&esc(&text[*pos..end]));
        *pos = end;
    };
    for (i, c) in claims.iter().enumerate() {
        emit_inner_until(out, &mut pos, &mut ki, c.span.start);
        let level = match c.checkworthy_3dp() {
            s if s >= 0.5 => " high",
            s if s >= 0.25 => " mid",
            _ => "",
        };
        let _ = write!(
            out,
            "<span class=\"claim{level}\" id=\"{prefix}-c{i}\" data-claim=\"c{i}\" title=\"c{i} · {:.3} · {}\">",
            c.checkworthy_3dp(),
            esc(c.category)
        );
        emit_inner_until(out, &mut pos, &mut ki, c.span.end);
        out.push_str("</span>");
    }
    emit_inner_until(out, &mut pos, &mut ki, text.len());
}

/// `s` escaped for HTML text and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn fnv32(b: &[u8]) -> u32 {
    b.iter().fold(0x811c_9dc5u32, |h, &x| (h ^ u32::from(x)).wrapping_mul(0x0100_0193))
}
