// The projector: the needs wall by domain, each need's dots growing as they are placed.
"use strict";

(() => {
  const { t, el, api, listen, debounce } = room;
  let state = null;
  const wall = document.getElementById("wall");
  const votingLine = document.getElementById("voting-state");

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

  function draw() {
    counts(state);
    const columns = [];
    const domains = [...Object.keys(state.domains), ""];
    for (const domain of domains) {
      const needs = state.needs.filter((n) => (n.domain || "") === domain);
      if (!needs.length) continue;
      columns.push(el("div", { class: "column domain-" + (domain || "none") },
        el("h2", {}, state.domains[domain] || "—"),
        ...needs.map((need) => el("div", { class: "card", "data-id": need.id },
          el("p", { class: "card-title" }, need.title),
          el("div", { class: "meter" }, el("span", { class: "fill" })),
          el("p", { class: "card-votes" }, el("strong", {}, String(need.votes)), " ",
            el("span", { class: "dot-word" }, dotWord(need.votes))),
        ))));
    }
    if (!columns.length) columns.push(el("p", { class: "empty" }, t("no_needs")));
    wall.replaceChildren(...columns);
    scale();
  }

  function dotWord(n) {
    return t(n === 0 ? "dot_word_0" : n === 1 ? "dot_word_1" : "dot_word_n");
  }

  // Bars are relative to the need with the most dots; widths set through the CSSOM (CSP-safe).
  function scale() {
    const most = Math.max(1, ...state.needs.map((n) => n.votes));
    for (const need of state.needs) {
      const card = wall.querySelector(`[data-id="${CSS.escape(need.id)}"]`);
      if (!card) continue;
      card.querySelector(".fill").style.width = (100 * need.votes / most).toFixed(1) + "%";
      card.querySelector(".card-votes strong").textContent = need.votes;
      card.querySelector(".dot-word").textContent = dotWord(need.votes);
      card.classList.toggle("top", need.votes > 0 && need.votes === most);
    }
  }

  function vote(data) {
    if (!state) return;
    const need = state.needs.find((n) => n.id === data.item);
    if (need) need.votes = data.votes;
    counts(data);
    scale();
  }

  const reload = debounce(load, 100);
  listen({ hello: reload, votes: vote, room: counts, needs: reload }, reload);
  load();
})();
