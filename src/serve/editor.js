// amicus editor: the pages of `amicus serve`, drawn from the data the server puts in the page
// and the case schema. The form is made from the schema (labels from field names, hints from
// its descriptions); every change updates one value, which is previewed (debounced) and saved
// as a whole: the server writes only the fields that changed into the file.
"use strict";

const WORDS = {
  en: {
    cases: "Cases", newCase: "New case", newId: "Identifier of the new case (like surname-2024)",
    create: "Create", person: "People", status: "Status", documents: "Documents",
    ready: "ready", draft: "draft: the filer's facts are missing", blocked: "blocked: facts missing",
    "does-not-apply": "does not apply", unreadable: "Files that cannot be read",
    back: "All cases", save: "Save", saved: "Saved", unsaved: "Unsaved changes", saving: "Saving…",
    preview: "Preview", kind: "Document", language: "Language", download: "Download PDF (saved version)",
    updating: "Updating the preview…", noPages: "No preview: see the messages.",
    unknown: "Not known (the sources do not say)", add: "Add", addField: "Add a field…",
    remove: "Remove", up: "Move up", down: "Move down", item: "Item", perLanguage: "Per language", addLanguage: "Add a language (code, like ru)",
    changedOnDisk: "The file was changed on disk since you opened it (in another editor?). Nothing was saved.",
    merge: "Merge my changes into it", reload: "Reload from disk (my changes are lost)",
    unfaithful: "This file cannot be changed in place; saving would rewrite it as shown below (comments are lost).",
    rewrite: "Save anyway", cancel: "Cancel", messages: "Messages", noMessages: "No problems found.",
    confidential: "Confidential: never printed in public documents", key: "Key",
    choose: "Kind of value", use: "Use", empty: "(empty)", error: "Error", warning: "Warning",
    leave: "You have unsaved changes.",
    letters: "Letters to Members", recipientsFile: "Recipients list (a CSV with a name column, or the Parliament's MEP list in XML)",
    recipientsNone: "No recipients list yet: the letter's preview is addressed to a placeholder.",
    recipientsCount: "People on the list who get a letter: {n}.", buildLetters: "Build the letters (saved version)",
    building: "Building the letters…", built: "Letters built into the output folder: {n}.",
    newShared: "New…", newSharedId: "Identifier of the new file", open: "Open", line: "line",
    sharedFile: "A shared file has no document of its own: the cases that name it show it in theirs.",
    sharedFiles: "Shared files", senders: "Senders (letterhead, signatory)", jurisdictions: "Jurisdictions (a country's law)",
    statements: "Statements of international bodies", sources: "Sources", organisations: "Organisations",
    deadlines: "Deadlines", date: "Date", who: "Person", what: "What", noDatesAhead: "No dates ahead.", passed: "Passed ({n})",
    today: "today", tomorrow: "tomorrow", inDays: "in {n} days",
  },
  ru: {
    cases: "Дела", newCase: "Новое дело", newId: "Идентификатор нового дела (например, familiya-2024)",
    create: "Создать", person: "Люди", status: "Статус", documents: "Документы",
    ready: "готов", draft: "черновик: нет данных подающего", blocked: "не собирается: не хватает фактов",
    "does-not-apply": "не применяется", unreadable: "Файлы, которые не читаются",
    back: "Все дела", save: "Сохранить", saved: "Сохранено", unsaved: "Есть несохранённые изменения",
    saving: "Сохранение…", preview: "Просмотр", kind: "Документ", language: "Язык",
    download: "Скачать PDF (сохранённая версия)", updating: "Обновление просмотра…",
    noPages: "Просмотра нет: см. сообщения.", unknown: "Неизвестно (источники не сообщают)",
    add: "Добавить", addField: "Добавить поле…", remove: "Удалить", up: "Выше", down: "Ниже",
    item: "Пункт", perLanguage: "По языкам",
    addLanguage: "Добавить язык (код, например ru)",
    changedOnDisk: "Файл изменён на диске после того, как вы его открыли (в другом редакторе?). Ничего не сохранено.",
    merge: "Объединить мои изменения с ним", reload: "Загрузить с диска (мои изменения пропадут)",
    unfaithful: "Этот файл нельзя изменить на месте: при сохранении он будет переписан, как показано ниже (комментарии пропадут).",
    rewrite: "Всё равно сохранить", cancel: "Отмена", messages: "Сообщения", noMessages: "Проблем не найдено.",
    confidential: "Конфиденциально: никогда не печатается в публичных документах", key: "Ключ",
    choose: "Вид значения", use: "Выбрать", empty: "(пусто)", error: "Ошибка", warning: "Предупреждение",
    leave: "Есть несохранённые изменения.",
    letters: "Письма депутатам", recipientsFile: "Список получателей (CSV со столбцом name или список депутатов Европарламента в XML)",
    recipientsNone: "Списка получателей ещё нет: письмо в просмотре адресовано условному получателю.",
    recipientsCount: "Получателей писем в списке: {n}.", buildLetters: "Собрать письма (сохранённая версия)",
    building: "Письма собираются…", built: "Писем собрано в папку результатов: {n}.",
    newShared: "Новый…", newSharedId: "Идентификатор нового файла", open: "Открыть", line: "строка",
    sharedFile: "У общего файла нет своего документа: он виден в документах дел, которые на него ссылаются.",
    sharedFiles: "Общие файлы", senders: "Отправители (бланк, подписант)", jurisdictions: "Юрисдикции (право страны)",
    statements: "Заявления международных органов", sources: "Источники", organisations: "Организации",
    deadlines: "Сроки", date: "Дата", who: "Кто", what: "Что", noDatesAhead: "Впереди сроков нет.", passed: "Прошедшие ({n})",
    today: "сегодня", tomorrow: "завтра", inDays: "осталось дней: {n}",
  },
};

