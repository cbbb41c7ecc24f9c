"""Recipes: flows driven through the UI (launcher icon, taps, typing), checked in the `broccoli` database."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.recipes import RecipesApp
from tests.ui import elements, find, need, open_app, scroll_to, tap, type_into

PKG = RecipesApp.PACKAGE
LIST = PKG + ".MainActivity"
DETAILS = PKG + ".recipe.details.RecipeDetailsActivity"
EDITOR = PKG + ".recipe.crud.CreateAndEditRecipeActivity"
COLUMNS = ["recipeId", "title", "imageName", "description", "servings", "preparationTime", "source",
           "ingredients", "directions", "favorite"]


@pytest.fixture
def recipes(phone: VirtualPhone) -> RecipesApp:
    """The phone's Recipes with its starting content removed, so each test sees only its own rows."""
    app = phone.host.apps[PKG]
    assert isinstance(app, RecipesApp)
    app.clear()
    return app


def rows(phone: VirtualPhone) -> list[dict[str, Any]]:
    conn = sqlite3.connect(phone.data_dir / "data" / PKG / "databases" / "broccoli")
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM recipes ORDER BY recipeId")]
    finally:
        conn.close()


def titles(phone: VirtualPhone) -> list[str]:
    return [e.text for e in elements(phone) if e.resource_id == f"{PKG}:id/card_text_view_title"]


def toast(phone: VirtualPhone) -> str:
    return phone.host.state.toast.text if phone.host.state.toast is not None else ""


def fill(phone: VirtualPhone, rid: str, text: str) -> None:
    """Hide the keyboard, scroll the field into view, then tap it and type."""
    if phone.host.state.keyboard_shown:
        phone.press_key("BACK")
    scroll_to(phone, rid=rid)
    type_into(phone, text, rid=rid)


def erase(phone: VirtualPhone, count: int) -> None:
    for _ in range(count):
        phone.press_key("DEL")


def test_add_a_recipe_with_multiline_ingredients(phone: VirtualPhone, recipes: RecipesApp) -> None:
    open_app(phone, "Recipes")
    assert phone.current_focus() == (PKG, LIST)
    need(phone, rid="recipes_empty", text="Create your first recipe and start your collection!")
    tap(phone, desc="Add recipe", rid="fab_recipes")
    assert phone.current_focus() == (PKG, EDITOR)
    tap(phone, text="Save", rid="button_save_recipe")
    assert toast(phone) == "Please add a title." and rows(phone) == []

    type_into(phone, "Shakshuka", rid="new_title")
    fill(phone, "new_description", "Eggs poached in spicy tomato sauce.")
    fill(phone, "new_servings", "2 servings")
    fill(phone, "new_preparation_time", "30 min")
    fill(phone, "new_source", "grandma")
    fill(phone, "new_ingredients", "4 eggs\n1 can tomatoes\n1 onion")  # `input text` with line breaks
    fill(phone, "new_directions", "Fry the onion.")
    phone.press_key("ENTER")  # the keyboard's Enter in a multi-line field starts a new line
    phone.input_text("Add tomatoes, then crack in the eggs.")
    phone.press_key("BACK")
    scroll_to(phone, rid="new_favorite")
    tap(phone, text="Favourite", rid="new_favorite")
    tap(phone, text="Save")

    assert phone.current_focus() == (PKG, LIST) and toast(phone) == "The recipe has been saved."
    [row] = rows(phone)
    assert list(row) == COLUMNS
    assert row | {"recipeId": 0} == {
        "recipeId": 0, "title": "Shakshuka", "imageName": "", "description": "Eggs poached in spicy tomato sauce.",
        "servings": "2 servings", "preparationTime": "30 min", "source": "grandma",
        "ingredients": "4 eggs\n1 can tomatoes\n1 onion",
        "directions": "Fry the onion.\nAdd tomatoes, then crack in the eggs.", "favorite": 1}
    assert titles(phone) == ["Shakshuka"]
    need(phone, rid="card_text_view_description", text="Eggs poached in spicy tomato sauce.")

    tap(phone, text="Shakshuka")
    assert phone.current_focus() == (PKG, DETAILS)
    need(phone, rid="details_preparation_time", text="30 min")
    assert [e.text for e in elements(phone) if e.resource_id.endswith("/ingredient_text")] == [
        "4 eggs", "1 can tomatoes", "1 onion"]
    assert [e.text for e in elements(phone) if e.resource_id.endswith("/direction_number")] == ["1", "2"]


