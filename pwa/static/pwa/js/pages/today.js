// Today: log a day (or edit one from History) with as few taps as possible.
//
// A typical day is: tap the places that hurt on the body map (each comes in at pain 5
// with its controls in the dock at the bottom), tick a sign, tap the shoes, Save.
//
// This module loads the day and puts the page together; the day's data and how it
// changes are in ../today/state.js, each card in its own module under ../today/, and the
// save sequence in ../today/save.js.
import { api } from "../api.js";
import { entryStore } from "../db.js";
import { rememberMedications, rememberedMedications, timeZone } from "../profile.js";
import { onOutboxChange, outboxItemForDate } from "../sync.js";
import { fill, formatDate, h, hourIn, newId, todayIn } from "../ui.js";
import { adviceSection } from "../today/advice.js";
import { activitySection, footwearSection, sleepAndNotesSection } from "../today/details.js";
import { placeEditor } from "../today/editor.js";
import { medicationsSection } from "../today/medications.js";
import { showOutboxNotice } from "../today/notice.js";
import { placesSection } from "../today/places.js";
import { saveButton } from "../today/save.js";
import { signsSection } from "../today/signs.js";
import { dayState, defaultPart } from "../today/state.js";
import { weeklyDueCard } from "../today/weekly_due.js";
import { eventsLink } from "./events.js";

// Drafts survive moving to another page and back (not a reload: Save is one tap).
const drafts = new Map();

async function offerLatestMedications() {
  if (rememberedMedications().length) return;
  // A new phone: offer the medications of the latest day that had some.
  const latest = (await entryStore.all())
    .filter((entry) => entry.medications.length)
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  if (latest) rememberMedications(latest.medications);
}

export async function render(main, { date: requestedDate } = {}) {
  const today = todayIn(timeZone());
  const date = requestedDate && requestedDate <= today ? requestedDate : today;
  const isToday = date === today;

  let item = await outboxItemForDate(date);
  const state = dayState({
    date,
    draft: drafts.get(date),
    queued: item?.entry,
    stored: (await entryStore.byDate(date))[0],
    newId,
  });
  await offerLatestMedications();

  const heading = h(
    "h1",
    { tabindex: "-1" },
    isToday ? "Today" : formatDate(date, { weekday: "long", month: "long" }),
  );
  // What every section shares: the day's state, and what to do when it changes.
  const day = {
    date,
    state,
    main,
    dirty: drafts.has(date),
    changed() {
      day.dirty = true;
      drafts.set(date, state);
      // The advice follows every mark, before Save.
      advice.refresh({ byPerson: true });
    },
    markSaved() {
      day.dirty = false;
      drafts.delete(date);
    },
    forgetDraft: () => drafts.delete(date),
    isShown: () => heading.isConnected,
    reopen: () => render(main, { date }),
  };

  const advice = adviceSection(day, { onResize: dockResized });
  const dock = h("div", { class: "dock" });
  function dockResized() {
    // On the root, so the toast can sit above the dock too.
    document.documentElement.style.setProperty(
      "--dock-height",
      `${dock.isConnected ? dock.offsetHeight : 0}px`,
    );
  }
  const editor = placeEditor(day, {
    onChange: () => places.refresh(),
    onRemove: (sym) => places.tapPlace(sym.region, sym.side),
    onResize: dockResized,
  });
  const signs = signsSection(day);
  const places = placesSection(day, {
    part: defaultPart(state, { isToday, hour: hourIn(timeZone()) }),
    editor,
    onChange: () => signs.refresh(),
  });
  const medications = medicationsSection(day);

  const notice = h("div", { class: "notice-slot" });
  async function refreshNotice() {
    item = await outboxItemForDate(date);
    showOutboxNotice(notice, day, item);
  }
  dock.append(
    advice.bar,
    editor.element,
    h("div", { class: "save-row" }, saveButton(day, { signs, editor, refreshNotice })),
  );

  fill(
    main,
    heading,
    h(
      "p",
      { class: "subtitle" },
      isToday
        ? formatDate(date, { weekday: "long", month: "long" })
        : h("a", { href: "#/today" }, "Back to today"),
    ),
    notice,
    isToday ? weeklyDueCard() : null,
    advice.element,
    places.element,
    signs.element,
    footwearSection(day),
    activitySection(day),
    medications.element,
    sleepAndNotesSection(day),
    eventsLink(),
    dock,
  );
  main.classList.add("has-dock");
  // Moving on to the rest of the day puts the place controls away: the room is needed.
  for (const section of main.querySelectorAll("section.card:not(:first-of-type)")) {
    // "click", not pointerdown or focus: the dock must not change size under a finger.
    section.addEventListener("click", () => {
      if (editor.editing) editor.close();
    });
  }
  places.drawMap();
  places.refresh();
  signs.refresh();
  medications.refresh();
  showOutboxNotice(notice, day, item);
  advice.refresh();
  requestAnimationFrame(dockResized);
  advice.load().catch(() => {});
  // A sync may bring the days before (from another device): screen again with them.
  const stopListening = onOutboxChange(() => advice.load().catch(() => {}));

  // Learn about an entry made on another device for this day, so an edit keeps its id.
  if (!item && state.version === undefined && navigator.onLine) {
    api(`/api/v1/entries/?from=${date}&to=${date}`)
      .then(async (page) => {
        const found = page.results.find((e) => e.date === date);
        if (!found || !main.isConnected) return;
        await entryStore.putMany([found]);
        if (!day.dirty && day.isShown()) await day.reopen();
        else {
          state.id = found.id;
          state.version = found.version;
        }
      })
      .catch(() => {});
  }

  return {
    title: isToday ? "Today" : `Edit ${formatDate(date)}`,
    leave: () => {
      stopListening();
      main.classList.remove("has-dock");
      document.documentElement.style.setProperty("--dock-height", "0px");
    },
  };
}