const ui = (() => {
  const asked = new URLSearchParams(location.search).get("ui");
  if (asked) localStorage.setItem("amicus-ui", asked);
  const chosen = asked || localStorage.getItem("amicus-ui") || (navigator.language || "en").slice(0, 2);
  return Object.hasOwn(WORDS, chosen) ? chosen : "en";
})();
const t = (key) => (Object.hasOwn(WORDS[ui], key) ? WORDS[ui][key] : Object.hasOwn(WORDS.en, key) ? WORDS.en[key] : key);
document.documentElement.lang = ui;

// A DOM element: el("p", {class: "x"}, "text", child, ...). Text is always text, never markup.
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const data = JSON.parse(document.getElementById("data").textContent);
const app = document.getElementById("app");
const header = () =>
  el("header", { class: "bar" },
    el("a", { href: "/", class: "brand" }, "amicus"),
    el("nav", { "aria-label": "interface language" },
      ...Object.keys(WORDS).map((code) =>
        el("a", { href: `?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(location.search)), ui: code })}`,
          "aria-current": code === ui ? "true" : null, lang: code }, code === "en" ? "English" : "Русский"))));

async function request(method, url, body) {
  const response = await fetch(url, {
    method, headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined, credentials: "same-origin",
  });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch (_) { json = { message: text }; }
  return { status: response.status, ok: response.ok, json };
}

// ---------------------------------------------------------------- the project's page
function overviewPage() {
  const rows = data.cases.map((c) =>
    el("tr", {},
      el("th", { scope: "row" }, el("a", { href: `/case?${new URLSearchParams({ file: c.file })}` }, c.id),
        c.broken ? el("span", { class: "badge blocked" }, t("error")) : null),
      el("td", {}, el("ul", { class: "plain" }, c.people.map((p) =>
        el("li", {}, p.name || "?", p.status ? el("span", { class: "muted" }, ` (${p.status})`) : null)))),
      el("td", {}, el("ul", { class: "kinds" }, c.kinds.map((k) =>
        el("li", { class: `badge ${k.state}`, title: k.missing.length ? k.missing.join(", ") : null },
          `${k.kind}${k.who ? ` (${k.who.split("/").pop()})` : ""}: ${t(k.state)}`))))));
  // The key dates, nearest first; those passed, latest first, folded away.
  const dates = (list) => el("table", { class: "cases dates" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("date")), el("th", { scope: "col" }, t("who")),
      el("th", { scope: "col" }, t("what")))),
    el("tbody", {}, list.map((d) => el("tr", {},
      el("td", {}, el("time", { datetime: d.date }, d.date),
        d.days >= 0 ? el("span", { class: "muted" }, ` (${d.days === 0 ? t("today") : d.days === 1 ? t("tomorrow") : t("inDays").replace("{n}", d.days)})`) : null),
      el("td", {}, d.file ? el("a", { href: `/case?${new URLSearchParams({ file: d.file })}` }, d.person) : d.person,
        el("span", { class: "muted" }, ` (${d.case})`)),
      el("td", {}, d.what)))));
  const ahead = data.deadlines.filter((d) => d.days >= 0);
  const passed = data.deadlines.filter((d) => d.days < 0).reverse();
  const id = el("input", { id: "new-id", name: "id", required: true, pattern: "[a-z0-9][a-z0-9-]*", autocomplete: "off" });
  const problem = el("p", { class: "message error", role: "alert", hidden: true });
  const create = async (event) => {
    event.preventDefault();
    const answer = await request("POST", "/api/new", { id: id.value.trim() });
    if (answer.ok) location.href = `/case?${new URLSearchParams({ file: answer.json.file })}`;
    else {
      problem.hidden = false;
      problem.textContent = (answer.json.messages || [answer.json]).map((m) => m.message).join(" ");
    }
  };
  app.replaceChildren(header(),
    el("h1", {}, t("cases")),
    el("table", { class: "cases" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "id"), el("th", { scope: "col" }, t("person")),
        el("th", { scope: "col" }, t("documents")))),
      el("tbody", {}, rows)),
    el("section", { class: "deadlines" }, el("h2", {}, t("deadlines")),
      ahead.length ? dates(ahead) : el("p", {}, t("noDatesAhead")),
      passed.length ? el("details", {}, el("summary", {}, t("passed").replace("{n}", passed.length)), dates(passed)) : null),
    el("section", { class: "shared" }, el("h2", {}, t("sharedFiles")),
      Object.entries(data.shared).filter(([, files]) => files.length).map(([folder, files]) =>
        el("details", {}, el("summary", {}, `${t(folder)} (${files.length})`),
          el("ul", {}, files.map((f) => el("li", {}, el("a", { href: `/case?${new URLSearchParams({ file: f })}` },
            f.split("/").pop().replace(/\.yaml$/, "")))))))),
    data.unreadable.length ? el("section", {}, el("h2", {}, t("unreadable")),
      el("ul", {}, data.unreadable.map((f) => el("li", {}, f)))) : "",
    el("form", { class: "new-case", onsubmit: create },
      el("h2", {}, t("newCase")),
      el("label", { for: "new-id" }, t("newId")), id, el("button", { type: "submit" }, t("create")), problem));
}

