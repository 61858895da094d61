// Shared state of the page: the chat list, the open chat and what the composer is doing.
export const state = {
  chats: [],          // {id, title, kind: "private" | "staff" | "group", members, language_code, demo}
  languages: [],
  current: null,      // id of the open chat
  as: null,           // who writes in a group chat (a resident id)
  messages: new Map(), // message_id -> message of the open chat
  unread: new Map(),  // chat id -> count
  replyTo: null,      // message the next message answers
  editing: null,      // own message being edited
  keyboard: null,     // the reply keyboard the bot left in the open chat
  keyboardHidden: false,
};

export const $ = (id) => document.getElementById(id);

export function currentChat() {
  return state.chats.find((c) => c.id === state.current) || null;
}

export function isGroup(chat = currentChat()) {
  return Boolean(chat && chat.kind !== "private");
}

// The person who acts in the open chat: the resident in private chats, the chosen member in groups.
export function actor() {
  return isGroup() ? state.as : state.current;
}

export function residentName(id) {
  const chat = state.chats.find((c) => c.id === id && c.kind === "private");
  return chat ? chat.title : `User ${id}`;
}
