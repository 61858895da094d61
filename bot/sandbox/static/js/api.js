// Talking to the sandbox server: JSON calls, uploads and the live event socket.
import { actor, state } from "./state.js";

export async function api(path, body) {
  const options = body ? { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body) } : {};
  const response = await fetch(path, options);
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

export async function upload(path, form) {
  const response = await fetch(path, { method: "POST", body: form });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

// An action in the open chat (send, press, vote, …) by the person acting there.
export function act(action, body) {
  return api(`/sandbox/chats/${state.current}/${action}`, { ...body, as: actor() });
}

export function fileUrl(fileId, download = false) {
  return `/sandbox/files/${encodeURIComponent(fileId)}${download ? "?download=1" : ""}`;
}

// Live events; after a reconnect `onOpen` reloads what may have been missed.
export function connect(onEvent, onOpen) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/sandbox/events`);
  socket.onopen = () => onOpen();
  socket.onmessage = (event) => onEvent(JSON.parse(event.data));
  socket.onclose = () => setTimeout(() => connect(onEvent, onOpen), 1000);
}
