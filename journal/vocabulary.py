"""The journal's vocabulary (domain.md): codes, labels and the groups the rules use.

Pure Python on purpose: the API, the database constraints, the pattern rules, the PDF and
the PWA all read their codes from here, so a code can never mean one thing in one layer
and another elsewhere. Nothing in this module may import Django.
"""

from __future__ import annotations

from typing import Final

LEFT: Final = "left"
RIGHT: Final = "right"
CENTER: Final = "center"
SIDES: Final = (LEFT, RIGHT, CENTER)
LEG_SIDES: Final = (LEFT, RIGHT)

# code -> (label, allowed sides, nerve territory as printed in the report legend)
REGIONS: Final[dict[str, tuple[str, tuple[str, ...], str]]] = {
    "lower_back": ("Lower back", (LEFT, RIGHT, CENTER), "lumbar spine"),
    "buttock": ("Buttock", LEG_SIDES, "L5 or S1 (sciatic)"),
    "thigh_back": ("Back of thigh", LEG_SIDES, "L5 or S1 (sciatic)"),
    "thigh_front": ("Front of thigh", LEG_SIDES, "L2–L4 (femoral)"),
    "thigh_outer": ("Outer thigh", LEG_SIDES, "L5, or the lateral femoral cutaneous nerve"),
    "knee": ("Knee", LEG_SIDES, "L4"),
    "shin_inner": ("Inner shin", LEG_SIDES, "L4 (saphenous)"),
    "shin_outer": ("Outer shin", LEG_SIDES, "L5 (superficial peroneal)"),
    "calf": ("Calf", LEG_SIDES, "S1"),
    "ankle_inner": ("Inner ankle", LEG_SIDES, "L4 / tibial (tarsal tunnel)"),
    "ankle_outer": ("Outer ankle", LEG_SIDES, "S1 / sural"),
    "foot_top": ("Top of foot", LEG_SIDES, "L5 / superficial peroneal"),
    "big_toe": ("Big toe", LEG_SIDES, "L5 / deep peroneal"),
    "foot_outer": ("Outer edge of foot, little toe", LEG_SIDES, "S1 / sural"),
    "sole": ("Sole", LEG_SIDES, "S1 / tibial"),
    "heel": ("Heel", LEG_SIDES, "S1"),
    "forefoot": (
        "Ball of the foot, toes 2 to 4",
        LEG_SIDES,
        "none: local (interdigital nerve, metatarsals)",
    ),
    # Either side or the middle: numbness on one side of the saddle, or of the genitals
    # alone, is as much a red flag as numbness of the whole area (GIRFT 2023).
    "saddle": ("Saddle area or genitals", (LEFT, RIGHT, CENTER), "S2–S4"),
}
REGION_CODES: Final = tuple(REGIONS)


def region_label(code: str) -> str:
    return REGIONS[code][0]


def region_sides(code: str) -> tuple[str, ...]:
    return REGIONS[code][1]


# Where the saddle region is described in full, for the phone and the report.
SADDLE_DESCRIPTION: Final = (
    "between the legs, the inner buttocks, around the back passage, the genitals"
)

FOOT_REGIONS: Final = frozenset(
    {"ankle_inner", "ankle_outer", "foot_top", "big_toe", "foot_outer", "sole", "heel", "forefoot"}
)
# Shin and calf: below the knee, above the ankle.
LOWER_LEG_REGIONS: Final = frozenset({"shin_inner", "shin_outer", "calf"})
BELOW_KNEE_REGIONS: Final = LOWER_LEG_REGIONS | FOOT_REGIONS
# At or above the knee: the upper half of a radicular route.
KNEE_AND_ABOVE_REGIONS: Final = frozenset(
    {"buttock", "thigh_back", "thigh_front", "thigh_outer", "knee"}
)
LEG_REGIONS: Final = frozenset(REGION_CODES) - {"lower_back", "saddle"}

# Rules version 2 (domain.md): the knee and below-knee territories only, anchored on the
# ISNCSCI key sensory points (L4 medial malleolus, L5 dorsum of the foot, S1 lateral
# heel). Buttock and thighs are shared by several roots or nerves and never pick one;
# the forefoot is local.
ROOT_TERRITORIES: Final[dict[str, frozenset[str]]] = {
    "L4": frozenset({"knee", "shin_inner", "ankle_inner"}),
    "L5": frozenset({"shin_outer", "foot_top", "big_toe"}),
    "S1": frozenset({"calf", "ankle_outer", "foot_outer", "sole", "heel"}),
    "S2-S4": frozenset({"saddle"}),
}

