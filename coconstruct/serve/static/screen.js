// The projector: the needs wall by domain, each need's dots growing as they are placed; once the
// vote is closed, the needs ranked (a podium, then the rest). However many needs (up to 40 and
// more), the wall fits the screen: columns from the count, then the type size lowered until no
// title is cut or off the screen.
"use strict";

(() => {
  const { t, el, api, listen, debounce } = room;
  let state = null;
  const wall = document.getElementById("wall");
  const votingLine = document.getElementById("voting-state");
  const MIN_SIZE = 9; // px: below this, a title is no longer read from the back of the room

  async function load() {
    const answer = await api("GET", "state");
    if (!answer.ok) return;
    state = answer.data;
    draw();
  }

  function counts(data) {
    for (const [id, key] of [["participants", "participants"], ["voters", "voters"],
      ["dots-placed", "dots_placed"], ["ideas", "ideas_open"]]) {
      if (data[key] !== undefined) document.getElementById(id).textContent = data[key];
    }
    if (data.voting) {
      votingLine.textContent = t("voting_" + data.voting);
      votingLine.className = "voting-state " + data.voting;
    }
  }

  function dotWord(n) {
    return t(n === 0 ? "dot_word_0" : n === 1 ? "dot_word_1" : "dot_word_n");
  }

  function card(need) {
    const hidden = need.votes === null || need.votes === undefined;
    return el("li", { class: "card tone-" + (need.domain || "none"), "data-id": need.id },
      el("p", { class: "card-title" }, need.title),
      hidden ? null : el("p", { class: "card-votes" }, el("strong", {}, String(need.votes)), " ",
        el("span", { class: "dot-word" }, dotWord(need.votes))),
      hidden ? null : el("div", { class: "meter", "aria-hidden": "true" },
        el("span", { class: "fill" })));
  }

  function draw() {
    counts(state);
    setTimer(state.timer);
    if (drawCloud()) return;
    wall.classList.toggle("ranked", Boolean(state.results));
    wall.classList.toggle("hidden-results", Boolean(state.hidden));
    const parts = [];
    if (state.results) {
      parts.push(...ranking(state.results));
    } else {
      const domains = [...Object.keys(state.domains), ""];
      for (const domain of domains) {
        const needs = state.needs.filter((n) => (n.domain || "") === domain);
        if (!needs.length) continue;
        parts.push(el("section", { class: "group tone-" + (domain || "none") },
          el("h2", {}, state.domains[domain] || "—"),
          el("ul", { class: "cards" }, ...needs.map(card))));
      }
      if (state.hidden && state.needs.length) {
        parts.unshift(el("p", { class: "hidden-note" }, t("results_hidden")));
      }
    }
    if (!parts.length) parts.push(el("p", { class: "empty" }, t("no_needs")));
    wall.replaceChildren(...parts);
    scale();
    fit();
  }

  // The closed vote: the needs with the most dots on a podium (three ranks, ties included),
  // the others below in their order.
  function ranking(results) {
    const top = results.filter((r) => r.rank <= 3 && r.votes > 0);
    const rest = results.filter((r) => !top.includes(r));
    const need = (r) => state.needs.find((n) => n.id === r.id) || r;
    const item = (r) => {
      const node = card({ ...need(r), votes: r.votes });
      node.prepend(el("span", { class: "rank" }, String(r.rank)));
      return node;
    };
    const parts = [el("h2", { class: "results-title" }, t("results_title"))];
    if (top.length) parts.push(el("ol", { class: "podium" }, ...top.map(item)));
    if (rest.length) parts.push(el("ol", { class: "cards rest" }, ...rest.map(item)));
    return parts;
  }

  // Bars are relative to the need with the most dots; widths set through the CSSOM (CSP-safe).
  function scale() {
    const shown = state.needs.filter((n) => typeof n.votes === "number");
    const most = Math.max(1, ...shown.map((n) => n.votes));
    for (const need of shown) {
      const node = wall.querySelector(`[data-id="${CSS.escape(need.id)}"]`);
      if (!node || !node.querySelector(".fill")) continue;
      node.querySelector(".fill").style.width = (100 * need.votes / most).toFixed(1) + "%";
      node.querySelector(".card-votes strong").textContent = need.votes;
      node.querySelector(".dot-word").textContent = dotWord(need.votes);
      node.classList.toggle("top", need.votes > 0 && need.votes === most);
    }
  }

  // Columns from the count; then the type size, from a size the wall's height allows, lowered
  // until nothing overflows the wall (wrapped titles, never cut ones).
  function fit() {
    const n = Math.max(1, state.needs.length);
    const columns = n <= 4 ? 2 : n <= 9 ? 3 : n <= 20 ? 4 : n <= 30 ? 5 : 6;
    wall.style.setProperty("--columns", state.results ? Math.min(columns, 5) : columns);
    let size = Math.max(MIN_SIZE, Math.min(44, wall.clientHeight / 14));
    wall.classList.remove("tight");
    for (let step = 0; step < 40; step++) {
      wall.style.setProperty("--size", size.toFixed(1) + "px");
      if (!overflows()) break;
      if (size <= MIN_SIZE) { // a word still too wide at the smallest size: break it, not cut it
        wall.classList.add("tight");
        break;
      }
      size = Math.max(MIN_SIZE, size * 0.93);
    }
    wall.dataset.fitted = String(Number(wall.dataset.fitted || 0) + 1); // for the tests to wait on
  }

  function overflows() {
    if (wall.scrollHeight > wall.clientHeight + 1 || wall.scrollWidth > wall.clientWidth + 1) {
      return true;
    }
    const box = wall.getBoundingClientRect();
    for (const node of wall.querySelectorAll(".card")) {
      const r = node.getBoundingClientRect();
      if (r.bottom > box.bottom + 1 || r.right > box.right + 1) return true;
    }
    for (const title of wall.querySelectorAll(".card-title")) {
      if (title.scrollWidth > title.clientWidth + 1) return true; // a word wider than its column
    }
    return false;
  }

  // The open question: while it is open, its words take the wall's place, each sized by how
  // many said it; the facilitator at the projector may switch between the two (a local button).
  const cloudBox = document.getElementById("cloud");
  const cloudList = document.getElementById("cloud-words");
  const viewToggle = document.getElementById("view-toggle");
  let view = "auto"; // or "wall", "cloud": chosen with the button, until the next question
  let viewQuestion = null;
  function drawCloud() {
    const question = state.question;
    if (!question || question.number !== viewQuestion) {
      view = "auto";
      viewQuestion = question ? question.number : null;
    }
    const cloud = Boolean(question) &&
      (view === "cloud" || (view === "auto" && question.status === "open"));
    viewToggle.hidden = !question;
    viewToggle.textContent = t(cloud ? "show_wall" : "show_cloud");
    cloudBox.hidden = !cloud;
    wall.hidden = cloud;
    if (!cloud) return false;
    document.getElementById("cloud-question").textContent = question.text;
    document.getElementById("cloud-base").textContent = t("answers_n", { n: question.respondents });
    const most = Math.max(1, ...question.words.map((w) => w.count));
    // the most said in the middle, the others alternately before and after it
    const order = new Map();
    question.words.forEach((w, i) => order.set(w, i % 2 ? -i : i));
    const items = question.words.map((w, i) => {
      const node = el("li", { class: "cloud-word tone-" + (i % 5) },
        el("span", { "aria-hidden": "true" }, w.word),
        el("span", { class: "sr-only" }, t("word_said", { word: w.word, n: w.count })));
      node.style.setProperty("--weight", Math.sqrt(w.count / most).toFixed(3));
      node.style.order = String(order.get(w));
      return node;
    });
    if (!items.length) items.push(el("li", { class: "cloud-empty" }, t("no_words")));
    cloudList.replaceChildren(...items);
    fitCloud();
    return true;
  }

  // the largest type the panel holds with every word inside it
  function fitCloud() {
    let size = Math.min(120, cloudBox.clientHeight / 5);
    for (let step = 0; step < 40; step++) {
      cloudList.style.setProperty("--size", size.toFixed(1) + "px");
      if (cloudBox.scrollHeight <= cloudBox.clientHeight + 1 &&
        cloudList.scrollWidth <= cloudList.clientWidth + 1) break;
      if (size <= MIN_SIZE) break;
      size = Math.max(MIN_SIZE, size * 0.9);
    }
    cloudList.dataset.fitted = String(Number(cloudList.dataset.fitted || 0) + 1);
  }

  viewToggle.addEventListener("click", () => {
    const shown = !cloudBox.hidden;
    view = shown ? "wall" : "cloud";
    draw();
  });

  function vote(data) {
    if (!state) return;
    const need = state.needs.find((n) => n.id === data.item);
    if (need) need.votes = data.votes;
    counts(data);
    scale();
  }

  // The timer: the seconds left as the server said them, counted down by this page's clock
  // (no clock to agree on); past zero it counts the time over, in red.
  let timerEnds = null;
  const timerBox = document.getElementById("timer");
  function setTimer(timer) {
    timerBox.hidden = !timer;
    timerEnds = timer ? performance.now() + timer.remaining * 1000 : null;
    if (timer) timerBox.querySelector(".timer-label").textContent = timer.label;
    tick();
  }
  function tick() {
    if (timerEnds === null) return;
    const left = Math.round((timerEnds - performance.now()) / 1000);
    const over = left < 0;
    const s = Math.abs(left);
    const text = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    timerBox.querySelector(".timer-left").textContent = (over ? "+" : "") + text;
    timerBox.classList.toggle("over", over);
  }
  setInterval(tick, 1000);

  function roomChanged(data) {
    const changed = state && data.voting && data.voting !== state.voting;
    counts(data);
    if (changed) reload(); // opened or closed: the wall changes (the ranking, the dots shown)
  }

  // the QR code and the short code across the whole screen, while the room comes in
  const toggle = document.getElementById("qr-toggle");
  toggle.addEventListener("click", () => {
    const full = document.body.classList.toggle("qr-full");
    toggle.setAttribute("aria-pressed", String(full));
  });

  const reload = debounce(load, 100);
  window.addEventListener("resize", debounce(() => state && (cloudBox.hidden ? fit() : fitCloud()), 150));
  listen({ hello: reload, votes: vote, room: roomChanged, needs: reload,
    timer: (data) => setTimer(data.timer), question: reload }, reload);
  // the numbers shown while the stream is down may be old: #connection says so (common.js)
  load();
})();
