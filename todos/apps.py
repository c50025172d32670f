"""The todos feature, declared once for the kit (health, AI flag, caches, data)."""

from mysphere_core.features import FeatureConfig


class TodosConfig(FeatureConfig):
    """Things to do: tasks, recurrence, subtasks, quick add, agenda, AI plan."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "todos"
    intents = "todos.intents"
    verbose_name = "Todos"
    feature = "todos"
    ai_flag = "TODO_AI_SUGGESTIONS"
    health_model = "todos.TodoModel"
    data_service = "todos.services.TodoService"
    # The suggestions read the profile's time zone.
    invalidated_by = ("todos", "users")

    def ready(self) -> None:
        """Connect the receiver that turns subscription trials into todos."""
        super().ready()
        from mysphere_core.events import domain_event
        from todos.receivers import on_subscription_event

        domain_event.connect(
            on_subscription_event, dispatch_uid="todos.receivers.subscription_event"
        )
