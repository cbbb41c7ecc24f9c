"""RecipesApp: package declaration, share target and the seed API."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.base import Activity, App
from droidpilot.emulator.virtual.apps.recipes import store
from droidpilot.emulator.virtual.apps.recipes.details import RecipeDetailsActivity
from droidpilot.emulator.virtual.apps.recipes.editor import CreateAndEditRecipeActivity
from droidpilot.emulator.virtual.apps.recipes.recipe_list import MainActivity

# A fresh phone's few recipes: (title, description, servings, time, ingredients, directions).
_SEED_RECIPES = (
    ("Pancakes", "Fluffy breakfast pancakes.", "4 servings", "20 min",
     "200 g flour\n2 eggs\n300 ml milk\n1 tbsp sugar\n1 pinch of salt",
     "Whisk flour, sugar and salt.\nBeat in the eggs and milk until smooth.\n"
     "Fry ladlefuls in a buttered pan until golden on both sides."),
    ("Tomato Basil Bruschetta", "A quick Italian starter.", "6 servings", "15 min",
     "1 baguette\n4 ripe tomatoes\n1 handful of basil\n1 garlic clove\n2 tbsp olive oil",
     "Toast the sliced baguette.\nRub with garlic.\nTop with chopped tomatoes, basil and olive oil."),
    ("Lentil Soup", "Hearty and warming.", "4 servings", "45 min",
     "250 g red lentils\n1 onion\n2 carrots\n1 l vegetable broth\n1 tsp cumin",
     "Sauté the chopped onion and carrots.\nAdd lentils, broth and cumin.\nSimmer for 25 minutes and blend."),
    ("Greek Salad", "Fresh summer salad with feta.", "2 servings", "10 min",
     "1 cucumber\n3 tomatoes\n1 red onion\n200 g feta\n1 handful of olives",
     "Chop the vegetables.\nAdd olives and crumbled feta.\nDress with olive oil and oregano."),
)


class RecipesApp(App):
    PACKAGE: ClassVar[str] = "net.droidpilot.recipes"
    LABEL: ClassVar[str] = "Recipes"
    ICON: ClassVar[str] = "recipes"
    COLOR: ClassVar[str] = "green"
    ACTIVITIES: ClassVar[tuple[type[Activity], ...]] = (MainActivity, CreateAndEditRecipeActivity,
                                                         RecipeDetailsActivity)
    LAUNCHER: ClassVar[type[Activity] | None] = MainActivity
    SHARE_TARGETS: ClassVar[tuple[tuple[str, type[Activity]], ...]] = (("text/plain", CreateAndEditRecipeActivity),)
    DATABASE: ClassVar[str] = "broccoli"
    SCHEMA: ClassVar[str] = store.SCHEMA

    # -- seed API (tests and benchmark set-up; the UI never calls it) ----------------------------------------
    def insert_recipe(self, title: str, description: str = "", servings: str = "", preparation_time: str = "",
                      ingredients: str = "", directions: str = "", favorite: bool = False,
                      source: str = "") -> int:
        """Add a recipe (`ingredients` and `directions` one item a line); returns its `recipeId`."""
        values = {"title": title, "description": description, "servings": servings,
                  "preparationTime": preparation_time, "source": source, "ingredients": ingredients,
                  "directions": directions}
        with self.db() as conn:
            return store.insert_recipe(conn, values, favorite)

    def recipes(self) -> list[dict[str, Any]]:
        """Every recipe in list order (title, case-insensitive, then id), each a dict of the `recipes` columns:
        `recipeId`, `title`, `imageName`, `description`, `servings`, `preparationTime`, `source`,
        `ingredients`, `directions` (text, never None) and `favorite` (bool)."""
        with self.db() as conn:
            return store.all_recipes(conn)

    def clear(self) -> None:
        """Delete every recipe (categories stay)."""
        with self.db() as conn:
            store.clear(conn)

    def seed_defaults(self, rng: random.Random) -> None:
        for title, description, servings, time, ingredients, directions in rng.sample(_SEED_RECIPES, 3):
            self.insert_recipe(title, description, servings, time, ingredients, directions)
