// Today: log a day (or edit one from History) with as few taps as possible.
//
// A typical day is: tap the places that hurt on the body map (each comes in at pain 5
// with its controls in the dock at the bottom), tick a sign, tap the shoes, Save. A
// returning day is "Same as yesterday", a place tapped to adjust its pain, Save.
//
// This module loads the day and puts the page together; the day's data and how it
// changes are in ../today/state.js, each card in its own module under ../today/, and the
// save sequence in ../today/save.js.
import { api } from "../api.js";
import { entryStore } from "../db.js";
import { heldForOthers } from "../local_data.js";
import { timeZone } from "../profile.js";
import { onOutboxChange, outboxItemForDate } from "../sync.js";
import { fill, formatDate, h, newId, toast, todayIn } from "../ui.js";
import { adviceSection } from "../today/advice.js";
import { activitySection, footwearSection, sleepAndNotesSection } from "../today/details.js";
import { draftDates, draftOf, dropDraft, keepDraft } from "../today/drafts.js";
import { placeEditor } from "../today/editor.js";
import { medicationsSection } from "../today/medications.js";
import {
  draftNotice,
  heldNotice,
  otherDraftsNotice,
  showOutboxNotice,
} from "../today/notice.js";
import { placesSection } from "../today/places.js";
import { medicationsOnPhone, medicationsWithServer } from "../today/remembered.js";
import { saveButton } from "../today/save.js";
import { signsSection } from "../today/signs.js";
import { dayState, defaultPart } from "../today/state.js";
import { weeklyDueCard } from "../today/weekly_due.js";
import { sameAsYesterday } from "../today/yesterday.js";
import { eventsLink } from "./events.js";

/**
 * `copied`: the page shows again after "Same as yesterday" (it says so, instead of
 * calling the copy a draft from earlier).
 */
export async function render(main, { date: requestedDate, copied = false } = {}) {
  const today = todayIn(timeZone());
  const date = requestedDate && requestedDate <= today ? requestedDate : today;
  const isToday = date === today;

  let item = await outboxItemForDate(date);
  // Unsaved changes are kept as a draft on the phone, and the page says when it opens one.
  const { state, fromDraft } = dayState({
    date,
    draft: draftOf(date),
    queued: item?.entry,
    stored: (await entryStore.byDate(date))[0],
    newId,
  });
  if (!fromDraft) dropDraft(date);
  const heldCount = new Set((await heldForOthers()).map((held) => held.entry?.date)).size;

  const heading = h(
    "h1",
    { tabindex: "-1" },
    isToday ? "Today" : formatDate(date, { weekday: "long" }),
  );
  // What every section shares: the day's state, and what to do when it changes.
  const day = {
    date,
    state,
    main,
    dirty: fromDraft,
    changed() {
      day.dirty = true;
      keepDraft(state);
      // The advice follows every mark, before Save.
      advice.refresh({ byPerson: true });
      yesterday.refresh();
    },
    markSaved() {
      day.dirty = false;
      dropDraft(date);
    },
    forgetDraft: () => dropDraft(date),
    isShown: () => heading.isConnected,
    reopen: (options = {}) => render(main, { date, ...options }),
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
    onRemove: (sym) => places.removePlace(sym),
    onResize: dockResized,
  });
  const signs = signsSection(day);
  const places = placesSection(day, {
    part: defaultPart(state),
    editor,
    onChange: () => signs.refresh(),
  });
  const medications = medicationsSection(day);
  const yesterday = sameAsYesterday(day, {
    onCopied: () => day.reopen({ copied: true }),
  });

  const notice = h("div", { class: "notice-slot" });
  async function refreshNotice() {
    item = await outboxItemForDate(date);
    showOutboxNotice(notice, day, item);
  }
  // Drafts of other days, and days another account left: named at the top, never hidden.
  const elsewhere = h("div", { class: "notice-slot" });
  function showElsewhere() {
    fill(
      elsewhere,
      heldNotice(heldCount),
      otherDraftsNotice(
        draftDates().filter((other) => other !== date),
        {
          today,
          onDiscard: (other) => {
            dropDraft(other);
            toast(`Changes to ${formatDate(other)} discarded`);
            showElsewhere();
          },
        },
      ),
    );
  }
  let topLine = null;
  if (copied)
    topLine = h(
      "p",
      { class: "notice copied-notice", role: "status" },
      "Copied from yesterday. Tap a place to change it, then Save.",
    );
  else if (fromDraft) topLine = draftNotice(day);
  dock.append(
    advice.bar,
    editor.element,
    h(
      "div",
      { class: "save-row" },
      saveButton(day, { signs, medications, editor, refreshNotice }),
    ),
  );

  fill(
    main,
    heading,
    h(
      "p",
      { class: "subtitle" },
      isToday
        ? formatDate(date, { weekday: "long" })
        : h("a", { href: "#/today" }, "Back to today"),
    ),
    elsewhere,
    topLine,
    yesterday.element,
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
  showElsewhere();
  showOutboxNotice(notice, day, item);
  advice.refresh();
  requestAnimationFrame(() => {
    dockResized();
    // The copy is on the map: bring it into sight, one tap from adjusting a place.
    if (copied) places.element.querySelector(".map-holder")?.scrollIntoView({ block: "start" });
  });
  advice.load().catch(() => {});
  yesterday.offer().catch(() => {});
  offerMedications(day, medications);
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

/** The medications used before: the phone's at once, then the server's (a new phone). */
function offerMedications(day, medications) {
  const offer = (list) => {
    if (day.isShown()) medications.offer(list);
  };
  medicationsOnPhone()
    .then(offer)
    .then(() => (navigator.onLine ? medicationsWithServer(day.date).then(offer) : null))
    .catch(() => {});
}
