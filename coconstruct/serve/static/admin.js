// The facilitator's page: voting, the counts, and each post-it to accept, merge or reject.
"use strict";

(() => {
  const { t, el, api, listen, debounce } = room;
  let state = null;
  const problem = document.getElementById("problem");
  const message = document.getElementById("vote-message");
  const settledMessage = document.getElementById("settled-message");

  async function load() {
    const answer = await api("GET", "state");
    if (!answer.ok) return;
    state = answer.data;
    draw();
  }

  function showProblem(text) {
    problem.hidden = !text;
    problem.textContent = text || "";
  }

  function draw() {
    document.getElementById("voting-state").textContent = t("voting_" + state.voting);
    document.getElementById("voting-state").className = "voting-state " + state.voting;
    document.getElementById("counts").textContent =
      t("voters_of", { voters: state.voters, participants: state.participants }) + " · " +
      t("not_voted", { n: state.not_voted });
    document.getElementById("open-voting").disabled = state.voting === "open";
    document.getElementById("close-voting").disabled = state.voting !== "open";
    document.getElementById("written").textContent =
      state.results_written ? t("written", { time: state.results_written }) : "";
    showProblem(state.problem);
    drawQuestion();
    document.getElementById("ideas-count").textContent = String(state.ideas.length);
    // every phone's tap redraws the cards: what the facilitator is typing stays, focus included
    const focused = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".idea-card [class^='idea-']") : null;
    const focus = focused && {
      idea: focused.closest(".idea-card").dataset.idea, name: focused.className,
      start: focused.selectionStart, end: focused.selectionEnd };
    const cards = state.ideas.map(card);
    if (!cards.length) cards.push(el("p", { class: "muted" }, t("no_ideas")));
    document.getElementById("ideas").replaceChildren(...cards);
    const ids = new Set(state.ideas.map((idea) => idea.id));
    for (const id of edits.keys()) if (!ids.has(id)) edits.delete(id);
    if (focus) {
      const again = document.querySelector(
        `#ideas .idea-card[data-idea="${CSS.escape(focus.idea)}"] .${focus.name.split(" ")[0]}`);
      if (again) {
        again.focus();
        if (focus.start !== null && again.setSelectionRange) {
          again.setSelectionRange(focus.start, focus.end);
        }
      }
    }
    // what was written to the file (the title as corrected, the line merged), and undo
    const settled = state.settled.map((idea) =>
      el("li", { class: "idea " + idea.status, "data-idea": idea.id },
        el("span", { class: "idea-title" }, idea.status === "accepted" && idea.written
          ? idea.written : idea.title),
        el("span", { class: "idea-status" }, t("status_" + idea.status, { item: idea.item || "" })),
        el("button", { type: "button", class: "undo", text: t("undo"),
          "aria-label": t("undo") + " · " + idea.title,
          onclick: () => undo(idea.id) }),
      ));
    if (!settled.length) settled.push(el("li", { class: "muted" }, t("none_yet")));
    document.getElementById("settled").replaceChildren(...settled);
  }

  async function undo(id) {
    const answer = await api("POST", `ideas/${encodeURIComponent(id)}/undo`);
    settledMessage.textContent = answer.ok ? "" : (answer.data.message || t("error"));
    await load();
  }

  // what the facilitator changed on a card not yet decided: idea id → {title, category, target}
  const edits = new Map();

  function card(idea) {
    const kind = state.kinds[idea.list];
    const similar = idea.similar || [];
    const edited = edits.get(idea.id) || {};
    const title = el("input", { class: "idea-title-input", value: edited.title ?? idea.title,
      maxlength: document.body.dataset.titleMax,
      "aria-label": t("list_" + idea.list) });
    const category = el("select", { class: "idea-category", "aria-label": t("idea_category") },
      ...Object.entries(kind.choices).map(([id, label]) =>
        el("option", { value: id, selected: id === idea.category }, label)));
    const target = el("select", { class: "idea-target", "aria-label": t("merge") },
      el("option", { value: "" }, t("merge_choose")),
      ...kind.items.map((item) => el("option", { value: item.id,
        selected: similar.length > 0 && item.id === similar[0].id }, item.id + " · " + item.title)));
    if (edited.category !== undefined) category.value = edited.category;
    if (edited.target !== undefined) target.value = edited.target;
    const remember = () => edits.set(idea.id,
      { title: title.value, category: category.value, target: target.value });
    for (const field of [title, category, target]) {
      field.addEventListener("input", remember);
      field.addEventListener("change", remember);
    }
    const note = el("p", { class: "message", role: "status" });
    async function act(action, payload) {
      const answer = await api("POST", `ideas/${encodeURIComponent(idea.id)}/${action}`, payload);
      if (!answer.ok) note.textContent = answer.data.message || t("error");
      else edits.delete(idea.id);
      await load();
    }
    return el("article", { class: "idea-card list-" + idea.list, "data-idea": idea.id },
      el("p", { class: "idea-kind" }, t("list_" + idea.list)),
      title,
      idea.description ? el("p", { class: "idea-description" }, idea.description) : null,
      similar.length ? el("p", { class: "idea-similar" },
        t(similar[0].same ? "same_as" : "alike_to"), " ",
        similar.map((item) => item.id + " · " + item.title).join(" ; ")) : null,
      el("div", { class: "idea-actions" },
        category,
        el("button", { type: "button", class: "accept", text: t("accept"),
          onclick: () => act("accept", { title: title.value, [kind.category]: category.value }) }),
        target,
        el("button", { type: "button", class: "merge", text: t("merge"),
          onclick: () => target.value && act("merge", { item: target.value }) }),
        el("button", { type: "button", class: "reject", text: t("reject"),
          onclick: () => act("reject") }),
      ),
      note);
  }

  async function voting(action) {
    message.textContent = "";
    const answer = await api("POST", "voting/" + action);
    if (!answer.ok) message.textContent = answer.data.message || t("error");
    await load();
  }
  document.getElementById("open-voting").addEventListener("click", () => voting("open"));
  document.getElementById("close-voting").addEventListener("click", () => voting("close"));

  // The open question: opened with its text, its words live, closed (and written) here.
  const questionForm = document.getElementById("question-form");
  const questionMessage = document.getElementById("question-message");
  function drawQuestion() {
    const question = state.question;
    const open = Boolean(question) && question.status === "open";
    questionForm.hidden = open;
    document.getElementById("question-live").hidden = !question;
    document.getElementById("question-close").hidden = !open;
    document.getElementById("question-written").textContent = question && question.item &&
      state.question_written ? t("question_written",
        { time: state.question_written, item: question.item }) : "";
    if (!question) return;
    document.getElementById("question-asked").textContent = question.text;
    document.getElementById("question-state").textContent =
      t(open ? "question_open_state" : "question_closed_state") + " · " +
      t("answers_n", { n: question.respondents });
    const words = question.words.map((w) =>
      el("li", {}, t("word_said", { word: w.word, n: w.count })));
    if (!words.length) words.push(el("li", { class: "muted" }, t("no_words")));
    document.getElementById("question-words").replaceChildren(...words);
  }
  questionForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await api("POST", "question", { text: questionForm.elements.text.value });
    questionMessage.textContent = answer.ok ? "" : (answer.data.message || t("error"));
    if (answer.ok) questionForm.elements.text.value = "";
    await load();
  });
  document.getElementById("question-close").addEventListener("click", async () => {
    const answer = await api("POST", "question/close");
    questionMessage.textContent = answer.ok ? "" : (answer.data.message || t("error"));
    await load();
  });

  const timerForm = document.getElementById("timer-form");
  const timerMessage = document.getElementById("timer-message");
  async function setTimer(minutes) {
    const label = timerForm.elements.label.value;
    const answer = await api("POST", "timer", { minutes, label });
    timerMessage.textContent = answer.ok ? "" : (answer.data.message || t("error"));
  }
  timerForm.addEventListener("submit", (event) => {
    event.preventDefault();
    setTimer(Number(timerForm.elements.minutes.value));
  });
  document.getElementById("timer-stop").addEventListener("click", () => setTimer(0));

  const reload = debounce(load, 250);
  listen({ hello: reload, room: reload, needs: reload, idea: reload, votes: reload,
    question: reload,
    problem: (data) => showProblem(data.message) }, reload);
  load();
})();
