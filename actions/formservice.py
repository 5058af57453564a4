"""HTTP client for the form service's JSON API (programmes, matching, drafts)."""

from __future__ import annotations

import os
from typing import Any

import requests

DEFAULT_TIMEOUT_S = float(os.environ.get("FORM_SERVICE_TIMEOUT", "3"))


class FormServiceError(Exception):
    """The form service could not be reached or answered with an error."""

    def __init__(self, message: str, status: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class FormServiceClient:
    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.base_url = (base_url or os.environ.get("FORM_SERVICE_URL", "http://127.0.0.1:8000")).rstrip("/")
        self.token = token if token is not None else os.environ.get("FORM_API_TOKEN", "")
        self.timeout = timeout
        self._session = requests.Session()

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """The JSON object the form service answers; FormServiceError when it cannot be reached, answers
        with an error status, or answers something that is no JSON object."""
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self._session.request(
                method, self.base_url + path, headers=headers, timeout=self.timeout, **kwargs
            )
        except requests.RequestException as error:
            raise FormServiceError(f"form service unreachable: {error}") from error
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code >= 400:
            raise FormServiceError(
                f"form service answered {response.status_code}", response.status_code, body
            )
        if not isinstance(body, dict):
            raise FormServiceError("form service answered no JSON object", response.status_code, body)
        return body

    def health(self) -> dict[str, Any]:
        return self._request("GET", "/api/health")

    def programmes(self, lang: str) -> list[dict[str, Any]]:
        answer = self._request("GET", "/api/programmes", params={"lang": lang})
        listed: list[dict[str, Any]] = answer["programmes"]
        return listed

    def programme(self, programme_id: str, lang: str) -> dict[str, Any]:
        return self._request("GET", f"/api/programmes/{programme_id}", params={"lang": lang})

    def match(self, profile: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", "/api/match", json=profile)

    def create_draft(self, draft: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        return self._request(
            "POST", "/api/drafts", json=draft, headers={"Idempotency-Key": idempotency_key}
        )

    def create_callback(self, callback: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        return self._request(
            "POST", "/api/callbacks", json=callback, headers={"Idempotency-Key": idempotency_key}
        )


class UsesFormService:
    """Mixin for actions that call the form service. Tests pass a fake client; the action server builds
    one on first use and keeps it, so every call reuses its HTTP connection."""

    def __init__(self, client: FormServiceClient | None = None) -> None:
        self._client = client

    @property
    def client(self) -> FormServiceClient:
        if self._client is None:
            self._client = FormServiceClient()
        return self._client
