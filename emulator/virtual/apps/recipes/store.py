"""The `broccoli` database: Broccoli's Room schema and every query the Recipes screens and seed API run.

Functions take an open connection so a caller can group several writes into one transaction. The `recipes`
table has exactly Broccoli's columns, so a harness reading `SELECT * FROM recipes` into AndroidWorld's
`Recipe(title, description, servings, preparationTime, source, ingredients, directions, imageName, favorite,
recipeId)` rows works unchanged.
"""

from __future__ import annotations

import sqlite3
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS recipes (
    recipeId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    title TEXT,
    imageName TEXT,
    description TEXT,
    servings TEXT,
    preparationTime TEXT,
    source TEXT,
    ingredients TEXT,
    directions TEXT,
    favorite INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS categories (
    categoryId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT
);
CREATE TABLE IF NOT EXISTS recipes_with_categories (
    recipeId INTEGER NOT NULL,
    categoryId INTEGER NOT NULL,
    PRIMARY KEY(recipeId, categoryId),
    FOREIGN KEY(recipeId) REFERENCES recipes(recipeId) ON DELETE CASCADE,
    FOREIGN KEY(categoryId) REFERENCES categories(categoryId) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS index_recipes_with_categories_recipeId ON recipes_with_categories(recipeId);
CREATE INDEX IF NOT EXISTS index_recipes_with_categories_categoryId ON recipes_with_categories(categoryId);
"""

# The editable text columns, in the editor's order.
TEXT_FIELDS = ("title", "description", "servings", "preparationTime", "source", "ingredients", "directions")
# What search looks at: Broccoli's full-text index covers these four columns.
SEARCHED = ("title", "description", "source", "ingredients")


def _row(row: sqlite3.Row) -> dict[str, Any]:
    recipe = {key: "" if value is None else value for key, value in dict(row).items()}
    recipe["favorite"] = bool(row["favorite"])
    return recipe


def all_recipes(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every recipe as the list shows them: by title, case-insensitive (then by id, for equal titles)."""
    rows = conn.execute("SELECT * FROM recipes ORDER BY title COLLATE NOCASE, recipeId").fetchall()
    return [_row(r) for r in rows]


def get_recipe(conn: sqlite3.Connection, recipe_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM recipes WHERE recipeId = ?", (recipe_id,)).fetchone()
    return None if row is None else _row(row)


def insert_recipe(conn: sqlite3.Connection, values: dict[str, str], favorite: bool, image_name: str = "") -> int:
    """Add a recipe from `values` (any of TEXT_FIELDS; missing ones are empty); returns its `recipeId`."""
    texts = [str(values.get(name, "")) for name in TEXT_FIELDS]
    cursor = conn.execute(
        f"INSERT INTO recipes ({', '.join(TEXT_FIELDS)}, imageName, favorite) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*texts, image_name, int(favorite)))
    return int(cursor.lastrowid or 0)


def update_recipe(conn: sqlite3.Connection, recipe_id: int, values: dict[str, str], favorite: bool) -> None:
    assignments = ", ".join(f"{name} = ?" for name in TEXT_FIELDS)
    texts = [str(values.get(name, "")) for name in TEXT_FIELDS]
    conn.execute(f"UPDATE recipes SET {assignments}, favorite = ? WHERE recipeId = ?",
                 (*texts, int(favorite), recipe_id))


def set_favorite(conn: sqlite3.Connection, recipe_id: int, favorite: bool) -> None:
    conn.execute("UPDATE recipes SET favorite = ? WHERE recipeId = ?", (int(favorite), recipe_id))


def delete_recipes(conn: sqlite3.Connection, recipe_ids: list[int]) -> None:
    """Delete recipes and their category links (SQLite leaves foreign keys off, so no cascade runs)."""
    for recipe_id in recipe_ids:
        conn.execute("DELETE FROM recipes_with_categories WHERE recipeId = ?", (recipe_id,))
        conn.execute("DELETE FROM recipes WHERE recipeId = ?", (recipe_id,))


def clear(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM recipes_with_categories")
    conn.execute("DELETE FROM recipes")


def matches(recipe: dict[str, Any], query: str) -> bool:
    """Case-insensitive: every word of the query occurs in the title, description, source or ingredients."""
    haystack = " ".join(str(recipe[name]) for name in SEARCHED).casefold()
    return all(word in haystack for word in query.casefold().split())


def search_order(recipes: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Title hits first, as Broccoli ranks full-text matches by the column they were found in."""
    words = query.casefold().split()
    hits = [r for r in recipes if matches(r, query)]
    return sorted(hits, key=lambda r: not all(w in r["title"].casefold() for w in words))


def lines(text: str) -> list[str]:
    """The non-blank lines of a multi-line field: ingredients one a line, directions one step a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def share_text(recipe: dict[str, Any]) -> str:
    """The plain-text form Share sends: title, description, servings and time, ingredients, directions."""
    parts = [recipe["title"]]
    if recipe["description"]:
        parts.append(recipe["description"])
    meta = [f"{label}: {recipe[key]}" for label, key in (("Servings", "servings"),
                                                         ("Preparation time", "preparationTime"))
            if recipe[key]]
    if meta:
        parts.append("\n".join(meta))
    if lines(recipe["ingredients"]):
        parts.append("Ingredients\n" + "\n".join(f"- {line}" for line in lines(recipe["ingredients"])))
    if lines(recipe["directions"]):
        steps = lines(recipe["directions"])
        parts.append("Directions\n" + "\n".join(f"{i}. {line}" for i, line in enumerate(steps, 1)))
    if recipe["source"]:
        parts.append(f"Source: {recipe['source']}")
    return "\n\n".join(parts)
