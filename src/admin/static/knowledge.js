/* Knowledge import: posts the chosen .zip as it is (application/zip) with the session's CSRF token in the
   x-csrf-token header, then shows each problem (file, field) beside the upload field, or goes to the drafts. */
(function () {
  "use strict";
  function problemsList(box, problems) {
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = p.file + ": " + p.field + ": " + p.message;
      list.appendChild(li);
    });
    box.replaceChildren(list);
  }
  function say(box, text) {
    var p = document.createElement("p");
    p.textContent = text;
    box.replaceChildren(p);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("import-form");
    if (!form) return;
    var input = form.querySelector("input[type=file]");
    var button = form.querySelector("button[type=submit]");
    var box = document.getElementById("import-file-error");
    var status = document.getElementById("import-status");
    button.disabled = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var file = input.files && input.files[0];
      box.hidden = true;
      input.removeAttribute("aria-invalid");
      if (!file) {
        box.hidden = false;
        input.setAttribute("aria-invalid", "true");
        return say(box, "Hãy chọn một tệp .zip.");
      }
      button.disabled = true;
      status.textContent = "Đang kiểm tra và nhập…";
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/zip", "x-csrf-token": form.dataset.csrf, "x-file-name": encodeURIComponent(file.name) },
        body: file,
      })
        .then(function (res) {
          return res.json().catch(function () {
            return { ok: false, problems: [{ file: file.name, field: "(gốc)", message: res.status === 413 ? "tệp quá lớn" : "máy chủ không nhận tệp (" + res.status + ")" }] };
          });
        })
        .then(function (result) {
          if (result.ok) {
            window.location.assign("/admin/knowledge?only=draft&imported=" + result.drafts.length);
            return;
          }
          status.textContent = "Không nhập gì: " + (result.problems || []).length + " lỗi.";
          box.hidden = false;
          input.setAttribute("aria-invalid", "true");
          problemsList(box, result.problems || [{ file: file.name, field: "(gốc)", message: result.error || "lỗi không rõ" }]);
          button.disabled = false;
        })
        .catch(function () {
          status.textContent = "";
          box.hidden = false;
          say(box, "Không gửi được tệp. Kiểm tra kết nối rồi thử lại.");
          button.disabled = false;
        });
    });
  });
})();
