"""The assistant's tables: the chat history and each user's assistant settings."""

from django.conf import settings
from django.db import models

from mysphere_core.models import BaseModel


class ChatMessageModel(BaseModel):
    """One message of a user's chat with the assistant, theirs or its reply."""

    class Role(models.TextChoices):
        USER = "user", "User"
        ASSISTANT = "assistant", "Assistant"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assistant_messages",
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    content = models.TextField()
    intent = models.CharField(max_length=30, blank=True)
    feature = models.CharField(max_length=30, blank=True)
    # The objects a reply proposed or touched: [{"type": "expense", "id": 7}, ...]
    references = models.JSONField(default=list, blank=True)
    executed = models.BooleanField(default=False)
    # What the next message may need of a reply: its intent, kind and slots, the
    # words, a proposal waiting for a yes, what undoing its write needs.
    context = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "assistant message"
        db_table = "assistant_chat_messages"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "-created_at", "-id"], name="assistant_user_newest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:40]}"


class AssistantSettingsModel(BaseModel):
    """A user's assistant settings: act on writes at once, or propose them first."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assistant_settings",
    )
    act_directly = models.BooleanField(
        default=False,
        help_text="Carry out writes at once instead of proposing them first.",
    )

    class Meta:
        verbose_name = "assistant settings"
        verbose_name_plural = "assistant settings"
        db_table = "assistant_settings"
        ordering = ["user_id"]

    def __str__(self) -> str:
        return f"assistant settings of {self.user_id}"
