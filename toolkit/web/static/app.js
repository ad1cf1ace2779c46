// toolkit serve: sortable tables (within a page: the server finds and
// pages), saving a segment, and a page that reloads itself when the project
// changes on disk. No library: a few dozen lines the server's pages need,
// nothing to build.
"use strict";
const token = document.querySelector('meta[name="toolkit-token"]').content;
let version = document.querySelector('meta[name="toolkit-version"]').content;

function cellValue(row, index, kind) {
  const text = row.cells[index].textContent.trim();
  return kind === "number" ? parseFloat(text) || 0 : text.toLowerCase();
}

document.querySelectorAll("table.sortable th[data-sort]").forEach((th) => {
  th.addEventListener("click", () => {
    const table = th.closest("table"), body = table.tBodies[0];
    const index = Array.from(th.parentNode.children).indexOf(th);
    const ascending = th.dataset.order !== "asc";
    th.dataset.order = ascending ? "asc" : "desc";
    const rows = Array.from(body.rows).sort((a, b) => {
      const x = cellValue(a, index, th.dataset.sort), y = cellValue(b, index, th.dataset.sort);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach((row) => body.appendChild(row));
  });
});

const review = document.querySelector(".review");
const dirty = new Set();
if (review) {
  review.querySelectorAll("tr.segment").forEach((row) => {
    const box = row.querySelector("textarea"), message = row.querySelector(".message");
    box.addEventListener("input", () => dirty.add(row.dataset.key));
    const use = row.querySelector("button.use");
    if (use) use.addEventListener("click", () => {
      box.value = row.querySelector(".tm").textContent; dirty.add(row.dataset.key);
    });
    row.querySelectorAll("button[data-state]").forEach((button) => {
      button.addEventListener("click", async () => {
        message.textContent = "saving…"; message.className = "message";
        const response = await fetch("/api/save", {
          method: "POST",
          headers: {"Content-Type": "application/json", "X-Toolkit-Token": token},
          body: JSON.stringify({slug: review.dataset.slug, locale: review.dataset.locale,
                                key: row.dataset.key, text: box.value,
                                state: button.dataset.state, expected: row.dataset.fingerprint}),
        });
        const answer = await response.json();
        if (!response.ok) {
          message.textContent = answer.error; message.className = "message bad";
          return;
        }
        dirty.delete(row.dataset.key);
        row.dataset.fingerprint = answer.fingerprint;
        row.className = "segment state-" + answer.state;
        row.querySelector(".state").textContent = answer.state;
        message.textContent = "saved as " + answer.state; message.className = "message ok";
      });
    });
  });
}

async function poll() {
  try {
    const response = await fetch("/api/state", {cache: "no-store"});
    const state = await response.json();
    if (String(state.version) !== version) {
      if (dirty.size === 0) { location.reload(); return; }
      document.getElementById("stale").hidden = false;
    }
  } catch (error) { /* the server is restarting: try again */ }
  setTimeout(poll, 1000);
}
setTimeout(poll, 1000);
