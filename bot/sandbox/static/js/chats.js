// The chat list: residents' private chats, the staff chat and groups; adding a resident.
import { api } from "./api.js";
import { $, residentName, state } from "./state.js";

const ICONS = { staff: "🛡️", group: "👥" };

function avatar(chat) {
  const node = document.createElement("span");
  node.className = `avatar ${chat.kind}`;
  node.textContent = ICONS[chat.kind] || (chat.title.trim()[0] || "?").toUpperCase();
  return node;
}

function subtitle(chat) {
  if (chat.kind === "staff") return "Staff chat (STAFF_CHAT_ID) · moderation";
  if (chat.kind === "group") return "Group the bot is in · pick who writes";
  return `Resident · language_code=${chat.language_code}${chat.demo ? " · demo" : ""}`;
}

export function renderChatList(open) {
  const list = $("chat-list");
  list.innerHTML = "";
  for (const chat of state.chats) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = chat.id === state.current ? "active" : "";
    button.dataset.chat = chat.id;
    button.appendChild(avatar(chat));
    const text = document.createElement("span");
    text.className = "names";
    const title = document.createElement("span");
    title.className = "title";
    title.dir = "auto";
    title.textContent = chat.title;
    const sub = document.createElement("span");
    sub.className = "subtitle";
    sub.textContent = subtitle(chat);
    text.append(title, sub);
    button.appendChild(text);
    const unread = state.unread.get(chat.id);
    if (unread) {
      const badge = document.createElement("span");
      badge.className = "unread";
      badge.textContent = unread;
      button.appendChild(badge);
    }
    button.onclick = () => open(chat.id);
    item.appendChild(button);
    list.appendChild(item);
  }
}

export async function loadChats() {
  const { chats, languages } = await api("/sandbox/chats");
  state.chats = chats;
  state.languages = languages;
}

// Who writes in a group: any resident may join in (members first).
export function renderActorPicker(chat) {
  const picker = $("as");
  picker.hidden = chat.kind === "private";
  if (picker.hidden) return;
  picker.innerHTML = "";
  const residents = state.chats.filter((c) => c.kind === "private").map((c) => c.id);
  const ordered = [...chat.members.filter((id) => residents.includes(id)),
    ...residents.filter((id) => !chat.members.includes(id))];
  for (const id of ordered) {
    const option = document.createElement("option");
    option.value = id;
    option.textContent = `as ${residentName(id)}`;
    picker.appendChild(option);
  }
  if (!ordered.includes(state.as)) state.as = ordered[0] ?? null;
  picker.value = state.as;
}

export function setupNewResident(open) {
  for (const code of [...state.languages, "de-AT", "en-US", "pt-BR"]) {
    const option = document.createElement("option");
    option.value = option.textContent = code;
    $("language").appendChild(option);
  }
  $("new-resident").onsubmit = async (event) => {
    event.preventDefault();
    const resident = await api("/sandbox/residents", { name: $("name").value, language_code: $("language").value });
    $("name").value = "";
    await loadChats();
    await open(resident.id);
  };
}
