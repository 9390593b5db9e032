// The strategy map's focus on one goal: the menu above the map (shown only when this script runs),
// a link to map.html#goal-<key> or map.html?focus=<key> dim everything not connected to that goal:
// its band stays as it is, and of the other bands only what the goal reaches through a
// cross-reference. Without this script the map is whole, and #goal-<key> still scrolls to the band.
(function () {
  "use strict";
  var form = document.querySelector("form.map-focus");
  var select = document.getElementById("map-focus");
  var bands = Array.prototype.slice.call(document.querySelectorAll(".map-band"));
  if (!form || !select || !bands.length) return;
  var status = form.querySelector(".map-focus-status");
  var titles = {};
  Array.prototype.forEach.call(select.options, function (option) {
    if (option.value) titles[option.value] = option.textContent;
  });

  // Whether a node or curve of the band of goal `own` is connected to goal `key`.
  function connected(element, own, key) {
    if (own === key) return true;
    var also = element.getAttribute("data-also");
    return !!also && also.split(" ").indexOf(key) >= 0;
  }

  function focus(key) {
    if (!Object.prototype.hasOwnProperty.call(titles, key)) key = "";
    select.value = key;
    bands.forEach(function (band) {
      var own = band.getAttribute("data-goal") || "";
      var any = false;
      Array.prototype.forEach.call(band.querySelectorAll("svg > a, svg > path.edge"), function (element) {
        var on = !key || connected(element, own, key);
        element.classList.toggle("dim", !on);
        any = any || on;
      });
      band.classList.toggle("focused", !!key && own === key);
      band.classList.toggle("dim", !any);
    });
    status.textContent = key ? form.getAttribute("data-status").replace("{goal}", titles[key]) : "";
  }

  // The goal the address names: #goal-<key>, else ?focus=<key> when there is no #fragment;
  // `null` for another #fragment (a link within the page), which leaves the focus as it is.
  function named() {
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.indexOf("goal-") === 0) return hash.slice(5);
    if (hash) return null;
    return new URLSearchParams(window.location.search).get("focus") || "";
  }

  function follow() {
    var key = named();
    if (key !== null) focus(key);
  }

  select.addEventListener("change", function () {
    var params = new URLSearchParams(window.location.search);
    params.delete("focus");
    var query = params.toString();
    var hash = select.value ? "#goal-" + select.value : "";
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + hash);
    focus(select.value);
    if (select.value) document.getElementById("goal-" + select.value).scrollIntoView({ block: "start" });
  });
  window.addEventListener("hashchange", follow);
  form.hidden = false;
  follow();
})();
