"use strict";
// Sandbox web chat: residents, messages with Telegram entities, inline buttons, live events.
const state = { residents: [], current: null };
const $ = (id) => document.getElementById(id);

async function api(path, body) {
  const options = body ? { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body) } : {};
  const response = await fetch(path, options);
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}

const TAGS = {
  bold: ["<b>", "</b>"], italic: ["<i>", "</i>"], underline: ["<u>", "</u>"],
  strikethrough: ["<s>", "</s>"], code: ["<code>", "</code>"], pre: ["<pre>", "</pre>"],
  spoiler: ['<span class="spoiler">', "</span>"], blockquote: ["<blockquote>", "</blockquote>"],
  expandable_blockquote: ["<blockquote>", "</blockquote>"],
};

// Entities count UTF-16 code units, exactly like JavaScript string indices.
function renderEntities(text, entities) {
  const opens = {}, closes = {};
  const sorted = [...(entities || [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
  for (const e of sorted) {
    let tag = TAGS[e.type];
    if (e.type === "text_link") tag = [`<a href="${escapeHtml(e.url)}" target="_blank" rel="noopener">`, "</a>"];
    if (!tag) continue;
    (opens[e.offset] ||= []).push(tag[0]);
    (closes[e.offset + e.length] ||= []).unshift(tag[1]);
  }
  let html = "";
  for (let i = 0; i <= text.length; i++) {
    html += (closes[i] || []).join("") + (opens[i] || []).join("");
    if (i < text.length) html += escapeHtml(text[i]);
  }
  return html;
}

function keyboard(message) {
  const rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
  if (!rows.length) return null;
  const box = document.createElement("div");
  box.className = "keyboard";
  for (const row of rows) {
    const line = document.createElement("div");
    line.className = "row";
    for (const button of row) {
      const element = document.createElement("button");
      element.textContent = button.text;
      element.dir = "auto";
      if (button.url) element.onclick = () => window.open(button.url, "_blank", "noopener");
      else element.onclick = () => api(`/sandbox/chats/${state.current}/press`,
        { message_id: message.message_id, data: button.callback_data });
      line.appendChild(element);
    }
    box.appendChild(line);
  }
  return box;
}

function bubble(message) {
  const item = document.createElement("li");
  item.className = `bubble ${message.outgoing ? "out" : "in"}${message.edited ? " edited" : ""}`;
  item.dataset.id = message.message_id;
  item.dir = "auto";
  const body = document.createElement("div");
  body.innerHTML = renderEntities(message.text || message.caption || "",
    message.entities || message.caption_entities);
  item.appendChild(body);
  const buttons = keyboard(message);
  if (buttons) item.appendChild(buttons);
  return item;
}

function show(message) {
  const list = $("messages");
  const existing = list.querySelector(`li[data-id="${message.message_id}"]`);
  const element = bubble(message);
  if (existing) existing.replaceWith(element); else list.appendChild(element);
  list.scrollTop = list.scrollHeight;
}

function toast(text) {
  const item = document.createElement("li");
  item.className = "toast";
  item.textContent = text;
  $("messages").appendChild(item);
  setTimeout(() => item.remove(), 4000);
}

async function openChat(id) {
  state.current = id;
  const resident = state.residents.find((r) => r.id === id);
  $("chat").hidden = false;
  $("empty").hidden = true;
  $("chat-title").textContent = `${resident.name} · language_code=${resident.language_code}`;
  const { messages } = await api(`/sandbox/chats/${id}`);
  $("messages").innerHTML = "";
  messages.forEach(show);
  renderResidents();
  $("text").focus();
}

function renderResidents() {
  const list = $("resident-list");
  list.innerHTML = "";
  for (const resident of state.residents) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.textContent = `${resident.name} (${resident.language_code})`;
    button.className = resident.id === state.current ? "active" : "";
    button.onclick = () => openChat(resident.id);
    item.appendChild(button);
    list.appendChild(item);
  }
}

function connect() {
  const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/sandbox/events`);
  socket.onmessage = (event) => {
    const data = JSON.parse(event.data);
    if (data.chat_id !== state.current) return;
    if (data.kind === "callback_answer") { if (data.data.text) toast(data.data.text); return; }
    if (data.kind === "deleted") { $("messages").querySelector(`li[data-id="${data.message.message_id}"]`)?.remove(); return; }
    if (data.message) show({ ...data.message, outgoing: data.kind !== "incoming", edited: data.kind === "edited" });
  };
  socket.onclose = () => setTimeout(connect, 1000);
}

async function init() {
  const { residents, languages } = await api("/sandbox/residents");
  state.residents = residents;
  for (const code of [...languages, "de-AT", "pt-BR"]) {
    const option = document.createElement("option");
    option.value = option.textContent = code;
    $("language").appendChild(option);
  }
  renderResidents();
  $("new-resident").onsubmit = async (event) => {
    event.preventDefault();
    const resident = await api("/sandbox/residents", { name: $("name").value, language_code: $("language").value });
    state.residents.push(resident);
    $("name").value = "";
    await openChat(resident.id);
  };
  $("composer").onsubmit = async (event) => {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim() || state.current === null) return;
    $("text").value = "";
    await api(`/sandbox/chats/${state.current}/send`, { text });
  };
  connect();
}

init();
