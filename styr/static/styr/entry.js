// The report's entry page: Alt+ArrowDown and Alt+ArrowUp move to the same field of the next
// or previous row (an indicator, an activity, the goal's assessment), as in a spreadsheet.
// Each row is a fieldset with data-row="<prefix>"; its fields are named <prefix>-<field>.
(function () {
  "use strict";

  function fieldName(control, row) {
    const prefix = row.dataset.row + "-";
    return control.name && control.name.startsWith(prefix) ? control.name.slice(prefix.length) : null;
  }

  function target(rows, from, step, name) {
    for (let index = from + step; index >= 0 && index < rows.length; index += step) {
      const found = rows[index].querySelector(`[name="${rows[index].dataset.row}-${name}"]`);
      if (found && !found.disabled && found.type !== "hidden") {
        return found;
      }
    }
    return null;
  }

  function moved(event) {
    if (!event.altKey || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) {
      return;
    }
    const control = event.target;
    const row = control.closest && control.closest("fieldset[data-row]");
    if (!row) {
      return;
    }
    const name = fieldName(control, row);
    if (!name) {
      return;
    }
    const rows = Array.from(document.querySelectorAll("form[data-entry] fieldset[data-row]"));
    const next = target(rows, rows.indexOf(row), event.key === "ArrowDown" ? 1 : -1, name);
    event.preventDefault(); // also on the last row: Alt+arrow must not change a select's value
    if (next) {
      next.focus();
      if (typeof next.select === "function" && next.tagName === "INPUT") {
        next.select();
      }
    }
  }

  document.addEventListener("keydown", moved);
})();