PARTS_OF_DAY: Final = ("morning", "afternoon", "evening", "night")

QUALITIES: Final = (
    "aching",
    "burning",
    "shooting",
    "stabbing",
    "electric",
    "cramping",
    "throbbing",
)

PAIN_MIN: Final = 0
PAIN_MAX: Final = 10

# code -> (patient-facing label, sided)
SIGNS: Final[dict[str, tuple[str, bool]]] = {
    "foot_lift_difficulty": ("Foot won't lift, or slaps when walking", True),
    "tripping": ("Tripped or caught the toes", True),
    "toe_stand_difficulty": ("Can't stand on tiptoe", True),
    "knee_buckling": ("Knee gave way", True),
    "leg_weakness": ("Leg feels weak", True),
    "bladder_change": ("New trouble passing urine, or leaking", False),
    "bowel_change": ("New loss of bowel control", False),
    "sexual_function_change": (
        "New loss of sexual function (erection, ejaculation, orgasm)",
        False,
    ),
    "fever": ("A temperature, or feeling feverish or shivery", False),
    "night_pain": ("Pain at night that rest or changing position does not ease", False),
    "weight_loss": ("Losing weight without trying", False),
}
SIGN_CODES: Final = tuple(SIGNS)
SIDED_SIGNS: Final = frozenset(code for code, (_, sided) in SIGNS.items() if sided)
WEAKNESS_SIGNS: Final = frozenset(
    {"foot_lift_difficulty", "toe_stand_difficulty", "knee_buckling", "leg_weakness"}
)
# Foot-lift and toe-stand weakness on both sides is a cauda equina red flag; a knee that
# gives way or a leg that feels weak, on both sides, is more often the knees or general
# weakness and is a warning (rules.md, version 2).
DISTAL_WEAKNESS_SIGNS: Final = frozenset({"foot_lift_difficulty", "toe_stand_difficulty"})
BLADDER_BOWEL_SIGNS: Final = frozenset({"bladder_change", "bowel_change"})
SEXUAL_FUNCTION_SIGNS: Final = frozenset({"sexual_function_change"})
CAUDA_EQUINA_SIGNS: Final = BLADDER_BOWEL_SIGNS | SEXUAL_FUNCTION_SIGNS
SERIOUS_PATHOLOGY_SIGNS: Final = frozenset({"fever", "night_pain", "weight_loss"})

FOOTWEAR: Final[dict[str, str]] = {
    "regular": "Regular shoes",
    "high_heels": "High heels",
    "tight_boots": "Tight boots",
    "flat_unsupportive": "Flat, unsupportive shoes",
    "athletic": "Trainers",
    "barefoot": "Barefoot",
}
FOOTWEAR_CODES: Final = tuple(FOOTWEAR)
CONSTRICTING_FOOTWEAR: Final = frozenset({"high_heels", "tight_boots"})

EVENT_KINDS: Final[dict[str, str]] = {
    "trauma": "Injury or fall",
    "hip_surgery": "Hip surgery",
    "back_surgery": "Back surgery",
    "injection": "Injection",
    "other": "Other",
}
EVENT_SITES: Final[dict[str, str]] = {
    "hip": "Hip",
    "lower_back": "Lower back",
    "buttock": "Buttock",
    "knee": "Knee",
    "ankle": "Ankle",
    "foot": "Foot",
    "other": "Other",
}

# The profile's health history (domain.md): the patient's own answer, optional.
HEALTH_HISTORY: Final[dict[str, str]] = {
    "cancer": "Cancer, now or in the past",
    "immunosuppression": "A weakened immune system, or long-term steroid tablets",
    "osteoporosis": "Osteoporosis (thin bones)",
    "diabetes": "Diabetes",
}
HEALTH_HISTORY_CODES: Final = tuple(HEALTH_HISTORY)
# "Prefer not to say" is a real answer: stored alone, never asked again.
PREFER_NOT_TO_SAY: Final = "prefer_not_to_say"

SITTING_HOURS_MAX: Final = 24
WALKING_MINUTES_MAX: Final = 1440
SLEEP_QUALITY_MAX: Final = 10
NOTES_MAX_LENGTH: Final = 2000

# Flags (rules.md): severity from most to least pressing.
SEVERITIES: Final = ("urgent", "prompt", "see_specialist", "monitor")
