// stratagem search: filters the prebuilt index (search-index.js) in the browser. No server, no
// network; works from file:// too. Matching ignores case, diacritics and compatibility forms
// ("phan hoi" finds "phản hồi", full-width "ＫＰＩ" finds "KPI"); every word of the query must
// match the start of a word. Chinese and Japanese (and Thai, Lao, Khmer, Burmese) are written
// without spaces, so a run of their characters in the query matches as a substring ("竞品" finds
// "产品问题与竞品动态"), and it is a word of its own where it touches other letters ("Q3竞品" is
// "q3" and "竞品"). Results are ranked title matches first, then the owner and fields, then the
// body; each shows its matches marked in the title and in a snippet of about twenty words around
// the first match. The kind filter and the query live in the URL (?q=…&kind=goal), so a filtered
// search can be linked and survives a reload.
(function () {
  "use strict";
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  var filter = document.getElementById("search-kinds");
  var index = window.STRATAGEM_SEARCH || [];
  var kindNames = window.STRATAGEM_KINDS || {};
  if (!list || !status || !input) return;
  var root = list.getAttribute("data-root") || "";
  var LIMIT = 100;
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

  // Case, diacritics (Vietnamese đ too), compatibility forms (full-width letters, half-width
  // kana) and the Greek final sigma all fold away.
  var MARKS = /[\u0300-\u036f]/g;
  function fold(s) {
    return (s || "").normalize("NFKD").toLowerCase().replace(MARKS, "").replace(/đ/g, "d").replace(/ς/g, "σ");
  }
  var folded = index.map(function (e) {
    return { t: fold(e.t), f: fold((e.o || "") + " · " + e.f), b: fold(e.b) };
  });

  // Where `word` occurs in folded text `s`, from `from` on: at the start of a word (after
  // anything but a letter or digit: "hoi" finds "phan-hoi" and "hỏi", not "thời"), or anywhere
  // in the scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
  // Burmese), where a word can start at any character.
  var UNSPACED = "\\p{scx=Han}\\p{scx=Hira}\\p{scx=Kana}\\p{scx=Thai}\\p{scx=Laoo}\\p{scx=Khmr}\\p{scx=Mymr}";
  var UNSPACED_START = new RegExp("^[" + UNSPACED + "]", "u");
  var WORD_CHAR = /[\p{L}\p{N}]/u;
  function find(s, word, from) {
    var anywhere = UNSPACED_START.test(word);
    for (var at = s.indexOf(word, from); at >= 0; at = s.indexOf(word, at + 1)) {
      if (anywhere || at === 0 || !WORD_CHAR.test(s[at - 1]) || UNSPACED_START.test(s[at - 1])) return at;
    }
    return -1;
  }

  // The words of a query: split at spaces and CJK punctuation, and where a run of unspaced
  // script meets other letters; punctuation around a word is dropped.
  var UNSPACED_RUN = new RegExp("[" + UNSPACED + "]+|[^" + UNSPACED + "]+", "gu");

  var EDGE_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;
  function terms(query) {
    var out = [];
    fold(query).split(/[\s\u3000-\u303f]+/).forEach(function (piece) {
      (piece.match(UNSPACED_RUN) || []).forEach(function (run) {
        var term = run.replace(EDGE_PUNCTUATION, "");
        if (term && out.indexOf(term) < 0) out.push(term);
      });
    });
    return out;
  }

  // Folded text with, for each of its UTF-16 units, the span of the original text it came from,
  // so that a match found in folded text is marked at the right place in the original (folding
  // changes lengths: "ệ" is one unit, its folding "e" too, but "ﬁ" becomes "fi" and a combining
  // accent becomes nothing, and joins the letter before it). ASCII text folds to itself.
  var ASCII = /^[\x00-\x7f]*$/;
  var maps = new Map();
  function folding(text) {
    var known = maps.get(text);
    if (known) return known;
    var map = { s: "", from: null, to: null };
    if (ASCII.test(text)) {
      map.s = text.toLowerCase();
    } else {
      var parts = [], from = [], to = [];
      for (var i = 0; i < text.length;) {
        var n = text.codePointAt(i) > 0xffff ? 2 : 1;
        var piece = fold(text.slice(i, i + n));
        if (!piece.length && to.length) to[to.length - 1] = i + n;
        for (var k = 0; k < piece.length; k++) { from.push(i); to.push(i + n); }
        parts.push(piece);
        i += n;
      }
      map.s = parts.join(""); map.from = from; map.to = to;
    }
    if (maps.size > 500) maps.clear();
    maps.set(text, map);
    return map;
  }

  // Where the words occur in `text`: sorted, merged [start, end) spans of the original text.
  function spans(text, words) {
    var map = folding(text), found = [];
    words.forEach(function (word) {
      for (var at = find(map.s, word, 0); at >= 0; at = find(map.s, word, at + word.length)) {
        var end = at + word.length - 1;
        found.push(map.from ? [map.from[at], map.to[end]] : [at, end + 1]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    found.forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push(span.slice());
    });
    return merged;
  }

  // Appends `text` from `start` to `end` to `parent`, its matches in <mark> (text nodes only:
  // document text never goes through innerHTML).
  function marked(parent, text, found, start, end) {
    var at = start;
    found.forEach(function (span) {
      var from = Math.max(span[0], at), to = Math.min(span[1], end);
      if (to <= from) return;
      if (from > at) parent.appendChild(document.createTextNode(text.slice(at, from)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      parent.appendChild(mark);
      at = to;
    });
    if (end > at) parent.appendChild(document.createTextNode(text.slice(at, end)));
    return parent;
  }

  // About twenty words around the first match: eight before it, twelve after (a Chinese or
  // Japanese character counts as half a word), at most 80 characters before and 150 after;
  // a cut falls between words where one is near, never inside a character.
  var CJK_CHAR = /[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}]/u;
  var SPACE = /\s/;
  function whole(text, i, step) {
    var unit = text.charCodeAt(i);
    return unit >= 0xdc00 && unit <= 0xdfff ? i + step : i;
  }
  function before(text, at, words, chars) {
    var count = 0;
    for (var i = at; i > 0; i--) {
      var ch = text[i - 1];
      if (SPACE.test(ch)) {
        if (i < at && !SPACE.test(text[i]) && ++count >= words) return { at: i, cut: true };
      } else if (CJK_CHAR.test(ch) && (count += 0.5) > words) {
        return { at: i, cut: true };
      }
      if (at - i >= chars) {
        var space = text.slice(i, Math.min(at, i + 20)).search(SPACE);
        return { at: whole(text, space < 0 ? i : i + space + 1, 1), cut: true };
      }
    }
    return { at: 0, cut: false };
  }
  function after(text, at, words, chars) {
    var count = 0;
    for (var i = at; i < text.length; i++) {
      var ch = text[i];
      if (SPACE.test(ch)) {
        if (i > 0 && !SPACE.test(text[i - 1]) && ++count >= words) return { at: i, cut: true };
      } else if (CJK_CHAR.test(ch) && (count += 0.5) > words) {
        return { at: i, cut: true };
      }
      if (i - at >= chars) {
        var space = text.slice(Math.max(at, i - 20), i).search(/\s\S*$/);
        return { at: whole(text, space < 0 ? i : Math.max(at, i - 20) + space, -1), cut: true };
      }
    }
    return { at: text.length, cut: false };
  }

  // The snippet comes from the body, or from the fields when they have more of the words.
  function present(text, words) {
    var s = folding(text).s;
    return words.filter(function (word) { return find(s, word, 0) >= 0; }).length;
  }
  function snippet(e, words) {
    var text = e.b || "";
    if (e.f && present(e.f, words) > present(text, words)) text = e.f;
    var found = spans(text, words);
    var p = document.createElement("p");
    p.className = "snippet";
    if (!text) return null;
    var first = found.length ? found[0] : [0, 0];
    var start = before(text, first[0], 8, 80), end = after(text, first[1], found.length ? 12 : 20, 150);
    if (start.cut) p.appendChild(document.createTextNode("…"));
    marked(p, text, found, start.at, end.at);
    if (end.cut) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function result(e, words) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "result-title";
    a.href = root + e.u;
    marked(a, e.t, spans(e.t, words), 0, e.t.length);
    var meta = document.createElement("p");
    meta.className = "result-meta";
    var kind = document.createElement("span");
    kind.className = "badge";
    kind.textContent = kindNames[e.k] || e.k;
    meta.appendChild(kind);
    if (e.o) {
      var owner = document.createElement("span");
      owner.className = "result-owner";
      owner.appendChild(document.createTextNode(list.getAttribute("data-owner") + ": "));
      marked(owner, e.o, spans(e.o, words), 0, e.o.length);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(owner);
    }
    li.appendChild(a);
    li.appendChild(meta);
    var text = snippet(e, words);
    if (text) li.appendChild(text);
    return li;
  }

  // Every document that has all the words, best first: a word in the title counts most, then
  // in the owner or fields, then in the body; equal scores keep the plan's order.
  function matches(words) {
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var f = folded[i], score = 0;
      for (var w = 0; w < words.length; w++) {
        var word = words[w];
        if (find(f.t, word, 0) >= 0) score += 100;
        else if (find(f.f, word, 0) >= 0) score += 10;
        else if (find(f.b, word, 0) >= 0) score += 1;
        else { score = -1; break; }
      }
      if (score >= 0) hits.push([score, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return hits.map(function (hit) { return hit[1]; });
  }

  function chosenKind() {
    var checked = filter && filter.querySelector("input:checked");
    return checked ? checked.value : "";
  }

  function counts(hits, shown) {
    if (!filter) return;
    var per = { "": hits.length };
    hits.forEach(function (i) { per[index[i].k] = (per[index[i].k] || 0) + 1; });
    filter.querySelectorAll(".count").forEach(function (span) {
      var count = per[span.getAttribute("data-kind")] || 0;
      span.textContent = shown ? numbers.format(count) : "";
      span.parentNode.classList.toggle("none", shown && !count);
    });
  }

  function run() {
    var words = terms(input.value), kind = chosenKind();
    list.textContent = "";
    if (!words.length) { status.textContent = ""; counts([], false); return; }
    var hits = matches(words);
    counts(hits, true);
    if (kind) hits = hits.filter(function (i) { return index[i].k === kind; });
    var message = hits.length
      ? list.getAttribute("data-results") + ": " + numbers.format(hits.length)
      : list.getAttribute("data-none");
    if (hits.length > LIMIT) message += " · " + list.getAttribute("data-first").replace("{count}", numbers.format(LIMIT));
    status.textContent = message;
    var items = document.createDocumentFragment();
    hits.slice(0, LIMIT).forEach(function (i) { items.appendChild(result(index[i], words)); });
    list.appendChild(items);
  }

  // The query and the kind in the address, so that a search can be linked and reloaded.
  function remember() {
    try {
      var params = new URLSearchParams(window.location.search);
      if (input.value.trim()) params.set("q", input.value); else params.delete("q");
      if (chosenKind()) params.set("kind", chosenKind()); else params.delete("kind");
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (error) {
      // Some browsers refuse to change a file:// address; the search still works.
    }
  }
  function update() { run(); remember(); }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) input.value = params.get("q");
  if (filter) {
    filter.hidden = false;
    var wanted = params.get("kind");
    if (wanted && kindNames[wanted]) {
      var radio = filter.querySelector('input[value="' + wanted + '"]');
      if (radio) radio.checked = true;
    }
    filter.addEventListener("change", update);
  }
  input.addEventListener("input", update);
  if (input.form) input.form.addEventListener("submit", function (event) { event.preventDefault(); update(); });

  // Keyboard: Down from the box goes to the first result, Up and Down move between results,
  // Up from the first one goes back to the box.
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a.result-title")); }
  input.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown") return;
    var all = links();
    if (all.length) { event.preventDefault(); all[0].focus(); }
  });
  list.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var all = links(), at = all.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else if (next < all.length) all[next].focus();
  });
  run();
})();
