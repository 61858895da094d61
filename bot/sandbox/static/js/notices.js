// Short notices: toasts for button answers, a dialog for alerts, "typing…" in the header.
import { $ } from "./state.js";

export function toast(text) {
  const node = document.createElement("div");
  node.className = "toast";
  node.dir = "auto";
  node.textContent = text;
  $("toasts").appendChild(node);
  setTimeout(() => node.remove(), 4000);
}

export function alertBox(text) {
  $("alert-text").textContent = text;
  $("alert").hidden = false;
  $("alert-ok").focus();
}

let typingTimer = null;

export function typing(action) {
  const words = { typing: "typing…", upload_photo: "sending a photo…", upload_document: "sending a file…",
    find_location: "choosing a location…" };
  $("chat-status").textContent = words[action] || `${action.replace("_", " ")}…`;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { $("chat-status").textContent = ""; }, 5000);
}

export function setupAlert() {
  $("alert-ok").onclick = () => { $("alert").hidden = true; };
}
