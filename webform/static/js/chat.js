// Kiezlotse chat widget on Rasa's REST channel.
// Texts come from the page (translated there, following <html lang>); no inline code, no CDN.
// The conversation id and the transcript live in sessionStorage, so a reload continues the same
// conversation in this tab; "start over" forgets both and begins a new conversation.
(function () {
  "use strict";
  var root = document.querySelector(".chat");
  if (!root) return;
  var log = root.querySelector(".chat-log");
  var status = root.querySelector(".chat-status");
  var typing = root.querySelector(".chat-typing");
  var form = root.querySelector(".chat-form");
  var input = root.querySelector("#chat-input");
  var restart = root.querySelector(".chat-restart");
  var url = root.dataset.rasaUrl;
  var text = root.dataset;
  var language = (document.documentElement.lang || "de").slice(0, 2);
  var TIMEOUT_MS = 45000;
  var KEYS = { conversation: "kiezlotse-conversation", transcript: "kiezlotse-transcript" };
  var pending = 0;

  // sessionStorage may be switched off (private windows, strict settings): then the chat still
  // works, it only forgets on reload.
  var memory = {};
  var store = {
    get: function (key) {
      try { return window.sessionStorage.getItem(key); } catch (e) { return memory[key] || null; }
    },
    set: function (key, value) {
      try { window.sessionStorage.setItem(key, value); } catch (e) { memory[key] = value; }
    },
    remove: function (key) {
      try { window.sessionStorage.removeItem(key); } catch (e) { /* nothing stored */ }
      delete memory[key];
    }
  };

  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return String(Date.now()) + Math.random().toString(16).slice(2);
  }

  function conversationId() {
    var id = store.get(KEYS.conversation);
    if (!id) {
      id = newId();
      store.set(KEYS.conversation, id);
    }
    return id;
  }

  // The transcript: [{who: "user"|"bot", text, buttons?}], the newest last.
  function loadTranscript() {
    try {
      var entries = JSON.parse(store.get(KEYS.transcript) || "[]");
      return Array.isArray(entries) ? entries : [];
    } catch (e) {
      return [];
    }
  }
  var transcript = loadTranscript();

  function saveTranscript() {
    store.set(KEYS.transcript, JSON.stringify(transcript));
  }

  // ---- Links: a short label instead of a raw address ----------------------------------------

  // Publishers known by a short name; any other address is named by its host without "www.".
  var PUBLISHERS = {
    "ibb.de": "IBB",
    "biwaq.de": "BIWAQ",
    "bmwsb.bund.de": "BMWSB",
    "esf.de": "ESF",
    "gib.nrw.de": "G.I.B. NRW",
    "mags.nrw": "MAGS NRW",
    "foerderdatenbank.de": "Förderdatenbank"
  };
  var URL_PATTERN = "https?://[^\\s<>\"]+";
  // "(Quelle: <url>, Stand: <period>)", "(source: <url>, as of: <period>)", without a period, or a bare
  // address or e-mail address. The bot writes sources in these forms (actions/messages.yml).
  var TOKEN = new RegExp(
    "\\((Quelle|source): (" + URL_PATTERN + "?)(?:, (Stand|as of): ([^)]+))?\\)" +
    "|(" + URL_PATTERN + ")" +
    "|([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})",
    "g"
  );
  var PRIVATE_LINK = /\/d\/[A-Za-z0-9_-]{20,}/;

  function parseUrl(address) {
    try { return new URL(address); } catch (e) { return null; }
  }

  function publisher(address) {
    var parsed = parseUrl(address);
    if (!parsed) return address;
    var host = parsed.hostname.replace(/^(www\d*|app-webview)\./, "");
    var known = Object.keys(PUBLISHERS).filter(function (domain) {
      return host === domain || host.slice(-domain.length - 1) === "." + domain;
    });
    return known.length ? PUBLISHERS[known[0]] : host;
  }

  function isPrivateLink(address) {
    var parsed = parseUrl(address);
    return !!parsed && PRIVATE_LINK.test(parsed.pathname);
  }

  // A page of this website (the bot names it with the site's public address).
  function isPage(address, path) {
    var parsed = parseUrl(address);
    return !!parsed && parsed.pathname.replace(/\/$/, "") === path;
  }

  // A bare address ends before trailing punctuation that belongs to the sentence.
  function splitTrailing(address) {
    var match = /[.,;:!?)]+$/.exec(address);
    if (!match) return [address, ""];
    var tail = match[0];
    // Keep a closing bracket that closes one opened inside the address.
    if (tail.charAt(0) === ")" && (address.match(/\(/g) || []).length > 0) return [address, ""];
    return [address.slice(0, -tail.length), tail];
  }

  function link(href, label, extraClass) {
    var element = document.createElement("a");
    element.href = href;
    element.textContent = label;
    if (extraClass) element.className = extraClass;
    return element;
  }

  // "Quelle: IBB, Stand 2021–2027" / "Source: IBB, as of 2021–2027", in the words of the message itself,
  // which is in the conversation's language even where that differs from the page's.
  function sourceLabel(word, address, asOf, period) {
    var label = word.charAt(0).toUpperCase() + word.slice(1) + ": " + publisher(address);
    return period ? label + ", " + asOf + " " + period : label;
  }

  // The message as nodes: text stays text (never innerHTML), addresses become labelled links.
  function render(message) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(message)) !== null) {
      fragment.appendChild(document.createTextNode(message.slice(last, match.index)));
      last = TOKEN.lastIndex;
      if (match[2]) {
        fragment.appendChild(document.createTextNode("("));
        fragment.appendChild(link(match[2], sourceLabel(match[1], match[2], match[3], match[4]), "chat-source"));
        fragment.appendChild(document.createTextNode(")"));
      } else if (match[5]) {
        var parts = splitTrailing(match[5]);
        if (isPrivateLink(parts[0])) {
          fragment.appendChild(link(parts[0], text.textYourDraft, "chat-private-link"));
        } else if (isPage(parts[0], "/privacy")) {
          fragment.appendChild(link(parts[0], text.textPrivacy));
        } else {
          fragment.appendChild(link(parts[0], publisher(parts[0])));
        }
        fragment.appendChild(document.createTextNode(parts[1]));
      } else if (match[6]) {
        fragment.appendChild(link("mailto:" + match[6], match[6]));
      }
    }
    fragment.appendChild(document.createTextNode(message.slice(last)));
    return fragment;
  }

  // ---- The log ----------------------------------------------------------------------------

  function messageElement(entry, isOpen) {
    var item = document.createElement("div");
    item.className = "chat-message chat-" + entry.who;
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = (entry.who === "user" ? text.textYou : text.textBot) + ": ";
    item.appendChild(who);
    var body = document.createElement("span");
    body.className = "chat-text";
    body.appendChild(render(entry.text || ""));
    item.appendChild(body);
    // Only the open reply keeps its answer buttons; older choices are history.
    if (isOpen && entry.buttons && entry.buttons.length) item.appendChild(buttonGroup(entry.buttons));
    return item;
  }

  function buttonGroup(buttons) {
    var group = document.createElement("div");
    group.className = "chat-buttons";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", text.textOptions);
    buttons.forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "secondary";
      element.textContent = button.title;
      element.addEventListener("click", function () {
        send(button.payload || button.title, button.title);
        // The group is gone once chosen; the next answer is typed or chosen from the next question.
        input.focus();
      });
      group.appendChild(element);
    });
    return group;
  }

  function removeButtons() {
    Array.prototype.forEach.call(log.querySelectorAll(".chat-buttons"), function (group) {
      group.remove();
    });
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function append(entry) {
    transcript.push(entry);
    saveTranscript();
    var element = messageElement(entry, true);
    log.appendChild(element);
    scrollToEnd();
    return element;
  }

  // A reply taller than the log (a phone, a long recommendation) is shown from its first line.
  function reveal(first) {
    if (first && log.scrollHeight - first.offsetTop > log.clientHeight) log.scrollTop = first.offsetTop;
  }

  // A reload shows the transcript again without a screen reader reading it all out: the log is
  // filled while it is not live, and becomes live again afterwards.
  function restore() {
    if (!transcript.length) return;
    log.setAttribute("aria-live", "off");
    // The buttons of the reply that is still open (everything after the person's last message) come back.
    var open = transcript.length;
    while (open > 0 && transcript[open - 1].who !== "user") open -= 1;
    transcript.forEach(function (entry, index) {
      log.appendChild(messageElement(entry, index >= open));
    });
    scrollToEnd();
    // Live again once the browser has taken in the restored messages (after the next frames).
    window.setTimeout(function () { log.setAttribute("aria-live", "polite"); }, 500);
  }

  // ---- Talking to the assistant -------------------------------------------------------------

  function setTyping(change) {
    pending += change;
    typing.hidden = pending <= 0;
    if (pending > 0) scrollToEnd();
  }

  function clearStatus() {
    status.textContent = "";
  }

  function showUnreachable(payload) {
    clearStatus();
    var message = document.createElement("span");
    message.className = "chat-error";
    message.textContent = text.textUnreachable + " ";
    status.appendChild(message);
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "secondary chat-retry";
    retry.textContent = text.textRetry;
    retry.addEventListener("click", function () {
      clearStatus();
      input.focus();
      deliver(payload);
    });
    status.appendChild(retry);
  }

  function deliver(payload) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    setTyping(1);
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: conversationId(), message: payload, metadata: { language: language } }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (messages) {
      window.clearTimeout(timer);
      setTyping(-1);
      // No answer at all means the assistant failed on the way (e.g. a server restarting): keep the
      // message and offer to send it again, as when the assistant cannot be reached.
      if (!Array.isArray(messages) || !messages.length) throw new Error("no answer");
      var first = null;
      messages.forEach(function (message) {
        var entry = { who: "bot", text: message.text || "" };
        if (message.image) entry.text = (entry.text ? entry.text + "\n" : "") + message.image;
        if (message.buttons && message.buttons.length) {
          entry.buttons = message.buttons.map(function (b) { return { title: b.title, payload: b.payload }; });
        }
        if (!entry.text && !entry.buttons) return;
        var element = append(entry);
        first = first || element;
      });
      reveal(first);
    }).catch(function () {
      window.clearTimeout(timer);
      setTyping(-1);
      showUnreachable(payload);
    });
  }

  function send(payload, shown) {
    log.setAttribute("aria-live", "polite");
    clearStatus();
    removeButtons();
    append({ who: "user", text: shown || payload });
    deliver(payload);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var value = input.value.trim();
    if (!value) {
      input.focus();
      return;
    }
    input.value = "";
    send(value);
    input.focus();
  });

  restart.addEventListener("click", function () {
    transcript = [];
    store.remove(KEYS.transcript);
    store.set(KEYS.conversation, newId());
    log.textContent = "";
    status.textContent = text.textStartedOver;
    input.value = "";
    input.focus();
  });

  restart.hidden = false;
  restore();
})();
