"""OpenID Connect sign-in (authorization code flow with PKCE) for municipal identity providers.

The provider is the operator's choice (``REGISTRY_OIDC_ISSUER``, often an intranet
Keycloak), so its address is trusted like the database's and not run through the
importers' address guard. ID tokens are verified with joserfc against the provider's
published keys: signature, issuer, audience, expiry and the nonce of this sign-in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from typing import Any
from urllib.parse import urlencode

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry

from registry.errors import Unauthorized
from registry.settings import Settings

TIMEOUT = 10.0
MAX_BYTES = 1_000_000
_discovery_cache: dict[str, tuple[float, dict[str, Any]]] = {}
DISCOVERY_TTL = 3600.0


def enabled(settings: Settings) -> bool:
    """Whether OIDC sign-in is configured."""
    return bool(settings.oidc_issuer and settings.oidc_client_id)


def _get_json(client: httpx.Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    response.raise_for_status()
    if len(response.content) > MAX_BYTES:
        raise Unauthorized("identity provider: response too large")
    body = response.json()
    if not isinstance(body, dict):
        raise Unauthorized("identity provider: expected a JSON object")
    return body


def discover(settings: Settings, client: httpx.Client) -> dict[str, Any]:
    """The provider's metadata (cached for an hour); its issuer must be the configured one."""
    cached = _discovery_cache.get(settings.oidc_issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    meta = _get_json(client, f"{settings.oidc_issuer}/.well-known/openid-configuration")
    for key in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(meta.get(key), str):
            raise Unauthorized(f"identity provider: discovery document lacks {key}")
    if meta["issuer"].rstrip("/") != settings.oidc_issuer:
        raise Unauthorized("identity provider: issuer does not match the configuration")
    _discovery_cache[settings.oidc_issuer] = (time.monotonic() + DISCOVERY_TTL, meta)
    return meta


def start(settings: Settings, redirect_uri: str) -> tuple[str, dict[str, str]]:
    """The provider URL to send the browser to, and what the session must remember."""
    pending = {
        "state": secrets.token_urlsafe(24),
        "nonce": secrets.token_urlsafe(24),
        "verifier": secrets.token_urlsafe(48),
    }
    challenge = base64.urlsafe_b64encode(
        hashlib.sha256(pending["verifier"].encode("ascii")).digest()
    ).rstrip(b"=")
    with httpx.Client(timeout=TIMEOUT) as client:
        meta = discover(settings, client)
    query = urlencode({
        "response_type": "code", "client_id": settings.oidc_client_id,
        "redirect_uri": redirect_uri, "scope": "openid email profile",
        "state": pending["state"], "nonce": pending["nonce"],
        "code_challenge": challenge.decode("ascii"), "code_challenge_method": "S256",
    })  # fmt: skip
    return f"{meta['authorization_endpoint']}?{query}", pending


def finish(
    settings: Settings, pending: dict[str, str], *, code: str, state: str, redirect_uri: str
) -> dict[str, Any]:
    """Exchange the code and return the verified ID token's claims."""
    if not hmac.compare_digest(state.encode(), pending.get("state", "").encode()):
        raise Unauthorized(
            "Anmeldung abgelaufen oder verfälscht (state). / Sign-in expired or forged (state)."
        )
    with httpx.Client(timeout=TIMEOUT) as client:
        meta = discover(settings, client)
        response = client.post(
            meta["token_endpoint"],
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                  "code_verifier": pending["verifier"]},
            auth=(settings.oidc_client_id, settings.oidc_client_secret),
        )  # fmt: skip
        if response.status_code != httpx.codes.OK:
            raise Unauthorized(f"identity provider: token request refused ({response.status_code})")
        id_token = response.json().get("id_token")
        if not isinstance(id_token, str):
            raise Unauthorized("identity provider: no id_token in the token response")
        keys = KeySet.import_key_set(_get_json(client, meta["jwks_uri"]))  # type: ignore[arg-type]
    try:
        token = jwt.decode(id_token, keys, algorithms=["RS256", "ES256", "PS256"])
        JWTClaimsRegistry(
            iss={"essential": True, "value": meta["issuer"]},
            aud={"essential": True, "value": settings.oidc_client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": pending["nonce"]},
        ).validate(token.claims)
    except (JoseError, ValueError) as exc:
        raise Unauthorized(f"identity provider: ID token rejected ({type(exc).__name__})") from exc
    return dict(token.claims)
