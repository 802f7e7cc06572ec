"""SecretStore: the system keyring or nothing; never plaintext, never a traceback."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked, PasswordDeleteError

from foia_assist.errors import UserError
from foia_assist.storage.secrets import (
    NO_SECURE_BACKEND_MESSAGE,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStoreError,
    is_secure_backend,
)


class MemoryKeyring(KeyringBackend):
    """A secure-looking backend that keeps passwords in a dict (tests only)."""

    priority = 0.1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.data[(service, username)]
        except KeyError:
            raise PasswordDeleteError("not found") from None


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


class FakePlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring: detection goes by module."""


FakePlaintextKeyring.__module__ = "keyrings.alt.file"


def test_round_trip_with_a_secure_backend() -> None:
    backend = MemoryKeyring()
    store = KeyringSecretStore(backend=backend)
    assert store.status().secure
    store.set("smtp:me@example.org", "s3cret")
    assert store.get("smtp:me@example.org") == "s3cret"
    assert backend.data == {("foia-assist", "smtp:me@example.org"): "s3cret"}
    store.delete("smtp:me@example.org")
    assert store.get("smtp:me@example.org") is None
    store.delete("smtp:me@example.org")  # deleting what is not there is fine


def test_failing_backend_is_not_secure_and_set_refuses() -> None:
    store = KeyringSecretStore(backend=fail.Keyring())
    status = store.status()
    assert not status.secure
    assert status.message == NO_SECURE_BACKEND_MESSAGE
    assert "ask for the password each time" in status.message
    with pytest.raises(SecretStoreError, match="can't be saved securely"):
        store.set("smtp:me", "pw")
    assert store.get("smtp:me") is None
    store.delete("smtp:me")


def test_environment_fail_backend_is_detected() -> None:
    # tests/conftest.py selects keyring.backends.fail.Keyring through the environment.
    store = KeyringSecretStore()
    assert not store.status().secure
    assert "fail" in store.status().backend.lower()
    with pytest.raises(SecretStoreError):
        store.set("smtp:me", "pw")


def test_null_backend_is_not_secure() -> None:
    store = KeyringSecretStore(backend=null.Keyring())
    assert not store.status().secure
    with pytest.raises(SecretStoreError):
        store.set("smtp:me", "pw")


def test_plaintext_backend_is_not_secure_and_nothing_is_written() -> None:
    backend = FakePlaintextKeyring()
    store = KeyringSecretStore(backend=backend)
    assert not store.status().secure
    with pytest.raises(SecretStoreError):
        store.set("smtp:me", "pw")
    assert backend.data == {}


def _chain(*members: KeyringBackend) -> chainer.ChainerBackend:
    class Chain(chainer.ChainerBackend):
        backends = list(members)  # type: ignore[assignment]

    return Chain()


def test_chainer_of_only_insecure_backends_is_not_secure() -> None:
    assert not is_secure_backend(_chain(FakePlaintextKeyring(), null.Keyring()))
    assert not is_secure_backend(_chain())
    store = KeyringSecretStore(backend=_chain(FakePlaintextKeyring(), null.Keyring()))
    assert not store.status().secure
    with pytest.raises(SecretStoreError):
        store.set("smtp:me", "pw")


def test_chainer_counts_the_member_that_would_receive_the_password() -> None:
    # A chain writes to its first member; plaintext first means not secure.
    assert not is_secure_backend(_chain(FakePlaintextKeyring(), MemoryKeyring()))
    assert is_secure_backend(_chain(MemoryKeyring(), FakePlaintextKeyring()))


def test_a_chain_resolved_from_keyring_uses_only_its_secure_first_member(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring

    secure, plain = MemoryKeyring(), FakePlaintextKeyring()
    plain.data[("foia-assist", "smtp:me")] = "from-a-file"
    monkeypatch.setattr(keyring, "get_keyring", lambda: _chain(secure, plain))
    store = KeyringSecretStore()
    assert store.status().secure
    assert store.get("smtp:me") is None  # never read back from the plaintext member
    store.set("smtp:me", "pw")
    assert secure.data == {("foia-assist", "smtp:me"): "pw"}


def test_locked_keyring_becomes_a_clear_error() -> None:
    store = KeyringSecretStore(backend=LockedKeyring())
    assert store.status().secure
    with pytest.raises(SecretStoreError, match="locked"):
        store.set("smtp:me", "pw")
    with pytest.raises(SecretStoreError, match="locked") as info:
        store.get("smtp:me")
    assert isinstance(info.value, UserError)


def test_backend_is_resolved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    calls = []
    backend = MemoryKeyring()

    def fake_get_keyring() -> KeyringBackend:
        calls.append(1)
        return backend

    monkeypatch.setattr(keyring, "get_keyring", fake_get_keyring)
    store = KeyringSecretStore()
    store.status()
    store.set("a", "1")
    store.get("a")
    store.delete("a")
    assert calls == [1]


def test_memory_store_refusing_mode() -> None:
    store = MemorySecretStore(secure=False)
    assert not store.status().secure
    with pytest.raises(SecretStoreError):
        store.set("a", "b")
    ok = MemorySecretStore()
    ok.set("a", "b")
    assert ok.get("a") == "b"
    ok.delete("a")
    assert ok.get("a") is None
