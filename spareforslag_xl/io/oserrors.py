"""Operating-system errors said in the language in use, so that no English reason reaches a Danish user."""

from __future__ import annotations

import errno

from spareforslag_xl.model.i18n import _


def os_reason(exc: OSError) -> str:
    """Return an operating-system error's reason in the language in use ('ingen plads tilbage på enheden')."""
    reasons = {
        errno.ENOSPC: _("no space left on the disk"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOTDIR: _("a file is in the way where a folder should be"),
        errno.EISDIR: _("a folder is in the way where a file should be"),
        errno.EEXIST: _("the name exists already"),
        errno.ENOENT: _("no such file or folder"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.EIO: _("input/output error on the disk"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
