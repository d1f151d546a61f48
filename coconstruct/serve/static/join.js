// The participants' page: join once (the id stays on the phone), place and take back dots,
// propose post-its. The phone keeps its dots when it reconnects: its id is in localStorage.
"use strict";

(() => {
  const { t, el, api, listen, debounce, token, status } = room;
  const storageKey = "coconstruct:" + token;
  let me = null;
  let state = null;
  let queue = Promise.resolve();

  const statusLine = document.getElementById("status");
  const dotsLine = document.getElementById("my-dots");
  const needsBox = document.getElementById("needs");
  const voteMessage = document.getElementById("vote-message");
  const announce = document.getElementById("announce"); // read aloud by screen readers
  const form = document.getElementById("postit");
  const formMessage = document.getElementById("postit-message");
  const ideasList = document.getElementById("my-ideas");

  function remembered() {
    try { return localStorage.getItem(storageKey); } catch (error) { return null; }
  }
  function remember(id) {
    try { localStorage.setItem(storageKey, id); } catch (error) { /* private mode: this visit */ }
  }

  async function join() {
    const answer = await api("POST", "join");
    if (!answer.ok) {
      statusLine.textContent = answer.data.message || t("error");
      return null;
    }
    remember(answer.data.participant);
    return answer.data.participant;
  }

  // One load at a time: the live events' reload may fire while the first load is still joining
  // (a slow network); run alone, it would not know the id yet and join a second time, counting
  // one phone as two participants. A load asked for meanwhile runs once the current one is done.
  let loading = null;
  let again = false;
  function load() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        do {
          again = false;
          await loadOnce();
        } while (again);
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  async function loadOnce() {
    let id = me || remembered();
    let answer = await api("GET", "state" + (id ? "?participant=" + encodeURIComponent(id) : ""));
    if (answer.ok && !answer.data.me) {
      id = await join();
      if (!id) return;
      answer = await api("GET", "state?participant=" + encodeURIComponent(id));
    }
    if (!answer.ok) {
      statusLine.textContent = answer.data.message || t("error");
      return;
    }
    me = id;
    state = answer.data;
    draw();
  }

  function dotsText(left) {
    if (left === 0) return t("dots_left_0");
    if (left === 1) return t("dots_left_1");
    return t("dots_left_n", { n: left });
  }

  function draw() {
    if (!state) return;
    const mine = (state.me && state.me.votes) || {};
    const left = state.me ? state.me.dots_left : 0;
    const open = state.voting === "open" && status.online; // offline, a tap is refused visibly
    statusLine.textContent = t("voting_" + state.voting);
    statusLine.className = "status " + state.voting;
    dotsLine.replaceChildren(
      el("span", { class: "dots", "aria-hidden": "true" },
        "●".repeat(state.dots - left), el("span", { class: "free" }, "●".repeat(left))),
      el("span", { class: "left" }, dotsText(left)),
    );
    const groups = new Map();
    for (const need of state.needs) {
      const key = need.domain || "";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(need);
    }
    const order = [...Object.keys(state.domains), ""];
    const blocks = [];
    for (const domain of order) {
      const needs = groups.get(domain);
      if (!needs) continue;
      blocks.push(el("h3", { class: "domain domain-" + (domain || "none") },
        state.domains[domain] || "—"));
      for (const need of needs) {
        const count = mine[need.id] || 0;
        blocks.push(el("div", { class: "need" + (count ? " chosen" : ""), "data-id": need.id },
          el("span", { class: "need-title" }, need.title),
          el("span", { class: "need-vote" },
            el("button", {
              type: "button", class: "minus", text: "−", disabled: !open || count === 0,
              "aria-label": t("take_back") + " " + need.title,
              onclick: () => send("DELETE", need.id),
            }),
            el("span", { class: "mine", role: "img", "aria-label": t("mine", { n: count }) },
              "●".repeat(count)),
            el("button", {
              type: "button", class: "plus", text: "+", disabled: !open || left === 0,
              "aria-label": t("place") + " " + need.title,
              onclick: () => send("POST", need.id),
            }),
          )));
      }
    }
    if (!blocks.length) blocks.push(el("p", { class: "muted" }, t("no_needs")));
    needsBox.replaceChildren(...blocks);
    drawQuestion();
    const ideas = (state.me && state.me.ideas) || [];
    ideasList.replaceChildren(...ideas.map((idea) => el("li", { class: "idea " + idea.status },
      el("span", { class: "idea-title" }, idea.title),
      el("span", { class: "idea-status" }, mineStatus(idea)),
    )));
  }

  // what became of a post-it, in plain words (the facilitator's page names the item's id)
  function mineStatus(idea) {
    if (idea.status === "accepted") {
      return idea.list === "needs" ? t("mine_accepted_needs") : t("mine_accepted_other");
    }
    if (idea.status === "merged") return t("mine_merged");
    if (idea.status === "rejected") return t("mine_rejected");
    return t("mine_open");
  }

  // Taps go one after the other, so that the dots left are always the server's count.
  function send(method, item) {
    queue = queue.then(async () => {
      const answer = await api(method, "votes", { participant: me, item });
      if (answer.ok) {
        voteMessage.textContent = "";
        const mine = state.me.votes;
        mine[item] = (mine[item] || 0) + (method === "POST" ? 1 : -1);
        if (mine[item] <= 0) delete mine[item];
        state.me.dots_left = answer.data.dots_left;
        draw();
        const need = state.needs.find((n) => n.id === item);
        const said = { title: need ? need.title : item, left: dotsText(answer.data.dots_left) };
        announce.textContent = method === "POST" ? t("placed", said) : t("taken_back", said);
      } else if (answer.status === 0) { // never reached the room: said, and not counted
        voteMessage.textContent = t("not_sent");
        draw();
      } else {
        voteMessage.textContent = answer.data.message || t("error");
        if (answer.status === 403) { me = null; remember(""); }
        await load();
      }
    });
  }

  // The open question: shown while it is open (and once closed, a thank you); the phone's own
  // words are said back, and sending others replaces them.
  const questionBox = document.getElementById("question");
  const wordsForm = document.getElementById("words-form");
  const wordsMessage = document.getElementById("words-message");
  const wordsClosed = document.getElementById("words-closed");
  let shownQuestion = null;
  function drawQuestion() {
    const question = state.question;
    const mine = (state.me && state.me.words) || [];
    const open = Boolean(question) && question.status === "open";
    // once closed, only the phones that answered keep a thank-you
    questionBox.hidden = !question || (!open && !mine.length);
    if (!question) return;
    if (shownQuestion !== question.number) { // a new question: a blank form
      shownQuestion = question.number;
      wordsForm.elements.text.value = "";
      wordsMessage.textContent = "";
    }
    document.getElementById("question-text").textContent = question.text;
    wordsForm.hidden = !open;
    wordsClosed.hidden = open;
    wordsClosed.textContent = open ? "" : t("question_closed");
    if (mine.length && open && !wordsMessage.textContent) {
      wordsMessage.textContent = t("words_mine", { words: mine.join(", ") });
      wordsMessage.className = "message ok";
    }
  }
  wordsForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = wordsForm.elements.text;
    input.removeAttribute("aria-invalid");
    const button = wordsForm.querySelector("button[type=submit]");
    button.disabled = true;
    const answer = await api("POST", "words", { participant: me, text: input.value });
    button.disabled = false;
    if (answer.ok) {
      wordsMessage.textContent = t("words_sent") + " " +
        t("words_mine", { words: answer.data.words.join(", ") });
      wordsMessage.className = "message ok";
      input.value = "";
      if (state.me) state.me.words = answer.data.words;
    } else {
      wordsMessage.textContent = answer.data.message || t("error");
      wordsMessage.className = "message";
      if (answer.data.field === "text") { input.setAttribute("aria-invalid", "true"); input.focus(); }
      if (answer.status === 409) await load();
    }
  });

  // How many characters of how many: the limit seen before sending, never a paste cut silently.
  function count(input) {
    const max = Number(input.dataset.max);
    const line = document.getElementById(input.getAttribute("aria-describedby"));
    const n = input.value.length;
    line.textContent = n ? t("count", { n, max }) : t("count_max", { max });
    line.classList.toggle("over", n > max);
  }
  for (const input of form.querySelectorAll("input[data-max]")) {
    input.addEventListener("input", () => count(input));
  }

  function chosenList() {
    return form.querySelector("input[name=list]:checked").value;
  }
  form.addEventListener("change", (event) => {
    if (event.target.name !== "list") return;
    for (const box of form.querySelectorAll(".category")) {
      box.hidden = box.dataset.list !== chosenList();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const list = chosenList();
    const select = form.querySelector(`select[data-list="${list}"]`);
    const payload = {
      participant: me,
      list,
      title: form.elements.title.value,
      description: form.elements.description.value,
    };
    payload[select.name] = select.value;
    const button = form.querySelector("button[type=submit]");
    for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    // too long: said here, with the limit, before anything is sent (nothing is cut)
    for (const input of form.querySelectorAll("input[data-max]")) {
      if (input.value.length > Number(input.dataset.max)) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
        formMessage.textContent = input.name === "title"
          ? t("title_too_long", { n: input.dataset.max })
          : t("description_too_long", { n: input.dataset.max });
        formMessage.className = "message";
        return;
      }
    }
    button.disabled = true;
    const answer = await api("POST", "ideas", payload);
    button.disabled = false;
    if (!answer.ok && answer.data.field) { // the field the message is about, marked and focused
      const target = answer.data.field === "category" ? select
        : form.elements[answer.data.field];
      if (target) { target.setAttribute("aria-invalid", "true"); target.focus(); }
    }
    if (answer.ok) {
      formMessage.textContent = t("sent");
      formMessage.className = "message ok";
      form.elements.title.value = "";
      form.elements.description.value = "";
      select.value = "";
      count(form.elements.title);
      count(form.elements.description);
      await load();
    } else {
      formMessage.textContent = answer.data.message || t("error");
      formMessage.className = "message";
    }
  });

  const reload = debounce(load, 150);
  // listening once joined: the stream names the participant (see common.js)
  load().finally(() => listen(
    {
      hello: reload,
      needs: reload,
      room: (counts) => { if (state && counts.voting !== state.voting) reload(); },
      question: (data) => {
        const shown = state && state.question;
        if (!shown || shown.number !== data.number || shown.status !== data.status) reload();
      },
      idea: (idea) => {
        const mine = state && state.me && state.me.ideas.find((i) => i.id === idea.id);
        if (mine) { mine.status = idea.status; mine.item = idea.item; draw(); }
      },
    },
    () => {
      if (voteMessage.textContent === t("not_sent")) voteMessage.textContent = "";
      reload();
    },
    () => draw(),
    () => (me ? "participant=" + encodeURIComponent(me) : ""),
  ));
})();
