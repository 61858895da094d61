// Sandbox web chat: open a chat, show its history, apply live events.
import { api, connect } from "./api.js";
import { bubble } from "./bubble.js";
import { loadChats, renderActorPicker, renderChatList, setupNewResident } from "./chats.js";
import { clearTarget, setupComposer, startReply } from "./composer.js";
import { keyboardFrom, renderReplyKeyboard } from "./keyboards.js";
import { alertBox, setupAlert, toast, typing } from "./notices.js";
import { $, currentChat, state } from "./state.js";

const EMPTY = {
  private: "Send /start to begin.",
  staff: "Ideas residents hand in arrive here with buttons to publish or decline them.",
  group: "A group the bot was added to. Pick who writes with “as …”.",
};

function subtitle(chat) {
  if (chat.kind === "private") return `private chat with the bot · language_code=${chat.language_code}`;
  const count = chat.members.length;
  return `${chat.kind === "staff" ? "staff chat" : "group"} · ${count} member${count === 1 ? "" : "s"}`;
}

function show(message, { scroll = true } = {}) {
  state.messages.set(message.message_id, message);
  const list = $("messages");
  // follow the conversation (new messages, edits that grow) unless the reader scrolled up
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  const existing = list.querySelector(`li[data-id="${message.message_id}"]`);
  const node = bubble(message);
  if (existing) existing.replaceWith(node);
  else list.appendChild(node);
  if (scroll && (atBottom || !existing)) list.scrollTop = list.scrollHeight;
}

function redraw() {
  $("messages").innerHTML = "";
  [...state.messages.values()].forEach((m) => show(m, { scroll: false }));
  $("messages").scrollTop = $("messages").scrollHeight;
}

function updateKeyboard(message) {
  const markup = message.client_markup;
  if (markup && (markup.keyboard || markup.remove_keyboard)) {
    state.keyboard = markup.keyboard ? markup : null;
    state.keyboardHidden = false;
    renderReplyKeyboard();
  }
  // force_reply opens the reply to that message, as a Telegram client does
  if (markup && markup.force_reply) startReply(message);
}

async function open(chatId) {
  state.current = chatId;
  state.unread.delete(chatId);
  const chat = currentChat();
  clearTarget();
  $("app").classList.add("chat-open");
  $("chat").hidden = false;
  $("empty").hidden = true;
  $("chat-title").textContent = chat.title;
  $("chat-subtitle").textContent = subtitle(chat);
  $("messages").dataset.empty = EMPTY[chat.kind];
  renderActorPicker(chat);
  // Busy until the history is drawn: screen readers wait, and so can a test.
  $("messages").setAttribute("aria-busy", "true");
  const { messages } = await api(`/sandbox/chats/${chatId}`);
  state.messages = new Map(messages.map((m) => [m.message_id, m]));
  redraw();
  $("messages").setAttribute("aria-busy", "false");
  state.keyboard = keyboardFrom(messages);
  state.keyboardHidden = false;
  renderReplyKeyboard();
  const last = messages[messages.length - 1];
  if (last && last.outgoing && last.client_markup && last.client_markup.force_reply) startReply(last);
  renderChatList(open);
  $("text").focus();
}

async function onEvent(event) {
  if (event.kind === "chats") {
    await loadChats();
    renderChatList(open);
    return;
  }
  if (event.chat_id !== state.current) {
    if (["sent", "incoming"].includes(event.kind)) {
      state.unread.set(event.chat_id, (state.unread.get(event.chat_id) || 0) + 1);
      renderChatList(open);
    }
    return;
  }
  if (event.kind === "callback_answer") {
    if (event.data.text) (event.data.show_alert ? alertBox : toast)(event.data.text);
    if (event.data.url) toast(`The bot opens ${event.data.url}`);
  } else if (event.kind === "chat_action") {
    typing(event.data.action);
  } else if (event.kind === "deleted") {
    state.messages.delete(event.message.message_id);
    $("messages").querySelector(`li[data-id="${event.message.message_id}"]`)?.remove();
  } else if (event.message) {
    show(event.message);
    if (event.kind === "sent") {
      $("chat-status").textContent = "";
      updateKeyboard(event.message);
    }
  }
}

async function init() {
  await loadChats();
  setupNewResident(open);
  setupComposer();
  setupAlert();
  renderChatList(open);
  $("back").onclick = () => {
    $("app").classList.remove("chat-open");
    state.current = null;
    renderChatList(open);
  };
  $("as").onchange = () => { state.as = Number($("as").value); redraw(); };
  $("keyboard-toggle").onclick = () => { state.keyboardHidden = !state.keyboardHidden; renderReplyKeyboard(); };
  connect(onEvent, async () => {
    await loadChats();
    if (state.current !== null) await open(state.current);
    else renderChatList(open);
  });
}

init();
