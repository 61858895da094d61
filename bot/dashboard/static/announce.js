// The announcement form's live recipient count: whenever a filter is ticked or unticked, ask
// the dashboard (same origin, the session's cookie) and show its answer. Without scripts the
// "Count recipients" button does the same with a reload.
"use strict";
const form = document.querySelector("form[data-count-url]");
const output = document.getElementById("recipients");
if (form && output) {
  form.addEventListener("change", async (event) => {
    if (!event.target.closest("fieldset.audience")) return;
    const query = new URLSearchParams();
    for (const box of form.querySelectorAll("fieldset.audience input:checked")) {
      query.append(box.name, box.value);
    }
    const response = await fetch(`${form.dataset.countUrl}?${query}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (response.ok) output.textContent = (await response.json()).text;
  });
}
