"""The flag codes, their severities and their patient-facing titles (rules.md, "The rules").

The API, the PDF and the PWA read titles and severities from here; the codes are stable
API values and the flag storage keys on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from journal.vocabulary import SEVERITIES

CAUDA_EQUINA_RED_FLAG: Final = "cauda_equina_red_flag"
CAUDA_EQUINA_WARNING: Final = "cauda_equina_warning"
BILATERAL_SCIATICA: Final = "bilateral_sciatica"
PROGRESSIVE_WEAKNESS: Final = "progressive_weakness"
FOOT_DROP: Final = "foot_drop"
SERIOUS_PATHOLOGY_WARNING: Final = "serious_pathology_warning"
SCIATICA: Final = "sciatica"
L4_PATTERN: Final = "l4_pattern"
L5_PATTERN: Final = "l5_pattern"
S1_PATTERN: Final = "s1_pattern"
FOOTWEAR_NERVE_COMPRESSION: Final = "footwear_nerve_compression"
POST_TRAUMA_NERVE_INJURY: Final = "post_trauma_nerve_injury"
POST_PROCEDURE_SCIATIC_NEUROPATHY: Final = "post_procedure_sciatic_neuropathy"
NEUROGENIC_CLAUDICATION: Final = "neurogenic_claudication"
VASCULAR_CLAUDICATION_PATTERN: Final = "vascular_claudication_pattern"
LOCAL_FOOT_NERVE_PATTERN: Final = "local_foot_nerve_pattern"
BILATERAL_FOOT_NUMBNESS: Final = "bilateral_foot_numbness"
BILATERAL_LEG_SYMPTOMS: Final = "bilateral_leg_symptoms"
WORSENING: Final = "worsening"

URGENT, PROMPT, SEE_SPECIALIST, MONITOR = SEVERITIES

# code -> (severity, title), in the order of rules.md
_FLAGS: Final[dict[str, tuple[str, str]]] = {
    CAUDA_EQUINA_RED_FLAG: (URGENT, "Warning signs that need emergency care"),
    CAUDA_EQUINA_WARNING: (PROMPT, "Bladder, bowel, sexual or two-leg changes to check today"),
    BILATERAL_SCIATICA: (PROMPT, "Sciatica-like symptoms in both legs"),
    PROGRESSIVE_WEAKNESS: (PROMPT, "Leg weakness getting worse"),
    FOOT_DROP: (PROMPT, "Difficulty lifting the foot"),
    SERIOUS_PATHOLOGY_WARNING: (PROMPT, "Back or leg symptoms with signs to check today"),
    SCIATICA: (SEE_SPECIALIST, "One-sided leg pain with numbness"),
    L4_PATTERN: (SEE_SPECIALIST, "Symptoms along the L4 nerve root"),
    L5_PATTERN: (SEE_SPECIALIST, "Symptoms along the L5 nerve root"),
    S1_PATTERN: (SEE_SPECIALIST, "Symptoms along the S1 nerve root"),
    FOOTWEAR_NERVE_COMPRESSION: (SEE_SPECIALIST, "Foot pain worse in high heels or tight boots"),
    POST_TRAUMA_NERVE_INJURY: (SEE_SPECIALIST, "Foot symptoms after an injury"),
    POST_PROCEDURE_SCIATIC_NEUROPATHY: (
        SEE_SPECIALIST,
        "Leg symptoms after hip surgery or an injection",
    ),
    NEUROGENIC_CLAUDICATION: (SEE_SPECIALIST, "Leg pain when walking, eased by sitting"),
    VASCULAR_CLAUDICATION_PATTERN: (
        SEE_SPECIALIST,
        "Calf pain when walking, eased by standing still",
    ),
    LOCAL_FOOT_NERVE_PATTERN: (MONITOR, "Numbness or tingling in one foot only"),
    BILATERAL_FOOT_NUMBNESS: (SEE_SPECIALIST, "Numbness or tingling in both feet"),
    BILATERAL_LEG_SYMPTOMS: (MONITOR, "Symptoms in both legs"),
    WORSENING: (SEE_SPECIALIST, "Symptoms getting worse"),
}

FLAG_CODES: Final = tuple(_FLAGS)
FLAG_SEVERITIES: Final[Mapping[str, str]] = MappingProxyType(
    {code: severity for code, (severity, _) in _FLAGS.items()}
)
FLAG_TITLES: Final[Mapping[str, str]] = MappingProxyType(
    {code: title for code, (_, title) in _FLAGS.items()}
)
SEVERITY_RANK: Final[Mapping[str, int]] = MappingProxyType(
    {severity: rank for rank, severity in enumerate(SEVERITIES)}
)
