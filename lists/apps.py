"""The lists feature, declared once for the kit (health, AI flag, caches)."""

from mysphere_core.features import FeatureConfig


class ListsConfig(FeatureConfig):
    """Things to get: shopping, packing and wish lists, shared, sorted by aisle."""

    default = True  # the app config Django picks (apps.py also sees FeatureConfig)
    name = "lists"
    intents = "lists.intents"
    verbose_name = "Lists"
    feature = "lists"
    ai_flag = "LIST_SMART_CATEGORIZATION"
    health_model = "lists.ListModel"
