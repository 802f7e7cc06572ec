"""Passwords (the SMTP password) in the operating system's keyring, and nowhere else.

`KeyringSecretStore` resolves the keyring backend once and refuses to save anything when
the only backends available are not secure (keyring's `fail` and `null` backends, the
`keyrings.alt` file backends such as PlaintextKeyring, or a chain made only of those).
There is never a plaintext fallback: the window then asks for the password at each send.

Every keyring call is wrapped so that a locked, dismissed or missing keyring becomes a
`SecretStoreError` with one plain sentence, never a traceback. No UI happens here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from foia_assist.errors import UserError

SERVICE_NAME = "foia-assist"

NO_SECURE_BACKEND_MESSAGE = (
    "Passwords can't be saved securely on this computer: no system keyring (GNOME Keyring, "
    "KWallet, macOS Keychain, Windows Credential Manager) is available. FOIA Assist will ask "
    "for the password each time you send."
)

# Backends that do not protect a secret: they fail, drop it, or write it to a file.
_INSECURE_MODULE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class SecretStoreError(UserError):
    """The keyring could not store, read or delete a password."""


@dataclass(frozen=True)
class SecretStatus:
    secure: bool  # passwords can be saved and will be protected by the OS
    backend: str  # the backend's name, for the settings dialog and logs
    message: str  # one plain sentence for the user


class SecretStore(Protocol):
    def get(self, account: str) -> str | None: ...

    def set(self, account: str, secret: str) -> None: ...

    def delete(self, account: str) -> None: ...

    def status(self) -> SecretStatus: ...


def _describe(backend: Any) -> str:
    cls = type(backend)
    name = getattr(backend, "name", "") or f"{cls.__module__}.{cls.__qualname__}"
    return str(name)


def _leaves(backend: Any) -> list[Any]:
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        return list(backend.backends)
    return [backend]


def _is_secure_leaf(backend: Any) -> bool:
    return not type(backend).__module__.startswith(_INSECURE_MODULE_PREFIXES)


def is_secure_backend(backend: Any) -> bool:
    """True when the backend that would receive a password protects it.

    A chain writes to its first (highest-priority) member, so a chain counts as secure
    only when that member is; a chain made only of insecure backends never is.
    """
    leaves = _leaves(backend)
    return bool(leaves) and _is_secure_leaf(leaves[0])


class KeyringSecretStore:
    """The system keyring, via the `keyring` package. Backend chosen once, on first use."""

    def __init__(self, service: str = SERVICE_NAME, backend: Any = None) -> None:
        self._service = service
        self._backend: Any = backend
        self._status: SecretStatus | None = None

    def _resolve(self) -> Any:
        if self._backend is None:
            import keyring

            try:
                chosen = keyring.get_keyring()
                leaves = _leaves(chosen)
            except Exception as exc:  # a broken keyring config must not stop the app
                raise SecretStoreError(f"The system keyring could not be opened: {exc}") from None
            # Talk to the chain's first member only: reads never fall through to a file.
            self._backend = leaves[0] if leaves and _is_secure_leaf(leaves[0]) else chosen
        return self._backend

    def status(self) -> SecretStatus:
        if self._status is None:
            try:
                backend = self._resolve()
            except SecretStoreError as exc:
                self._status = SecretStatus(False, "unavailable", str(exc))
                return self._status
            name = _describe(backend)
            if is_secure_backend(backend):
                message = f"Passwords are kept in the system keyring ({name})."
                self._status = SecretStatus(True, name, message)
            else:
                self._status = SecretStatus(False, name, NO_SECURE_BACKEND_MESSAGE)
        return self._status

    def _require_secure(self) -> Any:
        status = self.status()
        if not status.secure:
            raise SecretStoreError(status.message)
        return self._resolve()

    def get(self, account: str) -> str | None:
        if not self.status().secure:
            return None  # nothing can have been saved securely, so there is nothing to read
        backend = self._resolve()
        with _keyring_errors("read the saved password"):
            value = backend.get_password(self._service, account)
        return value if isinstance(value, str) else None

    def set(self, account: str, secret: str) -> None:
        backend = self._require_secure()
        with _keyring_errors("save the password"):
            backend.set_password(self._service, account, secret)

    def delete(self, account: str) -> None:
        if not self.status().secure:
            return
        backend = self._resolve()
        with _keyring_errors("remove the saved password", missing_ok=True):
            backend.delete_password(self._service, account)


@contextmanager
def _keyring_errors(doing: str, missing_ok: bool = False) -> Iterator[None]:
    """Turn any keyring error into a SecretStoreError with a plain sentence."""
    from keyring.errors import KeyringError, KeyringLocked, NoKeyringError, PasswordDeleteError

    try:
        yield
    except PasswordDeleteError as exc:
        if missing_ok:
            return  # nothing was saved: deleting is already done
        raise SecretStoreError(f"Couldn't {doing} in the system keyring: {exc}") from exc
    except KeyringLocked as exc:
        raise SecretStoreError(
            f"Couldn't {doing}: the system keyring is locked. Unlock it and try again."
        ) from exc
    except NoKeyringError as exc:
        raise SecretStoreError(NO_SECURE_BACKEND_MESSAGE) from exc
    except (KeyringError, OSError, RuntimeError) as exc:
        # D-Bus and platform errors also escape keyring's own hierarchy.
        raise SecretStoreError(f"Couldn't {doing} in the system keyring: {exc}") from exc


class MemorySecretStore:
    """For tests and for 'ask each time': secrets live only in this object."""

    def __init__(self, secure: bool = True) -> None:
        self._secrets: dict[str, str] = {}
        self._secure = secure

    def status(self) -> SecretStatus:
        if self._secure:
            return SecretStatus(True, "memory", "Passwords are kept in memory (tests).")
        return SecretStatus(False, "memory (refusing)", NO_SECURE_BACKEND_MESSAGE)

    def get(self, account: str) -> str | None:
        return self._secrets.get(account)

    def set(self, account: str, secret: str) -> None:
        if not self._secure:
            raise SecretStoreError(NO_SECURE_BACKEND_MESSAGE)
        self._secrets[account] = secret

    def delete(self, account: str) -> None:
        self._secrets.pop(account, None)
