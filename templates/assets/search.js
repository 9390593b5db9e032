// stratagem search: filters the prebuilt index (search-index.js) in the browser. No server, no
// network; works from file:// too. Matching ignores case and diacritics ("phan hoi" finds
// "phản hồi"), and every word of the query must match.
(function () {
  "use strict";
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  var index = window.STRATAGEM_SEARCH || [];
  var kinds = window.STRATAGEM_KINDS || {};
  if (!list || !input) return;
  var root = list.getAttribute("data-root") || "";

  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  var folded = index.map(function (e) {
    return { t: fold(e.t), f: fold(e.f), b: fold(e.b) };
  });

  function snippet(text, word) {
    var at = fold(text).indexOf(word);
    if (at < 0) return text.slice(0, 160);
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, at + 100) + "…";
  }

  function run(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var f = folded[i], score = 0, all = true;
      for (var w = 0; w < words.length; w++) {
        var word = words[w];
        if (f.t.indexOf(word) >= 0) score += 10;
        else if (f.f.indexOf(word) >= 0) score += 4;
        else if (f.b.indexOf(word) >= 0) score += 1;
        else { all = false; break; }
      }
      if (all) hits.push([score, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    status.textContent = hits.length ? list.getAttribute("data-results") + ": " + hits.length : list.getAttribute("data-none");
    hits.slice(0, 100).forEach(function (hit) {
      var e = index[hit[1]];
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "badge";
      kind.textContent = kinds[e.k] || e.k;
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;
      var p = document.createElement("p");
      p.className = "snippet";
      p.textContent = snippet(e.b || e.f, words[0]);
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) input.value = params.get("q");
  input.addEventListener("input", function () { run(input.value); });
  input.form && input.form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
  run(input.value);
})();
