// The body editor's menu speaks the admin's language: its English titles and option
// texts are replaced with the words in the page's "wf-editor-words" data.
"use strict";
{
  function translate(menubar, words) {
    for (const element of menubar.querySelectorAll("[title]")) {
      const word = words[element.getAttribute("title")];
      if (word) {
        element.setAttribute("title", word);
        element.setAttribute("aria-label", word);
      }
    }
    for (const option of menubar.querySelectorAll(".prose-menubar__option > *")) {
      const word = words[option.textContent];
      if (word) {
        option.textContent = word;
      }
    }
  }

  function setup() {
    const data = document.getElementById("wf-editor-words");
    if (!data) {
      return;
    }
    const words = JSON.parse(data.textContent);
    const watch = (menubar) => {
      translate(menubar, words);
      new MutationObserver(() => translate(menubar, words)).observe(menubar, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["title"],
      });
    };
    const found = document.querySelectorAll(".prose-menubar");
    if (found.length) {
      found.forEach(watch);
      return;
    }
    // The editor builds its menu after this script runs: wait for it.
    const observer = new MutationObserver(() => {
      const menubars = document.querySelectorAll(".prose-menubar");
      if (menubars.length) {
        observer.disconnect();
        menubars.forEach(watch);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
}
