// The overview's goal table, enhanced: each column heading sorts by that column (again to reverse),
// and two menus above the table show only one owner's or one channel's goals. Without this script
// the table is a plain table in urgency order.
(function () {
  "use strict";
  var table = document.querySelector("table.goal-table");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var labels = table.dataset;

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    if (kind === "number") return parseFloat(cell.getAttribute("data-value")) || 0;
    return (cell.textContent || "").trim().toLowerCase();
  }

  // Sorting: a button in every heading; aria-sort says the current order.
  var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headings.forEach(function (th, index) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    button.title = labels.labelSort + ": " + th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });

  // Filters: one menu of owners, one of channels, made from the rows.
  function values(attribute) {
    var seen = {};
    rows.forEach(function (row) {
      (row.getAttribute(attribute) || "").split("|").forEach(function (v) { if (v) seen[v] = true; });
    });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
  }
  var bar = document.createElement("div");
  bar.className = "table-filters";
  var status = document.createElement("p");
  status.className = "table-status";
  status.setAttribute("role", "status");
  var menus = [];
  [["data-owner", labels.labelOwner], ["data-channels", labels.labelChannel]].forEach(function (pair) {
    var options = values(pair[0]);
    if (options.length < 2) return;
    var label = document.createElement("label");
    label.textContent = pair[1] + " ";
    var select = document.createElement("select");
    var all = document.createElement("option");
    all.value = "";
    all.textContent = labels.labelAll;
    select.appendChild(all);
    options.forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = v;
      select.appendChild(option);
    });
    select.addEventListener("change", apply);
    label.appendChild(select);
    bar.appendChild(label);
    menus.push([pair[0], select]);
  });
  if (!menus.length) return;
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = menus.every(function (menu) {
        var wanted = menu[1].value;
        return !wanted || (row.getAttribute(menu[0]) || "").split("|").indexOf(wanted) >= 0;
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = labels.labelShown.replace("{shown}", shown).replace("{total}", rows.length);
  }
  bar.appendChild(status);
  var wrap = table.closest(".goal-table-wrap") || table;
  wrap.parentNode.insertBefore(bar, wrap);
  apply();
})();