def test_edit_a_recipe_and_discard_changes(phone: VirtualPhone, recipes: RecipesApp) -> None:
    rid = recipes.insert_recipe("Pancakes", "Fluffy.", "4 servings", "20 min", "flour\neggs", "Mix.\nFry.")
    open_app(phone, "Recipes")
    tap(phone, text="Pancakes")
    tap(phone, desc="Edit", rid="action_details_edit")
    assert phone.current_focus() == (PKG, EDITOR)
    tap(phone, rid="new_title")
    erase(phone, len("Pancakes"))
    phone.input_text("Blueberry pancakes")
    fill(phone, "new_ingredients", "\nblueberries")
    tap(phone, text="Save")

    assert phone.current_focus() == (PKG, DETAILS)
    need(phone, rid="details_title", text="Blueberry pancakes")
    [row] = rows(phone)
    assert (row["recipeId"], row["title"], row["ingredients"], row["directions"]) == (
        rid, "Blueberry pancakes", "flour\neggs\nblueberries", "Mix.\nFry.")

    tap(phone, desc="Edit")
    type_into(phone, " X", rid="new_title")
    phone.press_key("BACK")  # hides the keyboard
    phone.press_key("BACK")  # asks before throwing the edit away
    need(phone, text="Discard changes?")
    tap(phone, text="Discard")
    assert phone.current_focus() == (PKG, DETAILS)
    assert rows(phone)[0]["title"] == "Blueberry pancakes"


def test_delete_a_recipe_from_its_details(phone: VirtualPhone, recipes: RecipesApp) -> None:
    keep = recipes.insert_recipe("Lentil Soup")
    recipes.insert_recipe("Greek Salad")
    open_app(phone, "Recipes")
    assert titles(phone) == ["Greek Salad", "Lentil Soup"]
    tap(phone, text="Greek Salad")
    tap(phone, desc="More options")
    tap(phone, text="Delete")
    need(phone, text="Delete this recipe?")
    tap(phone, text="Cancel")
    assert len(rows(phone)) == 2
    tap(phone, desc="More options")
    tap(phone, text="Delete")
    tap(phone, text="Delete", rid="android:id/button1")
    assert phone.current_focus() == (PKG, LIST)
    assert [r["recipeId"] for r in rows(phone)] == [keep]
    assert titles(phone) == ["Lentil Soup"]


def test_select_several_recipes_by_long_press_and_delete_them(phone: VirtualPhone, recipes: RecipesApp) -> None:
    ids = {t: recipes.insert_recipe(t, "Tasty.") for t in ("Apple Pie", "Beef Stew", "Caesar Salad", "Dal")}
    open_app(phone, "Recipes")
    phone.long_press(*need(phone, text="Beef Stew").bounds.center)
    need(phone, rid="action_bar_title", text="1 selected")
    assert find(phone, desc="Add recipe") is None
    tap(phone, text="Dal")
    tap(phone, text="Apple Pie")
    tap(phone, text="Apple Pie")  # a second tap unselects
    need(phone, text="2 selected")
    tap(phone, desc="Delete", rid="action_delete")
    need(phone, text="Delete 2 recipes?")
    tap(phone, text="Delete", rid="android:id/button1")

    assert [r["recipeId"] for r in rows(phone)] == [ids["Apple Pie"], ids["Caesar Salad"]]
    assert titles(phone) == ["Apple Pie", "Caesar Salad"]
    need(phone, desc="Add recipe")

    phone.long_press(*need(phone, text="Apple Pie").bounds.center)
    tap(phone, desc="Select all")
    need(phone, text="2 selected")
    phone.press_key("BACK")  # leaves selection mode, deletes nothing
    need(phone, text="Recipes", rid="action_bar_title")
    assert len(rows(phone)) == 2


