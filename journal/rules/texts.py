"""What each flag says to the patient: two to four short sentences, then the reminder.

Written for a patient to read and a clinician to agree with: what the journal shows, what
this pattern can point to, what to do. Always "this pattern", never "you have". Each
explanation ends with `NOT_A_DIAGNOSIS`, the same sentence every time, so the PWA and the
PDF can rely on it being there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Final, TypeAlias

from journal.rules import catalogue as c

_Body: TypeAlias = Callable[[str | None, str], str]

NOT_A_DIAGNOSIS: Final = "This journal records what you logged; it does not make a diagnosis."

# The signs that mean emergency care now, in plain words (rules.md, "Explanations";
# GIRFT 2023 cauda equina pathway). The urgent text names them; the sciatica, root,
# bilateral and claudication texts end with them as a safety net.
EMERGENCY_SIGNS: Final = (
    "numbness between the legs, on one side or both, around the back passage or the "
    "genitals; new trouble passing or holding urine or stool; or weakness in both legs"
)
SAFETY_NET: Final = f"Seek emergency care at once if you notice {EMERGENCY_SIGNS}."
TODAY: Final = "Contact a doctor or an urgent care service today."
# The variant of `bilateral_foot_numbness` when both legs show nerve-root patterns.
BOTH_LEGS_ROOT_PATTERNS: Final = "both_legs_root_patterns"

_ROOT_AREAS: Final = {
    c.L4_PATTERN: ("L4", "knee, inner shin, inner ankle", "the knee giving way"),
    c.L5_PATTERN: ("L5", "outer shin, top of the foot, big toe", "difficulty lifting the foot"),
    c.S1_PATTERN: (
        "S1",
        "calf, outer ankle, outer edge of the foot, sole, heel",
        "difficulty standing on tiptoe",
    ),
}

# What each red-flag criterion (red_flags.py) is, in a patient's words.
_RED_FLAG_WORDS: Final = {
    "saddle": "numbness or tingling between the legs, around the back passage or the genitals",
    "bladder_bowel": "a new change in passing or holding urine or stool, with back or leg symptoms",
    "sexual": "a new loss of sexual function with pain or numbness running down a leg",
    "distal_weakness": "weakness lifting the foot or standing on tiptoe in both legs",
    "progressive_weakness": "weakness in both legs that is getting worse",
    "bilateral_sciatica_weakness": "nerve pain or numbness down both legs, with weakness in both",
}
_WARNING_WORDS: Final = {
    "bladder_bowel": "a new change in passing or holding urine or stool",
    "sexual": "a new loss of sexual function",
    "weakness_both_sides": "weakness in both legs",
}
_SERIOUS_WORDS: Final = {
    "fever": "a temperature alongside back pain",
    "night_pain": "pain at night that rest does not ease",
    "weight_loss": "weight loss without trying",
    "cancer": "back pain in someone who has had cancer",
    "after_procedure": "a temperature or weakness after back surgery or a back injection",
}


def _leg(side: str | None) -> str:
    return f"{side} leg" if side else "legs"


def _foot(side: str | None) -> str:
    return f"{side} foot" if side else "feet"


def listed(codes: str, words: Mapping[str, str]) -> str:
    """'a, b and c' from a variant's comma-separated criteria."""
    parts = [words[code] for code in codes.split(",") if code in words]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


@functools.cache
def explanation(code: str, side: str | None, variant: str = "") -> str:
    """The patient-facing explanation of a flag, worded for its side and variant."""
    return f"{_BODY[code](side, variant)} {NOT_A_DIAGNOSIS}"


# The screen's two texts with the logged signs left open, so the phone can word its
# offline advice exactly as the server does (red_flags.screen_definition).
RED_FLAG_TEMPLATE: Final = (
    "Seek emergency care now: go to an emergency department or call your local "
    "emergency number. You logged {logged}. "
    "This pattern of signs can mean that the nerves at the bottom of the spine, which "
    "control the bladder, bowel, sex organs and legs, are being squeezed (cauda equina "
    "syndrome), "
    f"and the signs to act on are {EMERGENCY_SIGNS}. "
    "Treatment within hours can save those nerves, so do not wait to see whether it "
    "passes. " + NOT_A_DIAGNOSIS
)
WARNING_TEMPLATE: Final = (
    f"{TODAY} You logged {{logged}}. "
    "On its own this pattern is more often caused by something other than the spine, "
    "but a doctor should check it today, because together with back or leg symptoms it "
    f"can be an emergency. {SAFETY_NET} " + NOT_A_DIAGNOSIS
)
RED_FLAG_WORDS: Final = _RED_FLAG_WORDS
WARNING_WORDS: Final = _WARNING_WORDS


