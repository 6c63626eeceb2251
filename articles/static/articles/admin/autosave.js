// Nothing typed is lost: every few seconds, what changed in the article form is sent
// to the server's autosave (one copy per user and article), and leaving the page with
// changes not saved asks first.
"use strict";
{
  const INTERVAL = 5000;

  function payload(form) {
    const data = new FormData();
    for (const element of form.elements) {
      if (!element.name || element.type === "file" || element.name === "_workflow") {
        continue;
      }
      if (element.type === "checkbox" || element.type === "radio") {
        // An empty value first, so that "nothing ticked" is kept too.
        if (!data.has(element.name)) {
          data.append(element.name, "");
        }
        if (element.checked) {
          data.append(element.name, element.value);
        }
      } else if (element.tagName === "SELECT" && element.multiple) {
        data.append(element.name, "");
        for (const option of element.selectedOptions) {
          data.append(element.name, option.value);
        }
      } else {
        data.append(element.name, element.value);
      }
    }
    return data;
  }

  function setup() {
    const holder = document.getElementById("wf-autosave");
    const form = holder && holder.closest("form");
    if (!form) {
      return;
    }
    const status = document.querySelector(".wf-autosave-status");
    let changed = false;
    let pending = false;
    let sending = false;
    let submitting = false;
    const touch = () => {
      changed = true;
      pending = true;
    };
    form.addEventListener("input", touch);
    form.addEventListener("change", touch);
    form.addEventListener("submit", () => {
      submitting = true;
    });

    async function send() {
      if (!pending || sending || submitting) {
        return;
      }
      sending = true;
      pending = false;
      try {
        const response = await fetch(holder.dataset.url, {
          method: "POST",
          body: payload(form),
          credentials: "same-origin",
          headers: { "X-Requested-With": "XMLHttpRequest" },
        });
        if (!response.ok) {
          pending = true;
        } else if (status) {
          const time = new Date().toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" });
          status.textContent = `${status.dataset.saved} ${time}`;
        }
      } catch {
        pending = true;
      } finally {
        sending = false;
      }
    }

    window.setInterval(send, INTERVAL);
    window.addEventListener("beforeunload", (event) => {
      if (changed && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
}
