// "Medications": one-tap chips for the ones used before, the ones taken today with how
// many times, and a name and dose to add another.
import { rememberedMedications } from "../profile.js";
import { fill, h } from "../ui.js";
import { card, stepper } from "./controls.js";
import { addMedication, changeTimes, medicationLabel, medicationsToOffer } from "./state.js";

export function medicationsSection(day) {
  const { state } = day;
  const box = h("div", {});
  const changed = () => {
    day.changed();
    refresh();
  };

  function offered() {
    const remembered = medicationsToOffer(rememberedMedications(), state.medications);
    if (!remembered.length) return null;
    return h(
      "div",
      { class: "chips", role: "group", "aria-label": "Medications you used before" },
      remembered.map((med) =>
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

  function refresh() {
    const nameInput = h("input", { id: "med-name", autocomplete: "off", maxlength: 100 });
    const doseInput = h("input", {
      id: "med-dose",
      autocomplete: "off",
      maxlength: 50,
      placeholder: "e.g. 400 mg",
    });
    const addTyped = () => {
      if (!nameInput.value.trim()) {
        nameInput.focus();
        return;
      }
      addMedication(state, { name: nameInput.value.trim(), dose: doseInput.value.trim() });
      changed();
      box.querySelector("#med-name")?.focus();
    };
    doseInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        addTyped();
      }
    });
    fill(
      box,
      offered(),
      taken(),
      h(
        "div",
        { class: "two-col" },
        h("div", { class: "field" }, h("label", { for: "med-name" }, "Medication"), nameInput),
        h("div", { class: "field" }, h("label", { for: "med-dose" }, "Dose"), doseInput),
      ),
      h("button", { type: "button", class: "secondary", onclick: addTyped }, "Add medication"),
    );
  }

  const element = card("meds-h", "Medications", box);
  return { element, refresh };
}
