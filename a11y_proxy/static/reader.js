/* a11y-proxy reader controls: toolbar, preferences in place, pointer aids, and speech.
 *
 * Progressive: everything the server can do (mode, colour scheme, text size,
 * line spacing) already works without this script, as links in the bar. This
 * script adds the same controls as buttons that act in place, the pointer
 * features (大鼠标, 十字线, 大字幕) and server-side speech (连读, 指读, 语速).
 *
 * Rules it keeps (WCAG 2.2 and the ARIA Authoring Practices):
 * - real <button>s with aria-pressed / aria-expanded; every change is
 *   announced in one polite live region (4.1.3 status messages);
 * - it never moves focus on its own, never plays sound unasked, and speech
 *   is off by default in 无障碍 mode so it cannot talk over a screen reader;
 * - shortcuts come from the server's config and are shown in the help and
 *   in aria-keyshortcuts; Esc stops reading and closes panels.
 */
(function () {
  "use strict";
  var bar = document.getElementById("a11y-proxy-bar");
  if (!bar || bar.getAttribute("data-a11y-ready")) return;
  if (window.self !== window.top) {
    // A portal page shown in a frame of another proxied page (an embedded list,
    // a query system): the page around it has the bar, the skip link and the
    // phone code. Here they would be a second set, acting on the frame alone.
    [bar, document.querySelector(".a11y-proxy-skip"), document.querySelector(".a11y-proxy-qr")]
      .forEach(function (el) { if (el) el.remove(); });
    return;
  }
  bar.setAttribute("data-a11y-ready", "1");
  var cfg;
  try {
    cfg = JSON.parse(bar.getAttribute("data-a11y-reader") || "{}");
  } catch (e) {
    return;
  }
  var html = document.documentElement;
  var PREFS_COOKIE = "a11y_prefs";
  var UI_COOKIE = "a11y_ui";
  var SPEEDS = cfg.speeds || [["normal", "正常"]];
  var SIZE_NAMES = cfg.size_names || {};
  var SPACING_NAMES = cfg.spacing_names || {};
  var actions = {};
  (cfg.actions || []).forEach(function (a) { actions[a.id] = a; });

  // -- cookies: preferences the server applies, and the script's own state --

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) return parts[i].slice(eq + 1);
    }
    return "";
  }
  function writeCookie(name, value, maxAge) {
    document.cookie = name + "=" + value + "; path=/; max-age=" + (maxAge === undefined ? 31536000 : maxAge) +
      "; samesite=lax" + (location.protocol === "https:" ? "; secure" : "");
  }

  var prefs = { theme: cfg.prefs.theme, size: cfg.prefs.size, spacing: cfg.prefs.spacing };
  // a11y_ui = sound~point~cursor~crosshair~caption~pinyin~speed ("-" = the mode's default)
  var UI_KEYS = ["sound", "point", "cursor", "crosshair", "caption", "pinyin", "speed"];
  function defaultUi() {
    return { sound: cfg.mode === "elder" && cfg.speech, point: false, cursor: false, crosshair: false,
      caption: false, pinyin: false, speed: "normal" };
  }
  var ui = defaultUi();
  readCookie(UI_COOKIE).split("~").forEach(function (v, i) {
    var k = UI_KEYS[i];
    if (!k || v === "" || v === "-") return;
    if (k === "speed") { if (SPEEDS.some(function (s) { return s[0] === v; })) ui.speed = v; }
    else ui[k] = v === "1";
  });
  if (!cfg.speech) { ui.sound = false; ui.point = false; }
  function saveUi() {
    writeCookie(UI_COOKIE, UI_KEYS.map(function (k) {
      return k === "speed" ? ui.speed : (ui[k] ? "1" : "0");
    }).join("~"));
  }
  function savePrefs() {
    writeCookie(PREFS_COOKIE, prefs.theme + "~" + prefs.size + "~" + prefs.spacing);
  }

  // Preferences chosen by URL were stored by the server; take them out of the
  // address, so a reload after changing them here does not bring them back.
  if (/[?&]__a11y_/.test(location.search) && history.replaceState) {
    var kept = location.search.slice(1).split("&").filter(function (p) { return p.indexOf("__a11y_") !== 0; });
    history.replaceState(null, "", location.pathname + (kept.length ? "?" + kept.join("&") : "") + location.hash);
  }

  // -- small DOM helpers --

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(action, label, pressed) {
    var a = actions[action] || {};
    var b = el("button", { type: "button", "class": "a11y-tool", "data-action": action });
    b.textContent = label || a.zh || action;
    if (a.key && a.key.code) b.setAttribute("aria-keyshortcuts", ariaKeys(a.key));
    if (pressed !== undefined) b.setAttribute("aria-pressed", pressed ? "true" : "false");
    return b;
  }
  function ariaKeys(k) {
    var name = k.code.replace(/^Key/, "").replace(/^Digit/, "").replace("Backquote", "`").replace("Slash", "/");
    return (k.ctrl ? "Control+" : "") + (k.alt ? "Alt+" : "") + (k.shift ? "Shift+" : "") + (k.meta ? "Meta+" : "") + name;
  }

  // -- the toolbar --

  var live = el("div", { "class": "a11y-live", role: "status", "aria-live": "polite" });
  var liveTimer = 0;
  function announce(message) {
    // Cleared first, so the same message twice is announced twice.
    live.textContent = "";
    clearTimeout(liveTimer);
    liveTimer = setTimeout(function () { live.textContent = message; }, 60);
  }

  var tools = el("div", { "class": "a11y-tools", id: "a11y-tools" });
  var menu = el("button", { type: "button", "class": "a11y-tool a11y-menu-button", "aria-expanded": "false",
    "aria-controls": "a11y-tools-panel" }, "无障碍工具");
  var panel = el("div", { "class": "a11y-tools-panel", id: "a11y-tools-panel" });
  tools.appendChild(menu);
  tools.appendChild(panel);

  function group(label) {
    var g = el("div", { role: "group", "aria-label": label, "class": "a11y-tool-group" });
    panel.appendChild(g);
    return g;
  }

  var speechGroup = group("朗读");
  var soundBtn = button("sound", "声音", ui.sound);
  speechGroup.appendChild(soundBtn);
  var speechControls = el("span", { "class": "a11y-speech-controls" });
  var readBtn = button("continuous", "连读", false);
  var fromTopBtn = button("from_top", "从头读");
  var stopBtn = button("stop", "停止");
  var prevBtn = button("previous", "上一句");
  var nextBtn = button("next", "下一句");
  var pointBtn = button("point", "指读", ui.point);
  var speedBtn = button("speed", "");
  [readBtn, fromTopBtn, stopBtn, prevBtn, nextBtn, pointBtn, speedBtn].forEach(function (b) {
    speechControls.appendChild(b);
  });
  speechGroup.appendChild(speechControls);
  if (!cfg.speech) speechGroup.hidden = true;

  var showGroup = group("显示");
  var schemeBtn = button("scheme", "");
  var biggerBtn = button("bigger", "放大");
  var smallerBtn = button("smaller", "缩小");
  var spacingBtn = button("spacing", "");
  var cursorBtn = button("cursor", "大鼠标", ui.cursor);
  var crossBtn = button("crosshair", "十字线", ui.crosshair);
  var captionBtn = button("caption", "大字幕", ui.caption);
  var pinyinBtn = button("pinyin", "拼音", ui.pinyin);
  [schemeBtn, biggerBtn, smallerBtn, spacingBtn, cursorBtn, crossBtn, captionBtn, pinyinBtn].forEach(function (b) {
    showGroup.appendChild(b);
  });

  var pageGroup = group("页面");
  var textBtn = button("text_mode", cfg.mode === "text" ? "无障碍版" : "纯文本");
  var resetBtn = button("reset", "重置");
  var helpBtn = button("help", "帮助");
  helpBtn.setAttribute("aria-expanded", "false");
  helpBtn.setAttribute("aria-controls", "a11y-help");
  var settingsLink = el("a", { href: "/settings?return=" + encodeURIComponent(location.pathname + location.search),
    "class": "a11y-tool" }, "设置");
  var exitLink = el("a", { href: cfg.original, "class": "a11y-tool", rel: "noopener noreferrer" }, "退出");
  [textBtn, resetBtn, helpBtn, settingsLink, exitLink].forEach(function (b) { pageGroup.appendChild(b); });

  var jumps = el("nav", { "aria-label": "区域跳转", "class": "a11y-tool-group a11y-jumps" });
  panel.appendChild(jumps);

  var help = el("div", { id: "a11y-help", "class": "a11y-help", role: "region", "aria-label": "帮助", tabindex: "-1" });
  help.hidden = true;
  help.appendChild(el("h2", {}, "阅读工具帮助"));
  var list = el("dl");
  (cfg.actions || []).forEach(function (a) {
    list.appendChild(el("dt", {}, a.zh + "(" + a.shown + ")"));
    list.appendChild(el("dd", {}, a.help));
  });
  list.appendChild(el("dt", {}, "停止 / 关闭(Esc)"));
  list.appendChild(el("dd", {}, "停止朗读,关闭打开的面板。"));
  help.appendChild(list);
  help.appendChild(el("p", {}, "读屏软件用户:朗读默认关闭;可用“区域跳转”直达导航、正文和列表。"));

  var audioBox = el("div", { id: "a11y-audio", hidden: "" });
  bar.appendChild(tools);
  bar.appendChild(help);
  bar.appendChild(live);
  bar.appendChild(audioBox);

  var caption = el("div", { "class": "a11y-caption", "aria-hidden": "true" });
  var captionPinyin = el("div", { "class": "a11y-caption-pinyin" });
  var captionText = el("div", { "class": "a11y-caption-text" });
  caption.appendChild(captionPinyin);
  caption.appendChild(captionText);
  var crossH = el("div", { "class": "a11y-cross a11y-cross-h", "aria-hidden": "true" });
  var crossV = el("div", { "class": "a11y-cross a11y-cross-v", "aria-hidden": "true" });
  document.body.appendChild(caption);
  document.body.appendChild(crossH);
  document.body.appendChild(crossV);

  // Region jumps: navigation, main content, the first list of links.
  function ensureId(node, id) {
    if (!node.id) node.id = id;
    return node.id;
  }
  var mainEl = document.querySelector("main, [role=main]");
  var navEl = document.querySelector("body nav:not(.a11y-jumps), [role=navigation]");
  var listEl = mainEl && mainEl.querySelector("ul, ol");
  var qrEl = document.querySelector(".a11y-proxy-qr");
  [[navEl, "a11y-jump-nav", "跳到导航"], [mainEl, "a11y-jump-main", "跳到正文"], [listEl, "a11y-jump-list", "跳到列表"],
    [qrEl, "a11y-jump-qr", "手机扫码"]]
    .forEach(function (j) {
      if (!j[0] || bar.contains(j[0])) return;
      if (!j[0].hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(j[0].tagName)) {
        j[0].setAttribute("tabindex", "-1");
      }
      jumps.appendChild(el("a", { href: "#" + ensureId(j[0], j[1]), "class": "a11y-tool" }, j[2]));
    });

  // -- preferences in place (the same classes and sheets the server writes) --

  function themeName(id) {
    for (var i = 0; i < cfg.themes.length; i++) if (cfg.themes[i][0] === id) return cfg.themes[i][1];
    return id;
  }
  function applyPrefs() {
    var keep = html.className.split(/\s+/).filter(function (c) {
      return c && !/^a11y-(theme|size|spacing)-/.test(c);
    });
    keep.push("a11y-theme-" + prefs.theme);
    if (prefs.size !== 100) keep.push("a11y-size-" + prefs.size);
    if (prefs.spacing) keep.push("a11y-spacing-" + prefs.spacing);
    html.className = keep.join(" ");
    var wanted = prefs.theme === "default" ? null : "/themes/" + prefs.theme + ".css";
    var sheets = [].slice.call(document.querySelectorAll('link[rel=stylesheet][href^="/themes/"]'))
      .filter(function (l) { return l.getAttribute("href") !== "/themes/steps.css"; });
    var have = sheets.filter(function (l) { return l.getAttribute("href") === wanted; })[0];
    function keepOnly(keep) {
      sheets.forEach(function (l) { if (l !== keep && l.parentNode) l.parentNode.removeChild(l); });
      html.setAttribute("data-a11y-theme-loaded", prefs.theme);
    }
    if (!wanted) keepOnly(null);
    else if (have) keepOnly(have);
    else {
      // The new scheme's sheet replaces the old one once it has loaded: no flash of other colours.
      var sheet = el("link", { rel: "stylesheet", href: wanted });
      var theme = prefs.theme;
      sheet.addEventListener("load", function () {
        if (prefs.theme !== theme) return;
        sheets = [].slice.call(document.querySelectorAll('link[rel=stylesheet][href^="/themes/"]'))
          .filter(function (l) { return l.getAttribute("href") !== "/themes/steps.css"; });
        keepOnly(sheet);
      });
      document.head.appendChild(sheet);
    }
    var qr = document.querySelector(".a11y-proxy-qr img");
    if (qr) qr.setAttribute("src", "/qr?url=" + encodeURIComponent(pageAddress()));
    var links = bar.querySelectorAll(".a11y-proxy-settings a");
    for (var j = 0; j < links.length; j++) {
      var m = /__a11y_theme=([^&]*)&__a11y_size=(\d+)&__a11y_spacing=(\d+)/.exec(links[j].getAttribute("href"));
      if (!m) continue;
      var same = m[1] === prefs.theme && +m[2] === prefs.size && +m[3] === prefs.spacing;
      if (same) links[j].setAttribute("aria-current", "true");
      else links[j].removeAttribute("aria-current");
    }
    schemeBtn.textContent = "配色:" + themeName(prefs.theme);
    spacingBtn.textContent = "行距:" + SPACING_NAMES[prefs.spacing];
    biggerBtn.disabled = prefs.size === cfg.sizes[cfg.sizes.length - 1];
    smallerBtn.disabled = prefs.size === cfg.sizes[0];
    undoContrast();
    // Judged once the portal's stylesheets have loaded, not before.
    if (stylesReady) repairContrast();
  }
  function pageAddress() {
    if (prefs.theme === "default" && prefs.size === 100 && !prefs.spacing) return cfg.page;
    return cfg.page + (cfg.page.indexOf("?") < 0 ? "?" : "&") + "__a11y_theme=" + prefs.theme +
      "&__a11y_size=" + prefs.size + "&__a11y_spacing=" + prefs.spacing;
  }
  function cycle(listOf, value) {
    var i = listOf.indexOf(value);
    return listOf[(i + 1) % listOf.length];
  }

  function applyUi() {
    soundBtn.setAttribute("aria-pressed", String(ui.sound));
    speechControls.hidden = !ui.sound;
    pointBtn.setAttribute("aria-pressed", String(ui.point));
    var speedName = SPEEDS.filter(function (s) { return s[0] === ui.speed; })[0][1];
    speedBtn.textContent = "语速:" + speedName;
    cursorBtn.setAttribute("aria-pressed", String(ui.cursor));
    crossBtn.setAttribute("aria-pressed", String(ui.crosshair));
    captionBtn.setAttribute("aria-pressed", String(ui.caption));
    pinyinBtn.setAttribute("aria-pressed", String(ui.pinyin));
    pinyinBtn.hidden = !ui.caption;
    html.classList.toggle("a11y-big-cursor", ui.cursor);
    html.classList.toggle("a11y-crosshair-on", ui.crosshair);
    html.classList.toggle("a11y-caption-on", ui.caption);
    if (!ui.caption) caption.classList.remove("a11y-caption-shown");
  }

  var perform = {
    sound: function () {
      ui.sound = !ui.sound;
      if (!ui.sound) { stopReading(); ui.point = false; }
      return ui.sound ? "声音已打开" : "声音已关闭";
    },
    continuous: function () {
      if (!ui.sound) { ui.sound = true; }
      if (reading.active && !reading.paused) { pauseReading(); return "已暂停"; }
      if (reading.active && reading.paused) { resumeReading(); return "继续朗读"; }
      startReading(startBlock());
      return "开始连读";
    },
    from_top: function () { ui.sound = true; startReading(0); return "从头开始朗读"; },
    stop: function () { stopReading(); return "已停止朗读"; },
    previous: function () { step(-1); return ""; },
    next: function () { step(1); return ""; },
    point: function () {
      ui.point = !ui.point;
      if (ui.point) ui.sound = true;
      return ui.point ? "指读已打开:鼠标停留或键盘聚焦处将被朗读" : "指读已关闭";
    },
    speed: function () {
      var ids = SPEEDS.map(function (s) { return s[0]; });
      ui.speed = cycle(ids, ui.speed);
      if (reading.active) restartAtCurrent();
      return "语速:" + SPEEDS[ids.indexOf(ui.speed)][1];
    },
    scheme: function () {
      prefs.theme = cycle(cfg.themes.map(function (t) { return t[0]; }), prefs.theme);
      savePrefs();
      return "配色:" + themeName(prefs.theme);
    },
    bigger: function () {
      var i = cfg.sizes.indexOf(prefs.size);
      if (i < cfg.sizes.length - 1) prefs.size = cfg.sizes[i + 1];
      savePrefs();
      return "文字大小:" + SIZE_NAMES[prefs.size];
    },
    smaller: function () {
      var i = cfg.sizes.indexOf(prefs.size);
      if (i > 0) prefs.size = cfg.sizes[i - 1];
      savePrefs();
      return "文字大小:" + SIZE_NAMES[prefs.size];
    },
    spacing: function () {
      prefs.spacing = cycle(cfg.spacings, prefs.spacing);
      savePrefs();
      return "行距:" + SPACING_NAMES[prefs.spacing];
    },
    cursor: function () { ui.cursor = !ui.cursor; return ui.cursor ? "大鼠标已打开" : "大鼠标已关闭"; },
    crosshair: function () { ui.crosshair = !ui.crosshair; return ui.crosshair ? "十字线已打开" : "十字线已关闭"; },
    caption: function () { ui.caption = !ui.caption; return ui.caption ? "大字幕已打开" : "大字幕已关闭"; },
    pinyin: function () {
      ui.pinyin = !ui.pinyin;
      if (lastCaption) showCaption(lastCaption);
      return ui.pinyin ? "字幕拼音已打开" : "字幕拼音已关闭";
    },
    text_mode: function () {
      var target = cfg.mode === "text" ? "a11y" : "text";
      location.href = "/" + target + "/" + cfg.original;
      return "";
    },
    reset: function () {
      stopReading();
      prefs = { theme: "default", size: 100, spacing: 0 };
      ui = defaultUi();
      writeCookie(PREFS_COOKIE, "", 0);
      writeCookie(UI_COOKIE, "", 0);
      return "已恢复全部默认设置";
    },
    help: function () {
      var open = help.hidden;
      help.hidden = !open;
      helpBtn.setAttribute("aria-expanded", String(open));
      if (open) help.scrollIntoView({ block: "nearest" });
      return open ? "帮助已打开" : "帮助已关闭";
    }
  };

  function act(name) {
    var message = perform[name]();
    if (name !== "reset") saveUi();
    applyPrefs();
    applyUi();
    if (message) announce(message);
  }

  panel.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-action]");
    if (b && perform[b.getAttribute("data-action")]) act(b.getAttribute("data-action"));
  });
  menu.addEventListener("click", function () {
    var open = menu.getAttribute("aria-expanded") !== "true";
    menu.setAttribute("aria-expanded", String(open));
    tools.classList.toggle("a11y-tools-open", open);
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" || e.key === "Esc") {
      var did = false;
      if (!help.hidden) { help.hidden = true; helpBtn.setAttribute("aria-expanded", "false"); did = true; }
      if (reading.active) { stopReading(); did = true; }
      if (menu.getAttribute("aria-expanded") === "true") { menu.click(); did = true; }
      if (did) announce("已停止朗读并关闭面板");
      return;
    }
    if (!(e.altKey || e.ctrlKey || e.metaKey)) return;
    for (var id in actions) {
      var k = actions[id].key;
      if (!k || !k.code || !perform[id]) continue;
      if (e.code === k.code && e.altKey === !!k.alt && e.ctrlKey === !!k.ctrl &&
          e.shiftKey === !!k.shift && e.metaKey === !!k.meta) {
        e.preventDefault();
        if ((id === "continuous" || id === "point" || id === "sound") && !cfg.speech) return;
        act(id);
        return;
      }
    }
  }, true);

  // -- 十字线 and 大字幕 follow the pointer and the focus --

  document.addEventListener("mousemove", function (e) {
    if (!ui.crosshair) return;
    crossH.style.transform = "translateY(" + (e.clientY - 2) + "px)";
    crossV.style.transform = "translateX(" + (e.clientX - 2) + "px)";
  }, { passive: true });

  var lastCaption = "";
  var pinyinCache = {};
  var pinyinTimer = 0;
  function showCaption(text) {
    lastCaption = text;
    captionText.textContent = text.length > 160 ? text.slice(0, 160) + "…" : text;
    captionPinyin.textContent = "";
    caption.classList.add("a11y-caption-shown");
    if (!ui.pinyin || !cfg.speech) return;
    clearTimeout(pinyinTimer);
    var key = captionText.textContent;
    if (pinyinCache[key] !== undefined) { captionPinyin.textContent = pinyinCache[key]; return; }
    pinyinTimer = setTimeout(function () {
      fetch("/api/speech/preview?text=" + encodeURIComponent(key)).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (data) {
        if (!data) return;
        var out = data.chunks.map(function (c) { return c.pinyin ? toneMarks(c.pinyin) : c.text; }).join("  ");
        pinyinCache[key] = out;
        if (captionText.textContent === key) captionPinyin.textContent = out;
      }).catch(function () {});
    }, 250);
  }

  // "zhong1 guo2" -> "zhōng guó": the mark goes on a or e, on the o of ou,
  // else on the last vowel (Hanyu Pinyin orthography rules).
  var MARKS = { a: "āáǎà", e: "ēéěè", i: "īíǐì", o: "ōóǒò", u: "ūúǔù", "ü": "ǖǘǚǜ" };
  function toneMarks(pinyin) {
    return pinyin.replace(/([a-zv]+)([1-5])/g, function (_, syl, tone) {
      syl = syl.replace(/v/g, "ü");
      var t = +tone;
      if (t === 5) return syl;
      var at = syl.search(/[ae]/);
      if (at < 0) at = syl.indexOf("ou");
      if (at < 0) {
        for (var i = syl.length - 1; i >= 0; i--) if ("iouü".indexOf(syl[i]) >= 0) { at = i; break; }
      }
      if (at < 0) return syl;
      return syl.slice(0, at) + MARKS[syl[at]][t - 1] + syl.slice(at + 1);
    });
  }

  // -- speech: reading order, plan, playback, highlight --

  var BLOCK = /^(P|LI|H[1-6]|TD|TH|CAPTION|DT|DD|BLOCKQUOTE|PRE|FIGCAPTION|SUMMARY|LABEL|LEGEND|BUTTON|A|DIV|SECTION|ARTICLE|HEADER|FOOTER|NAV|MAIN|ASIDE|TABLE|TR|TBODY|THEAD|UL|OL|DL|FORM|FIELDSET|BODY|ADDRESS|OPTION)$/;
  var SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SELECT|TEXTAREA)$/;
  var visibleCache = new Map();

  function isShown(node) {
    if (visibleCache.has(node)) return visibleCache.get(node);
    var shown = true;
    if (node.closest("[aria-hidden=true], [hidden], .a11y-caption, #a11y-proxy-bar")) shown = false;
    else if (node.checkVisibility) shown = node.checkVisibility({ visibilityProperty: true });
    else shown = !!(node.offsetWidth || node.offsetHeight || node.getClientRects().length);
    visibleCache.set(node, shown);
    return shown;
  }
  function blockOf(node) {
    var e = node.nodeType === 1 ? node : node.parentElement;
    // A table cell is one block, even when Word put its text in <p> or <span>:
    // it is read with its headers.
    var cell = e && e.closest("td[data-a11y-speech], th[scope]");
    if (cell) return cell;
    while (e && !BLOCK.test(e.tagName)) e = e.parentElement;
    return e;
  }
  function prefixFor(block) {
    if (/^H[1-6]$/.test(block.tagName)) return "标题:";
    if (block.tagName === "A") return "链接:";
    return "";
  }

  var blocks = null;
  function collectBlocks() {
    visibleCache = new Map();
    var out = [];
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (t) {
        if (!/\S/.test(t.data)) return NodeFilter.FILTER_REJECT;
        var p = t.parentElement;
        if (!p || SKIP.test(p.tagName) || !isShown(p)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var current = null;
    for (var t = walker.nextNode(); t; t = walker.nextNode()) {
      var b = blockOf(t);
      if (!b) continue;
      if (!current || current.el !== b) {
        current = { el: b, nodes: [], text: "" };
        out.push(current);
      }
      current.nodes.push({ node: t, start: current.text.length });
      current.text += t.data;
    }
    out.forEach(function (b) {
      var cellSpeech = b.el.getAttribute && b.el.getAttribute("data-a11y-speech");
      if (cellSpeech && b.nodes.length) {
        // A data cell is read with its headers (the tables pass wrote the spoken form).
        b.speech = cellSpeech.replace(/,/g, ",");
        b.whole = true;
        b.offset = 0;
      } else {
        var prefix = prefixFor(b.el);
        b.speech = prefix + b.text;
        b.offset = prefix.length;
        b.whole = !!prefix;
      }
    });
    return out.filter(function (b) { return /[\w\u3400-\u9fff]/.test(b.text); });
  }

  var reading = { active: false, paused: false, queue: [], index: -1, planned: 0, audio: null, pointOnly: false,
    token: 0 };

  function planFrom(blockIndex, limitChars, oneBlock) {
    var texts = [], chosen = [], size = 0;
    for (var i = blockIndex; i < blocks.length; i++) {
      if (chosen.length && (size + blocks[i].speech.length > limitChars)) break;
      chosen.push(blocks[i]);
      texts.push(blocks[i].speech);
      size += blocks[i].speech.length;
      if (oneBlock) break;
    }
    if (!chosen.length) return Promise.resolve([]);
    return fetch("/api/speech/plan", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ texts: texts, speed: ui.speed })
    }).then(function (r) {
      if (!r.ok) throw new Error("plan " + r.status);
      return r.json();
    }).then(function (data) {
      var items = [];
      data.items.forEach(function (chunks, j) {
        chunks.forEach(function (c) {
          items.push({ block: chosen[j], start: c.start, end: c.end, audio: c.audio });
        });
      });
      reading.planned = blockIndex + chosen.length;
      return items;
    });
  }

  function rangeFor(item) {
    var b = item.block;
    if (b.whole || !window.Range) return null;
    var start = Math.max(0, item.start - b.offset);
    var end = Math.max(start, item.end - b.offset);
    var range = document.createRange();
    var set = 0;
    for (var i = 0; i < b.nodes.length; i++) {
      var n = b.nodes[i], len = n.node.data.length;
      if (!(set & 1) && start <= n.start + len) { range.setStart(n.node, Math.min(len, start - n.start)); set |= 1; }
      if ((set & 1) && end <= n.start + len) { range.setEnd(n.node, Math.min(len, end - n.start)); set |= 2; break; }
    }
    return set === 3 ? range : null;
  }

  var highlighted = null;
  function highlight(item) {
    clearHighlight();
    if (!item) return;
    var b = item.block.el;
    b.classList.add("a11y-reading-block");
    highlighted = b;
    var range = rangeFor(item);
    if (range && window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("a11y-reading", new Highlight(range));
    } else {
      b.classList.add("a11y-reading-whole");
    }
    var box = b.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      var reduce = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
      b.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    }
    if (ui.caption) showCaption((range ? range.toString() : item.block.text).trim());
  }
  function clearHighlight() {
    if (highlighted) highlighted.classList.remove("a11y-reading-block", "a11y-reading-whole");
    highlighted = null;
    if (window.CSS && CSS.highlights) CSS.highlights.delete("a11y-reading");
  }

  function audioFor(item) {
    if (!item.el) {
      item.el = el("audio", { preload: "auto", src: item.audio });
      audioBox.appendChild(item.el);
    }
    return item.el;
  }
  function dropAudio(item) {
    if (item && item.el) {
      item.el.pause();
      item.el.removeAttribute("src");
      if (item.el.parentNode) item.el.parentNode.removeChild(item.el);
      item.el = null;
    }
  }

  function playAt(i) {
    var token = reading.token;
    if (i < 0) i = 0;
    if (i >= reading.queue.length) {
      if (!reading.pointOnly && reading.planned < blocks.length) {
        planFrom(reading.planned, 3000).then(function (items) {
          if (token !== reading.token) return;
          if (!items.length) return finish();
          reading.queue = reading.queue.concat(items);
          playAt(i);
        }).catch(speechFailed);
        return;
      }
      return finish();
    }
    if (reading.queue[reading.index] && reading.index !== i) dropAudio(reading.queue[reading.index]);
    reading.index = i;
    var item = reading.queue[i];
    var audio = audioFor(item);
    reading.audio = audio;
    highlight(item);
    audio.onended = function () { if (token === reading.token && !reading.paused) playAt(i + 1); };
    audio.onerror = function () { if (token === reading.token) speechFailed(); };
    var started = audio.play();
    if (started && started.catch) started.catch(function (err) {
      if (token === reading.token && err && err.name !== "AbortError") speechFailed();
    });
    // The next sentence is fetched while this one plays: no gap between them.
    var next = reading.queue[i + 1];
    if (next) audioFor(next);
    else if (!reading.pointOnly && reading.planned < blocks.length) {
      planFrom(reading.planned, 3000).then(function (items) {
        if (token !== reading.token) return;
        reading.queue = reading.queue.concat(items);
        if (items[0]) audioFor(items[0]);
      }).catch(function () {});
    }
  }

  function speechFailed() {
    stopReading();
    announce("朗读暂时不可用,请稍后再试");
  }
  function finish() {
    stopReading();
    announce("朗读结束");
  }

  var pickedBlock = null;
  document.addEventListener("click", function (e) {
    if (bar.contains(e.target)) return;
    pickedBlock = blockOf(e.target);
  }, true);
  document.addEventListener("focusin", function (e) {
    if (bar.contains(e.target)) return;
    pickedBlock = blockOf(e.target);
  });

  function startBlock() {
    blocks = collectBlocks();
    if (pickedBlock) {
      for (var i = 0; i < blocks.length; i++) {
        if (blocks[i].el === pickedBlock || pickedBlock.contains(blocks[i].el) || blocks[i].el.contains(pickedBlock)) return i;
      }
    }
    var main = document.querySelector("main, [role=main]");
    if (main) {
      for (var j = 0; j < blocks.length; j++) if (main.contains(blocks[j].el)) return j;
    }
    return 0;
  }

  function startReading(fromIndex, oneBlock) {
    stopReading();
    if (!blocks) blocks = collectBlocks();
    var token = ++reading.token;
    reading.active = true;
    reading.paused = false;
    reading.pointOnly = !!oneBlock;
    reading.queue = [];
    reading.index = -1;
    html.classList.add("a11y-speaking");
    readBtn.setAttribute("aria-pressed", "true");
    planFrom(fromIndex, oneBlock ? 100000 : 1500, oneBlock).then(function (items) {
      if (token !== reading.token) return;
      reading.queue = items;
      playAt(0);
    }).catch(speechFailed);
  }
  function pauseReading() {
    reading.paused = true;
    if (reading.audio) reading.audio.pause();
    readBtn.setAttribute("aria-pressed", "false");
  }
  function resumeReading() {
    reading.paused = false;
    readBtn.setAttribute("aria-pressed", "true");
    if (reading.audio) reading.audio.play();
  }
  function stopReading() {
    reading.token++;
    reading.queue.forEach(dropAudio);
    reading.active = false;
    reading.paused = false;
    reading.queue = [];
    reading.index = -1;
    reading.audio = null;
    clearHighlight();
    html.classList.remove("a11y-speaking");
    readBtn.setAttribute("aria-pressed", "false");
  }
  function step(delta) {
    if (!reading.active) return;
    var i = reading.index + delta;
    if (i < 0) i = 0;
    reading.paused = false;
    readBtn.setAttribute("aria-pressed", "true");
    var current = reading.queue[reading.index];
    if (current && current.el) current.el.pause();
    playAt(i);
  }
  function restartAtCurrent() {
    var item = reading.queue[reading.index];
    if (!item || !blocks) return;
    var at = blocks.indexOf(item.block);
    startReading(at < 0 ? 0 : at, reading.pointOnly);
  }

  // 指读: what the pointer rests on, or what gets the keyboard focus, after a
  // short delay (so sweeping the mouse across the page does not chatter).
  var pointTimer = 0;
  function pointAt(target, delay) {
    clearTimeout(pointTimer);
    if (bar.contains(target) || caption.contains(target)) return;
    var b = blockOf(target);
    if (!b || b === document.body) return;
    if (ui.caption) {
      var text = (b.getAttribute("data-a11y-speech") || b.textContent || "").replace(/\s+/g, " ").trim();
      if (text) showCaption(text);
    }
    if (!ui.point || !ui.sound) return;
    pointTimer = setTimeout(function () {
      blocks = collectBlocks();
      for (var i = 0; i < blocks.length; i++) {
        if (blocks[i].el === b) { startReading(i, true); return; }
      }
    }, delay);
  }
  // Only a pointer the reader moves counts: the browser also sends mouseover
  // when the page scrolls under a resting pointer (as keyboard focus moves),
  // and that must not take over from what the keyboard just focused.
  var lastMove = 0, lastFocus = 0;
  document.addEventListener("mousemove", function () { lastMove = Date.now(); }, { passive: true, capture: true });
  document.addEventListener("mouseover", function (e) {
    var target = e.target;
    // mousemove follows mouseover when the pointer really moves in: decide a moment later.
    setTimeout(function () {
      var now = Date.now();
      if (now - lastMove > 300 || now - lastFocus < 800) return;
      pointAt(target, 450);
    }, 40);
  }, { passive: true });
  var lastPress = 0;
  document.addEventListener("pointerdown", function () { lastPress = Date.now(); }, { passive: true, capture: true });
  document.addEventListener("focusin", function (e) {
    if (Date.now() - lastPress < 500 || bar.contains(e.target)) return;  // focus by a click: the pointer leads
    lastFocus = Date.now();
    pointAt(e.target, 250);
  });

  // Printing: links show the original address they lead to.
  window.addEventListener("beforeprint", function () {
    var links = document.querySelectorAll("body a[href]");
    for (var i = 0; i < links.length; i++) {
      var m = /^\/(a11y|elder|text)\/(https?:\/\/.*)$/.exec(links[i].getAttribute("href"));
      if (m) {
        try { links[i].setAttribute("data-a11y-print-href", decodeURI(m[2])); }
        catch (err) { links[i].setAttribute("data-a11y-print-href", m[2]); }
      }
    }
  });

  // -- 无障碍 mode: text colours the portal set too faint are made readable --
  //
  // WCAG 1.4.3 asks 4.5:1 (3:1 for large text). The server cannot see the
  // colours a portal's stylesheets produce in the end; the browser can. Only
  // in 无障碍 mode with the default scheme (the other schemes and modes set all
  // colours themselves): each text colour below the ratio against its
  // background is moved toward black or white, the least change that reaches
  // it. Elements over a background image are left alone (their contrast is
  // unknown). The repairs are undone when the reader picks a scheme.
  var repaired = [];
  function rgb(text) {
    var m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(text || "");
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  }
  function luminance(c) {
    var v = [c[0], c[1], c[2]].map(function (x) {
      x /= 255;
      return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function ratio(a, b) {
    var x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  function backgroundOf(node) {
    // The nearest opaque background colour; a background image on the element
    // itself makes the contrast unknown (text over a picture), one further up
    // is usually a border, corner or icon and does not cover the text.
    for (var e = node; e && e.nodeType === 1; e = e.parentElement) {
      var cs = getComputedStyle(e);
      if (e === node && cs.backgroundImage && cs.backgroundImage !== "none") return null;
      var c = rgb(cs.backgroundColor);
      if (c && c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  }
  function toward(fg, target, bg, need) {
    for (var t = 0.05; t <= 1.0001; t += 0.05) {
      var c = [0, 1, 2].map(function (i) { return Math.round(fg[i] + (target[i] - fg[i]) * t); });
      if (ratio(c, bg) >= need) return c;
    }
    return null;
  }
  function repairContrast() {
    if (cfg.mode !== "a11y" || prefs.theme !== "default" || !window.getComputedStyle) return;
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    var seen = new Set();
    for (var t = walker.nextNode(); t; t = walker.nextNode()) {
      var e = t.parentElement;
      if (!e || seen.has(e) || !/\S/.test(t.data) || bar.contains(e) || e.closest(".a11y-caption")) continue;
      seen.add(e);
      var cs = getComputedStyle(e);
      var fg = rgb(cs.color);
      var bg = backgroundOf(e);
      if (!fg || !bg || cs.visibility === "hidden") continue;
      var size = parseFloat(cs.fontSize);
      var large = size >= 24 || (size >= 18.66 && +cs.fontWeight >= 700);
      var need = (large ? 3 : 4.5) + 0.05;
      if (ratio(fg, bg) >= need) continue;
      var darker = luminance(fg) <= luminance(bg);
      var fixed = toward(fg, darker ? [0, 0, 0] : [255, 255, 255], bg, need) ||
        toward(fg, darker ? [255, 255, 255] : [0, 0, 0], bg, need);
      if (!fixed) continue;
      e.style.setProperty("color", "rgb(" + fixed.join(",") + ")", "important");
      e.setAttribute("data-a11y-contrast", "repaired");
      repaired.push(e);
    }
  }
  function undoContrast() {
    repaired.forEach(function (e) {
      e.style.removeProperty("color");
      e.removeAttribute("data-a11y-contrast");
    });
    repaired = [];
  }
  var stylesReady = document.readyState === "complete";
  if (!stylesReady) {
    window.addEventListener("load", function () {
      stylesReady = true;
      repairContrast();
    });
  }

  applyPrefs();
  applyUi();
  html.classList.add("a11y-reader-ready");
})();
