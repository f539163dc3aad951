"""An upload waiting between its preview and the athlete's confirmation."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


def new_upload_token() -> str:
    return secrets.token_urlsafe(24)


class PendingImport(models.Model):
    """The uploaded file, kept in the database (not on one machine's disk) so that the
    confirmation re-reads exactly what was previewed, whichever app process answers it.
    Deleted once imported; uploads older than a day are deleted at the next upload."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_imports",
        verbose_name=gettext_lazy("athlete"),
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_upload_token, verbose_name=gettext_lazy("token")
    )
    file_name = models.CharField(max_length=200, blank=True, verbose_name=gettext_lazy("file name"))
    content = models.BinaryField(verbose_name=gettext_lazy("content"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=gettext_lazy("created at"))

    class Meta:
        verbose_name = gettext_lazy("pending import")
        verbose_name_plural = gettext_lazy("pending imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name or 'upload'} ({self.athlete})"
