"""Watch an IMAP folder for agencies' replies and keep them with their requests (optional).

Off unless the user sets it up. Each check reads only the messages that arrived since the last
one (IMAP UIDs, per UIDVALIDITY), fetches headers first, and downloads a message only when it
belongs to a tracked request: it answers a message we sent (In-Reply-To / References name a
logged Message-ID), carries the agency's reference number, or comes from the agency's address
with our subject. Messages are read with BODY.PEEK, so nothing on the server is marked as
read, moved or deleted. The password comes from the keyring, never a file.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import re
import socket
import ssl
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Literal

from foia_assist.domain.lifecycle import TrackedRequest
from foia_assist.errors import UserError
from foia_assist.services.casefile.service import AttachOutcome, CaseFileService
from foia_assist.storage.database import Database

Security = Literal["ssl", "starttls", "none"]
HEADER_BATCH = 200
TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class ImapSettings:
    host: str
    user: str
    port: int = 993
    security: Security = "ssl"
    folder: str = "INBOX"
    ca_file: str = ""  # a CA bundle for a server with its own certificate authority

    @property
    def secret_account(self) -> str:
        """The keyring entry that holds this account's password."""
        return f"imap:{self.user}@{self.host}:{self.port}"


@dataclass(frozen=True)
class Tracked:
    """What the watch knows of one tracked request to recognise its replies."""

    request_id: int
    agency_email: str = ""
    reference: str = ""  # the agency's tracking number
    subject: str = ""  # the subject our letter went out with
    message_ids: tuple[str, ...] = ()  # Message-IDs of what we sent


@dataclass(frozen=True)
class WatchOutcome:
    uid: int
    request_id: int
    why: str  # how the message was matched, in words
    attached: AttachOutcome


class MailboxError(UserError):
    """The mailbox could not be read; what was attached before it stays attached."""


def _normal_subject(subject: str) -> str:
    text = re.sub(r"^\s*((re|fw|fwd|aw)\s*:\s*)+", "", subject, flags=re.I)
    return " ".join(text.split()).casefold()


def _ids(value: str) -> set[str]:
    return {m.strip("<>").casefold() for m in re.findall(r"<[^<>\s]+>", value or "")}


def match(message: EmailMessage, requests: Sequence[Tracked]) -> tuple[Tracked, str] | None:
    """The tracked request `message` answers, and why; None when it answers none."""
    answered = _ids(str(message.get("in-reply-to", ""))) | _ids(str(message.get("references", "")))
    for r in requests:
        if answered & {m.strip("<>").casefold() for m in r.message_ids}:
            return r, "it replies to the request we sent"
    subject = str(message.get("subject", "") or "")
    for r in requests:
        if r.reference and re.search(rf"(?<![\w-]){re.escape(r.reference)}(?![\w-])", subject):
            return r, f"its subject names the agency's reference {r.reference}"
    senders = {addr.casefold() for _, addr in getaddresses([str(message.get("from", "") or "")])}
    plain = _normal_subject(subject)
    for r in requests:
        if r.agency_email and r.agency_email.casefold() in senders:
            if r.subject and plain == _normal_subject(r.subject):
                return r, "it comes from the agency's address with our subject"
            if r.reference:
                continue
            return r, "it comes from the agency's address"
    return None


