/* The synthesis page's filters and sortable tables, inline: the page asks for nothing over the
   network. Without this script the filters stay hidden and every table shows whole, in the
   report's order. Every word it shows comes from the page (data-shown, the headers). */
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main) { return; }
  var lang = document.documentElement.lang || "en";
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });

  /* --- sorting: a button in each column's header; again, the other way ------------------- */

  // A cell's number: its data-sort when the page gives one ('' for unknown), else the first
  // number of its text (« 24 % », « −10 », « 0,96 »); null when it has none (« – »).
  function number(cell) {
    var given = cell.getAttribute("data-sort");
    if (given !== null) { return given === "" ? null : parseFloat(given); }
    var text = cell.textContent.replace(/[\s\u00a0\u202f]/g, "").replace(/\u2212/g, "-");
    var found = text.match(/^[-+]?\d+(?:[.,]\d+)?/);
    return found ? parseFloat(found[0].replace(",", ".")) : null;
  }

  function sortBy(table, column, numeric, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, index) {
      var cell = row.cells[column];
      var key = cell ? (numeric ? number(cell) : cell.textContent.trim()) : null;
      return { row: row, key: key === "" ? null : key, index: index };
    });
    keyed.sort(function (a, b) {
      if (a.key === null || b.key === null) {  // what is not given goes last, either way
        return a.key === null ? (b.key === null ? a.index - b.index : 1) : -1;
      }
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return (descending ? -order : order) || a.index - b.index;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
  }

  Array.prototype.forEach.call(main.querySelectorAll("table.data"), function (table) {
    if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 2) { return; }
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      if (!th.textContent.trim()) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sortBy(table, column, th.classList.contains("n") || column > 0 && isNumeric(table, column), descending);
      });
    });
  });

  // A column is numeric when every cell that says something starts with a number.
  function isNumeric(table, column) {
    var rows = table.tBodies[0].rows;
    var seen = false;
    for (var i = 0; i < rows.length; i++) {
      var cell = rows[i].cells[column];
      if (!cell) { continue; }
      if (cell.hasAttribute("data-sort")) { seen = true; continue; }
      var text = cell.textContent.trim();
      if (!text || text === "\u2013") { continue; }
      if (number(cell) === null) { return false; }
      seen = true;
    }
    return seen;
  }

  /* --- filters: the territories' rows a reader keeps -------------------------------------- */

  var form = document.getElementById("filters");
  if (!form) { return; }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = form.querySelector(".filters-shown");
  var tables = main.querySelectorAll("table.territories");

  function keeps(row) {
    return selects.every(function (select) {
      var wanted = select.value;
      if (!wanted) { return true; }
      var value = row.getAttribute("data-" + select.name) || "";
      return select.hasAttribute("data-many") ? value.split(" ").indexOf(wanted) >= 0 : value === wanted;
    });
  }

  function apply() {
    var shown = 0;
    var every = 0;
    // the territories' rows, and what else is said territory by territory (why a figure is
    // not given); counted on the first table, a row per territory
    Array.prototype.forEach.call(main.querySelectorAll("[data-origin]"), function (element) {
      element.hidden = !keeps(element);
    });
    Array.prototype.forEach.call(tables[0].tBodies[0].rows, function (row) {
      every += 1;
      shown += row.hidden ? 0 : 1;
    });
    status.textContent = form.getAttribute("data-shown")
      .replace("{n}", String(shown)).replace("{of}", String(every));
  }

  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());
