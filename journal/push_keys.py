"""The server's VAPID key pair (RFC 8292): read, checked, and for development made once.

Pure Python over `cryptography` and `py_vapid` (no Django), so that settings can check a
production key before anything starts. The private key is kept as the URL-safe base64 of
its raw 32-byte scalar (what `web-push generate-vapid-keys` prints) or as a PEM file; the
public key is always derived from it, so the two can never disagree.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid


class VapidKeyError(ValueError):
    pass


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def private_key_generate() -> str:
    """A new P-256 private key as URL-safe base64 of its raw scalar."""
    key = ec.generate_private_key(ec.SECP256R1())
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def vapid_from_text(text: str) -> Vapid:
    """The key from its text: a PEM, or URL-safe base64 of the raw scalar or of DER."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            return Vapid.from_pem(text.encode())
        return Vapid.from_string(text)
    except Exception as error:  # py_vapid raises anything from binascii to ValueError
        raise VapidKeyError("not a P-256 private key (raw base64url, DER or PEM)") from error


def public_key_b64(vapid: Vapid) -> str:
    """The application server key a browser's `pushManager.subscribe` takes."""
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(raw)


def key_file_read_or_create(path: Path) -> str:
    """The key kept in `path`, made there first if missing (development only). Two
    processes starting at once both end up with the one that was written first."""
    try:
        return path.read_text()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a temporary name, then linked into place: a reader never sees
    # a half-written key, and link() refuses to replace one that is there already.
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(private_key_generate() + "\n")
    temporary.chmod(0o600)
    try:
        os.link(temporary, path)
    except FileExistsError:  # another process got there first
        pass
    finally:
        temporary.unlink()
    return path.read_text()


def vapid_problems(*, private_key: str, key_file: str, public_key: str, subject: str) -> list[str]:
    """What stops production from sending reminders, in words for the operator."""
    problems = []
    text = private_key
    if not text and key_file:
        try:
            text = Path(key_file).read_text()
        except OSError:
            problems.append(f"FOOTNOTE_VAPID_KEY_FILE {key_file} cannot be read")
    if not text and not problems:
        problems.append(
            "FOOTNOTE_VAPID_PRIVATE_KEY or FOOTNOTE_VAPID_KEY_FILE must be set "
            "(or FOOTNOTE_REMINDERS=off)"
        )
    elif text:
        try:
            derived = public_key_b64(vapid_from_text(text))
        except VapidKeyError as error:
            problems.append(f"the VAPID private key is {error}")
        else:
            if public_key and public_key.rstrip("=") != derived:
                problems.append("FOOTNOTE_VAPID_PUBLIC_KEY is not the private key's public key")
    if not subject.startswith(("mailto:", "https://")):
        problems.append("FOOTNOTE_VAPID_SUBJECT must be a mailto: or https: address of yours")
    return problems
