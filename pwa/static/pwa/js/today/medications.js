// "Medications": one-tap chips for the ones used before, the ones taken today with how
// many times, and a name and dose to add another. What is typed is part of the day as
// soon as it is typed (state.typedMedication): Save adds it, a draft keeps it.
import { fill, h } from "../ui.js";
import { card, stepper } from "./controls.js";
import { addMedication, changeTimes, medicationLabel, medicationsToOffer } from "./state.js";

export function medicationsSection(day) {
  const { state } = day;
  const box = h("div", {});
  let remembered = [];
  const changed = () => {
    day.changed();
    refresh();
  };

  function offered() {
    const offer = medicationsToOffer(remembered, state.medications);
    if (!offer.length) return null;
    return h(
      "div",
      { class: "chips", role: "group", "aria-label": "Medications you used before" },
      offer.map((med) =>
        h(
          "button",
          {
            type: "button",
            class: "chip",
            onclick: () => {
              addMedication(state, med);
              changed();
            },
          },
          `+ ${medicationLabel(med)}`,
        ),
      ),
    );
  }

  function taken() {
    return h(
      "ul",
      { class: "meds", "aria-label": "Medications taken" },
      state.medications.map((med, index) =>
        h(
          "li",
          { class: "med" },
          h("span", { class: "med-name" }, medicationLabel(med)),
          stepper({
            label: `Times taken: ${med.name}`,
            value: `× ${med.times ?? 1}`,
            fewer: `${med.name}: one fewer`,
            more: `${med.name}: one more`,
            onStep: (delta) => {
              changeTimes(state, index, delta);
              changed();
            },
          }),
        ),
      ),
    );
  }

  // Built once: a refresh (a chip tapped, the server's list arriving) must not take the
  // field from under a finger that is typing.
  const typed = state.typedMedication ?? { name: "", dose: "" };
  const nameInput = h("input", {
    id: "med-name",
    autocomplete: "off",
    maxlength: 100,
    value: typed.name,
  });
  const doseInput = h("input", {
    id: "med-dose",
    autocomplete: "off",
    maxlength: 50,
    placeholder: "e.g. 400 mg",
    value: typed.dose,
  });
  const keepTyping = () => {
    state.typedMedication = { name: nameInput.value, dose: doseInput.value };
    day.changed();
  };
  nameInput.addEventListener("input", keepTyping);
  doseInput.addEventListener("input", keepTyping);
  const addTyped = () => {
    if (!nameInput.value.trim()) {
      nameInput.focus();
      return;
    }
    addMedication(state, { name: nameInput.value.trim(), dose: doseInput.value.trim() });
    state.typedMedication = null;
    nameInput.value = "";
    doseInput.value = "";
    changed();
    nameInput.focus();
  };
  doseInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      addTyped();
    }
  });
  const listed = h("div", {});
  box.append(
    listed,
    h(
      "div",
      { class: "two-col" },
      h("div", { class: "field" }, h("label", { for: "med-name" }, "Medication"), nameInput),
      h("div", { class: "field" }, h("label", { for: "med-dose" }, "Dose"), doseInput),
    ),
    h("button", { type: "button", class: "secondary", onclick: addTyped }, "Add medication"),
  );

  /** The chips and the list; the typed fields follow the state (Save may have taken them). */
  function refresh() {
    fill(listed, offered(), taken());
    const typedNow = state.typedMedication ?? { name: "", dose: "" };
    if (nameInput.value !== typedNow.name) nameInput.value = typedNow.name;
    if (doseInput.value !== typedNow.dose) doseInput.value = typedNow.dose;
  }

  /** The chips to offer: the medications the patient used before. */
  function offer(medications) {
    remembered = medications;
    refresh();
  }

  function focusName() {
    nameInput.scrollIntoView({ block: "center" });
    nameInput.focus({ preventScroll: true });
  }

  const element = card("meds-h", "Medications", box);
  return { element, refresh, offer, focusName };
}
