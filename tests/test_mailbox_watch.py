"""The mailbox watch against a real IMAP server (Dovecot, started by the test): replies are
matched to their requests and attached, nothing on the server changes, a wrong password and a
dropped connection are one clear message with nothing lost, and 1,000 messages are read."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from dovecot_server import DovecotServer, DroppingProxy, free_port
from postgres_server import on_both_backends

from foia_assist.services.casefile.mailbox import (
    ImapSettings,
    MailboxError,
    MailboxWatch,
    Tracked,
    match,
    tracked_requests,
)
from foia_assist.services.casefile.service import CaseFileService

TODAY = date(2027, 2, 1)


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    root = Path(tempfile.mkdtemp(prefix="foia-dovecot-"))
    root.chmod(0o755)  # the server may run as another user (nobody) under root
    server = DovecotServer(root / "server", free_port())
    try:
        yield server.start()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def message(
    subject: str,
    body: str,
    *,
    sender: str = "records@springfield.example",
    in_reply_to: str = "",
    when: datetime = datetime(2027, 1, 20, 15, 0, tzinfo=UTC),
) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "jane@example.org"
    m["Subject"] = subject
    m["Date"] = format_datetime(when)
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
    m.set_content(body)
    return bytes(m)


@pytest.fixture
def setup(tracker, app_paths, dovecot):  # type: ignore[no-untyped-def]
    from tracking_helpers import tracked_spec

    first = tracker.add_request(tracked_spec("WA", "Springfield Police"), today=TODAY)
    second = tracker.add_request(tracked_spec("TX", "Shelbyville Police"), today=TODAY)
    tracker.set_tracking_number(second, "PRR-2027-19")
    casefile = CaseFileService(tracker.requests.db, app_paths.attachments_dir)
    settings = ImapSettings("127.0.0.1", dovecot.user, dovecot.port, "none")
    requests = [
        Tracked(first, agency_email="records@springfield.example", message_ids=("<sent-1@me>",)),
        Tracked(second, reference="PRR-2027-19"),
    ]
    return tracker, casefile, settings, requests, first, second


@on_both_backends  # the last UID seen is kept by an upsert written for both
def test_replies_are_matched_attached_and_the_server_is_left_alone(setup, dovecot) -> None:  # type: ignore[no-untyped-def]
    tracker, casefile, settings, requests, first, second = setup
    dovecot.deliver(
        [
            message("Unrelated newsletter", "Sale!", sender="shop@example.com"),
            message(
                "Re: Public records request",
                "We have received your request. The estimated fee is $25.00.",
                in_reply_to="<sent-1@me>",
            ),
            message(
                "Your request PRR-2027-19",
                "Records are withheld under Tex. Gov't Code § 552.108.",
                sender="clerk@shelbyville.example",
            ),
        ]
    )
    before = dovecot.flags()
    watch = MailboxWatch(settings, dovecot.password, casefile, tracker.requests.db)
    outcomes = list(watch.check(requests, today=TODAY))
    assert [(o.request_id, o.uid) for o in outcomes] == [(first, 2), (second, 3)]
    assert "replies to the request we sent" in outcomes[0].why
    assert "reference PRR-2027-19" in outcomes[1].why
    kinds = {s.kind for s in outcomes[0].attached.suggestions}
    assert kinds == {"acknowledged", "fee_estimate"}
    assert [a.name for a in casefile.for_request(second)] == ["reply-3.eml"]
    assert casefile.for_request(first)[0].received == date(2027, 1, 20)
    assert dovecot.flags() == before  # nothing marked read, moved or deleted
    # The next check reads only what arrived since.
    assert list(watch.check(requests, today=TODAY)) == []
    dovecot.deliver([message("Re: x", "Attached are the records.", in_reply_to="<sent-1@me>")])
    assert [o.uid for o in watch.check(requests, today=TODAY)] == [4]


def test_a_wrong_password_is_one_clear_message(setup, dovecot) -> None:  # type: ignore[no-untyped-def]
    tracker, casefile, settings, requests, *_ = setup
    watch = MailboxWatch(settings, "wrong", casefile, tracker.requests.db)
    with pytest.raises(MailboxError) as info:
        list(watch.check(requests, today=TODAY))
    assert str(info.value).startswith("the mail server 127.0.0.1 refused the user name or password")


def test_no_server_is_one_clear_message(setup) -> None:  # type: ignore[no-untyped-def]
    tracker, casefile, _, requests, *_ = setup
    settings = ImapSettings("127.0.0.1", "clinic", free_port(), "none")
    with pytest.raises(MailboxError, match="nothing answers at 127.0.0.1 port"):
        list(
            MailboxWatch(settings, "x", casefile, tracker.requests.db).check(requests, today=TODAY)
        )


@on_both_backends
def test_a_dropped_connection_keeps_what_was_attached(setup, dovecot) -> None:  # type: ignore[no-untyped-def]
    tracker, casefile, settings, requests, first, _ = setup
    replies = [
        message(f"Re: part {n}", f"Attached are the records, part {n}.", in_reply_to="<sent-1@me>")
        for n in (1, 2, 3)
    ]
    dovecot.deliver(replies)
    proxy = DroppingProxy(dovecot.port)
    try:
        via_proxy = ImapSettings("127.0.0.1", dovecot.user, proxy.port, "none")
        watch = MailboxWatch(via_proxy, dovecot.password, casefile, tracker.requests.db)
        seen = []
        with pytest.raises(MailboxError) as info:
            for outcome in watch.check(requests, today=TODAY):
                seen.append(outcome.uid)
                proxy.drop()  # the network goes away in the middle of the check
        assert "connection to 127.0.0.1 was lost" in str(info.value)
        assert "what was attached so far is kept" in str(info.value)
        assert seen == [1]
        assert [a.name for a in casefile.for_request(first)] == ["reply-1.eml"]  # kept
        # The next check resumes after the last message done.
        assert [o.uid for o in watch.check(requests, today=TODAY)] == [2, 3]
    finally:
        proxy.close()
    names = [a.name for a in casefile.for_request(first)]
    assert names == ["reply-1.eml", "reply-2.eml", "reply-3.eml"]


@pytest.mark.slow
def test_a_thousand_messages(setup, dovecot) -> None:  # type: ignore[no-untyped-def]
    tracker, casefile, settings, requests, first, second = setup
    batch = [message(f"Newsletter {n}", "nothing", sender="shop@example.com") for n in range(997)]
    batch.insert(
        100, message("Re: request", "Enclosed are the records.", in_reply_to="<sent-1@me>")
    )
    batch.insert(500, message("PRR-2027-19 update", "We need a 10 day extension."))
    batch.append(message("Fwd: PRR-2027-19", "Please clarify the date range."))
    dovecot.deliver(batch)
    watch = MailboxWatch(settings, dovecot.password, casefile, tracker.requests.db)
    outcomes = list(watch.check(requests, today=TODAY))
    assert [(o.uid, o.request_id) for o in outcomes] == [
        (101, first),
        (501, second),
        (1000, second),
    ]


def test_matching_rules() -> None:
    from email import message_from_bytes, policy

    def parsed(raw: bytes):  # type: ignore[no-untyped-def]
        return message_from_bytes(raw, policy=policy.default)

    r = Tracked(7, agency_email="foia@city.example", reference="R-12", subject="FRT records")
    assert match(parsed(message("RE: FRT records", "x", sender="FOIA@city.example")), [r])
    assert match(parsed(message("About R-12", "x", sender="a@b.example")), [r])
    assert match(parsed(message("About R-123", "x", sender="a@b.example")), [r]) is None
    # The agency's address alone is not enough where the request has its own reference.
    assert match(parsed(message("Other", "x", sender="foia@city.example")), [r]) is None


def test_tracked_requests_come_from_the_tracker(tracker) -> None:  # type: ignore[no-untyped-def]
    from tracking_helpers import tracked_spec

    rid = tracker.add_request(tracked_spec("WA"), today=TODAY)
    tracker.set_tracking_number(rid, "W-1")
    [t] = tracked_requests(tracker.requests.all())
    assert (t.request_id, t.reference) == (rid, "W-1")
