"""The footer's 'rules last checked' dates, read quickly, match the full loader's."""

from __future__ import annotations

from foia_assist.app import AppContext
from foia_assist.paths import AppPaths, resources_dir
from foia_assist.services.about import footer_text, quick_footer_text
from foia_assist.storage.rule_dates import verified_dates


def test_quick_dates_are_the_loaders_dates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(paths=AppPaths.under(tmp_path))
    quick = sorted(verified_dates(resources_dir() / "jurisdictions"))
    assert quick == sorted(j.verified for j in ctx.jurisdictions)
    assert quick_footer_text() == footer_text(ctx.jurisdictions)
