"""Every number and every set of events the rules use, named and kept in one place.

These are the defaults of rules.md. Changing one changes what the journal tells patients,
so change it here, bump `RULE_VERSION` in `journal.rules`, and let the tests say what moved.
Shares are written as decimals and compared exactly (see `journal.rules.arith`), so
"at least 80%" means 4 of 5 region-days fire and 3 of 4 do not, with no float surprises.
"""

from __future__ import annotations

from typing import Final

# --- windows (inclusive of the latest entry date: 14 days = the latest date and 13 before)
WINDOW_DAYS: Final = 14
FOOTWEAR_WINDOW_DAYS: Final = 28
POST_TRAUMA_LOOKBACK_DAYS: Final = 56
POST_PROCEDURE_LOOKBACK_DAYS: Final = 90

# --- what counts as a symptom
SYMPTOMATIC_MIN_PAIN: Final = 3  # a region-day is symptomatic at pain >= 3 (or numb/tingling)
# Cauda equina asks for "back or leg symptoms" next to a bladder, bowel or sexual change.
# For a red flag we would rather over-call than miss: any pain at all, or numbness or
# tingling, in the back or a leg counts there.
RED_FLAG_SYMPTOM_MIN_PAIN: Final = 1

# --- cauda_equina_red_flag, cauda_equina_warning: each day is read with the 14 calendar
# days before it (the logged ones among them), for the symptoms that go with a bladder,
# bowel or sexual change.
RED_FLAG_LOOKBACK_DAYS: Final = 14

# --- bilateral_sciatica
BILATERAL_SCIATICA_MIN_DAYS: Final = 2

# --- progressive_weakness
PROGRESSIVE_MIN_LOGGED_DAYS: Final = 6
PROGRESSIVE_MIN_SIGN_DAYS: Final = 3  # logged days with a weakness sign on that side
PROGRESSIVE_EDGE_DAYS: Final = 3  # "first 3" and "last 3" logged days
PROGRESSIVE_MIN_LAST_SIGN_DAYS: Final = 2  # of the last 3 logged days

# --- serious_pathology_warning
NIGHT_PAIN_MIN_DAYS: Final = 3
CANCER_HISTORY_MIN_BACK_DAYS: Final = 3
SPINAL_PROCEDURE_LOOKBACK_DAYS: Final = 90  # back surgery or lower-back injection

# --- foot_drop
FOOT_DROP_MIN_TRIPPING_DAYS: Final = 2

# --- sciatica
SCIATICA_MIN_DAYS: Final = 3
ONE_SIDED_SHARE: Final = 0.8
SCIATICA_MIN_NEURO_DAYS: Final = 2  # numbness, tingling, a weakness sign or radicular pain
# Radicular pain without numbness: a below-knee region this painful, with one of these words.
RADICULAR_PAIN_MIN: Final = 5
RADICULAR_PAIN_QUALITIES: Final = frozenset({"shooting", "electric", "burning"})

# --- l4_pattern, l5_pattern, s1_pattern
ROOT_MIN_DAYS: Final = 3
ROOT_SHARE: Final = 0.6
ROOT_MIN_NEURO_DAYS: Final = 2  # days with numbness/tingling in the territory or its sign

# --- footwear_nerve_compression
FOOTWEAR_MIN_DAYS_WITH: Final = 3
FOOTWEAR_MIN_DAYS_WITHOUT: Final = 3
FOOTWEAR_MIN_PAIN_DIFFERENCE: Final = 2  # mean worst foot/ankle pain, points

# --- post_trauma_nerve_injury
POST_TRAUMA_SITES: Final = frozenset({"hip", "lower_back", "ankle", "knee"})
POST_TRAUMA_MIN_DAYS: Final = 2

# --- post_procedure_sciatic_neuropathy (any hip_surgery, or an injection at these sites)
POST_PROCEDURE_INJECTION_SITES: Final = frozenset({"hip", "buttock"})
POST_PROCEDURE_MIN_DAYS: Final = 2

# --- neurogenic_claudication, vascular_claudication_pattern
CLAUDICATION_MIN_DAYS: Final = 3

# --- local_foot_nerve_pattern
LOCAL_FOOT_MIN_DAYS: Final = 3

# --- bilateral_foot_numbness, bilateral_leg_symptoms
BILATERAL_FOOT_MIN_DAYS: Final = 3
BILATERAL_LEG_MIN_DAYS: Final = 3

# --- worsening
WORSENING_MIN_LOGGED_DAYS: Final = 7
WORSENING_MIN_SLOPE: Final = 0.15  # points of worst leg/foot pain per calendar day
WORSENING_EDGE_DAYS: Final = 3  # "first 3" and "last 3" logged days
WORSENING_MIN_PAIN_RISE: Final = 2  # last-3 mean minus first-3 mean
WORSENING_MIN_NUMB_TINGLING_RISE: Final = 2  # same, numb or tingling region-days per day