class MailboxWatch:
    def __init__(
        self,
        settings: ImapSettings,
        password: str,
        casefile: CaseFileService,
        db: Database,
        connect: Callable[[ImapSettings], imaplib.IMAP4] | None = None,
    ) -> None:
        self.settings = settings
        self._password = password
        self.casefile = casefile
        self.db = db
        self._connect = connect or _connect

    def check(self, requests: Sequence[Tracked], *, today: date) -> Iterator[WatchOutcome]:
        """Attach the new replies to their requests, one outcome each (a generator: the
        window shows progress). A dropped connection raises MailboxError after what was
        already attached is kept, and the next check resumes after the last message done."""
        s = self.settings
        try:
            imap = self._connect(s)
        except (OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
            raise MailboxError(_connection_problem(s, exc)) from None
        try:
            try:
                imap.login(s.user, self._password)
            except imaplib.IMAP4.error as exc:
                raise MailboxError(
                    f"the mail server {s.host} refused the user name or password for {s.user} "
                    f"({_text(exc)})"
                ) from None
            status, data = imap.select(_quoted(s.folder), readonly=True)
            if status != "OK":
                raise MailboxError(f"there is no folder {s.folder!r} on {s.host}")
            validity = _uidvalidity(imap)
            last = self._last_uid(validity)
            uids = _uids_after(imap, last)
            for start in range(0, len(uids), HEADER_BATCH):
                batch = uids[start : start + HEADER_BATCH]
                for uid, headers in _headers(imap, batch):
                    found = match(headers, requests) if headers is not None else None
                    if found is not None:
                        outcome = self._keep(imap, uid, found, today)
                        if outcome is not None:
                            yield outcome
                    self._remember(validity, uid)
        except (OSError, imaplib.IMAP4.abort, ssl.SSLError, EOFError) as exc:
            raise MailboxError(
                f"the connection to {s.host} was lost ({_text(exc)}); what was attached so far "
                "is kept, and the next check goes on from there"
            ) from None
        finally:
            try:
                imap.logout()
            except (OSError, imaplib.IMAP4.error, EOFError):
                pass

    def _keep(
        self, imap: imaplib.IMAP4, uid: int, found: tuple[Tracked, str], today: date
    ) -> WatchOutcome | None:
        request, why = found
        status, data = imap.uid("FETCH", str(uid), "(BODY.PEEK[])")
        raw = _literal(data)
        if status != "OK" or raw is None:
            return None
        with tempfile.TemporaryDirectory(prefix="foia-mail-") as tmp:
            path = Path(tmp) / f"reply-{uid}.eml"
            path.write_bytes(raw)
            [outcome] = list(self.casefile.attach(request.request_id, [path], today=today))
        return WatchOutcome(uid, request.request_id, why, outcome)

    def _mailbox_key(self) -> str:
        s = self.settings
        return f"{s.user}@{s.host}:{s.port}/{s.folder}"

    def _last_uid(self, validity: int) -> int:
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT uidvalidity, last_uid FROM mailbox_seen WHERE mailbox = ?",
                (self._mailbox_key(),),
            ).fetchone()
        if row is None or int(row[0]) != validity:
            return 0  # a new folder, or the server renumbered it: look at everything again
        return int(row[1])

    def _remember(self, validity: int, uid: int) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO mailbox_seen (mailbox, uidvalidity, last_uid) VALUES (?, ?, ?) "
                "ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, "
                # CASE rather than max(a, b), which PostgreSQL calls greatest(a, b).
                "last_uid = CASE WHEN excluded.last_uid > mailbox_seen.last_uid "
                "THEN excluded.last_uid ELSE mailbox_seen.last_uid END",
                (self._mailbox_key(), validity, uid),
            )


def _connect(s: ImapSettings) -> imaplib.IMAP4:
    context = ssl.create_default_context(cafile=s.ca_file or None)
    if s.security == "ssl":
        return imaplib.IMAP4_SSL(s.host, s.port, ssl_context=context, timeout=TIMEOUT_SECONDS)
    imap = imaplib.IMAP4(s.host, s.port, timeout=TIMEOUT_SECONDS)
    if s.security == "starttls":
        imap.starttls(ssl_context=context)
    return imap


def _connection_problem(s: ImapSettings, exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the mail server {s.host} sent a certificate that could not be trusted ({exc})"
    if isinstance(exc, ConnectionRefusedError):
        return f"nothing answers at {s.host} port {s.port}: check the server and port"
    if isinstance(exc, socket.gaierror):
        return f"the mail server name {s.host!r} could not be found"
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"the mail server {s.host} did not answer in time"
    return f"cannot connect to the mail server {s.host} port {s.port} ({_text(exc)})"


def _text(exc: BaseException) -> str:
    text = str(exc)
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    return text or type(exc).__name__


def _quoted(folder: str) -> str:
    if any(c in folder for c in "\r\n\0"):
        raise MailboxError("a folder name cannot contain line breaks")
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uidvalidity(imap: imaplib.IMAP4) -> int:
    _, data = imap.response("UIDVALIDITY")
    try:
        return int(data[0]) if data and data[0] else 0
    except (TypeError, ValueError):
        return 0


def _uids_after(imap: imaplib.IMAP4, last: int) -> list[int]:
    status, data = imap.uid("SEARCH", f"UID {last + 1}:*")
    if status != "OK" or not data or not data[0]:
        return []
    return sorted(u for u in (int(x) for x in data[0].split()) if u > last)


def _headers(imap: imaplib.IMAP4, uids: list[int]) -> Iterator[tuple[int, EmailMessage | None]]:
    wanted = "BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES)]"
    status, data = imap.uid("FETCH", ",".join(str(u) for u in uids), f"(UID {wanted})")
    if status != "OK":
        return
    for item in data:
        if not isinstance(item, tuple):
            continue
        meta, raw = item
        m = re.search(rb"UID (\d+)", meta)
        if not m:
            continue
        message = email.message_from_bytes(raw, policy=email.policy.default)
        yield int(m.group(1)), message if isinstance(message, EmailMessage) else None


def _literal(data: list[object]) -> bytes | None:
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def tracked_requests(requests: Sequence[TrackedRequest]) -> list[Tracked]:
    """What the watch matches replies on, for each tracked request still waiting on the agency."""
    out = []
    for r in requests:
        if r.id is None:
            continue
        sent_ids = tuple(e.message_id for e in r.events if e.message_id and "@" in e.message_id)
        out.append(
            Tracked(
                r.id,
                agency_email=r.spec.agency.email,
                reference=r.tracking_number,
                subject=r.spec.subject,
                message_ids=sent_ids,
            )
        )
    return out
