"""Our scripts and stylesheets ship minified: their sources keep their comments (they say
why), the phone gets the bytes without them.

`collectstatic` copies files through the finders in STATICFILES_FINDERS; our source folder
(STATICFILES_DIRS) is found by `MinifyingFileSystemFinder`, whose storage hands
collectstatic each `.js`/`.css` file minified. The hashing and the .br/.gz copies of
whitenoise's storage come after the copy, so they are of the minified bytes. The admin's
and the apps' own files (AppDirectoriesFinder) are copied as they are.

With DEBUG on, runserver and whitenoise read the source folders directly: development
serves the files unminified, as written. `collectstatic --link` links the sources too.
"""

import datetime as dt
from pathlib import Path, PurePosixPath

import rcssmin
import rjsmin
from django.conf import settings
from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minifies(name: str) -> bool:
    """Whether `name` (a path under a static folder) is ours to minify: vendored files and
    `*.min.*` ones are shipped as their authors built them."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.suffix in _MINIFIERS and "vendor" not in path.parts and ".min." not in path.name


def minified(*, name: str, source: bytes) -> bytes:
    """The bytes a phone gets for the static file `name` whose source is `source`."""
    if not minifies(name):
        return source
    return _MINIFIERS[PurePosixPath(name).suffix](source)


class MinifyingStorage(FileSystemStorage):
    """A source folder, read as collectstatic copies it: minified where `minifies`."""

    def _open(self, name, mode="rb"):
        if not minifies(name):
            return super()._open(name, mode)
        with super()._open(name, "rb") as file:
            source = file.read()
        return ContentFile(minified(name=name, source=source), name=name)

    def get_modified_time(self, name):
        # A change to the rule makes every minified file newer than its copy in STATIC_ROOT:
        # collectstatic skips a source older than its copy, so it would otherwise keep an
        # earlier, unminified copy of every source unchanged since.
        modified = super().get_modified_time(name)
        if not minifies(name):
            return modified
        changed = dt.datetime.fromtimestamp(Path(__file__).stat().st_mtime, tz=dt.UTC)
        return max(modified, changed if settings.USE_TZ else timezone.make_naive(changed))


class MinifyingFileSystemFinder(FileSystemFinder):
    """FileSystemFinder over STATICFILES_DIRS, whose files collectstatic copies minified."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for root, storage in list(self.storages.items()):
            minifying = MinifyingStorage(location=root)
            minifying.prefix = storage.prefix
            self.storages[root] = minifying
