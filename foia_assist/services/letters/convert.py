"""Turn a rendered DOCX letter into plain text (email body) or simple HTML. Qt-free.

Both come from one reading of the document (`docx_reading.DocxReader`); PDF is made in
`pdf_conversion`.
"""

from __future__ import annotations

import html

from foia_assist.services.letters.docx_reading import DocxReader, Paragraph, Run

__all__ = ["docx_to_html", "docx_to_text"]


# -- plain text -----------------------------------------------------------------------------------


def docx_to_text(docx_bytes: bytes) -> str:
    """Plain text for an email body: a blank line between paragraphs, line breaks kept,
    table rows one per line with cells separated by a tab, list numbers/bullets as prefixes."""
    chunks: list[str] = []
    for block in DocxReader(docx_bytes).blocks():
        if isinstance(block, Paragraph):
            text = _clean_lines(("  " * block.level if block.prefix else "") + block.text)
        else:
            rows = [
                "\t".join(_clean_lines("\n".join(p.text for p in cell)) for cell in row)
                for row in block.rows
            ]
            text = "\n".join(row.rstrip() for row in rows if row.strip())
        if text.strip():
            chunks.append(text)
    return "\n\n".join(chunks) + "\n" if chunks else ""


def _clean_lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


# -- HTML -----------------------------------------------------------------------------------------

_HTML_HEAD = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
    "<style>p { margin-top: 0; margin-bottom: 0.6em; } "
    "td { padding: 3pt; vertical-align: top; } "
    "table { border-collapse: collapse; margin-bottom: 0.6em; }</style>"
    "</head><body>\n"
)


def docx_to_html(docx_bytes: bytes) -> str:
    """Simple, escaped HTML (paragraphs, b/i/u runs, alignment, list prefixes, tables) that Qt's
    rich-text engine and browsers both display faithfully enough for a letter."""
    out = [_HTML_HEAD]
    for block in DocxReader(docx_bytes).blocks():
        if isinstance(block, Paragraph):
            out.append(_paragraph_html(block) + "\n")
        else:
            style = ' style="page-break-before: always"' if block.page_break_before else ""
            out.append(f'<table border="1" cellspacing="0" cellpadding="4" width="100%"{style}>\n')
            for row in block.rows:
                cells = "".join(
                    "<td>" + "".join(_paragraph_html(p) for p in cell) + "</td>" for cell in row
                )
                out.append(f"<tr>{cells}</tr>\n")
            out.append("</table>\n")
    out.append("</body></html>\n")
    return "".join(out)


def _paragraph_html(para: Paragraph) -> str:
    if para.hanging and not para.heading:
        split = _split_label(para)
        if split is not None:
            return _hanging_html(para, *split)
    tag = f"h{para.heading}" if para.heading else "p"
    attrs = f' align="{para.align}"' if para.align else ""
    styles = []
    if para.page_break_before:
        styles.append("page-break-before: always")
    if para.level:
        styles.append(f"margin-left: {1.5 * para.level}em")
    if styles:
        attrs += f' style="{"; ".join(styles)}"'
    inner = html.escape(para.prefix) + "".join(_run_html(run) for run in para.runs)
    return f"<{tag}{attrs}>{inner or '&nbsp;'}</{tag}>"


def _split_label(para: Paragraph) -> tuple[str, list[Run]] | None:
    """A hanging paragraph's label ("1.", "•") before its first tab, and the runs after it."""
    label = para.prefix
    for i, run in enumerate(para.runs):
        if "\t" in run.text:
            before, after = run.text.split("\t", 1)
            label += before
            if len(label.strip()) > 6:  # not a label: a tab inside the text
                return None
            rest = [Run(after, run.bold, run.italic, run.underline), *para.runs[i + 1 :]]
            return label.strip(), [r for r in rest if r.text]
        label += run.text
    return None


def _hanging_html(para: Paragraph, label: str, rest: list[Run]) -> str:
    """A borderless two-cell table: Qt's rich text has no tab stops, and this keeps every line
    of an item's text aligned after its number, as Word's hanging indent does."""
    style = ' style="page-break-before: always"' if para.page_break_before else ""
    text = "".join(_run_html(run) for run in rest) or "&nbsp;"
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0"{style}>'
        f'<tr><td width="28" style="padding: 0">{html.escape(label)}</td>'
        f'<td style="padding: 0">{text}</td></tr></table>'
    )


def _run_html(run: Run) -> str:
    text = html.escape(run.text).replace("\n", "<br>").replace("\t", "&emsp;")
    if run.underline:
        text = f"<u>{text}</u>"
    if run.italic:
        text = f"<i>{text}</i>"
    if run.bold:
        text = f"<b>{text}</b>"
    return text
