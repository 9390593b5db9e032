// The roadmap, enhanced: the axis follows the rows when they scroll sideways (on a narrow
// screen), and three menus above it show only one owner's, one channel's or one goal's tactics,
// kept in the address (?owner=…&channel=…&goal=…) so that a filtered roadmap can be shared.
// Without this script the roadmap is complete, unfiltered.
(function () {
  "use strict";
  var root = document.querySelector(".roadmap");
  if (!root) return;
  var scroller = root.querySelector(".rm-scroll");
  var axis = root.querySelector(".rm-axis-wrap");
  if (scroller && axis) {
    scroller.addEventListener("scroll", function () { axis.scrollLeft = scroller.scrollLeft; }, { passive: true });
  }
  var labels = root.dataset;
  var rows = Array.prototype.slice.call(root.querySelectorAll(".rm-row"));
  var strategies = Array.prototype.slice.call(root.querySelectorAll(".rm-strategy"));
  var goals = Array.prototype.slice.call(root.querySelectorAll(".rm-goal"));

  function split(row, attribute) {
    return (row.getAttribute(attribute) || "").split("|").filter(function (v) { return v; });
  }
  function values(attribute) {
    var seen = {};
    rows.forEach(function (row) { split(row, attribute).forEach(function (v) { seen[v] = true; }); });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); }).map(function (v) { return [v, v]; });
  }
  var goalOptions = goals.filter(function (g) { return g.dataset.goal; }).map(function (g) {
    return [g.dataset.goal, g.dataset.title];
  });

  var params = new URLSearchParams(window.location.search);
  var bar = document.createElement("div");
  bar.className = "table-filters rm-filters";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", labels.labelFilters);
  var status = document.createElement("p");
  status.className = "table-status";
  status.setAttribute("role", "status");
  var menus = [];
  [
    ["owner", "data-owner", labels.labelOwner, values("data-owner")],
    ["channel", "data-channels", labels.labelChannel, values("data-channels")],
    ["goal", "data-goals", labels.labelGoal, goalOptions],
  ].forEach(function (menu) {
    if (menu[3].length < 2) return;
    var label = document.createElement("label");
    label.textContent = menu[2] + " ";
    var select = document.createElement("select");
    select.name = menu[0];
    [["", labels.labelAll]].concat(menu[3]).forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    var wanted = params.get(menu[0]);
    if (wanted && menu[3].some(function (pair) { return pair[0] === wanted; })) select.value = wanted;
    select.addEventListener("change", function () { apply(); remember(); });
    label.appendChild(select);
    bar.appendChild(label);
    menus.push([menu[1], select]);
  });
  if (!menus.length) return;

  // Hides the rows that do not match, then the strategies and goals left with none; counts each
  // tactic once, however many strategies it is listed under.
  function apply() {
    var shown = {}, total = {};
    rows.forEach(function (row) {
      var match = menus.every(function (menu) {
        var wanted = menu[1].value;
        return !wanted || split(row, menu[0]).indexOf(wanted) >= 0;
      });
      row.hidden = !match;
      var href = row.querySelector("a").getAttribute("href");
      total[href] = true;
      if (match) shown[href] = true;
    });
    strategies.forEach(function (s) { s.hidden = !s.querySelector(".rm-row:not([hidden])"); });
    goals.forEach(function (g) { g.hidden = !g.querySelector(".rm-strategy:not([hidden])"); });
    status.textContent = labels.labelShown
      .replace("{shown}", Object.keys(shown).length)
      .replace("{total}", Object.keys(total).length);
  }
  function remember() {
    var query = new URLSearchParams(window.location.search);
    menus.forEach(function (menu) {
      if (menu[1].value) query.set(menu[1].name, menu[1].value);
      else query.delete(menu[1].name);
    });
    var text = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : "") + window.location.hash);
  }
  bar.appendChild(status);
  root.parentNode.insertBefore(bar, root);
  apply();
})();
