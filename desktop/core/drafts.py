"""Autosaved drafts of open briefings and the recent-briefings list, in the user data folder.

Each draft is one file `<id>.kenes-draft` written atomically (temp file, fsync, rename), so
a crash or a kill leaves the previous draft or the new one, never half of one. A briefing
saved to a file has the draft id derived from that path; an untitled one gets a fresh id
that the caller passes back on the next autosave.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from desktop.core.briefing import (
    Briefing,
    BriefingError,
    dumps,
    from_dict,
    load,
    write_atomic,
)
from desktop.i18n import _

DRAFT_SCHEMA = "kenes-draft"
DRAFT_VERSION = 1
DRAFT_SUFFIX = ".kenes-draft"
RECENT_FILE = "recent-briefings.json"
RECENT_MAX = 10
STALE_TEMP_SECONDS = 60  # temp files older than this are leftovers of an interrupted write


@dataclass
class Draft:
    """An autosaved draft: its id, the file it belongs to (None: never saved) and when."""

    id: str
    path: Path | None
    saved_at: float  # seconds since the epoch
    title: str
    file: Path  # the draft file itself

    def load(self) -> Briefing:
        return _read_draft(self.file)[1]


def draft_id_for(path: str | os.PathLike) -> str:
    """The draft id of a briefing saved at `path` (stable across runs)."""
    p = str(Path(path).expanduser().resolve())
    return "f-" + hashlib.blake2b(p.encode("utf-8"), digest_size=10).hexdigest()


def _read_draft(file: Path) -> tuple[dict, Briefing]:
    try:
        d = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BriefingError(_("The autosaved draft cannot be read.")) from e
    if not isinstance(d, dict) or d.get("schema") != DRAFT_SCHEMA or \
            not isinstance(d.get("briefing"), dict):
        raise BriefingError(_("The autosaved draft cannot be read."))
    if not isinstance(d.get("version"), int) or d["version"] > DRAFT_VERSION:
        raise BriefingError(_("This draft was saved by a newer version of Kenes."))
    return d, from_dict(d["briefing"])


class DraftStore:
    """Drafts and recent briefings under `folder` (default: `<user data>/drafts`)."""

    def __init__(self, folder: str | os.PathLike | None = None):
        if folder is None:
            from desktop.paths import user_data_dir

            folder = user_data_dir() / "drafts"
        self.folder = Path(folder)

    def _ensure(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def _file(self, draft_id: str) -> Path:
        if not draft_id or any(c in draft_id for c in "/\\.") or draft_id.startswith("-"):
            raise BriefingError(_("Unknown draft."))
        return self.folder / f"{draft_id}{DRAFT_SUFFIX}"

    # ------------------------------------------------------------------ drafts
    def autosave(self, briefing: Briefing, path: str | os.PathLike | None = None,
                 draft_id: str | None = None) -> str:
        """Write `briefing` as the draft of `path` (or of the untitled `draft_id`, or of a
        new untitled briefing); returns the draft id to pass to later calls."""
        if path is not None:
            draft_id = draft_id_for(path)
        elif draft_id is None:
            draft_id = "u-" + uuid.uuid4().hex[:16]
        head = {"schema": DRAFT_SCHEMA, "version": DRAFT_VERSION, "id": draft_id,
                "path": str(Path(path).expanduser().resolve()) if path is not None else None,
                "saved_at": time.time()}
        body = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
        data = f'{body[:-1]},"briefing":{dumps(briefing, compact=True)}}}'.encode()
        try:
            self._ensure()
            write_atomic(self._file(draft_id), data)
        except OSError as e:
            raise BriefingError(_("The briefing could not be autosaved: {reason}").format(
                reason=e.strerror or e)) from e
        return draft_id

    def load(self, draft_id: str) -> Briefing:
        return _read_draft(self._file(draft_id))[1]

    def discard(self, draft_id: str) -> None:
        """Forget a draft (after a save, or when the user declines to restore it)."""
        try:
            self._file(draft_id).unlink()
        except FileNotFoundError:
            pass

    def drafts(self) -> list[Draft]:
        """Every readable draft, newest first."""
        if not self.folder.is_dir():
            return []
        self._sweep_temps()
        out = []
        for f in self.folder.glob(f"*{DRAFT_SUFFIX}"):
            try:
                d, b = _read_draft(f)
            except BriefingError:
                continue  # not ours to judge: leave it, never offer a broken restore
            p = d.get("path")
            saved = d.get("saved_at")
            saved = float(saved) if isinstance(saved, (int, float)) else f.stat().st_mtime
            out.append(Draft(id=f.name[: -len(DRAFT_SUFFIX)], path=Path(p) if p else None,
                             saved_at=saved, title=b.title, file=f))
        return sorted(out, key=lambda x: -x.saved_at)

    def recoverable(self) -> list[Draft]:
        """Drafts holding work not in their saved file: untitled ones, ones whose file is
        gone, and ones newer than their file with different content. Newest first."""
        out = []
        for dr in self.drafts():
            if dr.path is None or not dr.path.exists():
                out.append(dr)
                continue
            try:
                if dr.file.stat().st_mtime_ns <= dr.path.stat().st_mtime_ns:
                    continue
                if load(dr.path) == dr.load():
                    continue
            except (OSError, BriefingError):
                pass  # an unreadable saved file: the draft is the better copy
            out.append(dr)
        return out

    def _sweep_temps(self) -> None:
        """Remove temp files left by a write that was killed half-way."""
        now = time.time()
        for t in self.folder.glob(f".*{DRAFT_SUFFIX}.*.tmp"):
            try:
                if now - t.stat().st_mtime > STALE_TEMP_SECONDS:
                    t.unlink()
            except OSError:
                pass

    # ------------------------------------------------------------------ recent briefings
    def _recent_path(self) -> Path:
        return self.folder / RECENT_FILE

    def _read_recent(self) -> list[str]:
        try:
            d = json.loads(self._recent_path().read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return []
        items = d.get("recent") if isinstance(d, dict) else None
        return [p for p in items if isinstance(p, str)] if isinstance(items, list) else []

    def recent_files(self) -> list[Path]:
        """Recently opened or saved briefings, newest first; missing files are left out."""
        return [Path(p) for p in self._read_recent() if Path(p).is_file()][:RECENT_MAX]

    def add_recent(self, path: str | os.PathLike) -> list[Path]:
        """Put `path` first in the recent list (at most RECENT_MAX, missing files dropped)."""
        p = str(Path(path).expanduser().resolve())
        items = [p] + [x for x in self._read_recent() if x != p and Path(x).is_file()]
        items = items[:RECENT_MAX]
        try:
            self._ensure()
            write_atomic(self._recent_path(),
                         json.dumps({"recent": items}, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a lost recent list is an inconvenience, never a reason to fail a save
        return [Path(x) for x in items]

    def remove_recent(self, path: str | os.PathLike) -> None:
        p = str(Path(path).expanduser().resolve())
        items = [x for x in self._read_recent() if x != p]
        try:
            self._ensure()
            write_atomic(self._recent_path(),
                         json.dumps({"recent": items}, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass
