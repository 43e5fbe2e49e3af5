// quotetrace's page, answering in place. Without this file every form still posts and the answer comes
// back as a page; with it the answer replaces the result region (announced by its aria-live) and the
// address bar shows the answer's permalink. Plain JavaScript, no build step, nothing from elsewhere.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // The same limit as the server's MAX_PERMALINK: a longer claim is posted as a form instead.
  var MAX_PERMALINK = 2000;

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  // Put the fetched page's region (and its ClaimReview markup and title) in place of ours.
  function adopt(doc, id) {
    var fresh = doc.getElementById(id);
    var here = document.getElementById(id);
    if (!fresh || !here) return false;
    here.innerHTML = fresh.innerHTML;
    var review = document.getElementById("claim-review");
    var freshReview = doc.getElementById("claim-review");
    if (review) review.remove();
    if (freshReview) document.head.appendChild(document.importNode(freshReview, true));
    document.title = doc.title;
    return true;
  }

  function busy(form, region, on) {
    var button = form.querySelector("button[type=submit]");
    var note = form.querySelector(".busy");
    if (button) button.disabled = on;
    if (note) note.textContent = on ? "Checking…" : "";
    if (region) {
      if (on) region.setAttribute("aria-busy", "true");
      else region.removeAttribute("aria-busy");
    }
  }

  function clearErrors(form) {
    form.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
  }

  // --- Verify -----------------------------------------------------------------------------------

  function permalink(form) {
    var params = new URLSearchParams();
    var data = new FormData(form);
    params.set("claim", data.get("claim") || "");
    ["speaker", "said_on"].forEach(function (name) {
      var value = (data.get(name) || "").trim();
      if (value) params.set(name, value);
    });
    return "/?" + params.toString();
  }

  function showAnswer(url, form, push) {
    var region = document.getElementById("result");
    busy(form, region, true);
    return fetch(url, { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        if (!adopt(parse(html), "result")) return;
        if (push) history.pushState({ quotetrace: url }, "", url);
        // On a phone the answer is below the form: bring it into view (a desktop shows both).
        var box = region.getBoundingClientRect();
        if (box.top > window.innerHeight * 0.6) region.scrollIntoView({ block: "start" });
      })
      .catch(function () {
        form.submit(); // the server's own page says what went wrong
      })
      .finally(function () {
        busy(form, region, false);
      });
  }

  var verifyForm = document.getElementById("verify-form");
  if (verifyForm) {
    verifyForm.addEventListener("submit", function (event) {
      var url = permalink(verifyForm);
      if (!verifyForm.elements.claim.value.trim() || url.length > MAX_PERMALINK) return;
      event.preventDefault();
      clearErrors(verifyForm);
      showAnswer(url, verifyForm, true);
    });
    window.addEventListener("popstate", function () {
      var params = new URLSearchParams(location.search);
      ["claim", "speaker", "said_on"].forEach(function (name) {
        var field = verifyForm.elements[name];
        if (field) field.value = params.get(name) || "";
      });
      if (params.get("claim")) showAnswer(location.pathname + location.search, verifyForm, false);
      else document.getElementById("result").innerHTML = "";
    });
  }

  // --- Check a draft ----------------------------------------------------------------------------

  // Show one quotation's verification and hide the others; focus moves to it for keyboard users.
  function choose(n, focus) {
    var panel = document.getElementById("verification");
    if (!panel) return;
    panel.querySelectorAll(".quotation-detail").forEach(function (detail) {
      detail.hidden = detail.id !== "quotation-" + n;
    });
    document.querySelectorAll("mark.quotation").forEach(function (mark) {
      var chosen = mark.id === "in-draft-" + n;
      mark.classList.toggle("chosen", chosen);
      var link = mark.querySelector("a");
      if (link) {
        if (chosen) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      }
    });
    var hint = panel.querySelector(".choose-hint");
    if (hint) hint.hidden = true;
    var detail = document.getElementById("quotation-" + n);
    if (detail && focus) detail.focus();
  }

  function prepareDraft() {
    var panel = document.getElementById("verification");
    if (!panel) return;
    panel.querySelectorAll(".quotation-detail").forEach(function (detail) { detail.hidden = true; });
    var wanted = /^#quotation-(\d+)$/.exec(location.hash);
    if (wanted) choose(wanted[1], false);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.quotation-link");
    if (!link) return;
    event.preventDefault();
    choose(link.getAttribute("data-quotation"), true);
  });

  var draftForm = document.getElementById("draft-form");
  if (draftForm) {
    prepareDraft();
    draftForm.addEventListener("submit", function (event) {
      if (!draftForm.elements.draft.value.trim()) return;
      event.preventDefault();
      clearErrors(draftForm);
      var region = document.getElementById("draft-result");
      busy(draftForm, region, true);
      fetch(draftForm.action, {
        method: "POST",
        headers: { Accept: "text/html" },
        body: new URLSearchParams(new FormData(draftForm)),
      })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.text();
        })
        .then(function (html) {
          if (adopt(parse(html), "draft-result")) prepareDraft();
        })
        .catch(function () {
          draftForm.submit();
        })
        .finally(function () {
          busy(draftForm, region, false);
        });
    });
  }
})();
