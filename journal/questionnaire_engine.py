"""A small questionnaire engine (reports.md, "The weekly check"): instruments are FHIR R4
`Questionnaire` resources with a declared scoring, answers are `QuestionnaireResponse`s.

Pure Python over plain JSON, like the rules: `instrument_from_fhir` reads and checks a
definition (a bad one is an `InstrumentError` that says what is wrong and where), and
`score_response` checks a response against it and computes its scores.

What a definition may use:
- items of type `integer` with the core `minValue`/`maxValue` extensions, and of type
  `choice` whose `answerOption`s carry the core `ordinalValue` extension (the number a
  choice scores as);
- the Footnote extension `urn:footnote:fhir:score`, once per score, with sub-extensions
  `name`, `title`, `method` (`sum`, `mean` or `percent` of the items' maxima), one `item`
  per linkId it takes, and optional `band`s written "lower bound:label";
- `urn:footnote:fhir:interval-days`: how often the instrument is offered.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

MIN_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/maxValue"
ORDINAL_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
SCORE: Final = "urn:footnote:fhir:score"
INTERVAL_DAYS: Final = "urn:footnote:fhir:interval-days"
METHODS: Final = ("sum", "mean", "percent")
DEFAULT_INTERVAL_DAYS: Final = 7


class InstrumentError(ValueError):
    """A definition that cannot be used, with what is wrong and where."""


class ResponseError(ValueError):
    """Answers that do not fit the instrument: {linkId or "item": message}."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Item:
    link_id: str
    text: str
    kind: str  # "integer" | "choice"
    required: bool
    minimum: float
    maximum: float
    options: Mapping[str, float]  # choice code -> ordinal value (empty for integers)


@dataclass(frozen=True, slots=True)
class ScoreRule:
    name: str
    title: str
    method: str
    items: tuple[str, ...]
    bands: tuple[tuple[float, str], ...]  # (lower bound, label), ascending


@dataclass(frozen=True, slots=True)
class Instrument:
    fhir_id: str
    url: str
    version: str
    title: str
    interval_days: int
    items: tuple[Item, ...]
    scores: tuple[ScoreRule, ...]
    definition: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Score:
    name: str
    title: str
    value: float
    band: str


def instrument_from_fhir(definition: Mapping[str, Any]) -> Instrument:
    """Read and check a FHIR R4 Questionnaire with Footnote's scoring extension."""
    if not isinstance(definition, Mapping) or definition.get("resourceType") != "Questionnaire":
        raise InstrumentError("resourceType: a Questionnaire is needed")
    for field in ("id", "url", "version", "title"):
        if not isinstance(definition.get(field), str) or not definition[field].strip():
            raise InstrumentError(f"{field}: a non-empty string is needed")
    raw_items = definition.get("item")
    if not isinstance(raw_items, list) or not raw_items:
        raise InstrumentError("item: at least one item is needed")
    items = tuple(_item(raw, index) for index, raw in enumerate(raw_items))
    by_id = {item.link_id: item for item in items}
    if len(by_id) != len(items):
        raise InstrumentError("item: linkIds must be unique")
    extensions = _extensions(definition, "Questionnaire")
    scores = tuple(
        _score(extension, by_id, index)
        for index, extension in enumerate(e for e in extensions if e.get("url") == SCORE)
    )
    if not scores:
        raise InstrumentError(f"extension: declare at least one score ({SCORE})")
    if len({score.name for score in scores}) != len(scores):
        raise InstrumentError("extension: score names must be unique")
    interval = next(
        (e.get("valueInteger") for e in extensions if e.get("url") == INTERVAL_DAYS),
        DEFAULT_INTERVAL_DAYS,
    )
    if not isinstance(interval, int) or isinstance(interval, bool) or interval < 1:
        raise InstrumentError(f"extension {INTERVAL_DAYS}: a whole number of days >= 1")
    return Instrument(
        fhir_id=definition["id"],
        url=definition["url"],
        version=definition["version"],
        title=definition["title"],
        interval_days=interval,
        items=items,
        scores=scores,
        definition=definition,
    )


def _extensions(node: Mapping[str, Any], where: str) -> list[Mapping[str, Any]]:
    extensions = node.get("extension", [])
    if not isinstance(extensions, list) or not all(isinstance(e, Mapping) for e in extensions):
        raise InstrumentError(f"{where}.extension: a list of extensions is needed")
    return extensions


def _value(extensions: list[Mapping[str, Any]], url: str, key: str) -> Any:
    return next((e.get(key) for e in extensions if e.get("url") == url), None)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _item(raw: Any, index: int) -> Item:
    where = f"item[{index}]"
    if not isinstance(raw, Mapping):
        raise InstrumentError(f"{where}: an object is needed")
    link_id, kind = raw.get("linkId"), raw.get("type")
    if not isinstance(link_id, str) or not link_id:
        raise InstrumentError(f"{where}.linkId: a non-empty string is needed")
    where = f"item {link_id!r}"
    extensions = _extensions(raw, where)
    if kind == "integer":
        low = _value(extensions, MIN_VALUE, "valueInteger")
        high = _value(extensions, MAX_VALUE, "valueInteger")
        if not (_number(low) and _number(high) and low < high):
            raise InstrumentError(f"{where}: an integer item needs minValue < maxValue")
        options: dict[str, float] = {}
    elif kind == "choice":
        options = {}
        for option in raw.get("answerOption") or []:
            code = (option.get("valueCoding") or {}).get("code")
            ordinal = _value(_extensions(option, where), ORDINAL_VALUE, "valueDecimal")
            if not isinstance(code, str) or not _number(ordinal):
                raise InstrumentError(f"{where}: each answerOption needs a code and ordinalValue")
            options[code] = float(ordinal)
        if len(options) < 2:
            raise InstrumentError(f"{where}: a choice item needs at least two answerOptions")
        low, high = min(options.values()), max(options.values())
    else:
        raise InstrumentError(f"{where}.type: integer or choice, not {kind!r}")
    return Item(
        link_id=link_id,
        text=str(raw.get("text", "")),
        kind=kind,
        required=bool(raw.get("required", False)),
        minimum=float(low),
        maximum=float(high),
        options=options,
    )