// ---------------------------------------------------------------- the schema
let schema = null;
function resolve(s) {
  let seen = 0;
  while (s && s.$ref && seen++ < 20) {
    const { $ref, ...rest } = s;
    s = { ...schema.$defs[$ref.split("/").pop()], ...rest, description: rest.description || schema.$defs[$ref.split("/").pop()].description };
  }
  return s || {};
}
// A schema's alternatives, without `null` (which means "may be left out").
function alternatives(s) {
  const list = (s.anyOf || s.oneOf || []).map(resolve).filter((v) => v.type !== "null");
  if (Array.isArray(s.type)) {
    for (const type of s.type.filter((x) => x !== "null")) list.push({ ...s, type, anyOf: undefined, oneOf: undefined });
  }
  return list;
}
const isUnknown = (v) => v.const === "unknown";
function defaultOf(s) {
  s = resolve(s);
  const alts = alternatives(s);
  if (alts.length && !s.properties) return defaultOf(alts.find((a) => !isUnknown(a)) || alts[0]);
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  switch (s.type) {
    case "object": {
      const value = {};
      for (const name of s.required || []) value[name] = defaultOf(s.properties[name]);
      if (s.patternProperties && !s.properties) value.en = "";
      return value;
    }
    case "array": return [];
    case "integer": case "number": return 0;
    case "boolean": return false;
    default: return "";
  }
}
// Field names and hints in the interface's language: Russian ones from `ru.json` (a field's
// label may depend on its parent: `confidential.family` are relatives, not a surname).
let translated = { labels: {}, hints: {} };
const humanise = (name, path) => {
  const parent = path && [...path].reverse().filter((step) => typeof step === "string")[1];
  const own = parent && translated.labels[`${parent}.${name}`];
  if (own || Object.hasOwn(translated.labels, name)) return own || translated.labels[name];
  return String(name).replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
};
const hintOf = (description) => (Object.hasOwn(translated.hints, description) ? translated.hints[description] : description);

// ---------------------------------------------------------------- the case's page
const state = { value: null, base: null, hash: null, dirty: false, seq: 0, shown: 0 };
const pathText = (path) => path.reduce((text, step) =>
  typeof step === "number" ? `${text}[${step}]` : (text ? `${text}.${step}` : step), "");
function get(path) { return path.reduce((v, step) => (v == null ? undefined : v[step]), state.value); }
function set(path, value) {
  let parent = state.value;
  path.slice(0, -1).forEach((step, i) => {
    if (parent[step] === null || typeof parent[step] !== "object") parent[step] = typeof path[i + 1] === "number" ? [] : {};
    parent = parent[step];
  });
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last, 1); else delete parent[last];
  } else parent[last] = value;
  changed();
}
// Fields that may be left out: one the user emptied is left out of the file, not written as
// "" (one that the file holds as "" stays, with its comment).
const optionalPaths = new Set();
function outgoing(value, path = [], base = state.base) {
  const at = (key) => (base !== null && typeof base === "object" ? base[key] : undefined);
  if (Array.isArray(value)) return value.map((v, i) => outgoing(v, [...path, i], at(i)));
  if (value === null || typeof value !== "object") return value;
  const kept = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === "" && at(key) !== "" && optionalPaths.has(pathText([...path, key]))) continue;
    kept[key] = outgoing(v, [...path, key], at(key));
  }
  return kept;
}
function changed() {
  state.dirty = true;
  status(t("unsaved"));
  schedulePreview();
}

function casePage() {
  state.value = structuredClone(data.value);
  state.base = structuredClone(data.value);
  state.hash = data.hash;
  const kinds = el("select", { id: "kind", onchange: () => { fillLanguages(); preview(); } },
    data.kinds.map((k) => el("option", { value: k.kind, selected: k.kind === "fact-sheet" }, k.kind)));
  const langs = el("select", { id: "lang", onchange: preview });
  const fillLanguages = () => {
    const kind = data.kinds.find((k) => k.kind === kinds.value);
    const before = langs.value;
    langs.replaceChildren(...(kind ? kind.languages : []).map((l) => el("option", { value: l }, l)));
    if ([...langs.options].some((o) => o.value === before)) langs.value = before;
    download.href = `/api/pdf?${new URLSearchParams({ file: data.file, kind: kinds.value, lang: langs.value })}`;
    // A letter is made for each person of the list: see "Letters" below.
    download.hidden = Boolean(kind && kind.letters);
  };
  const download = el("a", { id: "download", class: "button", href: "#", download: "" }, t("download"));
  langs.addEventListener("change", () => fillLanguages());
  app.replaceChildren(header(),
    el("div", { class: "toolbar" },
      el("a", { href: "/" }, `← ${t("back")}`),
      el("h1", {}, data.file),
      el("button", { id: "save", type: "button", onclick: () => save({}) }, t("save")),
      el("span", { id: "status", role: "status", "aria-live": "polite" }, t("saved"))),
    el("div", { id: "dialog", role: "alertdialog", hidden: true }),
    ...Object.entries(data.shared).map(([kind, ids]) => el("datalist", { id: `ids-${kind}` }, ids.map((i) => el("option", { value: i })))),
    el("div", { class: "columns" },
      el("form", { id: "form", onsubmit: (e) => e.preventDefault() }),
      el("aside", { id: "preview", "aria-label": t("preview") },
        // A shared file has no documents of its own: only check's messages.
        el("div", { class: "controls", hidden: !data.kinds.length },
          el("label", { for: "kind" }, t("kind")), kinds, el("label", { for: "lang" }, t("language")), langs, download),
        el("section", { id: "messages", "aria-label": t("messages"), "aria-live": "polite" }),
        el("div", { id: "pages", "aria-busy": "false" }),
        data.kinds.some((k) => k.letters) ? lettersSection() : null)));
  fillLanguages();
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); save({}); }
  });
  window.addEventListener("beforeunload", (e) => { if (state.dirty) { e.preventDefault(); e.returnValue = t("leave"); } });
  Promise.all([request("GET", `/api/schema?${new URLSearchParams({ kind: data.schema })}`), ui === "ru" ? request("GET", "/assets/ru.json") : null]).then(([answer, words]) => {
    schema = answer.json;
    if (words && words.ok) translated = words.json;
    drawForm();
    preview();
  });
}

