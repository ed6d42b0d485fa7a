// Drag and drop for the agenda builder on the staff meeting page.
//
// The "Nach oben" / "Nach unten" buttons move an item by keyboard, and without JavaScript;
// this adds the mouse's way: rows become draggable, and when a row is dropped the whole new
// order is posted (htmx) to the agenda's reorder address, which answers with the fresh
// agenda. A failed save comes back as the old order with a message in the status line.
(function () {
  "use strict";

  function rows(tbody) {
    return Array.prototype.slice.call(tbody.querySelectorAll("tr[data-item]"));
  }

  function setup(root) {
    var bodies = root.querySelectorAll ? root.querySelectorAll("tbody[data-reorder-url]") : [];
    Array.prototype.forEach.call(bodies, function (tbody) {
      if (tbody.dataset.dragReady) {
        return;
      }
      tbody.dataset.dragReady = "1";
      var dragged = null;
      var before = "";
      rows(tbody).forEach(function (row) {
        row.draggable = true;
        row.classList.add("agenda-row--draggable");
      });
      tbody.addEventListener("dragstart", function (event) {
        dragged = event.target.closest("tr[data-item]");
        if (!dragged) {
          return;
        }
        before = rows(tbody).map(function (row) { return row.dataset.item; }).join(",");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", dragged.dataset.item);
        dragged.classList.add("agenda-row--dragging");
      });
      tbody.addEventListener("dragover", function (event) {
        if (!dragged) {
          return;
        }
        event.preventDefault();
        var over = event.target.closest("tr[data-item]");
        if (!over || over === dragged) {
          return;
        }
        var box = over.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        tbody.insertBefore(dragged, after ? over.nextSibling : over);
      });
      tbody.addEventListener("drop", function (event) {
        event.preventDefault();
      });
      tbody.addEventListener("dragend", function () {
        if (!dragged) {
          return;
        }
        dragged.classList.remove("agenda-row--dragging");
        dragged = null;
        var order = rows(tbody).map(function (row) { return row.dataset.item; }).join(",");
        if (order === before) {
          return;
        }
        window.htmx.ajax("POST", tbody.dataset.reorderUrl, {
          target: "#agenda-builder",
          swap: "outerHTML",
          values: { order: order },
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setup(document); });
  document.addEventListener("htmx:load", function (event) { setup(event.detail.elt); });
})();
