"""A password validator Django lacks (AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class NotOnlyWhitespaceValidator:
    """A password of ten spaces is long enough for Django's validators and no secret at
    all."""

    def validate(self, password: str, user: object = None) -> None:
        if not password.strip():
            raise ValidationError(
                "The password cannot be only spaces.", code="password_only_whitespace"
            )

    def get_help_text(self) -> str:
        return "Your password cannot be only spaces."