def _without_reminder(text: str) -> str:
    return text.removesuffix(" " + NOT_A_DIAGNOSIS)


def _cauda_equina(_: str | None, variant: str) -> str:
    logged = listed(variant, _RED_FLAG_WORDS) or "signs that need emergency care"
    return _without_reminder(RED_FLAG_TEMPLATE.format(logged=logged))


def _cauda_equina_warning(_: str | None, variant: str) -> str:
    logged = listed(variant, _WARNING_WORDS) or "a change worth checking"
    return _without_reminder(WARNING_TEMPLATE.format(logged=logged))


def _bilateral_sciatica(_: str | None, __: str) -> str:
    return (
        "The journal shows pain, numbness or tingling running down both legs on several "
        f"days. {TODAY} "
        "This pattern, sciatica in both legs, is less common than in one and can come from "
        "a large disc pressing on several nerve roots, which a doctor should examine soon. "
        f"{SAFETY_NET}"
    )


def _progressive_weakness(side: str | None, __: str) -> str:
    return (
        f"The journal shows weakness in the {_leg(side)} on more days, and more kinds of it, "
        f"recently than at first. {TODAY} "
        "This pattern, weakness that is getting worse, can mean a nerve is being pressed "
        f"harder, and a doctor should test your strength soon. {SAFETY_NET}"
    )


def _foot_drop(side: str | None, __: str) -> str:
    return (
        f"The journal shows trouble lifting the {_foot(side)} or catching the toes when "
        f"walking. {TODAY} "
        "This pattern, called foot drop, often comes from a pressed L5 nerve root in the "
        "lower back, sometimes L4 or S1, or from the peroneal nerve near the knee, and it "
        f"is easier to treat when it is seen early. {SAFETY_NET}"
    )


def _serious_pathology(_: str | None, variant: str) -> str:
    logged = listed(variant, _SERIOUS_WORDS) or "signs worth checking"
    return (
        f"{TODAY} The journal shows back or leg symptoms together with {logged}. "
        "Most back pain is not serious, but this pattern of signs can come from an "
        "infection, a fracture or another illness of the spine, which a doctor should rule "
        f"out soon. {SAFETY_NET}"
    )


def _sciatica(side: str | None, __: str) -> str:
    return (
        f"The journal shows symptoms running down the {_leg(side)} below the knee, with "
        "numbness, tingling, weakness or shooting pain on several of those days. "
        "This pattern is typical of sciatica, which usually comes from a nerve root in the "
        "lower back being pressed, for example by a disc. "
        f"Bring this report to your doctor or a spine specialist. {SAFETY_NET}"
    )


def _root(code: str) -> _Body:
    root, area, weakness = _ROOT_AREAS[code]

    def body(side: str | None, __: str) -> str:
        return (
            f"The journal shows symptoms in the {_leg(side)} along the area the {root} nerve "
            f"root serves ({area}), with numbness, tingling or {weakness} on several days. "
            f"This pattern is often seen when the {root} nerve root in the lower back is "
            "irritated. "
            "Bring this report to a spine specialist, who can test the strength, feeling and "
            f"reflexes that belong to this root. {SAFETY_NET}"
        )

    return body


def _footwear(side: str | None, __: str) -> str:
    return (
        f"The journal shows more pain in the {_foot(side)} or ankle on days in high heels "
        "or tight boots than on other days. "
        "Tight or high shoes can press on nerves around the ankle and foot, such as the "
        "peroneal or sural nerve, and this pattern can be mistaken for a problem in the spine. "
        "Try roomier, lower shoes for a while, keep logging, and show this report to your "
        "doctor or a foot specialist."
    )


def _post_trauma(side: str | None, __: str) -> str:
    return (
        f"The journal shows numbness, tingling or weakness in the {_leg(side)} on several "
        "days after an injury to the hip, lower back, knee or ankle. "
        "An injury can damage or pinch a nerve on its way down the leg, and this pattern is "
        "worth having checked. "
        "Bring this report, with the date of the injury, to your doctor or a specialist."
    )


