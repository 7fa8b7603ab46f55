"""One way to update a model from validated data, instead of setattr-and-save loops."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


def model_update(*, instance: ModelT, fields: Iterable[str], data: dict[str, Any]) -> ModelT:
    """Set the `fields` that `data` holds and save only those, with the model's `auto_now`
    fields (which save() refreshes whenever it runs). Saves nothing when there is nothing
    to save."""
    names = [name for name in fields if name in data]
    for name in names:
        setattr(instance, name, data[name])
    refreshed = [
        field.name
        for field in instance._meta.concrete_fields
        if getattr(field, "auto_now", False) and field.name not in names
    ]
    if names or refreshed:
        instance.save(update_fields=[*names, *refreshed])
    return instance
