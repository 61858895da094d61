// Writing: text (or a reply, or an edit of your own message), a photo, a location.
import { act, upload } from "./api.js";
import { summary } from "./entities.js";
import { toast } from "./notices.js";
import { $, actor, state } from "./state.js";

// Places in Duisburg for the location panel (the first one is preselected).
const PLACES = [
  ["Duisburg Hbf", 51.4297, 6.7754], ["Innenhafen", 51.4380, 6.7629],
  ["Landschaftspark Nord", 51.4816, 6.7826], ["Rheinhausen Markt", 51.4013, 6.7131],
];

function showBar() {
  const target = state.editing || state.replyTo;
  $("reply-bar").hidden = !target;
  if (!target) return;
  $("reply-label").textContent = state.editing ? "Editing" : "Reply to";
  $("reply-text").textContent = summary(target);
}

export function startReply(message) {
  state.editing = null;
  state.replyTo = message;
  showBar();
  $("text").focus();
}

export function startEdit(message) {
  state.replyTo = null;
  state.editing = message;
  $("text").value = message.text;
  showBar();
  $("text").focus();
}

export function clearTarget() {
  state.replyTo = state.editing = null;
  showBar();
}

async function guarded(action) {
  try {
    await action();
  } catch (error) {
    toast(`Not sent: ${error.message}`);
  }
}

export async function sendText(text) {
  if (!text.trim() || state.current === null) return;
  const editing = state.editing, replyTo = state.replyTo;
  clearTarget();
  if (editing) {
    await guarded(() => act("edit", { message_id: editing.message_id, text }));
  } else {
    await guarded(() => act("send", { text, reply_to: replyTo ? replyTo.message_id : null }));
  }
}

async function sendPhoto(file) {
  const form = new FormData();
  form.append("photo", file, file.name);
  form.append("caption", $("text").value);
  form.append("as", String(actor() ?? ""));
  if (state.replyTo) form.append("reply_to", String(state.replyTo.message_id));
  $("text").value = "";
  clearTarget();
  await guarded(() => upload(`/sandbox/chats/${state.current}/photo`, form));
}

export function toggleLocationPanel(show) {
  $("location-panel").hidden = show === undefined ? !$("location-panel").hidden : !show;
}

function setupLocation() {
  const select = $("place");
  for (const [name, lat, lon] of PLACES) {
    const option = document.createElement("option");
    option.textContent = name;
    option.value = `${lat},${lon}`;
    select.appendChild(option);
  }
  const fill = () => { [$("latitude").value, $("longitude").value] = select.value.split(","); };
  select.onchange = fill;
  fill();
  $("location-panel").onsubmit = async (event) => {
    event.preventDefault();
    toggleLocationPanel(false);
    await guarded(() => act("location", { latitude: $("latitude").value, longitude: $("longitude").value }));
  };
  $("location-cancel").onclick = () => toggleLocationPanel(false);
}

export function setupComposer() {
  $("composer").onsubmit = async (event) => {
    event.preventDefault();
    const text = $("text").value;
    $("text").value = "";
    await sendText(text);
  };
  $("reply-cancel").onclick = () => {
    if (state.editing) $("text").value = "";
    clearTarget();
  };
  $("attach").onclick = () => $("photo-input").click();
  $("photo-input").onchange = async () => {
    const [file] = $("photo-input").files;
    $("photo-input").value = "";
    if (file) await sendPhoto(file);
  };
  $("location-button").onclick = () => toggleLocationPanel();
  setupLocation();
}
