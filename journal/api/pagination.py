"""Cursor pagination that says when its parameters are wrong (DRF quietly falls back)."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request


class StrictCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Request) -> int:
        # DRF falls back to the default for a page size it cannot read (`0`, `ten`) and
        # quietly caps one too large; say so instead, as the entry list does.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 3) or not (
            1 <= int(raw) <= self.max_page_size
        ):
            raise ValidationError(
                {"page_size": [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)


class ReportPagination(StrictCursorPagination):
    ordering = "-created_at"


class EventPagination(StrictCursorPagination):
    # Newest first; several events may share a date, so creation time breaks the tie.
    ordering = ("-date", "-created_at")
