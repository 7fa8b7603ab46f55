// History: the last 30 days, a small chart of the worst pain, tap a day to edit it.
import { apiAll, OfflineError } from "../api.js";
import { entryStore } from "../db.js";
import { timeZone } from "../profile.js";
import { outboxItems, storeServerEntries } from "../sync.js";
import { addDays, fill, formatDate, h, s, todayIn } from "../ui.js";
import { eventsLink } from "./events.js";
import { weeklyTrendSection } from "./weekly_trend.js";

const DAYS = 30;

function worstPain(entry) {
  return (entry.symptoms ?? []).reduce((max, sym) => Math.max(max, sym.pain ?? 0), 0);
}

function daySummary(entry) {
  const symptoms = entry.symptoms ?? [];
  const places = new Set(symptoms.map((sym) => `${sym.region}|${sym.side}`)).size;
  const bits = [`worst pain ${worstPain(entry)}`, `${places} ${places === 1 ? "place" : "places"}`];
  if (symptoms.some((sym) => sym.numbness)) bits.push("numbness");
  if (symptoms.some((sym) => sym.tingling)) bits.push("tingling");
  if (entry.signs?.length)
    bits.push(`${entry.signs.length} ${entry.signs.length === 1 ? "sign" : "signs"}`);
  return bits.join(" · ");
}

function chart(days) {
  const width = 300;
  const height = 96;
  const bar = width / DAYS;
  const logged = days.filter((d) => d.entry);
  const highest = logged.reduce(
    (best, d) => (!best || worstPain(d.entry) > worstPain(best.entry) ? d : best),
    null,
  );
  const label = logged.length
    ? `Worst pain each day, last ${DAYS} days: ${logged.length} days logged, highest ${worstPain(highest.entry)} on ${formatDate(highest.date)}.`
    : `No days logged in the last ${DAYS} days.`;
  const svg = s("svg", {
    class: "chart",
    viewBox: `0 0 ${width + 24} ${height + 18}`,
    role: "img",
    "aria-label": label,
  });
  for (const value of [0, 5, 10]) {
    const y = height - (value / 10) * (height - 6);
    svg.append(
      s("line", { x1: 22, x2: width + 24, y1: y, y2: y, class: "grid" }),
      s("text", { x: 16, y: y + 4, class: "axis", "text-anchor": "end" }, String(value)),
    );
  }
  // Oldest on the left.
  [...days].reverse().forEach((day, index) => {
    const x = 24 + index * bar;
    if (!day.entry) {
      svg.append(s("circle", { cx: x + bar / 2, cy: height - 2, r: 1.5, class: "missing" }));
      return;
    }
    const pain = worstPain(day.entry);
    const barHeight = Math.max(2, (pain / 10) * (height - 6));
    svg.append(
      s("rect", {
        x: x + 1,
        y: height - barHeight,
        width: bar - 2,
        height: barHeight,
        rx: 1.5,
        class: day.entry.symptoms?.some((sym) => sym.numbness || sym.tingling) ? "bar numb" : "bar",
      }),
    );
  });
  svg.append(
    s(
      "text",
      { x: 24, y: height + 15, class: "axis" },
      formatDate(days[days.length - 1].date),
    ),
    s("text", { x: width + 24, y: height + 15, class: "axis", "text-anchor": "end" }, "today"),
  );
  return svg;
}

export async function render(main) {
  const today = todayIn(timeZone());
  const from = addDays(today, -(DAYS - 1));
  const status = h("p", { class: "subtitle", role: "status" });
  const chartBox = h("div", { class: "chart-box" });
  const list = h("ul", { class: "days", "aria-label": "Days" });
  fill(
    main,
    h("h1", { tabindex: "-1" }, "History"),
    status,
    h(
      "section",
      { class: "card", "aria-labelledby": "chart-h" },
      h("h2", { id: "chart-h" }, "Worst pain each day"),
      chartBox,
      h(
        "p",
        { class: "legend" },
        h("span", {}, h("span", { class: "key bar" }), " pain"),
        h("span", {}, h("span", { class: "key numb" }), " with numbness or tingling"),
        h("span", {}, h("span", { class: "key missing" }), " not logged"),
      ),
    ),
    weeklyTrendSection(),
    eventsLink(),
    list,
  );

  async function draw() {
    const stored = await entryStore.all();
    const waiting = await outboxItems();
    const byDate = new Map();
    for (const entry of stored)
      if (entry.date >= from && entry.date <= today)
        byDate.set(entry.date, { entry, waiting: false });
    for (const item of waiting) {
      if (item.op === "upsert" && item.entry.date >= from)
        byDate.set(item.entry.date, { entry: item.entry, waiting: item.state });
    }
    const days = Array.from({ length: DAYS }, (_, i) => {
      const date = addDays(today, -i);
      return { date, ...(byDate.get(date) ?? {}) };
    });
    fill(chartBox, chart(days));
    fill(
      list,
      ...days.map((day) =>
        h(
          "li",
          {},
          h(
            "a",
            {
              class: `day-row${day.entry ? "" : " empty"}`,
              href: day.date === today ? "#/today" : `#/today/${day.date}`,
            },
            h(
              "span",
              { class: "day-date" },
              day.date === today ? "Today" : formatDate(day.date, { weekday: "short" }),
            ),
            h(
              "span",
              { class: "day-detail" },
              day.entry ? daySummary(day.entry) : "Not logged, tap to add",
            ),
            day.waiting
              ? h(
                  "span",
                  { class: "badge" },
                  day.waiting === "waiting" || day.waiting === "auth"
                    ? "waiting to send"
                    : "needs you",
                )
              : null,
          ),
        ),
      ),
    );
  }

  await draw();
  status.textContent = `Last ${DAYS} days · updating…`;
  (async () => {
    try {
      const fresh = await apiAll(`/api/v1/entries/?from=${from}&to=${today}&page_size=100`);
      const keep = new Set(fresh.map((entry) => entry.id));
      // Entries deleted on the server in this period go from the phone too.
      for (const entry of await entryStore.all()) {
        if (entry.date >= from && entry.date <= today && !keep.has(entry.id))
          await entryStore.delete(entry.id);
      }
      await storeServerEntries(fresh);
      if (!main.isConnected || !list.isConnected) return;
      await draw();
      status.textContent = `Last ${DAYS} days · up to date`;
    } catch (error) {
      status.textContent =
        error instanceof OfflineError
          ? `Last ${DAYS} days · offline: showing what this phone knows`
          : `Could not update: ${error.message}`;
    }
  })();
  return { title: "History" };
}
