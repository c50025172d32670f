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
    # The suggestions read the profile's time zone.
    invalidated_by = ("todos", "users")
