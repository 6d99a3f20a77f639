// 「事例を提案する」 / 「誤りを報告」: builds the case file (YAML) from the form, checks it live with
// POST /api/validate (the same problems as `kb validate`), and offers a download and, when a repository is
// configured, prefilled new-issue / new-file links. Strings are written as JSON strings, which are valid YAML.
(function () {
  "use strict";
  var root = document.querySelector("[data-suggest]");
  if (!root) return;
  var form = root.querySelector("[data-suggest-form]");
  var yaml = root.querySelector("[data-yaml]");
  var status = root.querySelector("[data-check-status]");
  var list = root.querySelector("[data-problems]");
  var repo = root.getAttribute("data-repo");
  var report = root.getAttribute("data-report");
  var body = null; // the municipality chosen from the completion: {name, code, level, region}
  var edited = false; // once the YAML is edited by hand, the form no longer rewrites it

  function q(value) { return JSON.stringify(value); }

  function filename() {
    var match = /^id:\s*"?([a-z0-9-]+)"?\s*$/m.exec(yaml.value);
    return (match ? match[1] : "new-case") + ".yaml";
  }

  function build() {
    var data = new FormData(form);
    var themes = data.getAll("themes");
    var lessons = String(data.get("lessons") || "").split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    var lines = ["id: " + (data.get("id") || "new-case"), "title: " + q(String(data.get("title") || ""))];
    if (body) {
      lines.push("municipalities:", "  - name: " + q(body.name), "    code: " + q(body.code));
      lines.push("level: " + body.level, "region: " + body.region);
    } else {
      lines.push("municipalities:", "  - name: " + q(String(data.get("municipality") || "")), "    code: \"\"");
    }
    lines.push("themes: [" + themes.join(", ") + "]");
    lines.push("year: " + (data.get("year") || ""));
    lines.push("outcome: " + data.get("outcome"));
    lines.push("summary: " + q(String(data.get("summary") || "")));
    if (lessons.length) {
      lines.push("lessons:");
      lessons.forEach(function (l) { lines.push("  - " + q(l)); });
    }
    lines.push("sources:", "  - url: " + q(String(data.get("source_url") || "")));
    lines.push("    title: " + q(String(data.get("source_title") || data.get("source_url") || "")));
    if (data.get("source_publisher")) lines.push("    publisher: " + q(String(data.get("source_publisher"))));
    lines.push("    accessed: " + root.getAttribute("data-today"));
    lines.push("anonymous: false");
    return lines.join("\n") + "\n";
  }

  var timer = null;
  function check() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch("/api/validate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ yaml: yaml.value, filename: filename() }),
      }).then(function (r) { return r.json(); }).then(show, function () {
        status.textContent = "確認できませんでした(通信の問題)。しばらくしてもう一度お試しください。";
      });
      links();
    }, 300);
  }

  function show(result) {
    list.textContent = "";
    if (result.ok) {
      status.textContent = "問題はありません。このまま保存・送信できます。";
      return;
    }
    var problems = result.problems || [];
    status.textContent = problems.length ? problems.length + " 件の問題があります:" : (result.message || "確認できませんでした。");
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = p.line + "行目" + (p.field ? "・" + p.field : "") + ": " + p.message;
      list.appendChild(li);
    });
  }

  function links() {
    if (!repo) return;
    var issue = root.querySelector("[data-issue-link]");
    var file = root.querySelector("[data-file-link]");
    var note = report ? (root.querySelector("[data-report-text]").value || "") : "";
    var pasted = form ? String(new FormData(form).get("pasted") || "") : "";
    var title = report ? "事例の誤りの報告: " + report : "事例の提案: " + filename();
    var text = (note ? note + "\n\n" : "") + (pasted ? "出典の抜き書き:\n> " + pasted.replace(/\n/g, "\n> ") + "\n\n" : "") +
      "```yaml\n" + yaml.value + "```\n";
    if (issue) issue.href = repo + "/issues/new?title=" + encodeURIComponent(title) + "&body=" + encodeURIComponent(text);
    if (file) file.href = repo + "/new/main/corpus/cases?filename=" + encodeURIComponent(filename()) + "&value=" + encodeURIComponent(yaml.value);
  }

  function refresh() {
    if (form && !edited) yaml.value = build();
    check();
  }

  if (form) {
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    var input = form.querySelector("[data-municipality-input]");
    var options = form.querySelector("[data-municipality-options]");
    var found = [];
    input.addEventListener("input", function () {
      var text = input.value.trim();
      body = found.filter(function (b) { return b.name === text; })[0] || null;
      if (body || !text) { refresh(); return; }
      fetch("/api/municipalities?q=" + encodeURIComponent(text)).then(function (r) { return r.json(); }).then(function (bodies) {
        found = bodies;
        options.textContent = "";
        bodies.forEach(function (b) {
          var o = document.createElement("option");
          o.value = b.name;
          options.appendChild(o);
        });
        body = bodies.filter(function (b) { return b.name === input.value.trim(); })[0] || null;
        refresh();
      });
    });
    yaml.value = build();
  }
  yaml.addEventListener("input", function () { edited = true; check(); });
  var reportText = root.querySelector("[data-report-text]");
  if (reportText) reportText.addEventListener("input", links);
  root.querySelector("[data-download]").addEventListener("click", function () {
    var blob = new Blob([yaml.value], { type: "text/yaml;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename();
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
  check();
})();
