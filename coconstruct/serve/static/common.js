// Shared by the three pages: the strings of the page's language, the API, live events.
// Everything a person typed is put in the page as text (textContent), never as HTML.
"use strict";

const room = (() => {
  const body = document.body;
  const token = body.dataset.token;
  const lang = body.dataset.lang;
  const strings = JSON.parse(document.getElementById("strings").textContent);

  function t(key, values) {
    let text = strings[key] || key;
    for (const [name, value] of Object.entries(values || {})) {
      text = text.split("{" + name + "}").join(String(value));
    }
    return text;
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (name in node && typeof value !== "string") node[name] = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function api(method, path, payload) {
    const options = { method, headers: { "Accept": "application/json" }, cache: "no-store" };
    if (payload !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    const separator = path.includes("?") ? "&" : "?";
    let response;
    try {
      response = await fetch(`/api/${token}/${path}${separator}lang=${lang}`, options);
    } catch (error) {
      setOnline(false); // the stream's own error, or its reconnection, says when it is back
      return { ok: false, status: 0, data: { message: t("offline") } };
    }
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = { message: t("error") };
    }
    return { ok: response.ok, status: response.status, data };
  }

  // Server-sent events; each (re)connection refetches the state, so that nothing said while the
  // phone slept is missed. The browser retries a dropped stream by itself, but gives up on one
  // the server refused or that a restart cut at the wrong moment: then we open a new one, less
  // often as the outage lasts. The page says the truth meanwhile: `online` is false, the body
  // has the class `offline`, and the element `#connection` (when the page has one) says so.
  const status = { online: true };
  function setOnline(online) {
    if (status.online === online) return;
    status.online = online;
    body.classList.toggle("offline", !online);
    const line = document.getElementById("connection");
    if (line) {
      line.hidden = online;
      line.textContent = online ? "" : t("offline");
    }
  }

  // `query`, when given, is asked at each (re)connection: a phone names its participant, so
  // that eighty phones behind one address each hold their own stream.
  function listen(handlers, onOnline, onOffline, query) {
    let delay = 1000;
    function connect() {
      const extra = query ? query() : "";
      const source = new EventSource(`/api/${token}/events` + (extra ? "?" + extra : ""));
      source.addEventListener("open", () => {
        delay = 1000;
        setOnline(true);
        if (onOnline) onOnline();
      });
      source.addEventListener("error", () => {
        setOnline(false);
        if (onOffline) onOffline();
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          setTimeout(connect, delay);
          delay = Math.min(delay * 2, 10000);
        }
      });
      for (const [name, handler] of Object.entries(handlers)) {
        source.addEventListener(name, (event) => handler(JSON.parse(event.data || "{}")));
      }
    }
    connect();
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  return { token, lang, t, el, api, listen, debounce, status };
})();