def _post_procedure(side: str | None, __: str) -> str:
    return (
        f"The journal shows numbness, tingling or weakness in the {_leg(side)} on several "
        "days after hip surgery or an injection near the hip or buttock. "
        "The sciatic nerve runs close to the hip and buttock, and this pattern can be seen "
        "when it was irritated during a procedure. "
        "Tell the team who did the procedure, or your doctor, and bring this report."
    )


def _claudication(_: str | None, __: str) -> str:
    return (
        "The journal shows leg pain that comes on when walking and eases when sitting or "
        "bending forward, but not when standing still, on several days. "
        "This pattern is typical of a narrowed spinal canal in the lower back (lumbar "
        "spinal stenosis). "
        f"Bring this report to a spine specialist or your doctor. {SAFETY_NET}"
    )


def _vascular_claudication(_: str | None, __: str) -> str:
    return (
        "The journal shows calf pain that comes on when walking and eases when you stand "
        "still, without needing to sit, on several days. "
        "This pattern is more often caused by narrowed arteries in the legs than by the "
        "spine, and a doctor can check the pulses in your feet. "
        f"Bring this report to your doctor. {SAFETY_NET}"
    )


def _local_foot(side: str | None, __: str) -> str:
    return (
        f"The journal shows numbness or tingling in the {_foot(side)} only, with nothing "
        "above the ankle on those days. "
        "This pattern can come from a nerve trapped near the ankle or in the foot (tarsal "
        "tunnel, a Morton's neuroma, the sural or peroneal branches, tight shoes) as well "
        "as from the spine. "
        "Keep logging and mention it at your next appointment."
    )


def _bilateral_feet(_: str | None, variant: str) -> str:
    if variant == BOTH_LEGS_ROOT_PATTERNS:
        cause = (
            "Both legs also show patterns that follow nerve roots from the lower back, so "
            "the spine may explain the feet too, and a specialist should look at both."
        )
    elif variant == "diabetes":
        cause = (
            "Your health history lists diabetes, and this pattern is very often caused "
            "by diabetes affecting the nerves of the feet, more often than by the spine; "
            "low vitamin B12 can do the same."
        )
    else:
        cause = (
            "This pattern is more often caused by a condition of the nerves throughout the "
            "body, such as diabetes or low vitamin B12, than by a pinched nerve root."
        )
    return (
        "The journal shows numbness or tingling in both feet on the same days. "
        f"{cause} "
        "Ask your doctor for a check, which often starts with simple blood tests. "
        f"{SAFETY_NET}"
    )


def _bilateral_legs(_: str | None, __: str) -> str:
    return (
        "The journal shows symptoms in both legs on several days. "
        "This pattern can come from the spine, for example a narrowed spinal canal, or "
        "from other causes, and is worth mentioning to your doctor. "
        f"{SAFETY_NET}"
    )


def _worsening(_: str | None, __: str) -> str:
    return (
        "The journal shows leg or foot symptoms getting steadily worse over recent days. "
        "This pattern deserves a specialist's attention soon, whatever its cause. "
        f"Contact your doctor or spine specialist. {SAFETY_NET}"
    )


_BODY: Final[dict[str, _Body]] = {
    c.CAUDA_EQUINA_RED_FLAG: _cauda_equina,
    c.CAUDA_EQUINA_WARNING: _cauda_equina_warning,
    c.BILATERAL_SCIATICA: _bilateral_sciatica,
    c.PROGRESSIVE_WEAKNESS: _progressive_weakness,
    c.FOOT_DROP: _foot_drop,
    c.SERIOUS_PATHOLOGY_WARNING: _serious_pathology,
    c.SCIATICA: _sciatica,
    c.L4_PATTERN: _root(c.L4_PATTERN),
    c.L5_PATTERN: _root(c.L5_PATTERN),
    c.S1_PATTERN: _root(c.S1_PATTERN),
    c.FOOTWEAR_NERVE_COMPRESSION: _footwear,
    c.POST_TRAUMA_NERVE_INJURY: _post_trauma,
    c.POST_PROCEDURE_SCIATIC_NEUROPATHY: _post_procedure,
    c.NEUROGENIC_CLAUDICATION: _claudication,
    c.VASCULAR_CLAUDICATION_PATTERN: _vascular_claudication,
    c.LOCAL_FOOT_NERVE_PATTERN: _local_foot,
    c.BILATERAL_FOOT_NUMBNESS: _bilateral_feet,
    c.BILATERAL_LEG_SYMPTOMS: _bilateral_legs,
    c.WORSENING: _worsening,
}