// Letters: the recipients list they go to (checked as `build --recipients` checks it), and
// the letters of the saved case built into the output folder, to download.
const counted = (key, n) => t(key).replace("{n}", String(n));
function lettersSection() {
  const listed = el("p", { id: "recipients-state", role: "status" });
  const result = el("div", { id: "letters-result", "aria-live": "polite" });
  const show = (messages) => messages.map(messageLine);
  const file = el("input", { type: "file", id: "recipients-file", accept: ".csv,.xml", onchange: async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    // Sent as it is: the server says so if it is not UTF-8 text.
    const response = await fetch(`/api/recipients?${new URLSearchParams({ name: chosen.name })}`, {
      method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: chosen, credentials: "same-origin" });
    // The same file chosen again (corrected) is sent again.
    file.value = "";
    const answer = await response.json().catch(() => ({ messages: [{ severity: "error", message: response.statusText, hints: [] }] }));
    if (response.ok) {
      showRecipients(answer.count);
      if (data.kinds.find((k) => k.kind === document.getElementById("kind").value)?.letters) preview();
    }
    result.replaceChildren(...show(answer.messages || []));
  } });
  const build = el("button", { type: "button", id: "build-letters", disabled: data.recipients == null, onclick: async () => {
    // Letters are made from the file: what the form holds is saved first.
    if (state.dirty) await save({});
    if (state.dirty) return;
    build.disabled = true;
    result.replaceChildren(el("p", { class: "muted" }, t("building")));
    const answer = await request("POST", "/api/letters", { file: data.file }).finally(() => { build.disabled = false; });
    const letters = answer.ok ? answer.json.built.filter((f) => f.endsWith(".pdf")) : [];
    result.replaceChildren(...show(answer.json.messages || []),
      answer.ok ? el("p", {}, counted("built", letters.length)) : null,
      letters.length ? el("ul", { class: "letters" }, letters.map((f) =>
        el("li", {}, el("a", { href: `/api/out?${new URLSearchParams({ file: f })}`, download: "" }, f)))) : null);
  } }, t("buildLetters"));
  showRecipients.draw = (count) => {
    listed.textContent = count == null ? t("recipientsNone") : counted("recipientsCount", count);
    build.disabled = count == null;
  };
  showRecipients(data.recipients);
  return el("section", { id: "letters", "aria-labelledby": "letters-title" },
    el("h2", { id: "letters-title" }, t("letters")),
    el("label", { for: "recipients-file" }, t("recipientsFile")), file, listed, build, result);
}

// The recipients list as the server has it now (given in this tab or another).
function showRecipients(count) {
  data.recipients = count;
  if (showRecipients.draw) showRecipients.draw(count);
}

function status(text) { document.getElementById("status").textContent = text; }

// Redraws the form (after a list or a field was added, moved or removed), keeping the focus.
function drawForm() {
  const focused = document.activeElement && document.activeElement.id;
  const form = document.getElementById("form");
  form.replaceChildren(objectFields(schema, state.value, [], true));
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  placeMessages(state.messages || []);
}

// What a fact held before it was marked unknown, to give back when it is unmarked.
const remembered = {};
const idFor = (path) => `f-${pathText(path).replace(/[^A-Za-z0-9_-]/g, "_")}`;

// The fields of an object: those it has, in its order, then a chooser for the others.
function objectFields(s, value, path, top) {
  s = resolve(s);
  const box = el("div", { class: "fields" });
  const properties = s.properties || {};
  const required = new Set(s.required || []);
  const present = Object.keys(value || {}).filter((k) => k in properties);
  for (const name of present) box.append(field(properties[name], value[name], [...path, name], name, required.has(name)));
  for (const name of Object.keys(value || {}).filter((k) => !(k in properties))) {
    box.append(el("p", { class: "muted" }, `${name}: ${JSON.stringify(value[name])}`));
  }
  const absent = Object.keys(properties).filter((k) => !(k in (value || {})));
  if (absent.length) {
    const chooser = el("select", { id: `${idFor(path)}-add`, "aria-label": t("addField") },
      el("option", { value: "" }, t("addField")),
      absent.map((name) => el("option", { value: name, title: resolve(properties[name]).description ? hintOf(resolve(properties[name]).description) : null }, humanise(name, [...path, name]))));
    const addButton = el("button", { type: "button", class: "small", id: `${idFor(path)}-add-button`,
      onclick: () => {
        if (!chooser.value) return;
        const name = chooser.value;
        set([...path, name], defaultOf(properties[name]));
        drawForm();
        const added = document.querySelector(`[data-path="${CSS.escape(pathText([...path, name]))}"] input, [data-path="${CSS.escape(pathText([...path, name]))}"] select, [data-path="${CSS.escape(pathText([...path, name]))}"] textarea`);
        if (added) added.focus();
      } }, t("add"));
    box.append(el("div", { class: "add-field" }, chooser, addButton));
  }
  return box;
}

