const log = document.getElementById("log");
const input = document.getElementById("text");
let userId = localStorage.getItem("simUserId") || newUserId();
let lastSeq = 0;

function newUserId() {
  let id = "8";
  for (let i = 0; i < 17; i++) id += Math.floor(Math.random() * 10);
  localStorage.setItem("simUserId", id);
  return id;
}

function bubble(cls, text) {
  const div = document.createElement("div");
  div.className = `msg ${cls}`;
  div.textContent = text;
  log.appendChild(div);
  log.scrollTop = log.scrollHeight;
  return div;
}

function renderBot(message) {
  const div = bubble("bot", message.text || "");
  const buttons = (message.attachment && message.attachment.payload && message.attachment.payload.buttons) || [];
  if (buttons.length === 0) return;
  const box = document.createElement("div");
  box.className = "buttons";
  for (const b of buttons) {
    if (b.type === "oa.open.url") {
      const a = document.createElement("a");
      a.href = b.payload.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = `🔗 ${b.title}`;
      box.appendChild(a);
    } else if (b.type === "oa.open.phone") {
      const a = document.createElement("a");
      a.href = `tel:${b.payload.phone_code}`;
      a.textContent = `📞 ${b.title}`;
      box.appendChild(a);
    } else {
      const btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = b.title;
      btn.addEventListener("click", () => send({ kind: "text", text: b.payload }));
      box.appendChild(btn);
    }
  }
  div.appendChild(box);
}

async function send(body) {
  if (body.kind === "text") bubble("me", body.text);
  if (body.kind === "image") bubble("me", "[ảnh]");
  if (body.kind === "follow") bubble("note", "Bạn đã quan tâm OA");
  const res = await fetch("/simulator/api/send", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId, ...body }),
  });
  if (!res.ok) {
    const err = await res.json().catch(() => ({}));
    bubble("note", `Không gửi được: ${err.error || res.status}`);
  }
}

async function poll() {
  try {
    const res = await fetch(`/simulator/api/messages?user=${userId}&after=${lastSeq}`);
    const data = await res.json();
    for (const m of data.messages) {
      lastSeq = Math.max(lastSeq, m.seq);
      renderBot(m.message);
    }
  } catch {
    // The server may be restarting; the next poll tries again.
  }
  setTimeout(poll, 700);
}

document.getElementById("form").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send({ kind: "text", text });
});
document.getElementById("follow").addEventListener("click", () => send({ kind: "follow" }));
document.getElementById("image").addEventListener("click", () => send({ kind: "image" }));
document.getElementById("reset").addEventListener("click", () => {
  userId = newUserId();
  lastSeq = 0;
  log.textContent = "";
  bubble("note", "Đã tạo người dùng mới");
});

bubble("note", "Bấm \"Quan tâm OA\" hoặc gõ câu hỏi để bắt đầu.");
poll();
