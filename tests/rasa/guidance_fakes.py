"""A fake FormServiceClient with made-up programmes, and a tracker builder, for the action tests.

The fake mimics the form service's API shapes (GET /api/programmes, /api/programmes/<id>,
POST /api/match with `missing`, 422 per-field errors, POST /api/callbacks) without any real
programme fact: names, reasons and sources are invented.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.formservice import FormServiceError

PROGRAMMES = {"lsi": "ALPHA", "wdm": "BETA", "biwaq": "GAMMA"}


class FakeFormService:
    def __init__(self, down: bool = False) -> None:
        self.down = down
        self.match_calls: list[dict[str, Any]] = []
        self.callbacks: list[tuple[dict[str, Any], str]] = []

    def _check(self) -> None:
        if self.down:
            raise FormServiceError("form service unreachable")

    def programmes(self, lang: str) -> list[dict[str, Any]]:
        self._check()
        return [{"id": pid, "short_name": short, "name": f"{short} programme ({lang})"} for pid, short in PROGRAMMES.items()]

    def programme(self, programme_id: str, lang: str) -> dict[str, Any]:
        self._check()
        if programme_id not in PROGRAMMES:
            raise FormServiceError("form service answered 404", 404, {"error": "no such programme"})
        short = PROGRAMMES[programme_id]
        return {
            "id": programme_id,
            "short_name": short,
            "name": f"{short} long name [{lang}]",
            "availability": {"status": "open_call", "text": f"open until tomorrow [{lang}]", "as_of": "2026-11-22",
                             "source": "https://example.org/calls", "period": "2026"},
            "facts": [
                {"key": "summary", "label": f"What it is [{lang}]", "value": f"{short} summary [{lang}]",
                 "source": None, "period": None, "unknown_hint": None},
                {"key": "applicants", "label": f"Who may apply [{lang}]", "value": f"{short} applicants [{lang}]",
                 "source": "https://example.org/who", "period": "2021–2027", "unknown_hint": None},
                {"key": "amount", "label": f"How much [{lang}]", "value": f"{short} up to 1 euro [{lang}]",
                 "source": "https://example.org/amount", "period": "2024", "unknown_hint": None},
                {"key": "target_groups", "label": f"Target groups [{lang}]", "value": None, "source": None,
                 "period": None, "unknown_hint": f"Unknown [{lang}]. Ask the office."},
                {"key": "deadline", "label": f"Deadline [{lang}]", "value": f"Next call unknown [{lang}]",
                 "source": "https://example.org/calls", "period": "2026", "unknown_hint": None},
                {"key": "contact", "label": f"Contact [{lang}]", "value": f"{short} desk [{lang}]",
                 "source": "https://example.org/contact", "period": None, "unknown_hint": None},
            ],
        }

    def match(self, profile: dict[str, Any]) -> dict[str, Any]:
        self._check()
        self.match_calls.append(dict(profile))
        if profile.get("district") == "Atlantis":
            raise FormServiceError("form service answered 422", 422,
                                   {"errors": {"district": "Enter one of the 12 Berlin districts."}})
        lang = profile["lang"]
        applicant = profile.get("applicant_type")
        missing = [
            {"key": key, "question": f"question {key}"}
            for key in ("applicant_type", "district", "budget_eur")
            if key not in profile
        ]
        alpha_ok = applicant != "small_business"
        office = {
            "kind": "district_office",
            "district": profile.get("district"),
            "text": f"Talk to the office in {profile.get('district') or 'your district'} [{lang}]",
            "url": "https://example.org/office",
            "email": None,
        }
        alpha = {
            "programme": "lsi",
            "eligibility": ("eligible" if not missing else "possible") if alpha_ok else "not_eligible",
            "score": 70 if alpha_ok else 0,
            "reasons": [f"ALPHA reason [{lang}]"],
            "missing": missing if alpha_ok else [],
            "availability": {"status": "no_open_call", "text": f"No open call [{lang}]", "as_of": "2026-11-22",
                             "source": "https://example.org/alpha-calls", "period": "2025"},
            "successor": None,
            "next_step": office,
            "fitting_variants": ["A"],
            "verdict": {"key": "fits_no_open_call", "can_apply_now": False, "call_open": False,
                        "headline": f"ALPHA fits; no call is open now [{lang}].",
                        "last_closed": {"closes": "2025-09-30"}},
        }
        beta = {
            "programme": "wdm",
            "eligibility": "possible",
            "score": 40,
            "reasons": [f"BETA reason [{lang}]"],
            "missing": [m for m in missing if m["key"] != "budget_eur"]
            + ([{"key": "in_disadvantaged_area", "question": "q"}] if "in_disadvantaged_area" not in profile else []),
            "availability": {"status": "open_call", "text": f"Open [{lang}]", "as_of": "2026-11-22",
                             "source": None, "period": None},
            "successor": None,
            "next_step": office,
            "fitting_variants": [],
            "verdict": {"key": "apply_now", "can_apply_now": True, "call_open": True,
                        "headline": f"BETA: you can apply now [{lang}]."},
        }
        gamma = {
            "programme": "biwaq",
            "eligibility": "not_eligible",
            "score": 0,
            "reasons": [f"GAMMA only for municipalities [{lang}]"],
            "missing": [],
            "availability": {"status": "closed", "text": "", "as_of": "2026-11-22", "source": None, "period": None},
            "successor": None,
            "next_step": {"kind": "contact", "text": f"GAMMA desk [{lang}]", "url": "https://example.org/gamma"},
            "fitting_variants": [],
        }
        if profile.get("budget_eur", 0) > 1_000_000:
            alpha = {**alpha, "eligibility": "not_eligible", "missing": [], "reasons": [f"too much [{lang}]"]}
            beta = {**beta, "eligibility": "not_eligible", "missing": []}
        results = sorted([alpha, beta, gamma], key=lambda r: -r["score"])
        fitting = [r for r in results if r["eligibility"] != "not_eligible"]
        outcome = {"headline": f"{PROGRAMMES[fitting[0]['programme']]} fits [{lang}]"} if fitting else {
            "headline": f"Nothing fits [{lang}].",
            "next_steps": [{"kind": "advice", "text": f"Ask the advice office [{lang}]",
                            "url": "https://example.org/advice", "source": "https://example.org/src", "period": "2026"}],
        }
        # The service reads what a project does from its description; the fake knows one word for it.
        description = str(profile.get("project_description") or "").casefold()
        outcome["project_activities"] = ["employment"] if "unemployed" in description else []
        return {"results": results, "outcome": outcome, "as_of": "2026-11-22"}

    def create_callback(self, callback: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        self._check()
        self.callbacks.append((callback, idempotency_key))
        return {"id": 1, "status": "new"}


def make_tracker(
    slots: dict[str, Any] | None = None,
    intent: str = "inform",
    entities: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    text: str = "",
    sender_id: str = "conv-1",
) -> Tracker:
    all_slots = {"language": "en", "requested_slot": None, "guidance_asked": None, "guidance_skipped": None}
    all_slots.update(slots or {})
    latest = {"intent": {"name": intent, "confidence": 0.99}, "entities": entities or [], "text": text}
    return Tracker(
        sender_id=sender_id,
        slots=all_slots,
        latest_message=latest,
        events=events or [{"event": "user", "timestamp": 1700000000.5, "text": text, "parse_data": latest}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 1}


def texts(dispatcher: Any) -> list[str]:
    return [m["text"] for m in dispatcher.messages]