// One field: its label, its hint (the schema's description), its widget and its messages.
function field(s, value, path, name, required) {
  s = resolve(s);
  const id = idFor(path);
  const hint = s.description ? el("p", { class: "hint", id: `${id}-hint` }, hintOf(s.description).replace(/`/g, "")) : null;
  const confidential = path[0] === "confidential";
  const wrapper = el("div", { class: `field${confidential ? " confidential" : ""}`, "data-path": pathText(path) });
  const label = el(typeof name === "number" ? "span" : "label", { for: id, class: "label" },
    typeof name === "number" ? `${t("item")} ${name + 1}` : humanise(name, path));
  const optional = !required && typeof name !== "number";
  if (optional) optionalPaths.add(pathText(path));
  const remove = optional
    ? el("button", { type: "button", class: "small", "aria-label": `${t("remove")} ${humanise(name, path)}`,
      onclick: () => { set(path, undefined); drawForm(); } }, "✕") : null;
  const control = widget(s, value, path, id);
  // A group of fields is named by its legend for assistive technology; the label shows it.
  if (control.tagName === "FIELDSET") control.prepend(el("legend", { class: "visually-hidden" }, label.textContent));
  const note = confidential && path.length === 1 ? el("p", { class: "confidential-note" }, t("confidential")) : null;
  for (const part of [el("div", { class: "head" }, label, remove), note, hint, control,
    el("div", { class: "field-messages", id: `${id}-messages` })]) if (part) wrapper.append(part);
  // A text per language has no control of the field's own: the label names the first.
  if (label.tagName === "LABEL" && control.id !== id && !control.querySelector(`#${CSS.escape(id)}`)) {
    const first = control.querySelector("input, select, textarea");
    if (first && first.id) label.setAttribute("for", first.id); else label.removeAttribute("for");
  }
  return wrapper;
}

function widget(s, value, path, id) {
  s = resolve(s);
  const alts = alternatives(s);
  const described = `${id}-hint ${id}-messages`;
  if (alts.length && !s.properties && !(s.type === "object")) {
    const unknown = alts.find(isUnknown);
    const rest = alts.filter((a) => !isUnknown(a));
    // A closed list with `unknown` among its words: one menu.
    const words = rest.every((a) => a.enum || a.const !== undefined);
    if (words) {
      const options = [...rest.flatMap((a) => a.enum || [a.const]), ...(unknown ? ["unknown"] : [])];
      return choice(options, value, path, id, described);
    }
    if (unknown) {
      // A fact or `unknown`: a box to tick, and the fact's own widget.
      const box = el("input", { type: "checkbox", id: `${id}-unknown`, checked: value === "unknown",
        onchange: () => {
          const key = pathText(path);
          if (box.checked) remembered[key] = get(path);
          set(path, box.checked ? "unknown" : remembered[key] ?? defaultOf(rest[0]));
          drawForm();
          document.getElementById(`${id}-unknown`)?.focus();
        } });
      const inner = value === "unknown" ? null : (rest.length === 1 ? widget(rest[0], value, path, id) : chooseAmong(rest, value, path, id));
      return el("div", { class: "fact" }, el("label", { class: "unknown" }, box, " ", t("unknown")), inner);
    }
    if (rest.length === 1) return widget({ ...rest[0], description: s.description }, value, path, id);
    // A text: one string, or one per language.
    const text = rest.find((a) => a.type === "string" && !a.enum && !a.pattern);
    const perLanguage = rest.find((a) => a.type === "object" && a.patternProperties);
    if (text && perLanguage) return textWidget(value, path, id, described);
    return chooseAmong(rest, value, path, id);
  }
  if (s.enum) return choice(s.enum, value, path, id, described);
  if (s.type === "object" && s.properties) return el("fieldset", {}, objectFields(s, value, path));
  if (s.type === "object") return mapWidget(s, value, path, id);
  if (s.type === "array") return listWidget(s, value, path, id);
  if (s.type === "boolean") {
    const box = el("input", { type: "checkbox", id, checked: value === true, "aria-describedby": described,
      onchange: () => set(path, box.checked) });
    return box;
  }
  if (s.type === "integer" || s.type === "number") {
    const input = el("input", { type: "number", id, value: value ?? "", "aria-describedby": described,
      // Emptied, a list's number stays in its place (as nothing), so that the next keystroke
      // does not land in the following item.
      oninput: () => set(path, input.value === "" ? (typeof path[path.length - 1] === "number" ? null : undefined) : Number(input.value)) });
    return input;
  }
  return textInput(value, path, id, described, s.pattern ? s.pattern.includes("[0-9]{4}") ? "YYYY-MM-DD" : null : null);
}

// Fields that hold the id of a shared file, by their name (a list's items by the list's): the
// ids that exist are offered as the user types. `cite` holds sources' ids.
const REFERENCE_KINDS = { jurisdiction: "jurisdictions", statements: "statements", sources: "sources", organisations: "organisations" };
function referenceKind(path) {
  if (path[0] === "cite") return "sources";
  const name = [...path].reverse().find((step) => typeof step === "string");
  return Object.hasOwn(REFERENCE_KINDS, name) ? REFERENCE_KINDS[name] : null;
}

// A text box: several lines for prose (a text per language, or one long already), one line
// for names, ids and dates.
function textInput(value, path, id, described, placeholder, prose) {
  const long = prose || (typeof value === "string" && (value.length > 70 || value.includes("\n")));
  const reference = referenceKind(path);
  const attributes = { id, "aria-describedby": described, placeholder, list: reference ? `ids-${reference}` : null,
    autocomplete: reference ? "off" : null, oninput: (e) => set(path, e.target.value),
    // Also what changes without keystrokes (the browser's autofill, a cleared field).
    onchange: (e) => { if (get(path) !== e.target.value) set(path, e.target.value); } };
  if (reference) return referenceInput(reference, value, attributes);
  const text = value ?? "";
  if (long) return el("textarea", { ...attributes, rows: Math.min(12, Math.max(1, Math.ceil(text.length / 70) + text.split("\n").length - 1)) }, text);
  return el("input", { ...attributes, type: "text", value: value ?? "" });
}

// An id of a shared file: the ids that exist are offered, and "New…" makes the file (from the
// skeleton `amicus new` writes) and opens it to be filled in.
function referenceInput(reference, value, attributes) {
  const input = el("input", { ...attributes, type: "text", value: value ?? "" });
  const id = el("input", { type: "text", id: `${attributes.id}-new`, pattern: "[a-z0-9][a-z0-9-]*", autocomplete: "off" });
  const problem = el("span", { class: "message error", role: "alert" });
  const opened = el("span", {});
  const create = el("button", { type: "button", class: "small", onclick: async () => {
    const answer = await request("POST", "/api/new", { id: id.value.trim(), kind: reference.replace(/s$/, "") });
    if (!answer.ok) {
      problem.textContent = (answer.json.messages || [answer.json]).map((m) => m.message).join(" ");
      return;
    }
    problem.textContent = "";
    document.getElementById(`ids-${reference}`)?.append(el("option", { value: id.value.trim() }));
    input.value = id.value.trim();
    input.dispatchEvent(new Event("input"));
    opened.replaceChildren(el("a", { href: `/case?${new URLSearchParams({ file: answer.json.file })}`, target: "_blank", rel: "noopener", class: "new-file" }, `${t("open")} ${answer.json.file}`));
  } }, t("create"));
  const more = el("div", { class: "new-shared", hidden: true }, el("label", { for: id.id }, t("newSharedId")), id, create, problem, opened);
  const toggle = el("button", { type: "button", class: "small", "aria-expanded": "false", onclick: () => {
    more.hidden = !more.hidden;
    toggle.setAttribute("aria-expanded", String(!more.hidden));
    if (!more.hidden) { id.value = id.value || input.value; id.focus(); }
  } }, t("newShared"));
  return el("div", { class: "reference", id: `${attributes.id}-box` }, el("div", { class: "reference-row" }, input, toggle), more);
}

function choice(options, value, path, id, described) {
  const select = el("select", { id, "aria-describedby": described, onchange: () => set(path, select.value) },
    options.map((o) => el("option", { value: o, selected: o === value }, String(o).replace(/_/g, " "))));
  if (!options.includes(value)) select.prepend(el("option", { value: "", selected: true }, t("empty")));
  return select;
}

// Several kinds of value (a date or a year): a menu of them and the chosen one's widget.
function chooseAmong(alts, value, path, id) {
  const fits = (a) => (a.type === "integer" ? typeof value === "number" : a.type === "string" ? typeof value === "string"
    : a.type === "object" ? value && typeof value === "object" && !Array.isArray(value) : a.type === "array" ? Array.isArray(value) : false);
  let index = Math.max(0, alts.findIndex(fits));
  const name = (a, i) => a.title || (a.description ? hintOf(a.description).split(/[.:(]/)[0].slice(0, 50) : `${a.type || "value"} ${i + 1}`);
  // Changed by a button, not by the menu alone: arrow keys on a closed menu must not wipe a value.
  const select = el("select", { id: `${id}-variant`, "aria-label": t("choose") },
    alts.map((a, i) => el("option", { value: i, selected: i === index }, name(a, i))));
  const use = el("button", { type: "button", class: "small", onclick: () => {
    if (Number(select.value) === index) return;
    set(path, defaultOf(alts[Number(select.value)]));
    drawForm();
    document.getElementById(`${id}-variant`)?.focus();
  } }, t("use"));
  return el("div", { class: "variant" }, alts.length > 1 ? el("div", { class: "lang-add" }, select, use) : null,
    widget(alts[index], value, path, id));
}

// A text in one string or one per language, side by side.
function textWidget(value, path, id, described) {
  if (typeof value !== "object" || value === null) {
    const split = el("button", { type: "button", class: "small", onclick: () => { set(path, { en: get(path) || "" }); drawForm(); } }, t("perLanguage"));
    return el("div", { class: "text" }, textInput(value ?? "", path, id, described, null, true), split);
  }
  const rows = Object.keys(value).map((lang) =>
    el("div", { class: "lang-row", "data-path": pathText([...path, lang]) },
      el("label", { for: idFor([...path, lang]), class: "lang" }, lang),
      el("div", { lang }, textInput(value[lang], [...path, lang], idFor([...path, lang]), described, null, true)),
      Object.keys(value).length > 1 ? el("button", { type: "button", class: "small", "aria-label": `${t("remove")} ${lang}`,
        onclick: () => { set([...path, lang], undefined); drawForm(); } }, "✕") : null));
  const code = el("input", { type: "text", size: 4, "aria-label": t("addLanguage"), placeholder: "ru", pattern: "[a-z]{2,3}" });
  const add = el("button", { type: "button", class: "small", onclick: () => {
    const lang = code.value.trim().toLowerCase();
    if (/^[a-z]{2,3}$/.test(lang) && !(lang in value)) { set([...path, lang], ""); drawForm(); }
  } }, t("add"));
  return el("div", { class: "text per-language" }, rows, el("div", { class: "lang-add" }, code, add));
}

// A map of free keys (the sources of each fact): key and value rows.
function mapWidget(s, value, path, id) {
  value = value && typeof value === "object" ? value : {};
  const inner = s.additionalProperties && typeof s.additionalProperties === "object" ? s.additionalProperties : { type: "string" };
  const rows = Object.keys(value).map((key) => field(inner, value[key], [...path, key], key, false));
  const key = el("input", { type: "text", "aria-label": t("key"), id: `${id}-key` });
  const add = el("button", { type: "button", class: "small", onclick: () => {
    const k = key.value.trim();
    if (k && !(k in value)) { set([...path, k], defaultOf(inner)); drawForm(); }
  } }, t("add"));
  return el("fieldset", { id }, rows, el("div", { class: "lang-add" }, key, add));
}

// A list: its items, each movable and removable, and a button to add one.
function listWidget(s, value, path, id) {
  value = Array.isArray(value) ? value : [];
  const items = value.map((item, i) => {
    const itemPath = [...path, i];
    const move = (to) => {
      const list = get(path);
      [list[i], list[to]] = [list[to], list[i]];
      renumber(path, (n) => (n === i + 1 ? to + 1 : n === to + 1 ? i + 1 : n));
      changed();
      drawForm();
      // The keyboard stays with the item moved.
      const button = document.getElementById(`${idFor([...path, to])}-${to < i ? "up" : "down"}`);
      (button && !button.disabled ? button : document.getElementById(`${idFor([...path, to])}-remove`))?.focus();
    };
    return el("li", { class: "item", "data-path": pathText(itemPath), role: "group", "aria-labelledby": `${idFor(itemPath)}-label` },
      el("div", { class: "item-tools" },
        el("span", { class: "label", id: `${idFor(itemPath)}-label` }, `${t("item")} ${i + 1}`),
        el("button", { type: "button", class: "small", id: `${idFor(itemPath)}-up`, disabled: i === 0, "aria-label": `${t("up")} (${i + 1})`, onclick: () => move(i - 1) }, "↑"),
        el("button", { type: "button", class: "small", id: `${idFor(itemPath)}-down`, disabled: i === value.length - 1, "aria-label": `${t("down")} (${i + 1})`, onclick: () => move(i + 1) }, "↓"),
        el("button", { type: "button", class: "small", id: `${idFor(itemPath)}-remove`, "aria-label": `${t("remove")} (${i + 1})`,
          onclick: () => {
            renumber(path, (n) => (n === i + 1 ? null : n > i + 1 ? n - 1 : n));
            set(itemPath, undefined);
            drawForm();
            document.getElementById(`${id}-add`)?.focus();
          } }, "✕")),
      widget(s.items || {}, item, itemPath, idFor(itemPath)),
      el("div", { class: "field-messages", id: `${idFor(itemPath)}-messages` }));
  });
  const add = el("button", { type: "button", id: `${id}-add`, onclick: () => {
    const list = get(path) || [];
    list.push(defaultOf(s.items || {}));
    set(path, list);
    drawForm();
  } }, `+ ${t("add")}`);
  return el("div", { class: "list", id }, el("ol", {}, items), add);
}

// Fields that name items of another list by position (from 1): when those items move or go,
// the numbers follow them (and a reference to an item removed is removed).
const REFERENCES = { acts: [["arguments", "acts"]], evidence: [["arguments", "evidence"]], charges: [["evidence", "charges"]] };
function renumber(listPath, map) {
  const name = listPath[listPath.length - 1];
  const owner = listPath.slice(0, -1);
  for (const [list, field] of REFERENCES[name] || []) {
    for (const item of get([...owner, list]) || []) {
      if (item && Array.isArray(item[field])) {
        item[field] = item[field].map((n) => (typeof n === "number" ? map(n) : n)).filter((n) => n !== null);
      }
    }
  }
}

// ---------------------------------------------------------------- preview, messages, save
let timer = null;
function schedulePreview() { clearTimeout(timer); timer = setTimeout(preview, 300); }

async function preview() {
  if (!schema) return;
  const seq = ++state.seq;
  const kind = document.getElementById("kind").value;
  const lang = document.getElementById("lang").value;
  const pages = document.getElementById("pages");
  pages.setAttribute("aria-busy", "true");
  const answer = await request("POST", "/api/preview", { file: data.file, kind, lang, value: outgoing(state.value) });
  if (seq !== state.seq) return; // a later change asked for a newer preview
  const messages = answer.ok ? answer.json.messages : [{ severity: "error", field: "", message: answer.json.message || JSON.stringify(answer.json), hints: [] }];
  state.messages = messages;
  placeMessages(messages);
  if (answer.ok && data.kinds.length) showRecipients(answer.json.recipients);
  const count = answer.ok ? answer.json.pages : 0;
  // The new pages replace the old ones only once they are all loaded.
  const images = [];
  for (let n = 1; n <= count; n++) {
    const src = `/api/page?${new URLSearchParams({ file: data.file, kind, lang, n, v: seq })}`;
    images.push(new Promise((done) => {
      const image = el("img", { src, alt: `${kind} (${lang}), ${n} / ${count}`, class: "page" });
      image.onload = () => done(image);
      image.onerror = () => done(null);
    }));
  }
  const loaded = (await Promise.all(images)).filter(Boolean);
  if (seq !== state.seq) return;
  if (loaded.length) {
    pages.replaceChildren(...loaded);
    state.shown = seq;
  } else if (!pages.querySelector("img")) {
    pages.replaceChildren(el("p", { class: "muted" }, t(data.kinds.length ? "noPages" : "sharedFile")));
  }
  pages.dataset.seq = String(seq);
  pages.setAttribute("aria-busy", "false");
}

// A message of `check` (or of the server), with its hints.
const messageLine = (m) => el("p", { class: `message ${m.severity}` }, el("strong", {}, `${t(m.severity)}: `), m.message,
  m.hints && m.hints.length ? el("span", { class: "hint" }, ` ${m.hints.join(" ")}`) : null);

// Each message beside the field it names (or the nearest field above it that is on the form),
// the others in the preview's list.
function placeMessages(messages) {
  document.querySelectorAll(".field-messages").forEach((m) => m.replaceChildren());
  document.querySelectorAll("[aria-invalid]").forEach((m) => m.removeAttribute("aria-invalid"));
  const list = document.getElementById("messages");
  const loose = [];
  for (const m of messages) {
    const line = messageLine(m);
    let field = m.field;
    let target = null;
    while (field) {
      target = document.querySelector(`[data-path="${CSS.escape(field)}"]`);
      if (target) break;
      const shorter = field.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
      field = shorter === field ? "" : shorter;
    }
    const box = target && target.querySelector(":scope > .field-messages");
    if (box) {
      box.append(line);
      const input = target.querySelector("input, select, textarea");
      if (input && m.severity === "error") input.setAttribute("aria-invalid", "true");
    } else {
      // Not beside a field of the form: where it is in the file.
      if (m.line) line.prepend(el("span", { class: "muted" }, `${t("line")} ${m.line}: `));
      loose.push(line);
    }
  }
  list.replaceChildren(el("h2", {}, t("messages")), ...(loose.length ? loose : messages.length ? [] : [el("p", { class: "muted" }, t("noMessages"))]));
}

async function save({ rewrite = false, merge = false }) {
  const button = document.getElementById("save");
  if (button.disabled) return;
  button.disabled = true;
  status(t("saving"));
  const sent = structuredClone(state.value);
  const answer = await request("POST", "/api/save", { file: data.file, hash: state.hash, base: state.base, value: outgoing(sent), rewrite, merge })
    .finally(() => { button.disabled = false; });
  const dialog = document.getElementById("dialog");
  if (answer.ok) {
    // What the file holds now (with another editor's changes, after a merge) is the page's
    // base; what was typed while saving stays unsaved.
    const typed = JSON.stringify(outgoing(state.value)) !== JSON.stringify(outgoing(sent));
    state.hash = answer.json.hash;
    state.base = structuredClone(answer.json.value);
    if (!typed) state.value = structuredClone(answer.json.value);
    state.dirty = typed;
    dialog.hidden = true;
    status(t(typed ? "unsaved" : "saved"));
    if (merge && !typed) drawForm();
    return;
  }
  status(t("unsaved"));
  const refused = answer.json.refused;
  const close = el("button", { type: "button", onclick: () => { dialog.hidden = true; } }, t("cancel"));
  if (refused === "changed_on_disk") {
    dialog.replaceChildren(el("p", {}, t("changedOnDisk")),
      answer.json.mergeable ? el("button", { type: "button", id: "merge", onclick: () => save({ merge: true }) }, t("merge")) : null,
      el("button", { type: "button", id: "reload", onclick: () => { state.dirty = false; location.reload(); } }, t("reload")), close);
  } else if (refused === "unfaithful") {
    dialog.replaceChildren(el("p", {}, t("unfaithful")), el("p", { class: "muted" }, answer.json.reason),
      el("pre", { class: "diff" }, answer.json.diff),
      el("button", { type: "button", id: "rewrite", onclick: () => save({ rewrite: true }) }, t("rewrite")), close);
  } else {
    dialog.replaceChildren(el("p", { class: "message error" }, answer.json.message || JSON.stringify(answer.json)), close);
  }
  dialog.hidden = false;
  dialog.querySelector("button").focus();
}

if (document.body.dataset.page === "overview") overviewPage();
else casePage();
