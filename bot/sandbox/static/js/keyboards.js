// Inline keyboards under messages, and the reply keyboard the bot leaves under the composer.
import { act } from "./api.js";
import { sendText, toggleLocationPanel } from "./composer.js";
import { $, state } from "./state.js";
import { toast } from "./notices.js";

function button(text, onClick) {
  const node = document.createElement("button");
  node.type = "button";
  node.textContent = text;
  node.dir = "auto";
  node.onclick = onClick;
  return node;
}

function pressInline(message, spec) {
  if (spec.callback_data !== undefined) {
    return (event) => {
      // a short "working" look, as Telegram shows until the bot answers
      event.currentTarget.classList.add("pressed");
      const node = event.currentTarget;
      setTimeout(() => node.classList.remove("pressed"), 1500);
      return act("press", { message_id: message.message_id, data: spec.callback_data });
    };
  }
  if (spec.url) return () => window.open(spec.url, "_blank", "noopener");
  if (spec.copy_text) return () => navigator.clipboard?.writeText(spec.copy_text.text).then(() => toast("Copied"));
  return () => toast("This kind of button is not simulated in the sandbox.");
}

// The inline keyboard of a message, or null.
export function inlineKeyboard(message) {
  const rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
  if (!rows.length) return null;
  const box = document.createElement("div");
  box.className = "keyboard";
  for (const row of rows) {
    const line = document.createElement("div");
    line.className = "row";
    for (const spec of row) {
      const node = button(spec.text, pressInline(message, spec));
      if (spec.url) node.classList.add("url");
      line.appendChild(node);
    }
    box.appendChild(line);
  }
  return box;
}

// What the newest bot message with a client-side markup says about the reply keyboard.
export function keyboardFrom(messages) {
  for (const message of [...messages].reverse()) {
    const markup = message.client_markup;
    if (!message.outgoing || !markup) continue;
    if (markup.keyboard) return markup;
    if (markup.remove_keyboard) return null;
  }
  return null;
}

function pressReply(spec) {
  const text = typeof spec === "string" ? spec : spec.text;
  if (spec.request_location) return () => toggleLocationPanel(true);
  if (spec.request_contact) return () => toast("Phone numbers are not shared in the sandbox.");
  return async () => {
    if (state.keyboard && state.keyboard.one_time_keyboard) {
      state.keyboardHidden = true;
      renderReplyKeyboard();
    }
    await sendText(text);
  };
}

export function renderReplyKeyboard() {
  const box = $("reply-keyboard");
  const markup = state.keyboard;
  $("keyboard-toggle").hidden = !markup;
  box.hidden = !markup || state.keyboardHidden;
  box.innerHTML = "";
  if (!markup) return;
  if (markup.input_field_placeholder) $("text").placeholder = markup.input_field_placeholder;
  for (const row of markup.keyboard) {
    const line = document.createElement("div");
    line.className = "row";
    for (const spec of row) line.appendChild(button(typeof spec === "string" ? spec : spec.text, pressReply(spec)));
    box.appendChild(line);
  }
}