def test_search_by_title_and_ingredient(phone: VirtualPhone, recipes: RecipesApp) -> None:
    recipes.insert_recipe("Tomato Soup", ingredients="tomatoes\ncream")
    recipes.insert_recipe("Pesto Pasta", ingredients="basil\npine nuts\npasta")
    recipes.insert_recipe("Caprese", ingredients="tomatoes\nmozzarella\nbasil")
    open_app(phone, "Recipes")
    tap(phone, desc="Search", rid="action_search")
    phone.input_text("basil")  # the search field has focus and the keyboard is up
    assert titles(phone) == ["Caprese", "Pesto Pasta"]
    tap(phone, desc="Clear query")
    phone.input_text("SOUP")
    assert titles(phone) == ["Tomato Soup"]
    phone.input_text("x")
    need(phone, rid="recipes_empty", text="No recipes found.")
    tap(phone, desc="Collapse")
    assert titles(phone) == ["Caprese", "Pesto Pasta", "Tomato Soup"]


def test_favourite_star_and_filter(phone: VirtualPhone, recipes: RecipesApp) -> None:
    recipes.insert_recipe("Brownies")
    recipes.insert_recipe("Waffles", favorite=True)
    open_app(phone, "Recipes")
    tap(phone, text="Favourites", rid="chip_favorites")
    assert titles(phone) == ["Waffles"]
    tap(phone, text="All recipes")
    tap(phone, text="Brownies")
    tap(phone, desc="Add to favourites", rid="action_details_like")
    need(phone, desc="Remove from favourites", rid="action_details_unlike")
    assert [r["favorite"] for r in rows(phone)] == [1, 1]
    phone.press_key("BACK")
    tap(phone, text="Favourites")
    assert titles(phone) == ["Brownies", "Waffles"]
    tap(phone, text="Waffles")
    tap(phone, desc="Remove from favourites")
    phone.press_key("BACK")
    assert titles(phone) == ["Brownies"]
    assert [r["favorite"] for r in rows(phone)] == [1, 0]


def test_share_sends_the_recipe_as_text(phone: VirtualPhone, recipes: RecipesApp) -> None:
    recipes.insert_recipe("Guacamole", "Dip.", "4 servings", "10 min", "3 avocados\n1 lime", "Mash.\nSeason.")
    open_app(phone, "Recipes")
    tap(phone, text="Guacamole")
    tap(phone, desc="More options")
    tap(phone, text="Share")
    assert phone.current_focus()[0] == "com.android.intentresolver"
    tap(phone, text="Copy")
    assert phone.host.clipboard == ("Guacamole\n\nDip.\n\nServings: 4 servings\nPreparation time: 10 min\n\n"
                                    "Ingredients\n- 3 avocados\n- 1 lime\n\nDirections\n1. Mash.\n2. Season.")
    assert phone.current_focus() == (PKG, DETAILS)

    # Recipes accepts shared text itself: sharing to it opens a new recipe prefilled from the text.
    tap(phone, desc="More options")
    tap(phone, text="Share")
    tap(phone, desc="Recipes")
    assert phone.current_focus() == (PKG, EDITOR)
    need(phone, rid="new_title", text="Guacamole")
    tap(phone, text="Save")
    assert phone.current_focus() == (PKG, DETAILS)
    assert [r["title"] for r in rows(phone)] == ["Guacamole", "Guacamole"]
    assert rows(phone)[1]["description"].startswith("Dip.\n\nServings: 4 servings")


def test_monkey_then_back_and_home(phone: VirtualPhone) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 7 --throttle 0 3000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 3000" in result.stdout.decode()
    assert "internal error" not in result.stderr.decode()
    phone.shell("input keyevent BACK")
    phone.shell("input keyevent HOME")
    assert phone.current_focus() == ("com.android.launcher3", "com.android.launcher3.Launcher")
