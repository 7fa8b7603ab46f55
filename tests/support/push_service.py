"""A push service of the tests' own on 127.0.0.1: it takes what pywebpush sends, checks the
VAPID signature (RFC 8292) and decrypts the message (RFC 8291) with the browser's private
key, as a real push service and browser would between them."""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Browser:
    """One browser's subscription: its P-256 key pair and auth secret."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    def subscription_json(self) -> dict[str, Any]:
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": self.auth},
        }


@dataclass
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes
    vapid_claims: dict[str, Any]
    vapid_public_key: str
    message: dict[str, Any]
    plaintext: bytes


def vapid_verify(authorization: str) -> tuple[dict[str, Any], str]:
    """The claims of a `vapid t=<JWT>, k=<public key>` header, once its ES256 signature
    checks out against k; raises otherwise."""
    scheme, _, params = authorization.partition(" ")
    assert scheme == "vapid", authorization
    parts = dict(part.strip().split("=", 1) for part in params.split(","))
    token, key = parts["t"], parts["k"]
    header_b64, claims_b64, signature_b64 = token.split(".")
    assert json.loads(b64url_decode(header_b64)) == {"typ": "JWT", "alg": "ES256"}
    public_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(key))
    signature = b64url_decode(signature_b64)
    assert len(signature) == 64  # JWS ES256: r and s, 32 bytes each
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    public_key.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    return json.loads(b64url_decode(claims_b64)), key


class PushService:
    def __init__(self) -> None:
        self.browsers: dict[str, Browser] = {}
        self.statuses: dict[str, int] = {}  # path -> status to answer (201 otherwise)
        self.deliveries: list[Delivery] = []
        self.attempts: list[str] = []
        self.errors: list[str] = []
        self._lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {name.lower(): value for name, value in self.headers.items()}
                status = service.receive(self.path, headers, body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"

    def browser(self, name: str) -> Browser:
        browser = Browser(endpoint=f"{self.origin}/push/{name}")
        self.browsers[f"/push/{name}"] = browser
        return browser

    def receive(self, path: str, headers: dict[str, str], body: bytes) -> int:
        with self._lock:
            self.attempts.append(path)
            status = self.statuses.get(path, 201)
            if status >= 300:
                return status
            try:
                self.deliveries.append(self.open(path, headers, body))
            except Exception as error:  # the test reads these; the sender sees a 400
                self.errors.append(f"{path}: {error!r}")
                return 400
            return status

    def open(self, path: str, headers: dict[str, str], body: bytes) -> Delivery:
        claims, key = vapid_verify(headers["authorization"])
        assert claims["aud"] == self.origin, claims
        assert claims["exp"] > time.time(), claims
        assert headers["content-encoding"] == "aes128gcm"
        browser = self.browsers[path]
        plaintext = http_ece.decrypt(
            body,
            private_key=browser.private_key,
            auth_secret=browser.auth_secret,
            version="aes128gcm",
        )
        return Delivery(
            path=path,
            headers=headers,
            body=body,
            vapid_claims=claims,
            vapid_public_key=key,
            message=json.loads(plaintext),
            plaintext=plaintext,
        )

    def delivered_to(self) -> list[str]:
        return sorted(delivery.path.removeprefix("/push/") for delivery in self.deliveries)

    def run(self) -> Iterator[PushService]:
        thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()
            thread.join()
