// toolkit serve: sortable tables (within a page: the server finds and
// pages), and a review page that saves in place and follows the disk
// without ever reloading itself: a save answers at once and the row says
// so; the preview is swapped in when its rebuild is done; rows changed on
// disk are replaced, unless they hold unsaved text, which is never lost
// (kept in the browser until saved or discarded). No library: what the
// server's pages need, nothing to build.
"use strict";
const token = document.querySelector('meta[name="toolkit-token"]').content;
let version = document.querySelector('meta[name="toolkit-version"]').content;

function cellValue(row, index, kind) {
  const text = row.cells[index].textContent.trim();
  return kind === "number" ? parseFloat(text) || 0 : text.toLowerCase();
}

// (each header's button sorts: reachable by Tab, pressed by Enter or Space)
document.querySelectorAll("table.sortable th[data-sort]").forEach((th) => {
  (th.querySelector("button") || th).addEventListener("click", () => {
    const table = th.closest("table"), body = table.tBodies[0];
    const index = Array.from(th.parentNode.children).indexOf(th);
    const ascending = th.dataset.order !== "asc";
    th.dataset.order = ascending ? "asc" : "desc";
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const rows = Array.from(body.rows).sort((a, b) => {
      const x = cellValue(a, index, th.dataset.sort), y = cellValue(b, index, th.dataset.sort);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach((row) => body.appendChild(row));
  });
});

function showProblem(problem) {
  const banner = document.getElementById("problem");
  banner.textContent = problem || "";
  banner.hidden = !problem;
}

const review = document.querySelector(".review");
if (review) reviewPage(review); else indexPage();

function indexPage() {
  // The index holds nothing to lose: it shows the drafts' states afresh
  // when they change, unless the find box is in use.
  async function poll() {
    try {
      const state = await (await fetch("/api/state", {cache: "no-store"})).json();
      showProblem(state.problem);
      const finding = document.activeElement && document.activeElement.id === "filter";
      if (String(state.version) !== version && !finding) { location.reload(); return; }
    } catch (error) { /* the server is restarting: try again */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
}

function reviewPage(review) {
  const {slug, locale, edition} = review.dataset;
  const body = review.querySelector("table.rows tbody");
  let catalogStamp = review.dataset.catalog, previewStamp = review.dataset.preview;
  const stored = (key) => `toolkit:${slug}:${locale}:${key}`;
  const rowOf = (key) => body.querySelector(`tr.segment[data-key="${key}"]`);
  const isDirty = (row) => row.dataset.dirty === "1";

  function say(row, text, kind) {
    const message = row.querySelector(".message");
    message.textContent = text;
    message.className = "message" + (kind ? " " + kind : "");
  }

  function markDirty(row, text) {
    row.dataset.dirty = "1";
    localStorage.setItem(stored(row.dataset.key),
                         JSON.stringify({text, base: row.dataset.fingerprint}));
  }

  function markClean(row) {
    delete row.dataset.dirty;
    localStorage.removeItem(stored(row.dataset.key));
  }

  // Unsaved text of an earlier visit (a reload, a crash) comes back to its box.
  body.querySelectorAll("tr.segment").forEach((row) => {
    const kept = JSON.parse(localStorage.getItem(stored(row.dataset.key)) || "null");
    const box = row.querySelector("textarea");
    if (!kept) return;
    if (kept.text === box.value) { markClean(row); return; }
    box.value = kept.text;
    row.dataset.dirty = "1";
    say(row, "your unsaved text, kept from before: save it, or ", "warn");
    const discard = document.createElement("button");
    discard.type = "button"; discard.className = "discard"; discard.textContent = "discard it";
    row.querySelector(".message").appendChild(discard);
    if (kept.base !== row.dataset.fingerprint) {
      // Written against an older version: saving it asks, showing both.
      row.dataset.fingerprint = kept.base;
      say(row, "your unsaved text is kept; the segment also changed elsewhere since", "warn");
    }
  });

  body.addEventListener("input", (event) => {
    const row = event.target.closest("tr.segment");
    if (!row || !event.target.matches("textarea")) return;
    markDirty(row, event.target.value);
    grow(event.target);
    checkSoon(row);
  });

  // Boxes grow with their text.
  function grow(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  body.querySelectorAll("textarea").forEach(grow);

  // Each row's box is its only Tab stop; its buttons join the tab order
  // while the row has focus (roving tabindex).
  function roving(row, on) {
    row.querySelectorAll("button").forEach((button) => { button.tabIndex = on ? 0 : -1; });
  }
  body.querySelectorAll("tr.segment").forEach((row) => roving(row, false));
  body.addEventListener("focusin", (event) => {
    const row = event.target.closest("tr.segment");
    if (!row) return;
    roving(row, true);
    if (event.target.matches("textarea")) follow(row);
  });
  body.addEventListener("focusout", (event) => {
    const row = event.target.closest("tr.segment");
    if (row && !row.contains(event.relatedTarget)) roving(row, false);
  });

  // Checks while writing: the same checks as toolkit check, on the text in
  // the box, a moment after the translator stops typing.
  const pending = new Map();
  function checkSoon(row) {
    clearTimeout(pending.get(row.dataset.key));
    pending.set(row.dataset.key, setTimeout(() => checkNow(row), 400));
  }
  async function checkNow(row) {
    const box = row.querySelector("textarea");
    try {
      const response = await fetch("/api/check", {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-Toolkit-Token": token},
        body: JSON.stringify({slug, locale, key: row.dataset.key, text: box.value}),
      });
      const answer = await response.json();
      if (!response.ok) return null;
      row.querySelector(".findings").innerHTML = answer.findings;
      return answer;
    } catch (error) { return null; }
  }

  // The preview shows the page that holds the segment being edited.
  async function follow(row) {
    try {
      const query = new URLSearchParams({slug, locale, edition, key: row.dataset.key});
      const answer = await (await fetch("/api/locate?" + query, {cache: "no-store"})).json();
      const image = answer.page && review.querySelectorAll(".preview .pages img")[answer.page - 1];
      const pane = review.querySelector(".preview");
      if (image) pane.scrollTop = image.offsetTop - pane.offsetTop;
    } catch (error) { /* no page to show */ }
  }

  // Needing work: untranslated, fuzzy, failing a check (and, where review
  // is required, not yet approved).
  const reviewRequired = review.dataset.reviewRequired === "yes";
  function needsWork(row) {
    return row.matches(".state-untranslated, .state-fuzzy")
      || row.querySelector(".finding.error") !== null
      || (reviewRequired && row.matches(".state-translated"));
  }
  function move(from, step) {
    const rows = Array.from(body.querySelectorAll("tr.segment"));
    let index = rows.indexOf(from);
    for (index += step; index >= 0 && index < rows.length; index += step) {
      if (needsWork(rows[index])) {
        const box = rows[index].querySelector("textarea");
        box.focus();
        rows[index].scrollIntoView({block: "center"});
        return true;
      }
    }
    return false;
  }

  document.addEventListener("keydown", (event) => {
    const row = event.target.closest && event.target.closest("tr.segment");
    const inBox = row && event.target.matches("textarea");
    const key = event.key;
    if (!inBox) {
      if (key === "?" && !event.target.matches("input, textarea, select")) {
        event.preventDefault(); document.getElementById("keys").showModal();
      }
      return;
    }
    const box = event.target;
    if (key === "Tab" && !event.ctrlKey && !event.altKey) {
      // One Tab stop a segment: box to box (Esc reaches the row's buttons).
      const rows = Array.from(body.querySelectorAll("tr.segment"));
      const next = rows[rows.indexOf(row) + (event.shiftKey ? -1 : 1)];
      if (next) { event.preventDefault(); next.querySelector("textarea").focus(); }
    } else if (key === "Escape") {
      const first = row.querySelector(".actions button");
      if (first) { event.preventDefault(); first.focus(); }
    } else if (key === "Enter" && event.ctrlKey) {
      event.preventDefault();
      save(row, event.shiftKey ? "approved" : "translated").then((saved) => {
        if (saved && !move(row, 1)) say(row, "saved; no segment after this one needs work", "ok");
      });
    } else if (key === "Enter" && event.altKey) {
      event.preventDefault(); save(row, "fuzzy");
    } else if ((key === "PageDown" || key === "PageUp") && event.altKey) {
      event.preventDefault(); move(row, key === "PageDown" ? 1 : -1);
    } else if ((key === "m" || key === "M") && event.ctrlKey && !event.shiftKey) {
      const suggestion = row.querySelector(".tm");
      if (suggestion) {
        event.preventDefault(); box.value = suggestion.textContent;
        markDirty(row, box.value); grow(box); checkSoon(row);
      }
    } else if ((key === "S" || key === "s") && event.ctrlKey && event.shiftKey) {
      event.preventDefault();
      box.value = row.querySelector("td.zh").firstChild.textContent.trim();
      markDirty(row, box.value); grow(box); checkSoon(row);
    }
  });
  // The state filters and pages fetch their rows in place (no reload: the
  // boxes of other rows keep what they hold; the address follows).
  review.querySelectorAll(".states a").forEach((link) => {
    link.addEventListener("click", async (event) => {
      if (body.querySelector('tr.segment[data-dirty="1"]')) return;  // (a page of its own)
      event.preventDefault();
      const url = new URL(link.href);
      review.dataset.states = url.searchParams.getAll("state").join(",");
      review.dataset.page = "1";
      body.replaceChildren();
      await refreshRows(true);
      body.querySelectorAll("tr.segment").forEach((row) => {
        roving(row, false); grow(row.querySelector("textarea"));
      });
      review.querySelectorAll(".states a").forEach((other) => other.removeAttribute("aria-current"));
      link.setAttribute("aria-current", "true");
      review.querySelectorAll(".pager").forEach((pager) => { pager.hidden = true; });
      history.replaceState(null, "", url);
      const first = body.querySelector("textarea");
      if (first) first.focus();
    });
  });

  document.getElementById("keys-help").addEventListener("click", () => {
    document.getElementById("keys").showModal();
  });
  document.getElementById("collapse").addEventListener("click", (event) => {
    const hidden = review.classList.toggle("no-received");
    event.target.setAttribute("aria-pressed", String(hidden));
    event.target.textContent = hidden ? "Show the source as received" : "Hide the source as received";
  });

  body.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    const row = button && button.closest("tr.segment");
    if (!row) return;
    const box = row.querySelector("textarea");
    if (button.matches(".use")) {
      box.value = row.querySelector(".tm").textContent; markDirty(row, box.value);
    } else if (button.matches(".discard")) {
      markClean(row); refreshRows(true);
    } else if (button.dataset.state) {
      save(row, button.dataset.state);
    } else if (button.dataset.resolve) {
      resolve(row, button.dataset.resolve);
    }
  });

  // Who approves: the name given on this page in this browser session,
  // else the project's (TOOLKIT_REVIEWER, [review] name); asked once if none.
  const projectReviewer = document.querySelector('meta[name="toolkit-reviewer"]').content;
  const givenName = () => sessionStorage.getItem("toolkit-reviewer") || projectReviewer;

  async function reviewerName() {
    const known = givenName();
    if (known) return known;
    const dialog = document.getElementById("who");
    const input = dialog.querySelector("input");
    dialog.showModal(); input.focus();
    const name = await new Promise((done) => {
      dialog.addEventListener("close", () => done(dialog.returnValue === "ok"
                                                   ? input.value.trim() : ""), {once: true});
    });
    if (name) sessionStorage.setItem("toolkit-reviewer", name);
    return name;
  }

  async function save(row, state, expected, checked) {
    const box = row.querySelector("textarea");
    let name = sessionStorage.getItem("toolkit-reviewer") || "";  // (else the server's own)
    if (state === "approved" && !givenName()) {
      name = await reviewerName();
      if (!name) { say(row, "an approval records who approved: give your name", "bad"); return; }
    }
    say(row, "saving…");
    let response, answer;
    try {
      response = await fetch("/api/save", {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-Toolkit-Token": token},
        body: JSON.stringify({slug, locale, edition, key: row.dataset.key, text: box.value,
                              state, name, expected: expected || row.dataset.fingerprint,
                              checked: Boolean(checked)}),
      });
      answer = await response.json();
    } catch (error) {
      say(row, "not saved: the server did not answer (your text is kept)", "bad");
      return false;
    }
    if (response.status === 409 && answer.theirs) {
      conflict(row, answer.theirs, state);
      say(row, "not saved: changed elsewhere since you opened it", "bad");
      return false;
    }
    if (response.status === 422 && answer.ask) {  // a check error: asked first
      row.querySelector(".findings").innerHTML = answer.findings;
      ask(row, state, expected);
      return false;
    }
    if (!response.ok) { say(row, answer.error, "bad"); return false; }
    markClean(row);
    row.dataset.fingerprint = answer.fingerprint;
    row.className = "segment state-" + answer.state;
    row.querySelector(".state").textContent = answer.state;
    row.querySelector(".findings").innerHTML = answer.findings;
    row.querySelector(".conflict").hidden = true;
    catalogStamp = answer.catalog;
    say(row, "saved as " + answer.state, "ok");
    return true;
  }

  // The question a check error asks before a save as translated.
  function ask(row, state, expected) {
    const message = row.querySelector(".message");
    message.className = "message bad";
    message.textContent = "This fails a check (above). ";
    for (const [choice, label] of [["fuzzy", "Save as fuzzy instead"],
                                   [state, `Save as ${state} anyway`]]) {
      const button = document.createElement("button");
      button.type = "button"; button.textContent = label;
      button.addEventListener("click", () => save(row, choice, expected, true));
      message.appendChild(button);
    }
    message.querySelector("button").focus();
  }

  // A refused save: the other version beside the translator's, with what
  // differs, and the choice of keeping one or the other, or merging.
  function conflict(row, theirs, state) {
    const panel = row.querySelector(".conflict");
    panel.replaceChildren();
    const head = document.createElement("p");
    head.textContent = `Changed elsewhere (now ${theirs.state}). Yours → theirs:`;
    const diff = document.createElement("div");
    diff.className = "diff";
    for (const [kind, text] of theirs.diff) {
      const part = document.createElement(kind === "delete" ? "del" : kind === "insert" ? "ins"
                                                                                         : "span");
      part.textContent = text;
      diff.appendChild(part);
    }
    const theirsText = document.createElement("div");
    theirsText.className = "theirs";
    theirsText.textContent = theirs.text || "(no translation)";
    panel.append(head, diff, theirsText);
    for (const [choice, label] of [["mine", "Keep mine"], ["theirs", "Take theirs"],
                                   ["edit", "Edit (merge by hand)"]]) {
      const button = document.createElement("button");
      button.type = "button"; button.dataset.resolve = choice; button.textContent = label;
      panel.appendChild(button);
    }
    panel.dataset.fingerprint = theirs.fingerprint;
    panel.dataset.text = theirs.text;
    panel.dataset.state = state;
    panel.hidden = false;
  }

  function resolve(row, choice) {
    const panel = row.querySelector(".conflict"), box = row.querySelector("textarea");
    if (choice === "mine") {
      save(row, panel.dataset.state, panel.dataset.fingerprint);
    } else if (choice === "theirs") {
      box.value = panel.dataset.text;
      row.dataset.fingerprint = panel.dataset.fingerprint;
      markClean(row); panel.hidden = true;
      say(row, "took the other version", "ok");
      refreshRows(true);
    } else {
      row.dataset.fingerprint = panel.dataset.fingerprint;  // (the next save is over theirs)
      panel.hidden = true; box.focus();
      say(row, "merge the two, then save", "warn");
    }
  }

  // Rows as the disk has them now: replaced where they changed, added where
  // the source gained a segment, removed where it lost one; a row holding
  // unsaved text is left as it is and shown the other version.
  async function refreshRows(force) {
    const query = new URLSearchParams({slug, locale, page: review.dataset.page || "1"});
    for (const state of (review.dataset.states || "").split(",").filter(Boolean)) {
      query.append("state", state);
    }
    let answer;
    try {
      answer = await (await fetch("/api/rows?" + query, {cache: "no-store"})).json();
    } catch (error) { return; }
    if (answer.error) { showProblem(answer.error); return; }
    catalogStamp = answer.catalog;
    const wanted = new Set(answer.rows.map((row) => row.key));
    let previous = null;
    for (const incoming of answer.rows) {
      let row = rowOf(incoming.key);
      const template = document.createElement("template");
      template.innerHTML = incoming.html.trim();
      const fresh = template.content.firstElementChild;
      roving(fresh, false);
      if (row && row.dataset.fingerprint !== incoming.fingerprint) {
        if (isDirty(row)) {
          const text = fresh.querySelector("textarea").value;
          const box = row.querySelector("textarea");
          conflict(row, {text, state: incoming.state, fingerprint: incoming.fingerprint,
                         diff: diffWords(box.value, text)}, "translated");
          say(row, "changed elsewhere while you were writing: choose below", "warn");
        } else {
          row.replaceWith(fresh); row = fresh;
        }
      } else if (!row) {
        row = fresh;
        if (previous) previous.after(row); else body.prepend(row);
      } else if (force && !isDirty(row)) {
        row.replaceWith(fresh); row = fresh;
      }
      if (row === fresh) requestAnimationFrame(() => grow(fresh.querySelector("textarea")));
      previous = row;
    }
    body.querySelectorAll("tr.segment").forEach((row) => {
      if (wanted.has(row.dataset.key)) return;
      if (isDirty(row)) say(row, "this segment is no longer in the source", "warn");
      else row.remove();
    });
  }

  // A plain word diff for a conflict the page found itself (the server
  // sends its own, by character, with a refused save).
  function diffWords(mine, theirs) {
    return mine === theirs ? [["equal", mine]] : [["delete", mine], ["insert", theirs]];
  }

  function swapPreview(preview) {
    const pages = review.querySelector(".preview .pages");
    const images = pages.querySelectorAll("img");
    if (images.length !== preview.pages) {
      pages.replaceChildren();
      for (let page = 1; page <= preview.pages; page++) {
        const image = document.createElement("img");
        image.alt = `${edition} page ${page}`;
        pages.appendChild(image);
      }
    }
    pages.querySelectorAll("img").forEach((image, index) => {
      image.src = `/preview/${slug}/${edition}/${index + 1}.png?v=${preview.stamp}`;
    });
    review.querySelector(".preview a.pdf").href = `/preview/${slug}/${edition}.pdf?v=${preview.stamp}`;
    previewStamp = String(preview.stamp);
    review.dataset.preview = previewStamp;
  }

  async function poll() {
    try {
      const query = new URLSearchParams({slug, locale, edition});
      const state = await (await fetch("/api/state?" + query, {cache: "no-store"})).json();
      showProblem(state.problem);
      if (state.preview && String(state.preview.stamp) !== String(previewStamp)) {
        swapPreview(state.preview);
      }
      if (state.catalog && state.catalog !== catalogStamp) await refreshRows(false);
    } catch (error) { /* the server is restarting: try again */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
}
