"""The one way the portal hands out a stored file: only after the caller's permission check, always as an attachment
the browser neither sniffs nor renders (nosniff, and a sandboxing CSP should it try), a missing file a French 404."""

from django.http import FileResponse, Http404


def attachment(stored_file, *, filename, content_type, missing="Ce fichier est introuvable."):
    try:
        handle = stored_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(missing) from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type or "application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
