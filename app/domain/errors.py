"""Domain errors.

Each carries a stable snake_case `code` and a human `detail`. The detail never names a
patient or quotes clinical text: it ends up in logs and in API problem documents. The web
layer maps each class to an HTTP status; the domain knows nothing of HTTP.
"""

from collections.abc import Iterable


class DomainError(Exception):
    code: str = "domain_error"

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class InvalidTransition(DomainError):
    """The action does not leave the case's current status (whoever asks)."""

    def __init__(self, action: str, current_status: str, allowed_actions: list[str]) -> None:
        super().__init__(
            "invalid_transition",
            f"'{action}' is not possible from status '{current_status}'",
        )
        self.action = str(action)
        self.current_status = str(current_status)
        self.allowed_actions = list(allowed_actions)


class ActionForbidden(DomainError):
    """The action leaves the current status, but none of the caller's roles may do it here."""

    def __init__(self, action: str, current_status: str | None, roles: Iterable[str]) -> None:
        self.action = str(action)
        self.current_status = None if current_status is None else str(current_status)
        self.roles = sorted(str(role) for role in roles)
        acting = ", ".join(self.roles) or "no role on this case"
        super().__init__(
            "forbidden_action",
            f"'{action}' is not permitted to the caller ({acting}) on this case",
        )


class GuardFailed(DomainError):
    """The action is possible and permitted, but its rule is not met."""

    def __init__(
        self,
        action: str,
        missing: list[str],
        detail: str | None = None,
        code: str = "guard_failed",
    ) -> None:
        self.action = str(action)
        self.missing = list(missing)
        super().__init__(code, detail or f"'{action}' needs: {', '.join(self.missing)}")


class ValidationFailed(DomainError):
    """A value the domain cannot accept (bad amount, naive datetime, ...)."""


class MoneyError(ValidationFailed):
    """An invalid amount or currency, or arithmetic across currencies."""


class FieldsNotEditable(DomainError):
    """The case's status (or the caller's side) does not let these fields change."""

    def __init__(self, fields: list[str], current_status: str) -> None:
        self.fields = sorted(fields)
        self.current_status = str(current_status)
        super().__init__(
            "field_not_editable",
            f"not editable in status '{current_status}' by this caller: {', '.join(self.fields)}",
        )
