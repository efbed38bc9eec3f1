/* The feed builder's live preview: re-send the form (GET /build?…) as the choice changes and show the
 * new URLs, embed code and preview. Without this script the form's button does the same. */
(function () {
  "use strict";
  var form = document.getElementById("builder"), result = document.getElementById("result");
  if (!form || !result || !window.fetch) return;
  var timer = null, sent = 0;

  function refresh() {
    var query = new URLSearchParams(new FormData(form)).toString();
    var ticket = ++sent;
    fetch(form.action + "?" + query, { credentials: "omit" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(function (html) {
        if (ticket !== sent) return;  // an older answer arriving late
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("result");
        if (fresh) result.replaceChildren.apply(result, Array.prototype.slice.call(fresh.childNodes));
        history.replaceState(null, "", "?" + query);
      })
      .catch(function () { /* keep the last preview; the button still works */ });
  }

  function soon() { clearTimeout(timer); timer = setTimeout(refresh, 250); }
  form.addEventListener("change", soon);
  form.addEventListener("input", soon);
})();