def _score(extension: Mapping[str, Any], items: Mapping[str, Item], index: int) -> ScoreRule:
    parts = _extensions(extension, f"score[{index}]")
    name = _value(parts, "name", "valueString")
    where = f"score {name!r}" if name else f"score[{index}]"
    method = _value(parts, "method", "valueCode")
    linked = tuple(p.get("valueString") for p in parts if p.get("url") == "item")
    if not isinstance(name, str) or not name:
        raise InstrumentError(f"{where}: a name is needed")
    if method not in METHODS:
        raise InstrumentError(f"{where}: method must be one of {', '.join(METHODS)}")
    unknown = [link for link in linked if link not in items]
    if not linked or unknown:
        raise InstrumentError(f"{where}: items must name the instrument's linkIds {unknown}")
    bands = []
    for part in parts:
        if part.get("url") != "band":
            continue
        lower, _, label = str(part.get("valueString", "")).partition(":")
        try:
            bands.append((float(lower), label.strip()))
        except ValueError:
            raise InstrumentError(f"{where}: a band is written 'lower bound:label'") from None
    return ScoreRule(
        name=name,
        title=str(_value(parts, "title", "valueString") or name),
        method=str(method),
        items=tuple(str(link) for link in linked),
        bands=tuple(sorted(bands)),
    )


def answers_from_fhir(response: Mapping[str, Any]) -> dict[str, float | str]:
    """A QuestionnaireResponse's answers by linkId (an integer, or a choice's code)."""
    answers: dict[str, float | str] = {}
    for entry in response.get("item") or []:
        link_id = entry.get("linkId") if isinstance(entry, Mapping) else None
        values = entry.get("answer") if isinstance(entry, Mapping) else None
        if not isinstance(link_id, str) or not isinstance(values, list) or len(values) != 1:
            raise ResponseError({"item": "each item needs a linkId and exactly one answer"})
        answer = values[0] if isinstance(values[0], Mapping) else {}
        if "valueInteger" in answer:
            answers[link_id] = answer["valueInteger"]
        elif isinstance(answer.get("valueCoding"), Mapping):
            answers[link_id] = answer["valueCoding"].get("code")
        else:
            raise ResponseError({link_id: "answer with valueInteger or valueCoding"})
    return answers


def score_response(instrument: Instrument, answers: Mapping[str, Any]) -> tuple[Score, ...]:
    """Check the answers against the instrument and compute every declared score."""
    errors: dict[str, str] = {}
    values: dict[str, float] = {}
    for item in instrument.items:
        answer = answers.get(item.link_id)
        if answer is None:
            if item.required:
                errors[item.link_id] = "an answer is needed"
            continue
        if item.kind == "choice":
            # Not a string (a list, an object): never looked up, a list cannot be hashed.
            if not isinstance(answer, str) or answer not in item.options:
                errors[item.link_id] = f"choose one of {', '.join(item.options)}"
            else:
                values[item.link_id] = item.options[answer]
        elif not isinstance(answer, int) or isinstance(answer, bool):
            errors[item.link_id] = "a whole number is needed"
        elif not item.minimum <= answer <= item.maximum:
            errors[item.link_id] = f"from {item.minimum:g} to {item.maximum:g}"
        else:
            values[item.link_id] = float(answer)
    extra = set(answers) - {item.link_id for item in instrument.items}
    for link_id in sorted(extra):
        errors[link_id] = "not an item of this questionnaire"
    if errors:
        raise ResponseError(errors)
    by_id = {item.link_id: item for item in instrument.items}
    return tuple(_computed(rule, values, by_id) for rule in instrument.scores)


def _computed(rule: ScoreRule, values: Mapping[str, float], items: Mapping[str, Item]) -> Score:
    taken = [values[link] for link in rule.items if link in values]
    if not taken:
        value = 0.0
    elif rule.method == "sum":
        value = sum(taken)
    elif rule.method == "mean":
        value = sum(taken) / len(taken)
    else:  # percent of the most the answered items can score
        most = sum(items[link].maximum for link in rule.items if link in values)
        value = 100 * sum(taken) / most if most else 0.0
    value = round(value, 1)
    band = next((label for lower, label in reversed(rule.bands) if value >= lower), "")
    return Score(rule.name, rule.title, value, band)


def next_due(
    interval_days: int, last_answered: datetime.date | None, today: datetime.date
) -> datetime.date:
    """The day an instrument is next offered: today if never answered."""
    if last_answered is None:
        return today
    return last_answered + datetime.timedelta(days=interval_days)
