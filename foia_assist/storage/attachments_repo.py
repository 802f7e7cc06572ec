"""Attachments of tracked requests, and the full-text index of their text.

SQLite: an FTS5 table; PostgreSQL: a table with a generated tsvector and a GIN index (schema
5's `.postgresql.sql`). Both are keyed by `rowid` = the attachment's id, so only the search
itself is written twice. Ranks are "lower is better" on both (bm25; minus ts_rank_cd).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from foia_assist.errors import UserError
from foia_assist.storage.database import Database

MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Attachment:
    id: int
    request_id: int
    sha256: str
    size: int
    name: str
    kind: str
    received: date
    added: date
    container: str = ""
    problem: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "attachment_id": self.id,
            "request_id": self.request_id,
            "name": self.name,
            "sha256": self.sha256,
            "size": self.size,
            "kind": self.kind,
            "received": self.received.isoformat(),
            "added": self.added.isoformat(),
            "container": self.container or None,
            "problem": self.problem or None,
        }


@dataclass(frozen=True)
class SearchHit:
    request_id: int
    attachment_id: int
    name: str
    snippet: str  # matched words between [[ and ]]
    rank: float  # lower is better (FTS5 bm25)

    def to_dict(self) -> dict[str, object]:
        return {
            "request_id": self.request_id,
            "attachment_id": self.attachment_id,
            "name": self.name,
            "snippet": self.snippet,
            "rank": self.rank,
        }


_COLUMNS = "id, request_id, sha256, size, name, kind, received, added, container, problem"
HIGHLIGHT = ("[[", "]]")


def _row(row: tuple[Any, ...]) -> Attachment:
    return Attachment(
        int(row[0]),
        int(row[1]),
        str(row[2]),
        int(row[3]),
        str(row[4]),
        str(row[5]),
        date.fromisoformat(str(row[6])),
        date.fromisoformat(str(row[7])),
        str(row[8]),
        str(row[9]),
    )


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query: every word must occur (each quoted, so no word is
    read as an operator); the last word also matches as a prefix (search as you type)."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return ""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def tsquery_text(text: str) -> str:
    """The user's words as PostgreSQL tsquery text, meaning what `fts_query` means: every
    word (each quoted as a lexeme, so none is an operator), the last also as a prefix."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return ""
    quoted = ["'" + w.replace("'", "''").replace("\\", "\\\\") + "'" for w in words]
    quoted[-1] += ":*"
    return " & ".join(quoted)


class AttachmentsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def require_request(self, request_id: int) -> None:
        if not 1 <= request_id <= MAX_ID:
            raise UserError(f"no tracked request with id {request_id}")
        with self.db.reading() as conn:
            row = conn.execute("SELECT 1 FROM requests WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            raise UserError(f"no tracked request with id {request_id}")

    def add(self, a: Attachment, text: str) -> tuple[int, bool]:
        """Save `a` (its id is ignored) with its text; returns (id, True if new). The same
        file under the same name on the same request is kept once."""
        return self.add_all([(a, text)])[0]

    def add_all(self, items: list[tuple[Attachment, str]]) -> list[tuple[int, bool]]:
        """Save several attachments in one transaction (one commit for a batch of files)."""
        out: list[tuple[int, bool]] = []
        with self.db.transaction() as conn:
            for a, text in items:
                known = conn.execute("SELECT 1 FROM requests WHERE id = ?", (a.request_id,))
                if known.fetchone() is None:
                    raise UserError(f"no tracked request with id {a.request_id}")
                found = conn.execute(
                    "SELECT id FROM attachments WHERE request_id = ? AND sha256 = ? AND name = ?",
                    (a.request_id, a.sha256, a.name),
                ).fetchone()
                if found is not None:
                    out.append((int(found[0]), False))
                    continue
                new_id = conn.insert(
                    f"INSERT INTO attachments ({_COLUMNS.removeprefix('id, ')}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _params(a),
                )
                conn.execute(
                    "INSERT INTO attachment_text (rowid, name, body) VALUES (?, ?, ?)",
                    (new_id, a.name, text),
                )
                out.append((new_id, True))
        return out

    def for_request(self, request_id: int) -> list[Attachment]:
        with self.db.reading() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM attachments WHERE request_id = ? ORDER BY received, id",
                (request_id,),
            ).fetchall()
        return [_row(r) for r in rows]

    def get(self, attachment_id: int) -> Attachment:
        if not 1 <= attachment_id <= MAX_ID:
            raise UserError(f"no attachment with id {attachment_id}")
        with self.db.reading() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
        if row is None:
            raise UserError(f"no attachment with id {attachment_id}")
        return _row(row)

    def text(self, attachment_id: int) -> str:
        with self.db.reading() as conn:
            row = conn.execute(
                "SELECT body FROM attachment_text WHERE rowid = ?", (attachment_id,)
            ).fetchone()
        return str(row[0]) if row else ""

    def delete(self, attachment_id: int) -> Attachment:
        """Remove one attachment (and its text); returns what was removed."""
        gone = self.get(attachment_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            conn.execute("DELETE FROM attachment_text WHERE rowid = ?", (attachment_id,))
        return gone

    def all(self) -> list[Attachment]:
        """Every attachment, by id (migrate)."""
        with self.db.reading() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM attachments ORDER BY id").fetchall()
        return [_row(r) for r in rows]

    def count(self) -> int:
        with self.db.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM attachments").fetchone()[0])

    def add_with_ids(self, items: list[tuple[Attachment, str]]) -> None:
        """Save attachments under their own ids with their text (migrate, in one transaction
        with the requests they belong to)."""
        with self.db.transaction() as conn:
            for a, text in items:
                conn.execute(
                    f"INSERT INTO attachments ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (a.id, *_params(a)),
                )
                conn.execute(
                    "INSERT INTO attachment_text (rowid, name, body) VALUES (?, ?, ?)",
                    (a.id, a.name, text),
                )
            conn.ids_set_explicitly("attachments")  # PostgreSQL: new ids after these

    def clear(self) -> None:
        """Delete every attachment and its text (migrate with replace)."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM attachment_text")
            conn.execute("DELETE FROM attachments")

    def sha256s_in_use(self) -> set[str]:
        with self.db.reading() as conn:
            return {str(r[0]) for r in conn.execute("SELECT DISTINCT sha256 FROM attachments")}

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Attachments whose name or text has every word, best first (bm25), with a snippet."""
        if self.db.dialect == "postgresql":
            return self._search_postgresql(text, limit)
        query = fts_query(text)
        if not query:
            return []
        with self.db.reading() as conn:
            # Rank first (FTS5 sorts by bm25 inside the index), then make snippets for the
            # best `limit` only: a snippet re-reads its document, the ranking does not.
            rows = conn.execute(
                "SELECT a.request_id, a.id, a.name, "
                "snippet(attachment_text, 1, ?, ?, '…', 16), best.rank "
                "FROM (SELECT rowid AS id, rank FROM attachment_text WHERE attachment_text "
                "MATCH ? ORDER BY rank LIMIT ?) AS best "
                "JOIN attachment_text ON attachment_text.rowid = best.id "
                "JOIN attachments a ON a.id = best.id "
                "WHERE attachment_text MATCH ? ORDER BY best.rank, a.id",
                (*HIGHLIGHT, query, limit, query),
            ).fetchall()
        return [SearchHit(int(r[0]), int(r[1]), str(r[2]), str(r[3]), float(r[4])) for r in rows]

    def _search_postgresql(self, text: str, limit: int) -> list[SearchHit]:
        query = tsquery_text(text)
        if not query:
            return []
        start, stop = HIGHLIGHT
        options = (
            f"StartSel={start}, StopSel={stop}, MaxWords=16, MinWords=4, ShortWord=2, "
            "MaxFragments=1, FragmentDelimiter=…"
        )
        with self.db.reading() as conn:
            # Rank in the index first, then headlines for the best `limit` only (a headline
            # re-reads its document, like FTS5's snippet).
            rows = conn.execute(
                "SELECT a.request_id, a.id, a.name, "
                "ts_headline('english', t.body, best.q, ?), best.rank "
                "FROM (SELECT rowid AS id, q, -ts_rank_cd(words, q) AS rank "
                "FROM attachment_text, to_tsquery('english', ?) AS q WHERE words @@ q "
                "ORDER BY rank, rowid LIMIT ?) AS best "
                "JOIN attachment_text t ON t.rowid = best.id "
                "JOIN attachments a ON a.id = best.id ORDER BY best.rank, a.id",
                (options, query, limit),
            ).fetchall()
        return [SearchHit(int(r[0]), int(r[1]), str(r[2]), str(r[3]), float(r[4])) for r in rows]


def _params(a: Attachment) -> tuple[Any, ...]:
    """The row's values after `id`, in `_COLUMNS` order."""
    return (
        a.request_id,
        a.sha256,
        a.size,
        a.name,
        a.kind,
        a.received.isoformat(),
        a.added.isoformat(),
        a.container,
        a.problem,
    )
