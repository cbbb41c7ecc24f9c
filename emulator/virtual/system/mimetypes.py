"""Android's MimeTypeMap for the extensions the phone's apps meet: one table for Files, MediaStore and intent
resolution, so a file has the same type everywhere (values as Android 14's libcore MimeMap gives them)."""

from __future__ import annotations

OCTET_STREAM = "application/octet-stream"
MIME_TYPES = {
    "txt": "text/plain", "log": "text/plain", "md": "text/markdown", "csv": "text/csv", "xml": "text/xml",
    "html": "text/html", "htm": "text/html", "json": "application/json", "pdf": "application/pdf",
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
    "bmp": "image/x-ms-bmp", "heic": "image/heic",
    "mp4": "video/mp4", "m4v": "video/mp4", "mkv": "video/x-matroska", "webm": "video/webm", "3gp": "video/3gpp",
    "mov": "video/quicktime", "avi": "video/avi",
    "mp3": "audio/mpeg", "m4a": "audio/mp4", "aac": "audio/aac", "wav": "audio/x-wav", "ogg": "audio/ogg",
    "flac": "audio/flac", "opus": "audio/ogg", "amr": "audio/amr",
    "zip": "application/zip", "rar": "application/rar", "7z": "application/x-7z-compressed",
    "apk": "application/vnd.android.package-archive", "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def extension(name: str) -> str:
    """The lower-cased extension of a file name or path, without the dot; "" when it has none."""
    base = name.rpartition("/")[2]
    return base.rpartition(".")[2].lower() if "." in base else ""


def mime_of(name: str) -> str:
    """The MIME type of a file name, path or `file://` URI; application/octet-stream when unknown."""
    return MIME_TYPES.get(extension(name), OCTET_STREAM)
