"""The abstract base every feature model inherits, and tables shared by all features."""

from django.db import models


class ActiveQuerySet(models.QuerySet):
    """QuerySet with the soft-delete filter."""

    def active(self) -> "ActiveQuerySet":
        """Rows that have not been soft-deleted."""
        return self.filter(is_active=True)


class BaseModel(models.Model):
    """`created_at`, `updated_at` and `is_active` (soft delete) for every feature."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_active = models.BooleanField(default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        abstract = True

    def soft_delete(self) -> None:
        """Hide the row from the API without losing it."""
        self.is_active = False
        self.save(update_fields=["is_active", "updated_at"])
