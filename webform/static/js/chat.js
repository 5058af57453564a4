// Kiezlotse chat widget on Rasa's REST channel. Texts come from the page (translated there);
// the conversation id lives in sessionStorage so a reload continues the same conversation.
(function () {
  "use strict";
  var root = document.querySelector(".chat");
  if (!root) return;
  var log = root.querySelector(".chat-log");
  var status = root.querySelector(".chat-status");
  var form = root.querySelector(".chat-form");
  var input = root.querySelector("#chat-input");
  var url = root.dataset.rasaUrl;
  var language = document.documentElement.lang || "de";

  function conversationId() {
    var id = sessionStorage.getItem("kiezlotse-conversation");
    if (!id) {
      id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
        : String(Date.now()) + Math.random().toString(16).slice(2);
      sessionStorage.setItem("kiezlotse-conversation", id);
    }
    return id;
  }

  function addMessage(who, text) {
    var item = document.createElement("p");
    item.className = "chat-message chat-" + who;
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = (who === "user" ? root.dataset.textYou : root.dataset.textBot) + ": ";
    item.appendChild(label);
    // textContent, never innerHTML: bot and user text are shown as text.
    item.appendChild(document.createTextNode(text));
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function addLink(href) {
    var item = document.createElement("p");
    item.className = "chat-message chat-bot";
    var link = document.createElement("a");
    link.href = href;
    link.textContent = href;
    item.appendChild(link);
    log.appendChild(item);
  }

  function addButtons(buttons) {
    var group = document.createElement("div");
    group.className = "chat-buttons";
    buttons.forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "secondary";
      element.textContent = button.title;
      element.addEventListener("click", function () {
        group.remove();
        send(button.payload, button.title);
      });
      group.appendChild(element);
    });
    log.appendChild(group);
  }

  function showUnreachable(payload, shown) {
    status.textContent = root.dataset.textUnreachable + " ";
    var retry = document.createElement("button");
    retry.type = "button";
    retry.textContent = root.dataset.textRetry;
    retry.addEventListener("click", function () {
      status.textContent = "";
      send(payload, shown, true);
    });
    status.appendChild(retry);
  }

  function send(payload, shown, isRetry) {
    if (!isRetry) addMessage("user", shown || payload);
    status.textContent = "";
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: conversationId(), message: payload, metadata: { language: language } })
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (messages) {
      // No answer at all means the assistant failed on the way (e.g. a server restarting): keep the
      // message and offer to send it again, as when the assistant cannot be reached.
      if (!messages.length) throw new Error("no answer");
      messages.forEach(function (message) {
        if (message.text) addMessage("bot", message.text);
        if (message.image) addLink(message.image);
        if (message.buttons && message.buttons.length) addButtons(message.buttons);
      });
    }).catch(function () {
      showUnreachable(payload, shown);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });
})();
