"""Gemini prompt, response schema and answer cleaning of smart categorisation.

Only text and shapes live here; `ListService.categorize` gathers the items, calls
the gateway (`mysphere_core.ai.parse`) and supplies the keyword-map fallback.
"""

import json
from typing import Any

from lists.aisles import AISLES, OTHER, aisle_for


class ListAIInsights:
    """What we ask Gemini about a list's items, and how we read its answer."""

    CATEGORIZE_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "aisles": {
                "type": "array",
                "items": {"type": "string", "enum": list(AISLES)},
            }
        },
        "required": ["aisles"],
    }

    @staticmethod
    def categorize_prompt(text: str) -> str:
        """Ask for one aisle per line of `text`, in order."""
        names = text.split("\n")
        return (
            "You sort a shopping list by supermarket aisle. For each item below, in "
            f"order, give exactly one aisle from: {', '.join(AISLES)}. Answer JSON "
            '{"aisles": [...]} with exactly '
            f"{len(names)} entries. Items (JSON array):\n{json.dumps(names)}"
        )

    @staticmethod
    def clean_categories(data: dict[str, Any], names: list[str]) -> dict[str, Any]:
        """The AI's aisles paired with the names; ValueError when they do not fit."""
        aisles = data["aisles"]
        if len(aisles) != len(names):
            raise ValueError(f"{len(aisles)} aisles for {len(names)} items")
        if any(aisle not in AISLES for aisle in aisles):
            raise ValueError("an aisle outside the list")
        return {
            "items": [
                {"name": name, "aisle": aisle}
                for name, aisle in zip(names, aisles, strict=True)
            ]
        }

    @staticmethod
    def fallback_categories(text: str) -> dict[str, Any]:
        """The keyword map's aisle for each line of `text` ("Other" when unknown)."""
        names = text.split("\n") if text else []
        return {"items": [{"name": n, "aisle": aisle_for(n) or OTHER} for n in names]}
