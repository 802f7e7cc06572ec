"""Letters: templates, context, rendering and conversion.

- `context`: the values a template is filled with (`build_context`, `draft_letter`).
- `service`: `LetterService`, which checks templates, renders and writes DOCX, PDF or text.
- `render`, `convert`: the sandboxed DOCX rendering engine and DOCX -> text/PDF conversion.

Nothing is imported here, so importing one module does not load the others.
"""
