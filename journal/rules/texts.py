"""What each flag says to the patient: two to four short sentences, then the reminder.

Written for a patient to read and a clinician to agree with: what the journal shows, what
this pattern can point to, what to do. Always "this pattern", never "you have". Each
explanation ends with `NOT_A_DIAGNOSIS`, the same sentence every time, so the PWA and the
PDF can rely on it being there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final, TypeAlias

from journal.rules import catalogue as c

_Body: TypeAlias = Callable[[str | None], str]

NOT_A_DIAGNOSIS: Final = "This journal records what you logged; it does not make a diagnosis."

_ROOT_AREAS: Final = {
    c.L4_PATTERN: ("L4", "front of the thigh, knee, inner shin", "the knee giving way"),
    c.L5_PATTERN: (
        "L5",
        "outer thigh, outer shin, top of the foot, big toe",
        "difficulty lifting the foot",
    ),
    c.S1_PATTERN: (
        "S1",
        "buttock, back of the thigh, calf, heel, sole, outer edge of the foot",
        "difficulty standing on tiptoe",
    ),
}


def _leg(side: str | None) -> str:
    return f"{side} leg" if side else "legs"


def _foot(side: str | None) -> str:
    return f"{side} foot" if side else "feet"


@functools.cache
def explanation(code: str, side: str | None) -> str:
    """The patient-facing explanation of a flag, worded for its side."""
    return f"{_BODY[code](side)} {NOT_A_DIAGNOSIS}"


def _cauda_equina(_: str | None) -> str:
    return (
        "Seek emergency care now: go to an emergency department or call your local "
        "emergency number. "
        "This pattern (numbness between the legs, a new bladder, bowel or sexual change "
        "alongside back or leg symptoms, or weakness in both legs) can mean that the nerves "
        "at the bottom of the spine, which control the bladder, bowel and legs, are being "
        "squeezed (cauda equina syndrome). "
        "Treatment within hours, often surgery, can save those nerves, so do not wait to "
        "see whether it passes."
    )


def _foot_drop(side: str | None) -> str:
    return (
        f"The journal shows trouble lifting the {_foot(side)} or catching the toes when "
        "walking. "
        "This pattern, called foot drop, often comes from a pressed L5 nerve root in the "
        "lower back, sometimes L4 or S1, or from the peroneal nerve near the knee. "
        "Contact a spine specialist or your doctor within the next few days, and get "
        "emergency care if both legs weaken or bladder or bowel control changes."
    )


def _sciatica(side: str | None) -> str:
    return (
        f"The journal shows symptoms mostly in the {_leg(side)}, reaching below the knee, "
        "with numbness, tingling or weakness on several of those days. "
        "This pattern is typical of sciatica, which usually comes from a nerve root in the "
        "lower back being pressed, for example by a disc. "
        "Bring this report to your doctor or a spine specialist."
    )


def _root(code: str) -> _Body:
    root, area, weakness = _ROOT_AREAS[code]

    def body(side: str | None) -> str:
        return (
            f"The journal shows symptoms in the {_leg(side)} along the area the {root} nerve "
            f"root serves ({area}), with numbness, tingling or {weakness} on several days. "
            f"This pattern is often seen when the {root} nerve root in the lower back is "
            "irritated. "
            "Bring this report to a spine specialist, who can test the strength, feeling and "
            "reflexes that belong to this root."
        )

    return body


def _footwear(side: str | None) -> str:
    return (
        f"The journal shows more pain in the {_foot(side)} or ankle on days in high heels "
        "or tight boots than on other days. "
        "Tight or high shoes can press on nerves around the ankle and foot, such as the "
        "peroneal or sural nerve, and this pattern can be mistaken for a problem in the spine. "
        "Try roomier, lower shoes for a while, keep logging, and show this report to your "
        "doctor or a foot specialist."
    )


def _post_trauma(side: str | None) -> str:
    return (
        f"The journal shows symptoms in the {_foot(side)} on several days after an injury "
        "to the hip, lower back, knee or ankle. "
        "An injury can damage or pinch a nerve on its way to the foot, and this pattern is "
        "worth having checked. "
        "Bring this report, with the date of the injury, to your doctor or a specialist."
    )


def _post_procedure(side: str | None) -> str:
    return (
        f"The journal shows symptoms in the {_leg(side)} on several days after hip surgery "
        "or an injection near the hip or buttock. "
        "The sciatic nerve runs close to the hip and buttock, and this pattern can be seen "
        "when it was irritated or injured during a procedure. "
        "Tell the team who did the procedure, or your doctor, and bring this report."
    )


def _claudication(_: str | None) -> str:
    return (
        "The journal shows leg pain that comes on when walking and eases when sitting or "
        "bending forward, on several days. "
        "This pattern is typical of a narrowed spinal canal in the lower back (lumbar "
        "spinal stenosis), although poor blood flow to the legs can feel similar. "
        "Bring this report to a spine specialist or your doctor."
    )


def _local_foot(side: str | None) -> str:
    return (
        f"The journal shows numbness or tingling in the {_foot(side)} only, with nothing "
        "above the ankle on those days. "
        "This pattern can come from a nerve trapped near the ankle or in the foot (tarsal "
        "tunnel, the sural or peroneal branches, tight shoes) as well as from the spine. "
        "Keep logging and mention it at your next appointment."
    )


def _bilateral_feet(_: str | None) -> str:
    return (
        "The journal shows numbness or tingling in both feet on the same days. "
        "This pattern is more often caused by a condition of the nerves throughout the "
        "body, such as diabetes or low vitamin B12, than by a pinched nerve root. "
        "Ask your doctor for a check, which often starts with simple blood tests."
    )


def _bilateral_legs(_: str | None) -> str:
    return (
        "The journal shows symptoms in both legs on several days. "
        "This pattern can come from the spine, for example a narrowed spinal canal, or "
        "from other causes, and is worth mentioning to your doctor. "
        "Get emergency care at once if both legs become weak or bladder or bowel control "
        "changes."
    )


def _worsening(_: str | None) -> str:
    return (
        "The journal shows leg or foot symptoms getting steadily worse over recent days. "
        "This pattern deserves a specialist's attention soon, whatever its cause. "
        "Contact your doctor or spine specialist, and get emergency care if weakness, "
        "numbness between the legs, or bladder or bowel changes appear."
    )


_BODY: Final[dict[str, _Body]] = {
    c.CAUDA_EQUINA_RED_FLAG: _cauda_equina,
    c.FOOT_DROP: _foot_drop,
    c.SCIATICA: _sciatica,
    c.L4_PATTERN: _root(c.L4_PATTERN),
    c.L5_PATTERN: _root(c.L5_PATTERN),
    c.S1_PATTERN: _root(c.S1_PATTERN),
    c.FOOTWEAR_NERVE_COMPRESSION: _footwear,
    c.POST_TRAUMA_NERVE_INJURY: _post_trauma,
    c.POST_PROCEDURE_SCIATIC_NEUROPATHY: _post_procedure,
    c.NEUROGENIC_CLAUDICATION: _claudication,
    c.LOCAL_FOOT_NERVE_PATTERN: _local_foot,
    c.BILATERAL_FOOT_NUMBNESS: _bilateral_feet,
    c.BILATERAL_LEG_SYMPTOMS: _bilateral_legs,
    c.WORSENING: _worsening,
}
