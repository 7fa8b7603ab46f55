// The urgent red flag (rules.md, cauda_equina_red_flag), checked on the phone when the
// server cannot answer in time: nobody logging saddle numbness offline should wait for
// signal. The server's check stays the one that counts; this one only decides whether to
// show the emergency advice before the server's answer.
//
// Plain data in, a boolean out: no DOM, no vocabulary module. The rules come in as one
// object, so that the sign sets and thresholds can come from the server as JSON.

/** The rules the phone checks, from the vocabulary the shell carries. */
export function redFlagRules(vocabulary) {
  return {
    // Numbness or tingling here is urgent on its own.
    saddle_region: "saddle",
    // A bladder, bowel or sexual function change, urgent with a symptom that day …
    cauda_equina_signs: vocabulary.cauda_equina_signs,
    // … a symptom being pain at least this, numbness or tingling.
    symptom_min_pain: 3,
    // Any of these on the left and any on the right the same day.
    weakness_signs: ["foot_lift_difficulty", "leg_weakness"],
  };
}

/** Whether an entry (as the API takes it) meets the urgent red-flag rule. */
export function isUrgent(entry, rules) {
  const symptomatic = (sym) => sym.pain >= rules.symptom_min_pain || sym.numbness || sym.tingling;
  if (
    entry.symptoms.some(
      (sym) => sym.region === rules.saddle_region && (sym.numbness || sym.tingling),
    )
  )
    return true;
  const autonomic = new Set(rules.cauda_equina_signs);
  if (entry.signs.some((sign) => autonomic.has(sign.code)) && entry.symptoms.some(symptomatic))
    return true;
  const weakness = new Set(rules.weakness_signs);
  const weakSides = new Set(
    entry.signs.filter((sign) => weakness.has(sign.code)).map((sign) => sign.side),
  );
  return weakSides.has("left") && weakSides.has("right");
}
