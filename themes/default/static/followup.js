//! The follow-up calculator in the reader's browser: the same rules as careerpress's
//! src/followup.rs (read from the JSON the build embeds from site.toml), the same wording
//! (its templates come in that JSON too), the query string in and out, and an .ics file made locally. Nothing is sent anywhere.
(function () {
  "use strict";

  // The test suite loads this file under Node.js to check the rules against the Rust
  // ones; there is no window there, and no page to bring to life.
  var inBrowser = typeof window !== "undefined";

  // Two calculators on one page load this file twice; one set of listeners is enough.
  if (inBrowser && window.careerpressFollowup) {
    return;
  }

  var DAY_MS = 86400000;
  // Query-string names of each timeline kind, in the order the form lists them.
  var KINDS = ["within-days", "within-weeks", "within-business-days", "decision-by"];
  // Four-digit years only: what <input type="date"> and YYYY-MM-DD can hold.
  var LAST_DAY = Date.UTC(9999, 11, 31) / DAY_MS;

  // Dates are whole days since 1970-01-01 in UTC, so no time zone or daylight saving
  // change can move them.
  function fromYmd(year, month, day) {
    var d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    return Math.round(d.getTime() / DAY_MS);
  }

  function ymd(day) {
    var d = new Date(day * DAY_MS);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) {
      s = "0" + s;
    }
    return s;
  }

  function isoDate(day) {
    var p = ymd(day);
    return pad(p.year, 4) + "-" + pad(p.month, 2) + "-" + pad(p.day, 2);
  }

  function compactDate(day) {
    return isoDate(day).replace(/-/g, "");
  }

  // Monday is 0, as in the rules' weekend list; 1 January 1970 was a Thursday.
  function weekdayIndex(day) {
    return (((day + 3) % 7) + 7) % 7;
  }

  // Fills `{name}` slots of the wording's templates, as followup::fill does.
  function fill(template, slots) {
    return template.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(slots, name) ? String(slots[name]) : whole;
    });
  }

  // "Wed 15 Jan 2025", as followup::format_date writes it, with its names from the wording.
  function formatDate(words, day) {
    var p = ymd(day);
    return words.weekdays[weekdayIndex(day)] + " " + p.day + " " + words.months[p.month - 1] + " " + pad(p.year, 4);
  }

  function monthLength(year, month) {
    var leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (month === 2) {
      return leap ? 29 : 28;
    }
    return [4, 6, 9, 11].indexOf(month) >= 0 ? 30 : 31;
  }

  // A strict YYYY-MM-DD date, or an error in the same words as careerpress::dates::parse_date.
  function parseIsoDate(words, text) {
    var t = String(text).trim();
    var errors = words.errors;
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(t)) {
      return { error: fill(errors.not_iso_form, { text: JSON.stringify(t) }) };
    }
    var year = Number(t.slice(0, 4));
    var month = Number(t.slice(5, 7));
    var day = Number(t.slice(8, 10));
    if (year < 1) {
      return { error: fill(errors.no_year_zero, { text: t }) };
    }
    if (month < 1 || month > 12) {
      return { error: fill(errors.no_such_month, { text: t, month: month }) };
    }
    var length = monthLength(year, month);
    if (day < 1 || day > length) {
      var slots = { text: t, month_name: words.month_names[month - 1], year: year, length: length };
      return { error: fill(errors.month_length, slots) };
    }
    return { day: fromYmd(year, month, day) };
  }

  function numberWords(words, n) {
    return n >= 0 && n < words.number_words.length ? words.number_words[n] : String(n);
  }

  function days(words, n) {
    return n === 1 ? words.day : words.days;
  }

  function makeRules(data) {
    var holidays = {};
    (data.holidays || []).forEach(function (text) {
      var parsed = parseIsoDate(data.wording, text);
      if (parsed.day !== undefined) {
        holidays[parsed.day] = true;
      }
    });
    return {
      words: data.wording,
      weekend: data.weekend,
      holidays: holidays,
      noTimeline: data.no_timeline_business_days,
      afterDeadline: data.after_deadline_business_days,
      second: data.second_follow_up_business_days,
      maxDays: data.max_timeline_days,
      maxWeeks: data.max_timeline_weeks,
    };
  }

  function isBusinessDay(rules, day) {
    return !rules.weekend[weekdayIndex(day)] && !rules.holidays[day];
  }

  // The k-th business day after `day`, which itself never counts; null past the calendar.
  function addBusinessDays(rules, day, k) {
    if (k > 0 && rules.weekend.every(Boolean)) {
      return null;
    }
    var counted = 0;
    while (counted < k) {
      day += 1;
      if (day > LAST_DAY) {
        return null;
      }
      if (isBusinessDay(rules, day)) {
        counted += 1;
      }
    }
    return day;
  }

  // The same checks, in the same order and words, as followup::check_timeline.
  function checkTimeline(rules, interview, timeline) {
    var errors = rules.words.errors;
    if (timeline.kind === "none") {
      return null;
    }
    if (timeline.kind === "decision-by") {
      if (timeline.date < interview) {
        return fill(errors.decision_before_interview, {
          decision: isoDate(timeline.date),
          interview: isoDate(interview),
        });
      }
      var after = timeline.date - interview;
      if (after > rules.maxDays) {
        return fill(errors.decision_too_far, { days: after, max: rules.maxDays });
      }
      return null;
    }
    var unit = rules.words.units[timeline.kind];
    var max = timeline.kind === "within-weeks" ? rules.maxWeeks : rules.maxDays;
    var n = timeline.n;
    if (n === 0) {
      return fill(errors.zero_timeline, { unit: unit });
    }
    if (n > max) {
      return fill(errors.timeline_too_long, { n: n, unit: unit, max: max });
    }
    return null;
  }

  // followup::plan, step for step. Returns { error } or the dates and the explanation.
  function plan(rules, interview, timeline) {
    var problem = checkTimeline(rules, interview, timeline);
    if (problem) {
      return { error: problem };
    }
    var calendar = function (days) {
      var day = interview + days;
      return day > LAST_DAY ? null : day;
    };
    var deadline = null;
    if (timeline.kind === "within-days") {
      deadline = calendar(timeline.n);
    } else if (timeline.kind === "within-weeks") {
      deadline = calendar(7 * timeline.n);
    } else if (timeline.kind === "within-business-days") {
      deadline = addBusinessDays(rules, interview, timeline.n);
    } else if (timeline.kind === "decision-by") {
      deadline = timeline.date;
    }
    if (timeline.kind !== "none" && deadline === null) {
      return { error: rules.words.errors.out_of_range };
    }
    var thankYou = addBusinessDays(rules, interview, 1);
    var followUp =
      deadline === null
        ? addBusinessDays(rules, interview, rules.noTimeline)
        : addBusinessDays(rules, deadline, rules.afterDeadline);
    var second = followUp === null ? null : addBusinessDays(rules, followUp, rules.second);
    var moveOn = second === null ? null : addBusinessDays(rules, second, rules.second);
    if (thankYou === null || moveOn === null) {
      return { error: rules.words.errors.out_of_range };
    }
    var p = {
      interview: interview,
      deadline: deadline,
      thank_you: thankYou,
      follow_up: followUp,
      second_follow_up: second,
      move_on: moveOn,
    };
    p.explanation = explain(rules, timeline, p);
    return p;
  }

  // followup::explain: the same templates, filled the same way.
  function explain(rules, timeline, p) {
    var words = rules.words;
    var date = function (day) {
      return formatDate(words, day);
    };
    var first;
    if (timeline.kind === "none" || p.deadline === null) {
      var n = rules.noTimeline;
      first = fill(words.no_timeline, {
        n: numberWords(words, n),
        days: days(words, n),
        follow_up: date(p.follow_up),
      });
    } else {
      var after = rules.afterDeadline;
      var ends =
        timeline.kind === "decision-by"
          ? words.decided_by
          : fill(words.timeline_ends[timeline.kind], { n: numberWords(words, timeline.n) });
      first = fill(words.after_deadline, {
        ends: ends,
        deadline: date(p.deadline),
        n: numberWords(words, after),
        days: days(words, after),
        follow_up: date(p.follow_up),
      });
    }
    return fill(words.then, { first: first, second_follow_up: date(p.second_follow_up), move_on: date(p.move_on) });
  }

  // --- The calendar file (RFC 5545) -----------------------------------------------------

  function icsEscape(text) {
    return String(text)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  function utf8Length(ch) {
    var c = ch.codePointAt(0);
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }

  // Lines longer than 75 octets continue on the next line after a space, never inside
  // a UTF-8 character.
  function icsFold(line) {
    var out = [];
    var current = "";
    var octets = 0;
    Array.from(line).forEach(function (ch) {
      var size = utf8Length(ch);
      if (octets + size > 75) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += ch;
      octets += size;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function utcStamp(date) {
    return (
      pad(date.getUTCFullYear(), 4) + pad(date.getUTCMonth() + 1, 2) + pad(date.getUTCDate(), 2) + "T" +
      pad(date.getUTCHours(), 2) + pad(date.getUTCMinutes(), 2) + pad(date.getUTCSeconds(), 2) + "Z"
    );
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    // globalThis, not window: the script also runs under Node (its exported api).
    var webCrypto = typeof globalThis !== "undefined" ? globalThis.crypto : undefined;
    if (webCrypto && webCrypto.getRandomValues) {
      webCrypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    return Array.from(bytes, function (b) {
      return pad(b.toString(16), 2);
    }).join("");
  }

  var EVENT_SUMMARY = "Follow up on your job interview";

  function icsText(p, now) {
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//careerpress//Follow-up calculator//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      "UID:" + randomId() + "-" + compactDate(p.follow_up) + "@careerpress.followup",
      "DTSTAMP:" + utcStamp(now),
      "DTSTART;VALUE=DATE:" + compactDate(p.follow_up),
      "DTEND;VALUE=DATE:" + compactDate(p.follow_up + 1),
      "SUMMARY:" + icsEscape(EVENT_SUMMARY),
      "DESCRIPTION:" + icsEscape(p.explanation),
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:" + icsEscape(EVENT_SUMMARY),
      // 9:00 on the day itself: an all-day event starts at midnight.
      "TRIGGER:PT9H",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
    ];
    return lines.map(icsFold).join("\r\n") + "\r\n";
  }

  function calendarLink(p) {
    var params = new URLSearchParams();
    params.set("action", "TEMPLATE");
    params.set("text", EVENT_SUMMARY);
    params.set("dates", compactDate(p.follow_up) + "/" + compactDate(p.follow_up + 1));
    params.set("details", p.explanation);
    return "https://calendar.google.com/calendar/render?" + params.toString();
  }

  // --- The page -----------------------------------------------------------------------

  // Parameters a shared link picks up on the way that are none of the calculator's business.
  function isTracking(name) {
    return /^utm_/.test(name) || /clid$/.test(name) || name === "ref";
  }

  // The form's state from a query string: { interview, kind, count, decision } as text,
  // and `notes`: what of the link was not used, in words for the reader. A link may come
  // from this script (one timeline), from the form submitted without a script (every
  // timeline field, the unused ones empty) or from a person; none of them breaks the page.
  function stateFromQuery(search) {
    var q = new URLSearchParams(search);
    var state = { interview: (q.get("interview") || "").trim(), kind: "none", count: "", decision: "", notes: [] };
    var given = [];
    var empty = [];
    KINDS.forEach(function (kind) {
      q.getAll(kind).forEach(function (value) {
        (value.trim() ? given : empty).push([kind, value.trim()]);
      });
    });
    // The names the form used before it carried the documented ones; old links still work.
    var legacy = (q.get("timeline") || "").trim();
    if (!given.length && KINDS.indexOf(legacy) >= 0) {
      var value = ((legacy === "decision-by" ? q.get("decision-by") : q.get("count")) || "").trim();
      if (value) {
        given.push([legacy, value]);
      }
    }
    if (given.length) {
      state.kind = given[0][0];
      if (state.kind === "decision-by") {
        state.decision = given[0][1];
      } else {
        state.count = given[0][1];
      }
    }
    if (given.length > 1) {
      var ignored = given.slice(1).map(function (pair) {
        return pair[0] + "=" + pair[1];
      });
      state.notes.push(
        "The link gives more than one timeline; these dates use " + given[0][0] + "=" + given[0][1] +
          " and leave out " + ignored.join(", ") + "."
      );
    } else if (!given.length && empty.length) {
      state.notes.push("The link leaves the timeline empty, so these dates assume they gave none.");
    }
    if (q.has("interview") && !state.interview) {
      state.notes.push("The link gives no interview date, so these dates start from today.");
    }
    var known = ["interview", "timeline", "count"].concat(KINDS);
    var unknown = [];
    q.forEach(function (value, name) {
      if (known.indexOf(name) < 0 && !isTracking(name) && unknown.indexOf(name) < 0) {
        unknown.push(name);
      }
    });
    if (unknown.length) {
      state.notes.push("This calculator does not know " + unknown.join(", ") + ", so the link's " +
        (unknown.length === 1 ? "value for it is" : "values for them are") + " left out.");
    }
    return state;
  }

  function queryFromState(state) {
    var q = new URLSearchParams();
    if (state.interview) {
      q.set("interview", state.interview);
    }
    if (state.kind === "decision-by") {
      q.set("decision-by", state.decision);
    } else if (state.kind !== "none") {
      q.set(state.kind, state.count);
    }
    var text = q.toString();
    return text ? "?" + text : "";
  }

  function todayIso() {
    var now = new Date();
    return pad(now.getFullYear(), 4) + "-" + pad(now.getMonth() + 1, 2) + "-" + pad(now.getDate(), 2);
  }

  // Turns the form's text into a plan, or an error a reader can act on.
  function planFromState(rules, state) {
    if (!state.interview) {
      return { prompt: "Enter your interview date to see when to send a thank-you note and when to follow up." };
    }
    var interview = parseIsoDate(rules.words, state.interview);
    if (interview.error) {
      return { error: "Interview date: " + interview.error + "." };
    }
    var timeline = { kind: state.kind };
    if (state.kind === "decision-by") {
      var decision = parseIsoDate(rules.words, state.decision);
      if (decision.error) {
        return { error: "Decision date: " + decision.error + "." };
      }
      timeline.date = decision.day;
    } else if (state.kind !== "none") {
      if (!/^[0-9]{1,6}$/.test(String(state.count).trim())) {
        return { error: "How many: give a whole number, such as 1 or 5." };
      }
      timeline.n = Number(String(state.count).trim());
    }
    var p = plan(rules, interview.day, timeline);
    if (p.error) {
      return { error: p.error.charAt(0).toUpperCase() + p.error.slice(1) + "." };
    }
    return p;
  }

  var ROWS = [
    ["thank_you", "Thank-you note"],
    ["deadline", "Their deadline"],
    ["follow_up", "Follow up"],
    ["second_follow_up", "Second follow-up"],
    ["move_on", "Move on"],
  ];

  function showResult(root, words, p, notes) {
    var region = root.querySelector("[data-followup-result]");
    var actions = root.querySelector("[data-followup-actions]");
    var children = [];
    (notes || []).forEach(function (text) {
      var note = document.createElement("p");
      note.className = "followup-note";
      note.setAttribute("data-followup-note", "");
      note.textContent = text;
      children.push(note);
    });
    if (p.prompt || p.error) {
      var message = document.createElement("p");
      message.textContent = p.prompt || p.error;
      if (p.error) {
        message.className = "followup-error";
      }
      children.push(message);
    } else {
      var list = document.createElement("dl");
      ROWS.forEach(function (row) {
        var day = p[row[0]];
        if (day === null || day === undefined) {
          return;
        }
        var dt = document.createElement("dt");
        dt.textContent = row[1];
        var dd = document.createElement("dd");
        var time = document.createElement("time");
        time.setAttribute("datetime", isoDate(day));
        time.setAttribute("data-field", row[0]);
        time.textContent = formatDate(words, day);
        dd.appendChild(time);
        list.appendChild(dt);
        list.appendChild(dd);
      });
      var why = document.createElement("p");
      why.className = "followup-why";
      why.setAttribute("data-followup-explanation", "");
      why.textContent = p.explanation;
      children.push(list, why);
    }
    // Replacing the children, never the region itself, keeps the live region announced.
    while (region.firstChild) {
      region.removeChild(region.firstChild);
    }
    children.forEach(function (child) {
      region.appendChild(child);
    });
    var ok = !p.prompt && !p.error;
    actions.hidden = !ok;
    root.currentPlan = ok ? p : null;
    var link = root.querySelector("[data-followup-calendar-link]");
    // target and rel only belong on a link with an href (the HTML checker insists).
    if (ok) {
      link.setAttribute("href", calendarLink(p));
      link.setAttribute("target", "_blank");
      link.setAttribute("rel", "noopener noreferrer");
    } else {
      link.removeAttribute("href");
      link.removeAttribute("target");
      link.removeAttribute("rel");
    }
  }

  // One calculator on the page: its element, its rules, and the parts init wires up.
  function findParts(root, rules) {
    return {
      root: root,
      rules: rules,
      form: root.querySelector("form"),
      syncUrl: root.getAttribute("data-sync-url") === "true",
      pageLink: root.querySelector("[data-followup-page-link]"),
      pageUrl: root.getAttribute("data-page-url") || "",
    };
  }

  function input(calc, name) {
    return calc.root.querySelector('[data-followup-input="' + name + '"]');
  }

  function readForm(calc) {
    var kind = input(calc, "timeline").value;
    var state = { interview: input(calc, "interview").value, kind: kind, count: "", decision: "" };
    if (kind === "decision-by") {
      state.decision = input(calc, kind).value;
    } else if (kind !== "none") {
      state.count = input(calc, kind).value;
    }
    return state;
  }

  function fillForm(calc, state) {
    input(calc, "interview").value = state.interview;
    input(calc, "timeline").value = KINDS.indexOf(state.kind) >= 0 ? state.kind : "none";
    if (state.count && state.kind !== "decision-by" && state.kind !== "none") {
      input(calc, state.kind).value = state.count;
    }
    if (state.decision) {
      input(calc, "decision-by").value = state.decision;
    }
  }

  // Shows only the field the chosen timeline needs, and disables the rest so that the
  // form, submitted, names one timeline; hiding never takes focus away, because the
  // select the reader is on stays visible.
  function showFields(calc, kind) {
    Array.from(calc.root.querySelectorAll("[data-followup-show]")).forEach(function (field) {
      var off = field.getAttribute("data-followup-show").split(" ").indexOf(kind) < 0;
      field.hidden = off;
      Array.from(field.querySelectorAll("input")).forEach(function (element) {
        element.disabled = off;
      });
    });
  }

  function update(calc, fromReader) {
    var state = readForm(calc);
    showFields(calc, state.kind);
    showResult(calc.root, calc.rules.words, planFromState(calc.rules, state));
    var query = queryFromState(state);
    if (calc.syncUrl && fromReader && window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
    }
    if (calc.pageLink && calc.pageUrl) {
      calc.pageLink.setAttribute("href", calc.pageUrl + query);
    }
  }

  // What a link asks for, as the reader will see it: a timeline the rules refuse (a zero,
  // a decision before the interview, text for a number) gives the dates without one and
  // says why, rather than no dates at all. A bad interview date is the one thing no
  // result can stand in for.
  function planFromLink(rules, state) {
    var p = planFromState(rules, state);
    if (p.error && state.kind !== "none" && !planFromState(rules, { interview: state.interview, kind: "none" }).error) {
      var given = state.kind + "=" + (state.kind === "decision-by" ? state.decision : state.count);
      state.notes.push("The link's timeline (" + given + ") cannot be used: " + p.error + " These dates assume they gave none.");
      state.kind = "none";
      state.count = "";
      state.decision = "";
      p = planFromState(rules, state);
    }
    return p;
  }

  // The first result: from the query string on the full page, else for today.
  function showInitial(calc) {
    var initial = calc.syncUrl ? stateFromQuery(window.location.search) : stateFromQuery("");
    if (!initial.interview) {
      initial.interview = todayIso();
    }
    var p = planFromLink(calc.rules, initial);
    fillForm(calc, initial);
    showFields(calc, initial.kind);
    showResult(calc.root, calc.rules.words, p, initial.notes);
    if (calc.pageLink && calc.pageUrl) {
      calc.pageLink.setAttribute("href", calc.pageUrl + queryFromState(initial));
    }
  }

  function downloadIcs(root) {
    var p = root.currentPlan;
    if (!p) {
      return;
    }
    var blob = new Blob([icsText(p, new Date())], { type: "text/calendar;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = "follow-up-" + isoDate(p.follow_up) + ".ics";
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  function listen(calc) {
    var fromReader = function () {
      update(calc, true);
    };
    calc.form.addEventListener("input", fromReader);
    calc.form.addEventListener("change", fromReader);
    // Enter in a field would reload the page; the result is already on screen.
    calc.form.addEventListener("submit", function (event) {
      event.preventDefault();
      update(calc, true);
    });
    calc.root.querySelector("[data-followup-ics]").addEventListener("click", function () {
      downloadIcs(calc.root);
    });
  }

  function init(root) {
    if (root.followupReady) {
      return;
    }
    root.followupReady = true;
    var rules;
    try {
      rules = makeRules(JSON.parse(root.querySelector("[data-followup-rules]").textContent));
    } catch (e) {
      return; // Without rules there is nothing to compute; the table still stands.
    }
    var calc = findParts(root, rules);
    calc.root.querySelector("[data-followup-choice]").hidden = false;
    // With a script the count fields start at 1, so choosing "within a number of weeks"
    // shows dates at once; without one they start empty, so that they are not sent.
    ["within-days", "within-weeks", "within-business-days"].forEach(function (kind) {
      if (!input(calc, kind).value) {
        input(calc, kind).value = "1";
      }
    });
    showInitial(calc);
    listen(calc);
  }

  function start() {
    Array.from(document.querySelectorAll("[data-followup-calculator]")).forEach(init);
  }

  // Exposed for tests and the curious: the pure functions only.
  var api = {
    parseIsoDate: function (rulesData, text) {
      return parseIsoDate(rulesData.wording, text);
    },
    plan: function (rulesData, interviewIso, timeline) {
      var rules = makeRules(rulesData);
      var interview = parseIsoDate(rules.words, interviewIso);
      if (interview.error) {
        return { error: interview.error };
      }
      var t = { kind: timeline.kind, n: timeline.n };
      if (timeline.kind === "decision-by") {
        var decision = parseIsoDate(rules.words, timeline.date);
        if (decision.error) {
          return { error: decision.error };
        }
        t.date = decision.day;
      }
      var p = plan(rules, interview.day, t);
      if (p.error) {
        return p;
      }
      var out = { explanation: p.explanation };
      ROWS.forEach(function (row) {
        out[row[0]] = p[row[0]] === null ? null : isoDate(p[row[0]]);
      });
      return out;
    },
    icsText: function (rulesData, interviewIso) {
      var rules = makeRules(rulesData);
      var p = plan(rules, parseIsoDate(rules.words, interviewIso).day, { kind: "none" });
      return icsText(p, new Date(0));
    },
    icsFold: icsFold,
    icsEscape: icsEscape,
    // What a link's query string asks of the form: { interview, kind, count, decision, notes }.
    stateFromQuery: stateFromQuery,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  }
  if (!inBrowser) {
    return;
  }
  window.careerpressFollowup = api;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
