// Live inbox: Server-Sent Events say what changed; the server-rendered fragment is fetched again.
(function () {
  "use strict";
  var root = document.querySelector("[data-events]");
  if (!root) return;
  var region = document.getElementById(root.getAttribute("data-region"));
  var refreshUrl = root.getAttribute("data-refresh");
  var handoffId = root.getAttribute("data-handoff");
  var alertBox = root.querySelector("[data-alert]");
  var baseTitle = document.title;
  var pending = null;

  function showUnread() {
    var list = region && region.querySelector("[data-unread]");
    var n = list ? Number(list.getAttribute("data-unread")) : 0;
    document.title = n > 0 ? "(" + n + ") " + baseTitle : baseTitle;
  }

  function refresh() {
    if (pending) return;
    pending = fetch(refreshUrl, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (html === null || !region) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById(region.id) || doc.body;
        region.replaceChildren.apply(region, Array.prototype.slice.call(fresh.childNodes));
        showUnread();
      })
      .catch(function () {})
      .finally(function () { pending = null; });
  }

  var source = new EventSource(root.getAttribute("data-events"));
  source.addEventListener("handoff", function (e) {
    var data = JSON.parse(e.data);
    if (!handoffId || String(data.handoffId) === handoffId) refresh();
  });
  source.addEventListener("alert", function (e) {
    var data = JSON.parse(e.data);
    if (!alertBox) return;
    alertBox.textContent = data.message;
    alertBox.hidden = false;
    refresh();
  });
  showUnread();

  var canned = document.querySelector("[data-canned]");
  var reply = document.getElementById("reply-text");
  if (canned && reply) {
    canned.addEventListener("change", function () {
      var option = canned.options[canned.selectedIndex];
      var body = option && option.getAttribute("data-body");
      if (body) reply.value = reply.value ? reply.value + "\n" + body : body;
      reply.focus();
    });
  }
})();
