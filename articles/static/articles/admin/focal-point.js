// Click the lead image to set its focal point; the two number fields stay the
// source of truth (and the way to set it without JavaScript).
"use strict";
{
  function setup(picker) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-marker");
    const inputX = document.getElementById("id_focal_x");
    const inputY = document.getElementById("id_focal_y");
    const upload = document.getElementById("id_lead_image");
    if (!image || !marker || !inputX || !inputY) {
      return;
    }
    function place() {
      marker.style.left = `${Number(inputX.value || 0.5) * 100}%`;
      marker.style.top = `${Number(inputY.value || 0.5) * 100}%`;
    }
    image.addEventListener("click", (event) => {
      const box = image.getBoundingClientRect();
      const clamp = (value) => Math.min(1, Math.max(0, value)).toFixed(2);
      inputX.value = clamp((event.clientX - box.left) / box.width);
      inputY.value = clamp((event.clientY - box.top) / box.height);
      place();
    });
    inputX.addEventListener("input", place);
    inputY.addEventListener("input", place);
    if (upload) {
      upload.addEventListener("change", () => {
        const file = upload.files && upload.files[0];
        if (file) {
          image.src = URL.createObjectURL(file);
          image.hidden = false;
          const help = picker.parentElement.querySelector(".focal-help");
          if (help && help.dataset.withImage) {
            help.textContent = help.dataset.withImage;
          }
        }
      });
    }
    place();
  }
  window.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".focal-picker").forEach(setup);
  });
}
